"""The grid of printed cells: the one model that every reader of a published document produces.

Contract (the PDF reader `importer.pdf` and the Excel reader `importer.xlsx` both keep it; the table mapper
`importer.tables` reads nothing else, so it cannot tell where a grid came from):

* A `Grid` is one printed surface: one PDF page or one worksheet. Its `origin` says which
  (`Origin.page`, 1-based, for a PDF; `Origin.sheet` for a workbook) and `Origin.label` says it in Chinese
  for messages ("PDF 第 9 页", "工作表“T1”").
* `Grid.rows` is everything printed on that surface, top to bottom, nothing dropped: the table title, the
  "编制部门：… 单位：元" line, the header rows, the body rows, the notes under the table, and on a narrative
  page the lines of text. A row is a `Row` of `Cell`s, left to right.
* `Row.table` tells table rows from free text: rows of the same ruled (or aligned) table share one table
  number (0, 1, … in order down the surface); a line of free text has `table=None`, and its cells are the
  runs of text separated by a wide gap (so "编制部门：X  单位：元" is two cells), numbered 0, 1, … by `col`.
* In a table row, `Cell.col` is the cell's first column on the table's column grid (0-based, shared by
  every row of that table) and `Cell.col_span`/`Cell.row_span` how many columns/rows a merged or spanning
  cell covers. A spanning cell appears once, in the row where it starts (its top-left); `Grid.cell_at`
  finds the cell covering any position. `Grid.columns[t]` is the number of columns of table t.
* `Cell.text` is the text exactly as printed: characters untouched (full-width punctuation, thousands
  separators, "0.00", "-"), only leading/trailing blanks removed; the lines of a cell that wraps are joined
  without a separator (Chinese text wraps without spaces). An empty printed cell is simply absent — a
  reader never invents a cell with "" text. Turning text into amounts and codes is the mapper's job, so a
  number written in Excel as a number is given as its printed text (the reader formats it as displayed).
* Provenance: `Cell.where` is the reader's own precise location — for a PDF the top-left corner in points
  ("x=120 y=88"), for a sheet the cell address ("B7") — and only used in messages.

Values that cross modules are frozen dataclasses: the grid is built once by a reader and only read after.
`ImportFinding` is the located report of anything that could not be placed (a page, a row, a cell, a
table): both readers and the mapper produce them, and `budgetlint import` prints them and exits 1 unless
`--allow-partial`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Literal


@dataclass(frozen=True)
class Origin:
    """Where a grid was printed: a PDF page or a worksheet of a file."""

    source: str  # the file name as given on the command line
    page: int | None = None  # 1-based page number of a PDF
    sheet: str | None = None  # the worksheet's name in a workbook

    @property
    def label(self) -> str:
        """Chinese location for messages: "PDF 第 9 页" or "工作表“T1”"."""
        if self.page is not None:
            return f"PDF 第 {self.page} 页"
        if self.sheet is not None:
            return f"工作表“{self.sheet}”"
        return self.source


@dataclass(frozen=True)
class Cell:
    """One printed cell (or one run of free text): its text exactly as printed and its place on the grid."""

    text: str
    row: int  # index of the Row where the cell starts (top-left), in Grid.rows
    col: int  # first column on the table's column grid; for free text, the run's order in its line
    row_span: int = 1
    col_span: int = 1
    where: str = ""  # the reader's own location: "x=120 y=88" on a PDF page, "B7" on a sheet


@dataclass(frozen=True)
class Row:
    """One line of print: a table row (table = the table's number on the surface) or a line of free text."""

    index: int
    cells: tuple[Cell, ...]
    table: int | None = None

    @property
    def text(self) -> str:
        """The row's cells joined by one space, for titles, headings, notes and messages."""
        return " ".join(cell.text for cell in self.cells)

    @property
    def is_text(self) -> bool:
        return self.table is None


@dataclass(frozen=True)
class Grid:
    """Everything printed on one surface (a PDF page, a worksheet), as rows of cells."""

    origin: Origin
    rows: tuple[Row, ...]
    columns: tuple[int, ...] = ()  # columns[t] = number of columns of table t on this surface
    kind: Literal["pdf", "xlsx"] = "pdf"

    def table_rows(self, table: int) -> tuple[Row, ...]:
        return tuple(row for row in self.rows if row.table == table)

    def cell_at(self, row: int, col: int) -> Cell | None:
        """The cell covering (row, col) in a table, following row and column spans; None when blank."""
        for start in range(row, -1, -1):
            for cell in self.rows[start].cells:
                if cell.col <= col < cell.col + cell.col_span and cell.row + cell.row_span > row:
                    return cell
            if self.rows[start].table != self.rows[row].table:
                break
        return None

    def cells(self) -> Iterator[Cell]:
        for row in self.rows:
            yield from row.cells

    @property
    def text_lines(self) -> tuple[str, ...]:
        """Every row's text, top to bottom (the surface read as lines)."""
        return tuple(row.text for row in self.rows)


@dataclass(frozen=True)
class ImportFinding:
    """Something printed that import could not place, located on its page or sheet with its printed text."""

    origin: Origin
    message: str  # Chinese, says what could not be placed and why
    text: str = ""  # the printed text concerned (a row, a cell), verbatim
    where: str = ""  # finer location on the surface when known (a cell address, coordinates)
    severity: Literal["error", "warning"] = "error"

    def render(self) -> str:
        place = self.origin.label + (f" {self.where}" if self.where else "")
        quoted = f"：“{self.text}”" if self.text else ""
        return f"{self.origin.source}: {place}: {self.message}{quoted}"
