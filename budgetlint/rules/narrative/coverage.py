"""Coverage: which narrative figures a check compares with something, and which were not read (issue 15 item 8).

“Not checked” is never silent: ``budgetlint claims`` marks every figure and ``budgetlint check --coverage``
sums them up per file. A figure is *checked* when at least one rule compares it with another figure or a
table cell — a restated cell, a stated comparison (A, B, p), an identity or breakdown of the section, a
share with its part and base, a growth rate with its delta and level, a 决算 completion rate, an item
printed twice. Otherwise it is *not checked*, with the reason (no vocabulary entry, table not
published, a prior-year figure without a cell …). Years are not counted: every year is judged by its role.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import change_views, first_amounts, first_counts
from budgetlint.rules.narrative.comparisons import comparisons, restated_items
from budgetlint.rules.narrative.items import item_matches
from budgetlint.rules.narrative.numbers import Number
from budgetlint.rules.narrative.periods import is_current
from budgetlint.rules.narrative.sections import NarrativeSection, doc_vocabulary, first_cell, function_class, match_label, narrative

_COMPLETION = re.compile(r"完成(?:年初|调整|全年)?预算(?:数)?的?\s*$")


class Figure(NamedTuple):
    """One narrative figure and whether a check reads it (``how``: what it is compared with, or why not)."""

    section: NarrativeSection
    number: Number
    kind: str  # 金额 | 占比 | 增减 | 比率 | 数量
    checked: bool
    how: str


class Coverage(NamedTuple):
    figures: tuple[Figure, ...]

    @property
    def total(self) -> int:
        return len(self.figures)

    @property
    def checked(self) -> int:
        return sum(1 for f in self.figures if f.checked)

    def share(self) -> str:
        """“93.5%” (one decimal, 四舍五入 by format); “—” when the narrative has no figure."""
        return f"{100 * self.checked / self.total:.1f}%" if self.total else "—"

    def unchecked(self) -> Iterator[Figure]:
        return (f for f in self.figures if not f.checked)


def coverage(doc: Disclosure) -> Coverage:
    return doc.cached(("coverage",), lambda: Coverage(tuple(_figures(doc))))


def _read_by_rules(doc: Disclosure) -> dict[int, str]:
    """Original offsets (per section text) of the figures some check compares, with what it is compared with."""
    read: dict[int, str] = {}
    for c in comparisons(doc):
        key = id(c.section.section)
        for number in (c.prior.number, c.current.number, c.change.delta, c.change.rate):
            if number is not None:
                read.setdefault(hash((key, number.start)), "两年比较（A、B 与增减）")
    for match in item_matches(doc):
        read.setdefault(hash((id(match.section.section), match.amount.number.start)), f"功能分类表 {match.row.code} {match.row.name}")
    for item in restated_items(doc):
        key = id(item.section.section)
        for amount in (item.first, item.again):
            read.setdefault(hash((key, amount.number.start)), "同一项两处金额")
    return read


def _figures(doc: Disclosure) -> Iterator[Figure]:
    read = _read_by_rules(doc)
    vocab = doc_vocabulary(doc)
    for ns in narrative(doc):
        key = id(ns.section)
        claims = ns.claims
        amounts = claims.amounts
        in_groups: set[int] = set()
        for group in claims.groups:
            in_groups.add(group.head)
            in_groups.update(group.items)
        topic = vocab.topics.get(ns.topic or "")
        identity_keys = {k for i in topic.identities for k in (i.total, *i.parts, *i.optional)} if topic else set()
        named = {n.number.start for k, n in first_amounts(doc, ns).items() if k in identity_keys}
        counted = {n.number.start for k, n in first_counts(doc, ns).items() if k in identity_keys}
        shared = {s.amount for s in claims.shares if s.amount is not None and s.base is not None}
        shared |= {s.base for s in claims.shares if s.amount is not None and s.base is not None}
        levels = {v.change.level for v in change_views(doc, ns) if v.change.delta is not None and v.change.rate is not None}
        for index, amount in enumerate(amounts):
            number = amount.number
            how = read.get(hash((key, number.start)))
            if how is None:
                how = _amount_check(doc, ns, index, in_groups, named, shared, levels)
            if how is not None:
                yield Figure(ns, number, "金额", True, how)
            else:
                yield Figure(ns, number, "金额", False, _amount_unread(doc, ns, index))
        for share in claims.shares:
            ok = share.amount is not None and share.base is not None and share.amount != share.base
            yield Figure(ns, share.number, "占比", ok, "分项 ÷ 基数" if ok else "找不到金额或基数，不检查")
        for view in change_views(doc, ns):
            change = view.change
            for number in (change.delta, change.rate):
                if number is None:
                    continue
                how = read.get(hash((key, number.start)))
                if how is None and change.delta is not None and change.rate is not None and change.level is not None:
                    how = "增减额、增长率与本年数"
                if how is None and view.entry is not None and view.entry.previous is not None:
                    how = "与表中上年数比较方向"
                yield Figure(ns, number, "增减", how is not None, how or "没有写出两年的数，也没有上年单元格，不检查")
        for number in claims.other_percents:
            label = claims.view.text[max(0, number.vstart - 12):number.vstart]
            completion = doc.kind == "决算" and _COMPLETION.search(label) is not None
            yield Figure(ns, number, "比率", completion, "完成率 = 决算 ÷ 预算" if completion else "不是占比或增长率，不检查")
        for count in claims.counts:
            ok = count.number.start in counted
            found = None if ok else match_label(doc, vocab, ns.topic, count.label)
            why = f"词表“{found.entry.key}”没有加总关系，不检查" if found else "词表中没有这一说法，不检查"
            yield Figure(ns, count.number, "数量", ok, "叙述内部加总" if ok else why)


def _amount_check(doc: Disclosure, ns: NarrativeSection, index: int, in_groups: set[int], named: set[int],
                  shared: set[int | None], levels: set[int | None]) -> str | None:
    amount = ns.claims.amounts[index]
    found = match_label(doc, doc_vocabulary(doc), ns.topic, amount.label)
    if found is not None:
        target = found.cell if is_current(amount.role, doc.kind) else first_cell(doc, found.entry.cells_for(amount.role))
        if target is not None:
            return f"表格 {target.label}"
    if amount.number.start in named:
        return "叙述内部加总"
    if index in shared:
        return "占比的分项或基数"
    if index in levels:
        return "增长率的本年数"
    if index in in_groups:
        return "分项 ≤ 所属总额"
    if doc.kind == "决算" and amount.role in ("年初预算", "调整预算", "决算") and "完成" in ns.claims.view.text[
            amount.number.vunit_end:amount.number.vunit_end + 40]:
        return "完成率"
    return None


def _amount_unread(doc: Disclosure, ns: NarrativeSection, index: int) -> str:
    amount = ns.claims.amounts[index]
    if not is_current(amount.role, doc.kind):
        return f"{amount.role}数，没有对应的表格单元格，不检查"
    found = match_label(doc, doc_vocabulary(doc), ns.topic, amount.label)
    if found is not None:
        return f"词表“{found.entry.key}”的表格未公开，不检查" if found.entry.cells else f"词表“{found.entry.key}”没有加总关系，不检查"
    if function_class(doc, amount.label) is not None:
        return "功能分类金额不在分项列表中，不检查"
    if ns.topic is None:
        return "章节主题未识别，不检查"
    return "词表中没有这一说法，不检查"
