"""Helpers for tables with classification-coded detail rows (明细): amount columns and code hierarchy."""

from __future__ import annotations

from budgetlint.model import Row, Table

# Tables whose 明细 rows carry a 功能分类 or 经济分类 code in 编码
DETAIL_TABLES = ("支出表", "一般公共预算支出表", "政府性基金支出表", "国有资本经营预算支出表", "一般公共预算基本支出表", "支出经济分类汇总表",
                 # 决算 and regional tables with the same coded 明细 rows
                 "收入决算表", "支出决算表", "一般公共预算财政拨款支出决算表", "一般公共预算财政拨款基本支出决算表",
                 "政府性基金预算财政拨款收入支出决算表", "国有资本经营预算财政拨款支出决算表", "财政拨款支出经济分类表")


def column_paths(table: Table) -> list[tuple[str, ...]]:
    """The union of amount columns over the total row and the detail rows, in first-seen order (the
    amount cells are the schema's, Table.figures)."""
    total: dict[tuple[str, ...], None] = {}
    rows: dict[tuple[str, ...], None] = {}
    for figure in table.figures():
        path = figure.path
        if path[0] == "合计行":
            total[path[1:]] = None  # type: ignore[index]
        elif path[0] == "明细":
            rows[path[2:]] = None  # type: ignore[index]
    total.update(rows)
    return list(total)


def classified_rows(table: Table) -> list[Row]:
    """The 明细 rows with a numeric 科目 code (not ``Disclosure.coded_rows``: the 收支总表's 类 rows by code)."""
    return [row for row in table.rows("明细") if row.code and row.code.isdigit()]


def children(rows: list[Row], parent: Row) -> list[Row]:
    """Rows one level below ``parent`` (code extends it by two digits), in the same unit."""
    code = parent.code or ""
    unit = parent.get("单位编码")
    return [r for r in rows if r.code and len(r.code) == len(code) + 2 and r.code.startswith(code)
            and r.get("单位编码") == unit]
