"""Which narrative changes last year's file can check (BL802, repository mode), shared with the coverage.

“比2024年预算增加 3,355.65 万元” prints no prior figure and a 预算 file has no prior-year cell: in one file the
change cannot be checked. With last year's file in the repository (docs/repository.md) BL802 recomputes last
year's figure (this year's − the change) and compares it with that file's cell. The coverage must count such a
change as checked exactly when BL802 compares it, and otherwise say that last year's file is needed (issue 15
item 6) — so both read the same decisions from here.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from budgetlint.arith import compare_equal
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import ChangeView
from budgetlint.rules.narrative.claims import StatedAmount
from budgetlint.rules.narrative.sections import CellRef, cell, first_cell
from budgetlint.rules.narrative.vocabulary import CellPath
from budgetlint.rules.crossfile.repository import Loaded, related

_FINAL_BASIS = re.compile(r"决算|执行数|执行")
_COMPARED_YEAR = re.compile(r"(?:与|同|比|较)\s*((?:19|20)\d{2})\s*年")
_LAST_YEAR = re.compile(r"上年(?!结转|结余)|去年|上一年|同比")


def sentence_at(text: str, at: int) -> str:
    """The sentence (between 。) of ``text`` holding offset ``at``."""
    start = text.rfind("。", 0, at) + 1
    end = text.find("。", at)
    return text[start:end if end >= 0 else len(text)]


def against_last_year(doc: Disclosure, year: int | None, sentence: str) -> bool:
    """Whether the change compares with last year: its own year, else the years the sentence compares
    with, else a word for last year (上年结转 is a kind of money, not a comparison). A change whose base
    cannot be told (“支出增加 X” alone) is not checked."""
    if year is not None:
        return year == doc.year - 1
    years = {int(y) for y in _COMPARED_YEAR.findall(sentence)}
    if years:
        return years == {doc.year - 1}
    return _LAST_YEAR.search(sentence) is not None


def basis(sentence: str) -> str:
    """Which of last year's files the sentence compares with: 决算 (“与上年决算（执行数）相比”) or 预算."""
    return "决算" if _FINAL_BASIS.search(sentence) else "预算"


def prior_cell(doc: Disclosure, other: Loaded, paths: tuple[CellPath, ...], level: StatedAmount | None) -> CellRef | None:
    """Last year's cell of the figure the sentence is about: the vocabulary lists alternative cells, so
    only those that hold this year's figure (X) count, and they must agree in last year's file (else the
    rule cannot know which one the text meant, and says nothing)."""
    if level is None:  # 持平 without an amount: the first cell, as the narrative rules read it
        return first_cell(other.doc, paths)
    stated = level.printed
    found: list[CellRef] = []
    for path in paths:
        mine, theirs = cell(doc, path), cell(other.doc, path)
        if mine is not None and theirs is not None and compare_equal(stated, mine.printed).exact:
            found.append(theirs)
    if not found or any(f.amount.value != found[0].amount.value for f in found[1:]):
        return None
    return found[0]


class PriorReading(NamedTuple):
    """What last year's file says about a change: the file's kind wanted, the file (None: not in the
    repository) and the cell compared with (None: no cell of that figure in it)."""

    kind: str
    other: Loaded | None
    cell: CellRef | None


def prior_reading(doc: Disclosure, view: ChangeView, text: str) -> PriorReading | None:
    """The change compared with last year's file, as BL802 reads it; None when BL802 never reads this change
    (a 决算, no vocabulary entry, or a base year that is not last year)."""
    if doc.kind != "预算" or view.entry is None:
        return None
    sentence = sentence_at(text, view.change.word_start)
    if not against_last_year(doc, view.change.year, sentence):
        return None
    kind = basis(sentence)
    other = related(doc, year=doc.year - 1, kind=kind)
    if other is None:
        return PriorReading(kind, None, None)
    return PriorReading(kind, other, prior_cell(doc, other, view.entry.cells, view.level))
