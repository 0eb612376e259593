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
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from budgetlint.arith import places

_FULL_WIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "．": ".", "％": "%", "－": "-", "−": "-", "\u3000": " "})
_BREAK_SPACE = " \t\u3000"
_NUMBER = re.compile(r"(?<![0-9.])(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?")
_NUMBER_AT = re.compile(r"(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?")
_UNIT = re.compile(r"\s*(亿元|万元|元|%|个|辆|套|项|家|人|名|台|年度|年|月|日|次|号)")
_QUALIFIER = re.compile(r"\s*(及以上|以上|以下|以内|左右)")

AMOUNT_UNITS = frozenset({"亿元", "万元", "元"})
COUNT_UNITS = frozenset({"个", "辆", "套", "项", "家", "人", "名", "台"})
_TO_WAN = {"万元": (Decimal(1), 0), "元": (Decimal("0.0001"), 4), "亿元": (Decimal(10000), -4)}


@dataclass(frozen=True, slots=True)
class View:
    """The text without line breaks, full-width characters normalised; ``pos[i]`` = original offset."""

    text: str
    pos: tuple[int, ...]
    breaks: frozenset[int]  # view indexes that directly follow a removed line break

    def offset(self, index: int) -> int:
        """Original offset of view index ``index`` (one past the end maps past the last character)."""
        if index >= len(self.pos):
            return (self.pos[-1] + 1) if self.pos else 0
        return self.pos[index]

    def end_offset(self, index: int) -> int:
        """Original end offset (exclusive) of a view range ending at ``index`` (exclusive)."""
        return self.pos[index - 1] + 1 if index > 0 else 0


@dataclass(frozen=True, slots=True)
class Number:
    """One number as printed. ``start``/``end`` cover its digits in the original text (no unit)."""

    text: str  # canonical: ASCII digits, no separators, sign kept (“204.58”, “-5”)
    value: Decimal
    start: int
    end: int
    unit: str  # “万元”, “%”, “个”, “年” … or “”
    unit_end: int  # original offset just after the unit (== end without a unit)
    vstart: int  # view indexes of the digits
    vend: int
    vunit_end: int
    rejoined: bool = False
    ambiguous: bool = False
    qualifier: str = ""  # “以上”/“以下” after the unit: a threshold, not a figure
    # Value in 万元 and its printed precision there (元 → four more decimals, 亿元 → four fewer):
    # computed once here, as most narrative rules read it for every number.
    wan: tuple[Decimal, int] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        factor, shift = _TO_WAN.get(self.unit, (Decimal(1), 0))
        object.__setattr__(self, "wan", (self.value * factor, places(self.value) + shift))

    @property
    def is_amount(self) -> bool:
        return self.unit in AMOUNT_UNITS and not self.qualifier

    def show(self) -> str:
        """As printed, with its unit: “293.68 万元”, “36.46%”."""
        if self.unit == "%":
            return f"{self.text}%"
        return f"{self.text} {self.unit}".rstrip()


# A line break with the spaces around it (several in a row are one run): dropped from the view.
_BREAK_RUN = re.compile(f"(?:[{_BREAK_SPACE}]*\n[{_BREAK_SPACE}]*)+")
_NEEDS_WIDTH_NORMALISING = re.compile("[\uff10-\uff19．％－−\u3000]")


def make_view(text: str) -> View:
    """Remove line breaks and the spaces around them; normalise full-width digits one-for-one.

    Works on runs (a regular expression finds the breaks, ``range`` makes the offsets): a loop over
    every character cost more than the rest of the narrative extraction.
    """
    parts: list[str] = []
    pos: list[int] = []
    breaks: set[int] = set()
    kept = 0
    last = 0
    for run in _BREAK_RUN.finditer(text):
        start, end = run.span()
        if start > last:
            if kept and pos[-1] < last - 1:  # a dropped run before this segment: a break in the view
                breaks.add(kept)
            parts.append(text[last:start])
            pos.extend(range(last, start))
            kept += start - last
        last = end
    if last < len(text):
        if kept and pos[-1] < last - 1:
            breaks.add(kept)
        parts.append(text[last:])
        pos.extend(range(last, len(text)))
    joined = "".join(parts)
    if _NEEDS_WIDTH_NORMALISING.search(joined):
        joined = joined.translate(_FULL_WIDTH)
    return View(joined, tuple(pos), frozenset(breaks))


def _make_view_by_character(text: str) -> View:
    """The reference implementation of :func:`make_view` (tests compare the two)."""
    dropped = bytearray(len(text))
    for i, ch in enumerate(text):
        if ch != "\n":
            continue
        dropped[i] = 1
        j = i - 1
        while j >= 0 and text[j] in _BREAK_SPACE:
            dropped[j] = 1
            j -= 1
        j = i + 1
        while j < len(text) and text[j] in _BREAK_SPACE:
            dropped[j] = 1
            j += 1
    chars: list[str] = []
    pos: list[int] = []
    breaks: set[int] = set()
    pending_break = False
    for i, ch in enumerate(text):
        if dropped[i]:
            pending_break = pending_break or ch == "\n"
            continue
        if pending_break and chars:
            breaks.add(len(chars))
        pending_break = False
        chars.append(ch)
        pos.append(i)
    return View("".join(chars).translate(_FULL_WIDTH), tuple(pos), frozenset(breaks))


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


@lru_cache(maxsize=512)
def tokenize(text: str) -> tuple[View, tuple[Number, ...]]:
    """Every number of ``text`` with its unit; pure, so cached per text block (many rules read one text)."""
    view = make_view(text)
    numbers: list[Number] = []
    for start, end, rejoined, ambiguous in _scan(view):
        raw = view.text[start:end]
        canonical = _canonical(raw)
        try:
            value = Decimal(canonical)
        except ArithmeticError:  # pragma: no cover - the regex admits only valid literals
            continue
        unit_match = _UNIT.match(view.text, end)
        unit = unit_match.group(1) if unit_match else ""
        unit_vend = unit_match.end() if unit_match else end
        qualifier_match = _QUALIFIER.match(view.text, unit_vend) if unit in AMOUNT_UNITS else None
        numbers.append(Number(
            text=canonical,
            value=value,
            start=view.offset(start),
            end=view.end_offset(end),
            unit=unit,
            unit_end=view.end_offset(unit_vend),
            vstart=start,
            vend=end,
            vunit_end=unit_vend,
            rejoined=rejoined,
            ambiguous=ambiguous,
            qualifier=qualifier_match.group(1) if qualifier_match else "",
        ))
    return view, tuple(numbers)


def normalise_digits(source: str) -> str:
    """What a number's source slice means: breaks, spaces and separators removed, ASCII digits."""
    return "".join(ch for ch in source.translate(_FULL_WIDTH) if ch not in "\n ,\t")
