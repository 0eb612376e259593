"""One fixed list of findings rendered by every reporter and compared with a golden file.

The findings carry what breaks naive reporters: a path and a message with ``%``, ``,``, ``:``, a line
break and Chinese text. ``BUDGETLINT_UPDATE_GOLDEN=1 pytest tests/reporters`` rewrites the goldens;
review the diff.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from budgetlint.finding import Finding, RelatedLocation, Severity
from budgetlint.reporters import Report, names, reporter
from budgetlint.reporters.github import annotation, escape_data, escape_property, step_summary
from budgetlint.rule import BUILTIN_META, load_rules
from budgetlint.source import Span
from conftest import SHARED_DATA

GOLDEN = Path(__file__).parent / "golden"
SARIF_SCHEMA = SHARED_DATA / "sarif-schema-2.1.0.json"
TRICKY = "数据/河南,2023:预算%25.yaml"
MESSAGE = "部门预算总额 291.38 万元，与支出总计 293.68 万元不一致（少 2.30 万元）: 占 100%,\n第二行：请核对"


@pytest.fixture(autouse=True)
def docs_url(monkeypatch: pytest.MonkeyPatch) -> None:
    """SARIF's helpUri depends on where budgetlint was installed from (budgetlint.links): fixed for the goldens."""
    monkeypatch.setenv("BUDGETLINT_DOCS_URL", "https://git.example.gov.cn/caizheng/budgetlint/-/blob/v0.1.0/docs")


def sample_report() -> Report:
    bl211 = next(r for r in load_rules() if r.id == "BL211")
    findings = (
        Finding(TRICKY, Span(3, 11, 3, 17), "BL211", Severity.ERROR, MESSAGE, "overall-performance-total",
                ("表格", "整体绩效目标表", "预算情况", "部门预算总额"),
                (RelatedLocation("b.yaml", Span(2, 7, 2, 13), "收支总表 支出总计 293.68 万元"),),
                "291.38 ≠ 293.68", "BL211:/表格/整体绩效目标表/预算情况/部门预算总额"),
        Finding(TRICKY, Span(5, 1, 6, 4), "BL004", Severity.WARNING, "抑制注释缺少理由", "bad-suppression"),
        Finding("b.yaml", Span(1, 1, 1, 2), "BL003", Severity.INFO, "抑制注释没有抑制任何发现", "unused-suppression"),
    )
    sources = {TRICKY: ["表格:", "  整体绩效目标表:", "  部门预算总额: 291.38", "  x: 1", "# budgetlint: disable-line=BL1", "  y: 2"]}
    return Report(tuple(sorted(findings)), 2, suppressed=1, rules={**BUILTIN_META, "BL211": bl211.meta}, docs={"BL211": bl211.doc},
                  baselined=2, sources=sources)


def bl211(report: Report) -> Finding:
    return next(f for f in report.findings if f.rule_id == "BL211")


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("BUDGETLINT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} 不存在：用 BUDGETLINT_UPDATE_GOLDEN=1 生成后审阅"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["text", "parsable", "json", "sarif", "github", "gitlab", "junit"])
def test_golden(fmt: str) -> None:
    assert fmt in names()
    check_golden(f"{fmt}.txt", reporter(fmt)(sample_report(), False))


def test_text_colour_golden() -> None:
    check_golden("text-color.txt", reporter("text")(sample_report(), True))


def test_github_step_summary_golden() -> None:
    check_golden("github-summary.md", step_summary(sample_report()))


def test_parsable_form_is_exact() -> None:
    lines = reporter("parsable")(sample_report(), False).splitlines()
    assert lines[0] == "b.yaml:1:1: info: 抑制注释没有抑制任何发现 [BL003]"
    # the line break in the message is flattened: one record per line
    assert lines[1] == f"{TRICKY}:3:11: error: {MESSAGE.replace(chr(10), ' ')} [BL211]"
    assert lines[2] == "  b.yaml:2:7: note: 收支总表 支出总计 293.68 万元"
    assert lines[3] == f"{TRICKY}:5:1: warning: 抑制注释缺少理由 [BL004]"


def test_github_escaping() -> None:
    assert escape_data("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e"
    assert escape_property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce"
    line = annotation(bl211(sample_report()))
    assert line.startswith("::error file=数据/河南%2C2023%3A预算%2525.yaml,line=3,endLine=3,col=11,endColumn=17,"
                           "title=BL211 overall-performance-total::")
    assert "\n" not in line and "占 100%25,%0A第二行" in line


def test_github_orders_most_severe_first_and_omits_columns_across_lines() -> None:
    lines = reporter("github")(sample_report(), False).splitlines()
    assert [line.split(" ", 1)[0] for line in lines[:3]] == ["::error", "::warning", "::notice"]
    assert "col=" not in lines[1] and "line=5,endLine=6" in lines[1]


def test_json_keeps_version_and_fields() -> None:
    body = json.loads(reporter("json")(sample_report(), False))
    assert body["version"] == 1
    assert set(body["findings"][0]) >= {"rule", "name", "severity", "message", "file", "line", "column", "end_line",
                                        "end_column", "path", "related", "detail"}
    assert body["summary"]["suppressed"] == 1 and body["summary"]["baselined"] == 2


def test_gitlab_fields_and_stable_fingerprints() -> None:
    issues = json.loads(reporter("gitlab")(sample_report(), False))
    assert {i["severity"] for i in issues} == {"info", "minor", "major"}
    for issue in issues:
        assert issue["location"]["lines"]["begin"] >= 1 and issue["check_name"] and issue["description"]
    assert len({i["fingerprint"] for i in issues}) == 3
    first = bl211(sample_report())
    shifted = Finding(first.file, Span(30, 11, 30, 17), first.rule_id, first.severity, first.message, first.rule_name,
                      first.json_path, first.related, first.detail, first.key)
    again = json.loads(reporter("gitlab")(Report((shifted,), 1), False))
    assert again[0]["fingerprint"] == next(i["fingerprint"] for i in issues if i["check_name"] == "BL211")


def test_junit_is_well_formed_xml() -> None:
    root = ET.fromstring(reporter("junit")(sample_report(), False))
    failures = root.findall(".//failure")
    assert len(failures) == 1  # the error; the warning and the info note are below the fail level
    assert failures[0].get("message") == MESSAGE  # the line break survives attribute escaping


def test_sarif_validates_against_the_official_schema() -> None:
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"{SARIF_SCHEMA} 不存在")
    import jsonschema

    document = json.loads(reporter("sarif")(sample_report(), False))
    validator = jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    assert [e.message for e in validator.iter_errors(document)] == []
    run = document["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    result = next(r for r in run["results"] if r["ruleId"] == "BL211")
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "BL211"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "%E6%95%B0%E6%8D%AE/%E6%B2%B3%E5%8D%97%2C2023%3A%E9%A2%84%E7%AE%97%2525.yaml")
    assert result["relatedLocations"][0]["message"]["text"] == "收支总表 支出总计 293.68 万元"
    assert result["partialFingerprints"]["budgetlint/v1"]
