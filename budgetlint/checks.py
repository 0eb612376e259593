"""Shared identity checks for rules: a figure restated elsewhere, a total against its addends.

Rules call these instead of re-implementing the rounding policy. Each returns a
:class:`Violation` (primary location = the restating side / the total) or ``None``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from budgetlint.arith import Verdict, compare_equal, compare_sum, fmt, round_half_up
from budgetlint.finding import Related, Violation
from budgetlint.model import Amount, is_figure, wan

MAX_RELATED_ADDENDS = 12


# Term and Money are NamedTuples (immutable, cheaper to define and create than frozen dataclasses);
# nothing compares, hashes or copies them as dataclasses.
class Term(NamedTuple):
    """An amount with the words that name it in a message (“预算03表（支出表）基本支出 小计”)."""

    amount: Amount
    label: str

    def show(self) -> str:
        return f"{self.label} {self.amount.show()}"


_YUAN_PER_WAN = Decimal(10000)


class Money(NamedTuple):
    """How to print computed amounts (sums, differences) in a message: the unit of the figure being judged,
    at the coarsest precision of the figures involved, rounded half-up."""

    unit: str
    decimals: int  # in 万元 decimals, as Amount.decimals

    @staticmethod
    def of(first: Amount, *others: Amount) -> Money:
        shown = [first.decimals, *(o.decimals for o in others if not o.blank)]
        if first.unit == "元":
            # 元 figures are exact: a sum or a difference of them is shown to the finest printed fen, so
            # that 22118861 against 22118861.34 reads “少 0.34 元”, not “少 0 元”
            return Money("元", min(max(shown), 6))
        # an integer beside figures with decimals is judged at theirs (arith.in_context): shown at theirs
        # too, so that 1.30 against 1 reads “多 0.30 万元”, not “多 0 万元”
        given = [d for d in shown if d > 0]
        return Money(first.unit, min(min(given or shown), 2))

    def __call__(self, value_wan: Decimal) -> str:
        return f"{self.figure(value_wan)} {'元' if self.unit == '元' else '万元'}"

    def figure(self, value_wan: Decimal) -> str:
        """The number alone, as in a detail line of arithmetic."""
        if self.unit == "元":
            places = max(self.decimals - 4, 0)
            return fmt(round_half_up(value_wan * _YUAN_PER_WAN, places), places)
        return fmt(round_half_up(value_wan, self.decimals), self.decimals)


def _difference_words(verdict: Verdict, money: Money) -> str:
    direction = "多" if verdict.difference > 0 else "少"
    return f"{direction} {money(abs(verdict.difference))}"


def _tail_words(verdict: Verdict, money: Money) -> str:
    return f"相差 {money(abs(verdict.difference))}，在四舍五入尾差范围内（±{money(verdict.bound)}）"


def restated(stated: Term, source: Term, *, key: str = "", relation: str = "不一致") -> Violation | None:
    """EQ: ``stated`` restates ``source``. Quiet when either side is blank (not published)."""
    if stated.amount.blank or source.amount.blank:
        return None
    verdict = compare_equal(stated.amount.printed, source.amount.printed)
    if verdict.exact:
        return None
    money = Money.of(stated.amount, source.amount)
    message = f"{stated.show()}，与{source.show()}{relation}（{_difference_words(verdict, money)}）"
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
    present = [wan(a, unit) for a in addends if is_figure(a)]
    return not present or wan(total, unit) == sum(present, Decimal(0))


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
    computed = money(verdict.computed)
    related = tuple(Related(t.amount.at, t.show()) for t in present[:MAX_RELATED_ADDENDS])
    detail = f"{' + '.join(t.amount.text for t in present)} = {money.figure(verdict.computed)}；" \
             f"差额 {money.figure(verdict.difference)}，尾差上限 {money.figure(verdict.bound)}"
    if verdict.tail:
        message = f"{total.show()}，{formula} = {computed}，{_tail_words(verdict, money)}"
        return Violation(total.amount.at, message, related, rounding_tail=True, detail=detail, key=key)
    message = f"{total.show()}，不等于{formula} = {computed}（{_difference_words(verdict, money)}）"
    return Violation(total.amount.at, message, related, detail=detail, key=key)


def not_greater(part: Term, whole: Term, *, key: str = "") -> Violation | None:
    """A component must not exceed the whole it belongs to."""
    if part.amount.blank or whole.amount.blank or part.amount.value <= whole.amount.value:
        return None
    excess = part.amount.value - whole.amount.value
    message = f"{part.show()}，大于{whole.show()}（超出 {Money.of(part.amount, whole.amount)(excess)}）"
    return Violation(part.amount.at, message, (Related(whole.amount.at, whole.show()),), key=key)
