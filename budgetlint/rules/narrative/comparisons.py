"""Stated comparisons: “X年…为 A，Y年…安排 B，比 X 年…增加/减少 p%（或 D 万元）” (issue 15 item 3).

Real 预算 prose prints both sides of a comparison in one sentence — the prior year's figure A (当年预算
执行数, 上年预算 …) and this year's B — and then the change. Everything the change says can be
recomputed from the two printed figures: the direction word against the sign of B − A, the rate p
against 100 × (B − A) ÷ A at p's printed precision, the amount D against B − A, “持平” against A = B.

A comparison is read only when it is certain (docs/narrative.md, 精度优先): A, B and the change stand in
one sentence, A's role is the prior year's (or it is dated the year before), B is this period's and the
nearest figure before the change, and no other figure stands between A and B.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from budgetlint.arith import HUNDRED, Printed, Verdict, places, round_half_up, truncate, unit
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.claims import Change, StatedAmount
from budgetlint.rules.narrative.periods import PRIOR_ROLES, is_current
from budgetlint.rules.narrative.sections import NarrativeSection, narrative


class Comparison(NamedTuple):
    """A change with both sides printed: ``prior`` (A) and ``current`` (B)."""

    section: NarrativeSection
    change: Change
    prior: StatedAmount
    current: StatedAmount

    @property
    def difference(self) -> Printed:
        """B − A at the finer of the two printed precisions."""
        a, b = self.prior.printed, self.current.printed
        return Printed(b.value - a.value, max(a.decimals, b.decimals))


def comparisons(doc: Disclosure) -> Iterator[Comparison]:
    """Every certain comparison of the narrative, once per document."""
    return iter(doc.cached(("stated comparisons",), lambda: tuple(_comparisons(doc))))


def _is_prior(doc: Disclosure, amount: StatedAmount) -> bool:
    if amount.role in PRIOR_ROLES:
        return amount.year in (None, doc.year - 1)
    if doc.kind == "预算" and amount.role == "决算":
        return amount.year == doc.year - 1
    return amount.role == "" and amount.year == doc.year - 1


def _comparisons(doc: Disclosure) -> Iterator[Comparison]:
    for ns in narrative(doc):
        amounts = ns.claims.amounts
        for change in ns.claims.changes:
            before = [a for a in amounts if a.sentence == change.sentence and a.number.start < change.word_start]
            if len(before) < 2:
                continue
            prior, current = before[-2], before[-1]
            if _is_prior(doc, current) and not _is_prior(doc, prior):
                # “2024年预算安排 B，比2023年预算执行数 A 减少 p%”: the prior figure stands after this year's
                prior, current = current, prior
            if not _is_prior(doc, prior) or not is_current(current.role, doc.kind) or current.year not in (None, doc.year):
                continue
            if change.year is not None and change.year != doc.year - 1:
                continue  # compared with another year than the prior figure's: not certain
            yield Comparison(ns, change, prior, current)


def rate_verdict(stated: Decimal, difference: Printed, prior: Printed) -> Verdict:
    """p against 100 × (B − A) ÷ A: exact at p's printed precision first, then within the propagated
    rounding of the two printed amounts (B − A carries two half-units, A one)."""
    k = places(stated)
    exact_value = HUNDRED * abs(difference.value) / prior.value
    computed = round_half_up(exact_value, k)
    deviation = stated - computed
    half = unit(difference.decimals) / 2
    denominator = prior.value - half
    bound = unit(k) / 2 if denominator <= 0 else (
        unit(k) / 2 + HUNDRED * (2 * half / denominator + abs(difference.value) * half / denominator ** 2))
    if deviation == 0:
        return Verdict(True, False, deviation, bound, computed)
    tail = abs(stated - exact_value) <= bound or stated == truncate(exact_value, k)
    return Verdict(False, tail, deviation, bound, computed)


class Restated(NamedTuple):
    """An item's amount printed twice in one numbered item: “住房公积金（项）”350.35万元 … 2024年预算安排352.67万元”."""

    section: NarrativeSection
    first: StatedAmount  # the item's own amount, after its 类/款/项 label
    again: StatedAmount  # the same period's amount restated without a subject of its own


_ITEM_LABEL = re.compile(r"[（(](?:项|\d{2}\s*项)[)）]|[（(]\d{3}\s*类[)）]|\d{3}\d{2,4}")
_BARE_CURRENT = re.compile(r"^(?:\d{4}\s*年度?)?\s*(?:预算安排|预算数?为?|安排|预算)(?:为|是)?$")


def restated_items(doc: Disclosure) -> Iterator[Restated]:
    """Numbered items whose 项 amount is printed again, for this period, without a subject of its own."""
    return iter(doc.cached(("restated items",), lambda: tuple(_restated_items(doc))))


def _restated_items(doc: Disclosure) -> Iterator[Restated]:
    for ns in narrative(doc):
        view = ns.claims.view
        bounds = [*ns.claims.items, len(view.text)]
        amounts = ns.claims.amounts
        for start, end in zip(bounds, bounds[1:]):
            inside = [a for a in amounts if start <= a.number.vstart < end]
            if len(inside) < 2 or not _ITEM_LABEL.search(inside[0].label) or not is_current(inside[0].role, doc.kind):
                continue
            for again in inside[1:]:
                if (_BARE_CURRENT.match(again.label.strip(" ，,。")) and is_current(again.role, doc.kind)
                        and again.year in (None, doc.year)):
                    yield Restated(ns, inside[0], again)
