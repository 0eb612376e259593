"""Shared helpers of the 决算 (final-accounts) rules: the narrative sentences that explain a figure.

A 决算 rule often accepts a surprising figure (决算数 above the budget, a large budget adjustment)
when the narrative gives a reason for it. “Gives a reason” is read narrowly and the same way by every
rule: one sentence (split at 。；) of a narrative section names the item and contains “原因”.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from budgetlint.model import Disclosure, Section

_SENTENCE_END = re.compile(r"[。；;]")
REASON_WORDS = ("原因", "主要是", "由于", "因为")


def section_topic(doc: Disclosure, section: Section) -> str | None:
    """The section's declared 主题, else the one the profile's section titles give."""
    return section.topic or doc.profile.topic_of(section.title)


def sections_about(doc: Disclosure, topics: Iterable[str]) -> list[Section]:
    """Narrative sections (and 小节) of the given topics; every section when none is recognised."""
    wanted = set(topics)
    everything = list(doc.all_sections())
    chosen = [s for s in everything if section_topic(doc, s) in wanted]
    return chosen or everything


def sentences(text: str) -> Iterator[str]:
    flat = "".join(text.split())
    for part in _SENTENCE_END.split(flat):
        if part:
            yield part


def explained(sections: Sequence[Section], keywords: Sequence[str]) -> bool:
    """True when one sentence of ``sections`` names the item (any keyword) and gives a reason."""
    for section in sections:
        for sentence in sentences(section.text):
            if any(k in sentence for k in keywords) and any(w in sentence for w in REASON_WORDS):
                return True
    return False
