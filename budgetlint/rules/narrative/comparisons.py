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
from budgetlint.rules.narrative.items import ItemPath, item_path
from budgetlint.rules.narrative.periods import PRIOR_ROLES, is_current
from budgetlint.rules.narrative.sections import NarrativeSection, narrative
from budgetlint.rules.narrative.vocabulary import normalise_label


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
        yield from _named_again(doc, ns)


# What may follow a 项 label for the figure to be the 项's own amount: a period word and a year, nothing else
# (“住房公积金（项）支出决算为”, “……（项）”, “……（项）2024年预算数为”; not “……（项）基本支出”).
_BARE_AFTER_ITEM = re.compile(r"[”\"\s]*(?:\d{4}\s*年度?)?\s*(?:支出|收入)?(?:年初预算|调整后?预算|全年预算|决算|预算安排|预算|安排)?数?(?:为|是)?[:：]?\s*")


def _same_item(a: ItemPath, b: ItemPath) -> bool:
    """Whether two paths name the same 项: the 项 is named (by name or code) in both, and every level both
    name agrees (a later “住房公积金（项）” restates “住房保障支出（类）住房改革支出（款）住房公积金（项）”)."""
    names_a = [normalise_label(n) for n in a.names]
    names_b = [normalise_label(n) for n in b.names]
    if not ((names_a[2] and names_b[2]) or (a.codes[2] and b.codes[2])):
        return False
    names = all(x == y for x, y in zip(names_a, names_b) if x and y)
    codes = all(x == y for x, y in zip(a.codes, b.codes) if x and y)
    return names and codes


def _own_figure(doc: Disclosure, amount: StatedAmount, path: ItemPath) -> bool:
    """The figure is this period's amount of the 项 its label ends with (nothing but a period word after it)."""
    at = amount.label.rfind(path.text)
    tail = amount.label[at + len(path.text):] if at >= 0 else amount.label
    return (bool(_BARE_AFTER_ITEM.fullmatch(tail)) and is_current(amount.role, doc.kind)
            and amount.year in (None, doc.year))


def _named_again(doc: Disclosure, ns: NarrativeSection) -> Iterator[Restated]:
    """A 项 named again, by its own label, before any other 项 is named: “住房保障支出（类）住房改革支出（款）
    住房公积金（项）支出决算为48.60万元，……。住房公积金（项）年初预算为45.00万元，支出决算为46.80万元” —
    this period's two figures of the one 项 must agree (issue 15 item 6, a 决算 style without numbered items).

    Certain only when: both labels end with the 项 and a period word (no other subject), both figures are
    this period's, and the text names no other 项 between them (“行政运行（项）” under another 款 resets).
    """
    last: tuple[ItemPath, StatedAmount | None] | None = None
    for amount in ns.claims.amounts:
        path = item_path(amount.label)
        if path is None or not (path.names[2] or path.codes[2]):
            continue
        own = _own_figure(doc, amount, path)
        if last is None or not _same_item(last[0], path):
            last = (path, amount if own else None)
            continue
        if not own:
            continue
        first = last[1]
        if first is None:
            last = (last[0], amount)
        elif first.number is not amount.number:
            yield Restated(ns, first, amount)
