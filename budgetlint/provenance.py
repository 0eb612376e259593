"""Provenance of imported files: the optional `页码` keys written by `budgetlint import`.

`页码` (the PDF page a table, row or section came from) is not data: the rules must never see it (a
row's 页码 is not an amount column). The engine therefore checks a copy without it, and gives each
finding on such a file the page of the nearest enclosing table, row or section: "（PDF 第 N 页）".
Files without `页码` (every hand-written file) take neither step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

KEY = "页码"


def strip_pages(value: Any) -> Any:
    """The data without any 页码 key (a new structure; the input is left untouched)."""
    if isinstance(value, Mapping):
        return {k: strip_pages(v) for k, v in value.items() if k != KEY}
    if isinstance(value, list):
        return [strip_pages(v) for v in value]
    return value


def page_of(data: Any, path: Sequence[Any]) -> int | None:
    """The 页码 of the innermost mapping along `path` that has one (None when nothing does)."""
    page = None
    node = data
    for part in (None, *path):
        if part is not None:
            if isinstance(node, Mapping) and part in node:
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
            else:
                break
        if isinstance(node, Mapping) and isinstance(node.get(KEY), int):
            page = node[KEY]
    return page


def note(page: int | None) -> str:
    return f"（PDF 第 {page} 页）" if page is not None else ""
