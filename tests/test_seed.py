"""The real disclosure (examples/): every table contradiction of the seed audit, located; no false alarm.

Catalogue §4.1 #1–#6 must be reported on the line of the wrong figure with the other side as a
related location; none of the identities of §4.2 may be reported.
"""

from __future__ import annotations

import pytest

from budgetlint.engine import FileResult, lint_bytes
from budgetlint.finding import Finding, Severity
from budgetlint.rule import load_rules
from budgetlint.source import Span
from conftest import CLEAN, EXAMPLE

TABLE_RULE_PREFIXES = ("BL0", "BL1", "BL2")

# (rule, figure at the primary location, figure at the first related location)
EXPECTED = [
    ("BL211", "291.38", "293.68"),  # #1 预算11 部门预算总额 vs 预算01 支出总计
    ("BL214", "291.38", "112.08"),  # #4 预算11 资金来源 vs 预算02 本年 + 结转
    ("BL212", "105.78", "107.08"),  # #2 预算11 基本支出 vs 预算03
    ("BL213", "185.60", "186.60"),  # #3 预算11 项目支出 vs 预算03
    ("BL215", "185.60", "186.60"),  # #5 预算12 合计 vs 预算10
    ("BL216", "4.00", "5.00"),  # #6 万人助万企 vs the only current-year project
]


def text_at(lines: list[str], span: Span) -> str:
    assert span.line == span.end_line
    return lines[span.line - 1][span.column - 1 : span.end_column - 1]


@pytest.fixture(scope="module")
def example() -> tuple[FileResult, list[str]]:
    data = EXAMPLE.read_bytes()
    return lint_bytes(str(EXAMPLE), data, load_rules()), data.decode("utf-8").split("\n")


def table_findings(result: FileResult) -> list[Finding]:
    return [f for f in result.findings if f.rule_id.startswith(TABLE_RULE_PREFIXES) and f.severity > Severity.INFO]


def test_obsolete_function_class_names_are_info_notes(example: tuple[FileResult, list[str]]) -> None:
    """Audit #15: 预算04 （九） is labelled with 210's old name at position 209; old 科目 names elsewhere."""
    result, lines = example
    notes = [f for f in result.findings if f.rule_id == "BL014"]
    assert all(f.severity is Severity.INFO for f in notes)
    labels = [text_at(lines, f.span) for f in notes]
    assert labels == ["十二、城乡社区事务", "十三、农林水事务", "十五、资源勘探信息等", "（七）文化体育旅游与传媒支出",
                      "（九）医疗卫生与计划生育支出", "（十二）城乡社区事务支出", "（十三）农林水事务支出", "（十五）资源勘探信息等支出"]
    assert "209 社会保险基金支出" in notes[4].message and "210 的旧名" in notes[4].message


def test_every_table_contradiction_is_reported_at_the_wrong_figure(example: tuple[FileResult, list[str]]) -> None:
    result, lines = example
    found = [(f.rule_id, text_at(lines, f.span), text_at(lines, f.related[0].span)) for f in table_findings(result)]
    assert found == EXPECTED
    assert all(f.severity is Severity.ERROR for f in table_findings(result))


def test_messages_name_tables_by_their_regional_number(example: tuple[FileResult, list[str]]) -> None:
    result, _ = example
    first = table_findings(result)[0]
    assert first.message == ("预算11表（整体绩效目标表）部门预算总额 291.38 万元，与预算01表（收支总表）支出总计 "
                             "293.68 万元不一致（少 2.30 万元）")
    assert first.related[0].message == "预算01表（收支总表）支出总计 293.68 万元"


def test_the_root_cause_project_is_named(example: tuple[FileResult, list[str]]) -> None:
    result, lines = example
    finding = next(f for f in result.findings if f.rule_id == "BL216")
    assert "万人助万企活动专项经费" in finding.message
    assert "其余 6 个项目合计 181.60 万元" in finding.message
    related = [text_at(lines, r.span) for r in finding.related]
    assert related == ["5.00", "5.00"]  # 预算10 本年拨款 and 预算05 项目支出


def test_no_identity_that_holds_is_reported() -> None:
    """The corrected copy differs from the seed only in the contradictions: no table rule fires on it."""
    result = lint_bytes(str(CLEAN), CLEAN.read_bytes(), load_rules())
    assert table_findings(result) == []


def test_json_twin_reports_the_same_findings_at_the_same_figures() -> None:
    from conftest import to_json_text

    from budgetlint.engine import lint_text
    from budgetlint.source import load_yaml

    data = load_yaml(EXAMPLE.read_text(encoding="utf-8")).document
    assert data is not None
    text = to_json_text(data.data)
    result = lint_text("example.json", text, load_rules())
    lines = text.split("\n")
    found = [(f.rule_id, text_at(lines, f.span), text_at(lines, f.related[0].span)) for f in table_findings(result)]
    assert sorted(found) == sorted(EXPECTED)


def test_a_copied_reason_is_an_info_note(example: tuple[FileResult, list[str]]) -> None:
    """Audit #17: 公务用车购置费 “持平，主要原因是：单位车辆正常运行支出” — the running cost's reason."""
    result, lines = example
    (note,) = [f for f in result.findings if f.rule_id == "BL327"]
    assert note.severity is Severity.INFO and text_at(lines, note.span) == "持平"
