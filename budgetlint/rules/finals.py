"""Shared helpers of the 决算 (final-accounts) rules: the narrative sentences that explain a figure.

A 决算 rule often accepts a surprising figure (决算数 above the budget, a large budget adjustment)
when the narrative gives a reason for it. “Gives a reason” is read narrowly and the same way by every
rule: one sentence (split at 。；) of any narrative section names the item and gives a reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache

from budgetlint.model import Node, Section, Table

GPB_FINAL_TABLE = "一般公共预算财政拨款支出决算表"
GPB_TOTAL_WORDS = ("一般公共预算财政拨款支出", "财政拨款支出")
REASON_WORDS = ("原因", "主要是", "由于", "因为")


@cache
def _sentence_end() -> re.Pattern[str]:
    """Compiled on first use (only 决算 rules read sentences): import-time compiles cost start-up."""
    return re.compile(r"[。；;]")


def sentences(text: str) -> Iterator[str]:
    flat = "".join(text.split())
    for part in _sentence_end().split(flat):
        if part:
            yield part


def explained(sections: Sequence[Section], keywords: Sequence[str], also: Sequence[str] = ()) -> bool:
    """True when one sentence of ``sections`` names the item (any keyword) and gives a reason.

    ``also``: the sentence must further contain one of these words (e.g. 调整/追加 for a budget adjustment).
    """
    for section in sections:
        for sentence in sentences(section.text):
            if not any(k in sentence for k in keywords) or not any(w in sentence for w in REASON_WORDS):
                continue
            if not also or any(w in sentence for w in also):
                return True
    return False


def row_keywords(name: str) -> tuple[str, ...]:
    """Words that name a 功能分类 row in the narrative: “科学技术支出” → (“科学技术支出”, “科学技术”)."""
    bare = name.strip()
    for suffix in ("支出", "费"):
        if bare.endswith(suffix) and len(bare) > len(suffix) + 1:
            return (bare, bare[: -len(suffix)])
    return (bare,)


def gpb_final_lines(table: Table) -> Iterator[tuple[Node, str, tuple[str, ...]]]:
    """(node, its name in messages, the words that name it in the narrative) of the 一般公共预算财政拨款支出决算表:
    the 合计行, then each 明细 row."""
    total = table.get("合计行")
    if isinstance(total, dict):
        yield Node(total, table.at.child("合计行"), table.unit), "合计", GPB_TOTAL_WORDS
    for row in table.rows("明细"):
        yield row, f"“{row.name}”", row_keywords(row.name)
