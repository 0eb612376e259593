"""Narrative sections of a disclosure with their topic, claims, and the table cells claims match.

This is where extraction (text only) meets the document: the section topic picks the vocabulary,
the vocabulary names cells, and the cells come from the model. A claim that matches nothing, or
whose cell's table is not published, is *unmatched* and no rule says anything about it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from budgetlint.arith import Printed
from budgetlint.finding import TextPointer
from budgetlint.model import Amount as Cell
from budgetlint.model import Disclosure, Section, Table
from budgetlint.rules.narrative.claims import Claims, Count, StatedAmount, extract
from budgetlint.rules.narrative.numbers import Number
from budgetlint.rules.narrative.traditional import to_simplified
from budgetlint.rules.narrative.vocabulary import CellPath, Entry, Vocabulary, vocabulary

NARRATIVE_PARTS = ("概况", "情况说明")


@dataclass(frozen=True, slots=True)
class CellRef:
    """A table cell as a rule names it: the amount and “预算01表（收支总表）收入总计”."""

    amount: Cell
    table: Table = field(compare=False)
    path: tuple[str, ...] = ()  # inside the table

    @property
    def label(self) -> str:
        """Built only for a message: most matched cells agree with the text."""
        return self.table.cell_label(*self.path)

    @property
    def printed(self) -> Printed:
        return self.amount.printed

    def show(self) -> str:
        return f"{self.label} {self.amount.show()}"


# Match and NarrativeSection are NamedTuples rather than frozen dataclasses: cheaper to define
# (start-up) and to create; nothing copies, mutates or compares them with anything but their own kind.
# CellRef stays a dataclass: its equality leaves out the table.
class Match(NamedTuple):
    entry: Entry
    alias: str
    cell: CellRef | None  # None: the entry names no cell, or its table is not published


class NarrativeSection(NamedTuple):
    section: Section
    topic: str | None
    claims: Claims

    @property
    def name(self) -> str:
        return self.section.title or self.topic or "叙述"

    def at(self, start: int, end: int) -> TextPointer:
        return TextPointer(self.section.text_at, start, end)

    def at_number(self, number: Number) -> TextPointer:
        return self.at(number.start, number.end)


# Every narrative rule reads the same sections, claims and matches: each is computed once per
# document (Disclosure.cached) instead of once per rule.


def doc_vocabulary(doc: Disclosure) -> Vocabulary:
    return doc.cached(("vocabulary",), lambda: _vocabulary(doc))


def _vocabulary(doc: Disclosure) -> Vocabulary:
    return vocabulary(doc.profile.narrative_vocabulary or None)


def narrative(doc: Disclosure) -> Iterator[NarrativeSection]:
    """Every 概况/情况说明 section that has text, with its topic and claims."""
    return iter(doc.cached(("narrative",), lambda: tuple(_narrative(doc))))


def _narrative(doc: Disclosure) -> Iterator[NarrativeSection]:
    vocab = doc_vocabulary(doc)
    for section in doc.all_sections():
        if section.part in NARRATIVE_PARTS and section.text.strip():
            # declared 主题 first, then the profile's printed headings (tolerant of numbering), then the
            # vocabulary's title words; a traditional-character title names the same topic
            title = to_simplified(section.title)
            declared = section.topic or doc.profile.topic_of(title)
            yield NarrativeSection(section, vocab.topic_of(title, declared), extract(section.text))


def cell(doc: Disclosure, path: CellPath | None) -> CellRef | None:
    if not path:
        return None
    return doc.cached(("cell", path), lambda: _cell(doc, path))


def _cell(doc: Disclosure, path: CellPath) -> CellRef | None:
    table = doc.table(path[0])
    if table is None:
        return None
    return CellRef(table.amount(*path[1:]), table, path[1:])


def first_cell(doc: Disclosure, paths: tuple[CellPath, ...]) -> CellRef | None:
    """The first of the vocabulary's cells that the document prints.

    A cell whose row or column the table does not have at all (Shanghai's T1 prints no 本年收入合计 row) is
    not a blank cell: it is skipped for the next path, and a figure none of whose cells is printed stays
    unchecked (coverage says so) instead of being compared with a blank.
    """
    for path in paths:
        found = cell(doc, path)
        if found is not None and found.table.prints(*path[1:]):
            return found
    return None


def match_label(doc: Disclosure, vocab: Vocabulary, topic: str | None, label: str) -> Match | None:
    # The most frequent narrative lookup: one dict per vocabulary, probed without building a closure.
    matches: dict[tuple[str | None, str], Match | None] = doc.cached(("matches", id(vocab)), dict)
    try:
        return matches[topic, label]
    except KeyError:
        found = matches[topic, label] = _match_label(doc, vocab, topic, label)
        return found


def _match_label(doc: Disclosure, vocab: Vocabulary, topic: str | None, label: str) -> Match | None:
    found = vocab.match(topic, label)
    if found is None:
        return None
    entry, alias = found
    return Match(entry, alias, first_cell(doc, entry.cells))


def function_class(doc: Disclosure, label: str) -> tuple[str, str] | None:
    """The 功能分类 class code a label names (and the name that matched), once per document and label."""
    return doc.cached(("function", label), lambda: doc_vocabulary(doc).function_class(label))


def match_amount(doc: Disclosure, ns: NarrativeSection, amount: StatedAmount | Count) -> Match | None:
    return match_label(doc, doc_vocabulary(doc), ns.topic, amount.label)
