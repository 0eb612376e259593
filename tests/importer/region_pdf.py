"""A test-only PDF writer: a whole 部门预算 (narrative pages and ruled tables) printed from a format v1 file.

reportlab's STSong-Light is a CID font every PDF reader knows (Adobe-GB1), so Chinese text is written
without a font file. Narrative pages print the parts as the Henan seed does ("第一部分" on its own line,
then the part's title, the section headings and the text, line for line as the YAML keeps them); each table
of tests/importer/region_layouts.py is drawn on a page of its own, every cell (merged ones once) a stroked
rectangle, as published PDFs rule their tables, with its text wrapped inside the cell. A page is as tall as
its content needs (a test page need not be A4).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from region_layouts import Printed
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
WIDTH, HEIGHT = landscape(A4)
MARGIN = 30.0
TEXT_SIZE = 10.0
LEADING = 15.0
CELL_SIZE = 6.5
CELL_LEADING = 8.5


def _width(text: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, FONT, size)


def narrative_lines(doc: dict[str, Any]) -> list[list[str]]:
    """The narrative as pages of lines: each part starts a page with "第N部分" and its title."""
    pages = []
    numbers = "一二三四五六七八九"
    for index, (key, part) in enumerate(doc.get("正文", {}).items()):
        lines = [f"第{numbers[index]}部分", part.get("标题", key)]
        for section in part.get("章节", []):
            lines.extend(_section_lines(section))
        pages.append(lines)
    if "附件标题" in doc and pages:  # the seed prints it right after the 名词解释, on the same page
        pages[-1].append(f"附件：{doc['附件标题']}")
    return pages


def _section_lines(section: dict[str, Any]) -> list[str]:
    lines = [section["标题"]] if "标题" in section else []
    lines.extend(section.get("文本", "").splitlines())
    for sub in section.get("小节", []):
        lines.extend(_section_lines(sub))
    return lines


def _wrap(text: str, width: float, size: float) -> list[str]:
    """Lines of a cell: the printed breaks ("\\n") and a break wherever the cell is full — never next to a
    space (a reader joins the lines of a cell without one, so a space at a break would be lost)."""
    out: list[str] = []
    for paragraph in str(text).split("\n"):
        line = ""
        for char in paragraph:
            if line and _width(line + char, size) > width and char != " " and line[-1] != " ":
                out.append(line)
                line = char
            else:
                line += char
        out.append(line)
    return out


def _column_widths(table: Printed) -> list[float]:
    """Widths in proportion to what each column prints (at least an amount's width), filling the page."""
    need = [24.0] * table.width
    for _, col, value, _, span in table.cells:
        if span == 1:
            longest = max(_width(line, CELL_SIZE) for line in str(value).split("\n"))
            need[col] = max(need[col], min(longest + 6, 260.0))
    scale = (WIDTH - 2 * MARGIN) / sum(need)
    return [w * scale for w in need]


def _draw_table(canvas: Canvas, table: Printed, top: float, page_height: float) -> float:
    widths = _column_widths(table)
    xs = [MARGIN]
    for w in widths:
        xs.append(xs[-1] + w)
    owner: dict[tuple[int, int], tuple[int, int, Any, int, int]] = {}
    for cell in table.cells:
        r, c, _, rs, cs = cell
        for rr in range(r, r + rs):
            for cc in range(c, c + cs):
                owner[(rr, cc)] = cell
    # each row as tall as its tallest single-row cell
    heights = [CELL_LEADING + 4] * table.height
    for r, c, value, rs, cs in table.cells:
        lines = _wrap(value, xs[c + cs] - xs[c] - 4, CELL_SIZE)
        need = len(lines) * CELL_LEADING + 4
        if rs == 1:
            heights[r] = max(heights[r], need)
    for r, c, value, rs, cs in table.cells:  # a tall merged cell stretches its last row
        need = len(_wrap(value, xs[c + cs] - xs[c] - 4, CELL_SIZE)) * CELL_LEADING + 4
        have = sum(heights[r:r + rs])
        if need > have:
            heights[r + rs - 1] += need - have
    ys = [top]
    for h in heights:
        ys.append(ys[-1] + h)
    canvas.setLineWidth(0.5)
    drawn = set()
    for r in range(table.height):
        for c in range(table.width):
            cell = owner.get((r, c), (r, c, None, 1, 1))
            if cell[:2] in drawn:
                continue
            drawn.add(cell[:2])
            cr, cc, value, rs, cs = cell
            x0, x1, y0, y1 = xs[cc], xs[cc + cs], ys[cr], ys[cr + rs]
            canvas.rect(x0, page_height - y1, x1 - x0, y1 - y0, stroke=1, fill=0)
            if value is None:
                continue
            canvas.setFont(FONT, CELL_SIZE)
            for i, line in enumerate(_wrap(value, x1 - x0 - 4, CELL_SIZE)):
                y = page_height - (y0 + 2 + CELL_SIZE + i * CELL_LEADING)
                if isinstance(value, Decimal):
                    canvas.drawRightString(x1 - 2, y, line)
                else:
                    canvas.drawString(x0 + 2, y, line)
    return ys[-1]


def _text_line(canvas: Canvas, cells: Sequence[str], y: float, page_height: float) -> None:
    canvas.setFont(FONT, TEXT_SIZE)
    canvas.drawString(MARGIN, page_height - y, cells[0])
    if len(cells) > 1:  # "部门：X" … "单位：万元": the second run at the right margin
        canvas.drawRightString(WIDTH - MARGIN, page_height - y, cells[-1])


def write_pdf(path: Path, narrative: Sequence[Sequence[str]], tables: Sequence[Printed]) -> Path:
    canvas = Canvas(str(path), pagesize=(WIDTH, HEIGHT))
    per_page = int((HEIGHT - 2 * MARGIN) / LEADING)
    for lines in narrative:
        for start in range(0, len(lines), per_page):
            for i, line in enumerate(lines[start:start + per_page]):
                _text_line(canvas, [line], MARGIN + TEXT_SIZE + i * LEADING, HEIGHT)
            canvas.showPage()
    for table in tables:
        # first pass measures the page height the table needs
        probe = Canvas(str(path) + ".probe", pagesize=(WIDTH, 10000))
        top = MARGIN + len(table.above) * LEADING + 4
        bottom = _draw_table(probe, table, top, 10000) + len(table.below) * LEADING + MARGIN
        height = max(HEIGHT, bottom)
        canvas.setPageSize((WIDTH, height))
        for i, line in enumerate(table.above):
            if any(line):
                _text_line(canvas, line, MARGIN + TEXT_SIZE + i * LEADING, height)
        end = _draw_table(canvas, table, top, height)
        for i, note in enumerate(table.below):
            _text_line(canvas, [note], end + TEXT_SIZE + 4 + i * LEADING, height)
        canvas.showPage()
    canvas.save()
    return path
