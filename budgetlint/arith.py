"""Exact decimal arithmetic under the rounding policy (四舍五入, judged by printed precision).

The policy (rules catalogue §3):

* EQ, one figure restated: equal after unit normalisation. When the two are printed with different
  precision and the coarser one was rounded, the finer one rounded half-up to the coarser precision
  must equal it.
* SUM(n), a printed total against n printed addends: each rounded value carries at most half a
  unit of rounding error, so the difference lives on the unit grid and may reach the sum of the
  errors cut to that grid: ``unit * floor((n + 1) / 2)`` when all are rounded alike. Inside that bound
  the difference is a rounding tail (尾差), reported at most at info level; outside it, at the rule's
  severity. Blank cells are exact zeros.
* PCT, a printed percentage of a/b: exact reproduction with ROUND_HALF_UP first, then the bound
  propagated from the rounded inputs.
* GROW, a printed growth rate: PCT on Δ / prior with prior = X − Δ, whose error is X's plus Δ's.

Every bound is built from the error each figure really carries (:attr:`Printed.error`): half a unit of
its precision when it was rounded, none when it is exact — a figure in 元 (exact to the fen whether or
not decimals are printed) or a printed zero. So a tolerance never exceeds what the document's own
printed precision implies (docs/rounding.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import NamedTuple, Protocol

HUNDRED = Decimal(100)
_ZERO = Decimal(0)


def places(value: Decimal) -> int:
    """Number of decimals printed (``Decimal('1.30')`` → 2, ``Decimal('5')`` → 0)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def unit(decimals: int) -> Decimal:
    return Decimal(1).scaleb(-decimals)


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(unit(decimals), rounding=ROUND_HALF_UP)


def truncate(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(unit(decimals), rounding=ROUND_DOWN)


# Printed and Verdict are NamedTuples: immutable like the frozen dataclasses they were, but several times
# cheaper to define (start-up) and to create (one per comparison). Nothing compares or copies them as
# dataclasses.
# A 元 figure in 万元 decimals: a whole 元 is 0.0001 万元 (4 decimals), a fen 0.000001 (6).
WHOLE_YUAN = 4
YUAN_TO_FEN = 6


class Printed(NamedTuple):
    """A figure as printed: its value (in the comparison unit), its precision there, and whether it is exact.

    ``exact``: the figure carries no rounding error — amounts in 元 are kept to the fen, so a 元 figure is
    the amount itself, not a rounding of it. A printed zero is exact too (see :attr:`error`).
    ``decimals`` is the precision the figure is judged at: the printed decimals, or, for an integer
    printed beside two-decimal figures of its kind, theirs (narrative.numbers, :func:`in_context`).
    """

    value: Decimal
    decimals: int
    exact: bool = False

    @property
    def error(self) -> Decimal:
        """The most the printed figure can differ from the amount it stands for.

        A printed zero is an exact zero: a disclosure prints 0 (or 0.00) for a line with nothing in it,
        as it leaves a cell blank, and treating it as “anything under half a unit” let a real gap pass
        as a rounding tail (issue 12).
        """
        if self.exact or not self.value:
            return _ZERO
        return unit(self.decimals) / 2


class Verdict(NamedTuple):
    """Outcome of one comparison. ``exact`` → nothing to say; ``tail`` → info; else a finding."""

    exact: bool
    tail: bool
    difference: Decimal  # stated minus computed
    bound: Decimal
    computed: Decimal
    truncated: bool = False  # a tail only because the stated figure cut the decimals instead of rounding them

    @property
    def fails(self) -> bool:
        return not self.exact and not self.tail


def in_context(figures: Sequence[Printed]) -> list[Printed]:
    """The figures of one list (a total and its parts, a part and its whole) at the list's precision.

    A rounded figure printed as an integer beside figures printed with decimals takes their precision
    (the coarsest of them): documents print 25 for 25.00 (Shanghai's tables strip trailing zeros), and
    judging it at ±0.5 would let a 0.50 gap pass as a rounding tail. Exact figures neither give nor take
    precision. An integer in a list of integers keeps its ±0.5.
    """
    if any(f.exact for f in figures):
        # a whole-元 figure beside figures printed to the fen is exact like them: "22118861" against parts
        # summing to 22118861.34 is a 0.34 元 gap, not a tail (issue 12)
        figures = [f._replace(exact=True) if not f.exact and f.decimals == WHOLE_YUAN else f for f in figures]
    given = [f.decimals for f in figures if not f.exact and f.decimals > 0]
    if not given:
        return list(figures)
    decimals = min(given)
    return [f._replace(decimals=decimals) if not f.exact and f.decimals == 0 else f for f in figures]


def compare_equal(stated: Printed, other: Printed) -> Verdict:
    """EQ: the same figure restated (possibly at another precision).

    The finer figure is rounded to the coarser precision only when the coarser one was rounded: an
    exact figure (元) restated must be equal to the fen.
    """
    coarse = min(stated.decimals, other.decimals)
    difference = stated.value - other.value
    if difference == 0:
        return Verdict(True, False, difference, _ZERO, other.value)
    if stated.decimals != other.decimals:
        finer, coarser = (stated, other) if stated.decimals > other.decimals else (other, stated)
        if coarser.error and round_half_up(finer.value, coarse) == coarser.value:
            return Verdict(True, False, difference, unit(coarse) / 2, other.value)
    return Verdict(False, False, difference, _ZERO, other.value)


def compare_sum(stated: Printed, addends: Sequence[Printed]) -> Verdict:
    """SUM(n): a printed total against its printed addends (blank addends are left out).

    The bound is the sum of the figures' errors, cut to the grid the difference lives on (the finest
    precision printed): with n + 1 figures at two decimals, 0.01 × ⌊(n + 1) / 2⌋; with exact figures
    (元) nothing — any difference is a real one.
    """
    figures = in_context([stated, *addends])
    computed = sum((a.value for a in addends), _ZERO)
    difference = stated.value - computed
    grid = unit(max(f.decimals for f in figures))
    errors = sum((f.error for f in figures), _ZERO)
    bound = (errors / grid).to_integral_value(rounding=ROUND_DOWN) * grid
    if difference == 0:
        return Verdict(True, False, difference, bound, computed)
    return Verdict(False, abs(difference) <= bound, difference, bound, computed)


def _ratio(stated: Decimal, part: Decimal, e_part: Decimal, whole: Decimal, e_whole: Decimal) -> Verdict:
    """``stated`` (in %, rounded to its printed decimals) against 100·part/whole, whose inputs carry the
    errors ``e_part`` and ``e_whole``: exact reproduction first, then the propagated bound
    ``h_p + 100·(e_a/(b−e_b) + a·e_b/(b−e_b)²)``; a truncated (not rounded) percentage is only a tail."""
    k = places(stated)
    exact_value = HUNDRED * part / whole
    computed = round_half_up(exact_value, k)
    difference = stated - computed
    h_p = unit(k) / 2
    denominator = whole - e_whole
    bound = h_p if denominator <= 0 else h_p + HUNDRED * (e_part / denominator + abs(part) * e_whole / denominator**2)
    if difference == 0:
        return Verdict(True, False, difference, bound, computed)
    within = abs(stated - exact_value) <= bound
    truncated = not within and stated == truncate(exact_value, k)
    return Verdict(False, within or truncated, difference, bound, computed, truncated)


def compare_percent(stated: Decimal, part: Printed, whole: Printed) -> Verdict:
    """PCT: a printed share ``stated`` (in %) of part/whole."""
    if whole.value == 0:
        return Verdict(False, False, stated, _ZERO, _ZERO)
    part, whole = in_context([part, whole])
    return _ratio(stated, part.value, part.error, whole.value, whole.error)


def compare_growth(rate: Decimal, delta: Printed, level: Printed, direction: int) -> Verdict:
    """GROW: a printed growth rate ``rate`` (in %, unsigned) of the change ``delta`` (unsigned) against
    the prior amount implied by this year's ``level``: prior = X − Δ (X + Δ for a decrease).

    The prior's error is X's plus Δ's (two printed figures; none when both are exact). The caller has
    made sure prior > 0.
    """
    delta, level = in_context([delta, level])
    prior = level.value - direction * abs(delta.value)
    return _ratio(rate, abs(delta.value), delta.error, prior, level.error + delta.error)


def fmt(value: Decimal, decimals: int | None = None) -> str:
    """Print an amount the way the tables do: fixed decimals, no exponent, no thousands separator."""
    if decimals is None:
        decimals = max(places(value), 0)
    return f"{value:.{decimals}f}"


# ---------------------------------------------------------------------------------------------
# Units, printed money and the words of a judgement: one place for table and narrative rules alike.

YUAN_PER_WAN = Decimal(10000)  # the one 元/万元 factor: every conversion goes through to_wan or Money


def to_wan(raw: int | Decimal, unit: str) -> Decimal:
    """A printed figure (int or Decimal, in ``unit``) in 万元, exactly: 元 figures keep four more decimals."""
    value = raw if isinstance(raw, Decimal) else Decimal(raw)
    return value / YUAN_PER_WAN if unit == "元" else value


class _Shown(Protocol):
    """What :meth:`Money.of` reads of a figure (a table cell, ``model.Amount``)."""

    @property
    def unit(self) -> str: ...

    @property
    def decimals(self) -> int: ...

    @property
    def blank(self) -> bool: ...


class Money(NamedTuple):
    """How a message prints a computed amount (a sum, a difference, a bound) given in 万元: in the unit of
    the figures judged, at their precision, rounded half-up.

    ``decimals`` counts 万元 decimals, as ``Printed.decimals`` does (a 元 figure has four more). A non-zero
    amount finer than that is printed with its own digits, never as 0 (“相差 0.004 万元”, not “相差 0.00 万元”).
    """

    unit: str  # 元 | 万元
    decimals: int

    @staticmethod
    def of(first: _Shown, *others: _Shown) -> Money:
        """For figures from tables: the unit of ``first``, the coarsest precision printed (at most 0.01 万元)."""
        shown = [first.decimals, *(o.decimals for o in others if not o.blank)]
        if first.unit == "元":
            # 元 figures are exact: a sum or a difference of them is shown to the finest printed fen, so
            # that 22118861 against 22118861.34 reads “少 0.34 元”, not “少 0 元”
            return Money("元", min(max(shown), 6))
        # an integer beside figures with decimals is judged at theirs (in_context): shown at theirs
        # too, so that 1.30 against 1 reads “多 0.30 万元”, not “多 0 万元”
        given = [d for d in shown if d > 0]
        return Money(first.unit, min(min(given or shown), 2))

    @staticmethod
    def usual(unit: str = "万元") -> Money:
        """The narrative's usual precision: 0.01 万元, or the fen when every figure compared is in 元."""
        return Money("元", 6) if unit == "元" else Money("万元", 2)

    def __call__(self, value_wan: Decimal) -> str:
        return f"{self.figure(value_wan)} {'元' if self.unit == '元' else '万元'}"

    def figure(self, value_wan: Decimal) -> str:
        """The number alone, as in a detail line of arithmetic."""
        if self.unit == "元":
            decimals = max(self.decimals - 4, 0)
            return fmt(round_half_up(value_wan * YUAN_PER_WAN, decimals), decimals)
        shown = round_half_up(value_wan, self.decimals)
        if value_wan and not shown:
            return fmt(value_wan, places(value_wan.normalize()))
        return fmt(shown, self.decimals)


def money(value_wan: Decimal, unit: str = "万元") -> str:
    """A computed amount in a narrative message: :meth:`Money.usual`."""
    return Money.usual(unit)(value_wan)


def differs(difference: Decimal, shown: Money) -> str:
    """“多 1.00 万元” / “少 0.34 元”: stated minus computed."""
    return f"{'多' if difference > 0 else '少'} {shown(abs(difference))}"


def restatement_message(stated: str, source: str, verdict: Verdict, shown: Money, relation: str = "不一致") -> str:
    """EQ failed: “<stated>，与<source>不一致（多 X）” — the wording of every restatement rule."""
    return f"{stated}，与{source}{relation}（{differs(verdict.difference, shown)}）"


def sum_message(total: str, formula: str, verdict: Verdict, shown: Money) -> str:
    """SUM(n) failed or left a rounding tail — the wording of every sum rule, tables and narrative alike."""
    computed = shown(verdict.computed)
    if verdict.tail:
        return (f"{total}，{formula} = {computed}，相差 {shown(abs(verdict.difference))}，"
                f"在四舍五入尾差范围内（±{shown(verdict.bound)}）")
    return f"{total}，不等于{formula} = {computed}（{differs(verdict.difference, shown)}）"


def sum_detail(addends: Sequence[str], verdict: Verdict, shown: Money) -> str:
    """The arithmetic behind a sum finding, for the detail line."""
    return (f"{' + '.join(addends)} = {shown.figure(verdict.computed)}；"
            f"差额 {shown.figure(verdict.difference)}，尾差上限 {shown.figure(verdict.bound)}")


def percent_message(formula: str, verdict: Verdict, small_base: bool = False) -> str:
    """PCT or GROW judged — the wording of every share and growth-rate rule: the formula that gives the
    right percentage, the percentage, and the gap in 个百分点 (a rounding tail says its bound; a failure on
    a small rounded base says that it is only a hint, catalogue D11)."""
    computed = f"{formula} = {verdict.computed}%"
    gap = f"{abs(verdict.difference)} 个百分点"
    if verdict.truncated:  # outside the rounding bound: saying “within rounding” would be untrue
        return f"与 {computed} 相差 {gap}，像是截去尾数而不是四舍五入，仅作提示"
    if verdict.tail:
        return f"与 {computed} 相差 {gap}，在四舍五入误差范围内（±{verdict.bound:.4f} 个百分点）"
    if small_base:
        return f"应为 {computed}（相差 {gap}）；基数很小，误差上限 ±{verdict.bound:.2f} 个百分点，仅作提示"
    return f"应为 {computed}（相差 {gap}）"
