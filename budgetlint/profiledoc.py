"""docs/profiles/<id>.md: what each built-in regional profile expects, generated from the profile data.

A disclosure written without knowing the region's table numbers gets one BL013 warning per table; the
numbers, titles, mandatory tables and section headings are written down here, from the same data the
rules read (a test keeps the files in step). Regenerate with ``python -m budgetlint.profiledoc``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from budgetlint.profile import Profile, builtin_ids, load_profile
from budgetlint.schema import SCHEMA_FILE, package_text

SCOPES = {
    "当年拨款": "当年拨款：合计等于本年一般公共预算拨款，不含上年结转",
    "含结转": "含结转：合计等于财政拨款收支总表的一般公共预算支出，含上年结转安排的支出",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _required_keys() -> list[str]:
    required: list[str] = json.loads(package_text("budgetlint.schemas", SCHEMA_FILE)).get("required", [])
    return required


def _ordinals(profile: Profile) -> str:
    if profile.ordinal_codes:
        pairs = "、".join(f"{n} → {code}" for n, code in sorted(profile.ordinal_codes.items()))
        rest = f"；其余为 序号 + {profile.ordinal_offset}" if profile.ordinal_offset is not None else ""
        return f"序号 → 类级编码：{pairs}{rest}"
    if profile.ordinal_offset is not None:
        return f"类级编码 = 序号 + {profile.ordinal_offset}（如 六 → {profile.ordinal_offset + 6}）"
    return "不推算（功能分类行应写出编码）"


def _skeleton(profile: Profile) -> list[str]:
    lines = ["```yaml", "格式版本: 1", "部门: 某某局            # 部门全称", "年度: 2024", f"类型: {profile.kind}",
             f"规范: {profile.id}"]
    if profile.unit:
        lines.append(f"金额单位: {profile.unit}")
    lines.append("表格:")
    for key, table in profile.tables.items():
        note = "" if table.mandatory else "  # 非必备：公开了才写"
        lines += [f"  {key}:{note}", f"    编号: {table.number}", f"    标题: 2024 年{table.title}  # 照录表格标题"]
    lines.append("```")
    return lines


def render(profile: Profile) -> str:
    out = [f"# 地区规范 `{profile.id}`：{profile.name}", "",
           (f"由 `python -m budgetlint.profiledoc` 从 `budgetlint/profiles/{profile.id}.yaml` 生成，请勿手改"
            "（规范的写法见 [../profiles.md](../profiles.md)）。公开文件写 `规范: "
            f"{profile.id}` 选用本规范。"), ""]
    out += ["| 项目 | 本规范 |", "|---|---|", f"| 类型 | {profile.kind} |"]
    if profile.parents:
        out.append(f"| 继承 | {' → '.join(f'`{p}`' for p in profile.parents)}（下列内容已合并继承来的部分） |")
    out.append(f"| 金额单位 | {profile.unit or '（未规定：以文件的 `金额单位` 为准）'} |")
    out.append(f"| 一般公共预算支出表口径 | {SCOPES.get(profile.yb_scope, profile.yb_scope)} |")
    out.append(f"| 收支总表只印序号的功能分类行 | {_ordinals(profile)} |")
    out.append("")

    mandatory = [k for k, t in profile.tables.items() if t.mandatory]
    out += ["## 表格", "",
            ("`表格` 下每张表的键用全国通用表名（第一列），`编号` 照第二列填写：编号不同时报告 BL013（警告）。"
             "必备表缺少时报告 BL010（错误），没有数据的必备表也要公开空表并写 `说明`（BL011）。"
             "单位与文件不符时报告 BL601。"), "",
            "| 键 | 编号 | 标题 | 必备 | 单位 |", "|---|---|---|---|---|"]
    for key, table in profile.tables.items():
        unit = table.unit or profile.unit or "（文件的金额单位）"
        out.append(f"| `{key}` | {_cell(table.number)} | {_cell(table.title)} | {'是' if table.mandatory else '否'} | {unit} |")
    out += ["", f"必备表 {len(mandatory)} 张：{'、'.join(profile.table_label(k) for k in mandatory) or '无'}。", ""]
    columns = [(key, path, label) for key, t in profile.tables.items() for path, label in t.columns.items()]
    if columns:
        out += ["本地区印出的列名（信息中使用）：", "", "| 表 | 格式中的列 | 本地区列名 |", "|---|---|---|"]
        out += [f"| `{key}` | `{_cell(path)}` | {_cell(label)} |" for key, path, label in columns]
        out.append("")

    out += ["## 文件必填项", "",
            f"文件顶层必须有：{'、'.join(f'`{k}`' for k in _required_keys())}（格式 v1 的 JSON Schema，缺少时报告 BL002）。",
            "叙述部分 `正文` 的三个部分（`概况`、`情况说明`、`名词解释`）都可以省略；写了的章节按下节的标题识别主题。", ""]

    out += ["## 情况说明各节标题", ""]
    from budgetlint.rules.narrative.vocabulary import vocabulary

    # The headings come from the narrative vocabulary (budgetlint/rules/narrative/vocabulary.yaml `节标题`), which a
    # profile may replace with its own `叙述词表`.
    titles = vocabulary(profile.narrative_vocabulary or None).titles
    out.append("章节没有写 `主题` 时，budgetlint 先按本地区印出的标题认出它讲的是什么（忽略空格和序号，最长匹配优先），"
               "再退到标题中的关键词，然后把其中的数字与对应的表格核对。")
    if profile.section_titles:
        out += ["", "| 主题 | 本地区印出的标题（`叙述节标题`） |", "|---|---|"]
        out += [f"| {topic} | {'；'.join(_cell(t) for t in ts)} |" for topic, ts in profile.section_titles.items()]
    out += ["", "| 主题 | 标题中的关键词（叙述词表 `节标题`） |", "|---|---|"]
    out += [f"| {topic} | {'；'.join(_cell(t) for t in words)} |" for topic, words in titles]
    out.append("")
    if profile.narrative_vocabulary:
        keys = "、".join(sorted(map(str, profile.narrative_vocabulary)))
        out += [f"本规范的叙述词表（`叙述词表`）补充或替换了：{keys}。", ""]

    out += ["## 骨架", "", "一份新文件的表格部分可以从这里开始（编号与上表一致，不会有 BL013）：", ""]
    out += _skeleton(profile)
    return "\n".join(out) + "\n"


def render_index(profiles: list[Profile]) -> str:
    out = ["# 内置地区规范", "", "由 `python -m budgetlint.profiledoc` 从规范数据生成。每份规范的表格、编号、标题、必备表和情况说明各节标题：",
           "", "| 规范 | 名称 | 类型 | 表格 | 必备 |", "|---|---|---|---|---|"]
    for p in profiles:
        mandatory = sum(t.mandatory for t in p.tables.values())
        out.append(f"| [`{p.id}`]({p.id}.md) | {p.name} | {p.kind} | {len(p.tables)} | {mandatory} |")
    out += ["", "仓库自己的规范怎么写：[../profiles.md](../profiles.md)。"]
    return "\n".join(out) + "\n"


def documents() -> dict[str, str]:
    """File name under docs/profiles/ → its content, for every built-in profile and the index."""
    profiles = [load_profile(profile_id) for profile_id in builtin_ids()]
    files = {f"{p.id}.md": render(p) for p in profiles}
    files["README.md"] = render_index(profiles)
    return files


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else Path("docs/profiles")
    target.mkdir(parents=True, exist_ok=True)
    for name, text in documents().items():
        (target / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
