"""JUnit: only findings at or above the fail level are failures (issue 12 item 7).

GitLab's Tests tab, Jenkins and Azure count every <failure> as a failed test: a warning or an info
note reported as one turned the tab red on a job that passed. Findings below the fail level are still
there, as passing test cases whose <system-out> carries the finding.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from budgetlint.cli import main
from budgetlint.finding import Finding, Severity
from budgetlint.reporters import Report, reporter
from budgetlint.source import Span
from conftest import CLEAN

FINDINGS = (
    Finding("a.yaml", Span(3, 1, 3, 5), "BL211", Severity.ERROR, "部门预算总额不一致", "overall-performance-total"),
    Finding("a.yaml", Span(5, 1, 5, 5), "BL004", Severity.WARNING, "抑制注释缺少理由", "bad-suppression"),
    Finding("b.yaml", Span(1, 1, 1, 2), "BL003", Severity.INFO, "抑制注释没有抑制任何发现", "unused-suppression"),
)


def parse(fail_level: Severity) -> ET.Element:
    return ET.fromstring(reporter("junit")(Report(FINDINGS, 2, fail_level=fail_level), False))


def failing_rules(root: ET.Element) -> list[str]:
    return [case.get("name", "").split()[0] for case in root.iter("testcase") if case.find("failure") is not None]


def test_default_fail_level_error_fails_only_errors() -> None:
    root = parse(Severity.ERROR)
    assert failing_rules(root) == ["BL211"]
    assert root.get("tests") == "3" and root.get("failures") == "1"
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert suites["a.yaml"].get("failures") == "1" and suites["b.yaml"].get("failures") == "0"


def test_findings_below_the_fail_level_stay_visible_as_output() -> None:
    root = parse(Severity.ERROR)
    case = next(c for c in root.iter("testcase") if c.get("name", "").startswith("BL004"))
    assert case.find("failure") is None
    out = case.find("system-out")
    assert out is not None and out.text == "a.yaml:5:1: 警告 [BL004] 抑制注释缺少理由"


def test_fail_level_info_fails_on_everything() -> None:
    root = parse(Severity.INFO)
    assert failing_rules(root) == ["BL211", "BL004", "BL003"] and root.get("failures") == "3"


def test_cli_passes_its_fail_level_to_junit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    # An unused suppression: an info finding (BL003) on an otherwise clean disclosure.
    (tmp_path / "note.yaml").write_text(CLEAN.read_text(encoding="utf-8").replace(
        "格式版本: 1", "格式版本: 1  # budgetlint: disable-line=BL211 -- 没有用", 1), encoding="utf-8")
    assert main(["check", "--no-config", "-f", "junit", "note.yaml"]) == 0
    green = ET.fromstring(capsys.readouterr().out)
    assert green.get("failures") == "0" and "BL003" in ET.tostring(green, encoding="unicode")
    assert main(["check", "--no-config", "-f", "junit", "--fail-level", "info", "note.yaml"]) == 1
    assert ET.fromstring(capsys.readouterr().out).get("failures") == "1"
