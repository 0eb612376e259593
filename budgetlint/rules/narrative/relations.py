"""Relations a 决算 explanation states between its own figures, read from the sentence (issue 15 items 7–9).

Some figures of a 部门决算 说明 have no table cell and no vocabulary label that tells them apart — the
label of “由中小企业供应商中标或成交的，采购金额 225.10 万元” is just “采购金额”. What makes them
checkable is the sentence around them, which this module reads with fixed phrases:

* **政府采购** (Shanghai wording): the amount won by 小微企业 in the projects reserved for 小微企业 is part
  of the amount won by 中小企业 in the projects reserved for 中小企业 (小微 ⊂ 中小: a project reserved
  for 小微企业 is reserved for 中小企业 too, and a 小微企业 is a 中小企业). The national wording
  (“授予中小企业合同金额…其中：授予小微企业合同金额…”) is in the vocabulary (labels tell it apart).
* **预算绩效**: the projects graded 优/良/合格/不合格 (or 优/良/中/差) are the projects evaluated
  (绩效自评): each gets exactly one grade, so the four counts add up to the 自评 count; with fewer grades
  printed, they add up to at most that count. 发现问题 ≥ 已整改 + 正在整改.
* **“三公” counts**: every 出国团组 has at least one 人次, every 接待批次 at least one 人次, and the
  外宾 part of 接待 is a part of it (人次 ≤ 人次).
* **决算 vs 预算 pairs** (what BL518 reads): “年初/全年预算为 X，支出决算为 Y，完成…的 p%” and “决算数
  小于/大于/与…持平 预算数” — shared here so that coverage counts X and Y as checked exactly when
  BL518 compares them.

Precision first: a relation is read only from the fixed phrase; a figure whose phrase is not recognised is
not related to anything (and coverage says why). Relations between figures whose basis may differ
(a 绩效 stage's 涉及预算金额 is 年初 or 调整后 budget; 其他项目的中标金额 and the 采购总额) are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from budgetlint.arith import HUNDRED, Verdict, compare_percent, unit
from budgetlint.model import Disclosure, Section
from budgetlint.finding import Violation
from budgetlint.rules.narrative.checks import Named, counted, summed
from budgetlint.rules.narrative.claims import Share, StatedAmount, title_ends
from budgetlint.rules.narrative.numbers import Number, View, tokenize
from budgetlint.rules.narrative.periods import is_current
from budgetlint.rules.narrative.sections import CellRef, NarrativeSection, doc_vocabulary, first_cell, narrative
from budgetlint.rules.narrative.selfcheck import this_year
from budgetlint.rules.narrative.vocabulary import CellPath, Vocabulary, normalise_label


class Relation(NamedTuple):
    """``parts`` add up to ``total`` (``complete``) or to at most ``total`` — all figures of one section."""

    section: NarrativeSection
    rule: str  # the rule that judges it: BL312 (采购), BL716 (数量)
    what: str  # how messages name the relation
    total: Named
    parts: tuple[Named, ...]
    complete: bool


def relations(doc: Disclosure) -> tuple[Relation, ...]:
    """Every relation of every narrative section, once per document (rules and coverage read them)."""
    return doc.cached(("sentence relations",), lambda: tuple(_relations(doc)))


def _relations(doc: Disclosure) -> Iterator[Relation]:
    for ns in narrative(doc):
        text = ns.claims.view.text
        if "中标" in text or "成交" in text:
            yield from _procurement(ns)
        if "项目" in text and ("评级" in text or "等级" in text or "自评" in text or "问题" in text):
            yield from _performance(ns)
        if "人次" in text:
            yield from _trips(ns)


def _at(ns: NarrativeSection, index: int, *, count: bool) -> Number | None:
    """The amount (or count) whose digits start at view index ``index`` (spaces before it skipped)."""
    text = ns.claims.view.text
    while index < len(text) and text[index] == " ":
        index += 1
    pool = [c.number for c in ns.claims.counts] if count else [a.number for a in ns.claims.amounts]
    return next((n for n in pool if n.vstart == index), None)


# ---------------------------------------------------------------------------------------------- 政府采购

_SP = r"\s*"
_AWARD_SME = re.compile(rf"面向中小企业预留的?{_SP}政府采购项目中{_SP}[，,]?{_SP}由中小企业供应商中标或成交的?{_SP}[，,]?{_SP}"
                        rf"(?:采购|合同)金额(?:为)?")
_AWARD_MICRO = re.compile(rf"面向小微企业预留的?{_SP}政府采购项目中{_SP}[，,]?{_SP}由小微企业供应商中标或成交的?{_SP}[，,]?{_SP}"
                          rf"(?:采购|合同)金额(?:为)?")


def _first_amount(ns: NarrativeSection, pattern: re.Pattern[str]) -> Number | None:
    match = pattern.search(ns.claims.view.text)
    return _at(ns, match.end(), count=False) if match else None


def _procurement(ns: NarrativeSection) -> Iterator[Relation]:
    sme, micro = _first_amount(ns, _AWARD_SME), _first_amount(ns, _AWARD_MICRO)
    if sme is not None and micro is not None:
        yield Relation(ns, "BL312", "小微企业中标金额是中小企业中标金额的一部分",
                       Named("面向中小企业预留项目中由中小企业中标的采购金额", sme),
                       (Named("面向小微企业预留项目中由小微企业中标的采购金额", micro),), False)


# ---------------------------------------------------------------------------------------------- 预算绩效

# “绩效自评的2024年度项目39个”, “开展绩效自评的项目5个”, “组织对39个一级项目开展绩效自评”
_EVALUATED = re.compile(rf"(?:绩效自评|自评)的{_SP}(?:\d{{4}}{_SP}年度?{_SP})?(?:一级|二级)?项目(?:共|数)?(?:为)?{_SP}(?=\d)"
                        rf"|对{_SP}(?=\d+{_SP}个{_SP}(?:一级|二级)?项目{_SP}开展(?:了)?绩效自评)")
# “绩效评级为“优”的项目39个”, “自评结果为“良”的项目 2 个”, “评价等级为优的项目3个”, “、“中”的项目1个”:
# a grade is read after 评级/等级/结果为, or in quotes (“合格的项目” alone may be 验收合格的项目)
_GRADES = "优秀|优|良好|良|合格|中|不合格|差"
_GRADE = re.compile(rf"(?:(?:评级|等级|结果)为?{_SP}[“\"]?(?P<named>{_GRADES})[”\"]?|[“\"](?P<quoted>{_GRADES})[”\"])"
                    rf"(?:等级|等次)?的?{_SP}项目{_SP}(?=\d)")
_GRADE_SETS = (frozenset({"优", "良", "合格", "不合格"}), frozenset({"优", "良", "中", "差"}))
_GRADE_NAMES = {"优秀": "优", "良好": "良"}
_NEXT_STAGE = re.compile(r"编报绩效目标|绩效目标的|绩效跟踪|绩效监控|运行监控|重点评价|部门评价|财政评价")
_PROBLEMS = re.compile(rf"发现问题{_SP}(?=\d)")
_FIXED = re.compile(rf"(?:已经?完成整改|已整改)的?{_SP}(?:问题)?{_SP}(?=\d)")
_FIXING = re.compile(rf"正在整改的?{_SP}(?:问题)?{_SP}(?=\d)")


def _count_after(ns: NarrativeSection, match: re.Match[str] | None, unit: str = "个") -> Number | None:
    if match is None:
        return None
    number = _at(ns, match.end(), count=True)
    return number if number is not None and number.unit == unit else None


def _performance(ns: NarrativeSection) -> Iterator[Relation]:
    text = ns.claims.view.text
    for evaluated in _EVALUATED.finditer(text):
        total = _count_after(ns, evaluated)
        if total is None:
            continue
        stop = _NEXT_STAGE.search(text, evaluated.end())
        end = stop.start() if stop else len(text)
        grades: dict[str, Named] = {}
        for grade in _GRADE.finditer(text, evaluated.end(), end):
            word = grade.group("named") or grade.group("quoted")
            name = _GRADE_NAMES.get(word, word)
            number = _count_after(ns, grade)
            if number is None or name in grades:
                grades = {}
                break  # a grade printed twice: which one is this evaluation's is not certain
            grades[name] = Named(f"评级为“{name}”的项目", number)
        if grades:
            complete = any(set(grades) == g for g in _GRADE_SETS)
            yield Relation(ns, "BL716", "各评级的项目数之和是自评的项目数" if complete else "各评级的项目数不超过自评的项目数",
                           Named("绩效自评的项目", total), tuple(grades.values()), complete)
        break  # one 自评 statement per section; a second one is another stage's or another year's
    problems = _count_after(ns, _PROBLEMS.search(text))
    if problems is not None:
        parts = [Named(label, n) for label, n in (("已完成整改", _count_after(ns, _FIXED.search(text, problems.vend))),
                                                  ("正在整改", _count_after(ns, _FIXING.search(text, problems.vend))))
                 if n is not None]
        if parts:
            yield Relation(ns, "BL716", "已整改和正在整改的问题不超过发现的问题", Named("发现问题", problems), tuple(parts), False)


# ---------------------------------------------------------------------------------------------- “三公” 人次

# “团组 0 个、累计 0 人次” (上海), “团组共计 0 个，累计 0 人次” (广西), “团组729个，总计2143人次” (外交部);
# “接待 2 批次、26 人次，其中：接待外宾 0 批次、0 人次”, “公务接待共75批次，接待人数1070人次”
_GROUPS_TRIPS = re.compile(rf"团组{_SP}(?:共计|合计|共)?{_SP}[，,]?{_SP}(?P<groups>\d+){_SP}个{_SP}[、，,；;]{_SP}"
                           rf"(?:累计|共计|总计|合计|共)?{_SP}(?P<trips>\d+){_SP}人次")
_RECEPTION = re.compile(rf"(?<!外事)(?<!外宾)接待{_SP}(?:共计|共)?{_SP}(?:\d+{_SP}批次?{_SP}[、，,]{_SP}(?:接待人数|接待|共)?{_SP})?"
                        rf"(?P<trips>\d+){_SP}人次")
_FOREIGN = re.compile(rf"(?:外宾接待|外事接待|外宾){_SP}(?:共)?{_SP}(?:\d+{_SP}批次?{_SP}[、，,]{_SP})?(?P<trips>\d+){_SP}人次")


def _trips(ns: NarrativeSection) -> Iterator[Relation]:
    text = ns.claims.view.text
    for match in _GROUPS_TRIPS.finditer(text):
        groups = _at(ns, match.start("groups"), count=True)
        trips = _at(ns, match.start("trips"), count=True)
        if groups is not None and trips is not None:
            yield Relation(ns, "BL716", "每个出国团组至少一人次", Named("累计人次", trips), (Named("出国团组", groups),), False)
    reception = _RECEPTION.search(text)
    if reception is None:
        return
    foreign = _FOREIGN.search(text, reception.end())
    if foreign is None or "其中" not in text[reception.end():foreign.start()] or "。" in text[reception.end():foreign.start()]:
        return  # only “……人次，其中：接待外宾……人次” makes the 外宾 a part (国内接待 and 外宾 are disjoint)
    people = _at(ns, reception.start("trips"), count=True)
    guests = _at(ns, foreign.start("trips"), count=True)
    if people is not None and guests is not None:
        yield Relation(ns, "BL716", "接待外宾的人次是公务接待人次的一部分", Named("公务接待人次", people),
                       (Named("接待外宾人次", guests),), False)


# ---------------------------------------------------------------------------------------------- 决算 vs 预算


class Pair(NamedTuple):
    base: Number  # the budget figure the sentence compares with
    actual: Number  # the 决算 figure


class FinalClaim(NamedTuple):
    """“完成年初预算的 p%” (``percent``, ``base_word``) or “决算数小于预算数” (``match``), with its pair."""

    pair: Pair
    percent: Number | None
    base_word: str
    match: re.Match[str] | None


@cache
def _completion_pattern() -> re.Pattern[str]:
    return re.compile(r"完成(年初|调整|全年)?预算(数)?的?\s*$")


@cache
def _direction_pattern() -> re.Pattern[str]:
    return re.compile(r"决算数?(?:(大于|高于|超过|多于|小于|低于|少于|等于)(?:年初|全年|调整)?预算数?"
                      r"|与(?:年初|全年|调整)?预算数?(持平|相等|一致))")


_CLAUSE_START = "，。；：,;:\n"


def _label(view: View, number: Number, headings: frozenset[int]) -> str:
    """The words before a number, back to the start of its clause or the end of a heading line."""
    start = number.vstart
    while start > 0 and view.text[start - 1] not in _CLAUSE_START and start not in headings:
        start -= 1
    return view.text[start:number.vstart]


def final_claims(text: str) -> Iterator[tuple[View, FinalClaim]]:
    """The completion rates and 大于/小于/持平 statements of a 决算 text with the budget/决算 pair before them."""
    if not text:
        return
    view, numbers = tokenize(text)
    headings = frozenset(title_ends(view))  # “（三）……具体情况” on its own line is not part of a label
    base: Number | None = None
    actual: Number | None = None
    events: list[tuple[int, Number | re.Match[str]]] = [(n.vstart, n) for n in numbers]
    events += [(m.start(), m) for m in _direction_pattern().finditer(view.text)]
    for _, event in sorted(events, key=lambda e: e[0]):
        if isinstance(event, re.Match):
            if base is not None and actual is not None:
                yield view, FinalClaim(Pair(base, actual), None, "", event)
            continue
        label = _label(view, event, headings)
        if event.is_amount:
            if "决算" in label and "预算" in label:
                continue  # “决算数比预算数增加 1.08 万元”: a difference, neither side
            if "决算" in label:
                actual = event
            elif "预算" in label:
                base = event
        elif event.unit == "%" and base is not None and actual is not None:
            completion = _completion_pattern().search(label)
            if completion and base.wan[0] != 0:
                yield view, FinalClaim(Pair(base, actual), event, completion.group(1) or "", None)


def final_compared(doc: Disclosure, section: Section) -> frozenset[int]:
    """Original offsets of the figures BL518 compares in a 决算 section (both sides of a pair, the rate)."""
    if doc.kind != "决算":
        return frozenset()
    def read() -> frozenset[int]:
        starts: set[int] = set()
        for _, claim in final_claims(section.text):
            starts.update((claim.pair.base.start, claim.pair.actual.start))
            if claim.percent is not None:
                starts.add(claim.percent.start)
        return frozenset(starts)
    return doc.cached(("final compared", section.at.path), read)


# ---------------------------------------------------------------------------------------------- 占比


def baseless_runs(ns: NarrativeSection) -> Iterator[tuple[int, list[Share]]]:
    """BL713's shares: per sentence, the shares with an amount and no base, no breakdown, no named base,
    that add up to 100 % within their printed rounding (so their base is the sum of their amounts)."""
    amounts = ns.claims.amounts
    runs: dict[int, list[Share]] = {}
    for share in ns.claims.shares:
        if share.base is None and share.group is None and not share.base_label and share.amount is not None:
            runs.setdefault(amounts[share.amount].sentence, []).append(share)
    for sentence, shares in runs.items():
        parts = [amounts[s.amount] for s in shares if s.amount is not None]
        if len(shares) < 2 or len({s.amount for s in shares}) != len(shares) or not all(p.number.is_amount for p in parts):
            continue
        total = sum((s.number.value for s in shares), Decimal(0))
        # the printed shares' rounding: half a unit of each
        slack = sum((unit(len(s.number.text.partition(".")[2])) / 2 for s in shares), Decimal(0))
        if abs(total - HUNDRED) > slack:
            continue  # not a complete split: the base is not the sum of these parts
        yield sentence, shares


def related_starts(doc: Disclosure) -> dict[tuple[int, int], str]:
    """(id of the section, original offset) → what the figure is related with, for coverage."""
    read: dict[tuple[int, int], str] = {}
    for relation in relations(doc):
        key = id(relation.section.section)
        for named in (relation.total, *relation.parts):
            read.setdefault((key, named.number.start), f"叙述内部关系（{relation.what}）")
    for within in running_costs_within(doc):
        read.setdefault((id(within.section.section), within.amount.number.start), f"不超过表格 {within.cell.label}")
    return read


def violations(doc: Disclosure, rule: str) -> Iterator[Violation]:
    """The relations of ``rule`` that the printed figures contradict (amounts at printed precision, counts exactly)."""
    for relation in relations(doc):
        if relation.rule != rule:
            continue
        check = summed if relation.total.number.is_amount else counted
        found = check(relation.section, rule, relation.total, relation.parts, complete=relation.complete)
        if found is None:
            continue
        if relation.complete or found.rounding_tail:
            yield found._replace(message=f"{found.message}（{relation.what}）")
        else:
            # “at most”: say that the part is larger, not merely “not equal”
            yield found._replace(message=_exceeds(relation) + ("（原文此数字跨行断开，拼接方式不唯一，仅作提示）"
                                                               if found.message.endswith("仅作提示）") else ""))


def _exceeds(relation: Relation) -> str:
    total, parts = relation.total, relation.parts
    unit = "万元" if total.number.is_amount else total.number.unit
    value = (lambda n: n.wan[0]) if total.number.is_amount else (lambda n: n.value)
    added = sum((value(p.number) for p in parts), Decimal(0))
    formula = " + ".join(f"{p.label} {p.number.show()}" for p in parts)
    shown = f"{formula} = {added} {unit}" if len(parts) > 1 else formula
    gap = f"（差 {added - value(total.number)} {unit}）" if all(p.number.unit == total.number.unit for p in parts) else ""
    return f"{relation.section.name}：{total.label} {total.number.show()}，少于 {shown}{gap}：{relation.what}"


# ---------------------------------------------------------------------------------------------- 占比的基数是表格单元格


class CellShare(NamedTuple):
    """“一般公共预算财政拨款支出 9746.50 万元，占本年支出合计的 99.86%”: the base is named, not stated —
    it is the cell the vocabulary gives that name (支出决算表 本年支出合计)."""

    section: NarrativeSection
    share: Share
    part: StatedAmount
    cell: CellRef
    verdict: Verdict


def cell_shares(doc: Disclosure) -> tuple[CellShare, ...]:
    return doc.cached(("cell shares",), lambda: tuple(_cell_shares(doc)))


def _cell_shares(doc: Disclosure) -> Iterator[CellShare]:
    vocab = doc_vocabulary(doc)
    for ns in narrative(doc):
        amounts = ns.claims.amounts
        for share in ns.claims.shares:
            if share.base is not None or share.amount is None or not share.base_label:
                continue
            part = amounts[share.amount]
            cell = doc.cached(("named cell", share.base_label), lambda label=share.base_label: _named_cell(doc, vocab, label))
            if cell is None or not part.number.is_amount or not is_current(part.role, doc.kind):
                continue
            yield CellShare(ns, share, part, cell, compare_percent(share.number.value, part.printed, cell.printed))


def _named_cell(doc: Disclosure, vocab: Vocabulary, label: str) -> CellRef | None:
    """The published cell whose vocabulary alias is exactly ``label``, when every topic naming it agrees."""
    wanted = normalise_label(label)
    cells = set()
    found: CellRef | None = None
    for topic in vocab.topics.values():
        for entry in topic.entries.values():
            if any(normalise_label(alias) == wanted for alias in entry.aliases):
                cell = first_cell(doc, entry.cells)
                if cell is not None:
                    cells.add((cell.table.key, cell.path))
                    found = cell
    return found if len(cells) == 1 else None


# ---------------------------------------------------------------------------------------------- 未检查的原因

# Why a figure that no relation reads is not checked, when the words before it say more than “not in the
# vocabulary” (coverage shows the reason; nothing here makes a figure checked).
class Unread(NamedTuple):
    """Why coverage leaves a figure unchecked; ``reader_unsure``: the reading, not the file, is what is missing."""

    reason: str
    reader_unsure: bool = False


_REASONS: tuple[tuple[re.Pattern[str], Unread], ...] = (  # (words right before the figure, why)
    (re.compile(r"发现问题$"), Unread("发现的问题数没有写出已整改、正在整改的分项，也没有表格可对照，不检查")),
    (re.compile(r"(?:编报绩效目标|绩效目标|绩效跟踪|跟踪评价|绩效监控|运行监控|绩效自评|自评)[^。；;]*$|涉及(?:预算)?(?:金额|资金)$"),
     Unread("绩效各环节（编报目标、跟踪、自评）的项目数和金额口径可能不同（年初或调整后预算），不相互核对；没有表格可对照，不检查")),
    (re.compile(r"其他政府采购项目中[^。]*中标或成交的?[，,]?采购金额$"),
     Unread("其他项目中由中小企业中标的金额：与采购总额是否同一口径不确定，文中没有可对照的数，不检查")),
    (re.compile(r"保有量(?:为)?$"), Unread("公务用车保有量：决算表不列车辆数，年末保有量与全年运行费不能相互核对（车辆可能年内处置），不检查")),
    (re.compile(r"以上设备(?:不含车辆)?$"), Unread("大型设备台（套）数：决算表不列设备数，文中没有分项，不检查")),
    # normalise_label drops the brackets: “下降（增长）” reads 下降增长
    (re.compile(r"(?:增长|下降)(?:增长|下降)$|(?:增加|减少)(?:增加|减少)$"),
     Unread("增减方向写作“下降（增长）”这类模板措辞（BL704），方向不确定，不检查", reader_unsure=True)),
    (re.compile(r"完成$"), Unread("完成比例没有写出对应的预算数和决算数，不检查")),
)


def unread_reason(ns: NarrativeSection, number: Number) -> Unread | None:
    """The reason coverage gives for a figure of the section no check reads, from the words before it."""
    text = ns.claims.view.text
    start = max(text.rfind(mark, 0, number.vstart) for mark in "。；;")
    before = normalise_label(text[start + 1:number.vstart])
    return next((reason for pattern, reason in _REASONS if pattern.search(before)), None)


# ---------------------------------------------------------------------------------------------- 机关运行经费（决算）

_RUNNING_COST = re.compile(r"(?:机关)?运行经费(?:支出)?(?:决算)?(?:数)?(?:为|是|共)?$")
_PUBLIC_FUNDS: CellPath = ("一般公共预算财政拨款基本支出决算表", "合计行", "公用经费")


class WithinCell(NamedTuple):
    """“机关运行经费支出 142.80 万元” in a 决算: at most 表六's 公用经费 (机关运行经费 is the 行政单位 part of
    the 日常公用经费 of the 一般公共预算 basic expenditure; with 事业单位 in the department it is smaller)."""

    section: NarrativeSection
    amount: StatedAmount
    cell: CellRef


def running_costs_within(doc: Disclosure) -> tuple[WithinCell, ...]:
    return doc.cached(("running costs within", ), lambda: tuple(_running_costs_within(doc)))


def _running_costs_within(doc: Disclosure) -> Iterator[WithinCell]:
    if doc.kind != "决算":
        return
    cell = first_cell(doc, (_PUBLIC_FUNDS,))
    if cell is None:
        return
    for ns in narrative(doc):
        if ns.topic != "机关运行经费":
            continue
        for amount in ns.claims.amounts:
            label = normalise_label(amount.label)
            if amount.number.is_amount and is_current(amount.role, doc.kind) and _RUNNING_COST.search(label) \
                    and this_year(doc, amount.label):
                yield WithinCell(ns, amount, cell)
                break  # the section's own figure; later ones are changes or parts
