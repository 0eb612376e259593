"""`budgetlint import`: exit codes, messages in Chinese, never a traceback, never a partial file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from budgetlint.cli import main

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "shanghai-putuo"
BLANK_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
             b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")

# an encrypted document whose password is not empty (pdfminer cannot derive the key from "")
ENCRYPTED_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                 b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n4 0 obj<</Filter/Standard/V 1/R 2/O<"
                 + b"11" * 32 + b">/U<" + b"22" * 32 + b">/P -4>>endobj\ntrailer<</Root 1 0 R/Encrypt 4 0 R/ID[<"
                 + b"33" * 16 + b"><" + b"33" * 16 + b">]>>\n%%EOF\n")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "文件是空的"),
        (b"hello, not a pdf", "不是 PDF 文件"),
        (b"%PDF-1.4\n1 0 obj<</Type/Catalog", "PDF 文件损坏或不完整"),
        (BLANK_PDF, "没有文字层"),
        (ENCRYPTED_PDF, "PDF 已加密"),
    ],
)
def test_unreadable_input_is_exit_3_with_a_chinese_message_and_no_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    source = tmp_path / "in.pdf"
    source.write_bytes(content)
    out = tmp_path / "out.yaml"
    assert main(["import", str(source), "-o", str(out)]) == 3
    err = capsys.readouterr().err
    assert message in err and str(source) in err and "Traceback" not in err
    assert not out.exists()


def test_missing_file_and_unknown_type(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(tmp_path / "nope.pdf")]) == 3
    (tmp_path / "a.docx").write_text("x")
    assert main(["import", str(tmp_path / "a.docx")]) == 3
    err = capsys.readouterr().err
    assert "文件不存在" in err and "不支持的文件类型" in err


def test_output_option_needs_a_single_input(tmp_path: Path) -> None:
    assert main(["import", "a.pdf", "b.pdf", "-o", str(tmp_path / "x.yaml")]) == 2


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
def test_corpus_file_imports_and_checks_without_schema_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pdfplumber")
    source = tmp_path / "commerce.pdf"
    shutil.copy(CORPUS / "commerce-2025-bumen-yusuan.pdf", source)
    assert main(["import", str(source)]) == 0
    out = tmp_path / "commerce.yaml"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    capsys.readouterr()
    # the imported file is a disclosure like any other: every rule runs, no schema error, no finding
    assert main(["check", "-f", "json", str(out)]) == 0
    assert '"BL002"' not in capsys.readouterr().out


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
def test_unplaced_content_exits_1_and_writes_only_with_allow_partial(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pdfplumber")
    source = CORPUS / "commerce-2025-bumen-yusuan.pdf"
    out = tmp_path / "x.yaml"
    # read as a 决算 profile, none of the 预算 tables has a place: every one is reported, nothing written
    assert main(["import", str(source), "--profile", "shanghai-juesuan", "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert "PDF 第 9 页" in captured.out and "未写出文件" in captured.err and not out.exists()
    assert main(["import", str(source), "--profile", "shanghai-juesuan", "-o", str(out), "--allow-partial"]) == 1
    assert out.exists()


class _Terminal:
    """A stderr that says it is a terminal, recording what is written."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return True


def test_several_files_show_progress_on_a_terminal_and_each_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a.pdf", "b.pdf"):
        (tmp_path / name).write_bytes(b"not a pdf")
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["import", str(tmp_path / "a.pdf"), str(tmp_path / "b.pdf")]) == 3
    assert "[1/2] a.pdf" in terminal.text and "[2/2] b.pdf" in terminal.text
    assert terminal.text.count("不是 PDF 文件") == 2  # one bad file does not stop the others
    # not a terminal: no progress line, the same messages
    plain = _Terminal()
    plain.isatty = lambda: False  # type: ignore[method-assign]
    monkeypatch.setattr("sys.stderr", plain)
    assert main(["import", str(tmp_path / "a.pdf"), str(tmp_path / "b.pdf")]) == 3
    assert "[1/2]" not in plain.text and plain.text.count("不是 PDF 文件") == 2


def test_an_internal_error_is_a_message_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "in.pdf"
    source.write_bytes(b"%PDF-1.4")

    def broken(path: Path, profile: str | None) -> None:
        raise KeyError("收入")

    monkeypatch.setattr("budgetlint.importer.command.import_file", broken)
    assert main(["import", str(source)]) == 2
    err = capsys.readouterr().err
    assert "内部错误" in err and "KeyError" in err and "Traceback" not in err
    assert not (tmp_path / "in.yaml").exists()


def _text_pdf(line: bytes, *, glued: bool = False) -> bytes:
    """A one-page PDF with one line of text (Helvetica), built by hand with a correct xref; `glued` writes
    "4 0 obj<<…>>stream" without a line break, which pdfminer cannot execute (it logs a warning)."""
    stream = b"BT /F1 12 Tf 72 712 Td (" + line + b") Tj ET"
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>",
        b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += (b"%d 0 obj" % number + body + b"endobj\n") if glued else (b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def test_a_document_without_any_known_table_title_asks_for_a_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pdfplumber")
    source = tmp_path / "letter.pdf"
    source.write_bytes(_text_pdf(b"Annual report"))
    assert main(["import", str(source)]) == 3
    err = capsys.readouterr().err
    assert "无法从文件中的表名判断地区规范" in err and "--profile" in err
    assert not (tmp_path / "letter.yaml").exists()


def test_pdfminer_warnings_do_not_reach_the_user(tmp_path: Path) -> None:
    # a separate process: under pytest, log records go to pytest's handler, not to the terminal
    import subprocess
    import sys

    pytest.importorskip("pdfplumber")
    source = tmp_path / "glued.pdf"
    source.write_bytes(_text_pdf(b"Annual report", glued=True))
    run = subprocess.run([sys.executable, "-m", "budgetlint", "import", str(source)], capture_output=True, text=True,
                         encoding="utf-8", timeout=120)
    assert run.returncode == 3
    assert [line for line in run.stderr.splitlines() if line] == [
        f"budgetlint: 错误：{source}: PDF 没有文字层（可能是扫描件），无法导入；请先做文字识别（OCR）"]


def test_a_result_the_schema_refuses_is_reported_not_written(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from budgetlint.importer.document import Imported

    source = tmp_path / "in.pdf"
    source.write_bytes(b"%PDF-1.4")
    wrong = {"格式版本": 1, "部门": "某局", "年度": 2024, "类型": "预算", "规范": "shanghai", "金额单位": "元",
             "表格": {"收支总表": {"收入": {"收入总计": "1,000.00"}}}}  # an amount left as text: a mapper defect
    monkeypatch.setattr("budgetlint.importer.command.import_file",
                        lambda path, profile: Imported(wrong, (), "shanghai", {}))
    assert main(["import", str(source)]) == 1
    out = capsys.readouterr().out
    assert "导入结果不符合公开文件格式" in out and "BL002" in out
    assert not (tmp_path / "in.yaml").exists()
