"""The rounding policy (rules catalogue §3): exact decimals, ROUND_HALF_UP, bounds from printed precision."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from budgetlint.arith import (
    YUAN_PER_WAN,
    Money,
    Printed,
    Verdict,
    compare_equal,
    compare_percent,
    compare_sum,
    fmt,
    money,
    percent_message,
    places,
    restatement_message,
    round_half_up,
    sum_message,
    to_wan,
)


def p(text: str) -> Printed:
    return Printed(D(text), places(D(text)))


def test_half_up_is_not_bankers_rounding() -> None:
    assert round_half_up(D("2.345"), 2) == D("2.35")  # round() would give 2.34 on a float, 2.34 half-even
    assert round_half_up(D("0.125"), 2) == D("0.13")
    assert round_half_up(D("-0.125"), 2) == D("-0.13")


def test_seed_identities_are_exact() -> None:
    verdict = compare_sum(p("293.68"), [p("112.08"), p("181.60")])
    assert verdict.exact and not verdict.fails


@pytest.mark.parametrize(
    ("n", "bound"), [(2, "0.01"), (3, "0.02"), (6, "0.03"), (9, "0.05")]
)
def test_sum_bound_grows_with_the_number_of_addends(n: int, bound: str) -> None:
    addends = [p("1.00")] * n
    verdict = compare_sum(Printed(D(n) + D("0.01"), 2), addends)
    assert verdict.bound == D(bound)
    assert verdict.tail and not verdict.fails


def test_a_real_error_is_not_hidden_by_the_bound() -> None:
    verdict = compare_sum(p("1.50"), [p("0.50"), p("0.00"), p("0.00")])
    assert verdict.fails
    assert verdict.difference == D("1.00")
    assert verdict.computed == D("0.50")


def test_restatement_must_be_exact_at_equal_precision() -> None:
    assert compare_equal(p("291.38"), p("293.68")).fails
    assert compare_equal(p("293.68"), p("293.68")).exact
    assert compare_equal(p("5"), p("5.00")).exact


def test_restatement_at_different_precision_rounds_the_finer_figure() -> None:
    # 1,234,567.89 元 = 123.456789 万元, printed elsewhere as 123.46 万元
    assert compare_equal(Printed(D("123.456789"), 6), p("123.46")).exact
    assert compare_equal(Printed(D("123.456789"), 6), p("123.45")).fails


@pytest.mark.parametrize(
    ("share", "part", "whole"),
    [("36.46", "107.08", "293.68"), ("63.54", "186.60", "293.68"), ("95.54", "107.08", "112.08"),
     ("4.46", "5.00", "112.08"), ("210.31", "235.72", "112.08"), ("22.31", "25.00", "112.08")],
)
def test_seed_percentages_reproduce_exactly(share: str, part: str, whole: str) -> None:
    assert compare_percent(D(share), p(part), p(whole)).exact


def test_growth_rate_uses_the_implied_prior() -> None:
    # 197.26 / (293.68 − 197.26) = 204.5841 %
    assert compare_percent(D("204.58"), p("197.26"), Printed(D("96.42"), 2)).exact


def test_truncated_percentage_is_only_a_tail() -> None:
    verdict = compare_percent(D("36.46"), p("107.085"), p("293.68"))  # exact 36.4628 → 36.46 either way
    assert not verdict.fails
    truncated = compare_percent(D("33.33"), p("1.00"), p("3.00"))
    assert truncated.exact
    tail = compare_percent(D("66.66"), p("2.00"), p("3.00"))  # 66.666… rounds to 66.67; printed truncated
    assert tail.tail and not tail.fails


def test_percentage_far_off_fails() -> None:
    verdict = compare_percent(D("40.00"), p("107.08"), p("293.68"))
    assert verdict.fails


def test_fmt_keeps_printed_decimals() -> None:
    assert fmt(D("1.3"), 2) == "1.30"
    assert fmt(D("-2.30")) == "-2.30"


# ---------------------------------------------------------------------------------------------
# printed money and the words of a judgement (one style for table and narrative rules)



def test_one_factor_between_yuan_and_wan() -> None:
    assert to_wan(D("22118861.34"), "元") == D("2211.886134")
    assert to_wan(1931632, "元") * YUAN_PER_WAN == 1931632
    assert to_wan(D("112.10"), "万元") == D("112.10") and places(to_wan(D("112.10"), "万元")) == 2


def test_money_prints_in_the_unit_judged() -> None:
    assert Money("万元", 2)(D("1.005")) == "1.01 万元"  # half-up
    assert Money("元", 6)(D("0.000034")) == "0.34 元"  # 元 figures: to the fen, in 元
    assert Money("万元", 0)(D("12.5")) == "13 万元"
    assert money(D(3)) == "3.00 万元" and money(D("0.0001"), "元") == "1.00 元"


def test_money_never_prints_a_difference_as_zero() -> None:
    # a gap finer than the precision shown is printed with its own digits (“相差 0.004 万元”), never “0.00”
    assert Money("万元", 2)(D("0.004")) == "0.004 万元"
    assert Money("万元", 2)(D(0)) == "0.00 万元"


def test_one_wording_for_every_sum_and_restatement() -> None:
    failed = Verdict(False, False, D("2.00"), D("0.01"), D("1.00"))
    tail = Verdict(False, True, D("0.01"), D("0.02"), D("3.00"))
    shown = Money("万元", 2)
    assert sum_message("合计 3.00 万元", "甲 1.00 万元", failed, shown) == "合计 3.00 万元，不等于甲 1.00 万元 = 1.00 万元（多 2.00 万元）"
    assert sum_message("合计 3.01 万元", "甲 + 乙", tail, shown) == \
        "合计 3.01 万元，甲 + 乙 = 3.00 万元，相差 0.01 万元，在四舍五入尾差范围内（±0.02 万元）"
    assert restatement_message("表二 5.00 万元", "表一 4.00 万元", Verdict(False, False, D(1), D(0), D(4)), shown) == \
        "表二 5.00 万元，与表一 4.00 万元不一致（多 1.00 万元）"


def test_one_wording_for_every_percentage() -> None:
    verdict = compare_percent(D("80.00"), p("250.00"), p("300.00"))
    assert percent_message("250.00 ÷ 300.00", verdict) == "应为 250.00 ÷ 300.00 = 83.33%（相差 3.33 个百分点）"
    assert "基数很小" in percent_message("1 ÷ 1.30", verdict, small_base=True)
    tail = compare_percent(D("38.47"), p("50.00"), p("130.00"))  # 38.4615…: within the bound of the rounded inputs
    assert tail.tail and percent_message("50.00 ÷ 130.00", tail).startswith("与 50.00 ÷ 130.00 = 38.46% 相差 0.01 个百分点")


def test_a_truncated_percentage_is_a_tail_that_says_so_not_a_rounding_difference() -> None:
    """规划资源局 2024 决算: 9746.50 ÷ 9759.38 = 99.868 %, printed 99.86 % — cut, not rounded. It stays a
    hint, but “在四舍五入误差范围内（±0.0051）” was untrue of a gap of 0.01 (the message said so before)."""
    verdict = compare_percent(D("99.86"), p("9746.50"), p("9759.38"))
    assert verdict.tail and verdict.truncated and verdict.computed == D("99.87")
    said = percent_message("9746.50 ÷ 9759.38", verdict)
    assert "截去尾数" in said and "四舍五入误差范围内" not in said
    rounded = compare_percent(D("204.59"), p("197.26"), p("96.42"))  # within the inputs' rounding
    assert rounded.tail and not rounded.truncated and "四舍五入误差范围内" in percent_message("x", rounded)
