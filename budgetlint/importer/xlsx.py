"""Excel workbooks (.xlsx) → Grids (grid.py): one worksheet, one printed surface.

Budget-management systems export a disclosure's tables as a workbook with one sheet per table: a title
row (often one cell merged across the width), a “编制部门：… 单位：元” row, header rows with merged cells,
classification codes in split 类/款/项 columns, body rows with amounts (numbers, or text with thousands
separators) and notes under the table. This reader turns each sheet into a Grid exactly as the PDF
reader turns a page into one, so the same mapper (tables.py) places both. docs/import.md says in Chinese
what is accepted.

Which rows are the table: cells with a border are table cells (exports draw the table's grid and leave
the title, the unit line and the notes unruled); rows from the first to the last bordered row form one
table, and a non-empty row without borders between two bordered blocks starts a new table. A sheet with
no border at all: its leading rows of one or two cells (title, unit line) and its trailing rows of one
cell (notes) are free text, the rest is the table.

Hostile or broken files are refused before openpyxl parses them, with a Chinese message naming the file,
the sheet and the cell (:class:`WorkbookError`): not a zip (an old .xls, a renamed file), a member that
inflates beyond the limits (zip bomb: every member is inflated once, in chunks, with a running cap),
a sheet beyond the row/column limits (checked on the cells actually present, not the declared
dimension), and formulas without a cached value (the file was never recalculated and saved by Excel:
its figures are unknown, and a blank would be a silent guess).

openpyxl runs in read-only mode (streaming, bounded memory); merged ranges, which read-only mode does
not load, come from one streaming pass over the sheet's XML that also finds formulas without values.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from .grid import Cell, Grid, ImportFinding, Origin, Row, column_letters, column_number
from .numfmt import UnsupportedFormat, show_number

# Limits: a budget table is tens of columns and at most a few thousand rows; these are far above any real
# export and far below what would take more than a second or a few hundred MB.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_INFLATED_BYTES = 64 * 1024 * 1024  # all members together, inflated (real exports: a few MB)
MAX_MEMBERS = 2000
MAX_SHEETS = 100
MAX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_MERGES = 20_000
MAX_MERGED_ROWS = 200_000  # rows covered by merged ranges, summed over the ranges (clipped to the values)
MAX_CELLS = 200_000  # cells holding a value, per sheet: a whole disclosure's tables are a few thousand
_CHUNK = 1 << 20

_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_COORD = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")
_UNIT_LINE = re.compile(r"单位[:：]|编制(?:部门|单位)[:：]")
_NOTE = re.compile(r"^\s*(?:注|说明|备注)")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class WorkbookError(Exception):
    """A workbook that cannot be read; the Chinese message names the file and, where known, sheet and cell."""


class WorkbookGrids(NamedTuple):
    """Every worksheet as a Grid, in workbook order, and what the reader has to say about the cells."""

    grids: tuple[Grid, ...]
    findings: tuple[ImportFinding, ...]


class _Raw(NamedTuple):
    """One cell as read: sheet row and column (1-based), printed text ('' when blank), border, address."""

    row: int
    col: int
    text: str
    bordered: bool
    address: str


def _address(row: int, col: int) -> str:
    return f"{column_letters(col)}{row}"


# --- the container ------------------------------------------------------------------------------------


def _check_container(path: Path, name: str) -> None:
    """Refuse what is not a reasonable xlsx before any XML is parsed (size, zip structure, inflation)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise WorkbookError(f"{name}: 文件不存在") from None
    except OSError as error:
        raise WorkbookError(f"{name}: 无法读取（{error.strerror}）") from None
    if head == _OLE_MAGIC:
        raise WorkbookError(f"{name}: 这是旧版 Excel 97-2003 工作簿（.xls），budgetlint 只读 .xlsx："
                            "请在 Excel 或 WPS 中“另存为” Excel 工作簿（*.xlsx）后再导入")
    if size > MAX_FILE_BYTES:
        raise WorkbookError(f"{name}: 文件有 {size // (1024 * 1024)} MB，超过上限 {MAX_FILE_BYTES // (1024 * 1024)} MB，"
                            "不像一份预算公开的表格")
    if not zipfile.is_zipfile(path):
        raise WorkbookError(f"{name}: 不是 Excel 工作簿（.xlsx 是 zip 压缩包，此文件不是），文件可能已损坏或只是改了扩展名")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise WorkbookError(f"{name}: 压缩包内有 {len(members)} 个文件，超过上限 {MAX_MEMBERS}，不是正常的工作簿")
            names = {m.filename for m in members}
            if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
                raise WorkbookError(f"{name}: 是 zip 压缩包，但不是 Excel 工作簿（缺少 [Content_Types].xml 或 xl/ 目录）")
            _inflate_all(archive, members, name)
    except zipfile.BadZipFile as error:
        raise WorkbookError(f"{name}: 压缩包已损坏（{error}）") from None
    except (OSError, EOFError, RuntimeError, NotImplementedError) as error:  # zlib errors, encryption, methods
        raise WorkbookError(f"{name}: 压缩包无法解压（{type(error).__name__}: {error}）") from None


def _inflate_all(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], name: str) -> None:
    """Inflate every member once with a running total: a zip bomb stops at the cap, whatever its header claims."""
    import zlib

    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise WorkbookError(f"{name}: 工作簿已加密（{member.filename}），请在 Excel 中取消密码后再导入")
        try:
            with archive.open(member) as stream:
                while chunk := stream.read(_CHUNK):
                    total += len(chunk)
                    if total > MAX_INFLATED_BYTES:
                        raise WorkbookError(
                            f"{name}: 解压后超过 {MAX_INFLATED_BYTES // (1024 * 1024)} MB（在 {member.filename} 处停止），"
                            "可能是“压缩炸弹”，不是正常的工作簿")
        except zlib.error as error:
            raise WorkbookError(f"{name}: 压缩包中的 {member.filename} 已损坏（{error}）") from None


# --- one sheet's XML: merged ranges and formulas without values ------------------------------------


class _SheetScan(NamedTuple):
    merges: tuple[tuple[int, int, int, int], ...]  # (min_row, min_col, max_row, max_col), 1-based
    uncached: tuple[str, ...]  # addresses of formula cells without a cached value
    last_row: int  # the last row and column holding a value (0 for an empty sheet)
    last_col: int


def _scan_sheet(archive: zipfile.ZipFile, member: str, where: str) -> _SheetScan:
    """Stream the sheet XML once: where values are, mergeCell refs, formula cells never computed.

    The limits are checked here, on the cells that hold a value, before openpyxl builds any cell: a
    declared dimension of A1:XFD1048576 or a styled empty cell far away costs nothing.
    """
    from openpyxl.xml.functions import iterparse  # defusedxml's when it is installed, like openpyxl itself

    merges: list[tuple[int, int, int, int]] = []
    uncached: list[str] = []
    last_row = last_col = 0
    row_number = col_number = 0  # where a cell without an “r” attribute sits (writers may omit it)
    cells = 0
    with archive.open(member) as stream:
        for event, element in iterparse(stream, events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == f"{_MAIN_NS}row":
                    given = element.get("r", "")
                    row_number = int(given) if given.isdigit() else row_number + 1
                    col_number = 0
                continue
            if tag == f"{_MAIN_NS}c":
                address = element.get("r", "")
                match = _COORD.match(address)
                if match:
                    col_number = column_number(match.group(1))
                    row = int(match.group(2))
                else:
                    col_number += 1
                    row = row_number
                    address = _address(row, col_number)
                formula = element.find(f"{_MAIN_NS}f")
                value = element.find(f"{_MAIN_NS}v")
                if value is None:
                    value = element.find(f"{_MAIN_NS}is")  # an inline string
                if formula is not None and (value is None or not "".join(value.itertext()).strip()):
                    uncached.append(address)
                if value is not None:
                    last_row, last_col = _extent(address, row, col_number, where, last_row, last_col)
                    cells += 1
                    if cells > MAX_CELLS:
                        raise WorkbookError(f"{where}: 有值的单元格超过 {MAX_CELLS} 个（到 {address} 为止），不是正常的预算表")
                element.clear()
            elif tag == f"{_MAIN_NS}row":
                element.clear()
            elif tag == f"{_MAIN_NS}mergeCell":
                merges.append(_range(element.get("ref", ""), where))
                if len(merges) > MAX_MERGES:
                    raise WorkbookError(f"{where}: 合并单元格超过 {MAX_MERGES} 个，不是正常的预算表")
                element.clear()
    return _SheetScan(tuple(merges), tuple(uncached), last_row, last_col)


def _extent(address: str, row: int, col: int, where: str, last_row: int, last_col: int) -> tuple[int, int]:
    if row > MAX_ROWS:
        raise WorkbookError(f"{where}: 单元格 {address} 在第 {row} 行，超过上限 {MAX_ROWS} 行，不是正常的预算表")
    if col > MAX_COLUMNS:
        raise WorkbookError(f"{where}: 单元格 {address} 在第 {col} 列，超过上限 {MAX_COLUMNS} 列，不是正常的预算表")
    return max(row, last_row), max(col, last_col)


def _range(ref: str, where: str) -> tuple[int, int, int, int]:
    first, _, last = ref.partition(":")
    a, b = _COORD.match(first), _COORD.match(last or first)
    if not a or not b:
        raise WorkbookError(f"{where}: 合并单元格范围“{ref}”无法识别")
    top, left = int(a.group(2)), column_number(a.group(1))
    bottom, right = int(b.group(2)), column_number(b.group(1))
    return min(top, bottom), min(left, right), max(top, bottom), max(left, right)


# --- cell values -----------------------------------------------------------------------------------


def _text(value: Any, number_format: str | None, where: str, findings: list[ImportFinding],
          origin: Origin) -> str:
    """The text a cell shows. Strings as stored (lines of a wrapped cell joined); numbers via numfmt."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "".join(line.strip() for line in value.strip().splitlines())
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        try:
            shown = show_number(value, number_format)
        except UnsupportedFormat as error:
            from .numfmt import stored_decimal

            plain = format(stored_decimal(value), "f")
            findings.append(ImportFinding(origin, f"{error}：按存储的数值 {plain} 读出，请核对印刷的写法",
                                          plain, where, "warning"))
            return plain
        if shown.hidden_digits:
            findings.append(ImportFinding(
                origin, f"单元格存的是 {format(shown.stored, 'f')}，按数字格式显示为 {shown.text}；"
                "导入的是显示的数，合计可能因隐藏的位数不符", shown.text, where, "warning"))
        return shown.text
    if isinstance(value, (datetime, date, time, timedelta)):
        text = value.isoformat() if not isinstance(value, timedelta) else str(value)
        findings.append(ImportFinding(origin, "日期或时间单元格：按 ISO 写法读出，预算表中通常不应出现", text, where,
                                      "warning"))
        return text
    raise WorkbookError(f"{where}: 无法识别的单元格值（{type(value).__name__}）")


def _bordered(cell: Any) -> bool:
    border = cell.border
    return any(getattr(side, "style", None) for side in (border.left, border.right, border.top, border.bottom))


def _sheet_cells(ws: Any, scan: _SheetScan, origin: Origin, findings: list[ImportFinding]) -> Iterator[_Raw]:
    """Every cell up to the last one holding a value (the scan bounded that by MAX_ROWS × MAX_COLUMNS)."""
    if not scan.last_row:
        return
    ws.reset_dimensions()  # the declared <dimension> may lie: read up to the scanned extent only
    for row in ws.iter_rows(min_row=1, max_row=scan.last_row, min_col=1, max_col=scan.last_col):
        for cell in row:
            column = getattr(cell, "column", None)
            if column is None:  # padding for a cell the file does not store
                continue
            where = _address(cell.row, column)
            text = _text(cell.value, cell.number_format, where, findings, origin)
            bordered = _bordered(cell) if cell.has_style else False
            if text or bordered:
                yield _Raw(cell.row, column, text, bordered, where)


# --- layout: rows → table blocks → Grid ---------------------------------------------------------


def _shown(cells: list[_Raw], merges: tuple[tuple[int, int, int, int], ...], origin: Origin,
           findings: list[ImportFinding]) -> list[_Raw]:
    """The cells Excel shows: a merged range shows its top-left cell only, so a value stored in another cell
    of the range is not printed — it is left out, and said (it may be a figure someone meant to publish)."""
    if not cells or not merges:
        return cells
    last_row = max(raw.row for raw in cells)
    by_row: dict[int, list[tuple[int, int, int, int]]] = {}
    rows_indexed = 0
    for merge in merges:
        top, _, bottom, _ = merge
        for row in range(top, min(bottom, last_row) + 1):
            by_row.setdefault(row, []).append(merge)
            rows_indexed += 1
            if rows_indexed > MAX_MERGED_ROWS:  # bounded work on hostile merges (real exports: a few hundred)
                raise WorkbookError(f"{origin.source}: {origin.label} 合并单元格覆盖的行过多（超过 {MAX_MERGED_ROWS}），"
                                    "不是正常的预算表")
    shown = []
    for raw in cells:
        hiding = next((m for m in by_row.get(raw.row, ()) if m[1] <= raw.col <= m[3] and (m[0], m[1]) != (raw.row, raw.col)),
                      None)
        if hiding is None:
            shown.append(raw)
        elif raw.text:
            findings.append(ImportFinding(
                origin, f"单元格在合并单元格 {_address(hiding[0], hiding[1])}:{_address(hiding[2], hiding[3])} 之内，"
                "Excel 不显示它的内容，未导入", raw.text, raw.address, "warning"))
    return shown


def _layout(cells: list[_Raw], merges: tuple[tuple[int, int, int, int], ...], origin: Origin) -> Grid:
    by_row: dict[int, list[_Raw]] = {}
    for raw in cells:
        by_row.setdefault(raw.row, []).append(raw)
    # A merged range is bordered when any cell of it is (exports often border only the edges).
    bordered_rows = {raw.row for raw in cells if raw.bordered}
    for top, _, bottom, _ in merges:
        if any(r in bordered_rows for r in range(top, bottom + 1)):
            bordered_rows.update(range(top, bottom + 1))
    filled = sorted(r for r, row in by_row.items() if any(c.text for c in row))
    if not filled:
        return Grid(origin, (), (), kind="xlsx")
    table_of = _table_rows(by_row, filled, bordered_rows)
    return _grid(by_row, filled, table_of, merges, origin)


def _table_rows(by_row: dict[int, list[_Raw]], filled: list[int], bordered: set[int]) -> dict[int, int]:
    """Sheet row → table number, for the rows that belong to a table (see the module docstring)."""
    table_of: dict[int, int] = {}
    if bordered:
        number, previous = -1, None
        blocks: list[list[int]] = []
        for row in range(min(bordered), max(bordered) + 1):
            if row in bordered:
                if previous is None or previous != row - 1 and _text_between(by_row, previous, row):
                    blocks.append([])
                blocks[-1].append(row)
                previous = row
        for number, block in enumerate(blocks):
            for row in range(block[0], block[-1] + 1):
                table_of[row] = number
        return table_of
    first, last = 0, len(filled) - 1
    while first <= last and _leading_text(by_row[filled[first]]):
        first += 1
    while last >= first and _trailing_text(by_row[filled[last]]):
        last -= 1
    if first <= last:
        for row in range(filled[first], filled[last] + 1):
            table_of[row] = 0
    return table_of


def _text_between(by_row: dict[int, list[_Raw]], after: int, before: int) -> bool:
    return any(c.text for r in range(after + 1, before) for c in by_row.get(r, ()))


def _leading_text(row: list[_Raw]) -> bool:
    texts = [c.text for c in row if c.text]
    return len(texts) == 1 or (len(texts) == 2 and any(_UNIT_LINE.search(t) for t in texts))


def _trailing_text(row: list[_Raw]) -> bool:
    texts = [c.text for c in row if c.text]
    return len(texts) == 1 and (_NOTE.match(texts[0]) is not None or len(texts[0]) > 20)


def _grid(by_row: dict[int, list[_Raw]], filled: list[int], table_of: dict[int, int],
          merges: tuple[tuple[int, int, int, int], ...], origin: Origin) -> Grid:
    kept = sorted(set(filled) | set(table_of))
    index = {row: i for i, row in enumerate(kept)}
    spans = {(top, left): (bottom, right) for top, left, bottom, right in merges}
    # Each table's column grid starts at its leftmost cell.
    lefts: dict[int, int] = {}
    rights: dict[int, int] = {}
    for row, number in table_of.items():
        for raw in by_row.get(row, ()):
            if raw.text or raw.bordered:
                lefts[number] = min(lefts.get(number, raw.col), raw.col)
                bottom_right = spans.get((raw.row, raw.col), (raw.row, raw.col))[1]
                rights[number] = max(rights.get(number, bottom_right), bottom_right)
    rows = []
    for row in kept:
        table = table_of.get(row)
        raws = sorted((c for c in by_row.get(row, ()) if c.text), key=lambda c: c.col)
        cells = []
        for order, raw in enumerate(raws):
            if table is None:
                cells.append(Cell(raw.text, index[row], order, where=raw.address))
                continue
            bottom, right = spans.get((raw.row, raw.col), (raw.row, raw.col))
            covered = [r for r in kept if raw.row <= r <= bottom and table_of.get(r) == table]
            where = raw.address if (bottom, right) == (raw.row, raw.col) else f"{raw.address}:{_address(bottom, right)}"
            cells.append(Cell(raw.text, index[row], raw.col - lefts[table], len(covered), right - raw.col + 1, where))
        rows.append(Row(index[row], tuple(cells), table))
    columns = tuple(rights[t] - lefts[t] + 1 for t in sorted(lefts))
    return Grid(origin, tuple(rows), columns, kind="xlsx")


# --- the workbook ----------------------------------------------------------------------------------


def read_xlsx(path: str | Path, *, source: str | None = None) -> WorkbookGrids:
    """Every worksheet as a Grid. Raises WorkbookError (Chinese, located) for a file that cannot be read."""
    path = Path(path)
    name = source if source is not None else str(path)
    _check_container(path, name)
    import openpyxl  # lazy: only `budgetlint import` of a workbook needs it

    findings: list[ImportFinding] = []
    grids: list[Grid] = []
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except WorkbookError:
        raise
    except Exception as error:  # openpyxl raises many ad-hoc types on a broken workbook; never a traceback
        broken = _broken_member(path)
        place = f"压缩包中的 {broken[0]} 已损坏（{broken[1]}）" if broken else f"{type(error).__name__}: {error}"
        raise WorkbookError(f"{name}: 工作簿无法打开：{place}") from None
    try:
        if len(workbook.sheetnames) > MAX_SHEETS:
            raise WorkbookError(f"{name}: 有 {len(workbook.sheetnames)} 个工作表，超过上限 {MAX_SHEETS}")
        archive = workbook._archive  # the open zip, to stream each sheet's XML for merges and formulas
        for sheet_name in workbook.sheetnames:
            grids.append(_read_sheet(workbook, archive, sheet_name, name, findings))
    except WorkbookError:
        raise
    except Exception as error:  # a sheet's XML broken in a way openpyxl does not name: say where, no traceback
        raise WorkbookError(f"{name}: 工作表无法读取（{type(error).__name__}: {error}）") from None
    finally:
        workbook.close()
    return WorkbookGrids(tuple(grids), tuple(findings))


def _broken_member(path: Path) -> tuple[str, str] | None:
    """The first XML member that does not parse, and where (to name it in the message), or None."""
    from openpyxl.xml.functions import iterparse

    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if not member.endswith((".xml", ".rels")):
                continue
            try:
                with archive.open(member) as stream:
                    for _, element in iterparse(stream, events=("end",)):
                        element.clear()
            except Exception as error:  # noqa: BLE001 - any parse failure is what is being looked for
                position = getattr(error, "position", None)
                at = f"第 {position[0]} 行第 {position[1] + 1} 列" if position else type(error).__name__
                return member, f"XML {at}：{error}"
    return None


def _read_sheet(workbook: Any, archive: zipfile.ZipFile, sheet_name: str, name: str,
                findings: list[ImportFinding]) -> Grid:
    origin = Origin(name, sheet=sheet_name)
    where = f"{name}: {origin.label}"
    ws = workbook[sheet_name]
    member = getattr(ws, "_worksheet_path", None)
    if member is None:  # a chartsheet: nothing tabular is printed on it, and that is said
        findings.append(ImportFinding(origin, "图表工作表，没有表格可导入", "", "", "warning"))
        return Grid(origin, (), (), kind="xlsx")
    try:
        scan = _scan_sheet(archive, member, where)
    except WorkbookError:
        raise
    except Exception as error:  # XML syntax errors, entity declarations refused by defusedxml …
        raise WorkbookError(f"{where}: XML 已损坏（{type(error).__name__}: {error}）") from None
    if scan.uncached:
        shown = "、".join(scan.uncached[:10]) + ("……" if len(scan.uncached) > 10 else "")
        raise WorkbookError(f"{where}: 单元格 {shown} 是公式但没有保存计算结果（共 {len(scan.uncached)} 个），"
                            "导入无法知道它们显示的数：请用 Excel 或 WPS 打开、重新计算并保存后再导入")
    cells = list(_sheet_cells(ws, scan, origin, findings))
    return _layout(_shown(cells, scan.merges, origin, findings), scan.merges, origin)
