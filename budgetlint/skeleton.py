"""``budgetlint init``: a blank disclosure for a profile — the way to start one from nothing.

The skeleton holds every mandatory table of the profile in its printed order, with every amount cell of
the table's fixed rows as ``null`` and a Chinese comment saying what goes there (the schema's own
description of the key, and the printed column name where the profile gives one); the narrative parts
with one section per heading the profile lists. Keys the schema calls optional or describes as another
region's (a Shanghai-only column in a Henan file), list rows and text fields are written as comments, so
that the file is valid as generated and each key is one ``#`` away.

What ``budgetlint check`` says about a fresh skeleton (tests/test_skeleton.py holds this to account):
every table is still empty and has no ``说明``, so each mandatory table gets one BL011 error (“空表须有
说明”) — true of the file as it stands, and it goes away table by table as amounts or a note are
filled in. Nothing else fires: the narrative rules find no figures in empty text.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import NamedTuple

from budgetlint.profile import Profile
from budgetlint.tableshape import COMMON_FIELDS, Field, table_fields

_ORDINALS = "一二三四五六七八九十"
# A string YAML reads back as the same string without quotes: no indicator, no number, no colon-space.
_PLAIN = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffefA-Za-z（）“”、·—\-]"
                    r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffefA-Za-z0-9（）“”、·—\-]*")


class SkeletonRequest(NamedTuple):
    profile: Profile
    year: int
    department: str
    schema_path: str  # the modeline's $schema, relative to the generated file


def chinese_ordinal(number: int) -> str:
    """一 … 九十九, as printed in section headings (一、二、…、十一、)."""
    if number < 1 or number > 99:
        return str(number)
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _ORDINALS[tens - 1] + "十")
    return head + (_ORDINALS[ones - 1] if ones else "")


def scalar(text: str) -> str:
    """A YAML scalar that reads back as exactly ``text`` (plain when safe, JSON double quotes otherwise)."""
    if _PLAIN.fullmatch(text) and text not in ("null", "true", "false"):
        return text
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> str:
    return "  # " + " ".join(text.split())


@lru_cache(maxsize=1)
def _regions() -> tuple[str, ...]:
    """The regions the built-in profiles are named after (“上海市…” → 上海, “河南省…” → 河南)."""
    from budgetlint.profile import builtin_ids, load_profile

    names = (load_profile(profile_id).name for profile_id in builtin_ids())
    return tuple(sorted({m.group(1) for name in names if (m := re.match(r"(\w{2,3}?)[省市]", name))}))


def _foreign(field: Field, own: str) -> bool:
    """A key the schema describes as another region's only (“上海单位预算收支总表支出方分列” in a Henan file);
    a key described for the national tables too (“全国参考表为…；上海…”) is everyone's."""
    if "全国" in field.description:
        return False
    return any(region in field.description and region not in own for region in _regions())


def _field_lines(field: Field, indent: str, printed: dict[str, str], path: str, own: str = "") -> list[str]:
    """Lines for one key; commented out (``# ``) when the schema calls it optional or another region's
    (``own`` is the profile's name: a key for 上海 stays active in a Shanghai skeleton only), or when it is
    not an amount."""
    if own and _foreign(field, own) and not field.optional:
        field = field._replace(optional=True)
    label = printed.get(path)
    note = field.description + (f"；印刷列名“{label}”" if label else "")
    if field.kind == "amount":
        line = f"{field.key}: null{_comment(note)}"
        return [f"{indent}# {line}" if field.optional else f"{indent}{line}"]
    if field.kind == "object":
        inner: list[str] = []
        for child in field.children:
            inner.extend(_field_lines(child, indent + "  ", printed, f"{path}/{child.key}", own))
        if not field.optional and any(not line.lstrip().startswith("#") for line in inner):
            return [f"{indent}{field.key}:{_comment(note)}", *inner]
        # An optional group (三公 上年, 调整预算数): every line commented, the structure kept for uncommenting.
        return [f"{indent}# {field.key}:{_comment(note)}",
                *(f"{indent}# {line[len(indent):]}" if not line.lstrip().startswith("#") else line for line in inner)]
    if field.kind == "rows":
        keys = "、".join(child.key for child in field.children)
        return [f"{indent}# {field.key}:{_comment(note + f'。每行一条，可写的键：{keys}')}"]
    if field.kind == "code":  # no placeholder is a valid code: the key is shown with nothing after it
        return [f"{indent}# {field.key}:{_comment(note)}"]
    empty = '""' if field.kind == "text" else "null"
    return [f"{indent}# {field.key}: {empty}{_comment(note)}"]


def _table_lines(request: SkeletonRequest, key: str) -> list[str]:
    profile = request.profile
    entry = profile.tables[key]
    printed = dict(entry.columns)
    lines = [f"  {key}:{_comment(f'{entry.number} {entry.title}')}",
             f"    编号: {scalar(entry.number)}",
             f"    标题: {scalar(entry.title)}  # 照录表格印刷的标题（含年度），如“{request.year}年度{entry.title}”",
             f"    部门: {scalar(request.department)}",
             f"    年度: {request.year}"]
    unit = profile.table_unit(key)
    if unit:
        lines.append(f"    单位: {unit}  # 本表金额单位（地区规范 {profile.id}）")
    for field in table_fields(key):
        if field.key in COMMON_FIELDS:
            continue
        lines.extend(_field_lines(field, "    ", printed, field.key, profile.name))
    lines.append("    # 说明:  # 表下注释，照录。没有数据的表必须写明原因，如“本部门无此项支出，故本表无数据”")
    return lines


def _section_lines(profile: Profile) -> list[str]:
    """One section per topic of the profile, in its order; topics after 其他重要事项 become its （一）（二）… 小节."""
    lines: list[str] = []
    topics = list(profile.section_titles.items())
    others = next((i for i, (topic, _) in enumerate(topics) if topic == "其他重要事项"), None)
    if others is not None and others == len(topics) - 1:
        others = None  # listed last: a section of its own, nothing to nest under it
    head = topics if others is None else topics[: others + 1]
    for number, (topic, titles) in enumerate(head, 1):
        lines += [f"      - 标题: {scalar(chinese_ordinal(number) + '、' + titles[0])}",
                  f"        主题: {topic}"]
        if others is not None and topic == "其他重要事项":
            lines.append("        小节:")
            for sub, (sub_topic, sub_titles) in enumerate(topics[others + 1:], 1):
                lines += [f"          - 标题: {scalar('（' + chinese_ordinal(sub) + '）' + sub_titles[0])}",
                          f"            主题: {sub_topic}",
                          "            文本: \"\"  # 照录本小节原文"]
        else:
            lines.append("        文本: \"\"  # 照录本节原文，推荐改用字面块“文本: |”逐行照录")
    if not lines:
        lines += ["      - 标题: 一、收入支出预算总体情况说明  # 本规范没有列出节标题：照录印刷的标题",
                  "        文本: \"\""]
    return lines


def render_skeleton(request: SkeletonRequest) -> str:
    profile = request.profile
    department = request.department
    kind = profile.kind
    unit = profile.unit or "万元"
    optional = [k for k, t in profile.tables.items() if not t.mandatory]
    body = "单位" if "单位" in profile.name else "部门"  # 单位预算 (shanghai-unit) or 部门预算/决算
    lines = [
        f"# yaml-language-server: $schema={request.schema_path}",
        f"# 由 budgetlint init 生成：{department} {request.year} 年{kind}公开（地区规范 {profile.id}：{profile.name}）。",
        f"# 编辑器校验与补全：在本文件所在目录运行 budgetlint schema > {request.schema_path}",
        "# 怎么填：金额照表格原样写成数字（如 1863.75，不加千分位、不加单位），空白单元格保留 null；",
        "# 编码加引号（如 \"2010301\"）；叙述文本逐字照录。各表的列见 budgetlint profile show " + profile.id + "。",
        "# 填完后运行 budgetlint check 本文件。",
        "格式版本: 1",
        f"部门: {scalar(department)}",
        f"年度: {request.year}",
        f"类型: {kind}",
        f"规范: {profile.id}",
        f"金额单位: {unit}  # 叙述和未写“单位”的表格所用的金额单位",
        "# 包含单位:  # 纳入本部门预算编制范围的单位（可选，建议填写）",
        "#   - 名称: 单位全称",
        f"# 附件标题: 照录附件（表格部分）的标题，如“{department}{request.year}年度{body}{kind}表”",
        "正文:",
        "  概况:  # 第一部分",
        f"    标题: {scalar(department + '概况')}  # 照录印刷的标题",
        "    章节:",
        "      - 标题: 一、主要职能",
        "        主题: 职责",
        "        文本: \"\"  # 照录本节原文",
        "      - 标题: 二、机构设置",
        "        主题: 机构",
        "        文本: \"\"  # 照录本节原文；部门所属单位的构成写在这里",
        "  情况说明:  # 第二部分：节标题和顺序取自地区规范，按印刷原文调整",
        f"    标题: {scalar(f'{department}{request.year}年度{body}{kind}情况说明')}  # 照录印刷的标题",
        "    章节:",
        *_section_lines(profile),
        "  名词解释:  # 第三部分",
        "    章节:",
        "      - 文本: \"\"  # 照录名词解释原文",
        "表格:  # 地区规范的必备表格，按公开顺序",
    ]
    for key, entry in profile.tables.items():
        if entry.mandatory:
            lines.extend(_table_lines(request, key))
    if optional:
        names = "、".join(f"{profile.tables[k].number}（{k}）" for k in optional)
        lines.append(f"  # 本规范的可选表格（公开了就添加，键和列见 budgetlint profile show {profile.id}）：{names}")
    return "\n".join(lines) + "\n"
