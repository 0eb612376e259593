"""Issue 15 items 7–9 on the real 部门决算: relations a 决算 explanation states between its own figures.

The Shanghai 决算 template words them in fixed sentences the imported corpus uses (planning, socialwork):
SME awards in reserved procurement projects, 绩效自评 grades, 出国团组 and 接待人次; a share whose base is
named but not stated (“占本年支出合计的 99.86%”) divides the table cell of that name; the （一）…总体情况
subsection of a 决算 is the 一般公共预算支出 topic. Each firing case failed before (no finding at all);
the quiet ones are the right figures and the traps (国内接待 is no part of 外宾, two grades printed only).
Other provinces' wording of the same readings is in tests/narrative/provinces/ (sd-, yn-08/09, nm-09/10,
hn-10/11, gx-07/08, sc-08/09).
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
FINAL = ROOT / "tests" / "fixtures" / "clean-national-juesuan-2023.yaml"
BASE = load_yaml(FINAL.read_text(encoding="utf-8")).document.data  # type: ignore[union-attr]


def run(title: str, body: str, *, tables: bool = False, rules: tuple[str, ...] = ("BL312", "BL716")) -> list[Finding]:
    data: Any = deep_merge({**BASE, **({} if tables else {"表格": {}})}, {"正文": {"情况说明": {"章节": [{"标题": title, "文本": body}]}}})
    result = lint_text("t.json", to_json_text(data), RULES, EngineConfig(enabled=frozenset(rules)))
    return [f for f in result.findings if f.rule_id in rules]


PROCUREMENT = "（二）政府采购支出情况"
SHANGHAI_PROCUREMENT = (
    "2023 年度本部门面向中小企业预留政府采购项目预算金额 {reserved_sme} 万元，面向小微企业预留政府采购项目预算金额 "
    "{reserved_micro} 万元。在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额 {sme} 万元；"
    "在面向小微企业预留政府采购项目中，由小微企业供应商中标或成交的，采购金额 {micro} 万元；在其他政府采购项目中，"
    "由中小企业供应商中标或成交的，采购金额 0.00 万元。")


def test_shanghai_procurement_micro_awards_are_part_of_the_sme_awards() -> None:
    right = SHANGHAI_PROCUREMENT.format(reserved_sme="225.10", reserved_micro="164.87", sme="225.10", micro="164.87")
    assert run(PROCUREMENT, right) == []
    (finding,) = run(PROCUREMENT, right.replace("采购金额 164.87", "采购金额 264.87"))
    assert (finding.rule_id, finding.severity) == ("BL312", Severity.ERROR)
    assert "225.10 万元" in finding.message and "264.87 万元" in finding.message and "小微企业中标金额" in finding.message


def test_shanghai_reserved_micro_budget_is_part_of_the_sme_reservation() -> None:
    wrong = SHANGHAI_PROCUREMENT.format(reserved_sme="125.10", reserved_micro="164.87", sme="125.10", micro="64.87")
    (finding,) = run(PROCUREMENT, wrong)
    assert finding.rule_id == "BL312" and "125.10 万元" in finding.message and "164.87 万元" in finding.message


PERFORMANCE = "十、预算绩效管理情况"
SHANGHAI_PERFORMANCE = (
    "全过程绩效管理实施情况：编报绩效目标的2023年度项目39个，涉及预算金额4415.48万元；绩效跟踪评价的2023年度项目39个，"
    "涉及预算金额4415.48万元；绩效自评的2023年度项目39个，涉及预算金额4415.48万元，平均得分99.33分（其中，绩效评级为\n"
    "“优”的项目{good}个；绩效评级为“良”的项目{fair}个；绩效评级为“合格”的项目0个；绩效评级为“不合格”的项目0个。绩效自\n"
    "评中共发现问题{found}个，已经完成整改的{fixed}个，正在整改的0个）。")


def test_grades_add_up_to_the_projects_evaluated() -> None:
    assert run(PERFORMANCE, SHANGHAI_PERFORMANCE.format(good=38, fair=1, found=2, fixed=2)) == []
    (finding,) = run(PERFORMANCE, SHANGHAI_PERFORMANCE.format(good=37, fair=1, found=2, fixed=2))
    assert (finding.rule_id, finding.severity) == ("BL716", Severity.ERROR)
    assert "绩效自评的项目 39 个" in finding.message and "= 38（多 1）" in finding.message


def test_problems_fixed_are_at_most_the_problems_found() -> None:
    (finding,) = run(PERFORMANCE, SHANGHAI_PERFORMANCE.format(good=38, fair=1, found=2, fixed=3))
    assert finding.rule_id == "BL716" and "发现问题 2 个" in finding.message


def test_a_grade_printed_twice_is_not_read() -> None:
    text = SHANGHAI_PERFORMANCE.format(good=38, fair=1, found=0, fixed=0) + "另有绩效评级为“优”的项目5个。"
    assert run(PERFORMANCE, text) == []


THREE_PUBLIC = "七、财政拨款“三公”经费支出决算情况说明"


@pytest.mark.parametrize(("body", "figure"), [
    ("1、因公出国（境）费支出 2.00 万元。全年安排因公出国（境）团组 2 个、累计 1 人次。", "1 人"),
    ("3、公务接待费支出 0.39 万元。列明公务接待 2 批次、26 人次，其中：接待外宾 1 批次、30 人次。", "26 人"),
])
def test_trips_and_reception_counts(body: str, figure: str) -> None:
    (finding,) = run(THREE_PUBLIC, body)
    assert finding.rule_id == "BL716" and figure in finding.message


@pytest.mark.parametrize("body", [
    "1、因公出国（境）费支出 0.00 万元。全年安排因公出国（境）团组 0 个、累计 0 人次。",
    "3、公务接待费支出 0.39 万元。列明公务接待 2 批次、26 人次，其中：接待外宾 0 批次、0 人次。",
    # 国内接待 and 外宾 are two kinds, not a total and its part
    "3、公务接待费支出 0.39 万元。国内公务接待 2 批次、26 人次。外宾接待 1 批次、30 人次。",
])
def test_right_counts_and_disjoint_kinds_are_quiet(body: str) -> None:
    assert run(THREE_PUBLIC, body) == []


OVERALL = "（一）一般公共预算财政拨款支出决算总体情况"


def test_the_overall_subsection_is_the_general_budget_topic() -> None:
    """Shanghai and national 决算 print “（一）一般公共预算财政拨款支出决算总体情况”: its total restates 表五."""
    assert run(OVERALL, "一般公共预算财政拨款支出 294.76 万元。", tables=True, rules=("BL305",)) == []
    (finding,) = run(OVERALL, "一般公共预算财政拨款支出 290.76 万元。", tables=True, rules=("BL305",))
    assert "294.76 万元" in finding.message


def test_a_named_base_that_is_not_stated_is_the_table_cell() -> None:
    body = "一般公共预算财政拨款支出 185.42 万元，占本年支出合计的 {p}%。"
    assert run(OVERALL, body.format(p="62.91"), tables=True, rules=("BL316",)) == []
    (finding,) = run(OVERALL, body.format(p="72.91"), tables=True, rules=("BL316",))
    assert finding.severity == Severity.ERROR and "本年支出合计 294.76 万元" in finding.message and "62.91%" in finding.message
    # truncated instead of rounded (185.42 ÷ 294.76 = 62.9054…): within the rounding policy, info only
    (tail,) = run(OVERALL, body.format(p="62.90"), tables=True, rules=("BL316",))
    assert tail.severity == Severity.INFO


RUNNING = "（七）机关运行经费支出情况"


@pytest.mark.parametrize("body", [
    "机关运行经费支出 9.50 万元，比 2022 年度减少 0.50 万元，下降 5.00%。主要原因是压减会议费。",
    "2023年度本部门机关运行经费支出9.60万元，比上年减少0.40万元，下降4.00%，主要原因是压减差旅费。",
])
def test_running_costs_of_a_final_are_at_most_the_public_funds_of_table_six(body: str) -> None:
    """表六 公用经费 8.50 万元: 机关运行经费 is its 行政单位 part (smaller with 事业单位 in the department)."""
    (finding,) = run(RUNNING, body, tables=True, rules=("BL311",))
    assert finding.severity == Severity.WARNING and "公用经费 8.50 万元" in finding.message


@pytest.mark.parametrize("figure", ["8.50", "6.20"])
def test_running_costs_within_the_public_funds_are_quiet(figure: str) -> None:
    body = f"机关运行经费支出 {figure} 万元，比 2022 年度减少 0.50 万元。主要原因是压减会议费。"
    assert run(RUNNING, body, tables=True, rules=("BL311",)) == []
