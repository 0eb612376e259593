"""Shared identity checks for rules: a figure restated elsewhere, a total against its addends.

Rules call these instead of re-implementing the rounding policy. Each returns a
:class:`Violation` (primary location = the restating side / the total) or ``None``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from budgetlint.arith import (
    Money,
    compare_equal,
    compare_sum,
    fmt,
    restatement_message,
    sum_detail,
    sum_message,
    to_wan,
)
from budgetlint.finding import Related, Violation
from budgetlint.model import Amount, is_figure

MAX_RELATED_ADDENDS = 12


class Term(NamedTuple):
    """An amount with the words that name it in a message (“预算03表（支出表）基本支出 小计”)."""

    amount: Amount
    label: str

    def show(self) -> str:
        return f"{self.label} {self.amount.show()}"


def restated(stated: Term, source: Term, *, key: str = "", relation: str = "不一致") -> Violation | None:
    """EQ: ``stated`` restates ``source``. Quiet when either side is blank (not published)."""
    if stated.amount.blank or source.amount.blank:
        return None
    verdict = compare_equal(stated.amount.printed, source.amount.printed)
    if verdict.exact:
        return None
    message = restatement_message(stated.show(), source.show(), verdict, Money.of(stated.amount, source.amount), relation)
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


def plainly_summed(total: Any, addends: Iterable[Any], unit: str) -> bool:
    """True when :func:`summed` is sure to be quiet for these raw cells (as the loader gives them, all in
    ``unit``): the total or every addend blank, or an exact sum computed as compare_sum does. A rule
    calls it first so that Terms, labels and pointers are built only for a sum that may fail."""
    if not is_figure(total):
        return True
    present = [to_wan(a, unit) for a in addends if is_figure(a)]
    return not present or to_wan(total, unit) == sum(present, Decimal(0))


def summed(total: Term, addends: Sequence[Term], *, key: str = "", what: str = "") -> Violation | None:
    """SUM(n): a printed total against its printed addends. Quiet when the breakdown is not published."""
    present = [t for t in addends if not t.amount.blank]
    if total.amount.blank or not present:
        return None
    verdict = compare_sum(total.amount.printed, [t.amount.printed for t in present])
    if verdict.exact:
        return None
    money = Money.of(total.amount, *(t.amount for t in present))
    if len(present) <= 4:
        words, previous = [], total.label
        for t in present:
            words.append(f"{_within(t.label, previous)} {t.amount.text}")
            previous = t.label
        formula = " + ".join(words)
    else:
        formula = f"{what or '各项'}（{len(present)} 项）之和"
    related = tuple(Related(t.amount.at, t.show()) for t in present[:MAX_RELATED_ADDENDS])
    detail = sum_detail([t.amount.text for t in present], verdict, money)
    message = sum_message(total.show(), formula, verdict, money)
    return Violation(total.amount.at, message, related, rounding_tail=verdict.tail, detail=detail, key=key)


def not_greater(part: Term, whole: Term, *, key: str = "") -> Violation | None:
    """A component must not exceed the whole it belongs to."""
    if part.amount.blank or whole.amount.blank or part.amount.value <= whole.amount.value:
        return None
    excess = part.amount.value - whole.amount.value
    message = f"{part.show()}，大于{whole.show()}（超出 {Money.of(part.amount, whole.amount)(excess)}）"
    return Violation(part.amount.at, message, (Related(whole.amount.at, whole.show()),), key=key)
