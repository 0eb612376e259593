"""Prose checked against itself (issue 15 item 9): what a passage states must add up on its own.

For a section whose tables are published elsewhere, or not at all, the figures of the text are still
bound to each other: 人员经费 + 公用经费 = 基本支出, the change of a total is the sum of its parts'
changes, shares without a stated base divide the sum of their parts, a figure restated in another
section is the same figure. Rules BL711–BL714 read those relations from the claims the narrative reader
extracts; this module holds what they share: which *role* an amount's label names, and whether its
period is this year's.

Precision first: a role is read only from the words right before the figure (the end of its label), and
an amount whose label names another period (上年, 年初, 执行, another year) has no role, so it is never
added to this year's figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from budgetlint.model import Disclosure
from budgetlint.rules.narrative.claims import Change, StatedAmount
from budgetlint.rules.narrative.sections import NarrativeSection

# Words between a role's name and its figure that do not change what the figure is.
_FILLER = r"(?:支出|经费)?(?:预算|决算)?(?:数|额|安排)?(?:为|是|共|共计|合计|达)?"
ROLES: dict[str, re.Pattern[str]] = {
    "基本支出": re.compile(rf"基本支出{_FILLER}$"),
    "项目支出": re.compile(rf"项目支出{_FILLER}$"),
    "人员经费": re.compile(rf"人员经费{_FILLER}$"),
    "公用经费": re.compile(rf"(?:日常)?公用经费{_FILLER}$"),
}
# A label that names another period: the figure is not this year's (or the text compares two years).
_OTHER_PERIOD = re.compile(r"上年|去年|上一年|上年度|年初|调整|执行|同期|比|较|与|增加|减少|增长|下降")
_YEAR = re.compile(r"(\d{4})\s*年")
_NOISE = re.compile(r"[\s“”\"'‘’（）()]")


def plain(label: str) -> str:
    return _NOISE.sub("", label)


def this_year(doc: Disclosure, label: str) -> bool:
    """The label names no other period: no prior-year words, and every year in it is the document's."""
    return _plain_this_year(doc, plain(label))


def _plain_this_year(doc: Disclosure, text: str) -> bool:
    return not _OTHER_PERIOD.search(text) and all(int(y) == doc.year for y in _YEAR.findall(text))


# Every pattern of ROLES holds one of these words: a label with none of them has no role (most labels).
_ROLE_WORDS = re.compile("基本支出|项目支出|人员经费|公用经费")


def role(doc: Disclosure, amount: StatedAmount) -> str | None:
    """Which of :data:`ROLES` the amount is, when its label ends with it and names this year."""
    text = plain(amount.label)
    if not _ROLE_WORDS.search(text) or not _plain_this_year(doc, text):
        return None
    found = [name for name, pattern in ROLES.items() if pattern.search(text)]
    return found[0] if len(found) == 1 else None


def section_roles(doc: Disclosure, ns: NarrativeSection) -> tuple[str | None, ...]:
    """:func:`role` of each amount of the section, once per document (two rules read them)."""
    return doc.cached(("selfcheck roles", ns.section.at.path), lambda: tuple(role(doc, a) for a in ns.claims.amounts))


class Partition(NamedTuple):
    """A total and its parts that together make it up by definition, as indexes of ``claims.amounts``."""

    total: int
    parts: tuple[int, ...]


def partitions(doc: Disclosure, ns: NarrativeSection, total_role: str, part_roles: tuple[str, ...]) -> Iterator[Partition]:
    """Each ``total_role`` amount with one amount of every part role after it, in its sentence or its
    breakdown (“其中：”), before the next ``total_role`` amount."""
    amounts = ns.claims.amounts
    roles = section_roles(doc, ns)
    for index, name in enumerate(roles):
        if name != total_role:
            continue
        group = next((g for g in ns.claims.groups if g.head == index), None)
        members: dict[str, int] = {}
        for later in range(index + 1, len(amounts)):
            if roles[later] == total_role:
                break
            in_scope = amounts[later].sentence == amounts[index].sentence or (group is not None and later in group.items)
            if in_scope and roles[later] in part_roles and roles[later] not in members:
                members[roles[later]] = later  # type: ignore[index]
        if len(members) == len(part_roles):
            yield Partition(index, tuple(members[r] for r in part_roles))


def change_of(ns: NarrativeSection, amount: int) -> Change | None:
    """The change the text states about amount ``amount`` (the first one that is about it)."""
    return next((c for c in ns.claims.changes if c.level == amount), None)
