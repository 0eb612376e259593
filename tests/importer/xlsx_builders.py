"""Workbooks built in tests the way budget-management systems export them (no binary is committed).

The layouts reproduce the printed tables of ../shared/corpus/shanghai-putuo (上海市普陀区商务委员会 2025
部门预算, pages 9–21): a title merged across the width, the “编制部门：… 单位：元” line, header rows with
merged cells (项目 over 功能分类科目编码 over 类/款/项), codes in split 类/款/项 columns, amounts as numbers
with the number format “#,##0.00” or as text with thousands separators, notes under the table.
"""

from __future__ import annotations

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


def write(path: Path, sheets: Sequence[SheetSpec]) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for spec in sheets:
        ws = workbook.create_sheet(spec.name)
        ws.cell(1, 1, spec.title)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=spec.width)
        ws.cell(2, 1, spec.unit_line[0])
        ws.cell(2, spec.width, spec.unit_line[1])
        first = 3
        for offset, row in enumerate([*spec.header, *spec.body]):
            for col, value in enumerate(row, start=1):
                cell = ws.cell(first + offset, col)
                if value is not None:
                    cell.value = value
                    if isinstance(value, (int, float, D)):  # openpyxl writes a Decimal as its own text
                        cell.number_format = spec.number_format
                if spec.borders:
                    cell.border = BOX
        for ref in spec.merges:
            ws.merge_cells(ref)
        after = first + len(spec.header) + len(spec.body)
        for offset, note in enumerate(spec.notes):
            ws.cell(after + offset, 1, note)
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
