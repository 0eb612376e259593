"""元 and 万元: one figure printed in two units is compared exactly, under the rounding policy.

The rule (rules catalogue §3 EQ, C23): the 元 figure, rounded half-up (四舍五入) to the precision of the
万元 figure (normally 0.01 万元), must equal the printed 万元 figure. ``model.make_amount`` already keeps
the 元 figure exact in 万元 (four more decimals), so this is :func:`arith.compare_equal`; this module
only names the policy and prints the conversion the way a reviewer checks it by hand.
"""

from __future__ import annotations

from decimal import Decimal

from budgetlint.arith import Verdict, compare_equal, fmt, round_half_up
from budgetlint.model import Amount


def same_figure(a: Amount, b: Amount) -> Verdict:
    """EQ across units: the finer figure rounded half-up to the coarser precision equals the coarser one."""
    return compare_equal(a.printed, b.printed)


def in_wan(amount: Amount, decimals: int = 2) -> Decimal:
    """The amount in 万元, rounded half-up to ``decimals`` (the printed 万元 precision)."""
    return round_half_up(amount.value, decimals)


def show_both(amount: Amount) -> str:
    """“1931632.16 元（折合 193.16 万元）” for a 元 figure; a 万元 figure as printed."""
    if amount.blank or amount.unit != "元":
        return amount.show()
    return f"{amount.show()}（折合 {fmt(in_wan(amount), 2)} 万元）"
