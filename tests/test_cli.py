"""The command line: exit codes, format auto-detection, several outputs, colour, step summary, limits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from budgetlint.cli import main, resolve_format, use_color
from conftest import CLEAN, EXAMPLE, SHARED_DATA


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A disclosure with contradictions (bad.yaml), a clean one (good.yaml), and a clean CI environment."""
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_ACTIONS", "GITLAB_CI", "GITHUB_STEP_SUMMARY", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "bad.yaml").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "good.yaml").write_bytes(CLEAN.read_bytes())
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", "--no-config", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_exit_codes(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "good.yaml")[0] == 0
    code, out, _ = run(capsys, "bad.yaml")
    assert code == 1 and "bad.yaml:" in out and "[BL211]" in out
    (work / "broken.yaml").write_text("格式版本: [1\n", encoding="utf-8")
    code, out, _ = run(capsys, "broken.yaml")
    assert code == 2 and "[BL001]" in out
    code, _, err = run(capsys, "missing.yaml")
    assert code == 2 and "找不到路径：missing.yaml" in err
    code, _, err = run(capsys, "good.yaml", "--format", "xml")
    assert code == 2 and "未知的输出格式“xml”" in err


def test_fail_level_info_fails_on_anything(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "note.yaml").write_text(CLEAN.read_text(encoding="utf-8").replace(
        "格式版本: 1", "格式版本: 1  # budgetlint: disable-line=BL211 -- 没有用", 1), encoding="utf-8")
    code, out, _ = run(capsys, "note.yaml")
    assert code == 0 and ": info: " in out and "[BL003]" in out
    assert run(capsys, "note.yaml", "--fail-level", "info")[0] == 1


def test_auto_format_follows_the_environment() -> None:
    assert resolve_format("auto", {"GITHUB_ACTIONS": "true"}, True) == "github"
    assert resolve_format("auto", {"GITLAB_CI": "true"}, False) == "gitlab"
    assert resolve_format("auto", {}, True) == "text"
    assert resolve_format("auto", {}, False) == "parsable"
    assert resolve_format("json", {"GITHUB_ACTIONS": "true"}, True) == "json"


def test_auto_under_github_actions_writes_annotations_and_step_summary(
        work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    summary = work / "summary.md"
    summary.write_text("前一步的内容\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = run(capsys, "bad.yaml")
    assert code == 1 and out.startswith("::error file=bad.yaml,line=")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("前一步的内容\n## budgetlint\n")  # appended, not replaced
    assert "| 错误 | BL211 overall-performance-total | bad.yaml:" in text


def test_auto_under_gitlab_ci(work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITLAB_CI", "true")
    code, out, _ = run(capsys, "bad.yaml")
    issues = json.loads(out)
    assert code == 1 and {i["check_name"] for i in issues} >= {"BL211"}


def test_several_outputs_in_one_run(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "bad.yaml", "good.yaml", "--format", "json", "--output", "report.json",
                       "--output-format", "sarif:report.sarif", "--output-format", "junit:report.xml")
    assert code == 1 and out == ""
    assert json.loads((work / "report.json").read_text(encoding="utf-8"))["summary"]["files"] == 2
    assert json.loads((work / "report.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert (work / "report.xml").read_text(encoding="utf-8").startswith("<?xml")
    assert not list(work.glob(".report*.tmp"))  # atomic writes leave no temporary files


def test_output_format_needs_a_file_and_distinct_targets(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "good.yaml", "--output-format", "sarif")
    assert code == 2 and "格式:文件" in err
    code, _, err = run(capsys, "good.yaml", "--output", "a", "--output-format", "json:a")
    assert code == 2 and "同一个文件" in err


def test_colour(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert use_color("auto", {}, True) and not use_color("auto", {"NO_COLOR": "1"}, True)
    assert use_color("auto", {"NO_COLOR": ""}, True) and not use_color("auto", {}, False)
    assert use_color("always", {"NO_COLOR": "1"}, False) and not use_color("never", {}, True)
    _, out, _ = run(capsys, "bad.yaml", "--format", "text", "--color", "always")
    assert "\x1b[31m错误\x1b[0m" in out
    _, out, _ = run(capsys, "bad.yaml", "--format", "text")
    assert "\x1b[" not in out and "错误  BL211" in out


def test_text_format_shows_the_line_and_a_marker_under_the_figure(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "bad.yaml", "--format", "text", "--select", "BL211")
    lines = out.splitlines()
    source = next(i for i, line in enumerate(lines) if "部门预算总额: 291.38" in line)
    marker = lines[source + 1]
    # 部门预算总额 is six wide characters (twelve columns): the carets sit under "291.38"
    from budgetlint.reporters.text import width

    assert marker.index("^") == width(lines[source][: lines[source].index("291.38")])
    assert marker.strip("| ").strip() == "^^^^^^"
    assert lines[-1] == "检查了 1 个文件：错误 1 个，警告 0 个，提示 0 个。"


def test_max_findings_keeps_the_most_severe(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "bad.yaml", "--format", "json")
    everything = json.loads(out)
    code, out, _ = run(capsys, "bad.yaml", "--format", "json", "--max-findings", "2")
    limited = json.loads(out)
    assert code == 1 and len(limited["findings"]) == 2
    assert limited["summary"]["omitted"] == len(everything["findings"]) - 2


def test_sarif_for_examples_validates_against_the_official_schema(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    schema_path = SHARED_DATA / "sarif-schema-2.1.0.json"
    if not schema_path.exists():
        pytest.skip(f"{schema_path} 不存在")
    import jsonschema

    code, out, _ = run(capsys, str(EXAMPLE.parent), "--format", "sarif")
    document = json.loads(out)
    validator = jsonschema.Draft4Validator(json.loads(schema_path.read_text(encoding="utf-8")))
    assert [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)] == []
    results = document["runs"][0]["results"]
    assert code == 1 and results and all(r["partialFingerprints"]["budgetlint/v1"] for r in results)
    assert any(r.get("relatedLocations") for r in results)


def test_only_disclosures_skips_other_yaml(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "ci.yml").write_text("jobs: {}\n", encoding="utf-8")
    assert run(capsys, "ci.yml", "good.yaml")[0] == 1  # a named file is checked (schema errors)
    assert run(capsys, "ci.yml", "good.yaml", "--only-disclosures")[0] == 0


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
