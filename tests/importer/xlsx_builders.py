"""Workbooks built in tests the way budget-management systems export them (no binary is committed).

The layouts reproduce the printed tables of ../shared/corpus/shanghai-putuo (上海市普陀区商务委员会 2025
部门预算, pages 9–21): a title merged across the width, the “编制部门：… 单位：元” line, header rows with
merged cells (项目 over 功能分类科目编码 over 类/款/项), codes in split 类/款/项 columns, amounts as numbers
with the number format “#,##0.00” or as text with thousands separators, notes under the table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal as D
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Border, Side

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MONEY = "#,##0.00"


class SheetSpec:
    """One sheet: title, unit line, header rows (with merges), body rows, notes; cells are 1-based."""

    def __init__(self, name: str, title: str, unit_line: tuple[str, str], width: int) -> None:
        self.name, self.title, self.unit_line, self.width = name, title, unit_line, width
        self.header: list[list[Any]] = []
        self.merges: list[str] = []
        self.body: list[list[Any]] = []
        self.notes: list[str] = []
        self.number_format = MONEY
        self.borders = True


def write(path: Path, sheets: Sequence[SheetSpec], one_sheet: bool = False) -> Path:
    """One sheet per spec, or (``one_sheet``) every table stacked on one sheet, a blank row between them."""
    from openpyxl.utils.cell import range_boundaries

    workbook = Workbook()
    workbook.remove(workbook.active)
    ws: Any = None
    top = 0  # the sheet row above this spec's title
    for spec in sheets:
        if ws is None or not one_sheet:
            ws = workbook.create_sheet(spec.name)
            top = 0
        ws.cell(top + 1, 1, spec.title)
        ws.merge_cells(start_row=top + 1, start_column=1, end_row=top + 1, end_column=spec.width)
        ws.cell(top + 2, 1, spec.unit_line[0])
        ws.cell(top + 2, spec.width, spec.unit_line[1])
        first = top + 3
        for offset, row in enumerate([*spec.header, *spec.body]):
            for col, value in enumerate(row, start=1):
                cell = ws.cell(first + offset, col)
                if value is not None:
                    cell.value = value
                    if isinstance(value, (int, float, D)):  # openpyxl writes a Decimal as its own text
                        cell.number_format = spec.number_format
                if spec.borders:
                    cell.border = BOX
        for ref in spec.merges:  # written for a sheet of its own: moved down by ``top``
            min_col, min_row, max_col, max_row = range_boundaries(ref)
            ws.merge_cells(start_row=min_row + top, start_column=min_col, end_row=max_row + top, end_column=max_col)
        after = first + len(spec.header) + len(spec.body)
        for offset, note in enumerate(spec.notes):
            ws.cell(after + offset, 1, note)
        top = after + len(spec.notes) + 1
    workbook.save(path)
    return path


def income_table(department: str = "上海市普陀区商务委员会") -> SheetSpec:
    """T2 部门收入预算总表 as printed (page 10): 3 header rows, codes split into 类/款/项."""
    spec = SheetSpec("T2", "2025年部门收入预算总表", (f"编制部门：{department}", "单位：元"), 9)
    spec.header = [
        ["项目", None, None, None, "收入预算", None, None, None, None],
        ["功能分类科目编码", None, None, "功能分类科目名称", "合计", "财政拨款收入", "事业收入", "事业单位\n经营收入",
         "其他收入"],
        ["类", "款", "项", None, None, None, None, None, None],
    ]
    # merged cells in header rows (rows 3–5 of the sheet)
    spec.merges = ["A3:D3", "E3:I3", "A4:C4", "D4:D5", "E4:E5", "F4:F5", "G4:G5", "H4:H5", "I4:I5"]
    spec.body = [
        ["201", None, None, "一般公共服务支出", D("21601733.00"), D("21601733.00"), None, None, None],
        ["201", "13", None, "商贸事务", D("21601733.00"), D("21601733.00"), None, None, None],
        ["201", "13", "01", "行政运行", D("9389913.00"), D("9389913.00"), None, None, None],
        ["201", "13", "02", "一般行政管理事务", "4,545,000.00", "4,545,000.00", None, None, None],  # amounts as text
        ["201", "13", "50", "事业运行", D("2901820"), D("2901820"), None, None, None],
        ["201", "13", "99", "其他商贸事务支出", D("4765000.00"), D("4765000.00"), None, None, None],
        ["合计", None, None, None, D("21601733.00"), D("21601733.00"), None, None, None],
    ]
    return spec


def three_public_table(department: str = "上海市普陀区商务委员会") -> SheetSpec:
    """T9 “三公”经费和机关运行经费预算表 as printed (page 21): two-level merged header, 万元."""
    spec = SheetSpec("T9", "2025年部门“三公”经费和机关运行经费预算表", (f"编制部门：{department}", "单位:万元"), 7)
    spec.header = [
        ["“三公”经费预算数", None, None, None, None, None, "机关运行经费预算数"],
        ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", None, None, None],
        [None, None, None, "小计", "购置费", "运行费", None],
    ]
    spec.merges = ["A3:F3", "G3:G5", "A4:A5", "B4:B5", "C4:C5", "D4:F4"]
    spec.body = [[D("1.00"), None, D("1.00"), None, None, None, D("171.01")]]
    return spec


_AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")


def workbook_from_grids(grids: Sequence[Any], path: Path, pages: set[int] | None = None) -> Path:
    """A workbook laid out as the given pages print their tables: one sheet per table.

    Every printed cell goes to its place, merged cells are merged, table cells are boxed, free text (the
    title, the unit line, notes) is not. A table continued on the next page continues on the same sheet,
    without the header the PDF repeats (an export has no page breaks). A printed amount becomes a number
    cell whose format shows it as printed ("371,514,655.00" → 371514655.00 with #,##0.00): the workbook
    a budget system would export. Codes (201, 13, 01) stay text, as exports keep them. ``pages``: only these
    PDF pages (an export holds the disclosure's tables, not the ruled boxes of its narrative). The amounts are the
    PDF's own text, read by the test from the corpus at run time: nothing of the corpus is committed.
    """
    workbook = Workbook()
    workbook.remove(workbook.active)
    ws: Any = None
    header: set[str] = set()
    next_row = 1
    sheet_columns = 0
    for grid in grids:
        if not any(row.table is not None for row in grid.rows) or (pages is not None and grid.origin.page not in pages):
            continue
        continued = ws is not None and grid.rows and grid.rows[0].table is not None
        if not continued:
            ws = workbook.create_sheet(f"第{grid.origin.page}页")
            header = _header_texts(grid)
            next_row = 1
            sheet_columns = max(grid.columns or (1,))
        width = max(grid.columns or (1,))
        placed: dict[int, int] = {}  # grid row index → sheet row
        for row in grid.rows:
            if continued and row.table is not None and row.text in header:
                continue  # the header the PDF repeats on a continuation page
            placed[row.index] = next_row
            next_row += 1
        for row in grid.rows:
            if row.index not in placed:
                continue
            number = placed[row.index]
            if row.table is None:
                for order, cell in enumerate(row.cells):
                    col = 1 if order == 0 else max(width - (len(row.cells) - 1 - order), order + 1)
                    ws.cell(number, col, cell.text)
                continue
            # A continuation page whose last rows need fewer columns (合计 over the code and name columns)
            # has its own, narrower column grid: on the sheet the label spans the columns it covers.
            offset = max(0, sheet_columns - grid.columns[row.table]) if continued else 0
            for col in range(1, grid.columns[row.table] + offset + 1):
                ws.cell(number, col).border = BOX
            for cell in row.cells:
                first = cell.col + 1 + (offset if cell.col else 0)
                last = cell.col + cell.col_span + offset
                _put(ws.cell(number, first), cell.text)
                if cell.row_span > 1 or last > first:
                    ws.merge_cells(start_row=number, start_column=first, end_row=number + cell.row_span - 1,
                                   end_column=last)
    workbook.save(path)
    return path


def _header_texts(grid: Any) -> set[str]:
    """The texts of a page's table rows above its first row with an amount (its header)."""
    texts = set()
    for row in grid.rows:
        if row.table is None:
            continue
        if any(_AMOUNT.match(c.text) and not _looks_like_code(c.text) for c in row.cells):
            break
        texts.add(row.text)
    return texts


def _put(target: Any, text: str) -> None:
    match = _AMOUNT.match(text)
    if match and not _looks_like_code(text):
        target.value = D(text.replace(",", ""))
        places = len(match.group(1) or "")
        target.number_format = ("#,##0" if "," in text else "0") + ("." + "0" * places if places else "")
    else:
        target.value = text


def _looks_like_code(text: str) -> bool:
    """Classification codes and their split parts (201, 13, 01, 2011301): digits without a decimal point."""
    return text.isdigit() and ("." not in text)
