"""The pages that are not tables → cover, 目录, part headings and the narrative parts and sections.

Text is kept exactly as printed, line by line (a literal block keeps the PDF's own line breaks, which is
what docs/format.md asks for and what lets budgetlint point at a figure). Headings are recognised by
their printed form only:

* a part heading: "第一部分 …" (决算), or, in the Shanghai 预算 layout that prints no part numbers, the
  first line of a page naming the part ("…主要职能", "…机构设置", "名词解释", "…编制说明",
  "其他相关情况说明", "…情况说明" of a project);
* a section heading: a short line starting with an ordinal "一、" that has no sentence punctuation;
* a subsection heading: the same with "（一）".
Everything else is text of the current section; nothing is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from .grid import Grid, ImportFinding, Row, provenance
from .units import PrintedUnit

_PART = re.compile(r"^第[一二三四五六七八九十]+部分\s*")
_SECTION = re.compile(r"^[一二三四五六七八九十]+、")
_SUBSECTION = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
_SENTENCE = re.compile(r"[，。；：,;:]")
_MAX_HEADING = 40
_ATTACHMENT = re.compile(r"^附件\s*[:：]?\s*(\S.*(?:预算|决算)\S{0,6}表)$")  # …部门预算表, …部门预算公开表
_UNITS_HEADER = ("序号", "单位名称")


@dataclass
class _Section:
    title: str | None
    place: dict[str, Any]  # provenance: {"页码": N} on a PDF page, {"单元格": "表!A1"} on a sheet (tables.provenance)
    lines: list[str] = field(default_factory=list)
    subsections: list["_Section"] = field(default_factory=list)

    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.title is not None:
            out["标题"] = self.title
        if self.lines:
            out["文本"] = "\n".join(self.lines) + "\n"
        if self.subsections:
            out["小节"] = [sub.data() for sub in self.subsections]
        out.update(self.place)
        return out


@dataclass
class _Part:
    key: str
    title: str | None
    sections: list[_Section] = field(default_factory=list)
    place: dict[str, Any] = field(default_factory=dict)  # where its heading (or its first text) is printed


@dataclass(frozen=True)
class Narrative:
    cover: dict[str, Any]
    contents: list[str]
    part_titles: list[str]
    parts: dict[str, dict[str, Any]]
    units: list[PrintedUnit]  # the printed table of units, row by row (units.py makes 包含单位 of it)
    findings: tuple[ImportFinding, ...]
    attachment: str | None = None  # "附件：X 2023 年度部门预算表": the title of the tables part (附件标题)


def _is_heading(text: str, pattern: re.Pattern[str]) -> bool:
    return bool(pattern.match(text)) and len(text) <= _MAX_HEADING and not _SENTENCE.search(text)


def _is_wrap(text: str) -> bool:
    """The short rest of a wrapped heading ("说明", "情况说明"): no ordinal, no sentence punctuation."""
    bare = "".join(text.split())
    return 0 < len(bare) <= 6 and not _SENTENCE.search(bare) and not _SECTION.match(bare) and not _PART.match(bare)


def _part_key(title: str) -> str | None:
    """Which format part a printed part heading opens (None: a part of tables, no text of its own)."""
    bare = "".join(_PART.sub("", title).split())
    if "名词解释" in bare:
        return "名词解释"
    if bare.endswith(("概况", "基本情况")) or "主要职能" in bare or "机构设置" in bare or "职能" in bare and len(bare) < 30:
        return "概况"
    if bare.endswith("决算表") or bare.endswith("预算表"):
        return None
    if "编制说明" in bare or "情况说明" in bare and ("决算" in bare or "预算" in bare) or "其他相关情况说明" in bare:
        return "情况说明"
    if bare.endswith("情况说明"):
        return "项目经费情况说明"
    return None


def _lines(grid: Grid) -> list[Row]:
    return [row for row in grid.rows if row.cells]


def read_narrative(grids: Sequence[Grid], known_heading: Callable[[str], bool] | None = None,
                   attachments: bool = False) -> Narrative:
    """The narrative of the pages that hold no table. `known_heading`: for a profile whose subsection
    headings are all named by its 叙述节标题 (the national-style profiles), only a "（一）" line it knows is a
    subsection heading — the Henan 概况 lists 29 duties "（一）贯彻执行国家和省、市、区有关工业和信息化的",
    lines of text that merely start with an ordinal. `attachments`: a line "附件：X 2023 年度部门预算表" (Henan
    prints it after the 名词解释) opens the tables part and is its title, not text of the last section."""
    cover: dict[str, Any] = {}
    contents: list[str] = []
    part_titles: list[str] = []
    parts: list[_Part] = []
    units: list[PrintedUnit] = []
    findings: list[ImportFinding] = []
    in_contents = False
    attachment: str | None = None
    numbered_parts = any(_PART.match(row.text) for grid in grids for row in _lines(grid)[:1])
    for number, grid in enumerate(grids):
        rows = _lines(grid)
        if not rows:
            continue
        first = "".join(rows[0].text.split())
        if number == 0 and not contents and not _PART.match(first):
            # the cover: title lines and "预算主管部门：…" (a document that starts with "第一部分", as the Henan
            # seed does, has none)
            title_lines = []
            for row in rows:
                m = re.match(r"^\s*(预算主管部门|主管部门|预算单位)[:：]\s*(.+)$", row.text)
                if m:
                    cover["预算单位" if m.group(1) == "预算单位" else "主管部门"] = m.group(2).strip()
                else:
                    title_lines.append(row.text)
            cover["标题"] = "\n".join(title_lines)
            continue
        if first == "目录":
            in_contents = True
            contents.extend(row.text for row in rows[1:])
            continue
        if in_contents and all(len(row.text) <= 60 and not row.text.endswith("。") for row in rows) and (
            not contents or "".join(rows[0].text.split()) != "".join(contents[0].split())
        ):
            contents.extend(row.text for row in rows)
            continue
        in_contents = False
        index = 0
        while index < len(rows):
            row = rows[index]
            text = row.text
            page = provenance(grid.origin, (cell.where for cell in row.cells))
            if not row.is_text and tuple(c.text for c in row.cells[:2]) == _UNITS_HEADER:
                # the table of units (序号 | 单位名称 | 备注)
                index += 1
                while index < len(rows) and not rows[index].is_text:
                    unit_row = rows[index]
                    by_col = {cell.col: cell.text for cell in unit_row.cells}
                    if 1 in by_col:
                        units.append(PrintedUnit(by_col[1], by_col.get(2, ""), grid.origin, unit_row.text))
                    index += 1
                continue
            m = _ATTACHMENT.match(text) if attachments else None
            if m:
                attachment = m.group(1).strip()
                part_titles.append(text)
                parts.append(_Part("", text, place=page))
                index += 1
                continue
            if _PART.match(text):
                consumed = 1
                title = text
                if not _PART.sub("", "".join(text.split())) and index + 1 < len(rows) and rows[index + 1].is_text:
                    # "第二部分" alone on its line, the part's name on the next (Henan): that line is the title,
                    # and the one after it too when the name wraps ("…2023 年" / "部门预算情况说明")
                    title = rows[index + 1].text
                    consumed = 2
                    after = rows[index + 2].text if index + 2 < len(rows) and rows[index + 2].is_text else ""
                    if (after and _part_key(title) is None and len(after) <= 20 and not _SECTION.match(after)
                            and _part_key(title + after) is not None):
                        title = title + "\n" + after
                        consumed = 3
                    text = text + "\n" + title
                # a part heading that wraps: "第三部分 X 2024 年度部门决算情况" / "说明"
                elif index + 1 < len(rows) and rows[index + 1].is_text and _is_wrap(rows[index + 1].text):
                    text = text + "\n" + rows[index + 1].text
                    title = text
                    consumed = 2
                heading_part = _part_key(text.replace("\n", ""))
                part_titles.append(text)
                parts.append(_Part(heading_part or "", title, place=page))
                index += consumed
                continue
            if not numbered_parts and index == 0:
                heading_part = _part_key(text)
                if heading_part is not None:
                    part_titles.append(text)
                    same = parts and parts[-1].key == heading_part
                    if heading_part == "名词解释" or not same:
                        parts.append(_Part(heading_part, text if heading_part == "名词解释" else None, place=page))
                    if heading_part != "名词解释":
                        parts[-1].sections.append(_Section(text, page))
                    index += 1
                    continue
            if not parts:
                parts.append(_Part("概况", None, place=page))
            part = parts[-1]
            if not part.key:
                # text inside a part that holds no text of its own (the tables part): reported, not dropped
                findings.append(ImportFinding(grid.origin, "表格部分中有无法归入任何表格的文字，未导入", text=text))
                index += 1
                continue
            top_is_page_title = not numbered_parts and part.key != "名词解释"
            if _is_heading(text, _SECTION) and part.key != "名词解释":
                section = _Section(text, page)
                if top_is_page_title and part.sections:
                    part.sections[-1].subsections.append(section)
                else:
                    part.sections.append(section)
            elif (_is_heading(text, _SUBSECTION) and part.key != "名词解释" and part.sections
                  and (known_heading is None or known_heading(text))):
                parent = part.sections[-1]
                if top_is_page_title and parent.subsections:
                    parent = parent.subsections[-1]
                parent.subsections.append(_Section(text, page))
            else:
                target = _current(part, page)
                target.lines.append(text)
            index += 1
    out: dict[str, dict[str, Any]] = {}
    for part in parts:
        if not part.key:
            continue
        block = out.setdefault(part.key, {})
        if part.title and "标题" not in block:
            block["标题"] = part.title
        if not any(key in block for key in ("页码", "单元格")):
            block.update(part.place)  # provenance of the part's heading (a finding on it names the page)
        block.setdefault("章节", []).extend(section.data() for section in part.sections)
    return Narrative(cover, contents, part_titles, out, units, tuple(findings), attachment)


def _current(part: _Part, page: dict[str, Any]) -> _Section:
    """The innermost open section of a part, opening an untitled one for text before any heading."""
    if not part.sections:
        part.sections.append(_Section(None, page))
    section = part.sections[-1]
    while section.subsections:
        section = section.subsections[-1]
    return section
