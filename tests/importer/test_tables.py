"""The table mapper on hand-built Grids (as the Excel reader builds them): it reads nothing but the grid."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlint.importer.grid import Cell, Grid, Origin, Row
from budgetlint.importer.tables import import_tables, parse_amount
from budgetlint.profile import load_profile


def _sheet(name: str, lines: list[list[tuple[int, str] | tuple[int, str, int, int]]], table_from: int, table_to: int,
           columns: int) -> Grid:
    """Rows of (col, text[, row_span, col_span]); rows `table_from` … `table_to` - 1 belong to table 0."""
    rows = []
    for index, line in enumerate(lines):
        cells = tuple(
            Cell(spec[1], index, spec[0], row_span=spec[2] if len(spec) > 2 else 1,  # type: ignore[misc]
                 col_span=spec[3] if len(spec) > 3 else 1, where=f"R{index + 1}C{spec[0] + 1}")  # type: ignore[misc]
            for spec in line
        )
        rows.append(Row(index, cells, table=0 if table_from <= index < table_to else None))
    return Grid(Origin("t.xlsx", sheet=name), tuple(rows), columns=(columns,), kind="xlsx")


T2 = _sheet("T2", [
    [(0, "2025年部门收入预算总表")],
    [(0, "编制部门：上海市某区档案局"), (1, "单位：元")],
    [(0, "项目", 1, 4), (4, "收入预算", 1, 5)],
    [(0, "功能分类科目编码", 1, 3), (3, "功能分类科目名称", 2, 1), (4, "合计", 2, 1), (5, "财政拨款收入", 2, 1),
     (6, "事业收入", 2, 1), (7, "事业单位经营收入", 2, 1), (8, "其他收入", 2, 1)],
    [(0, "类"), (1, "款"), (2, "项")],
    [(0, "201"), (3, "一般公共服务支出"), (4, "1,000.50"), (5, "1,000.50"), (6, "0"), (8, "-")],
    [(0, "201"), (1, "26"), (3, "档案事务"), (4, "1,000.50"), (5, "1,000.50")],
    [(0, "201"), (1, "26"), (2, "01"), (3, "行政运行"), (4, "1,000.50"), (5, "1,000.50")],
    [(0, "合计", 1, 4), (4, "1,000.50"), (5, "1,000.50")],
    [(0, "注：本表为示例。")],
], table_from=2, table_to=9, columns=9)


def test_a_sheet_table_with_merged_headers_and_split_codes() -> None:
    result = import_tables([T2], load_profile("shanghai"))
    assert result.findings == ()
    table = result.tables["收入表"]
    assert (table["编号"], table["标题"], table["部门"], table["单位"], table["年度"]) == (
        "T2", "2025年部门收入预算总表", "上海市某区档案局", "元", 2025)
    assert table["合计行"] == {"总计": Decimal("1000.50"), "本年收入": {"财政拨款收入": Decimal("1000.50")}}
    first, second, third = table["明细"]
    assert (first["编码"], second["编码"], third["编码"]) == ("201", "20126", "2012601")
    # printed 0 stays 0, a dash is a printed blank, an empty cell is absent
    assert first["本年收入"]["事业收入"] == Decimal("0") and first["本年收入"]["其他收入"] is None
    assert "事业单位经营收入" not in first["本年收入"]
    assert "页码" not in first  # a sheet has no page
    assert table["说明"] == "注：本表为示例。"
    assert result.pages == {"收入表": ("T2",)}


def test_what_has_no_place_is_reported_with_its_sheet_and_cell() -> None:
    rows = list(T2.rows)
    bad = Row(5, (Cell("201", 5, 0), Cell("一般公共服务支出", 5, 3), Cell("约1000", 5, 4, where="R6C5")), table=0)
    rows[5] = bad
    result = import_tables([Grid(T2.origin, tuple(rows), T2.columns, "xlsx")], load_profile("shanghai"))
    assert [(f.origin.label, f.where, f.text) for f in result.findings] == [("工作表“T2”", "R6C5", "约1000")]
    assert "不是金额" in result.findings[0].message


@pytest.mark.parametrize(("text", "value"), [("1,234.50", Decimal("1234.50")), ("0", Decimal("0")), ("0.00", Decimal("0.00")),
                                              ("-12.5", Decimal("-12.5")), ("", None), ("-", None), ("—", None)])
def test_amounts_are_decimals_from_the_printed_text(text: str, value: Decimal | None) -> None:
    parsed = parse_amount(text)
    assert parsed == value and (value is None or str(parsed) == str(value))


@pytest.mark.parametrize("text", ["1,2345.00", "12.5%", "１２", "1.2.3", "约10", "1e3"])
def test_anything_else_is_not_an_amount(text: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(text)
