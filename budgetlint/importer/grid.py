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

import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Literal

_ADDRESS = re.compile(r"^([A-Z]{1,3})([1-9][0-9]*)$")
# A sheet name Excel writes without quotes in a reference: letters (CJK too), digits, "_" and ".", not starting
# with a digit or a ".", and not itself a cell address ("T1" would read as the cell T1: it is quoted).
_BARE_SHEET = re.compile(r"^[^\W\d.][\w.]*$")


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

    def cells(self, wheres: Iterable[str]) -> str | None:
        """The workbook place covering the given cell addresses ("B7", or "B7:D8" for a merged cell), in
        Excel's own notation: "表3!A8:F8" (one cell: "表3!C12"); None on a PDF page or without addresses.

        Excel's notation because a finance officer can paste it into Excel's name box to go there."""
        if self.sheet is None:
            return None
        corners = [part for where in wheres for part in where.split(":") if _ADDRESS.match(part)]
        if not corners:
            return None
        cols = [column_number(_ADDRESS.match(c).group(1)) for c in corners]  # type: ignore[union-attr]
        rows = [int(_ADDRESS.match(c).group(2)) for c in corners]  # type: ignore[union-attr]
        first = f"{column_letters(min(cols))}{min(rows)}"
        last = f"{column_letters(max(cols))}{max(rows)}"
        return f"{sheet_name(self.sheet)}!{first}" + (f":{last}" if last != first else "")


def provenance(origin: Origin, wheres: Iterable[str]) -> dict[str, int | str]:
    """Where a table, row or section was read, as the format records it: {"页码": 9} on a PDF page,
    {"单元格": "表3!A8:F8"} on a worksheet (docs/format.md §7), so that a finding on it can say where."""
    if origin.page is not None:
        return {"页码": origin.page}
    cells = origin.cells(wheres)
    return {"单元格": cells} if cells is not None else {}


def sheet_name(sheet: str) -> str:
    """A sheet name as Excel writes it in a reference: bare (表3) or quoted ('2025 收支'!, quotes doubled)."""
    if _BARE_SHEET.match(sheet) and not re.fullmatch(r"[A-Za-z]{1,3}[0-9]+|[RrCc][0-9]*", sheet):
        return sheet
    return "'" + sheet.replace("'", "''") + "'"


def column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


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
