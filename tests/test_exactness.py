"""Honest exactness (issue 12, items 1 and 2): a tolerance never exceeds what the printed precision implies.

1. A printed 0 is an exact zero; an integer printed beside two-decimal figures of its kind (same sentence,
   same list, same unit) takes their precision; an integer among integers keeps ±0.5.
2. Figures in 元 are exact to the fen, printed with decimals or not: no rounding tail, no “small base”.
"""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

from conftest import CLEAN, ROOT, deep_merge, to_json_text

from budgetlint.arith import Printed, compare_equal, compare_growth, compare_percent, compare_sum, in_context, places
from budgetlint.engine import EngineConfig, lint_text
from budgetlint.finding import Finding, Severity
from budgetlint.model import make_amount
from budgetlint.rules.narrative.claims import extract
from budgetlint.rules.narrative.numbers import tokenize
from budgetlint.rule import load_rules
from budgetlint.source import load_yaml

RULES = load_rules()
HENAN = load_yaml(CLEAN.read_text(encoding="utf-8")).document.data  # type: ignore[union-attr]
SHANGHAI_FILE = ROOT / "tests" / "fixtures" / "clean-shanghai-2024.yaml"
SHANGHAI = load_yaml(SHANGHAI_FILE.read_text(encoding="utf-8")).document.data  # type: ignore[union-attr]


def p(text: str) -> Printed:
    """A 万元 figure as printed (rounded)."""
    return Printed(D(text), places(D(text)))


def yuan(text: str) -> Printed:
    """A 元 figure as the model reads it: in 万元, four more decimals, exact."""
    return make_amount(D(text) if "." in text else int(text), None, "元").printed  # type: ignore[arg-type]


def run(base: dict[str, Any], patch: dict[str, Any], *rule_ids: str) -> list[Finding]:
    result = lint_text("t.json", to_json_text(deep_merge(base, patch)), RULES, EngineConfig(enabled=frozenset(rule_ids)))
    assert not result.skipped_rules, result.findings
    return [f for f in result.findings if f.rule_id in rule_ids]


def section(title: str, topic: str, text: str) -> dict[str, Any]:
    return {"正文": {"情况说明": {"章节": [{"标题": title, "主题": topic, "文本": text}]}}}


# ── item 1: printed integers in the narrative ────────────────────────────────────────────────────────

# The issue's case (the layout of 上海市普陀区商务委员会 2025 部门预算, with the total changed): 0 printed as an
# integer beside 1.00. Judged at ±0.5 each, the bound was 2.00 万元 and the real 2.00 gap an info “尾差”.
THREE_PUBLIC_GAP = ("2023年“三公”经费预算数为3.00万元。其中：\n"
                    "（一）因公出国（境）费0万元，主要原因是此部分预算由区外办统一安排。\n"
                    "（二）公务用车购置及运行费0万元，主要原因是无公务用车车辆。\n"
                    "（三）公务接待费1.00万元。")


def test_issue_case_a_real_two_wan_gap_is_an_error_not_a_tail() -> None:
    (found,) = run(HENAN, section("七、“三公”经费支出情况说明", "三公经费", THREE_PUBLIC_GAP), "BL309")
    assert found.severity is Severity.ERROR
    assert "多 2.00 万元" in found.message and "尾差" not in found.message


def test_printed_zero_is_an_exact_zero() -> None:
    assert Printed(D(0), 0).error == 0 and Printed(D("0.00"), 2).error == 0
    verdict = compare_sum(p("3.00"), [p("0"), p("0"), p("1.00")])
    assert verdict.fails and verdict.bound == D("0.01")  # 3.00 and 1.00 are rounded; the zeros are not
    # with only the total and one part rounded, one cent is still a tail
    assert compare_sum(p("1.01"), [p("0"), p("1.00")]).tail


def test_integer_beside_two_decimal_figures_in_a_sentence_takes_their_precision() -> None:
    _, numbers = tokenize("公务用车购置及运行费46.56万元，其中：公务用车购置费25万元；公务用车运行费21.06万元。公务接待费3万元。")
    total, bought, running, reception = numbers
    assert bought.printed == Printed(D(25), 2) and total.printed == Printed(D("46.56"), 2)
    assert reception.printed == Printed(D(3), 0)  # alone in its sentence: nothing says it is finer
    assert compare_sum(total.printed, [bought.printed, running.printed]).fails


def test_integer_in_a_sentence_takes_the_precision_of_its_own_unit_only() -> None:
    _, numbers = tokenize("收入 25 万元，其中 12.5 亿元另计，另有 1,234.56 元。")
    assert [n.printed.decimals for n in numbers] == [0, -3, 6]


def test_integer_beside_decimals_in_the_narrative_sentence_restates_exactly() -> None:
    # 公务接待费 3 万元 beside 1.30 万元 in one sentence is 3.00: against a table cell of 3.40 it is a
    # real difference, not a rounding of 3.40 to an integer
    patch = section("七、“三公”经费支出情况说明", "三公经费",
                    "2023年“三公”经费预算为 4.70 万元，其中：公务接待费 3 万元，公务用车购置及运行费 1.30 万元。")
    patch["表格"] = {"三公经费表": {"本年": {"合计": D("4.70"), "公务接待费": D("3.40")}}}
    found = [f for f in run(HENAN, patch, "BL308") if "公务接待费" in f.message]
    assert len(found) == 1 and found[0].severity is Severity.ERROR and "少 0.40 万元" in found[0].message


def test_integer_in_a_list_takes_the_precision_of_the_list() -> None:
    assert compare_sum(p("46.56"), [p("25"), p("21.06")]).fails  # 25 is 25.00 there: a 0.50 gap
    assert compare_sum(p("46.56"), [p("25"), p("21.55")]).tail
    assert in_context([p("1.5"), p("2"), p("3.25")]) == [p("1.5"), Printed(D(2), 1), p("3.25")]


def test_integers_among_integers_keep_half_a_unit() -> None:
    # printed as integers, 25 + 21 can stand for 25.4 + 21.4 = 46.8, printed 47: one unit is a tail
    verdict = compare_sum(p("47"), [p("25"), p("21")])
    assert verdict.tail and verdict.bound == D(1)


# ── item 2: figures in 元 are exact ──────────────────────────────────────────────────────────────────

def test_yuan_figures_are_exact_and_a_fen_is_a_real_difference() -> None:
    assert yuan("14257452.17").exact
    assert compare_sum(yuan("14257452.17"), [yuan("14257452.16")]).fails
    # a whole-元 total beside parts printed to the fen is exact like them (in_context)
    assert compare_sum(yuan("22118861"), [yuan("20000000.00"), yuan("2118861.34")]).fails
    # a 元 figure restated in rounded 万元 is still judged by rounding the 元 figure
    assert compare_equal(yuan("1931632.16"), p("193.16")).exact
    assert compare_equal(yuan("1931650.00"), p("193.17")).exact


def test_a_table_printed_in_whole_yuan_throughout_is_a_rounding_of_the_fen() -> None:
    # 万里街道 2025 部门预算 T3 (corpus): every figure printed in whole 元, “21201 城乡社区管理事务” 合计 94995790
    # against 基本支出 77381546 + 项目支出 17614243 = 94995789 — each figure is the fen amount rounded to the
    # 元 (±0.5 元), so one 元 over a sum of two is a tail; a figure alone restating a fen figure likewise.
    assert not yuan("94995790").exact
    verdict = compare_sum(yuan("94995790"), [yuan("77381546"), yuan("17614243")])
    assert verdict.tail and not verdict.fails and verdict.bound == D("0.0001")  # three figures: one 元
    assert compare_sum(yuan("94995792"), [yuan("77381546"), yuan("17614243")]).fails  # 3 元: beyond 1.5 元
    assert not compare_equal(yuan("22118861"), yuan("22118861.34")).fails  # the fen figure rounded to the 元


def test_total_printed_without_fen_against_parts_with_fen_in_a_yuan_table() -> None:
    # the issue's 合计 “22,118,861” against parts summing to 22,118,861.34, in a 元 table (T3 of Shanghai)
    patch = {"表格": {"支出表": {"合计行": {"合计": 22118861, "基本支出": {"小计": D("17618861.34"), "工资福利支出": None,
                                                              "对个人和家庭的补助": None, "商品和服务支出": None,
                                                              "资本性支出": None}}}}}
    found = [f for f in run(SHANGHAI, patch, "BL107") if f.message.startswith("T3（支出表）合计")]
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "= 22118861.34 元（少 0.34 元）" in found[0].message


def test_one_fen_difference_in_a_yuan_table_is_an_error() -> None:
    patch = {"表格": {"支出表": {"合计行": {"基本支出": {"小计": D("14257452.17")}}}}}
    found = [f for f in run(SHANGHAI, patch, "BL107") if "14257452.16 元（多 0.01 元）" in f.message]
    assert [f.severity for f in found] == [Severity.ERROR]


def test_growth_rate_against_yuan_figures_is_not_a_small_base() -> None:
    # 21,908 / (31,908 − 21,908) = 219.08 %, printed 50.63 %: the base is 10,000.00 元, exact to the fen
    text = "2023 年部门收入总计 31,908.00 元，与 2022 年预算相比，收入增加 21,908.00 元，增长 50.63%，主要原因是：上年结转。"
    (found,) = run(HENAN, section("一、收入支出预算总体情况说明", "收支总体", text), "BL318")
    assert found.severity is Severity.ERROR and "基数很小" not in found.message
    assert "应为 21908.00 ÷ 上年数 10000.00（31908.00 − 21908.00） = 219.08%" in found.message
    verdict = compare_growth(D("219.08"), yuan("21908.00"), yuan("31908.00"), 1)
    assert verdict.exact and verdict.bound == D("0.005")


def test_share_of_yuan_figures_has_only_the_percentage_rounding() -> None:
    verdict = compare_percent(D("36.00"), yuan("50.00"), yuan("130.00"))
    assert verdict.fails and verdict.bound == D("0.005")
    # whole-元 table figures are roundings of the fen (±0.5 元): the bound is what that precision implies
    verdict = compare_percent(D("36.00"), yuan("50"), yuan("130"))
    assert verdict.fails and D("0.005") < verdict.bound < D("1")
    # 50 / 130 = 38.46 %: integers in 元 were taken as ±0.5 元, which on a 130 元 base made it “基数很小”
    text = "“三公”经费预算为 130 元，其中：公务接待费 50 元，占 36.00%；公务用车运行费 80 元，占 61.54%。"
    found = run(HENAN, section("七、“三公”经费支出情况说明", "三公经费", text), "BL316")
    assert [(f.severity, "基数很小" in f.message) for f in found] == [(Severity.ERROR, False)]


def test_a_small_base_in_rounded_wan_is_still_only_info() -> None:
    # 1.30 万元 printed to 0.01: the percentage really is uncertain by ±0.78 pp (D11 keeps it at info)
    verdict = compare_growth(D("300.00"), p("0.80"), p("1.30"), 1)
    assert not verdict.exact and verdict.bound > D("0.1")


def test_implied_priors_carry_the_errors_of_their_figures() -> None:
    # BL320 took every prior X − Δ as ±0.01 万元: 0.50 元 apart in 元 passed, and integers printed among
    # integers (±1 万元 for X − Δ) were held to 0.01
    title, topic = "一、收入支出预算总体情况说明", "收支总体"
    in_yuan = ("2023 年部门收入总计 31,908.00 元，与 2022 年预算相比增加 21,908.00 元；"
               "支出总计 31,908.00 元，与 2022 年预算相比增加 21,907.50 元。")
    (found,) = run(HENAN, section(title, topic, in_yuan), "BL320")
    assert found.severity is Severity.WARNING and "上年预算也应收支平衡" in found.message
    integers = "2023 年部门收入总计 300 万元，与 2022 年预算相比增加 25 万元。支出总计 301 万元，与 2022 年预算相比增加 25 万元。"
    assert run(HENAN, section(title, topic, integers), "BL320") == []


def test_function_classes_of_a_yuan_table_are_restated_by_rounding_the_yuan_figure() -> None:
    # T5 in 元: 201 类 15,084,330.00 元 is 1508.43 万元 in the narrative, not “少 0.003 万元”; 221 类
    # 1,373,540.56 元 rounds to 137.35, so a narrative 137.36 is a real difference
    text = ("2024年度一般公共预算支出 1863.75 万元，主要用于以下方面：一般公共服务支出 1508.43 万元；"
            "社会保障和就业支出 153.27 万元；卫生健康支出 64.69 万元；住房保障支出 137.36 万元。")
    found = run(SHANGHAI, section("四、一般公共预算支出情况", "一般公共预算支出", text), "BL306")
    assert [f.message.split("：", 1)[1].split("，")[0] for f in found] == ["住房保障支出 137.36 万元"]


def test_integer_in_a_list_across_sentences_takes_the_precision_of_the_list() -> None:
    # 卫生健康支出 printed 5 in its own sentence of a “主要用于以下方面” list of two-decimal amounts is 5.00:
    # the items sum to 111.69, not 112.08 (a tail of ±2 万元 before), and 占 4.81% is not 5.00 ÷ 112.08
    text = ("2023 年部门一般公共预算支出年初预算为 112.08 万元。主要用于以下方面：科学技术支出 87.72 万元，"
            "占 78.27%；社会保障和就业支出 10.78 万元，占 9.62%。卫生健康支出 5 万元，占 4.81%。住房保障支出 8.19 万元，占 7.31%。")
    patch = section("五、一般公共预算支出情况说明", "一般公共预算支出", text)
    (total,) = run(HENAN, patch, "BL306")
    assert total.severity is Severity.ERROR and "= 111.69 万元（多 0.39 万元）" in total.message
    (share,) = run(HENAN, patch, "BL316")
    assert share.severity is Severity.ERROR and "= 4.46%" in share.message
    # the amount itself carries the list's precision, for the checks that compare it alone (a restatement)
    health = extract(text).amounts[3]
    assert health.number.text == "5" and health.printed == Printed(D(5), 2)


def test_integer_cell_beside_two_decimal_cells_of_a_wan_table_takes_their_precision() -> None:
    # 预算08表 in 万元: 小计 1.30 against 运行费 written 1 is a 0.30 gap, not a tail of ±1 万元
    patch = {"表格": {"三公经费表": {"本年": {"公务用车购置及运行费": {"公务用车运行费": 1}}}}}
    found = [f for f in run(HENAN, patch, "BL114") if "小计 1.30" in f.message]
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "= 1.00 万元（多 0.30 万元）" in found[0].message


def test_messages_about_yuan_figures_speak_yuan() -> None:
    # 元 against 元 is exact to the fen: the difference is said in 元, not as 0.000001 万元
    text = "2024 年部门收入总计 18,757,452.17 元，支出总计 18,757,452.16 元。"
    (found,) = run(SHANGHAI, section("一、财务收支预算总体情况", "收支总体", text), "BL301")
    assert found.severity is Severity.ERROR and found.message.endswith("不一致（多 0.01 元）")
    text = "“三公”经费预算为 130.00 元，其中：公务接待费 50.00 元，公务用车购置及运行费 80.01 元。"
    (found,) = run(HENAN, section("七、“三公”经费支出情况说明", "三公经费", text), "BL309")
    assert found.severity is Severity.ERROR and "= 130.01 元（少 0.01 元）" in found.message
