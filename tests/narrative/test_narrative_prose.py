"""Issue 15: the narrative reader on real prose — periods, comparisons, reasons, lists, 决算.

Each case is a few sentences written in the structure of the real Shanghai 普陀区 disclosures (the
corpus in ../shared/corpus) or of the issue's examples; never a whole document. Each states what must
be found and what must not be reported.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from budgetlint.engine import EngineConfig, lint_text
from budgetlint.finding import Finding
from budgetlint.rules.narrative.claims import extract
from budgetlint.rule import load_rules
from budgetlint.source import load_yaml
from conftest import CLEAN, ROOT, deep_merge, to_json_text

RULES = load_rules()
BUDGET = load_yaml(CLEAN.read_text(encoding="utf-8")).document.data  # type: ignore[union-attr]  # 2023 预算
FINAL_FIXTURE = ROOT / "tests" / "fixtures" / "clean-national-juesuan-2023.yaml"
FINAL = load_yaml(Path(FINAL_FIXTURE).read_text(encoding="utf-8")).document.data  # type: ignore[union-attr]


def run(text: str, *rule_ids: str, base: Any = BUDGET, title: str = "四、部门预算编制说明", topic: str | None = None) -> list[Finding]:
    item: dict[str, Any] = {"标题": title, "文本": text}
    if topic:
        item["主题"] = topic
    patch = {"正文": {"情况说明": {"章节": [item]}}}
    result = lint_text("t.json", to_json_text(deep_merge(base, patch)), RULES, EngineConfig(enabled=frozenset(rule_ids)))
    return [f for f in result.findings if f.rule_id in rule_ids]


def said(findings: list[Finding]) -> list[tuple[str, str, str]]:
    return [(f.rule_id, f.severity.label, f.message.split("：", 1)[1]) for f in findings]


# -- item 2: periods ----------------------------------------------------------------------------------

# The issue's 13 false BL322 errors, in a 2023 disclosure (2022 is the prior year compared with).
EXECUTION = ("2022年当年预算执行数为1690.69万元，2023年预算安排1672.67万元，比2022年预算执行数减少1.07%。"
             "主要原因是：项目调整。\n")


def test_prior_year_execution_is_the_prior_year_not_a_wrong_own_year() -> None:
    assert run(EXECUTION, "BL322") == []  # before: “2022年”中的年份是 2022 … 应为 2023


def test_prior_year_execution_dated_two_years_back_is_an_error() -> None:
    found = said(run(EXECUTION.replace("2022年当年", "2021年当年"), "BL322"))
    assert found == [("BL322", "error", "“2021年当年预算执行数”中的年份是 2021，预算说明中的“当年预算执行数”是上一年度的执行数，应为 2022")]


def test_a_year_the_sentence_compares_with_is_not_this_year() -> None:
    text = "2022年预算为60.13万元，2023年预算安排61.13万元，比2022年预算增加1.00万元，增长1.66%，主要原因是：项目调整。\n"
    assert run(text, "BL322") == []  # before: “2022年预算” read as this year's


def test_own_year_phrases_are_still_judged() -> None:
    found = said(run("纳入本部门 2022 年度部门预算编制范围的单位共 2个。\n", "BL322"))
    assert [f[0] for f in found] == ["BL322"]


def test_amounts_carry_their_role_and_year() -> None:
    claims = extract("2022年当年预算执行数为60.13万元，2023年预算安排25.77万元。一般公共预算财政拨款支出年初预算为 10.34 万元，"
                     "支出决算为 9.50 万元，全年预算为 11.00 万元。")
    assert [(a.number.text, a.role, a.year) for a in claims.amounts] == [
        ("60.13", "上年执行", 2022), ("25.77", "", 2023), ("10.34", "年初预算", None), ("9.50", "决算", None),
        ("11.00", "调整预算", None)]


def test_a_deadline_and_a_multi_year_total_are_not_this_periods() -> None:
    text = ("2023年本部门实行绩效目标管理的项目4个，涉及一般公共预算拨款185.00万元。其中“口岸查验设施改造”项目实施期限为2023年至\n"
            "2025年，总投资300.00万元，2023年安排65.00万元，计划于2025年底前完成验收。\n")
    # before: “2025年底” read as an asset date (BL322) and 总投资 300.00 as a part of 185.00 (BL402)
    assert run(text, "BL322", "BL402", title="十二、项目支出绩效情况说明") == []
    assert [a.role for a in extract(text).amounts] == ["", "总投资", ""]
    # a real asset date is still judged
    assert [f.rule_id for f in run("截至2025年底，本部门共有车辆2辆。\n", "BL322", title="八、国有资产占用情况")] == ["BL322"]


# -- item 3: comparisons ------------------------------------------------------------------------------

def _comparison(word: str, figure: str, b: str = "25.77") -> str:
    return f"2022年当年预算执行数为60.13万元，2023年预算安排{b}万元，比2022年预算执行数{word}{figure}。主要原因是：项目调整。\n"


def test_comparison_that_agrees_is_quiet() -> None:
    assert run(_comparison("减少", "57.14%"), "BL328", "BL318", "BL319") == []  # 100 × (25.77 − 60.13) ÷ 60.13 = −57.14


def test_comparison_with_the_wrong_direction_is_an_error() -> None:
    assert said(run(_comparison("增加", "57.14%"), "BL328")) == [
        ("BL328", "error", "写“增加 57.14%”，但 2022年当年预算执行数为 60.13 万元、2023年预算安排 25.77 万元，应为减少 34.36 万元")]


def test_comparison_rate_against_both_printed_figures() -> None:
    assert said(run(_comparison("减少", "57.41%"), "BL328")) == [
        ("BL328", "error", "“减少 57.41%”，按 100 × (25.77 − 60.13) ÷ 60.13 应为 57.14%（相差 0.27 个百分点）")]


def test_comparison_rate_within_rounding_is_info() -> None:
    # 100 × (25.77 − 60.13) ÷ 60.13 = −57.1429…; 57.15 is inside the propagated rounding of the two amounts
    assert [f[:2] for f in said(run(_comparison("减少", "57.15%"), "BL328"))] == [("BL328", "info")]


def test_comparison_amount_against_the_difference() -> None:
    assert said(run(_comparison("减少", "34.63万元"), "BL328")) == [
        ("BL328", "error", "“减少 34.63 万元”，但 2022年当年预算执行数为 60.13 万元、2023年预算安排 25.77 万元，B − A = -34.36 万元")]
    assert run(_comparison("减少", "34.36万元"), "BL328") == []


def test_flat_against_different_figures() -> None:
    text = "2022年当年预算执行数为60.13万元，2023年预算安排61.13万元，与2022年预算执行数持平。\n"
    assert said(run(text, "BL328")) == [
        ("BL328", "error", "写“持平”，但 2022年当年预算执行数为 60.13 万元、2023年预算安排 61.13 万元，相差 1.00 万元")]
    assert run(text.replace("61.13", "60.13"), "BL328") == []


def test_the_issue_increase_that_is_a_decrease() -> None:
    # “比2025年预算执行数增加17.62%” where the two printed amounts give −91 %
    text = "2022年当年预算执行数为208.80万元，2023年预算安排18.50万元，比2022年预算执行数增加17.62%。主要原因是：人员调整。\n"
    assert [f[:2] for f in said(run(text, "BL328"))] == [("BL328", "error")]


def test_comparison_is_not_read_when_uncertain() -> None:
    # another figure between the two sides: which two are compared is not certain
    text = "2022年当年预算执行数为60.13万元，其他 3.00 万元，2023年预算安排25.77万元，比2022年预算执行数增加9.99%。主要原因是：调整。\n"
    assert run(text, "BL328") == []


# Which figure a change is about when its subject names no figure (新疆, 宁夏 styles).
TOTALS_THEN_CHANGE = ("2023年度收入總計512.36萬元，其中：本年收入合計508.16萬元，使用非財政撥款結余0.00萬元，年初結轉和結余4.20萬元。\n"
                      "2023年度支出總計512.36萬元，其中：本年支出合計509.86萬元，結余分配0.00萬元，年末結轉和結余2.50萬元。\n"
                      "收入支出總體與上年相比，增加62.36萬元，增長13.86%，主要原因是新增政務服務大廳運維經費。\n")
INCLUDES = ("机管局2013年收支总预算3,842.50万元，含所属山庄管理处经费210万元，机关幼儿园经费486.25万元；比2012年预算增加\n"
            "342.50万元，增长9.79%。主要原因：一是一般公共服务支出增加260.00万元；二是住房保障支出增加82.50万元。\n")


def test_a_change_opening_a_sentence_is_about_the_total_before_not_its_last_part() -> None:
    # before: the rate was judged against 年末結轉和結余 2.50 (“上年数 −59.86，应写无可比性”)
    assert run(TOTALS_THEN_CHANGE, "BL318", base=FINAL, title="一、收入支出決算總體情況說明") == []
    assert extract(TOTALS_THEN_CHANGE).changes[0].level == 4  # 支出總計 512.36
    found = said(run(TOTALS_THEN_CHANGE.replace("13.86%", "15.86%"), "BL318", base=FINAL, title="一、收入支出決算總體情況說明"))
    assert [f[:2] for f in found] == [("BL318", "error")] and "62.36 ÷ 上年数 450.00（512.36 − 62.36）" in found[0][2]
    # a bare change after the list names neither the total nor a part: not read (before: the last part 2.50)
    bare = TOTALS_THEN_CHANGE.replace("收入支出總體與上年相比，", "")
    assert extract(bare).changes[0].level is None and run(bare, "BL318", base=FINAL, title="一、收入支出決算總體情況說明") == []


def test_a_change_after_an_includes_list_is_about_the_total() -> None:
    # before: the rate was judged against 机关幼儿园经费 486.25, the last figure of the 含 list (238.26 %)
    assert run(INCLUDES, "BL318", title="一、部门收支预算总体情况") == []
    found = said(run(INCLUDES.replace("9.79%", "10.79%"), "BL318", title="一、部门收支预算总体情况"))
    assert [f[:2] for f in found] == [("BL318", "error")] and "342.50 ÷ 上年数 3500.00" in found[0][2]
    # “（含上年结转 60.00 万元）”: before, the rate was judged against the carry-over (“上年数 0.00，应写无可比性”)
    bracketed = "2024年收入预算1,260.00万元（含上年结转60.00万元），比2023年预算增加60.00万元，增长5.00%，主要原因是新增项目。\n"
    assert run(bracketed, "BL318", title="一、收支预算总体情况") == []
    # a figure after an enumeration closed before it is the nearest figure, as without one
    after = "2024年收入预算1,260.00万元（含上年结转60.00万元），支出预算1,300.00万元，比2023年预算增加100.00万元。\n"
    assert extract(after).changes[0].level == 2
    # an enumeration the change does not close off (no “；”): which figure it is about is not certain
    assert extract(INCLUDES.replace("486.25万元；", "486.25万元，")).changes[0].level is None


# -- item 4: reasons ----------------------------------------------------------------------------------

COMMERCE = """2023年，本部门收入预算37,151.47万元，其中：财政拨款收入37,151.47万元，比2022年预算执行数增加
24,558.18万元；事业收入0万元；其他收入0万元。
支出预算37,151.47万元，其中：财政拨款支出预算37,151.47万元，比2022年预算增加24,491.71万元。财政拨款支出预算中，一般
公共预算拨款支出预算37,151.47万元，比2022年预算增加24,491.71万元；政府性基金拨款支出预算0万元，比2022年预算执行数持平；
国有资本经营预算拨款支出预算0万元，比2022年预算执行数持平。
财政拨款收入支出增加的主要原因是工作量增加
财政拨款支出主要内容如下：
1. “一般公共服务支出（类）商贸事务（款）行政运行（项）”938.99万元，主要用于机关行政运行和机关人员经费支出。
"""


def test_reason_in_the_next_paragraph_without_a_full_stop_covers_the_changes_it_names() -> None:
    assert run(COMMERCE, "BL321") == []  # before: three BL321 warnings
    claims = extract(COMMERCE)
    assert {c.reason_text for c in claims.changes if c.direction > 0} == {"工作量增加"}  # not running into item 1


def test_shared_reason_after_two_flat_clauses() -> None:
    text = COMMERCE.replace("增加", "减少").replace("工作量减少", "项目调整。")
    assert run(text, "BL321") == []
    flat = [c for c in extract(text).changes if c.direction == 0]
    assert [c.reason for c in flat] == [False, False]  # the shared reason is not the last 持平's own


def test_a_reason_of_the_other_direction_does_not_cover() -> None:
    text = COMMERCE.replace("财政拨款收入支出增加的主要原因", "财政拨款收入支出减少的主要原因")
    assert len(run(text, "BL321")) == 1


def test_one_missing_reason_is_one_finding() -> None:
    text = COMMERCE.replace("财政拨款收入支出增加的主要原因是工作量增加\n", "")
    found = said(run(text, "BL321"))
    assert len(found) == 1 and found[0][1] == "warning"
    assert found[0][2].count("增加") >= 3  # names the three changes that lack it


def test_a_total_explained_by_its_part() -> None:
    text = ("2023年“三公”经费预算数为47.91万元，比2022年预算增加25万元。其中：\n（一）因公出国（境）费0万元，比2022年预算持平。\n"
            "（二）公务用车购置及运行费46.56万元，比2022年预算增加25万元，主要原因是购置公务用车。\n")
    assert run(text, "BL321", title="一、2023年“三公”经费预算情况说明") == []


PARTS_FIRST = ("2023年度一般公共预算财政拨款支出决算1860.40万元，其中：基本支出520.40万元，比上年增加20.40万元，主要原因是"
               "调整工资标准；项目支出1340.00万元，比上年减少60.00万元，主要原因是路灯改造项目完工。与上年相比，一般公共预算"
               "财政拨款支出减少39.60万元。\n")


def test_a_total_whose_every_part_has_a_reason_is_explained() -> None:
    # before: BL321 warned that the total's 减少 39.60 lacks a reason although both parts before it carry one
    assert run(PARTS_FIRST, "BL321", base=FINAL, title="二、一般公共预算财政拨款支出决算情况") == []
    total = extract(PARTS_FIRST).changes[-1]
    assert (total.reason, total.reason_shared, total.reason_text) == (True, True, "调整工资标准；路灯改造项目完工")


def test_a_total_with_one_part_lacking_its_reason_is_one_finding_at_the_part() -> None:
    text = PARTS_FIRST.replace("，主要原因是调整工资标准", "")
    found = said(run(text, "BL321", base=FINAL, title="二、一般公共预算财政拨款支出决算情况"))
    assert found == [("BL321", "warning", "“基本支出增加 20.40 万元”没有说明增减原因（应写明“主要原因是：……”）")]


def test_a_total_with_a_part_stating_no_change_is_still_reported() -> None:
    text = PARTS_FIRST.replace("，比上年增加20.40万元，主要原因是调整工资标准", "")
    found = said(run(text, "BL321", base=FINAL, title="二、一般公共预算财政拨款支出决算情况"))
    assert len(found) == 1 and "减少 39.60 万元" in found[0][2]


def test_a_reason_opening_the_next_sentence_is_the_changes_own() -> None:
    claims = extract(EXECUTION)
    assert [(c.reason, c.reason_shared, c.reason_text) for c in claims.changes] == [(True, False, "项目调整")]


# -- item 5: lists ------------------------------------------------------------------------------------

BRACKET = ("2023年“三公”经费预算 18.00 万元，其中：因公出国（境）费 0.00 万元；公务用车购置及运行费 8.00 万元（其中：公务用车"
           "购置费 0.00 万元，公务用车运行费 8.00 万元）；公务接待费 10.00 万元。\n")


def test_bracketed_list_ends_at_its_bracket() -> None:
    assert run(BRACKET, "BL402", title="七、“三公”经费支出情况说明", topic="三公经费") == []  # before: 10.00 > 8.00
    groups = {extract(BRACKET).amounts[g.head].number.text: [extract(BRACKET).amounts[i].number.text for i in g.items]
              for g in extract(BRACKET).groups}
    assert groups == {"8.00": ["0.00", "8.00"], "18.00": ["0.00", "8.00", "10.00"]}


def test_a_part_inside_the_bracket_still_cannot_exceed() -> None:
    text = BRACKET.replace("公务用车运行费 8.00", "公务用车运行费 9.00")
    assert [f[0] for f in said(run(text, "BL402", title="七、“三公”经费支出情况说明", topic="三公经费"))] == ["BL402"]


# -- item 7: 决算 -------------------------------------------------------------------------------------

FINAL_THREE = ("“三公”经费财政拨款支出年初预算为 2.85 万元，支出决算为 0.39 万元，完成预算的 13.68%，其中：因公出国（境）费\n"
               "决算为 0.00 万元，完成预算的 0.00%；公务用车购置及运行维护费支出决算为 0.00 万元，完成预算的 0.00%；公务接待费支\n"
               "出决算为 0.39 万元，完成预算的 13.68%。\n")


def test_initial_budget_is_never_added_to_final_parts() -> None:
    found = run(FINAL_THREE, "BL309", base=FINAL, title="七、财政拨款“三公”经费支出决算情况说明", topic="三公经费")
    assert found == []  # before: 三公经费 2.85 ≠ 0.00 + 0.39 + 0.00


def test_final_parts_still_add_up_to_the_final_total() -> None:
    text = FINAL_THREE.replace("支出决算为 0.39 万元", "支出决算为 0.49 万元")
    found = said(run(text, "BL309", base=FINAL, title="七、财政拨款“三公”经费支出决算情况说明", topic="三公经费"))
    assert [f[0] for f in found] == ["BL309"] and "0.49" in found[0][2]


FINAL_ITEMS = """一般公共预算财政拨款支出 9746.50 万元，主要用于以下方面：城乡社区支出（类）3832.36 万元，占 39.32%。
（三）一般公共预算财政拨款支出决算具体情况
一般公共预算财政拨款支出年初预算为 10210.34 万元，支出决算为 9746.50 万元，完成年初预算的 95.46%。
"""


def test_a_heading_line_ends_labels_and_breakdowns() -> None:
    found = run(FINAL_ITEMS, "BL402", "BL518", base=FINAL, title="五、一般公共预算财政拨款支出决算情况说明")
    assert found == []  # before: 年初预算 10210.34 > 9746.50 (BL402), and 95.46% against a mislabelled base (BL518)
    claims = extract(FINAL_ITEMS)
    assert claims.amounts[2].label == "一般公共预算财政拨款支出年初预算为"


# -- item 6: an item's amount printed twice ------------------------------------------------------------

HOUSING = ("31. “住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元，主要用于住房公积金。2022年当年预算执行数为\n"
           "348.52万元，2023年预算安排350.35万元，比2022年预算执行数增加0.53%。主要原因是：住房公积金经费增加。\n"
           "32. “住房保障支出（类）住房改革支出（款）购房补贴（项）”320.17万元，主要用于购房补贴。\n")


def test_item_amount_printed_twice_must_agree() -> None:
    assert run(HOUSING, "BL329", "BL328") == []
    found = said(run(HOUSING.replace("2023年预算安排350.35", "2023年预算安排352.67"), "BL329"))
    assert found == [("BL329", "error", "2023年预算安排 352.67 万元，与同一项前文住房保障支出（类）住房改革支出（款）住房公积金（项） "
                                         "350.35 万元不一致（多 2.32 万元）")]


def test_item_restated_in_yuan_at_printed_precision() -> None:
    text = HOUSING.replace("2023年预算安排350.35万元", "2023年预算安排3,503,500元")
    assert run(text, "BL329") == []


# A 决算 style with no numbered items: the 项 is named again by its own label, with 年初预算 and 决算 (湖南).
NAMED_AGAIN = ("住房保障支出（类）住房改革支出（款）住房公积金（项）支出决算为48.60万元，主要用于按规定为职工缴存住房公积金。\n"
               "住房公积金（项）年初预算为45.00万元，支出决算为48.60万元，决算数大于年初预算数的主要原因是调整缴存基数。\n")
FINAL_ITEM_TITLE = "五、一般公共预算财政拨款支出决算情况说明"


def test_item_named_again_by_its_label_must_agree() -> None:
    assert run(NAMED_AGAIN, "BL329", base=FINAL, title=FINAL_ITEM_TITLE) == []
    wrong = NAMED_AGAIN.replace("支出决算为48.60万元，决算数", "支出决算为46.80万元，决算数")
    found = said(run(wrong, "BL329", base=FINAL, title=FINAL_ITEM_TITLE))  # before: nothing
    assert found == [("BL329", "error", "住房公积金（项）支出决算为 46.80 万元，与同一项前文住房保障支出（类）住房改革支出（款）"
                                         "住房公积金（项）支出决算为 48.60 万元不一致（少 1.80 万元）")]


def test_item_named_again_with_its_year() -> None:
    text = ("社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）40.00万元。\n"
            "机关事业单位基本养老保险缴费支出（项）2023年预算数为41.00万元。\n")
    assert [f[0] for f in said(run(text, "BL329"))] == ["BL329"]
    # another year's figure of the 项 is not this period's amount
    assert run(text.replace("2023年预算数", "2022年预算数"), "BL329") == []


def test_item_named_again_only_when_certain() -> None:
    wrong = NAMED_AGAIN.replace("支出决算为48.60万元，决算数", "支出决算为46.80万元，决算数")
    # another 项 named in between: which 项 the second label means is no longer certain
    between = wrong.replace("住房公积金。\n", "住房公积金。提租补贴（项）支出决算为3.00万元。\n")
    assert run(between, "BL329", base=FINAL, title=FINAL_ITEM_TITLE) == []
    # a subject after the 项 (its 基本支出 part) is not the 项's own amount
    part = wrong.replace("住房公积金（项）年初预算为45.00万元，支出决算为", "住房公积金（项）基本支出为")
    assert run(part, "BL329", base=FINAL, title=FINAL_ITEM_TITLE) == []
    # the same 项 name under another 款 is another 项
    other = wrong.replace("\n住房公积金（项）", "\n住房保障支出（类）其他改革支出（款）住房公积金（项）")
    assert run(other, "BL329", base=FINAL, title=FINAL_ITEM_TITLE) == []


# -- item 6: 类/款/项 labels against the function-class rows -------------------------------------------

SHANGHAI = load_yaml((ROOT / "tests" / "fixtures" / "clean-shanghai-2024.yaml").read_text(encoding="utf-8")).document.data  # type: ignore[union-attr]
ITEMS = ("1. “一般公共服务支出（类）档案事务（款）行政运行（项）”1070.43万元，主要用于机关运行。\n"
         "2. 一般公共服务支出-档案事务-档案馆 438.00 万元；社会保障和就业支出（208类）行政事业单位养老支出（05款）\n"
         "机关事业单位职业年金缴费支出（06项）46.82万元。\n")


def test_item_labels_in_every_style_match_one_row() -> None:
    from budgetlint.rules.narrative.items import item_matches

    doc = _doc(SHANGHAI, ITEMS)
    assert [(m.row.code, str(m.amount.number.text)) for m in item_matches(doc)] == [
        ("2012601", "1070.43"), ("2012604", "438.00"), ("2080506", "46.82")]
    assert run(ITEMS, "BL330", base=SHANGHAI) == []  # 元 cells 10704330.00 / 4380000.00 / 468188.40 at 0.01 万元


def test_item_amount_against_its_row() -> None:
    found = said(run(ITEMS.replace("1070.43万元", "1070.53万元"), "BL330", base=SHANGHAI))
    assert found == [("BL330", "error", "“一般公共服务支出（类）档案事务（款）行政运行（项）” 1070.53 万元，与T5（一般公共预算支出表）"
                                         "2012601 行政运行 合计 10704330.00 元不一致（多 0.10 万元）")]


def test_old_class_name_in_the_text_is_info() -> None:
    text = "1. “医疗卫生与计划生育支出（类）行政事业单位医疗（款）行政单位医疗（项）”64.69万元。\n"
    found = said(run(text, "BL330", base=SHANGHAI))
    assert found == [("BL330", "info", "“医疗卫生与计划生育支出”是旧科目名称，表中 210 类为“卫生健康支出”")]


CLASS_LEVEL = "2023年度一般公共预算财政拨款支出3200.00万元，主要用于城乡社区事务支出3050.00万元、社会保障和就业支出150.00万元。\n"


def test_old_class_name_at_class_level_without_tables_is_info() -> None:
    bare = {**FINAL, "表格": {}}  # the tables are elsewhere
    found = said(run(CLASS_LEVEL, "BL330", base=bare, title="（四）一般公共预算财政拨款支出决算情况"))  # before: nothing
    assert found == [("BL330", "info", "“城乡社区事务支出”是旧科目名称，212 类现为“城乡社区支出”")]
    # current names, and a name the 2019 科目 replaced in a disclosure of a year it was still in use, are quiet
    assert run(CLASS_LEVEL.replace("城乡社区事务支出", "城乡社区支出"), "BL330", base=bare) == []
    old_year = deep_merge(bare, {"年度": 2017})
    assert run(CLASS_LEVEL.replace("2023", "2017").replace("城乡社区事务支出", "医疗卫生与计划生育支出"), "BL330",
               base=old_year) == []


def test_old_class_name_against_the_name_the_tables_print() -> None:
    text = "一般公共预算支出 112.08 万元，主要用于以下方面：科学技术支出 87.72 万元；资源勘探信息等支出 0.00 万元。\n"
    found = said(run(text, "BL330", title="五、一般公共预算支出情况说明"))  # 2023 clean twin: 预算01 prints the new name
    assert found == [("BL330", "info", "“资源勘探信息等支出”是旧科目名称，表中 215 类为“资源勘探工业信息等”")]
    # the seed's own tables print the old name too: BL014 reports them, the text adds no second finding
    seed = load_yaml((ROOT / "examples" / "henan-2023-weibin-kjgxj.yaml").read_text(encoding="utf-8")).document.data  # type: ignore[union-attr]
    assert run(text, "BL330", base=seed, title="五、一般公共预算支出情况说明") == []


def test_old_class_name_is_told_once_per_figure() -> None:
    text = "1. “医疗卫生与计划生育支出（类）行政事业单位医疗（款）行政单位医疗（项）”64.69万元；医疗卫生与计划生育支出 1.00 万元。\n"
    found = said(run(text, "BL330", base=SHANGHAI))
    assert found == [("BL330", "info", "“医疗卫生与计划生育支出”是旧科目名称，表中 210 类为“卫生健康支出”")]


def test_an_item_matching_several_rows_is_not_read() -> None:
    # 行政运行 exists under several 款 in real tables; without 类/款 it names no single row
    from budgetlint.rules.narrative.items import item_path

    assert item_path("其中行政运行 1070.43") is None
    assert run("1. “一般公共服务支出（类）其他事务（款）行政运行（项）”1.00万元。\n", "BL330", base=SHANGHAI) == []


def _doc(base: Any, text: str):  # type: ignore[no-untyped-def]
    data = deep_merge(base, {"正文": {"情况说明": {"章节": [{"标题": "四、部门预算编制说明", "文本": text}]}}})
    result = lint_text("t.json", to_json_text(data), (), EngineConfig(enabled=frozenset()))
    assert result.disclosure is not None
    return result.disclosure


# -- item 7: 决算 tables in the vocabulary ----------------------------------------------------------------

FINAL_GPB = ("2023 年度一般公共预算财政拨款支出年初预算为 293.68 万元，支出决算为 294.76 万元，\n"
             "完成年初预算的 100.37%。决算数大于年初预算数的主要原因是：年中追加企业奖补资金。\n")


def test_final_figures_restate_the_final_cells_by_period() -> None:
    title = "五、一般公共预算财政拨款支出决算情况说明"
    assert run(FINAL_GPB, "BL305", base=FINAL, title=title) == []
    found = said(run(FINAL_GPB.replace("294.76", "249.76"), "BL305", base=FINAL, title=title))
    assert [f[:2] for f in found] == [("BL305", "error")] and "决算数 合计 294.76 万元" in found[0][2]
    found = said(run(FINAL_GPB.replace("293.68", "239.68"), "BL305", base=FINAL, title=title))
    assert [f[:2] for f in found] == [("BL305", "error")] and "年初预算数 合计 293.68 万元" in found[0][2]


def test_final_three_public_budget_side_restates_the_budget_column() -> None:
    text = "2023 年度“三公”经费财政拨款支出预算为 1.30 万元，支出决算为 1.21 万元，完成预算的 93.08%。\n"
    title = "七、财政拨款“三公”经费支出决算情况说明"
    assert run(text, "BL308", base=FINAL, title=title) == []  # 1.30 is the 预算数, 1.21 the 决算数
    assert [f.rule_id for f in run(text.replace("1.21 万元", "1.12 万元"), "BL308", base=FINAL, title=title)] == ["BL308"]  # before: never compared


def test_final_totals_and_parts() -> None:
    text = "2023 年度收入总计 318.12 万元，支出总计 318.12 万元。本年支出合计 294.76 万元，其中：基本支出 109.34 万元；项目支出 185.42 万元。\n"
    assert run(text, "BL301", "BL303", base=FINAL, title="一、收入支出决算总体情况说明", topic="收支总体") == []
    wrong = run(text.replace("318.12 万元，支出", "381.12 万元，支出"), "BL301", base=FINAL, title="一、收入支出决算总体情况说明", topic="收支总体")
    assert [f.rule_id for f in wrong] == ["BL301"]  # before: the 决算 total was never compared


def test_prior_figure_after_this_years_is_still_a_comparison() -> None:
    text = "2023年预算安排25.77万元，比2022年预算执行数60.13万元减少34.36万元，下降57.14%。主要原因是：项目调整。\n"
    assert run(text, "BL328", "BL318", "BL319") == []  # before: BL318 took 60.13 as this year's level (prior 94.49)
    assert [f.rule_id for f in run(text.replace("下降57.14%", "下降75.14%"), "BL328")] == ["BL328"]


def test_implementation_period_years_are_not_judged() -> None:
    text = "实施周期：2021年1月1日至2021年12月31日。2021年度项目总预算 10.00 万元。\n"
    claims = extract(text)
    assert [y.kind for y in claims.years][:2] == ["周期", "周期"]  # before: 其他 and 资产 (judged as a year-end)
    assert [f for f in run(text, "BL322") if "2021年1月" in f.message] == []


def test_a_shared_reason_is_not_judged_as_an_items_own() -> None:
    text = ("2023年公务用车购置费 0.50 万元，比2022年减少 1.00 万元；公务用车运行费 3.00 万元，比2022年减少 0.50 万元。\n"
            "公务用车经费减少的主要原因是压减车辆运行维护费。\n")
    assert run(text, "BL321", "BL327", title="七、“三公”经费预算情况说明", topic="三公经费") == []  # before: BL327 info on 购置费


def test_a_bare_wan_before_a_delimiter_is_wan_yuan() -> None:
    # the 项目经费情况说明 and 三公 决算 write “1170.00万，其中……” and “0.39 万（含外宾接待支出 0.00 万元）”
    claims = extract("2025年度项目总预算1170.00万，其中支持企业规模化发展870.00万，合计1170.00万。覆盖10万居民。"
                     "国内公务接待支出 0.39 万（含外宾接待支出 0.00 万元）。")
    assert [(a.number.text, a.number.wan[0]) for a in claims.amounts] == [
        ("1170.00", Decimal("1170.00")), ("870.00", Decimal("870.00")), ("1170.00", Decimal("1170.00")),
        ("0.39", Decimal("0.39")), ("0.00", Decimal("0.00"))]  # before: none of the bare 万 figures was read
    assert claims.amounts[-1].label == "（含外宾接待支出"


VEHICLES = ("截至2024年8月31日，本部门共有车辆8辆，其中：部级领导干部用车0辆、主要领导干部用车0辆、机要通信用车0辆、"
            "应急保障用车0辆、执法执勤用车0辆、特种专业技术用车0辆、离退休干部用车0辆、其他用车8辆。\n")


def test_shanghai_vehicle_kinds_add_up() -> None:
    title = "五、国有资产占有使用情况"
    assert run(VEHICLES.replace("2024年", "2022年"), "BL314", title=title, topic="国有资产") == []
    found = run(VEHICLES.replace("2024年", "2022年").replace("离退休干部用车0辆", "离退休干部用车2辆"), "BL314", title=title,
                topic="国有资产")
    assert [f.rule_id for f in found] == ["BL314"]  # before: 离退休干部用车 was not a part, 8 = 8 passed


def test_a_threshold_with_a_bracketed_inclusive_mark_is_not_an_amount() -> None:
    claims = extract("单价100万元（含）以上设备（不含车辆）0台（套）。")
    assert claims.amounts == ()  # before: 100 万元 read as a figure


FINAL_ROWS = {"表格": {"一般公共预算财政拨款支出决算表": {"明细": [
    {"编码": "221", "名称": "住房保障支出", "年初预算数": {"合计": Decimal("8.19")}, "调整预算数": {"合计": Decimal("9.01")},
     "决算数": {"合计": Decimal("8.31")}},
    {"编码": "22102", "名称": "住房改革支出", "年初预算数": {"合计": Decimal("8.19")}, "调整预算数": {"合计": Decimal("9.01")},
     "决算数": {"合计": Decimal("8.31")}},
    {"编码": "2210201", "名称": "住房公积金", "年初预算数": {"合计": Decimal("8.19")}, "调整预算数": {"合计": Decimal("9.01")},
     "决算数": {"合计": Decimal("8.31")}}]}}}
FINAL_ITEM = ("12、住房保障支出（类）住房改革支出（款）住房公积金（项）。主要用于：住房公积金支出。年初预算为\n"
              "8.19万元，支出决算为8.31万元，完成年初预算的101.47%。\n")


def test_final_item_initial_budget_and_final_against_their_columns() -> None:
    base = deep_merge(FINAL, FINAL_ROWS)
    title = "五、一般公共预算财政拨款支出决算情况说明"
    assert run(FINAL_ITEM, "BL330", base=base, title=title) == []  # 8.19 年初预算数, 8.31 决算数; no old-name note
    found = said(run(FINAL_ITEM.replace("支出决算为8.31", "支出决算为8.13"), "BL330", base=base, title=title))
    assert [f[:2] for f in found] == [("BL330", "error")] and "决算数 合计 8.31 万元" in found[0][2]
    found = said(run(FINAL_ITEM.replace("8.19万元", "9.18万元"), "BL330", base=base, title=title))
    assert [f[:2] for f in found] == [("BL330", "error")] and "年初预算数 合计 8.19 万元" in found[0][2]
