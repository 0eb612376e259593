"""PDF pages → Grids (grid.py): ruled tables cell by cell, everything else as lines of free text.

Published disclosures are text-layer PDFs whose tables are drawn with thin filled rectangles (rules).
pdfplumber finds the cells of a ruled table from those rules; we place every character of the page
ourselves, once: a character whose centre falls inside a table cell belongs to that cell, every other
character to a line of free text. So nothing printed is lost between the two readings, and each
character is read once (speed: a 30-page document is read in well under a second).

`import pdfplumber` happens inside `read_pdf`, so `budgetlint check` never pays for it.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from .grid import Cell, Grid, Origin, Row

# Two characters further apart than this (points) are separated by a space, as pdfplumber's own
# extract_text does (its default x_tolerance): the importer's text and the page text then agree.
_SPACE_GAP = 3.0
# Characters on one line whose tops differ by less than this (points) are on the same printed line.
_LINE_TOLERANCE = 3.0
# A gap wider than this many character widths splits a line of free text into separate runs
# ("编制部门：X" … "单位：元").
_RUN_GAP_CHARS = 3.0


class PdfReadError(Exception):
    """The file cannot be read as a PDF with a text layer; the message is Chinese and says where."""


@dataclass(frozen=True)
class _Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass(frozen=True)
class _TableFrame:
    """A ruled table: its column and row boundaries and its cells as boxes on that grid."""

    bbox: tuple[float, float, float, float]
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    # (first row, first col, row span, col span) of each cell, on the xs/ys grid
    boxes: tuple[tuple[int, int, int, int], ...]


def read_pdf(path: str | Path, *, source: str | None = None) -> list[Grid]:
    """Every page of a PDF as a Grid. Raises PdfReadError for a file that is not a readable PDF."""
    try:
        import pdfplumber  # lazy: only `budgetlint import` needs it
        from pdfminer.pdfparser import PDFSyntaxError
        from pdfminer.psparser import PSException
    except ImportError as exc:  # pragma: no cover - pdfplumber is a dependency
        raise PdfReadError("读取 PDF 需要 pdfplumber：pip install pdfplumber") from exc
    name = source if source is not None else str(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(1024)
    except FileNotFoundError as exc:
        raise PdfReadError("文件不存在") from exc
    except OSError as exc:
        raise PdfReadError(f"无法读取文件：{exc.strerror or exc}") from exc
    if not head:
        raise PdfReadError("文件是空的")
    if b"%PDF-" not in head:
        raise PdfReadError("不是 PDF 文件（文件开头没有 %PDF 标记）")
    grids: list[Grid] = []
    # pdfminer logs its own English warnings on odd files; what matters reaches the user as a Chinese message
    quiet = logging.getLogger("pdfminer")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        with pdfplumber.open(str(path)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                try:
                    grids.append(_page_grid(page, Origin(name, page=number)))
                except (PSException, PDFSyntaxError, ValueError, KeyError, TypeError, AttributeError) as exc:
                    raise PdfReadError(f"PDF 第 {number} 页无法读取（文件损坏或格式不受支持：{type(exc).__name__}）") from exc
    except PdfReadError:
        raise
    except FileNotFoundError as exc:
        raise PdfReadError("文件不存在") from exc
    except (PSException, PDFSyntaxError) as exc:
        raise PdfReadError(f"不是有效的 PDF 文件（{type(exc).__name__}）") from exc
    except Exception as exc:  # pdfminer raises many ad-hoc types on hostile input; never a traceback
        # pdfplumber wraps pdfminer's error (PdfminerException(PDFPasswordIncorrect())): look at both
        causes = [exc, *(a for a in exc.args if isinstance(a, BaseException)), exc.__context__]
        if any(c is not None and ("Password" in type(c).__name__ or "Encrypt" in type(c).__name__) for c in causes):
            raise PdfReadError("PDF 已加密（需要密码），无法读取；请提供未加密的文件") from exc
        raise PdfReadError(f"PDF 文件损坏或不完整，无法读取（{type(exc).__name__}: {exc}）") from exc
    finally:
        quiet.setLevel(level)
    return grids


def _page_grid(page: Any, origin: Origin) -> Grid:
    chars = [
        _Char(c["text"], float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"]), float(c.get("size") or 10))
        for c in page.chars
        if c["text"]
    ]
    frames = [_frame(table) for table in page.find_tables()]
    frames = [frame for frame in frames if frame is not None]
    frames.sort(key=lambda frame: frame.bbox[1])
    # characters of each cell, by (table, box index); the rest are free text
    in_cells: dict[tuple[int, int], list[_Char]] = {}
    free: list[_Char] = []
    owners = [_owner_map(frame) for frame in frames]
    for char in chars:
        placed = False
        cx, cy = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
        for t, frame in enumerate(frames):
            x0, top, x1, bottom = frame.bbox
            if not (x0 <= cx <= x1 and top <= cy <= bottom):
                continue
            col = bisect.bisect_right(frame.xs, cx) - 1
            row = bisect.bisect_right(frame.ys, cy) - 1
            box = owners[t].get((row, col))
            if box is not None:
                in_cells.setdefault((t, box), []).append(char)
                placed = True
            break
        if not placed:
            free.append(char)
    # one entry per printed line: free text lines and table rows, ordered down the page
    entries: list[tuple[float, int, Any]] = []
    free_lines = [line for line in (_trim(line) for line in _lines(free)) if line]
    aligned = _aligned_blocks(free_lines, first_table=len(frames)) if not frames else {}
    for number, line in enumerate(free_lines):
        entries.append((line[0].top, 0, (number, line)))
    for t, frame in enumerate(frames):
        for r in range(len(frame.ys) - 1):
            entries.append((frame.ys[r], 1, (t, r)))
    entries.sort(key=lambda entry: (entry[0], entry[1]))
    row_index: dict[tuple[int, int], int] = {}
    for index, (_, kind, payload) in enumerate(entries):
        if kind == 1:
            row_index[payload] = index
    rows: list[Row] = []
    for index, (_, kind, payload) in enumerate(entries):
        if kind == 0:
            number, line = payload
            runs = _runs(line)
            if number in aligned:
                table, places = aligned[number]
                cells = tuple(
                    Cell(_text([run]), index, col, col_span=span, where=f"x={run[0].x0:.0f} y={run[0].top:.0f}")
                    for run, (col, span) in zip(runs, places)
                )
                rows.append(Row(index, cells, table=table))
                continue
            cells = tuple(
                Cell(_text([run]), index, col, where=f"x={run[0].x0:.0f} y={run[0].top:.0f}")
                for col, run in enumerate(runs)
            )
            rows.append(Row(index, cells))
            continue
        t, r = payload
        frame = frames[t]
        cells_list = []
        for b, (row0, col0, rspan, cspan) in enumerate(frame.boxes):
            if row0 != r or (t, b) not in in_cells:
                continue
            text = _cell_text(in_cells[(t, b)])
            if not text:
                continue
            # a row span is counted in printed lines of the page (table rows only, as rows interleave)
            last = row_index[(t, row0 + rspan - 1)]
            cells_list.append(
                Cell(text, index, col0, row_span=last - index + 1, col_span=cspan,
                     where=f"x={frame.xs[col0]:.0f} y={frame.ys[row0]:.0f}")
            )
        cells_list.sort(key=lambda cell: cell.col)
        rows.append(Row(index, tuple(cells_list), table=t))
    columns = tuple(len(frame.xs) - 1 for frame in frames)
    if aligned:
        widths: dict[int, int] = {}
        for table, places in aligned.values():
            widths[table] = max(widths.get(table, 0), *(col + span for col, span in places))
        columns = tuple(widths[t] for t in sorted(widths))
    return Grid(origin, tuple(rows), columns=columns, kind="pdf")


_AMOUNT = re.compile(r"^-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?$")
_MIN_BODY_LINES = 2


def _aligned_blocks(lines: list[list[_Char]], first_table: int) -> dict[int, tuple[int, list[tuple[int, int]]]]:
    """Tables printed without rules, from word positions: blocks of consecutive lines with several runs and
    an amount among them (the body), with up to three multi-run lines just above (the header). Columns are
    the x-extents of the body's runs merged where they overlap (amounts right-aligned, names left-aligned);
    a header run spans the columns it covers. Returns line number → (table number, (col, span) per run).
    A page with ruled tables is read from its rules only."""
    runs_of = [_runs(line) for line in lines]

    def body(i: int) -> bool:
        return len(runs_of[i]) >= 2 and any(_AMOUNT.match(_text([run])) for run in runs_of[i])

    out: dict[int, tuple[int, list[tuple[int, int]]]] = {}
    table = first_table
    i = 0
    while i < len(lines):
        if not body(i):
            i += 1
            continue
        end = i
        while end + 1 < len(lines) and body(end + 1):
            end += 1
        if end - i + 1 >= _MIN_BODY_LINES:
            start = i
            while start > 0 and i - start < 3 and len(runs_of[start - 1]) >= 2 and not body(start - 1):
                start -= 1
            spans = sorted((run[0].x0, run[-1].x1) for n in range(i, end + 1) for run in runs_of[n])
            merged: list[list[float]] = []
            for x0, x1 in spans:
                if merged and x0 <= merged[-1][1] + 1.0:
                    merged[-1][1] = max(merged[-1][1], x1)
                else:
                    merged.append([x0, x1])
            for n in range(start, end + 1):
                places = []
                for run in runs_of[n]:
                    x0, x1 = run[0].x0, run[-1].x1
                    covered = [c for c, (a, b) in enumerate(merged) if x0 <= b + 1.0 and x1 >= a - 1.0]
                    if not covered:  # a header word between columns: the nearest column by centre
                        centre = (x0 + x1) / 2
                        covered = [min(range(len(merged)), key=lambda c: abs((merged[c][0] + merged[c][1]) / 2 - centre))]
                    places.append((covered[0], covered[-1] - covered[0] + 1))
                out[n] = (table, places)
            table += 1
        i = end + 1
    return out


def _snap(values: Iterable[float], tolerance: float = 2.0) -> list[float]:
    """Sorted boundaries with near-equal positions (rule thickness, rounding) merged into one."""
    out: list[float] = []
    for value in sorted(values):
        if out and value - out[-1] <= tolerance:
            continue
        out.append(value)
    return out


def _frame(table: Any) -> _TableFrame | None:
    boxes_raw: Sequence[tuple[float, float, float, float]] = table.cells
    if not boxes_raw:
        return None
    xs = _snap(v for box in boxes_raw for v in (box[0], box[2]))
    ys = _snap(v for box in boxes_raw for v in (box[1], box[3]))
    if len(xs) < 2 or len(ys) < 2:
        return None

    def index(bounds: list[float], value: float) -> int:
        i = bisect.bisect_left(bounds, value - 2.0)
        return min(i, len(bounds) - 1)

    boxes = []
    for x0, top, x1, bottom in boxes_raw:
        c0, c1 = index(xs, x0), index(xs, x1)
        r0, r1 = index(ys, top), index(ys, bottom)
        if c1 <= c0 or r1 <= r0:
            continue
        boxes.append((r0, c0, r1 - r0, c1 - c0))
    return _TableFrame(tuple(float(v) for v in table.bbox), tuple(xs), tuple(ys), tuple(boxes))


def _owner_map(frame: _TableFrame) -> dict[tuple[int, int], int]:
    owners: dict[tuple[int, int], int] = {}
    for b, (r0, c0, rspan, cspan) in enumerate(frame.boxes):
        for r in range(r0, r0 + rspan):
            for c in range(c0, c0 + cspan):
                owners.setdefault((r, c), b)
    return owners


def _lines(chars: list[_Char]) -> list[list[_Char]]:
    """Characters grouped into printed lines (by top), each line left to right."""
    lines: list[list[_Char]] = []
    for char in sorted(chars, key=lambda c: (c.top, c.x0)):
        if lines and abs(char.top - lines[-1][0].top) <= _LINE_TOLERANCE:
            lines[-1].append(char)
        else:
            lines.append([char])
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


def _trim(chars: list[_Char]) -> list[_Char]:
    """Without the space characters at either end (a line or run of spaces alone is no printed text)."""
    start, end = 0, len(chars)
    while start < end and chars[start].text.isspace():
        start += 1
    while end > start and chars[end - 1].text.isspace():
        end -= 1
    return chars[start:end]


def _runs(line: list[_Char]) -> list[list[_Char]]:
    """A line split where the gap between printed characters is wide (space characters do not count)."""
    runs: list[list[_Char]] = [[line[0]]]
    previous = line[0]
    for char in line[1:]:
        if not char.text.isspace() and char.x0 - previous.x1 > _RUN_GAP_CHARS * max(previous.size, char.size):
            runs.append([char])
        else:
            runs[-1].append(char)
        if not char.text.isspace():
            previous = char
    return [run for run in (_trim(run) for run in runs) if run]


def _text(lines: list[list[_Char]]) -> str:
    """The characters of a run or cell as printed: a space character or a gap wider than _SPACE_GAP is one
    space (as pdfplumber's extract_text); lines are joined without a separator; ends stripped."""
    parts = []
    for line in lines:
        out: list[str] = []
        previous: _Char | None = None
        for char in line:
            space = char.text.isspace()
            if previous is not None and not space and char.x0 - previous.x1 > _SPACE_GAP and out and out[-1] != " ":
                out.append(" ")
            if space:
                if out and out[-1] != " ":
                    out.append(" ")
            else:
                out.append(char.text)
                previous = char
        parts.append("".join(out).strip())
    return "".join(parts).strip()


def _cell_text(chars: list[_Char]) -> str:
    """A cell's text: its lines top to bottom joined without a separator (a wrapped Chinese label)."""
    return _text(_lines(chars))
