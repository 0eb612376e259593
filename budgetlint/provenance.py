"""Provenance of imported files: the optional `页码` and `单元格` keys written by `budgetlint import`.

`页码` (the PDF page a table, row or section came from) and `单元格` (the worksheet and cells of a workbook
it came from, in Excel's own notation "表3!A8:F8") are not data: the rules must never see them (a row's 页码
is not an amount column). The engine therefore checks a copy without them, and gives each finding on such a
file the place of the nearest enclosing table, row or section: "（PDF 第 N 页）" or "（Excel 表3!A8:F8）".
Files without either key (every hand-written file) take neither step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

KEY = "页码"
CELL_KEY = "单元格"
KEYS = (KEY, CELL_KEY)


def has_provenance(text: str) -> bool:
    """Whether a file's text may carry provenance keys (a cheap test before any walk of the data)."""
    return any(key in text for key in KEYS)


def strip_pages(value: Any) -> Any:
    """The data without any 页码 or 单元格 key (a new structure; the input is left untouched)."""
    if isinstance(value, Mapping):
        return {k: strip_pages(v) for k, v in value.items() if k not in KEYS}
    if isinstance(value, list):
        return [strip_pages(v) for v in value]
    return value


def _innermost(data: Any, path: Sequence[Any], key: str, kind: type) -> Any:
    """The value of `key` on the innermost mapping along `path` that has one of type `kind`."""
    found = None
    node = data
    for part in (None, *path):
        if part is not None:
            if isinstance(node, Mapping) and part in node:
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
            else:
                break
        if isinstance(node, Mapping) and isinstance(node.get(key), kind) and not isinstance(node.get(key), bool):
            found = node[key]
    return found


def page_of(data: Any, path: Sequence[Any]) -> int | None:
    """The 页码 of the innermost mapping along `path` that has one (None when nothing does)."""
    return _innermost(data, path, KEY, int)


def cell_of(data: Any, path: Sequence[Any]) -> str | None:
    """The 单元格 of the innermost mapping along `path` that has one (None when nothing does)."""
    return _innermost(data, path, CELL_KEY, str)


def note(page: int | None) -> str:
    return f"（PDF 第 {page} 页）" if page is not None else ""


def located(data: Any, path: Sequence[Any]) -> str:
    """What a finding at `path` appends: the PDF page, else the workbook cells, else nothing. A file is
    imported from one PDF or one workbook, so at most one of the two is found."""
    page = page_of(data, path)
    if page is not None:
        return note(page)
    cell = cell_of(data, path)
    return f"（Excel {cell}）" if cell is not None else ""
