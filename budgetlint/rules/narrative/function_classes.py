"""Narrative breakdowns by 功能分类 (科学技术支出 …) and the table scopes their amounts may come from.

A 功能分类 amount exists in several scopes: the 一般公共预算支出表 (current-year money in Henan), the
财政拨款收支总表 (including carried-over money) and the 收支总表 (all funds). Which scope a breakdown's
amounts agree with, and which scope its stated total or percentage base belongs to, is what C06 and
C24 compare. A scope whose table has no 功能分类 rows is simply not available.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from budgetlint.arith import Printed, compare_equal
from budgetlint.model import Disclosure, Row, Table
from budgetlint.rules.narrative.claims import Group
from budgetlint.rules.narrative.sections import CellRef, NarrativeSection, cell, doc_vocabulary, function_class
from budgetlint.rules.narrative.vocabulary import FunctionScope


# NamedTuples rather than frozen dataclasses: cheaper to define (start-up) and to create; nothing copies,
# mutates or compares them with anything but their own kind.
class FunctionItem(NamedTuple):
    amount: int  # index of the narrative amount
    code: str  # 类 code, “206”
    name: str  # the name as matched, “科学技术支出”


class ScopeView(NamedTuple):
    """One scope's 功能分类 amounts by class code, and its total cell."""

    scope: FunctionScope
    classes: dict[str, Decimal]  # empty when the table publishes no 功能分类 rows
    total: CellRef | None
    exact: bool = False  # the table is in 元: its class amounts are exact to the fen, not rounded to 0.01 万元

    def printed(self, code: str) -> Printed:
        """A class amount as the rounding policy judges it (an absent class is a zero).

        From a 元 table it is exact (0.000001 万元 is the fen): a narrative 1508.43 万元 restates
        15,084,330.00 元 when the 元 figure rounds to it, not when the two are equal to the fen.
        """
        value = self.classes.get(code, Decimal(0))
        return Printed(value, 6, True) if self.exact else Printed(value, 2)

    def agrees(self, ns: NarrativeSection, items: tuple[FunctionItem, ...]) -> bool:
        """Every item restates this scope's class amount exactly (an absent class is a zero)."""
        amounts = ns.claims.amounts
        return bool(self.classes) and all(compare_equal(amounts[i.amount].printed, self.printed(i.code)).exact for i in items)


class Breakdown(NamedTuple):
    """A narrative 功能分类 breakdown: its group (head = stated total) and its items."""

    group: Group
    items: tuple[FunctionItem, ...]


def breakdowns(doc: Disclosure, ns: NarrativeSection) -> Iterator[Breakdown]:
    """Groups of a section whose items (two or more) all name a 功能分类 class."""
    vocab = doc_vocabulary(doc)
    topic = vocab.topics.get(ns.topic or "")
    if topic is None or not topic.function_scopes:
        return
    for group in ns.claims.groups:
        items = []
        for index in group.items:
            found = function_class(doc, ns.claims.amounts[index].label)
            if found is None:
                break
            items.append(FunctionItem(index, found[0], found[1]))
        else:
            if len(items) >= 2:
                yield Breakdown(group, tuple(items))


def scopes(doc: Disclosure, ns: NarrativeSection) -> Iterator[ScopeView]:
    """The topic's scopes whose table the document publishes (with or without 功能分类 rows)."""
    return iter(doc.cached(("scopes", ns.topic), lambda: tuple(_scopes(doc, ns.topic))))


def _scopes(doc: Disclosure, topic_name: str | None) -> Iterator[ScopeView]:
    topic = doc_vocabulary(doc).topics.get(topic_name or "")
    for scope in topic.function_scopes if topic else ():
        table = doc.table(scope.rows[0]) if scope.rows else None
        if table is None:
            continue
        yield ScopeView(scope, _class_amounts(doc, table, scope), cell(doc, scope.total), table.unit == "元")


def _class_amounts(doc: Disclosure, table: Table, scope: FunctionScope) -> dict[str, Decimal]:
    """Each 类's amount in the scope's column: its 类 row if present, else the sum of its most general rows.

    The rows are grouped by 类 in one pass (each 类 rescanning every row was quadratic).
    """
    by_class: dict[str, list[tuple[str, Row]]] = {}
    for code, row in doc.coded_rows(table, *scope.rows[1:]):
        by_class.setdefault(code[:3], []).append((code, row))
    classes: dict[str, Decimal] = {}
    for klass, members in by_class.items():
        level = min(len(code) for code, _ in members)  # 类 row if present, else the 款 rows …
        classes[klass] = sum((row.value(scope.column) for code, row in members if len(code) == level), Decimal(0))
    return classes
