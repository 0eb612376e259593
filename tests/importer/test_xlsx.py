"""The Excel reader: workbooks exported the way budget systems do become Grids; hostile files are refused.

Workbooks are built here with openpyxl (tests/importer/xlsx_builders.py) in temporary directories: no binary
is committed. Their layouts reproduce the printed tables of the corpus (commerce-2025-bumen-yusuan.pdf,
pages 10 and 21), and the grids they give are compared with the grids the PDF reader gives for those pages.
"""

from __future__ import annotations

import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from budgetlint.importer.grid import Grid
from budgetlint.importer.numfmt import UnsupportedFormat, show_number, stored_decimal
from budgetlint.importer.xlsx import MAX_COLUMNS, MAX_ROWS, WorkbookError, read_xlsx

sys.path.insert(0, str(Path(__file__).parent))
from xlsx_builders import income_table, three_public_table, write


def shape(grid: Grid) -> list[tuple[int | None, list[tuple[str, int, int, int]]]]:
    return [(row.table, [(c.text, c.col, c.row_span, c.col_span) for c in row.cells]) for row in grid.rows]


# --- numbers as shown ------------------------------------------------------------------------------


@pytest.mark.parametrize("value, fmt, text", [
    (371514655.0, "#,##0.00", "371,514,655.00"),
    (1931632.16, "#,##0.00", "1,931,632.16"),
    (21601733, "#,##0.00", "21,601,733.00"),
    (0.1 + 0.2, "General", "0.3"),  # Excel shows 15 significant digits, not the double's tail
    (1931632.16, "General", "1931632.16"),
    (1e16, "General", "10000000000000000"),
    (-1234.5, "#,##0.00", "-1,234.50"),
    (-1234.5, "#,##0.00;[Red]-#,##0.00", "-1,234.50"),
    (-3, "#,##0.00;(#,##0.00)", "(3.00)"),
    (0, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', "-"),  # accounting format: zero printed as a dash
    (1234, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', "1,234.00"),
    (0.256, "0.00%", "25.60%"),
    (2.675, "0.00", "2.68"),  # half away from zero on the decimal text, as Excel shows it (float rounding: 2.67)
    (12, "[$¥-804]#,##0.00", "¥12.00"),
    (0.5, "#.00", ".50"),
    (171.01, "0.0#", "171.01"),
    (171.1, "0.0#", "171.1"),
    (0, "0.00", "0.00"),
])
def test_numbers_are_shown_as_excel_prints_them(value: float, fmt: str, text: str) -> None:
    assert show_number(value, fmt).text == text


def test_stored_number_comes_from_repr_not_arithmetic() -> None:
    assert stored_decimal(1931632.16) == Decimal("1931632.16")
    assert str(stored_decimal(0.1 + 0.2)) == "0.300000000000000"
    assert stored_decimal(10**20) == Decimal(10**20)
    shown = show_number(1931632.155, "#,##0.00")
    assert shown.text == "1,931,632.16" and shown.hidden_digits and shown.stored == Decimal("1931632.155")
    assert not show_number(1931632.16, "#,##0.00").hidden_digits


@pytest.mark.parametrize("fmt", ["yyyy-mm-dd", "0.00E+00", "# ?/?", "#,##0,", "[>100]0"])
def test_formats_that_are_not_interpreted_are_refused(fmt: str) -> None:
    with pytest.raises(UnsupportedFormat):
        show_number(5, fmt)


# --- layouts -------------------------------------------------------------------------------------


def test_income_table_layout(tmp_path: Path) -> None:
    result = read_xlsx(write(tmp_path / "t.xlsx", [income_table()]))
    assert result.findings == ()
    (grid,) = result.grids
    assert grid.origin.label == "工作表“T2”" and grid.kind == "xlsx" and grid.columns == (9,)
    rows = shape(grid)
    assert rows[0] == (None, [("2025年部门收入预算总表", 0, 1, 1)])
    assert rows[1] == (None, [("编制部门：上海市普陀区商务委员会", 0, 1, 1), ("单位：元", 1, 1, 1)])
    # merged header cells: once, at their top-left, with their spans; a wrapped header joined
    assert rows[2] == (0, [("项目", 0, 1, 4), ("收入预算", 4, 1, 5)])
    assert rows[3][1][1] == ("功能分类科目名称", 3, 2, 1) and rows[3][1][5] == ("事业单位经营收入", 7, 2, 1)
    assert rows[4] == (0, [("类", 0, 1, 1), ("款", 1, 1, 1), ("项", 2, 1, 1)])
    # split codes stay in their columns; numbers shown with their format; text amounts as typed; blanks absent
    assert rows[7] == (0, [("201", 0, 1, 1), ("13", 1, 1, 1), ("01", 2, 1, 1), ("行政运行", 3, 1, 1),
                           ("9,389,913.00", 4, 1, 1), ("9,389,913.00", 5, 1, 1)])
    assert rows[8][1][4] == ("4,545,000.00", 4, 1, 1)
    assert rows[9][1][4] == ("2,901,820.00", 4, 1, 1)
    assert grid.cell_at(4, 3).text == "功能分类科目名称"  # covered by the merge from the row above
    assert grid.rows[7].cells[4].where == "E8"


def test_notes_under_the_table_are_free_text(tmp_path: Path) -> None:
    spec = three_public_table()
    spec.notes = ["注：本表按当年预算数填列。"]
    (grid,) = read_xlsx(write(tmp_path / "t.xlsx", [spec])).grids
    assert grid.rows[-1].is_text and grid.rows[-1].text == "注：本表按当年预算数填列。"
    assert [r.table for r in grid.rows] == [None, None, 0, 0, 0, 0, None]


def test_a_sheet_without_borders_is_laid_out_by_its_rows(tmp_path: Path) -> None:
    ruled = income_table()
    plain = income_table()
    plain.borders = False
    plain.notes = ["注：本表为示例。"]
    (with_borders,) = read_xlsx(write(tmp_path / "a.xlsx", [ruled])).grids
    (without,) = read_xlsx(write(tmp_path / "b.xlsx", [plain])).grids
    assert shape(without)[:-1] == shape(with_borders)
    assert without.rows[-1].is_text


def test_two_tables_on_one_sheet_are_numbered(tmp_path: Path) -> None:
    workbook = Workbook()
    ws = workbook.active
    ws.title = "表"
    from xlsx_builders import BOX

    for row, values in ((2, ("项目", "金额")), (3, ("甲", 1)), (5, ("项目", "金额")), (6, ("乙", 2))):
        for col, value in enumerate(values, start=1):
            ws.cell(row, col, value).border = BOX
    ws.cell(4, 1, "第二张表")
    workbook.save(tmp_path / "two.xlsx")
    (grid,) = read_xlsx(tmp_path / "two.xlsx").grids
    assert [(r.table, r.text) for r in grid.rows] == [(0, "项目 金额"), (0, "甲 1"), (None, "第二张表"),
                                                      (1, "项目 金额"), (1, "乙 2")]
    assert grid.columns == (2, 2)


def test_every_sheet_in_order_and_empty_sheets_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "t.xlsx", [income_table(), three_public_table()])
    workbook = __import__("openpyxl").load_workbook(path)
    workbook.create_sheet("空白")
    workbook.save(path)
    result = read_xlsx(path, source="导出.xlsx")
    assert [g.origin.sheet for g in result.grids] == ["T2", "T9", "空白"]
    assert result.grids[2].rows == () and result.grids[0].origin.source == "导出.xlsx"


def test_a_value_hidden_under_a_merged_cell_is_left_out_and_said(tmp_path: Path) -> None:
    workbook = Workbook()
    ws = workbook.active
    ws["A1"], ws["C1"] = "合计", 7
    ws.merge_cells("A1:B1")
    path = tmp_path / "t.xlsx"
    workbook.save(path)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    # Another writer kept B1's value under the merge (openpyxl drops it): Excel shows A1 only.
    _replace_member(path, "xl/worksheets/sheet1.xml", xml.replace('<c r="C1"', '<c r="B1" t="n"><v>5</v></c><c r="C1"').encode())
    result = read_xlsx(path)
    assert [c.text for c in result.grids[0].cells()] == ["合计", "7"]
    (finding,) = result.findings
    assert finding.where == "B1" and finding.text == "5" and "A1:B1" in finding.message


def test_a_chartsheet_is_said_not_skipped(tmp_path: Path) -> None:
    from openpyxl.chart import BarChart, Reference

    path = write(tmp_path / "t.xlsx", [income_table()])
    workbook = __import__("openpyxl").load_workbook(path)
    chart = BarChart()
    chart.add_data(Reference(workbook["T2"], min_col=5, min_row=6, max_row=11))
    workbook.create_chartsheet("图表").add_chart(chart)
    workbook.save(path)
    result = read_xlsx(path)
    assert [g.origin.sheet for g in result.grids] == ["T2", "图表"] and result.grids[1].rows == ()
    (finding,) = result.findings
    assert finding.origin.label == "工作表“图表”" and "图表工作表" in finding.message


def test_hidden_digits_and_uninterpreted_formats_are_reported(tmp_path: Path) -> None:
    workbook = Workbook()
    ws = workbook.active
    ws["A1"], ws["A1"].number_format = 1931632.155, "#,##0.00"
    ws["A2"], ws["A2"].number_format = 5, "0.00E+00"
    workbook.save(tmp_path / "t.xlsx")
    result = read_xlsx(tmp_path / "t.xlsx")
    assert [c.text for c in result.grids[0].cells()] == ["1,931,632.16", "5"]
    assert [(f.where, f.severity) for f in result.findings] == [("A1", "warning"), ("A2", "warning")]
    assert "1931632.155" in result.findings[0].message and "0.00E+00" in result.findings[1].message


# --- the same tables read from the PDF ------------------------------------------------------------

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "shanghai-putuo"


@pytest.mark.parametrize("page, builder", [(10, income_table), (21, three_public_table)])
def test_workbook_grid_matches_the_pdf_page(page: int, builder: object, tmp_path: Path) -> None:
    """A workbook with the printed layout reads into the grid the PDF reader makes of that page (header rows
    and the first body rows the builder reproduces)."""
    pdf = CORPUS / "commerce-2025-bumen-yusuan.pdf"
    if not pdf.is_file():
        pytest.skip("corpus not present")
    read_pdf = pytest.importorskip("budgetlint.importer.pdf").read_pdf
    pdf_grid = read_pdf(pdf)[page - 1]
    (xlsx_grid,) = read_xlsx(write(tmp_path / "t.xlsx", [builder()])).grids  # type: ignore[operator]
    assert xlsx_grid.columns == pdf_grid.columns
    rows = shape(xlsx_grid)
    # the unit line: same cells; PDF runs are numbered like the workbook's free-text cells
    assert shape(pdf_grid)[: len(rows) - 1] == rows[:-1] or shape(pdf_grid)[: len(rows)] == rows


# --- hostile and broken files ----------------------------------------------------------------------


def refused(path: Path) -> str:
    with pytest.raises(WorkbookError) as caught:
        read_xlsx(path)
    return str(caught.value)


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "表.xlsx"
    path.write_text("项目,金额\n甲,1\n", encoding="utf-8")
    assert "不是 Excel 工作簿" in refused(path) and "表.xlsx" in refused(path)


def test_old_xls(tmp_path: Path) -> None:
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    assert "另存为" in refused(path) and ".xls" in refused(path)


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "不是 Excel 工作簿" in refused(path)


def test_missing_file(tmp_path: Path) -> None:
    assert "文件不存在" in refused(tmp_path / "nope.xlsx")


def test_zip_bomb_stops_at_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            block = b"\0" * (1 << 20)
            for _ in range(80):  # 80 MB of zeros, about 80 KB compressed
                member.write(block)
    assert path.stat().st_size < 1 << 20
    message = refused(path)
    assert "压缩炸弹" in message and "xl/worksheets/sheet1.xml" in message


def test_huge_dimensions_are_refused_at_the_cell(tmp_path: Path) -> None:
    workbook = Workbook()
    ws = workbook.active
    ws["A1"] = "标题"
    ws.cell(MAX_ROWS + 1, 1, 1)
    workbook.save(tmp_path / "rows.xlsx")
    message = refused(tmp_path / "rows.xlsx")
    assert f"A{MAX_ROWS + 1}" in message and "工作表“Sheet”" in message
    workbook = Workbook()
    workbook.active.cell(1, MAX_COLUMNS + 1, 1)
    workbook.save(tmp_path / "cols.xlsx")
    assert f"第 {MAX_COLUMNS + 1} 列" in refused(tmp_path / "cols.xlsx")


def test_too_many_cells_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from budgetlint.importer import xlsx

    monkeypatch.setattr(xlsx, "MAX_CELLS", 50)  # the real limit (200 000) would take seconds to build
    workbook = Workbook()
    for row in range(1, 12):
        for col in range(1, 6):
            workbook.active.cell(row, col, row * col)
    workbook.save(tmp_path / "t.xlsx")
    assert "有值的单元格超过 50 个（到 A11 为止）" in refused(tmp_path / "t.xlsx")


def test_a_lying_dimension_and_far_styled_cells_cost_nothing(tmp_path: Path) -> None:
    workbook = Workbook()
    ws = workbook.active
    ws["A1"] = "标题"
    ws.cell(1_000_000, 16_000).number_format = "0.00"  # styled, no value: Excel writes such cells
    workbook.save(tmp_path / "t.xlsx")
    (grid,) = read_xlsx(tmp_path / "t.xlsx").grids
    assert [row.text for row in grid.rows] == ["标题"]


def test_formulas_without_cached_values_are_refused(tmp_path: Path) -> None:
    workbook = Workbook()
    ws = workbook.active
    ws["A1"], ws["A2"] = 1, 2
    ws["A3"] = "=SUM(A1:A2)"  # openpyxl saves the formula without a computed value, as a script would
    workbook.save(tmp_path / "t.xlsx")
    message = refused(tmp_path / "t.xlsx")
    assert "A3" in message and "没有保存计算结果" in message and "重新计算并保存" in message


def _replace_member(path: Path, member: str, data: bytes) -> None:
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, content in items:
            target.writestr(info, data if info.filename == member else content)


def test_broken_sheet_xml(tmp_path: Path) -> None:
    path = write(tmp_path / "t.xlsx", [income_table()])
    _replace_member(path, "xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row>")
    message = refused(path)
    assert "xl/worksheets/sheet1.xml 已损坏" in message and "第 1 行" in message


def test_entity_expansion_in_sheet_xml(tmp_path: Path) -> None:
    path = write(tmp_path / "t.xlsx", [income_table()])
    laughs = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10}">' for i in range(1, 10))
    bomb = (f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY l0 "ha">{laughs}]>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is></c></row></sheetData></worksheet>')
    _replace_member(path, "xl/worksheets/sheet1.xml", bomb.encode())
    # expat's amplification limit (or defusedxml) stops it: a located WorkbookError, not a hang
    assert "xl/worksheets/sheet1.xml 已损坏" in refused(path)


def test_corrupt_deflate_stream(tmp_path: Path) -> None:
    path = write(tmp_path / "t.xlsx", [income_table()])
    data = bytearray(path.read_bytes())
    start = data.find(b"xl/worksheets/sheet1.xml") + len("xl/worksheets/sheet1.xml") + 20
    data[start:start + 40] = b"\xff" * 40
    path.write_bytes(bytes(data))
    message = refused(path)
    assert "t.xlsx" in message
