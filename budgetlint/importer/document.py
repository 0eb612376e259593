"""Grids of a whole document → one format v1 disclosure (identity, 正文, 表格) and its import findings.

Reader-neutral: the PDF reader and the Excel reader both hand their Grids to `build_document`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

from .grid import Grid, ImportFinding, Origin
from .narrative import read_narrative
from .regions import number_keys
from .tables import import_tables, is_contents, title_keys, title_rows_of

# Profiles the importer can detect from printed table titles (the built-in ones whose layouts it knows).
# Ties go to the later one: the national template's tables are often printed under Sichuan's titles
# ("一般公共预算支出预算表"), and a document printing no table only Sichuan has (表2-1, 表3-2, 表4-1) is national.
DETECTABLE = ("sichuan", "national", "henan", "shanghai", "shanghai-unit", "shanghai-juesuan", "national-juesuan")


@dataclass(frozen=True)
class Imported:
    data: dict[str, Any]
    findings: tuple[ImportFinding, ...]
    profile: str
    table_pages: dict[str, tuple[int | str, ...]]  # format key → pages (sheets) the table was read from


class ProfileNotDetected(Exception):
    """No known profile's table titles are printed in the document."""


def detect_profile(grids: Sequence[Grid]) -> str:
    """The profile whose table titles the document prints most of; ties go to the later (more specific)
    profile in DETECTABLE (shanghai-juesuan prints the same titles as national-juesuan and one more)."""
    from ..profile import load_profile

    best: tuple[int, int, str | None] = (0, 0, None)
    for order, profile_id in enumerate(DETECTABLE):
        profile = load_profile(profile_id)
        titles = title_keys(profile)
        numbers = number_keys(profile)
        hits = {key for grid in grids if not is_contents(grid) for _, key in title_rows_of(grid, titles, numbers)}
        score = (len(hits), order, profile_id)
        if hits and score[:2] > best[:2]:
            best = score
    if best[2] is None:
        raise ProfileNotDetected("无法从文件中的表名判断地区规范，请用 --profile 指定")
    return best[2]


def _year(texts: Sequence[str]) -> int | None:
    for text in texts:
        m = re.search(r"(\d{4})\s*年", text)
        if m:
            return int(m.group(1))
    return None


def build_document(grids: Sequence[Grid], profile_id: str, source: str) -> Imported:
    from ..profile import load_profile

    profile = load_profile(profile_id)
    tables = import_tables(grids, profile)
    findings: list[ImportFinding] = list(tables.findings)
    narrative_grids = [
        grid for grid in grids
        if (grid.origin.source, grid.origin.page if grid.origin.page is not None else grid.origin.sheet or "")
        not in tables.table_pages
    ]
    from .regions import PROFILES

    # the national-style profiles name every subsection heading in their 叙述节标题 (importer/narrative.py)
    known = (lambda title: profile.topic_of(title) is not None) if profile.id in PROFILES else None
    narrative = read_narrative(narrative_grids, known, attachments=profile.id in PROFILES)
    findings.extend(narrative.findings)
    cover = narrative.cover
    department = (cover.get("主管部门") or cover.get("预算单位") or tables.department
                  or _department_from_title(cover.get("标题", "")))
    year = _year([cover.get("标题", "")] + [t.get("标题", "") for t in tables.tables.values()])
    # A PDF's cover is its first page; a workbook has no cover page (“PDF 第 1 页” would be wrong there).
    cover_origin = Origin(source, page=1) if any(grid.kind == "pdf" for grid in grids) else Origin(source)
    data: dict[str, Any] = {"格式版本": 1}
    if not department:
        findings.append(ImportFinding(cover_origin, "封面和表头都没有印出部门名称，部门写为“（未印出）”"))
    data["部门"] = department or "（未印出）"
    if _is_unit_document(cover):
        # a 单位预算/决算 belongs to a 部门 (repository mode: 部门 = 本级 + 所属单位); the 本部 of a department
        # prints the department's own name, and 所属部门 is what keeps it apart from the 部门 file
        data["所属部门"] = cover.get("主管部门") or data["部门"]
    if year is None:
        findings.append(ImportFinding(cover_origin, "封面和表名都没有印出年度"))
        year = 1990
    data["年度"] = year
    data["类型"] = profile.kind
    data["规范"] = profile.id
    data["金额单位"] = profile.unit or "万元"
    if cover:
        data["封面"] = cover
    units = _units(narrative, data["部门"], source, cover)
    findings.extend(units.findings)
    if units.entries:
        data["包含单位"] = list(units.entries)
    if narrative.attachment:
        data["附件标题"] = narrative.attachment
    if narrative.contents:
        data["目录"] = narrative.contents
    part_titles = _in_page_order(narrative.part_titles, tables.part_titles, narrative_grids, grids)
    if part_titles:
        data["部分标题"] = part_titles
    if narrative.parts:
        data["正文"] = {key: narrative.parts[key] for key in ("概况", "情况说明", "名词解释", "项目经费情况说明") if key in narrative.parts}
    data["表格"] = tables.tables
    for key in profile.mandatory:
        if key not in tables.tables:
            findings.append(ImportFinding(Origin(source), f"没有找到地区规范要求的表“{profile.tables[key].title}”"))
    return Imported(data, tuple(findings), profile.id, tables.pages)


def _units(narrative: Any, department: str, source: str, cover: dict[str, Any]) -> Any:
    """包含单位 from the printed table of units, else from the 机构设置 prose of a 部门 document (units.py)."""
    from .units import Units, from_prose, from_table

    if narrative.units:
        return from_table(narrative.units, department)
    if _is_unit_document(cover):
        return Units((), ())  # a 单位 document describes its own body, not a list of units
    return from_prose(narrative.parts, department, source)


def _is_unit_document(cover: dict[str, Any]) -> bool:
    """A 单位 disclosure: its cover names a 预算单位, or its title says 单位预算/单位决算."""
    title = "".join(str(cover.get("标题", "")).split())
    return "预算单位" in cover or "单位预算" in title or "单位决算" in title


def _department_from_title(title: str) -> str | None:
    """The name before the year on a cover whose title wraps ("上海市普陀区规划和自然" / "资源局" /
    "2024 年度部门决算"): the lines joined without the breaks and spaces of the layout."""
    joined = "".join(title.split())
    m = re.match(r"^(.+?)\d{4}年", joined)
    if m:
        return m.group(1)
    return joined or None


def _in_page_order(narrative_titles: list[str], table_titles: list[str], narrative_grids: Sequence[Grid],
                   grids: Sequence[Grid]) -> list[str]:
    """The part headings of the narrative and of the tables part, in the order they are printed."""
    if not table_titles:
        return narrative_titles
    position: dict[str, int] = {}
    for number, grid in enumerate(grids):
        for row in grid.rows:
            position[row.text] = number  # the last time: the 目录 (one or more pages) names every heading first
    # a wrapped narrative heading ("…部门决算\n情况说明") is found by its first line
    return sorted(
        dict.fromkeys([*narrative_titles, *table_titles]),
        key=lambda title: position.get(title.split("\n")[0], len(grids)),
    )

