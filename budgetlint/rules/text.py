"""Text hygiene (rules BL701–BL706): what a reviewer sees in the words before any figure is checked.

The rules read every piece of prose a disclosure prints — the 附件标题, each part's title, every
section and 小节 title and text block of 概况/情况说明/名词解释 — as :class:`TextBlock` records, so each
rule is a small scan of strings. A finding points into the string (``TextPointer``), exact for literal
blocks and one-line titles.

Why a module of its own: the narrative reader (budgetlint.rules.narrative) reads figures; hygiene reads
punctuation, brackets and template words, and needs none of its claims. Keeping them apart lets both
change without touching the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from budgetlint.finding import Pointer, TextPointer, Violation, json_pointer
from budgetlint.model import Disclosure

PARTS = ("概况", "情况说明", "名词解释")


class TextBlock(NamedTuple):
    """One printed string: a title (``heading``) or a text block, with where it is and how to name it."""

    at: Pointer  # the string value itself
    text: str
    heading: bool
    where: str  # how messages name it: “附件标题”, “第二部分标题”, “五、一般公共预算支出情况说明”


def text_blocks(doc: Disclosure) -> tuple[TextBlock, ...]:
    """Every title and text block of the document, in document order (once per document)."""
    return doc.cached(("hygiene blocks",), lambda: tuple(_blocks(doc)))


def all_text(doc: Disclosure) -> str:
    """Every block's text joined (once per document): a rule first asks whether anything could be wrong
    anywhere, which costs one scan, and looks at the blocks one by one only then."""
    return doc.cached(("hygiene text",), lambda: "\n".join(b.text for b in text_blocks(doc)))


def _blocks(doc: Disclosure) -> Iterator[TextBlock]:
    title = doc.data.get("附件标题")
    if isinstance(title, str) and title.strip():
        yield TextBlock(doc.root.child("附件标题"), title, True, "附件标题")
    narrative = doc.data.get("正文")
    parts = narrative if isinstance(narrative, dict) else {}
    for part in PARTS:
        block = parts.get(part)
        if isinstance(block, dict) and isinstance(block.get("标题"), str) and block["标题"].strip():
            yield TextBlock(doc.root.child("正文", part, "标题"), block["标题"], True, f"{part}标题")
    # the model keeps the parts' sections in this order already: one pass
    for section in doc.all_sections():
        if section.title.strip():
            yield TextBlock(section.at.child("标题"), section.title, True, f"标题“{section.title}”")
        if section.text.strip():
            yield TextBlock(section.text_at, section.text, False, section.title or section.part)


def violation(block: TextBlock, start: int, end: int, message: str, *, code: str, detail: str = "") -> Violation:
    """A finding on ``block.text[start:end]``; the key names the rule, the string and the offset."""
    key = f"{code}:{json_pointer(block.at.path)}:{start}"
    return Violation(TextPointer(block.at, start, end), f"{block.where}：{message}", detail=detail, key=key)


def excerpt(text: str, start: int, end: int, width: int = 8) -> str:
    """The words around a finding, one line, for a message: “…主要原因是。”."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    shown = re.sub(r"\s+", "", text[left:right])
    return ("…" if left else "") + shown + ("…" if right < len(text) else "")


# ---------------------------------------------------------------------------------------------
# The document's own kind: 部门 or 单位 (BL706)

_UNIT_WORDS = re.compile(r"单位(?:预算|决算)")
_DEPARTMENT_WORDS = re.compile(r"部门(?:预算|决算)(?!经济分类)")


def document_scope(doc: Disclosure) -> str | None:
    """“单位” when the document's own titles call it a 单位预算/单位决算 and none calls it a 部门 one;
    “部门” in the opposite case; None when the titles say neither or both (then no rule guesses)."""
    titles = [b.text for b in text_blocks(doc) if b.heading and b.where in ("附件标题", "概况标题", "情况说明标题")]
    unit = any(_UNIT_WORDS.search(t) for t in titles)
    department = any(_DEPARTMENT_WORDS.search(t) for t in titles)
    if unit and not department:
        return "单位"
    if department and not unit:
        return "部门"
    return None
