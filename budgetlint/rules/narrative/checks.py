"""Shared narrative checks: restated figures, sums, shares and growth rates, under the rounding policy.

Rules BL3xx/BL4xx are thin: they pick the claims their catalogue entry is about and call these.
Every message names the section, the figure as printed with its unit, the table cell by its regional
number, and the difference. A figure whose digits were re-joined ambiguously across a line break
(catalogue D15) is only ever reported at info level.
"""

from __future__ import annotations

import re

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import NamedTuple, Protocol

from budgetlint.arith import (
    Money,
    Printed,
    Verdict,
    compare_equal,
    compare_percent,
    compare_sum,
    restatement_message,
    sum_detail,
    sum_message,
)
from budgetlint.finding import Related, Violation, json_pointer
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.claims import Change, Share, StatedAmount
from budgetlint.rules.narrative.numbers import Number
from budgetlint.rules.narrative.periods import is_current
from budgetlint.rules.narrative.sections import (
    CellRef,
    NarrativeSection,
    doc_vocabulary,
    first_cell,
    function_class,
    match_label,
    narrative,
)
from budgetlint.rules.narrative.vocabulary import Entry, Identity

AMBIGUOUS_NOTE = "（原文此数字跨行断开，拼接方式不唯一，仅作提示）"


def figure(label: str, number: Number) -> str:
    return f"{label} {number.show()}".strip()


def _unit_of(numbers: Sequence[Number]) -> str:
    """元 when every figure compared is in 元 (messages then speak 元), else 万元."""
    return "元" if all(n.unit == "元" for n in numbers) else "万元"


def key(code: str, ns: NarrativeSection, *parts: object) -> str:
    return ":".join([code, json_pointer(ns.section.text_at.path), *(str(p) for p in parts)])


def capped(numbers: Sequence[Number]) -> bool:
    return any(n.ambiguous for n in numbers)


def violation(ns: NarrativeSection, number: Number, message: str, related: Sequence[Related] = (), *,
              tail: bool = False, detail: str = "", key_: str = "", inputs: Sequence[Number] = ()) -> Violation:
    """A finding at ``number`` in the text; ambiguous re-joins cap it at info (D15)."""
    ambiguous = capped([number, *inputs])
    return Violation(ns.at_number(number), message + (AMBIGUOUS_NOTE if ambiguous else ""), tuple(related),
                     rounding_tail=tail or ambiguous, detail=detail, key=key_)


def related_number(ns: NarrativeSection, number: Number, label: str) -> Related:
    return Related(ns.at_number(number), figure(label, number))


def related_cell(cell: CellRef) -> Related:
    return Related(cell.amount.at, cell.show())


def restated(ns: NarrativeSection, code: str, label: str, number: Number, cell: CellRef) -> Violation | None:
    """EQ: a narrative figure restates a table cell (a blank cell is an exact zero)."""
    value = number.wan[0]
    verdict = compare_equal(number.printed, cell.printed)
    if verdict.exact:
        return None
    unit = "元" if number.unit == "元" and cell.amount.unit == "元" else "万元"
    message = f"{ns.name}：" + restatement_message(figure(label, number), cell.show(), verdict, Money.usual(unit))
    detail = f"{number.text} {number.unit} = {value} 万元；{cell.amount.show()}；同一数字的重述应完全相等"
    return violation(ns, number, message, [related_cell(cell)], detail=detail, key_=key(code, ns, label, number.text))


def restatements(doc: Disclosure, rule: str, code: str) -> Iterator[Violation]:
    """Every narrative amount whose vocabulary entry belongs to ``rule`` (a rule id), against its cell.

    ``code`` (the rule's catalogue code) prefixes the finding keys, as before the vocabulary was keyed by
    rule id: baselines and SARIF/GitLab fingerprints are made from those keys."""
    for ns, amount, alias, cell in restated_amounts(doc).get(rule, ()):
        result = restated(ns, code, alias, amount.number, cell)
        if result:
            yield result


_Restated = tuple[NarrativeSection, StatedAmount, str, CellRef]  # section, amount, vocabulary alias, cell


def restated_amounts(doc: Disclosure) -> dict[str, list[_Restated]]:
    """The narrative amounts that restate a published cell, by rule id, in text order.

    Seven rules restate figures; matching every amount once per document instead of once per rule.
    """
    return doc.cached(("restated amounts",), lambda: _restated_amounts(doc))


def _restated_amounts(doc: Disclosure) -> dict[str, list[_Restated]]:
    vocab = doc_vocabulary(doc)
    by_rule: dict[str, list[_Restated]] = {}
    for ns in narrative(doc):
        for amount in ns.claims.amounts:
            found = match_label(doc, vocab, ns.topic, amount.label)
            if found is None:
                continue
            # a prior-year or 年初预算 figure restates only its own period's cell, if the vocabulary names one
            target = found.cell if is_current(amount.role, doc.kind) else first_cell(doc, found.entry.cells_for(amount.role))
            if target is not None:
                by_rule.setdefault(found.entry.rule, []).append((ns, amount, found.alias, target))
    return by_rule


# Named, ShareCheck and ChangeView are NamedTuples rather than frozen dataclasses: cheaper to define
# (start-up) and to create; nothing copies, mutates or compares them with anything but their own kind.
class Named(NamedTuple):
    """A narrative number with the words that name it in messages."""

    label: str
    number: Number

    @property
    def printed(self) -> Printed:
        return self.number.printed


def summed(ns: NarrativeSection, code: str, total: Named, parts: Sequence[Named], *, complete: bool = True,
           whole: str = "", extra: str = "", related: Sequence[Related] = ()) -> Violation | None:
    """SUM(n) between narrative figures; when ``complete`` is false only “parts exceed the total” is asserted."""
    if not parts:
        return None
    verdict = compare_sum(total.printed, [p.printed for p in parts])
    if verdict.exact or (not complete and verdict.difference >= 0):
        return None
    if len(parts) <= 4:
        formula = " + ".join(figure(p.label, p.number) for p in parts)
    else:
        formula = f"{whole or figure(parts[0].label, parts[0].number) + ' 等'} {len(parts)} 项之和"
    shown = Money.usual(_unit_of([total.number, *(p.number for p in parts)]))
    links = [*(related_number(ns, p.number, p.label) for p in parts), *related]
    detail = sum_detail([p.number.text for p in parts], verdict, shown)
    message = f"{ns.name}：" + sum_message(figure(total.label, total.number), formula, verdict, shown)
    if verdict.tail:
        return violation(ns, total.number, message, links, tail=True, detail=detail, key_=key(code, ns, total.number.text))
    return violation(ns, total.number, message + extra, links, detail=detail, key_=key(code, ns, total.number.text),
                     inputs=[p.number for p in parts])


def counted(ns: NarrativeSection, code: str, total: Named, parts: Sequence[Named], *, complete: bool) -> Violation | None:
    """INT: a stated count against its stated parts (exact)."""
    if not parts:
        return None
    computed = sum((p.number.value for p in parts), Decimal(0))
    difference = total.number.value - computed
    if difference == 0 or (not complete and difference > 0):
        return None
    formula = " + ".join(figure(p.label, p.number) for p in parts)
    word = "多" if difference > 0 else "少"
    message = f"{ns.name}：{figure(total.label, total.number)}，不等于{formula} = {computed}（{word} {abs(difference)}）"
    return violation(ns, total.number, message, [related_number(ns, p.number, p.label) for p in parts],
                     key_=key(code, ns, total.number.text), inputs=[p.number for p in parts])


def identities(doc: Disclosure, rule: str, code: str) -> Iterator[Violation]:
    """The vocabulary's narrative identities of ``rule`` (采购 = 货物 + 工程 + 服务 …); ``code`` prefixes the
    finding keys (see :func:`restatements`)."""
    vocab = doc_vocabulary(doc)
    for ns in narrative(doc):
        topic = vocab.topics.get(ns.topic or "")
        if topic is None:
            continue
        for identity in topic.identities:
            if identity.rule != rule:
                continue
            named = first_amounts(doc, ns)
            total = named.get(identity.total)
            if total is not None:
                parts = [named[k] for k in (*identity.parts, *identity.optional) if k in named and named[k].number.start > total.number.start]
                result = summed(ns, code, total, parts, complete=identity.is_complete(named))
                if result:
                    yield result
            for segment in count_segments(doc, ns):
                if segment.identity is identity:
                    result = counted(ns, code, segment.total, segment.parts, complete=identity.is_complete(segment.keys))
                    if result:
                        yield result


class CountSegment(NamedTuple):
    """A stated count total and the part counts after it (“共有车辆 7辆，其中：……其他用车 7辆”)."""

    identity: Identity
    total: Named
    parts: tuple[Named, ...]
    keys: dict[str, Named]  # the parts by vocabulary key


def count_segments(doc: Disclosure, ns: NarrativeSection) -> tuple[CountSegment, ...]:
    """Each count that is an identity's total, with the first count of each of its part keys after it and
    before the next count that is a total of the topic — once per document.

    Why segments and not the first count of each key: a section states the holdings and the purchases with
    the same eight kinds (“共有车辆 7辆，其中：……；2025年预算安排购置车辆 1辆，其中：……”), and each total
    adds up its own parts (issue 15 item 1)."""
    return doc.cached(("count segments", ns.section.at.path), lambda: tuple(_count_segments(doc, ns)))


def _count_segments(doc: Disclosure, ns: NarrativeSection) -> Iterator[CountSegment]:
    vocab = doc_vocabulary(doc)
    topic = vocab.topics.get(ns.topic or "")
    if topic is None or not topic.identities:
        return
    totals = {i.total: i for i in topic.identities}
    keyed = [(found.entry.key, Named(found.alias, c.number)) for c in ns.claims.counts
             if (found := match_label(doc, vocab, ns.topic, c.label)) is not None]
    for index, (key_, total) in enumerate(keyed):
        identity = totals.get(key_)
        if identity is None:
            continue
        wanted = {*identity.parts, *identity.optional}
        parts: dict[str, Named] = {}
        for later_key, later in keyed[index + 1:]:
            if later_key in totals:
                break
            if later_key in wanted and later_key not in parts:
                parts[later_key] = later
        ordered = tuple(sorted(parts.values(), key=lambda named: named.number.start))  # as the text lists them
        yield CountSegment(identity, total, ordered, parts)


class _Labelled(Protocol):
    """An extracted amount or count: the words before it and the number."""

    @property
    def label(self) -> str: ...

    @property
    def number(self) -> Number: ...


def first_amounts(doc: Disclosure, ns: NarrativeSection) -> dict[str, Named]:
    """:func:`first_by_key` of the section's amounts, once per document (read, not changed, by callers)."""
    return doc.cached(("first amounts", ns.section.at.path), lambda: first_by_key(doc, ns, ns.claims.amounts))


def first_counts(doc: Disclosure, ns: NarrativeSection) -> dict[str, Named]:
    """:func:`first_by_key` of the section's counts, once per document (read, not changed, by callers)."""
    return doc.cached(("first counts", ns.section.at.path), lambda: first_by_key(doc, ns, ns.claims.counts))


_BUDGET_STAGE = re.compile(r"年初预算|调整预算|全年预算|预算数|预算为")


def first_by_key(doc: Disclosure, ns: NarrativeSection, claims: Sequence[_Labelled]) -> dict[str, Named]:
    """First claim of each vocabulary key in a section (amounts or counts)."""
    vocab = doc_vocabulary(doc)
    result: dict[str, Named] = {}
    final = doc.kind == "决算"
    for claim in claims:
        if not is_current(getattr(claim, "role", ""), doc.kind):
            continue  # “年初预算为 2.85 万元” is not the 决算 total its parts add up to (issue 15 item 7)
        label = claim.label
        if final and "决算" not in label and _BUDGET_STAGE.search(label):
            # a 决算 explanation quotes the budget for comparison ("“三公”经费年初预算为 2.85 万元，支出决算为
            # 0.39 万元"): the budget figure is not the 决算 amount its words would otherwise name
            continue
        found = match_label(doc, vocab, ns.topic, label)
        if found is not None and found.entry.key not in result:
            result[found.entry.key] = Named(found.alias, claim.number)
    return result


def amount_name(doc: Disclosure, ns: NarrativeSection, amount: StatedAmount) -> str:
    """How a message names a narrative amount: the vocabulary alias, a 功能分类 name, or its short label."""
    found = match_label(doc, doc_vocabulary(doc), ns.topic, amount.label)
    if found is not None:
        return found.alias
    function = function_class(doc, amount.label)
    if function is not None:
        return function[1]
    return short_label(amount.label)


def short_label(label: str) -> str:
    for cut in ("其中", "：", "部门", "我部门", "本部门"):
        if cut in label:
            label = label.rsplit(cut, 1)[1]
    return label.strip(" ，：") or "该数字"


class ShareCheck(NamedTuple):
    share: Share
    part: StatedAmount
    base: StatedAmount
    verdict: Verdict


def share_checks(ns: NarrativeSection) -> Iterator[ShareCheck]:
    """Every share bound to both its amount and its base, with the PCT verdict."""
    amounts = ns.claims.amounts
    for share in ns.claims.shares:
        if share.amount is None or share.base is None or share.amount == share.base:
            continue
        part, base = amounts[share.amount], amounts[share.base]
        yield ShareCheck(share, part, base, compare_percent(share.number.value, part.printed, base.printed))


class ChangeView(NamedTuple):
    """A change with the amount it is about (X, this year's figure) and that amount's vocabulary entry."""

    change: Change
    level: StatedAmount | None
    entry: Entry | None
    subject: str  # how messages name it: the subject, else the amount's name


def change_views(doc: Disclosure, ns: NarrativeSection) -> Iterator[ChangeView]:
    """The section's changes with their amounts: once per document, as four rules read them."""
    return iter(doc.cached(("change views", ns.section.at.path), lambda: tuple(_change_views(doc, ns))))


def _change_views(doc: Disclosure, ns: NarrativeSection) -> Iterator[ChangeView]:
    vocab = doc_vocabulary(doc)
    for change in ns.claims.changes:
        level = ns.claims.amounts[change.level] if change.level is not None else None
        found = match_label(doc, vocab, ns.topic, change.subject) if change.subject else None
        if found is None and level is not None:
            found = match_label(doc, vocab, ns.topic, level.label)
        name = change.subject or (amount_name(doc, ns, level) if level is not None else "")
        yield ChangeView(change, level, found.entry if found else None, name)


def change_phrase(view: ChangeView) -> str:
    """“收入增加 197.26 万元，增长 204.58%” rebuilt from the claim (names what the text says)."""
    change = view.change
    parts = [f"{view.subject}{change.word}" + (f" {change.delta.show()}" if change.delta else "")]
    if change.rate is not None:
        parts.append(f"{change.rate_word} {change.rate.show()}")
    return "，".join(parts)
