"""Numbers in a narrative text block, with their exact place in the text.

Why a "view": PDF transcriptions break lines anywhere, inside words (“收入总\\n计”) and inside numbers
(“204\\n.58%”, “22.3\\n1%”, “10\\n0 万元”). Claims are read from a view of the text in which every line
break (and the indentation around it) is removed and full-width digits are made ASCII, one character
for one character, so each view position maps back to one offset of the original text.

A number that crosses a removed line break is *re-joined*. The join is *ambiguous* (rules cap what
they say about it at info level, catalogue D15) when it yields a malformed number (“1.30\\n2.50”) —
then it is cut at the break — or more than two decimals (“112.08\\n5”).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from budgetlint.arith import YUAN_PER_WAN, Printed
from budgetlint.rules.narrative.traditional import to_simplified

_WIDTH_CHARACTERS = {**{chr(0xFF10 + i): str(i) for i in range(10)}, "．": ".", "％": "%", "－": "-", "−": "-", "\u3000": " "}
_FULL_WIDTH = str.maketrans(_WIDTH_CHARACTERS)
_BREAK_SPACE = " \t\u3000"
# The leading lookahead changes nothing a match can be (a number starts with “-” or a digit), but it
# lets the regex engine skip to the candidate characters instead of trying the lookbehind and the
# optional sign at every position of the text: three times faster over a narrative.
_NUMBER = re.compile(r"(?=[-\d])(?<![0-9.])(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?")
_NUMBER_AT = re.compile(r"(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?")
# “1720.00万，其中……”: a bare 万 is 万元 only right before a delimiter (“10万居民” is a count of people)
_UNIT = re.compile(r"\s*(亿元|万元|元|万(?=\s*(?:[，。；、,;:：（()）]|$))|%|个|辆|套|项|家|人|名|台|年度|年|月|日|次|号)")
# “单价 100 万元（含）以上”: the bracketed 含 belongs to the threshold
_QUALIFIER = re.compile(r"\s*(?:[（(]\s*[含不]\s*[含]?\s*[)）])?\s*(及以上|以上|以下|以内|左右)")

AMOUNT_UNITS = frozenset({"亿元", "万元", "元", "万"})
COUNT_UNITS = frozenset({"个", "辆", "套", "项", "家", "人", "名", "台"})
# (factor to 万元, decimals gained); 1 亿元 = 10000 万元 as 1 万元 = 10000 元
_TO_WAN = {"万元": (Decimal(1), 0), "万": (Decimal(1), 0), "元": (1 / YUAN_PER_WAN, 4), "亿元": (YUAN_PER_WAN, -4)}
_NOT_SCALED = (Decimal(1), 0)


# View and Number are NamedTuples rather than frozen dataclasses: as immutable, several times cheaper
# to define (start-up) and to create (a hundred Numbers per disclosure). Nothing copies them with
# dataclasses functions, mutates them or compares them with anything but their own kind.
class View(NamedTuple):
    """The text without line breaks, full-width characters normalised, and where each character was.

    The view is the original text's kept *segments* (the text between removed breaks) joined:
    segment ``k`` starts at view index ``starts[k]`` and at original offset ``origins[k]``, so view
    index ``i`` of segment ``k`` was at ``origins[k] + i - starts[k]``. Why segments and not one
    offset per character: building (and allocating) an offset for every character cost more than
    the few dozen lookups a text gets.
    """

    text: str
    starts: tuple[int, ...]  # ascending; empty only for an empty view
    origins: tuple[int, ...]
    breaks: frozenset[int]  # view indexes that directly follow a removed line break

    def _original(self, index: int) -> int:
        """Original offset of the character at view index ``index`` (indexed like a sequence)."""
        if index < 0:
            index += len(self.text)
        if not 0 <= index < len(self.text):
            raise IndexError("view index out of range")
        segment = bisect_right(self.starts, index) - 1
        return self.origins[segment] + index - self.starts[segment]

    def offset(self, index: int) -> int:
        """Original offset of view index ``index`` (one past the end maps past the last character)."""
        if index >= len(self.text):
            return (self._original(len(self.text) - 1) + 1) if self.text else 0
        return self._original(index)

    def end_offset(self, index: int) -> int:
        """Original end offset (exclusive) of a view range ending at ``index`` (exclusive)."""
        return self._original(index - 1) + 1 if index > 0 else 0


class Number(NamedTuple):
    """One number as printed. ``start``/``end`` cover its digits in the original text (no unit).

    Made only by :func:`tokenize`.
    """

    text: str  # canonical: ASCII digits, no separators, sign kept (“204.58”, “-5”)
    value: Decimal
    start: int
    end: int
    unit: str  # “万元”, “%”, “个”, “年” … or “”
    unit_end: int  # original offset just after the unit (== end without a unit)
    vstart: int  # view indexes of the digits
    vend: int
    vunit_end: int
    rejoined: bool
    ambiguous: bool
    qualifier: str  # “以上”/“以下” after the unit: a threshold, not a figure
    # Value in 万元 and its printed precision there (元 → four more decimals, 亿元 → four fewer):
    # computed once by tokenize (:func:`_in_wan`), as most narrative rules read it for every number.
    # It follows from ``text`` and ``unit``, so comparing it too changes no comparison.
    wan: tuple[Decimal, int]
    # How rules judge it (value and precision in 万元, exact or rounded), under the rounding policy:
    # an amount in 元 is exact; an integer amount printed in a sentence with amounts of the same unit
    # printed with decimals takes their precision (:func:`_judged`), and so does one in a breakdown
    # (claims._at_list_precision). Follows from the text, as ``wan``.
    printed: Printed

    @property
    def is_amount(self) -> bool:
        return self.unit in AMOUNT_UNITS and not self.qualifier

    def show(self) -> str:
        """As printed, with its unit: “293.68 万元”, “36.46%”."""
        if self.unit == "%":
            return f"{self.text}%"
        return f"{self.text} {self.unit}".rstrip()


# A line break with the spaces around it (several in a row are one run): dropped from the view.
# The lookahead only lets the regex engine skip to spaces and breaks (as for _NUMBER).
_SENTENCE_END = re.compile("[。！？!?]")
_START = re.Match.start
_new = tuple.__new__
_BREAK_RUN = re.compile(f"(?=[{_BREAK_SPACE}\n])(?:[{_BREAK_SPACE}]*\n[{_BREAK_SPACE}]*)+")
# The same runs found from their first break: a pattern opening with a literal, which the regex engine
# skips to (_BREAK_RUN's lookahead lets it skip nothing); make_view adds the spaces before the break.
_BREAK_FROM = re.compile(f"\n[{_BREAK_SPACE}\n]*")
_NEEDS_WIDTH_NORMALISING = re.compile("[\uff10-\uff19．％－−\u3000]")


def make_view(text: str) -> View:
    """Remove line breaks and the spaces around them; normalise full-width digits one-for-one.

    Works on runs (a regular expression finds the breaks): a loop over every character cost more
    than the rest of the narrative extraction.
    """
    parts: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    breaks: set[int] = set()
    kept = 0  # length of the view so far
    last = 0  # original offset after the last dropped run
    for run in _BREAK_FROM.finditer(text):
        # the run _BREAK_RUN matches there: from the spaces before this break (after the last run) on
        start, end = run.span()
        while start > last and text[start - 1] in _BREAK_SPACE:
            start -= 1
        if start > last:
            if kept:  # a dropped run lies between the previous segment and this one: a break
                breaks.add(kept)
            parts.append(text[last:start])
            starts.append(kept)
            origins.append(last)
            kept += start - last
        last = end
    if last < len(text):
        if kept:
            breaks.add(kept)
        parts.append(text[last:])
        starts.append(kept)
        origins.append(last)
    joined = "".join(parts)
    if _NEEDS_WIDTH_NORMALISING.search(joined):
        # One str.replace per character present: str.translate with a mapping looks up every
        # character of the text in a dict, which costs more than the rest of make_view. Each
        # replacement is one ASCII character for one, so the offsets do not move.
        for character in set(_NEEDS_WIDTH_NORMALISING.findall(joined)):
            joined = joined.replace(character, _WIDTH_CHARACTERS[character])
    # 萬元, 預算, 財政撥款 read like 万元, 预算, 财政拨款 (one character for one: offsets stay)
    joined = to_simplified(joined)
    return View(joined, tuple(starts), tuple(origins), frozenset(breaks))


def _crosses(view: View, start: int, end: int) -> int | None:
    """The first break strictly inside [start, end), if any."""
    for index in range(start + 1, end):
        if index in view.breaks:
            return index
    return None


def _scan(view: View) -> list[tuple[int, int, bool, bool]]:
    """(start, end, rejoined, ambiguous) view ranges of the numbers."""
    found: list[tuple[int, int, bool, bool]] = []
    position = 0
    text = view.text
    resume_cut = False  # the previous number was cut at a break: the rest is a number of its own
    while True:
        match = _NUMBER_AT.match(text, position) if resume_cut else _NUMBER.search(text, position)
        if match is None:
            return found
        start, end = match.span()
        cut = _crosses(view, start, end)
        ambiguous = resume_cut
        resume_cut = False
        if cut is not None:
            malformed = end + 1 < len(text) and text[end] == "." and text[end + 1].isdigit()
            if malformed:
                end, ambiguous, resume_cut = cut, True, True
            elif len(match.group(3) or "") > 2:
                ambiguous = True
        found.append((start, end, cut is not None and end > cut, ambiguous))
        position = end


def _canonical(raw: str) -> str:
    return raw.replace(",", "")


def _in_wan(value: Decimal, decimals: int, unit: str) -> tuple[Decimal, int]:
    """``Number.wan``: the value in 万元 and its printed precision there (other units: unchanged)."""
    factor, shift = _TO_WAN.get(unit, _NOT_SCALED)
    return value * factor, decimals + shift


def _judged(numbers: list[Number], view: View) -> list[Number]:
    """``Number.printed`` for every number: exact in 元, and an integer amount beside amounts of its unit
    printed with decimals in the same sentence at their (coarsest) precision.

    Why: “因公出国（境）费 0 万元……公务用车购置费 25 万元；公务用车运行费 21.56 万元” prints 25 for 25.00;
    judged at ±0.5 万元 it let a real 0.50 gap pass as a rounding tail. An integer in a sentence of integers
    keeps ±0.5 of its unit: nothing in the document says it is finer.
    """
    given: dict[tuple[int, str], int] = {}  # (sentence, unit) → coarsest decimals printed there
    with_decimals = [number for number in numbers if number.is_amount and "." in number.text]
    if with_decimals:  # the sentence ends only matter then (a long text of integers, or none, skips the scan)
        ends = list(map(_START, _SENTENCE_END.finditer(view.text)))
        for number in with_decimals:
            where = (bisect_right(ends, number.vstart), number.unit)
            decimals = len(number.text.partition(".")[2])
            given[where] = min(decimals, given.get(where, decimals))
    judged = []
    for number in numbers:
        value, decimals = number.wan
        if number.unit == "元":
            number = number._replace(printed=Printed(value, decimals, True))
        elif given and number.is_amount and "." not in number.text:
            context = given.get((bisect_right(ends, number.vstart), number.unit))
            if context:
                number = number._replace(printed=Printed(value, decimals + context))
        judged.append(number)
    return judged


@lru_cache(maxsize=512)
def tokenize(text: str) -> tuple[View, tuple[Number, ...]]:
    """Every number of ``text`` with its unit; pure, so cached per text block (many rules read one text)."""
    view = make_view(text)
    source = view.text
    numbers: list[Number] = []
    # View.offset/end_offset inlined (three per number): a number's digits and unit lie inside the view
    # and are not empty, so the bounds tests never apply, and view index 0 is in the first segment
    segment_starts, origins = view.starts, view.origins
    for start, end, rejoined, ambiguous in _scan(view):
        raw = source[start:end]
        canonical = _canonical(raw)
        try:
            value = Decimal(canonical)
        except ArithmeticError:  # pragma: no cover - the regex admits only valid literals
            continue
        unit_match = _UNIT.match(source, end)
        unit = unit_match.group(1) if unit_match else ""
        unit_vend = unit_match.end() if unit_match else end
        qualifier_match = _QUALIFIER.match(source, unit_vend) if unit in AMOUNT_UNITS else None
        # places(value), read from the text: a Decimal made from “1.30” has exactly its two decimals
        wan = _in_wan(value, len(canonical.partition(".")[2]), unit)
        # Number's fields in order, without NamedTuple.__new__'s keyword handling (a hundred per document)
        numbers.append(_new(Number, (
            canonical,  # text
            value,
            origins[k := bisect_right(segment_starts, start) - 1] + start - segment_starts[k],  # start: view.offset(start)
            origins[k := bisect_right(segment_starts, end - 1) - 1] + end - segment_starts[k],  # end: view.end_offset(end)
            unit,
            # unit_end: view.end_offset(unit_vend)
            origins[k := bisect_right(segment_starts, unit_vend - 1) - 1] + unit_vend - segment_starts[k],
            start,  # vstart
            end,  # vend
            unit_vend,  # vunit_end
            rejoined,
            ambiguous,
            qualifier_match.group(1) if qualifier_match else "",  # qualifier
            wan,
            Printed(*wan),  # printed: replaced by _judged, which needs the whole text
        )))
    return view, tuple(_judged(numbers, view))


def normalise_digits(source: str) -> str:
    """What a number's source slice means: breaks, spaces and separators removed, ASCII digits."""
    return "".join(ch for ch in source.translate(_FULL_WIDTH) if ch not in "\n ,\t")
