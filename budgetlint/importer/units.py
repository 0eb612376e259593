"""`包含单位` of a 部门 document, read from what it prints — only where the reading is certain.

Why it matters: repository mode checks a 部门 file against the files of its units (BL803: 部门 = 本级 + 所属单位;
BL806: a unit file is listed by its department). Both match units **by name**, so an entry must carry the name
the unit's own file declares as its 部门, not the printed decoration around it.

Two printed forms (the Shanghai layouts of the corpus):

* the 决算 table of units, "序号 | 单位名称 | 备注" under "纳入…编制范围的单位包括：" (read by narrative.py):
  "上海市普陀区规划和自然资源局（本级）", "上海市普陀区土地发展中心（下属事业单位）";
* the 预算 prose of 机构设置: "…部门预算是包括万里街道本部以及下属 5 家预算单位的综合收支计划。本部门中，
  行政单位 1 家，参公单位 1 家，事业单位 4 家，具体包括：" followed by numbered items "1. …（本部）。" "2. …".

An entry's name is the printed name without the trailing role in brackets ("（本级）", "（下属事业单位）"),
which goes to 备注. The 本级/本部 entry is the department's own body, and its unit file carries the
department's name (上海市普陀区商务委员会's 单位预算 is published under that name), so a 本部 printed as an
abbreviation of the department ("商务委本部") is written with the department's name. A remark on the
budget's scope after the name ("上海市普陀区中小企业服务中心，不单列预算。") goes to 备注 as printed.

Certainty: the prose list is used only when its items are numbered 1, 2, … without a gap and every count the
text states ("本部以及下属 5 家" = 6, "行政单位 1 家，参公单位 1 家，事业单位 4 家" = 6) equals the number of
items; otherwise 包含单位 is left out and an import finding says why. A template's placeholder rows ("。。。")
are not units (a warning says they were left out).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from .grid import ImportFinding, Origin


class PrintedUnit(NamedTuple):
    """One row of a printed table of units, exactly as printed."""

    name: str  # the 单位名称 cell
    note: str  # the 备注 cell ("" when blank)
    origin: Origin
    text: str  # the whole row, for messages


class Units(NamedTuple):
    """The 包含单位 entries (empty when nothing is printed or the reading is not certain) and what was said."""

    entries: tuple[dict[str, str], ...]
    findings: tuple[ImportFinding, ...]


# the role printed in brackets after a unit's name: 本级/本部, or the kind of unit ("下属参公事业单位", "行政单位")
_ROLE = re.compile(r"^(?P<name>.+?)\s*[（(](?P<role>本级|本部|机关本级|[\u4e00-\u9fff]{0,8}单位)[）)]$")
_OWN_BODY = ("本级", "本部", "机关本级")
_PLACEHOLDER = re.compile(r"^[。.…·\s]+$")
_ITEM = re.compile(r"^\s*(?P<number>\d{1,2})\s*[.．、]\s*(?P<text>.*)$")
_LIST_INTRO = re.compile(r"具体包括[:：]\s*$|单位包括[:：]\s*$")
_SUBORDINATES = re.compile(r"本部以及下属\s*(\d+)\s*家")
_KIND_COUNT = re.compile(r"([\u4e00-\u9fff]{1,6}单位)\s*(\d+)\s*家")
_SCOPE_REMARK = re.compile(r"单列|并入")  # "不单列预算", "并入本级": a remark on the unit's budget, kept as 备注
_MAX_NAME = 40


def _bare(text: str) -> str:
    return "".join(text.split())


def _abbreviates(short: str, full: str) -> bool:
    """`short` is `full` shortened: its characters appear in `full` in order ("商务委" in "上海市普陀区商务委员会",
    "万里街道" in "上海市普陀区人民政府万里街道办事处")."""
    rest = iter(full)
    return bool(short) and all(char in rest for char in short)


def unit_entry(printed: str, department: str, note: str = "") -> dict[str, str]:
    """One 包含单位 entry from a printed unit name (and its printed 备注)."""
    name = printed.strip().rstrip("。.；;，,").strip()
    role = ""
    match = _ROLE.match(name)
    if match:
        name, role = match["name"].strip(), match["role"]
    elif name.endswith(("本部", "本级")):  # "商务委本部": the role written into the name
        name, role = name[:-2].strip(), name[-2:]
    if role in _OWN_BODY and (not name or _bare(name) == _bare(department) or _abbreviates(_bare(name), _bare(department))):
        name = department  # the department's own body: its unit file carries the department's name
    entry = {"名称": name}
    remarks = [part for part in (role, note.strip()) if part]
    if remarks:
        entry["备注"] = "；".join(remarks)
    return entry


def from_table(rows: Sequence[PrintedUnit], department: str) -> Units:
    """The printed table of units (序号 | 单位名称 | 备注)."""
    entries: list[dict[str, str]] = []
    findings: list[ImportFinding] = []
    for row in rows:
        if _PLACEHOLDER.match(row.name):
            findings.append(ImportFinding(row.origin, "单位构成表中的省略行（模板的“。。。”），不是单位，未列入包含单位",
                                          text=row.text, severity="warning"))
            continue
        entries.append(unit_entry(row.name, department, row.note))
    return _distinct(entries, findings, rows[0].origin if rows else Origin(""))


def from_prose(parts: Mapping[str, Any], department: str, source: str) -> Units:
    """The numbered list of units in the 概况 part's prose, when its reading is certain (module docstring)."""
    for section in _sections(parts.get("概况", {}).get("章节", [])):
        text = str(section.get("文本", ""))
        lines = text.split("\n")
        intro = next((i for i, line in enumerate(lines) if _LIST_INTRO.search(line)), None)
        counts = _stated_counts(text)
        origin = Origin(source, page=section["页码"]) if isinstance(section.get("页码"), int) else Origin(source)
        if intro is None:
            if counts and max(counts) > 1:
                return Units((), (ImportFinding(
                    origin, f"文中说部门包括 {max(counts)} 家单位，但没有逐一列出名称：包含单位未填写",
                    text=_sentence(text), severity="warning"),))
            continue
        if not counts and "单位" not in lines[intro]:
            continue  # "主要职责具体包括：" and its numbered duties: a list, but not one of units
        items = _items(lines[intro + 1:])
        numbers = [number for number, _ in items]
        why = ""
        if not items:
            why = "“具体包括：”之后没有编号的单位列表"
        elif numbers != list(range(1, len(items) + 1)):
            why = f"单位列表的编号不连续（{'、'.join(map(str, numbers))}）"
        elif any(count != len(items) for count in counts):
            why = f"列出 {len(items)} 个单位，而文中的单位数是 {'、'.join(map(str, sorted(set(counts))))}"
        names = [_item_name(item) for _, item in items]
        if not why and any(not name or len(name) > _MAX_NAME for name, _ in names):
            why = "有的编号项读不出单位名称"
        if why:
            return Units((), (ImportFinding(origin, f"机构设置中的单位列表无法确定（{why}）：包含单位未填写",
                                            text=_sentence(text), severity="warning"),))
        entries = [unit_entry(name, department, remark) for name, remark in names]
        return _distinct(entries, [], origin)
    return Units((), ())


def _distinct(entries: list[dict[str, str]], findings: list[ImportFinding], origin: Origin) -> Units:
    names = [entry["名称"] for entry in entries]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        findings.append(ImportFinding(origin, f"单位名称重复（{'、'.join(repeated)}），无法确定各单位：包含单位未填写",
                                      severity="warning"))
        return Units((), tuple(findings))
    return Units(tuple(entries), tuple(findings))


def _sections(sections: Sequence[Any]) -> list[Mapping[str, Any]]:
    out: list[Mapping[str, Any]] = []
    for section in sections:
        if isinstance(section, Mapping):
            out.append(section)
            out.extend(_sections(section.get("小节", [])))
    return out


def _stated_counts(text: str) -> list[int]:
    """The numbers of units the text states: "本部以及下属 N 家" (N + 1), and the sum of "X单位 N 家" counts."""
    joined = _bare(text)
    counts = [int(m.group(1)) + 1 for m in _SUBORDINATES.finditer(joined)]
    for sentence in re.split(r"[。；]", joined):
        kinds = [int(m.group(2)) for m in _KIND_COUNT.finditer(sentence) if "下属" not in m.group(1)]
        if (kinds and "具体包括" in sentence) or len(kinds) >= 2:
            counts.append(sum(kinds))
    return counts


def _items(lines: Sequence[str]) -> list[tuple[int, str]]:
    """Numbered items ("1. …"), each with the lines that continue it (a long item wraps)."""
    items: list[tuple[int, str]] = []
    for line in lines:
        match = _ITEM.match(line)
        if match:
            items.append((int(match["number"]), match["text"]))
        elif items:
            items[-1] = (items[-1][0], items[-1][1] + line.strip())
        elif line.strip():
            break  # text between "具体包括：" and the first item: not a list
    return items


def _item_name(item: str) -> tuple[str, str]:
    """An item's unit name (up to the first "，" or "。") and a remark on its budget after it ("不单列预算")."""
    stop = re.search(r"[，。；,;]", item)
    if stop is None:
        return item.strip(), ""
    name, rest = item[:stop.start()], item[stop.end():].strip().rstrip("。；;")
    remark = rest if rest and _SCOPE_REMARK.search(rest) and len(rest) <= 20 else ""
    return name.strip(), remark


def _sentence(text: str) -> str:
    joined = _bare(text)
    return joined[:80] + ("…" if len(joined) > 80 else "")
