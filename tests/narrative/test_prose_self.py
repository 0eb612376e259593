"""Issue 15 item 9: prose checked against itself (BL711–BL714), for passages whose tables are elsewhere.

Each passage is the only 情况说明 section (or sections) of the national 2024 部门预算 fixture with its
tables removed. The firing cases failed before the rules existed (no finding at all); the quiet ones are
the traps: other periods, partial lists, prior-year figures, 机关运行经费 vs 公用经费.
"""

from __future__ import annotations

from typing import Any

import pytest

from budgetlint.engine import EngineConfig, lint_text
from budgetlint.finding import Finding, Severity
from budgetlint.rule import load_rules
from budgetlint.source import load_yaml
from conftest import ROOT, deep_merge, to_json_text

RULES = load_rules()
NATIONAL = ROOT / "tests" / "fixtures" / "clean-national-2024.yaml"
BASE = load_yaml(NATIONAL.read_text(encoding="utf-8")).document.data  # type: ignore[union-attr]
SELF = ("BL711", "BL712", "BL713", "BL714", "BL715")


def run(*sections: tuple[str, str], kind: str = "预算") -> list[Finding]:
    chapters = [{"标题": title, "文本": body} for title, body in sections]
    data: Any = deep_merge({**BASE, "表格": {}, "类型": kind}, {"正文": {"情况说明": {"章节": chapters}}})
    result = lint_text("t.json", to_json_text(data), RULES, EngineConfig(enabled=frozenset(SELF)))
    return [f for f in result.findings if f.rule_id in SELF]


BASIC = "六、一般公共预算基本支出情况说明"


# BL711 -------------------------------------------------------------------------------------

@pytest.mark.parametrize("body", [
    "2024年一般公共预算基本支出 300.00 万元，其中：人员经费 250.00 万元，公用经费 40.00 万元。",
    "2024年基本支出预算 300.00 万元，包括人员经费 250.00 万元和日常公用经费 40.00 万元。",
    "2024年基本支出 300.00 万元。其中：人员经费 250.00 万元，主要包括基本工资、津贴补贴；公用经费 40.00 万元，主要包括办公费。",
])
def test_basic_expenditure_parts_must_add_up(body: str) -> None:
    (finding,) = run((BASIC, body))
    assert (finding.rule_id, finding.severity) == ("BL711", Severity.ERROR)
    assert "290.00 万元" in finding.message and "多 10.00 万元" in finding.message


@pytest.mark.parametrize("body", [
    "2024年一般公共预算基本支出 300.00 万元，其中：人员经费 260.00 万元，公用经费 40.00 万元。",
    "2024年基本支出 300.00 万元，其中人员经费 260.00 万元。上年公用经费 30.00 万元。",  # a prior-year figure is no part
    "2024年基本支出 300.00 万元。2023年人员经费 250.00 万元，公用经费 40.00 万元。",  # another year
    "2024年基本支出年初预算 300.00 万元，执行中人员经费 250.00 万元，公用经费 40.00 万元。",
])
def test_right_sums_and_other_periods_are_quiet(body: str) -> None:
    assert run((BASIC, body)) == []


def test_rounding_tail_is_info() -> None:
    # 300.0 stands for [299.95, 300.05); 250.02 + 50.02 stand for [300.03, 300.05): they can be the same.
    (finding,) = run((BASIC, "2024年基本支出 300.0 万元，其中：人员经费 250.02 万元，公用经费 50.02 万元。"))
    assert finding.severity is Severity.INFO


def test_a_gap_beyond_the_printed_precision_is_an_error() -> None:
    # 250.04 + 50.04 stand for at least 300.07, beyond what 300.0 (at most 300.05) can be: no rounding explains it.
    (finding,) = run((BASIC, "2024年基本支出 300.0 万元，其中：人员经费 250.04 万元，公用经费 50.04 万元。"))
    assert finding.severity is Severity.ERROR


# BL712 -------------------------------------------------------------------------------------

def test_total_change_must_be_the_sum_of_the_parts_changes() -> None:
    body = ("2024年基本支出 300.00 万元，比上年增加 20.00 万元，主要原因是人员增加。其中：人员经费 250.00 万元，比上年增加 15.00 万元，"
            "主要原因是调资；公用经费 50.00 万元，比上年增加 3.00 万元，主要原因是办公费增加。")
    (finding,) = run((BASIC, body))
    assert (finding.rule_id, finding.severity) == ("BL712", Severity.WARNING) and "18.00 万元" in finding.message


def test_flat_and_decrease_count_with_their_sign() -> None:
    body = ("2024年基本支出 300.00 万元，比上年减少 5.00 万元，主要原因是退休。其中：人员经费 250.00 万元，比上年减少 5.00 万元，"
            "主要原因是退休；公用经费 50.00 万元，与上年持平。")
    assert run((BASIC, body)) == []


def test_expenditure_change_is_basic_plus_project() -> None:
    body = ("2024年支出预算 300.00 万元，比上年增加 10.00 万元，主要原因是项目增加。其中：基本支出 250.00 万元，比上年增加 5.00 万元，"
            "主要原因是调资；项目支出 50.00 万元，比上年增加 3.00 万元，主要原因是新增项目。")
    (finding,) = run(("三、支出预算总体情况", body))
    assert finding.rule_id == "BL712" and "8.00 万元" in finding.message


def test_a_part_without_a_stated_change_is_not_judged() -> None:
    body = ("2024年基本支出 300.00 万元，比上年增加 20.00 万元，主要原因是人员增加。其中：人员经费 250.00 万元，比上年增加 15.00 万元，"
            "主要原因是调资；公用经费 50.00 万元。")
    assert run((BASIC, body)) == []


# BL713 -------------------------------------------------------------------------------------

def test_shares_without_a_base_divide_their_sum() -> None:
    findings = run(("三、支出预算总体情况", "2024年基本支出 250.00 万元，占 80.00%；项目支出 50.00 万元，占 20.00%。"))
    assert [(f.rule_id, f.severity) for f in findings] == [("BL713", Severity.ERROR)] * 2
    assert "应为 250.00 ÷ 各项之和 300.00 万元 = 83.33%" in findings[0].message


@pytest.mark.parametrize("body", [
    "2024年基本支出 250.00 万元，占 83.33%；项目支出 50.00 万元，占 16.67%。",
    "2024年基本支出 250.00 万元，占 62.50%；项目支出 50.00 万元，占 12.50%。",  # 75 %: another base, not their sum
    "2024年支出合计 300.00 万元，其中：基本支出 250.00 万元，占 83.33%；项目支出 50.00 万元，占 16.67%。",  # a stated base: BL316
])
def test_complete_right_or_based_shares_are_quiet(body: str) -> None:
    assert run(("三、支出预算总体情况", body)) == []


# BL714 -------------------------------------------------------------------------------------

GPB = ("五、一般公共预算支出情况", "2024年一般公共预算支出 326.45 万元，其中：基本支出 256.45 万元，项目支出 70.00 万元。")


def test_figure_restated_in_another_section_must_agree() -> None:
    (finding,) = run(GPB, (BASIC, "2024年一般公共预算基本支出 265.45 万元，其中：人员经费 230.00 万元，公用经费 35.45 万元。"))
    assert (finding.rule_id, finding.severity) == ("BL714", Severity.ERROR)
    assert "五、一般公共预算支出情况的基本支出 256.45 万元" in finding.message and "多 9.00 万元" in finding.message


@pytest.mark.parametrize("body", [
    "2024年一般公共预算基本支出 256.45 万元，其中：人员经费 221.00 万元，公用经费 35.45 万元。",
    "2024年一般公共预算基本支出 256.4500 万元，其中：人员经费 221.00 万元，公用经费 35.45 万元。",  # other precision
    "上年一般公共预算基本支出 240.00 万元。",  # prior year
])
def test_same_figure_and_prior_year_are_quiet(body: str) -> None:
    assert run(GPB, (BASIC, body)) == []


def test_running_costs_are_not_the_same_figure_as_public_funds() -> None:
    running = ("八、机关运行经费", "2024年机关运行经费 30.00 万元。")
    basic = (BASIC, "2024年一般公共预算基本支出 256.45 万元，其中：人员经费 221.00 万元，公用经费 35.45 万元。")
    assert run(GPB, basic, running) == []


def test_final_accounts_are_not_compared() -> None:
    assert run(GPB, (BASIC, "2024年一般公共预算基本支出 265.45 万元。"), kind="决算") == []


# BL715 -------------------------------------------------------------------------------------

GPB_TITLE = "五、一般公共预算支出情况说明"


@pytest.mark.parametrize("body", [
    "一般公共服务支出 100.00 万元，占一般公共预算支出的 50.00%。教育支出 80.00 万元，占一般公共预算支出的 60.00%。",
    "基本支出 250.00 万元，占一般公共预算支出的 80.00%；项目支出 60.00 万元，占一般公共预算支出的 30.00%。",
])
def test_disjoint_shares_of_one_named_base_cannot_exceed_100(body: str) -> None:
    (finding,) = run((GPB_TITLE, body))
    assert (finding.rule_id, finding.severity) == ("BL715", Severity.ERROR) and "110.00%" in finding.message


@pytest.mark.parametrize("body", [
    "基本支出 250.00 万元，占一般公共预算支出的 80.00%；人员经费 200.00 万元，占一般公共预算支出的 64.00%。",  # nested
    "一般公共服务支出 100.00 万元，占一般公共预算支出的 50.00%。教育支出 80.00 万元，占本年支出合计的 60.00%。",  # two bases
    "一般公共服务支出 100.00 万元，占一般公共预算支出的 50.00%。教育支出 80.00 万元，占一般公共预算支出的 50.00%。",  # 100 %
    "一般公共服务支出 100.00 万元，占一般公共预算支出的 50.00%。一般公共服务支出 20.00 万元，占一般公共预算支出的 60.00%。",
])
def test_nested_other_base_or_complete_shares_are_quiet(body: str) -> None:
    assert run((GPB_TITLE, body)) == []
