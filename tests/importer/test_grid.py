from budgetlint.importer.grid import Cell, Grid, ImportFinding, Origin, Row


def _grid() -> Grid:
    # a title line, then a 2-row header whose first cell spans both rows and whose second spans two columns
    title = Row(0, (Cell("2025年部门收入预算总表", 0, 0),))
    head1 = Row(1, (Cell("项目", 1, 0, row_span=2), Cell("收入预算", 1, 1, col_span=2)), table=0)
    head2 = Row(2, (Cell("合计", 2, 1), Cell("财政拨款收入", 2, 2)), table=0)
    body = Row(3, (Cell("合计", 3, 0), Cell("1,000.00", 3, 1)), table=0)
    return Grid(Origin("a.pdf", page=10), (title, head1, head2, body), columns=(3,))


def test_cell_at_follows_row_and_column_spans() -> None:
    grid = _grid()
    assert grid.cell_at(2, 0) is not None and grid.cell_at(2, 0).text == "项目"  # row span
    assert grid.cell_at(1, 2) is not None and grid.cell_at(1, 2).text == "收入预算"  # column span
    assert grid.cell_at(3, 2) is None  # blank stays blank
    assert grid.cell_at(3, 0).text == "合计"  # type: ignore[union-attr]


def test_rows_tell_tables_from_free_text() -> None:
    grid = _grid()
    assert [row.is_text for row in grid.rows] == [True, False, False, False]
    assert [row.index for row in grid.table_rows(0)] == [1, 2, 3]


def test_origin_and_finding_render_in_chinese() -> None:
    assert Origin("a.pdf", page=9).label == "PDF 第 9 页"
    assert Origin("b.xlsx", sheet="T1").label == "工作表“T1”"
    finding = ImportFinding(Origin("a.pdf", page=9), "无法归入任何表格的行", text="合计 1.00")
    assert finding.render() == "a.pdf: PDF 第 9 页: 无法归入任何表格的行：“合计 1.00”"
