"""Coverage: which narrative figures a check compares with something, and which were not read (issue 15 item 8).

“Not checked” is never silent: ``budgetlint claims`` marks every figure and ``budgetlint check --coverage``
sums them up per file. A figure is *checked* when at least one rule compares it with another figure or a
table cell — a restated cell, a stated comparison (A, B, p), an identity or breakdown of the section, a
share with its part and base, a growth rate with its delta and level, a 决算 completion rate, an item
printed twice. Otherwise it is *not checked*, with the reason (no vocabulary entry, table not
published, a prior-year figure without a cell …). Years are not counted: every year is judged by its role.

An unchecked figure is one of two kinds, and the report says which (issue 15 item 7): **读者没读懂** — the
reader failed (a phrase not in the vocabulary, a topic not recognised, a share without its base, a 科目
not matched to a row) — or **文件中没有可比对的数** — the reading is fine but this file holds nothing to
compare the figure with (a table not published, a prior-year figure or change without last year's file, an
equipment count, a column the table does not print). Both stay in the denominator of the share checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import ChangeView, change_views, count_segments, first_amounts
from budgetlint.rules.narrative.comparisons import comparisons, restated_items
from budgetlint.rules.narrative.composition import judgements
from budgetlint.rules.narrative.items import item_matches
from budgetlint.rules.narrative.numbers import Number
from budgetlint.rules.narrative.performance import PARTIAL, complete_table, performance_judgements
from budgetlint.rules.narrative.performance import TABLE as PERFORMANCE_TABLE
from budgetlint.rules.narrative.periods import is_current
from budgetlint.rules.narrative.prior import prior_reading
from budgetlint.rules.narrative.relations import baseless_runs, cell_shares, final_compared, related_starts, unread_reason
from budgetlint.rules.narrative.sections import NarrativeSection, cell, doc_vocabulary, first_cell, function_class, match_label, narrative
from budgetlint.rules.narrative.vehicles import purchase_judgements
from budgetlint.rules.narrative.vocabulary import Entry

_COMPLETION = re.compile(r"完成(?:年初|调整|全年)?预算(?:数)?的?\s*$")


UNREAD = "读者没读懂"
NO_COUNTERPART = "文件中没有可比对的数"


class Figure(NamedTuple):
    """One narrative figure and whether a check reads it (``how``: what it is compared with, or why not;
    ``gap``: for an unchecked figure, :data:`UNREAD` or :data:`NO_COUNTERPART`)."""

    section: NarrativeSection
    number: Number
    kind: str  # 金额 | 占比 | 增减 | 比率 | 数量
    checked: bool
    how: str
    gap: str = ""


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

    def count(self, gap: str) -> int:
        """How many unchecked figures are of ``gap`` (:data:`UNREAD` or :data:`NO_COUNTERPART`)."""
        return sum(1 for f in self.figures if not f.checked and f.gap == gap)


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
        shifted = "（文中写作项，表中为款）" if match.shifted else ""
        read.setdefault(hash((id(match.section.section), match.amount.number.start)),
                        f"功能分类表 {match.row.code} {match.row.name}{shifted}")
    # counts of units (BL718), vehicles bought (BL408), 绩效 projects and money (BL717)
    for judgement in (*judgements(doc), *purchase_judgements(doc), *performance_judgements(doc)):
        for section, stated in judgement.figures:
            read.setdefault(hash((id(section.section), stated.number.start)), judgement.how)
    for item in restated_items(doc):
        key = id(item.section.section)
        for amount in (item.first, item.again):
            read.setdefault(hash((key, amount.number.start)), "同一项两处金额")
    # relations the sentence states (采购中标、绩效评级、人次) and the 决算/预算 pairs BL518 compares
    for (key, start), how in related_starts(doc).items():
        read.setdefault(hash((key, start)), how)
    for ns in narrative(doc):
        for start in final_compared(doc, ns.section):
            read.setdefault(hash((id(ns.section), start)), "决算与预算（完成率、大于/小于/持平）")
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
        counted = {n.number.start for s in count_segments(doc, ns) if s.parts for n in (s.total, *s.parts)}
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
                yield Figure(ns, number, "金额", False, *_specific(_amount_unread(doc, ns, index), ns, number))
        of_their_sum = {id(s) for _, run in baseless_runs(ns) for s in run}
        of_a_cell = {id(c.share): c.cell.label for c in cell_shares(doc) if c.section.section is ns.section}
        for share in claims.shares:
            ok = share.amount is not None and share.base is not None and share.amount != share.base
            how = "分项 ÷ 基数" if ok else "找不到金额或基数，不检查"
            if not ok and id(share) in of_a_cell:
                ok, how = True, f"分项 ÷ 表格 {of_a_cell[id(share)]}"
            elif not ok and id(share) in of_their_sum:
                ok, how = True, "分项 ÷ 各项之和（这一组占比之和为 100%）"
            elif not ok and read.get(hash((key, share.number.start))):
                ok, how = True, read[hash((key, share.number.start))]
            yield Figure(ns, share.number, "占比", ok, how, "" if ok else UNREAD)
        for view in change_views(doc, ns):
            change = view.change
            for number in (change.delta, change.rate):
                if number is None:
                    continue
                how = read.get(hash((key, number.start)))
                if how is None and change.delta is not None and change.rate is not None and change.level is not None:
                    how = "增减额、增长率与本年数"
                if how is None and _has_previous_cell(doc, view.entry):
                    how = "与表中上年数比较方向"
                if how is None:
                    how, gap = _against_last_year(doc, ns, view)
                    yield Figure(ns, number, "增减", not gap, how, gap)
                else:
                    yield Figure(ns, number, "增减", True, how)
        for number in claims.other_percents:
            label = claims.view.text[max(0, number.vstart - 12):number.vstart]
            if doc.kind == "决算" and _COMPLETION.search(label) is not None:
                yield Figure(ns, number, "比率", True, "完成率 = 决算 ÷ 预算")
            else:
                yield Figure(ns, number, "比率", False, *_specific(("不是占比或增长率，不检查", UNREAD), ns, number))
        for count in claims.counts:
            how = read.get(hash((key, count.number.start)))
            if how is not None or count.number.start in counted:
                yield Figure(ns, count.number, "数量", True, how or "叙述内部加总")
                continue
            found = match_label(doc, vocab, ns.topic, count.label)
            if found is not None and found.entry.no_counterpart:
                yield Figure(ns, count.number, "数量", False, *_no_counterpart(doc, found.entry))
            else:
                why = f"词表“{found.entry.key}”没有加总关系，不检查" if found else "词表中没有这一说法，不检查"
                yield Figure(ns, count.number, "数量", False, *_specific((why, UNREAD), ns, count.number))


def _specific(why: tuple[str, str], ns: NarrativeSection, number: Number) -> tuple[str, str]:
    """``why`` (reason, gap), unless it only says the reader failed and a fixed wording of the sentence
    (relations.unread_reason: 绩效 stages, 保有量, template direction words …) says more precisely why."""
    found = unread_reason(ns, number) if why[1] == UNREAD else None
    if found is None:
        return why
    return found.reason, UNREAD if found.reader_unsure else NO_COUNTERPART


def _against_last_year(doc: Disclosure, ns: NarrativeSection, view: ChangeView) -> tuple[str, str]:
    """A change printed without last year's figure: checked when last year's file is in the repository and
    BL802 compares it (what with, no gap); else why not, and which gap."""
    reading = prior_reading(doc, view, ns.section.text)
    if reading is None:
        if view.entry is None:
            return "增减的主语不在词表中，不检查", UNREAD
        if doc.kind == "决算":  # a 决算 prints this year's figures only, and BL802 reads the 预算's changes only
            return "只写了增减、没有写出上年数：决算只印本年数，本文件中没有可比对的上年数（BL802 只核对预算的上年数），不检查", NO_COUNTERPART
        return "只写了增减、没有写出上年数，比较的年度不是上一年或没有写明，不检查", UNREAD
    if reading.other is None:
        return f"只写了增减、没有写出上年数，本文件中没有上年单元格：需要上年{reading.kind}文件才能检查（仓库模式，BL802）", NO_COUNTERPART
    if reading.cell is None or view.level is None or view.change.delta is None:
        return f"上年{reading.kind}文件中没有这一数字的单元格，不检查", NO_COUNTERPART
    return f"上年文件 {reading.cell.label}（BL802）", ""


def _has_previous_cell(doc: Disclosure, entry: Entry | None) -> bool:
    """Whether BL319 can compare a change's direction with the table: the entry's prior-year cell and its
    current cell are both printed (a 决算 has no 上年 column: the 预算 table the entry names is absent)."""
    if entry is None or entry.previous is None:
        return False
    previous = cell(doc, entry.previous)
    return previous is not None and not previous.amount.blank and first_cell(doc, entry.cells) is not None


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


def _no_counterpart(doc: Disclosure, entry: Entry) -> tuple[str, str]:
    """The vocabulary's 无对照 reason — unless the file publishes the table that voids it (then no check
    compares the figure with that table yet: the reader's gap, said as such)."""
    if entry.no_counterpart_unless and doc.table(entry.no_counterpart_unless) is not None:
        if entry.no_counterpart_unless == PERFORMANCE_TABLE and complete_table(doc) is None:
            return PARTIAL, NO_COUNTERPART  # the table lists some projects only
        return f"文件公开了{entry.no_counterpart_unless}，但尚未与之核对，不检查", UNREAD
    return entry.no_counterpart, NO_COUNTERPART


def _amount_unread(doc: Disclosure, ns: NarrativeSection, index: int) -> tuple[str, str]:
    """Why an amount is not checked, and which kind of gap that is (:data:`UNREAD` or :data:`NO_COUNTERPART`)."""
    amount = ns.claims.amounts[index]
    if not is_current(amount.role, doc.kind):
        # read right — a prior-year, 年初预算 or 调整预算 figure — but no cell of that period is printed here
        return f"{amount.role}数，没有对应的表格单元格，不检查", NO_COUNTERPART
    found = match_label(doc, doc_vocabulary(doc), ns.topic, amount.label)
    if found is not None:
        if found.entry.no_counterpart:
            return _no_counterpart(doc, found.entry)
        if found.entry.cells:
            return f"词表“{found.entry.key}”的表格未公开，不检查", NO_COUNTERPART
        return f"词表“{found.entry.key}”没有加总关系，不检查", UNREAD
    if function_class(doc, amount.label) is not None:
        return "功能分类金额不在分项列表中，不检查", UNREAD
    if ns.topic is None:
        return "章节主题未识别，不检查", UNREAD
    return "词表中没有这一说法，不检查", UNREAD
