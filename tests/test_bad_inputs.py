"""Hostile and broken input through the real command line (issue 6).

Every file in tests/bad_inputs/ is checked by ``python -m budgetlint check`` in a subprocess, as
CI and pre-commit run it. For each case: the exit code, no traceback, the first finding names the
file and its line:column with the expected rule and words, and the input bytes are unchanged.
Further cases are generated here because they are large (size and depth limits) or need a
temporary directory (rule directories, output files).
"""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "bad_inputs"
MANIFEST: dict[str, dict[str, Any]] = yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))
EXAMPLE = ROOT / "examples" / "henan-2023-weibin-kjgxj.yaml"
CLEAN = ROOT / "tests" / "fixtures" / "clean-henan-2023.yaml"
HANG_GUARD_SECONDS = 120  # a subprocess that takes this long is a hang, not a slow run


@dataclass(frozen=True, slots=True)
class Run:
    code: int
    out: str
    err: str

    def findings(self, file: Path | str) -> list[str]:
        """Finding lines (not the indented notes) for ``file``."""
        return [line for line in self.out.splitlines() if line.startswith(f"{file}:")]


def run_check(*args: str | Path, cwd: Path) -> Run:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "GITLAB_CI", "GITHUB_STEP_SUMMARY")}
    done = subprocess.run(
        [sys.executable, "-m", "budgetlint", "check", "--format", "parsable", *map(str, args)],
        capture_output=True, encoding="utf-8", errors="replace", cwd=cwd, env=env, timeout=HANG_GUARD_SECONDS,
    )
    run = Run(done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in run.out + run.err, run.out + run.err
    return run


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def test_manifest_covers_the_corpus() -> None:
    files = {p.name for p in CORPUS.iterdir() if p.name != "manifest.yaml"}
    assert files == set(MANIFEST)


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_corpus_case(name: str, tmp_path: Path) -> None:
    case = MANIFEST[name]
    path = CORPUS / name
    before = snapshot(path)
    run = run_check("--no-config", path, cwd=tmp_path)
    assert snapshot(path) == before, "budgetlint changed an input file"
    assert run.code == case["exit"], run.out + run.err
    findings = run.findings(path)
    # A file that fails the structure check also says, in every format, that the rules did not run (BL006).
    not_run = [f for f in findings if f.endswith("[BL006]")]
    assert len(not_run) == (case["rule"] == "BL002"), run.out
    assert not_run == [] or not_run[0].startswith(f"{path}:1:1: warning: 语义规则未运行：结构校验未通过"), not_run
    findings = [f for f in findings if f not in not_run]
    assert len(findings) == case.get("count", 1), run.out
    first = findings[0]
    assert first.startswith(f"{path}:{case['at']}: error: "), first
    assert first.endswith(f"[{case['rule']}]"), first
    assert case["says"] in first, first
    # "touch PWNED" in python-tag cases would land in the working directory if anything ran
    assert list(tmp_path.iterdir()) == []


def test_broken_files_do_not_stop_the_run(tmp_path: Path) -> None:
    """One run over the whole corpus and a real disclosure: every file reported, exit code 2."""
    corpus = sorted(CORPUS / name for name in MANIFEST)
    run = run_check("--no-config", *corpus, EXAMPLE, cwd=tmp_path)
    assert run.code == 2
    for path in corpus:
        assert run.findings(path), f"no finding for {path.name}"
    # the contradiction in the example is still found after fifty broken files
    assert any(line.endswith("[BL211]") for line in run.findings(EXAMPLE))


def _copy(source: Path, target: Path, transform: Any = None) -> Path:
    data = source.read_bytes()
    target.write_bytes(transform(data) if transform else data)
    return target


def _locations(run: Run, file: Path) -> list[str]:
    """Findings with the file name cut off, to compare two runs on differently named files."""
    return [line[len(str(file)):] for line in run.findings(file)]


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda data: codecs.BOM_UTF8 + data, id="utf8-bom"),
        pytest.param(lambda data: data.replace(b"\n", b"\r\n"), id="crlf"),
        pytest.param(lambda data: codecs.BOM_UTF8 + data.replace(b"\n", b"\r\n"), id="bom-and-crlf"),
    ],
)
def test_accepted_variants_read_the_same(variant: Any, tmp_path: Path) -> None:
    """UTF-8 with BOM and Windows line endings give the same findings at the same places."""
    plain = _copy(EXAMPLE, tmp_path / "plain.yaml")
    other = _copy(EXAMPLE, tmp_path / "other.yaml", variant)
    expected, got = run_check("--no-config", plain, cwd=tmp_path), run_check("--no-config", other, cwd=tmp_path)
    assert got.code == expected.code == 1
    assert _locations(got, other) == _locations(expected, plain) != []


@pytest.mark.parametrize(
    ("name", "text", "says"),
    [
        ("deep-100k.yaml", "[" * 100_000, "嵌套层数超过 YAML 解析器的上限"),
        ("deep-100k-closed.yaml", "[" * 100_000 + "]" * 100_000, "嵌套层数超过 YAML 解析器的上限"),
        ("deep-block.yaml", "- " * 100_000 + "x\n", "嵌套层数超过 YAML 解析器的上限"),
        ("deep-100k.json", "[" * 100_000 + "]" * 100_000, "嵌套层数超过上限 64"),
        ("deep-object.json", '{"a":' * 50_000 + "1" + "}" * 50_000, "嵌套层数超过上限 64"),
    ],
)
def test_very_deep_nesting_is_one_finding(name: str, text: str, says: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    run = run_check("--no-config", path, cwd=tmp_path)
    assert run.code == 2
    [finding] = run.findings(path)
    assert finding.endswith("[BL001]") and says in finding


def test_wide_billion_laughs_stays_small(tmp_path: Path) -> None:
    """30 levels of doubling aliases: 2**30 leaves if expanded; reported per anchor instead."""
    lines = ["a0: &a0 [lol, lol]"] + [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, 30)]
    path = tmp_path / "laughs.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = run_check("--no-config", path, cwd=tmp_path)
    assert run.code == 2
    assert len(run.findings(path)) == 30


def test_very_long_line_is_read(tmp_path: Path) -> None:
    """A 9 MB line (3 million CJK characters) in the 附件标题: read, and nothing else changes."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "\n附件标题:" in text
    path = tmp_path / "long.yaml"
    path.write_text(text.replace("\n附件标题:", "\n附件标题: " + "长" * 3_000_000 + " #", 1), encoding="utf-8")
    plain = _copy(EXAMPLE, tmp_path / "plain.yaml")
    expected, got = run_check("--no-config", plain, cwd=tmp_path), run_check("--no-config", path, cwd=tmp_path)
    assert got.code == expected.code
    assert _locations(got, path) == _locations(expected, plain) != []


def test_file_size_limit_default_and_configured(tmp_path: Path) -> None:
    from budgetlint.engine import DEFAULT_MAX_BYTES

    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * DEFAULT_MAX_BYTES + b"\n")
    run = run_check("--no-config", big, cwd=tmp_path)
    assert run.code == 2
    [finding] = run.findings(big)
    assert f"{big}:1:1: error: 文件大小超过上限 {DEFAULT_MAX_BYTES} 字节" in finding

    config = tmp_path / ".budgetlint.toml"
    config.write_text("[limits]\nmax-file-bytes = 1000\n", encoding="utf-8")
    clean = _copy(CLEAN, tmp_path / "clean.yaml")
    run = run_check("--config", config, clean, cwd=tmp_path)
    assert run.code == 2
    assert "文件大小超过上限 1000 字节" in run.findings(clean)[0]


def test_depth_limit_is_configurable(tmp_path: Path) -> None:
    config = tmp_path / ".budgetlint.toml"
    config.write_text("[limits]\nmax-depth = 3\n", encoding="utf-8")
    clean = _copy(CLEAN, tmp_path / "clean.yaml")
    run = run_check("--config", config, clean, cwd=tmp_path)
    assert run.code == 2
    assert "嵌套层数超过上限 3" in run.findings(clean)[0]


def test_max_findings_limits_what_is_printed(tmp_path: Path) -> None:
    everything = run_check("--no-config", EXAMPLE, cwd=tmp_path)
    assert len(everything.findings(EXAMPLE)) > 1
    limited = run_check("--no-config", "--max-findings", "1", EXAMPLE, cwd=tmp_path)
    assert limited.code == everything.code == 1
    assert len(limited.findings(EXAMPLE)) == 1


CRASHING_RULE = '''"""A rule that always fails (test fixture)."""

from dataclasses import dataclass

from budgetlint.finding import Severity
from budgetlint.rule import RuleMeta

META = RuleMeta(id="BL901", name="always-crashes", title="测试：总是出错的规则", severity=Severity.ERROR)


@dataclass(frozen=True)
class Options:
    pass


def check(doc, opts):
    raise ZeroDivisionError("测试用的故障")
    yield
'''


def test_a_crashing_rule_is_an_internal_error_finding(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bl901_always_crashes.py").write_text(CRASHING_RULE, encoding="utf-8")
    run = run_check("--no-config", "--rules-dir", rules, EXAMPLE, cwd=tmp_path)
    assert run.code == 2
    lines = run.findings(EXAMPLE)
    [internal] = [line for line in lines if line.endswith("[BL009]")]
    assert "BL901" in internal and "ZeroDivisionError" in internal and internal.startswith(f"{EXAMPLE}:1:1:")
    assert any(line.endswith("[BL211]") for line in lines), "the other rules must still run"


EVIL_RULE = '''"""Would prove that a file in the checked repository was executed."""
from pathlib import Path
Path(__file__).with_name("EXECUTED").write_text("yes")
'''


def test_rule_files_next_to_the_data_are_not_executed(tmp_path: Path) -> None:
    """A pull request that adds rules.d/*.py (or any *.py) does not make budgetlint run it."""
    for directory in ("rules.d", "rules", ".budgetlint", "."):
        target = tmp_path / directory
        target.mkdir(exist_ok=True)
        (target / "bl902_evil.py").write_text(EVIL_RULE, encoding="utf-8")
    data = _copy(EXAMPLE, tmp_path / "disclosure.yaml")
    run = run_check("--no-config", tmp_path, cwd=tmp_path)
    assert run.code == 1 and run.findings(data)
    assert not list(tmp_path.rglob("EXECUTED"))


def test_report_file_is_replaced_whole_and_inputs_untouched(tmp_path: Path) -> None:
    data = _copy(EXAMPLE, tmp_path / "disclosure.yaml")
    before = snapshot(data)
    report = tmp_path / "report.json"
    report.write_text("old report\n", encoding="utf-8")
    run = run_check("--no-config", "--output-format", f"json:{report}", "-o", tmp_path / "report.txt", data,
                    cwd=tmp_path)
    assert run.code == 1
    assert report.read_text(encoding="utf-8").startswith("{") and "BL211" in report.read_text(encoding="utf-8")
    assert "[BL211]" in (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert snapshot(data) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["disclosure.yaml", "report.json", "report.txt"]


@pytest.mark.parametrize("option", ["-o", "--output-format=json:"])
def test_output_onto_an_input_file_is_refused(option: str, tmp_path: Path) -> None:
    data = _copy(EXAMPLE, tmp_path / "disclosure.yaml")
    before = snapshot(data)
    args = [option, str(data)] if option == "-o" else [f"{option}{data}"]
    run = run_check("--no-config", *args, data, cwd=tmp_path)
    assert run.code == 2
    assert "从不覆盖输入文件" in run.err
    assert snapshot(data) == before


def test_unreadable_path_is_a_finding_not_an_abort(tmp_path: Path) -> None:
    """A path that cannot be read as a file (here a directory) is a BL001 finding on it, not an abort."""
    from budgetlint.engine import lint_file

    result = lint_file(str(tmp_path), ())
    assert result.unreadable
    [finding] = result.findings
    assert finding.rule_id == "BL001" and "无法读取文件" in finding.message


def test_an_engine_failure_is_a_finding_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    """The last line of defence in lint_bytes: a bug anywhere in the pipeline costs one file, not the run."""
    import budgetlint.engine as engine

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("测试用的故障")

    monkeypatch.setattr(engine, "lint_text", broken)
    result = engine.lint_bytes("d.yaml", EXAMPLE.read_bytes(), ())
    assert result.internal_error
    [finding] = result.findings
    assert finding.rule_id == "BL009" and finding.file == "d.yaml" and "RuntimeError: 测试用的故障" in finding.message


def test_a_bad_rule_option_is_still_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """The safety net must not swallow OptionsError: the CLI turns it into a usage error (exit 2)."""
    import budgetlint.engine as engine

    def bad_option(*args: Any, **kwargs: Any) -> Any:
        raise engine.OptionsError("规则 BL211 没有选项“x”")

    monkeypatch.setattr(engine, "lint_text", bad_option)
    with pytest.raises(engine.OptionsError):
        engine.lint_bytes("d.yaml", EXAMPLE.read_bytes(), ())
