"""Shared identity checks for rules: a figure restated elsewhere, a total against its addends.

Rules call these instead of re-implementing the rounding policy. Each returns a
:class:`Violation` (primary location = the restating side / the total) or ``None``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from budgetlint.arith import Verdict, compare_equal, compare_sum, fmt
from budgetlint.finding import Related, Violation
from budgetlint.model import Amount

MAX_RELATED_ADDENDS = 12


@dataclass(frozen=True, slots=True)
class Term:
    """An amount with the words that name it in a message (“预算03表（支出表）基本支出 小计”)."""

    amount: Amount
    label: str

    def show(self) -> str:
        return f"{self.label} {self.amount.show()}"


def _wan(value: Decimal, decimals: int = 2) -> str:
    return f"{fmt(value, decimals)} 万元"


def _difference_words(verdict: Verdict, decimals: int) -> str:
    direction = "多" if verdict.difference > 0 else "少"
    return f"{direction} {_wan(abs(verdict.difference), decimals)}"


def _tail_words(verdict: Verdict, decimals: int) -> str:
    return f"相差 {_wan(abs(verdict.difference), decimals)}，在四舍五入尾差范围内（±{_wan(verdict.bound, decimals)}）"


def restated(stated: Term, source: Term, *, key: str = "", relation: str = "不一致") -> Violation | None:
    """EQ: ``stated`` restates ``source``. Quiet when either side is blank (not published)."""
    if stated.amount.blank or source.amount.blank:
        return None
    verdict = compare_equal(stated.amount.printed, source.amount.printed)
    if verdict.exact:
        return None
    decimals = min(stated.amount.decimals, source.amount.decimals, 2) if stated.amount.unit == "万元" else 2
    message = f"{stated.show()}，与{source.show()}{relation}（{_difference_words(verdict, decimals)}）"
    detail = f"{stated.amount.text} − {source.amount.text} = {fmt(verdict.difference)}；同一数字的重述应完全相等"
    return Violation(stated.amount.at, message, (Related(source.amount.at, source.show()),), detail=detail, key=key)


def _table_prefix(label: str) -> str:
    """“预算01表（收支总表）收入总计” → “预算01表（收支总表）”."""
    end = label.find("）")
    return label[: end + 1] if end > 0 and "表（" in label[:end] else ""


def _within(label: str, context: str) -> str:
    """Drop the table name from an addend's label when the total is in the same table."""
    prefix = _table_prefix(context)
    return label[len(prefix):].strip() if prefix and label.startswith(prefix) and len(label) > len(prefix) else label


def summed(total: Term, addends: Sequence[Term], *, key: str = "", what: str = "") -> Violation | None:
    """SUM(n): a printed total against its printed addends. Quiet when the breakdown is not published."""
    present = [t for t in addends if not t.amount.blank]
    if total.amount.blank or not present:
        return None
    verdict = compare_sum(total.amount.printed, [t.amount.printed for t in present])
    if verdict.exact:
        return None
    decimals = min([total.amount.decimals, *(t.amount.decimals for t in present), 2])
    if len(present) <= 4:
        formula = " + ".join(f"{_within(t.label, total.label)} {t.amount.text}" for t in present)
    else:
        formula = f"{what or '各项'}（{len(present)} 项）之和"
    computed = _wan(verdict.computed, decimals)
    related = tuple(Related(t.amount.at, t.show()) for t in present[:MAX_RELATED_ADDENDS])
    detail = f"{' + '.join(t.amount.text for t in present)} = {fmt(verdict.computed, decimals)}；" \
             f"差额 {fmt(verdict.difference, decimals)}，尾差上限 {fmt(verdict.bound, decimals)}"
    if verdict.tail:
        message = f"{total.show()}，{formula} = {computed}，{_tail_words(verdict, decimals)}"
        return Violation(total.amount.at, message, related, rounding_tail=True, detail=detail, key=key)
    message = f"{total.show()}，不等于{formula} = {computed}（{_difference_words(verdict, decimals)}）"
    return Violation(total.amount.at, message, related, detail=detail, key=key)


def not_greater(part: Term, whole: Term, *, key: str = "") -> Violation | None:
    """A component must not exceed the whole it belongs to."""
    if part.amount.blank or whole.amount.blank or part.amount.value <= whole.amount.value:
        return None
    excess = part.amount.value - whole.amount.value
    message = f"{part.show()}，大于{whole.show()}（超出 {_wan(excess)}）"
    return Violation(part.amount.at, message, (Related(whole.amount.at, whole.show()),), key=key)
