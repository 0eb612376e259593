"""Edge cases of the table rules beyond their documented examples: tails, scopes, no-guessing, hierarchy."""

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


def test_rounding_tail_is_info_and_says_so() -> None:
    patch = {"表格": {"收支总表": {"收入": {"收入总计": num("293.69")}, "支出": {"支出总计": num("293.69"), "本年支出合计": num("293.69")}}}}
    findings = run(patch, "BL101")
    assert [f.severity for f in findings] == [Severity.INFO]
    assert findings[0].message.endswith("= 293.68 万元，相差 0.01 万元，在四舍五入尾差范围内（±0.01 万元）")
    assert "本年收入合计 112.08 + 收入 上年结转结余 181.60" in findings[0].message


def test_difference_beyond_the_bound_is_an_error() -> None:
    patch = {"表格": {"收支总表": {"收入": {"收入总计": num("293.71")}}}}
    (finding,) = run(patch, "BL101")
    assert finding.severity is Severity.ERROR
    assert "多 0.03 万元" in finding.message


def test_blank_breakdown_is_not_checked() -> None:
    """A table that publishes only the subtotal (no breakdown) is not a contradiction."""
    patch = {"表格": {"支出表": {"合计行": {"基本支出": {"小计": num("107.08"), "工资福利支出": None,
                                               "对个人和家庭的补助": None, "商品和服务支出": None}}}}}
    assert run(patch, "BL107") == []


def test_scope_of_the_other_kind_is_only_advisory() -> None:
    # 一般公共预算支出表 including carry-over (293.68) in a Henan (当年拨款) disclosure
    patch = {"表格": {"一般公共预算支出表": {"合计行": {"合计": num("293.68"),
                                                      "项目支出": {"小计": num("186.60"), "其他运转类": num("5.00"),
                                                               "特定目标类": num("181.60")}}}}}
    (finding,) = run(patch, "BL204")
    assert finding.severity is Severity.INFO and "含结转" in finding.message


def test_project_split_that_is_not_unique_yields_nothing() -> None:
    projects = [{"项目名称": name, "资金总额": num(v), "政府预算资金": num(v)}
                for name, v in [("甲", "90.80"), ("乙", "90.80"), ("丙", "4.00"), ("丁", "90.80")]]
    patch = {"表格": {"项目绩效目标表": {"项目": projects, "单位行": None,
                                     "合计行": {"资金总额": num("276.40"), "政府预算资金": num("276.40")}}}}
    assert run(patch, "BL216") == []  # 甲+乙, 甲+丁, 乙+丁 all make 181.60: no conclusion


def test_project_table_with_rows_is_matched_by_name() -> None:
    patch = {"表格": {"项目支出表": {"项目": [{"项目名称": "万人助万企活动专项经费", "合计": num("6.00")}]}}}
    (finding,) = run(patch, "BL216")
    assert "“万人助万企活动专项经费”资金总额 5.00 万元" in finding.message and "少 1.00 万元" in finding.message


def test_cost_cap_above_amount_is_advisory() -> None:
    goals = BASE["表格"]["项目绩效目标表"]["项目"]
    first = dict(goals[0], 成本指标=[{"三级指标": "总成本", "指标值": "≤6万元"}])
    (finding,) = run({"表格": {"项目绩效目标表": {"项目": [first, *goals[1:]]}}}, "BL217")
    assert finding.severity is Severity.INFO


def test_code_hierarchy_checks_every_level_and_column() -> None:
    rows = [
        {"编码": "208", "名称": "社会保障和就业支出", "合计": num("10.78"), "基本支出": {"小计": num("10.78")}},
        {"编码": "20805", "名称": "行政事业单位养老支出", "合计": num("10.78"), "基本支出": {"小计": num("10.87")}},
        {"编码": "2080505", "名称": "机关事业单位基本养老保险缴费支出", "合计": num("7.19"), "基本支出": {"小计": num("7.19")}},
        {"编码": "2080506", "名称": "机关事业单位职业年金缴费支出", "合计": num("3.59"), "基本支出": {"小计": num("3.59")}},
    ]
    findings = run({"表格": {"一般公共预算支出表": {"明细": rows}}}, "BL119")
    assert len(findings) == 2  # 208 基本支出 (10.78 vs 10.87) and 20805 基本支出 (10.87 vs 10.78)
    assert all("基本支出 小计" in f.message for f in findings)


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
