"""Table-rule behaviour that a case file cannot show (a span inside a title, a patch into a long list, a
whole example): the rest of each rule's cases are in tests/rules/cases/BLNNN.yaml."""

from __future__ import annotations

from typing import Any

from budgetlint.engine import EngineConfig, lint_text
from budgetlint.finding import Finding, Severity
from budgetlint.rule import load_rules
from budgetlint.source import load_yaml
from conftest import CLEAN, deep_merge, to_json_text

BASE = load_yaml(CLEAN.read_text(encoding="utf-8")).document.data  # type: ignore[union-attr]


def run(patch: dict[str, Any], *rule_ids: str) -> list[Finding]:
    text = to_json_text(deep_merge(BASE, patch))
    result = lint_text("t.json", text, load_rules(), EngineConfig(enabled=frozenset(rule_ids)))
    assert not result.skipped_rules, result.findings
    return list(result.findings)


def num(text: str) -> Any:
    from decimal import Decimal

    return Decimal(text)


def test_cost_cap_above_amount_is_advisory() -> None:
    goals = BASE["表格"]["项目绩效目标表"]["项目"]
    first = dict(goals[0], 成本指标=[{"三级指标": "总成本", "指标值": "≤6万元"}])
    (finding,) = run({"表格": {"项目绩效目标表": {"项目": [first, *goals[1:]]}}}, "BL217")
    assert finding.severity is Severity.INFO


def test_missing_mandatory_table_names_its_regional_number() -> None:
    (finding,) = run({"表格": {"三公经费表": None}}, "BL010")
    assert "缺少预算08表（三公经费表）" in finding.message


def test_table_year_points_at_the_year_inside_the_title() -> None:
    text = to_json_text(deep_merge(BASE, {"表格": {"收支总表": {"标题": "2022 年部门收支预算表"}}}))
    result = lint_text("t.json", text, load_rules(), EngineConfig(enabled=frozenset({"BL012"})))
    (finding,) = result.findings
    line = text.split("\n")[finding.span.line - 1]
    assert line[finding.span.column - 1: finding.span.end_column - 1] == "2022"


def test_vehicles_without_running_costs_is_only_advisory() -> None:
    """BL408: a car and no 公务用车运行费 may be paid from other money — info; no car but costs — warning."""
    patch = {"表格": {"三公经费表": {"本年": {"合计": None, "公务用车购置及运行费": {"小计": None, "公务用车运行费": None}}}}}
    (finding,) = run(patch, "BL408")
    assert finding.severity is Severity.INFO and "共有车辆 1 辆" in finding.message


def _three_public(text: str) -> dict[str, Any]:
    return {"正文": {"情况说明": {"章节": [{"标题": "七、“三公”经费支出情况说明", "主题": "三公经费", "文本": text}]}}}


def test_three_public_change_that_items_contradict() -> None:
    """BL325: 合计“持平” while an item increased; and a total increase that is not the items' sum."""
    flat = ("2023 年“三公”经费预算为 1.30 万元，比 2022 年持平。\n（一）因公出国（境）费 0.00 万元，与 2022 年相比持平。\n"
            "（二）公务接待费 0.00 万元，与 2022 年相比持平。\n（三）公务用车购置及运行费 1.30 万元，与 2022 年相比增加 0.30 万元，"
            "增长 30.00%，主要原因是：车辆维修。\n")
    (finding,) = run(_three_public(flat), "BL325")
    assert "合计“持平”" in finding.message and "公务用车购置及运行费增加" in finding.message
    wrong_sum = flat.replace("比 2022 年持平", "比 2022 年增加 0.50 万元，增长 62.50%，主要原因是：车辆维修")
    (finding,) = run(_three_public(wrong_sum), "BL325")
    assert "合计增减 0.50 万元，各项增减之和为 0.30 万元（多 0.20 万元）" in finding.message
    consistent = wrong_sum.replace("增加 0.50 万元，增长 62.50%", "增加 0.30 万元，增长 30.00%")
    assert run(_three_public(consistent), "BL325") == []


def test_implied_prior_of_the_grants_cannot_exceed_the_prior_total() -> None:
    """BL320 on the seed's wording: §四 “增加 15.66” implies 96.42 = §一's 96.42; “增加 5.66” implies 106.42 > 96.42."""
    from conftest import EXAMPLE

    text = EXAMPLE.read_text(encoding="utf-8")
    config = EngineConfig(enabled=frozenset({"BL320"}))
    assert lint_text("e.yaml", text, load_rules(), config).findings == ()
    (finding,) = lint_text("e.yaml", text.replace("增加 15.66 万元", "增加 5.66 万元"), load_rules(), config).findings
    assert "上年财政拨款收支之和 106.42 万元，大于上年收支总计 96.42 万元" in finding.message
