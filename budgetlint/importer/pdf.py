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
        if c["text"] and not c["text"].isspace()
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
    for line in _lines(free):
        entries.append((line[0].top, 0, line))
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
            runs = _runs(payload)
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
    return Grid(origin, tuple(rows), columns=columns, kind="pdf")


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


def _runs(line: list[_Char]) -> list[list[_Char]]:
    runs: list[list[_Char]] = [[line[0]]]
    for prev, char in zip(line, line[1:]):
        if char.x0 - prev.x1 > _RUN_GAP_CHARS * max(prev.size, char.size):
            runs.append([char])
        else:
            runs[-1].append(char)
    return runs


def _text(lines: list[list[_Char]]) -> str:
    parts = []
    for line in lines:
        out = [line[0].text]
        for prev, char in zip(line, line[1:]):
            if char.x0 - prev.x1 > _SPACE_GAP:
                out.append(" ")
            out.append(char.text)
        parts.append("".join(out))
    return "".join(parts).strip()


def _cell_text(chars: list[_Char]) -> str:
    """A cell's text: its lines top to bottom joined without a separator (a wrapped Chinese label)."""
    return _text(_lines(chars))
