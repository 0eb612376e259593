"""``budgetlint profile list|show``: what a regional profile expects, in Chinese, for the people who fill it in.

docs/format.md points here instead of leaving users to guess which tables, numbers, titles, columns and
section headings their region's disclosure needs. Everything printed comes from the profile (tables,
numbers, titles, units, printed column names, section headings) or from the format's JSON Schema
(the columns of each table, via :mod:`budgetlint.tableshape`), never from a list kept here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from budgetlint.profile import Profile, ProfileError, builtin_ids, load_profile
from budgetlint.tableshape import COMMON_FIELDS, Field, column_groups, table_fields


def format_parts() -> list[tuple[str, str]]:
    """(key, description) of each part of 正文 the format defines, in schema (printed) order."""
    from budgetlint.schema import schema_document

    parts = schema_document()["properties"]["正文"]["properties"]
    return [(str(key), str(part.get("description", key))) for key, part in parts.items()]


def profile_ids(extra_dirs: Sequence[str | Path]) -> list[str]:
    """Built-in ids and the ids of ``*.yaml`` files in the configured directories, each once, sorted."""
    ids = set(builtin_ids())
    for directory in extra_dirs:
        folder = Path(directory)
        if folder.is_dir():
            ids.update(p.stem for p in folder.glob("*.yaml"))
    return sorted(ids)


def render_list(extra_dirs: Sequence[str | Path]) -> str:
    """One line per profile: id, 类型, table count (mandatory), 名称; a broken profile is named, not skipped."""
    lines = []
    for profile_id in profile_ids(extra_dirs):
        try:
            profile = load_profile(profile_id, [str(d) for d in extra_dirs])
        except ProfileError as error:
            lines.append(f"{profile_id:<18} （无法读取：{error}）")
            continue
        lines.append(f"{profile.id:<18} {profile.kind}  {len(profile.tables):>2} 张表（{len(profile.mandatory)} 张必备）  "
                     f"{profile.name}")
    return "\n".join(lines) + "\n"


def _keys(fields: Sequence[Field]) -> str:
    return "、".join(f"{f.key}（可选）" if f.optional else f.key for f in fields)


def _table_lines(profile: Profile, key: str) -> list[str]:
    entry = profile.tables[key]
    unit = profile.table_unit(key) or "取文件的“金额单位”"
    need = "必备" if entry.mandatory else "可选"
    lines = [f"  {entry.number}  {entry.title}", f"      格式中的键：表格.{key}    {need}    金额单位：{unit}"]
    fields = table_fields(key)
    groups = column_groups(fields)
    mirrored = _mirrored_rows(groups)
    for path, kind, amounts in groups:
        if path.split("/")[0] in mirrored:
            if path in mirrored:
                extra = [f for f in _row_fields(fields, path) if f.kind in ("text", "code", "other")]
                lines.append(f"      {path}（每行一条）：列同合计行；每行另有 {_keys(extra)}")
            continue
        if kind == "rows":
            row = _row_fields(fields, path)
            labels = [f for f in row if f.kind in ("text", "code", "other")]
            tail = f"；每行另有 {_keys(labels)}" if labels else ""
            lines.append(f"      {path}（每行一条）：{_keys(amounts)}{tail}")
        else:
            lines.append(f"      {path}：{_keys(amounts)}")
    for text_field in (f for f in fields if f.key not in COMMON_FIELDS and f.kind in ("text", "code", "rows") and not _has_amounts(f)):
        lines.append(f"      {text_field.key}：{text_field.description}")
    for path, printed in entry.columns.items():
        lines.append(f"      印刷列名：{path} →“{printed}”")
    return lines


def _mirrored_rows(groups: Sequence[tuple[str, str, tuple[Field, ...]]]) -> set[str]:
    """Row lists (明细) whose columns are exactly the 合计行's: printed once as “列同合计行”."""
    def shape(root: str) -> list[tuple[str, tuple[str, ...]]]:
        return [(path[len(root):], tuple(f.key for f in amounts)) for path, _, amounts in groups
                if path == root or path.startswith(root + "/")]

    total = shape("合计行")
    return {path for path, kind, _ in groups if kind == "rows" and "/" not in path and total and shape(path) == total}


def _has_amounts(field: Field) -> bool:
    return field.kind == "amount" or any(_has_amounts(c) for c in field.children)


def _row_fields(fields: Sequence[Field], path: str) -> tuple[Field, ...]:
    """The keys of one row of the list at ``path`` (a/b/c)."""
    current: Sequence[Field] = fields
    for key in path.split("/"):
        field = next(f for f in current if f.key == key)
        current = field.children
    return tuple(current)


def render_profile(profile: Profile) -> str:
    """The profile as a finance officer reads it: tables in printed order, then the narrative's headings."""
    inherits = f"（继承 {' → '.join(profile.parents)}）" if profile.parents else ""
    scope = "只含当年拨款" if profile.yb_scope == "当年拨款" else "含上年结转资金安排的支出"
    lines = [
        f"地区规范 {profile.id}：{profile.name}{inherits}",
        f"公开类型：{profile.kind}    通常金额单位：{profile.unit or '未规定（由文件的“金额单位”给出）'}",
        f"一般公共预算支出表口径：{profile.yb_scope}（{scope}）",
        "",
        (f"表格（{len(profile.tables)} 张，按公开顺序；必备 {len(profile.mandatory)} 张，缺少时报告 BL010，"
         "没有数据的表也要公开并写“说明”，否则报告 BL011）："),
    ]
    for key in profile.tables:
        lines.extend(_table_lines(profile, key))
    lines += ["", "正文（格式 v1 定义的部分，按公开顺序；地区规范不另作要求，有哪部分就写哪部分）："]
    lines += [f"  正文.{key}：{description}" for key, description in format_parts()]
    lines += ["", "情况说明各节标题（主题 → 本地区印刷的标题；章节未写“主题”时按标题识别）："]
    if profile.section_titles:
        lines += [f"  {topic}：{' 或 '.join(titles)}" for topic, titles in profile.section_titles.items()]
    else:
        lines.append("  （本规范没有列出节标题）")
    codes = dict(profile.ordinal_codes)
    if codes or profile.ordinal_offset is not None:
        lines += ["", "收支总表只印序号的功能分类行："]
        if profile.ordinal_offset is not None:
            lines.append(f"  类编码 = {profile.ordinal_offset} + 序号（如 六 → {profile.ordinal_offset + 6}）")
        lines += [f"  序号 {ordinal} → {code}" for ordinal, code in sorted(codes.items())]
    if profile.narrative_vocabulary:
        lines += ["", f"叙述词表（补充或替换默认词表）：{'、'.join(sorted(map(str, profile.narrative_vocabulary)))}"]
    lines += ["", f"从零开始：budgetlint init --profile {profile.id} --year 年度 --kind {profile.kind} --department 部门名称"]
    return "\n".join(lines) + "\n"
