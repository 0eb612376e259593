"""Scope (口径) of the 一般公共预算支出表 and the fund tables against the 财政拨款收支总表.

Two scopes exist: the table shows current-year money only (当年拨款, Henan), or it includes spending
of carried-over money (含结转). The profile names the expected one; rules accept a document that is
consistent in either and say which one it uses (rules catalogue B07).
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from budgetlint.model import Amount, Disclosure

CURRENT_YEAR = "当年拨款"
WITH_CARRY_OVER = "含结转"


class ScopeTargets(NamedTuple):
    """What a fund's table total should equal in each scope, from the 财政拨款收支总表."""

    spending: Amount  # 本年支出 of the fund (includes carried-over money in Henan's layout)
    carry_over: Amount  # 上年结转 of the fund

    def expected(self, scope: str) -> Decimal:
        if scope == CURRENT_YEAR:
            return self.spending.value - self.carry_over.value
        return self.spending.value


def grant_targets(doc: Disclosure, fund: str) -> ScopeTargets | None:
    """``fund`` is a column of the 财政拨款收支总表: 一般公共预算 | 政府性基金 | 国有资本经营预算."""
    grant = doc.table("财政拨款收支总表")
    if grant is None:
        return None
    return ScopeTargets(grant.amount("支出", "本年支出", fund), grant.amount("收入", "上年结转", fund))


def other_scope(scope: str) -> str:
    return WITH_CARRY_OVER if scope == CURRENT_YEAR else CURRENT_YEAR
