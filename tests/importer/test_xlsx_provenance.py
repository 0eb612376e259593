"""Workbook imports record where each table, row and section was read — `单元格: 表3!A8:F8`, Excel's own
notation — as PDF imports record `页码`, and a finding on the imported file says "（Excel 表3!A8:F8）".

Workbooks are built here with openpyxl (tests/importer/xlsx_builders.py); nothing binary is committed.
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from budgetlint.engine import EngineConfig, lint_text
from budgetlint.importer.grid import Cell, Grid, Origin, Row, sheet_name
from budgetlint.provenance import cell_of, located, strip_pages
from budgetlint.rule import load_rules

sys.path.insert(0, str(Path(__file__).parent))
from xlsx_builders import income_table, three_public_table, workbook_from_grids, write

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "shanghai-putuo"
_REF = re.compile(r"^(?P<sheet>'(?:[^']|'')+'|[^'!]+)!(?P<first>[A-Z]+[0-9]+)(?::(?P<last>[A-Z]+[0-9]+))?$")


def cells_at(path: Path, reference: str) -> dict[str, str]:
    """Column letter → text of the non-empty cells a reference covers, read back from the workbook by openpyxl."""
    match = _REF.match(reference)
    assert match, reference
    sheet = match["sheet"]
    if sheet.startswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    workbook = load_workbook(path)
    ws = workbook[sheet]
    texts = {cell.column_letter: str(cell.value) for row in ws[f"{match['first']}:{match['last'] or match['first']}"]
             for cell in row if cell.value is not None}
    workbook.close()
    return texts


def test_a_place_on_a_sheet_is_written_as_excel_writes_it() -> None:
    sheet = Origin("x.xlsx", sheet="表3")
    assert sheet.cells(["C12"]) == "表3!C12"
    assert sheet.cells(["A8", "B8:D9", "F8"]) == "表3!A8:F9"  # a merged cell's range widens the place
    assert Origin("x.pdf", page=3).cells(["A1"]) is None  # a PDF page has 页码, not cells
    assert sheet.cells(["x=12 y=30"]) is None
    # quoted where Excel quotes: a leading digit, a space, a name that reads as a cell address; quotes doubled
    assert [sheet_name(s) for s in ("表3", "第9页", "T1", "2025年收支总表", "收支 总表", "it's")] == [
        "表3", "第9页", "'T1'", "'2025年收支总表'", "'收支 总表'", "'it''s'"]


def test_every_table_and_row_of_a_workbook_import_names_its_cells(tmp_path: Path) -> None:
    from budgetlint.importer.command import import_file

    path = write(tmp_path / "两张表.xlsx", [income_table(), three_public_table()])
    imported = import_file(path, "shanghai")
    income = imported.data["表格"]["收入表"]
    # the title's cell (merged across the nine columns, a line of free text: its top-left cell)
    assert income["单元格"] == "'T2'!A1" and "页码" not in income
    assert cells_at(path, income["单元格"]) == {"A": "2025年部门收入预算总表"}
    rows = income["明细"]
    # sheet rows 6–11 (title, unit line and three header rows above); "T2" reads as a cell address: quoted
    assert [row["单元格"] for row in rows] == [f"'T2'!A{n}:F{n}" for n in range(6, 12)]
    for row in rows:
        # the reference leads back to the printed row: its code parts, its name and its amounts
        texts = cells_at(path, row["单元格"])
        assert "".join(texts.get(col, "") for col in "ABC") == row["编码"]
        assert texts["D"] == row["名称"]
        assert Decimal(texts["F"].replace(",", "")) == row["本年收入"]["财政拨款收入"]
    assert imported.data["表格"]["三公经费表"]["单元格"] == "'T9'!A1"


def test_a_finding_on_a_workbook_import_names_the_sheet_and_cells(tmp_path: Path) -> None:
    """Two wrong cells: T2's 行政运行 (sheet row 8) printed negative, T9's 合计 one 万元 more than its parts.
    Each finding on the imported file says where in the workbook — the row, or the table's title cell for a
    table without rows — and never a PDF page."""
    from budgetlint.importer.command import import_file, render

    path = write(tmp_path / "t.xlsx", [income_table(), three_public_table()])
    workbook = load_workbook(path)
    workbook["T2"]["F8"].value = Decimal("-9389913.00")
    workbook["T9"]["A6"].value = Decimal("2.00")
    workbook.save(path)
    imported = import_file(path, "shanghai")
    text = render(imported, tmp_path / "t.yaml", path)
    assert "单元格 = 工作簿中的“工作表!单元格”" in text and "页码" not in text
    findings = lint_text("t.yaml", text, load_rules(), EngineConfig()).findings
    assert not [f for f in findings if f.rule_id in ("BL001", "BL002")], [f.message for f in findings][:3]
    (negative,) = [f for f in findings if f.rule_id == "BL604"]
    assert "行政运行" in negative.message and negative.message.endswith("（Excel 'T2'!A8:F8）")
    (three,) = [f for f in findings if f.rule_id == "BL114"]
    assert "2.00" in three.message and three.message.endswith("（Excel 'T9'!A1）")
    assert not [f for f in findings if "PDF 第" in f.message]
    # the same file without its provenance: the same findings, without the place
    plain = lint_text("t.yaml", re.sub(r", 单元格: \"[^\"]+\"|\n *单元格: \"[^\"]+\"", "", text), load_rules(),
                      EngineConfig()).findings
    assert [f.rule_id for f in plain] == [f.rule_id for f in findings]
    assert not [f for f in plain if "Excel" in f.message]


def test_cells_are_provenance_not_data() -> None:
    data = {"表格": {"支出表": {"单元格": "表5!A1:G1", "明细": [{"编码": "201", "单元格": "表5!A6:G6"}, {"编码": "208"}]}}}
    assert cell_of(data, ("表格", "支出表", "明细", 0, "合计")) == "表5!A6:G6"
    assert located(data, ("表格", "支出表", "明细", 1, "合计")) == "（Excel 表5!A1:G1）"
    assert located(data, ("正文",)) == ""
    assert strip_pages(data) == {"表格": {"支出表": {"明细": [{"编码": "201"}, {"编码": "208"}]}}}


def test_narrative_sections_of_a_sheet_name_their_cells() -> None:
    from budgetlint.importer.narrative import read_narrative

    def grid(sheet: str, lines: list[str]) -> Grid:
        rows = tuple(Row(i, (Cell(text, i, 0, where=f"A{i + 1}"),)) for i, text in enumerate(lines))
        return Grid(Origin("x.xlsx", sheet=sheet), rows, kind="xlsx")

    narrative = read_narrative([
        grid("封面", ["2025年部门预算"]),
        grid("概况", ["第一部分 部门概况", "一、主要职能", "负责全区商务工作。"]),
    ])
    part = narrative.parts["概况"]
    assert part["单元格"] == "概况!A1" and "页码" not in part
    (section,) = part["章节"]
    assert section["标题"] == "一、主要职能" and section["单元格"] == "概况!A2"


@pytest.mark.skipif(not (CORPUS / "commerce-2025-bumen-yusuan.pdf").exists(), reason="corpus not present")
def test_the_corpus_workbook_rows_lead_back_to_their_cells(tmp_path: Path) -> None:
    """The commerce 部门预算 laid out as an export (one sheet per table): every table and every row of the
    import names cells of the workbook, and the cells named hold that row's code and amounts."""
    from budgetlint.importer.command import import_file
    from budgetlint.importer.pdf import read_pdf

    path = workbook_from_grids(read_pdf(CORPUS / "commerce-2025-bumen-yusuan.pdf"), tmp_path / "商务委.xlsx")
    imported = import_file(path, None)
    checked = 0
    for table in imported.data["表格"].values():
        assert re.match(r"^第\d+页!A\d+(:[A-Z]+\d+)?$", table["单元格"]), table["单元格"]
        for row in table.get("明细", []):
            texts = list(cells_at(path, row["单元格"]).values())
            amounts = [v for k, v in _flat(row) if isinstance(v, Decimal)]
            assert all(any(Decimal(t.replace(",", "")) == a for t in texts if _number(t)) for a in amounts), row
            assert "".join(t for t in texts if t.isdigit() and len(t) <= 3)[:len(row["编码"])] == row["编码"]
            checked += 1
    assert checked > 50


def _number(text: str) -> bool:
    return bool(re.fullmatch(r"-?[\d,]+(\.\d+)?", text))


def _flat(value: Any, prefix: str = "") -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [item for k, v in value.items() for item in _flat(v, f"{prefix}{k}/")]
    return [(prefix, value)]
