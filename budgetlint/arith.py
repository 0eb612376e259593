"""Exact decimal arithmetic under the rounding policy (四舍五入, judged by printed precision).

The policy (rules catalogue §3):

* EQ, one figure restated: equal after unit normalisation. When the two are printed with different
  precision, the finer one rounded half-up to the coarser precision must equal the coarser one.
* SUM(n), a printed total against n printed addends: each printed value carries at most half a
  unit of rounding error, so the difference lives on the unit grid and may reach
  ``unit * floor((n + 1) / 2)``. Inside that bound the difference is a rounding tail (尾差), reported
  at most at info level; outside it, at the rule's severity. Blank cells are exact zeros.
* PCT, a printed percentage of a/b: exact reproduction with ROUND_HALF_UP first, then the bound
  propagated from the rounded inputs.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import NamedTuple

HUNDRED = Decimal(100)


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
class Printed(NamedTuple):
    """A figure as printed: its value (in the comparison unit) and its precision there."""

    value: Decimal
    decimals: int


class Verdict(NamedTuple):
    """Outcome of one comparison. ``exact`` → nothing to say; ``tail`` → info; else a finding."""

    exact: bool
    tail: bool
    difference: Decimal  # stated minus computed
    bound: Decimal
    computed: Decimal

    @property
    def fails(self) -> bool:
        return not self.exact and not self.tail


def compare_equal(stated: Printed, other: Printed) -> Verdict:
    """EQ: the same figure restated (possibly at another precision)."""
    coarse = min(stated.decimals, other.decimals)
    difference = stated.value - other.value
    if difference == 0:
        return Verdict(True, False, difference, Decimal(0), other.value)
    if stated.decimals != other.decimals:
        finer, coarser = (stated, other) if stated.decimals > other.decimals else (other, stated)
        if round_half_up(finer.value, coarse) == coarser.value:
            return Verdict(True, False, difference, unit(coarse) / 2, other.value)
    return Verdict(False, False, difference, Decimal(0), other.value)


def compare_sum(stated: Printed, addends: Sequence[Printed]) -> Verdict:
    """SUM(n): a printed total against its printed addends (blank addends are left out)."""
    computed = sum((a.value for a in addends), Decimal(0))
    difference = stated.value - computed
    decimals = min([stated.decimals, *(a.decimals for a in addends)])
    bound = unit(decimals) * ((len(addends) + 1) // 2)
    if difference == 0:
        return Verdict(True, False, difference, bound, computed)
    return Verdict(False, abs(difference) <= bound, difference, bound, computed)


def compare_percent(stated: Decimal, part: Printed, whole: Printed) -> Verdict:
    """PCT: a printed share ``stated`` (in %) of part/whole."""
    k = places(stated)
    if whole.value == 0:
        return Verdict(False, False, stated, Decimal(0), Decimal(0))
    exact_value = HUNDRED * part.value / whole.value
    computed = round_half_up(exact_value, k)
    difference = stated - computed
    h_p = unit(k) / 2
    e_a = unit(part.decimals) / 2
    e_b = unit(whole.decimals) / 2
    denominator = whole.value - e_b
    bound = h_p if denominator <= 0 else h_p + HUNDRED * (e_a / denominator + abs(part.value) * e_b / denominator**2)
    if difference == 0:
        return Verdict(True, False, difference, bound, computed)
    tail = abs(stated - exact_value) <= bound or stated == truncate(exact_value, k)
    return Verdict(False, tail, difference, bound, computed)


def fmt(value: Decimal, decimals: int | None = None) -> str:
    """Print an amount the way the tables do: fixed decimals, no exponent, no thousands separator."""
    if decimals is None:
        decimals = max(places(value), 0)
    return f"{value:.{decimals}f}"
