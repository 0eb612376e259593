"""机构设置: how many units a department's budget is made of, read from its own words (issue 15 item 2).

The 部门概况 states the same composition up to three times, and real prose words it in several ways:

* a total — “包括万里街道本部以及下属 5 家预算单位”（上海）, “由本级及所属 3 个单位组成”, “纳入编制范围的预算
  单位共 4 个”, “下属 2 家单位”;
* the kinds — “行政单位 1 家，参公单位 1 家，事业单位 4 家”, “其中：行政单位 1 个、参照公务员法管理的事业
  单位 1 个、其他事业单位 2 个”;
* the list — “具体包括：1. ……（本部）。2. ……。”;

and elsewhere “设 9 个内设机构，包括：办公室、……、贸易发展科。” or, in the 机关运行经费 section, “下属 1 家机关和
1 家参公事业单位”.

Which reading a total has is not the same everywhere: on the corpus 万里街道 counts its 本部 among its “下属 5
家” (five listed, the 本部 first), 商务委员会 does not (“本部以及下属 1 家”, two listed, one of them “不单列预算”);
a 参公单位 is a kind of 事业单位, and a text may count it inside its 事业单位. So each relation is judged against
every reading the words allow, and a finding is made only when no reading fits (精度优先): then it is certain.
The cross-section comparison with the 机关运行经费 scope is only a hint (info): that sentence may leave out a unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from budgetlint.finding import Related
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.claims import Count
from budgetlint.rules.narrative.numbers import Number
from budgetlint.rules.narrative.sections import NarrativeSection, narrative

# kinds of unit, by the words that name them (the longest name first: 参公事业单位 before 事业单位)
_KINDS: tuple[tuple[str, str], ...] = (
    ("参照公务员法管理的事业单位", "参公"), ("参照公务员法管理事业单位", "参公"), ("参公事业单位", "参公"), ("参公单位", "参公"),
    ("行政单位", "行政"), ("行政机关", "行政"),
    ("全额拨款事业单位", "事业"), ("差额拨款事业单位", "事业"), ("自收自支事业单位", "事业"), ("其他事业单位", "事业"),
    ("公益一类事业单位", "事业"), ("公益二类事业单位", "事业"), ("事业单位", "事业"),
    ("社会团体", "其他"), ("企业", "其他"),
)
_KIND_UNITS = ("家", "个")
_SPACE = re.compile(r"\s+")
# “本部以及下属 5 家预算单位”, “所属 3 个单位”, “下设 2 个二级预算单位”: the number of units besides (or with) the 本部
_SUBORDINATE_BEFORE = re.compile(r"(?:下属|所属|下设|二级)(?:的)?(?:预算单位|单位)?(?:共|共有)?$")
_UNIT_AFTER = re.compile(r"^(?:独立核算的?|二级|基层)?(?:预算|决算)?单位")
# “纳入编制范围的预算单位共 4 个”, “共有预算单位 4 个”, “预算单位 4 个”
_TOTAL_BEFORE = re.compile(r"(?:预算单位|决算单位|单位)(?:共有|共计|共)?(?:为)?$|共有(?:预算|决算)?单位$")
_INSTITUTIONS_BEFORE = re.compile(r"(?:内设机构|内设科室|职能科室)(?:共有|共|为)?$|(?:内设|设有?)$")
_INSTITUTIONS_AFTER = re.compile(r"^(?:内设机构|内设科室|职能科室|科室|处室)")
_LIST_OPENER = re.compile(r"(?:具体包括|包括|分别是|分别为|如下|具体为)\s*[：:]\s*$")
_ITEM = re.compile(r"(?:（(?P<p>\d{1,2})）|(?P<n>\d{1,2})\s*[.．、](?!\d))")
_OWN_BUDGET_NOT = re.compile(r"不单列预算|不单独编制预算|不单独编报|未单独编制|不单独核算|未单独核算")
_NAMES_UNTIL = re.compile(r"[。；;]")
_ITEM_AFTER = re.compile(r"[。；;：:]\s*")
_NAMES_OPENER = re.compile(r"[^。；;：:]{0,12}?(?:(?:包括|分别是|分别为|为)\s*[：:]?|[：:])")
_RUNNING_COSTS = re.compile(r"^(?P<what>机关|行政单位|参公事业单位|参照公务员法管理的事业单位|参公单位)")


class Stated(NamedTuple):
    """One count of the composition as printed, with how the text names it."""

    count: Count
    words: str  # “下属 5 家预算单位”, “行政单位 1 家” (for messages)

    @property
    def number(self) -> Number:
        return self.count.number

    @property
    def value(self) -> int:
        return int(self.count.number.value)


class Composition(NamedTuple):
    """What one section says of the units: the total (if any), the kinds, the numbered list."""

    section: NarrativeSection
    total: Stated | None
    subordinate: bool  # the total is “下属/所属 N” (the 本部 may or may not be among them)
    kinds: tuple[tuple[str, Stated], ...]  # (kind: 行政 | 参公 | 事业 | 其他, count)
    listed: int  # numbered items after “具体包括：” (0: no list)
    listed_own: int  # of those, the units with a budget of their own (not “不单列预算”)
    list_at: int  # view index of the list opener (for messages' positions: the first item)

    def kinds_sum(self) -> int:
        return sum(s.value for _, s in self.kinds)

    def kinds_readings(self) -> set[int]:
        """The unit counts the kinds allow: all added up, or with the 参公单位 counted inside the 事业单位."""
        total = self.kinds_sum()
        public = sum(s.value for kind, s in self.kinds if kind == "参公")
        readings = {total}
        if public and any(kind == "事业" for kind, _ in self.kinds):
            readings.add(total - public)
        return readings

    def kind(self, name: str) -> Stated | None:
        return next((s for kind, s in self.kinds if kind == name), None)


class Institutions(NamedTuple):
    """“设 9 个内设机构，包括：办公室、……、贸易发展科。”: the count and the names listed after it."""

    section: NarrativeSection
    stated: Stated
    names: tuple[str, ...]


class RunningScope(NamedTuple):
    """“下属 1 家机关和 1 家参公事业单位财政拨款的机关运行经费”: which units the 机关运行经费 covers."""

    section: NarrativeSection
    counts: tuple[tuple[str, Stated], ...]  # (行政 | 参公, count)


def _plain(text: str) -> str:
    return _SPACE.sub("", text)


def _after(ns: NarrativeSection, number: Number, length: int = 24) -> str:
    view = ns.claims.view
    return _plain(view.text[number.vunit_end:number.vunit_end + length])


def _kind_of(label: str) -> str | None:
    plain = _plain(label)
    for words, kind in _KINDS:
        if plain.endswith(words):
            return kind
    return None


def _kind_after(after: str) -> str | None:
    for words, kind in _KINDS:
        if after.startswith(words):
            return kind
    return None


def compositions(doc: Disclosure) -> tuple[Composition, ...]:
    """Every section that states the composition of the department (a total or the kinds), once per document."""
    return doc.cached(("unit compositions",), lambda: tuple(_compositions(doc)))


def _compositions(doc: Disclosure) -> Iterator[Composition]:
    for ns in narrative(doc):
        if "单位" not in ns.claims.text:
            continue
        total: Stated | None = None
        subordinate = False
        kinds: list[tuple[str, Stated]] = []
        last = -1
        for count in ns.claims.counts:
            number = count.number
            if number.unit not in _KIND_UNITS:
                continue
            label, after = _plain(count.label), _after(ns, number)
            kind = _kind_of(label)
            if kind is None and not label.endswith("其中") and _RUNNING_COSTS.match(after) is None:
                kind = None if _SUBORDINATE_BEFORE.search(label) else _kind_after(after)
            if kind is not None and "机关运行经费" not in ns.claims.text:
                kinds.append((kind, Stated(count, f"{_kind_name(label, after, kind)} {number.text} {number.unit}")))
                last = number.vunit_end
            elif total is None and not kinds and _SUBORDINATE_BEFORE.search(label) and _UNIT_AFTER.match(after):
                total, subordinate = Stated(count, f"下属 {number.text} {number.unit}单位"), True
                last = number.vunit_end
            elif total is None and not kinds and _TOTAL_BEFORE.search(label) and "内设" not in label:
                total = Stated(count, f"单位共 {number.text} {number.unit}")
                last = number.vunit_end
        if total is None and not kinds:
            continue
        listed, own, at = _numbered_list(ns, last)
        yield Composition(ns, total, subordinate, tuple(kinds), listed, own, at)


def _kind_name(label: str, after: str, kind: str) -> str:
    for words, found in _KINDS:
        if found == kind and (label.endswith(words) or after.startswith(words)):
            return words
    return kind


def _numbered_list(ns: NarrativeSection, after: int) -> tuple[int, int, int]:
    """The numbered items (1. 2. … or （1）（2）…) that follow a list opener (“具体包括：”) after ``after``;
    their numbering must run 1, 2, 3 … (else no list: 0)."""
    view = ns.claims.view
    text = view.text
    # items start at a line start or after 。；：（the reader's own item starts do not know “（1）”）
    candidates = {*view.breaks, *(m.end() for m in _ITEM_AFTER.finditer(text))}
    starts = sorted(at for at in candidates if at >= after and _ITEM.match(text, at))
    if not starts or not _LIST_OPENER.search(_plain(text[after:starts[0]])):
        return 0, 0, -1
    numbered: list[int] = []
    for at in starts:
        found = _ITEM.match(text, at)
        value = int(found.group("p") or found.group("n")) if found else 0
        if value != len(numbered) + 1:
            # numbering that restarts or jumps (“2. 下属事业单位 3 家：（1）……（2）……”) is a nested list: which
            # items are units is not certain, so there is no list to count
            return 0, 0, -1
        numbered.append(at)
    if not numbered:
        return 0, 0, -1
    ends = [*numbered[1:], len(text)]
    own = sum(1 for start, end in zip(numbered, ends) if not _OWN_BUDGET_NOT.search(text[start:end]))
    return len(numbered), own, numbered[0]


def institutions(doc: Disclosure) -> tuple[Institutions, ...]:
    """“设 N 个内设机构，包括：A、B、……。” with a complete list of names (no 等), once per document."""
    return doc.cached(("internal institutions",), lambda: tuple(_institutions(doc)))


def _institutions(doc: Disclosure) -> Iterator[Institutions]:
    for ns in narrative(doc):
        text = ns.claims.view.text
        for count in ns.claims.counts:
            number = count.number
            if number.unit != "个":
                continue
            label, after = _plain(count.label), _after(ns, number)
            if not (_INSTITUTIONS_BEFORE.search(label) and (_INSTITUTIONS_AFTER.match(after) or "内设" in label)):
                continue
            tail = text[number.vunit_end:]
            opener = _NAMES_OPENER.match(tail)
            if opener is None:
                continue
            body = tail[opener.end():]
            end = _NAMES_UNTIL.search(body)
            names = _split_names(body[:end.start() if end else len(body)])
            if len(names) >= 2 and not names[-1].endswith("等"):
                yield Institutions(ns, Stated(count, f"内设机构 {number.text} 个"), tuple(names))


def _split_names(text: str) -> list[str]:
    """Names separated by 、 (or ，), not inside brackets: “市场秩序科（粮食和物资储备科）” is one name."""
    names, depth, current = [], 0, []
    for character in text:
        if character in "（(":
            depth += 1
        elif character in "）)":
            depth = max(0, depth - 1)
        if character in "、，," and depth == 0:
            names.append("".join(current).strip())
            current = []
        else:
            current.append(character)
    names.append("".join(current).strip())
    return [n for n in names if n]


def running_scopes(doc: Disclosure) -> tuple[RunningScope, ...]:
    """The 机关运行经费 sentence's “下属 1 家机关和 1 家参公事业单位”, once per document."""
    return doc.cached(("running cost scopes",), lambda: tuple(_running_scopes(doc)))


def _running_scopes(doc: Disclosure) -> Iterator[RunningScope]:
    for ns in narrative(doc):
        if "机关运行经费" not in ns.claims.text:
            continue
        counts: list[tuple[str, Stated]] = []
        for count in ns.claims.counts:
            found = _RUNNING_COSTS.match(_after(ns, count.number))
            if found is None:
                continue
            what = found.group("what")
            kind = "行政" if what in ("机关", "行政单位") else "参公"
            counts.append((kind, Stated(count, f"{count.number.text} {count.number.unit}{what}")))
        if counts:
            yield RunningScope(ns, tuple(counts))


class Judgement(NamedTuple):
    """One relation between composition figures, judged: the rule reports the failed ones, the coverage
    counts every figure of every judgement as checked."""

    section: NarrativeSection
    at: Number  # where a finding stands
    figures: tuple[tuple[NarrativeSection, Stated], ...]  # every figure compared (the first is ``at``)
    how: str  # what the figures are compared with (coverage)
    ok: bool
    message: str  # the finding's words (Chinese), when not ok
    certain: bool  # False: only a hint (info)
    cells: tuple[Related, ...] = ()  # table cells compared with (related locations of a finding)


def judgements(doc: Disclosure) -> tuple[Judgement, ...]:
    return doc.cached(("composition judgements",), lambda: tuple(_judgements(doc)))


def _readings(values: set[int]) -> str:
    return " 或 ".join(str(v) for v in sorted(values))


def _judgements(doc: Disclosure) -> Iterator[Judgement]:
    found = compositions(doc)
    for c in found:
        ns, name = c.section, c.section.name
        kinds_words = " + ".join(s.words for _, s in c.kinds)
        if c.kinds and c.listed:
            readings = c.kinds_readings()
            ok = c.listed in readings
            note = "；参公单位也可能计入事业单位" if len(readings) > 1 else ""
            yield Judgement(ns, c.kinds[0][1].number, tuple((ns, s) for _, s in c.kinds), "单位构成：各类单位之和 = 列出的单位数",
                            ok, f"{name}：{kinds_words} = {c.kinds_sum()} 家，而“具体包括”列出 {c.listed} 家单位"
                                f"（按各类单位应列出 {_readings(readings)} 家{note}）", True)
        if c.total is not None:
            if c.listed:
                readings = {c.listed, c.listed - 1, c.listed_own, c.listed_own - 1} - {-1}
                base = f"“具体包括”列出 {c.listed} 家单位" + (f"（其中 {c.listed - c.listed_own} 家不单列预算）" if c.listed != c.listed_own else "")
                how = "单位构成：单位总数 = 列出的单位数"
            elif c.kinds:
                kinds = c.kinds_readings()
                readings = kinds | {k - 1 for k in kinds} - {-1}
                base = f"{kinds_words} = {c.kinds_sum()} 家"
                how = "单位构成：单位总数 = 各类单位之和"
            else:
                continue
            value = c.total.value
            yield Judgement(ns, c.total.number, ((ns, c.total), *((ns, s) for _, s in c.kinds)), how, value in readings,
                            f"{name}：{c.total.words}，而{base}（含或不含本部，总数都应为 {_readings(readings)}）", True)
    for item in institutions(doc):
        ok = len(item.names) == item.stated.value
        yield Judgement(item.section, item.stated.number, ((item.section, item.stated),), "内设机构数 = 列出的名称数", ok,
                        f"{item.section.name}：{item.stated.words}，而其后列出 {len(item.names)} 个名称"
                        f"（{'、'.join(item.names[:3])}……）", True)
    yield from _performance_units(doc, found)
    composition = next((c for c in found if c.kinds), None)
    if composition is None:
        return
    for scope in running_scopes(doc):
        for kind, stated in scope.counts:
            mine = composition.kind(kind)
            if mine is None:
                continue
            ok = mine.value == stated.value
            yield Judgement(scope.section, stated.number, ((scope.section, stated), (composition.section, mine)),
                            f"机关运行经费的单位范围 = {composition.section.name}中的{mine.words}", ok,
                            f"{scope.section.name}：{stated.words}，而{composition.section.name}写{mine.words}"
                            "（机关运行经费由行政单位和参公事业单位使用，仅作提示）", False)


_PERFORMANCE_UNITS_AFTER = re.compile(r"^(?:预算|基层预算|二级预算)?单位(?:开展|编报|参与|实施)")


def _performance_units(doc: Disclosure, found: tuple[Composition, ...]) -> Iterator[Judgement]:
    """“本部门 3 个预算单位开展了项目预算绩效目标编报工作”: no more units than the department has (the most
    any reading of its composition allows)."""
    bounds = [b for c in found for b in (c.listed, c.kinds_sum(), c.total.value + 1 if c.total is not None else 0) if b]
    if not bounds:
        return
    most = max(bounds)
    for ns in narrative(doc):
        if "绩效" not in ns.claims.text:
            continue
        for count in ns.claims.counts:
            if count.number.unit in _KIND_UNITS and _PERFORMANCE_UNITS_AFTER.match(_after(ns, count.number)):
                stated = Stated(count, f"{count.number.text} {count.number.unit}预算单位")
                yield Judgement(ns, count.number, ((ns, stated),), f"开展绩效目标编报的单位数 ≤ 部门的单位数（{most}）",
                                int(count.number.value) <= most,
                                f"{ns.name}：{stated.words}开展绩效目标编报，而部门概况中的单位最多 {most} 家", True)
