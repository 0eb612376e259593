"""Claims: what a narrative text block states, each with its exact span in the text.

Extraction reads the line-break-free view of :mod:`budgetlint.rules.narrative.numbers` clause by clause
(a clause ends at ，。；：、). It knows no table and no section topic: tying a claim to a cell is the
vocabulary's job, so the same extraction serves every region.

* an **amount** is a number with 元/万元/亿元 and the label before it in its clause;
* a **change** is a direction word (增加/减少/增长/下降/持平 …) with its delta amount and/or rate,
  the subject named before the word, the comparison year and whether a reason follows;
* a **share** is “占 p%”, bound to the amount before it and to the head of its breakdown;
* a **count** is a number with 个/辆/套/项/家; a **year** is “YYYY 年”, classified by its phrase;
* a **group** is a breakdown: the amounts after “其中” (until the sentence ends) or after
  “主要用于以下方面 / 具体情况如下 / 分别为” (until the section ends), with the total they break down.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

from budgetlint.arith import Printed
from budgetlint.rules.narrative.numbers import COUNT_UNITS, Number, View, tokenize
from budgetlint.rules.narrative.periods import PRIOR_ROLES, amount_role, can_be_part

_DELIMITER_AT = re.compile("[，。；：、,;:！？!?]")  # a clause ends at one of these
_SENTENCE_END = frozenset("。！？!?")
_SENTENCE_END_AT = re.compile("[。！？!?]")
_OPENER = re.compile(r"其中|主要用于以下方面|用于以下方面|具体(?:支出)?情况如下|分别为|分别是")
UP_WORDS = ("增加", "增长", "上升", "提高", "增多", "增幅", "增长率", "增速", "增")
DOWN_WORDS = ("减少", "下降", "降低", "节约", "缩减", "减幅", "降幅", "减")
# The short forms real prose uses — “较上年增 30.00 万元，增幅 12.00%”, “减幅 9.09%” — are changes
# and rates like the long ones (issue 15 item 9); “新增” names a new item, not a change.
_CHANGE_AT_END = re.compile(r"(增加|减少|增长率|增长|下降|降低|上升|提高|增多|节约|缩减|增幅|增速|减幅|降幅|(?<!新)增|减)(?:了|为|达)?$")
_FLAT = re.compile(r"持平|保持不变|没有变化|无变化")
_REASON = re.compile(r"原因|由于|因为|主要是|系因")
_REASON_TEXT = re.compile(r"原因(?:是|为|主要是)?[：:]?(?P<text>[^。；;]*)")
_COMPARISON = re.compile(r"(?:与|同|比|较|对比)\s*(?P<year>\d{4})\s*年度?(?:预算数?|决算数?|相比|比较|同期)*")
_PRIOR_WORDS = re.compile(r"(?:与|同|比|较|对比)\s*(?:\d{4}\s*年度?|上年度?|去年)(?:(?:当年)?预算执行数|执行数|预算数?|决算数?|同期)?"
                          r"(?:相比|比较)?|同比|环比")
_SHARE = re.compile(r"占(?:比)?(?P<base>.*?)(?:的|比重为|比重|比例为|比例|比为)?$")
_LEADING = re.compile(r"^(?:其中|[（(]?[一二三四五六七八九十]+[)）、.．]|\d+[.．、])+")
_GENERIC_SUBJECT = frozenset({"", "预算数", "预算", "支出预算数", "预算安排", "金额"})
_ABSENCE = re.compile(r"(?:无|没有)(?:使用)?[^，。；、]{0,40}(?:支出|收入|资金|安排)")
_TITLE_OPEN, _TITLE_CLOSE = "《", "》"
_DOC_BRACKETS = ("〔〕", "[]", "［］", "()", "（）", "【】")
# “2025年底前完成验收” is a deadline, not an asset cut-off date
_ASSET_AFTER = re.compile(r"\s*年度?\s*(?:期末|年末|末|年底|底|12\s*月\s*31\s*日)(?!\s*(?:前|之前|以前))")
_OWN_AFTER = re.compile(r"\s*年度?\s*(?:部门|单位)?\s*预算(?!执行)")
_BUDGET_WORDS = re.compile(r"预算|决算|收入|支出|经费|采购|资产")
_YEAR_WORDS = re.compile(r"\d{4}\s*年度?")
_SPACES = re.compile(r"\s")
_SPACES_AND_QUOTES = re.compile(r"\s|[“”\"]")
# _year_kind's phrases, compiled once (re's own cache costs a lookup per call)
_YEAR_SUFFIX = re.compile(r"\s*年度?")
_DOCUMENT_NUMBER_AFTER = re.compile(r"[.．]?\s*\d+\s*号")
_DOCUMENT_WORD_BEFORE = re.compile(r"[财政办发预字]\s*$")
_COMPARED_BEFORE = re.compile(r"(?:与|同|比|较|对比)\s*$")
_COMPARED_TAIL = re.compile(r"\s*年度?(?:预算数?|决算数?)?(?:相比|比较)?")
_AS_OF_BEFORE = re.compile(r"截至\s*$")
_LONE_YEAR = re.compile(r"\s*年度?(?!\s*\d)")
_FOUR_DIGITS = re.compile(r"(?<!\d)(?:19|20)\d\d(?=\s*年)")
# “2023年当年预算执行数为 60.13 万元”, “2023年执行数”: the prior year's execution a budget compares with;
# “2023年决算”: in a 预算 a prior year's 决算 (which year is not certain), in a 决算 its own year.
_PRIOR_EXECUTION_AFTER = re.compile(r"\s*年度?\s*(?:当年)?(?:预算)?执行数?")
_PERIOD_AFTER = re.compile(r"\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*(?:[-—－~～至到])")
_PERIOD_END_BEFORE = re.compile(r"\d\s*日?\s*[-—－~～至到]\s*$")
_DATE_AFTER = re.compile(r"\s*年\s*\d{1,2}\s*月")
_FINAL_AFTER = re.compile(r"\s*年度?\s*(?:部门|单位)?\s*(?:支出)?决算")
# A line that is only a numbered heading (“（三）一般公共预算财政拨款支出决算具体情况”): what follows it is
# a new sentence, not the rest of the heading's words.
_ORDINAL_FIRST = frozenset("（一二三四五六七八九十0123456789")
_TITLE_LINE = re.compile(r"(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d{1,2}[、.．](?!\d))[^，。；：,;:！？!?\d%]{2,40}")
# The start of a numbered item (“（二）”, “2、”, “3. ”): a reason sentence never runs into the next item.
_ITEM = re.compile(r"（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、|\d{1,2}[、.．](?!\d)")
_ITEM_AFTER = re.compile("[。；;：:]")
_END = re.Match.end
_ITEM_OPENERS = "（一二三四五六七八九十"  # with any digit (str.isdigit holds for every \d)
# The next sentence opens with the reason: “主要原因是……”, “主要变动原因是……”, “增减变化的原因是……”, “这主要是由于……”.
_REASON_OPENS = re.compile(r"\s*(?:其|这)?(?:主要)?(?:(?:增减)?变[动化]的?|增减的?)?(?:主要)?(?:是)?(?:原因|由于|因为|系因)")
# “财政拨款收入支出增加的主要原因是……”: a reason sentence naming its subject and direction.
_SHARED_REASON = re.compile(r"(?P<subject>[^。；;]*?)(?P<word>增加|减少|增长|下降|增减|变动|变化|持平)?(?:的|之)?(?:主要)?原因")
# A label that names only a period (“支出决算为”, “年初预算为”): its subject is the figure's before it.
_BARE_LABEL = re.compile(r"^(?:支出|收入)?(?:年初预算|调整后?预算|全年预算|决算|预算执行)数?(?:为|是)?$")
_ROLE_TAIL = re.compile(r"(?:支出|收入)?(?:年初预算|调整后?预算|全年预算|决算|预算执行|预算|当年预算执行|执行)数?(?:为|是)?$")
_CODE_MARK = re.compile(r"\s*(?:类|款|项)\s*[)）]")
_SUBJECT_PAIRS = re.compile(r"(?=(\w\w))")


# The claim types are NamedTuples rather than frozen dataclasses: as immutable, several times cheaper
# to define (start-up) and to create (hundreds per disclosure). Nothing copies them with dataclasses
# functions, mutates them, or compares them with anything but their own kind.


class StatedAmount(NamedTuple):
    """“收入总计 293.68 万元”: a labelled amount (``label`` as in the view, before the number)."""

    label: str
    number: Number
    sentence: int
    role: str = ""  # periods.amount_role: "" this period, 年初预算, 上年执行 …
    year: int | None = None  # the year printed in the figure's clause (“2023年当年预算执行数为”)

    @property
    def printed(self) -> Printed:
        return self.number.printed


class Share(NamedTuple):
    """“占 36.46%”: ``amount``/``base`` index :attr:`Claims.amounts`; ``group`` :attr:`Claims.groups`."""

    number: Number
    amount: int | None
    base: int | None
    group: int | None
    base_label: str  # “占一般公共预算支出的 95.54%” → 一般公共预算支出


class Change(NamedTuple):
    """“收入增加 197.26 万元，增长 204.58%” / “持平”, with what it compares."""

    subject: str
    word: str
    word_start: int  # original offsets of the direction word
    word_end: int
    direction: int  # +1 增, −1 减, 0 持平
    delta: Number | None
    rate: Number | None
    rate_word: str
    level: int | None  # index of the amount this change is about (X = this year's figure)
    year: int | None  # “与 2022 年相比”
    reason: bool
    reason_text: str
    sentence: int
    reason_shared: bool = False  # explained by a reason sentence elsewhere in the section (not its own)


class Count(NamedTuple):
    """“车辆 1辆”: a labelled integer count."""

    label: str
    number: Number


class Year(NamedTuple):
    """A year in the text and the phrase kind that says which year it must be."""

    year: int
    number: Number
    kind: str  # 本年 | 比较 | 资产 | 标题 | 文号 | 其他
    phrase: str


class Absence(NamedTuple):
    """“我部门 2023 年无使用政府性基金预算拨款安排的支出”."""

    phrase: str
    start: int
    end: int


class Group(NamedTuple):
    """A breakdown: ``head`` (the total) and its ``items``, indexes of :attr:`Claims.amounts`."""

    head: int
    items: tuple[int, ...]
    opener: str
    start: int  # original offset of the opener word


class Claims(NamedTuple):
    text: str
    view: View
    numbers: tuple[Number, ...]
    amounts: tuple[StatedAmount, ...]
    shares: tuple[Share, ...]
    changes: tuple[Change, ...]
    counts: tuple[Count, ...]
    years: tuple[Year, ...]
    absences: tuple[Absence, ...]
    groups: tuple[Group, ...]
    other_percents: tuple[Number, ...]  # percentages that are neither a share nor a rate
    items: tuple[int, ...] = ()  # view indexes where numbered items start (item_starts)

    @property
    def head(self) -> int | None:
        """The section's first amount: the total a section usually opens with."""
        return 0 if self.amounts else None

    def group_of(self, amount: int) -> Group | None:
        for group in self.groups:
            if amount in group.items:
                return group
        return None


def _starts(view: View, ends: re.Pattern[str]) -> list[int]:
    """0 and the index after every match of ``ends``: where sentences (or clauses) start, ascending."""
    return [0, *map(_END, ends.finditer(view.text))]  # map of the C method: no Python frame per match


def _sentence_starts(view: View, titles: list[int]) -> list[int]:
    return _merged(_starts(view, _SENTENCE_END_AT), titles)


def _merged(starts: list[int], more: list[int]) -> list[int]:
    return sorted(set(starts).union(more)) if more else starts


def _line_starts(view: View) -> list[int]:
    return [0, *sorted(view.breaks)]


def title_ends(view: View) -> list[int]:
    """View indexes just after a line that is only a numbered heading (the next line starts a sentence)."""
    lines = _line_starts(view)
    ends = []
    text = view.text
    for i, start in enumerate(lines[:-1]):
        if text[start:start + 1] not in _ORDINAL_FIRST:
            continue  # most lines: not a numbered heading
        end = lines[i + 1]
        # the next line must not start with a digit: “（一）因公出国（境）费\n0.00 万元” is one clause
        if _TITLE_LINE.fullmatch(view.text, start, end) and not view.text[end:end + 1].isdigit():
            ends.append(end)
    return ends


def item_starts(view: View) -> list[int]:
    """Where numbered items start: at a line start or right after 。；： (not “2.5”, not “第1、2项”)."""
    text = view.text
    # only the few places an item can start are tried (scanning the text for “3.” met every decimal)
    candidates = {0, *view.breaks, *map(_END, _ITEM_AFTER.finditer(text))}
    # _ITEM opens with “（”, a numeral or a digit: the character is tested before the pattern
    return sorted(at for at in candidates
                  if ((first := text[at:at + 1]) in _ITEM_OPENERS or first.isdigit()) and _ITEM.match(text, at))


def _sentence_of(starts: list[int], index: int) -> int:
    """Index of the last start at or before ``index`` (0 for an index before every start)."""
    return max(bisect_right(starts, index) - 1, 0)


def _label_start(b: _Builder, number: Number, previous: Number | None) -> int:
    start = b.clause_start(number.vstart)
    if previous is not None and previous.unit not in ("年", "年度") and previous.vunit_end > start:
        start = previous.vunit_end
    return start


def clean_subject(text: str) -> str:
    """“与 2022 年相比，一般公共预算收支预算” → 一般公共预算收支预算."""
    subject = _PRIOR_WORDS.sub("", text)
    subject = _YEAR_WORDS.sub("", subject)
    return _LEADING.sub("", subject.strip()).strip(" ，,")


def _direction(word: str) -> int:
    if word in UP_WORDS:
        return 1
    if word in DOWN_WORDS:
        return -1
    return 0


class _Builder:
    """Mutable state of one extraction pass (local to :func:`extract`)."""

    __slots__ = ("view", "titles", "items", "_starts", "_clause_starts", "amounts", "amount_numbers")

    def __init__(self, view: View) -> None:
        self.view = view
        self.titles = title_ends(view)  # once per text: sentences, clauses and breakdowns all end there
        self.items = item_starts(view)
        # Sentence and clause starts once per text, on first use: a long text without a figure (a
        # section of 主要职责) needs neither.
        self._starts: list[int] | None = None
        self._clause_starts: list[int] | None = None
        self.amounts: list[StatedAmount] = []
        self.amount_numbers: list[int] = []  # view start of each amount, to find “the amount before”

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = _sentence_starts(self.view, self.titles)
        return self._starts

    @property
    def clause_starts(self) -> list[int]:
        # finding each label's clause by walking back character by character cost more than the rest
        # of the extraction
        if self._clause_starts is None:
            self._clause_starts = _merged(_starts(self.view, _DELIMITER_AT), self.titles)
        return self._clause_starts

    def sentence(self, index: int) -> int:
        return _sentence_of(self.starts, index)

    def clause_start(self, index: int) -> int:
        """Start of the clause holding ``index``: just after the last delimiter before it, else 0."""
        return self.clause_starts[_sentence_of(self.clause_starts, index)]

    def amount_before(self, index: int, same_sentence: bool) -> int | None:
        sentence = self.sentence(index)
        for i in range(len(self.amounts) - 1, -1, -1):
            if self.amount_numbers[i] < index and (not same_sentence or self.amounts[i].sentence == sentence):
                return i
        return None


def _year_kind(view: View, number: Number) -> tuple[str, str]:
    """Which year a phrase must use: own-year, comparison, asset date; titles and 文号 never count.

    Returns the kind and the phrase as the text says it (“2022 年度部门预算”, “与 2022 年相比”).
    """
    source = view.text
    before = source[max(0, number.vstart - 12):number.vstart]
    after = source[number.vend:number.vend + 16]
    year = source[number.vstart:number.vend]
    suffix = _YEAR_SUFFIX.match(after)
    plain = year + (suffix.group() if suffix else "")
    # counted in place: slicing the text before every year made a text with many years quadratic
    if source.count(_TITLE_OPEN, 0, number.vstart) > source.count(_TITLE_CLOSE, 0, number.vstart):
        return "标题", plain
    left = source[number.vstart - 1] if number.vstart > 0 else ""
    right = source[number.vend] if number.vend < len(source) else ""
    if any(left == pair[0] and right == pair[1] for pair in _DOC_BRACKETS) or _DOCUMENT_NUMBER_AFTER.match(after) \
            or _DOCUMENT_WORD_BEFORE.search(before):
        return "文号", plain
    if _PERIOD_AFTER.match(after) or "实施周期" in source[max(0, number.vstart - 12):number.vstart] \
            or (_PERIOD_END_BEFORE.search(before) and _DATE_AFTER.match(after)):
        return "周期", plain  # “实施周期 2025年1月1日-2025年12月31日”: a project's period, not judged
    compared = _COMPARED_BEFORE.search(before)
    if compared:
        tail = _COMPARED_TAIL.match(after)
        return "比较", compared.group() + year + (tail.group() if tail else "")
    asset = _ASSET_AFTER.match(after)
    if _AS_OF_BEFORE.search(before) or asset:
        return "资产", (before[before.rfind("截至"):] if "截至" in before else "") + year + (asset.group() if asset else "")
    prior = _PRIOR_EXECUTION_AFTER.match(after)
    if prior and "执行" in prior.group():
        return "上年执行", year + prior.group()
    final = _FINAL_AFTER.match(after)
    if final:
        return "决算", year + final.group()
    sentence_start = max(source.rfind(end, 0, number.vstart) for end in _SENTENCE_END) + 1
    sentence_end = min((at for end in _SENTENCE_END if (at := source.find(end, number.vend)) >= 0), default=len(source))
    # “2022年预算为 A，2023年预算安排 B，比2022年预算增加……”: the sentence compares with this very year,
    # so it is the prior year's figure, whatever words follow it.
    if any(m.group("year") == year for m in _COMPARISON.finditer(source, number.vend, sentence_end)):
        return "比较", plain
    own = _OWN_AFTER.match(after)
    if own:
        return "本年", year + own.group()
    # A year opening a sentence about budget figures is this year's — unless the sentence names another
    # year too (“2023年预算为 A，2024年预算安排 B，比2023年……”): then which one is this year's is not certain.
    if not source[sentence_start:number.vstart].strip() and _LONE_YEAR.match(after) \
            and _BUDGET_WORDS.search(source[number.vend:sentence_end]) \
            and not any(m.group() != year for m in _FOUR_DIGITS.finditer(source, number.vend, sentence_end)):
        return "本年", plain
    return "其他", plain


def _is_year(number: Number, view: View) -> bool:
    if len(number.text) != 4 or not number.text.isdigit() or not 1900 <= int(number.text) <= 2100:
        return False
    if number.unit in ("年", "年度"):
        return True
    left = view.text[number.vstart - 1] if number.vstart > 0 else ""
    return left in "〔[［(（【" or number.unit == "号"


def _reason(view: View, begin: int, stop: int, sentence_start: int, word_start: int) -> tuple[bool, str]:
    window = view.text[begin:stop]
    before = view.text[sentence_start:word_start]
    found = _REASON.search(window) or _REASON.search(before)
    if not found:
        return False, ""
    text = _REASON_TEXT.search(window)
    return True, (text.group("text").strip() if text else "")


def _word_start(view: View, number: Number, word: str) -> int:
    """View index of the direction word that ends the label of ``number``."""
    return view.text.rfind(word, 0, number.vstart)


class _Event:
    """A direction word at view ``start``–``end``, with its delta and rate (a rate joins a delta later)."""

    __slots__ = ("start", "end", "word", "delta", "rate", "rate_word", "sentence")

    def __init__(self, b: _Builder, start: int, word: str, delta: Number | None, rate: Number | None, rate_word: str) -> None:
        self.start = start
        self.end = start + len(word)
        self.word = word
        self.delta = delta
        self.rate = rate
        self.rate_word = rate_word
        self.sentence = b.sentence(start)


def _events(b: _Builder, numbers: tuple[Number, ...], deltas: dict[int, str], rates: list[tuple[Number, str]]) -> list[_Event]:
    """Direction words in text order; each rate joins the delta before it in its sentence, or stands alone."""
    view = b.view
    events = [_Event(b, _word_start(view, numbers[index], word), word, numbers[index], None, "") for index, word in deltas.items()]
    events += [_Event(b, m.start(), m.group(), None, None, "") for m in _FLAT.finditer(view.text)]
    events.sort(key=lambda e: e.start)
    for number, word in rates:
        sentence = b.sentence(number.vstart)
        open_deltas = [e for e in events if e.delta is not None and e.rate is None and e.start < number.vstart
                       and e.sentence == sentence]
        if open_deltas:
            open_deltas[-1].rate, open_deltas[-1].rate_word = number, word
        else:
            events.append(_Event(b, _word_start(view, number, word), word, None, number, word))
    events.sort(key=lambda e: e.start)
    return events


def _changes(b: _Builder, numbers: tuple[Number, ...], deltas: dict[int, str], rates: list[tuple[Number, str]],
             groups: list[Group]) -> list[Change]:
    """Changes with their subject, comparison year, reason and the amount they are about."""
    view = b.view
    events = _events(b, numbers, deltas, rates)
    items = b.items
    changes: list[Change] = []
    for i, event in enumerate(events):
        start, end, delta, rate = event.start, event.end, event.delta, event.rate
        subject = clean_subject(view.text[b.clause_start(start):start])
        sentence_start = b.starts[event.sentence]
        years = list(_COMPARISON.finditer(view.text, sentence_start, end + 1))
        after = max(end, delta.vunit_end if delta else end, rate.vunit_end if rate else end)
        stop = events[i + 1].start if i + 1 < len(events) else len(view.text)
        stop = min(stop, _own_reason_end(b, after, items))
        reason, reason_text = _reason(view, after, stop, sentence_start, start)
        changes.append(Change(
            subject=subject,
            word=event.word,
            word_start=view.offset(start),
            word_end=view.end_offset(end),
            direction=_direction(event.word),
            delta=delta,
            rate=rate,
            rate_word=event.rate_word,
            level=_level(b, subject or _compared_subject(b, start), start, groups),
            year=int(years[-1].group("year")) if years else None,
            reason=reason,
            reason_text=reason_text,
            sentence=event.sentence,
        ))
    return _shared_reasons(b, events, changes, groups)


def _own_reason_end(b: _Builder, after: int, items: list[int]) -> int:
    """Where a change's own reason may end: its sentence's end, or the next sentence's when that one
    opens with the reason (“……减少57.14%。主要原因是：项目调整。”); never past the next numbered item.

    Why not up to the next change: a reason after two “持平” clauses (“……持平；……持平。财政拨款收入支出
    减少的主要原因是项目调整。”) is the shared reason of the earlier changes, not the last 持平's own.
    """
    starts, text = b.starts, b.view.text
    following = bisect_right(starts, after)
    end = starts[following] if following < len(starts) else len(text)
    if end < len(text) and _REASON_OPENS.match(text, end):
        end = starts[following + 1] if following + 1 < len(starts) else len(text)
    next_item = next((at for at in items if at >= after), len(text))
    return min(end, next_item)


def _shared_reasons(b: _Builder, events: list[_Event], changes: list[Change], groups: list[Group]) -> list[Change]:
    """Changes without a reason of their own, explained elsewhere in the section (issue 15 item 4).

    * a free-standing reason sentence (“财政拨款收入支出增加的主要原因是工作量增加”, no change of its own
      before 原因) covers the changes of its direction whose subject it names, wherever they stand;
    * a total's change is explained by a part's change of the same direction that follows it after 其中
      and has its own reason (“三公经费增加 25 万元。其中：……公务用车购置费增加 25 万元，主要原因是……”);
    * a total's change is explained when every part of its breakdown states its own change, before or after
      it (“其中：基本支出……增加 20.40 万元，主要原因是……；项目支出……减少 60.00 万元，主要原因是……。与上年
      相比，……支出减少 39.60 万元。”): its change is theirs together, whatever their directions, and a part
      without a reason is reported at the part.
    """
    if all(c.reason or c.direction == 0 for c in changes):
        return changes
    text = b.view.text
    sentences: list[tuple[str, int, str]] = []  # (subject, direction, reason text)
    for found in re.finditer("原因", text):
        sentence_start = b.starts[b.sentence(found.start())]
        if any(sentence_start <= e.start < found.start() for e in events):
            continue  # a change's own reason
        head = _SHARED_REASON.fullmatch(text, sentence_start, found.end())
        if head is None:
            continue
        sentences.append((clean_subject(head.group("subject")), _direction(head.group("word") or ""),
                          _reason_words(b.view, found.start(), b.items)))
    result = []
    for index, change in enumerate(changes):
        if change.reason or change.direction == 0:
            result.append(change)
            continue
        covering = next((r for r in sentences if r[1] in (0, change.direction) and _names(r[0], change.subject)), None)
        if covering is None:
            covering = _explained_by_part(b, events, changes, index)
        if covering is None:
            covering = _explained_later_in_sentence(events, changes, index)
        if covering is None:
            covering = _explained_by_every_part(groups, changes, index)
        result.append(change._replace(reason=True, reason_text=covering[2], reason_shared=True) if covering else change)
    return result


def _reason_words(view: View, at: int, items: list[int]) -> str:
    """The words of a reason starting at ``at`` (“原因”): up to 。；, the next numbered item, or — when a
    line runs on into a list introduction (“……工作量增加\n财政拨款支出主要内容如下：”) — that line's end."""
    tail = _REASON_TEXT.match(view.text, at)
    if tail is None:
        return ""
    start, end = tail.start("text"), tail.end("text")
    end = min([end, *(i for i in items if i > start)])
    colon = min((i for i in (view.text.find("：", start, end), view.text.find(":", start, end)) if i >= 0), default=-1)
    if colon >= 0:
        end = max((k for k in view.breaks if start < k <= colon), default=colon)
    return view.text[start:end].strip(" ，,")


def _names(reason_subject: str, subject: str) -> bool:
    """Whether a reason's subject names a change's subject: either is empty or they share two words."""
    if not reason_subject or not subject or reason_subject in subject or subject in reason_subject:
        return True
    pairs = {m.group(1) for m in _SUBJECT_PAIRS.finditer(reason_subject)}
    return sum(1 for m in _SUBJECT_PAIRS.finditer(subject) if m.group(1) in pairs) >= 2


def _explained_later_in_sentence(events: list[_Event], changes: list[Change], index: int) -> tuple[str, int, str] | None:
    """One reason closing a sentence of changes of one direction covers them all: “本年支出合计增加 150.00 万元，其中
    基本支出增加 100.00 万元，项目支出增加 60.00 万元，主要原因是警务装备购置增加。”"""
    change = changes[index]
    for later in range(index + 1, len(changes)):
        if events[later].sentence != events[index].sentence:
            return None
        other = changes[later]
        if other.direction != change.direction:
            return None
        if other.reason and not other.reason_shared:
            return ("", change.direction, other.reason_text)
    return None


def _explained_by_part(b: _Builder, events: list[_Event], changes: list[Change], index: int) -> tuple[str, int, str] | None:
    total = changes[index]
    if total.delta is None:
        return None
    text = b.view.text
    for later, part in enumerate(changes[index + 1:], index + 1):
        if part.direction != total.direction or not part.reason or part.reason_shared or part.delta is None:
            continue
        between = text[events[index].end:events[later].start]
        if "其中" in between and abs(part.delta.wan[0]) <= abs(total.delta.wan[0]):
            return ("", total.direction, part.reason_text)
    return None


def _explained_by_every_part(groups: list[Group], changes: list[Change], index: int) -> tuple[str, int, str] | None:
    """The total of a breakdown (two or more parts) each of whose parts states its own change.

    The total's change is then the parts' changes together: it is explained by their reasons. A part
    that changed without a reason is reported at the part (BL321), so the total adds no second finding
    for the same missing reason (issue 15 item 4: one missing reason is one finding).
    """
    total = changes[index]
    group = next((g for g in groups if g.head == total.level and len(g.items) >= 2), None) if total.level is not None else None
    if group is None:
        return None
    reasons = []
    for item in group.items:
        own = [c for c in changes if c.level == item and c is not total]
        if not own:
            return None
        reasons += [c.reason_text for c in own if c.reason and c.reason_text]
    if all(c.direction == 0 for c in changes if c.level in group.items):
        return None  # parts all 持平 under a changed total: a contradiction for BL712, not an explanation
    return ("", total.direction, "；".join(dict.fromkeys(reasons)))


def _level(b: _Builder, subject: str, index: int, groups: list[Group]) -> int | None:
    """The amount a change is about: the nearest earlier amount whose label contains the subject.

    A prior-year figure is never the level (“比2023年预算执行数60.13万元减少34.36万元”: X is this year's).
    Without such a label the figure right before the change is taken, except where that figure details a
    total: a change opening a new sentence after “支出總計 512.36 萬元，其中：……年末結轉和結余 2.50 萬元。”
    is about the total when its subject names it (“收入支出總體與上年相比，增加 62.36 萬元”), and about no
    figure when it names nothing (a bare “比上年增加” may mean the total or its last part); a figure inside
    a “含……；” enumeration gives way to the total the enumeration details.
    """
    plain = _SPACES.sub("", subject)
    named = plain not in _GENERIC_SUBJECT
    if named:
        for i in range(len(b.amounts) - 1, -1, -1):
            if b.amount_numbers[i] < index and b.amounts[i].role not in PRIOR_ROLES \
                    and plain in _SPACES_AND_QUOTES.sub("", b.amounts[i].label):
                return i
    for i in range(len(b.amounts) - 1, -1, -1):
        if b.amount_numbers[i] < index and b.amounts[i].role not in PRIOR_ROLES:
            if b.amounts[i].sentence != b.sentence(index):
                head = next((g.head for g in groups if i in g.items and g.opener == "其中"
                             and b.amounts[g.head].sentence == b.amounts[i].sentence), None)
                if head is None:
                    return i
                # the total only when the change names it (“收入支出總體”, “收入、支出预算总额均” against
                # “支出總計”, “支出预算总额”); a bare “比上年增加” after a list is about the total or its last
                # part: not certain
                return head if named and _shares_words(plain, b.amounts[head].label) else None
            return _enumeration_head(b, i, index)
    return None


def _shares_words(subject: str, label: str) -> bool:
    """Whether a subject and a label share two adjacent-character pairs (“支出”, “总计”)."""
    pairs = {m.group(1) for m in _SUBJECT_PAIRS.finditer(_SPACES_AND_QUOTES.sub("", label))}
    return sum(1 for m in _SUBJECT_PAIRS.finditer(subject) if m.group(1) in pairs) >= 2


_COMPARED_CLAUSE = re.compile(r"相比|比较|同比|对比")


def _compared_subject(b: _Builder, index: int) -> str:
    """The subject a change with none of its own takes from the clause just before it in its sentence, when
    that clause only says what is compared (“收入支出總體與上年相比，增加 62.36 萬元”)."""
    clause = b.clause_start(index)
    if clause == 0 or clause <= b.starts[b.sentence(index)]:
        return ""
    previous = b.clause_start(clause - 1)
    text = b.view.text[previous:clause - 1]
    if not _COMPARED_CLAUSE.search(text) or any(previous <= at < clause for at in b.amount_numbers):
        return ""
    return clean_subject(text)


# “收支总预算 3,842.50 万元，含……经费 210 万元，……经费 486.25 万元；比 2012 年预算增加……”: a clause opening
# with 含 lists what the figure before it includes.
_INCLUDES = re.compile(r"[，,（(]\s*(?:其中)?(?:包含|含)")


def _enumeration_head(b: _Builder, nearest: int, index: int) -> int | None:
    """``nearest``, unless it stands in a “含……” enumeration of its sentence: then the figure the enumeration
    details when a “；” or a closing bracket ends the enumeration before the change, else None (which figure
    the change is about is not certain)."""
    text = b.view.text
    sentence_start = b.starts[b.sentence(index)]
    opened = None
    for found in _INCLUDES.finditer(text, sentence_start, b.amount_numbers[nearest]):
        opened = found
    if opened is None or _closes(text, opened.end(), b.amount_numbers[nearest]):
        return nearest  # no enumeration, or one closed before this figure (“收入 A（含结转 B），支出 C，比上年……”)
    heads = [i for i in range(nearest) if sentence_start <= b.amount_numbers[i] < opened.start()
             and b.amounts[i].role not in PRIOR_ROLES]
    return heads[-1] if heads and _closes(text, b.amount_numbers[nearest], index) else None


def _closes(text: str, start: int, end: int) -> bool:
    """Whether a “；” or a closing bracket stands between ``start`` and ``end``: an enumeration ends there."""
    return any(mark in text[start:end] for mark in ("；", ";", "）", ")"))


def _section_total(b: _Builder) -> int:
    """The amount a breakdown with no total of its own belongs to: the section's first amount — or, where
    the section opens with "年初预算为 X，支出决算为 Y" (a 决算 explanation), the 决算 figure Y."""
    if len(b.amounts) > 1 and "预算" in b.amounts[0].label and "决算" in b.amounts[1].label \
            and b.sentence(b.amount_numbers[0]) == b.sentence(b.amount_numbers[1]):
        return 1
    return 0


def _groups(b: _Builder) -> list[Group]:
    """Breakdowns, from openers (其中 / 主要用于以下方面 …) and the amounts that follow them."""
    if len(b.amounts) < 2:
        return []  # a breakdown is a head and at least one other amount
    text = b.view.text
    openers = [(m.start(), m.group()) for m in _OPENER.finditer(text)]
    # 0 opener, 1 amount, 2 sentence end, 3 closing bracket of “（其中：……）”, 4 heading line
    events: list[tuple[int, int, str]] = [(p, 0, w) for p, w in openers]
    events += [(b.amount_numbers[i], 1, str(i)) for i in range(len(b.amounts))]
    events += [(s - 1, 2, "") for s in b.starts[1:]]
    # “（其中：……）” ends at its closing bracket: “公务用车购置及运行费 8.00 万元（其中：……）；公务接待费
    # 10.00 万元” — the figure after the bracket is not a part of the list (issue 15 item 5).
    events += [(close, 3, "") for p, w in openers if w == "其中" and (close := _bracket_close(text, p)) is not None]
    # a heading line (“（三）……具体情况”) ends every breakdown before it
    events += [(end - 1, 4, "") for end in b.titles]
    events.sort(key=lambda e: (e[0], e[1]))
    stack: list[tuple[int, list[int], str, int]] = []
    done: list[tuple[int, list[int], str, int]] = []
    for position, kind, value in events:
        if kind == 0:
            head = b.amount_before(position, same_sentence=True)
            if head is None and value == "其中":
                head = b.amount_before(position, same_sentence=False)
            if head is None and b.amounts and b.amount_numbers[0] < position:
                head = _section_total(b)
            if head is None:
                continue
            if value != "其中":
                done.extend(stack)
                stack = []
            stack.append((head, [], value, position))
        elif kind == 1 and stack and int(value) != stack[-1][0]:
            # a 年初预算 or prior-year figure is never a part of this period's total (nor the reverse)
            if can_be_part(b.amounts[int(value)].role, b.amounts[stack[-1][0]].role):
                stack[-1][1].append(int(value))
        elif kind == 2:
            while stack and stack[-1][2] == "其中":
                done.append(stack.pop())
        elif kind == 3 and stack and stack[-1][2] == "其中":  # a bracketed list closes alone
            done.append(stack.pop())
        elif kind == 4:
            done.extend(stack)
            stack = []
    done.extend(stack)
    return [Group(head, tuple(items), opener, b.view.offset(at)) for head, items, opener, at in done if items]


def _bracket_close(text: str, opener: int) -> int | None:
    """The closing bracket of “（其中：……）” when 其中 directly follows an opening bracket, else None."""
    before = text[max(0, opener - 1):opener]
    if before not in ("（", "("):
        return None
    depth = 0
    for index in range(opener, min(len(text), opener + 400)):
        character = text[index]
        if character in "（(":
            depth += 1
        elif character in "）)":
            if depth == 0:
                return index
            depth -= 1
        elif character in "。":
            return None
    return None


@lru_cache(maxsize=512)
def extract(text: str) -> Claims:
    """All claims of one text block (pure; cached because every narrative rule reads the same texts)."""
    view, numbers = tokenize(text)
    b = _Builder(view)
    deltas: dict[int, str] = {}
    rates: list[tuple[Number, str]] = []
    share_numbers: list[tuple[Number, str]] = []
    counts: list[Count] = []
    years: list[Year] = []
    others: list[Number] = []
    previous: Number | None = None
    for index, number in enumerate(numbers):
        if _is_year(number, view):
            kind, phrase = _year_kind(view, number)
            years.append(Year(int(number.text), number, kind, phrase))
            continue  # years do not cut labels: “与 2022 年相比增加”
        if number.vstart > 0 and view.text[number.vstart - 1] in "（(" and _CODE_MARK.match(view.text, number.vend):
            continue  # “司法（06款）”, “行政运行（01项）”: a 科目 code inside the label, not a figure or a count
        if not (number.is_amount or number.unit == "%" or number.unit in COUNT_UNITS):
            previous = number  # a number without a unit cuts the next label, and is read no further
            continue
        label = view.text[_label_start(b, number, previous):number.vstart].strip()
        previous = number
        if number.is_amount:
            change = _CHANGE_AT_END.search(label)
            if change:
                deltas[index] = change.group(1)
            else:
                clause = b.clause_start(number.vstart)
                year_here = next((y.year for y in reversed(years) if y.number.vstart >= clause), None)
                sentence = b.sentence(number.vstart)
                role = amount_role(label)
                if role and _BARE_LABEL.match(label) and b.amounts and b.amounts[-1].sentence == sentence:
                    # “三公经费年初预算为 2.85 万元，支出决算为 0.39 万元”: the second figure's subject is the first's
                    label = _ROLE_TAIL.sub("", b.amounts[-1].label) + label
                b.amounts.append(StatedAmount(label, number, sentence, role, year_here))
                b.amount_numbers.append(number.vstart)
        elif number.unit == "%":
            change = _CHANGE_AT_END.search(label)
            share = _SHARE.search(label) if "占" in label else None
            if share:
                share_numbers.append((number, share.group("base").strip()))
            elif change:
                rates.append((number, change.group(1)))
            else:
                others.append(number)
        elif number.unit in COUNT_UNITS:
            counts.append(Count(label, number))
    groups = _groups(b)
    _at_list_precision(b.amounts, groups)
    shares = [_share(b, groups, number, base_label) for number, base_label in share_numbers]
    changes = _changes(b, numbers, deltas, rates, groups)
    absences = [Absence(m.group(), view.offset(m.start()), view.end_offset(m.end())) for m in _ABSENCE.finditer(view.text)]
    return Claims(text, view, numbers, tuple(b.amounts), tuple(shares), tuple(changes), tuple(counts), tuple(years),
                  tuple(absences), tuple(groups), tuple(others), tuple(b.items))


def _at_list_precision(amounts: list[StatedAmount], groups: list[Group]) -> None:
    """An integer amount in a breakdown (its head and items) whose amounts of the same unit print
    decimals takes their precision, as within a sentence (numbers._judged): “主要用于以下方面：…
    87.72 万元。卫生健康支出 5 万元。…” prints 5 for 5.00. Replaces those amounts in ``amounts``."""
    for group in groups:
        members = (group.head, *group.items)
        given: dict[str, int] = {}  # unit → coarsest decimals printed in the list
        for i in members:
            number = amounts[i].number
            if "." in number.text:
                decimals = len(number.text.partition(".")[2])
                given[number.unit] = min(decimals, given.get(number.unit, decimals))
        for i in members:
            number = amounts[i].number
            context = given.get(number.unit)
            if context and "." not in number.text and not number.printed.exact:
                judged = number.wan[1] + context
                if judged > number.printed.decimals:
                    printed = Printed(number.printed.value, judged)
                    amounts[i] = amounts[i]._replace(number=number._replace(printed=printed))


def _share(b: _Builder, groups: list[Group], number: Number, base_label: str) -> Share:
    amount = b.amount_before(number.vstart, same_sentence=True)
    group_index = next((i for i, g in enumerate(groups) if amount is not None and amount in g.items), None)
    base = groups[group_index].head if group_index is not None else None
    if base_label:
        plain = _SPACES.sub("", base_label)
        named = [i for i, a in enumerate(b.amounts) if i != amount and plain and plain in _SPACES.sub("", a.label)]
        base = named[-1] if named else None
    return Share(number, amount, base, group_index, base_label)

