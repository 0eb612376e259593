"""Helpers for tables with classification-coded detail rows (明细): amount columns and code hierarchy."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from budgetlint.model import Row, Table, is_figure

# Tables whose 明细 rows carry a 功能分类 or 经济分类 code in 编码
DETAIL_TABLES = ("支出表", "一般公共预算支出表", "政府性基金支出表", "国有资本经营预算支出表", "一般公共预算基本支出表", "支出经济分类汇总表",
                 # 决算 and regional tables with the same coded 明细 rows
                 "收入决算表", "支出决算表", "一般公共预算财政拨款支出决算表", "一般公共预算财政拨款基本支出决算表",
                 "政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款支出决算表", "财政拨款支出经济分类表")
_NON_AMOUNT_KEYS = frozenset({"编码", "名称", "单位编码", "单位名称", "政府经济分类编码", "政府经济分类名称"})


def amount_paths(data: Mapping[str, Any], prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every path to a numeric (or blank) cell of a row, in key order."""
    for key, value in data.items():
        if key in _NON_AMOUNT_KEYS:
            continue
        if isinstance(value, Mapping):
            yield from amount_paths(value, (*prefix, key))
        elif value is None or is_figure(value):
            yield (*prefix, key)


def column_paths(table: Table) -> list[tuple[str, ...]]:
    """The union of amount columns over the total row and the detail rows, in first-seen order."""
    seen: dict[tuple[str, ...], None] = {}
    total = table.get("合计行")
    if isinstance(total, Mapping):
        seen.update(dict.fromkeys(amount_paths(total)))
    for row in table.rows("明细"):
        seen.update(dict.fromkeys(amount_paths(row.data)))
    return list(seen)


def coded_rows(table: Table) -> list[Row]:
    return [row for row in table.rows("明细") if row.code and row.code.isdigit()]


def children(rows: list[Row], parent: Row) -> list[Row]:
    """Rows one level below ``parent`` (code extends it by two digits), in the same unit."""
    code = parent.code or ""
    unit = parent.get("单位编码")
    return [r for r in rows if r.code and len(r.code) == len(code) + 2 and r.code.startswith(code)
            and r.get("单位编码") == unit]
