"""功能分类 类/款/项 labels in the narrative matched to the rows of the function-class table (issue 15 item 6).

Real prose names an item in several styles:

* “一般公共服务支出（类）商贸事务（款）行政运行（项）”938.99万元 (names, with 类/款/项 marks);
* 公共安全支出（204类）司法（06款）行政运行（01项）30.00万元 (codes inside the marks);
* 一般公共服务支出-人大事务-行政运行 1,202.95 万元 (names joined by dashes);
* 2010101 行政运行 (a 7-digit code).

A label is matched to one row of the 一般公共预算支出表 (预算) or the 一般公共预算财政拨款支出决算表
(决算) by code, else by its name path (类 by the vocabulary's names, including old ones; 款 and 项 by
the rows' own names). Only a match to exactly one row counts (精度优先); the amounts are then compared
at printed precision across 元/万元.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import NamedTuple

from budgetlint.model import Disclosure, Row, Table
from budgetlint.rules.narrative.claims import StatedAmount
from budgetlint.rules.narrative.periods import is_current
from budgetlint.rules.narrative.sections import NarrativeSection, function_class, narrative
from budgetlint.rules.narrative.vocabulary import normalise_label
from budgetlint.schema import package_text
from budgetlint.source import load_data

# (table key, rows path, amount column by period role) — the first table the document publishes
_TABLES: tuple[tuple[str, tuple[str, ...], dict[str, tuple[str, ...]]], ...] = (
    ("一般公共预算支出表", ("明细",), {"": ("合计",), "预算": ("合计",), "年初预算": ("合计",)}),
    ("一般公共预算财政拨款支出决算表", ("明细",), {"": ("决算数", "合计"), "决算": ("决算数", "合计"),
                                                 "年初预算": ("年初预算数", "合计"), "调整预算": ("调整预算数", "合计")}),
)
_MARKED = re.compile(r"(?P<name>[^（(“”\"]*?)\s*[（(]\s*(?P<code>\d{2,3})?\s*(?P<level>类|款|项)\s*[)）]")
_DASHED = re.compile(r"[^\s，,。；;：:“”\"]+(?:\s*[-—－]\s*[^\s，,。；;：:“”\"-—－]+){1,2}")
_ORDINAL = re.compile(r"^\s*(?:\d{1,2}\s*[、.．]|（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)\s*")
_CODE = re.compile(r"(?<!\d)(2\d{2})(\d{2})(\d{2})(?!\d)")


class ItemPath(NamedTuple):
    """A 科目 as the text names it: names and/or codes of 类, 款, 项 (empty when not given)."""

    names: tuple[str, str, str]
    codes: tuple[str, str, str]
    text: str  # as printed, for messages


class ItemMatch(NamedTuple):
    section: NarrativeSection
    amount: StatedAmount
    path: ItemPath
    table: Table
    row: Row
    column: tuple[str, ...]
    old_name: str  # a 类 name the vocabulary lists as old for the row's 类, when the text used it
    # the text names a 款 as its 项 (“卫生健康支出（类）卫生健康支出（款）计划生育事务（项）” where 计划生育事务 is
    # the 款 21007): matched to that 款 row, and a difference is only a hint (the text may mean a 项 under it)
    shifted: bool = False


def item_path(label: str) -> ItemPath | None:
    """The 类/款/项 path a label ends with, in any of the four styles; None when it names no 项."""
    # Cheap tests first (most labels name no 项): a path of marked levels ends with “项”, and a dashed one
    # has a dash; _MARKED and _DASHED open with a run of any characters, which the regex engine tries at
    # every position of the label.
    marked = list(_MARKED.finditer(label)) if "项" in label else []
    if marked and marked[-1].group("level") == "项":
        names = {"类": "", "款": "", "项": ""}
        codes = {"类": "", "款": "", "项": ""}
        for m in marked[-3:]:
            # “1.社会保障和就业支出(类)”: the label starts after the ordinal's digit, so its “.” is left over
            names[m.group("level")] = _ORDINAL.sub("", m.group("name")).strip(" 、，,“”\".．")
            codes[m.group("level")] = m.group("code") or ""
        text = label[marked[-3:][0].start():marked[-1].end()].strip(" “”\".．")
        return ItemPath((names["类"], names["款"], names["项"]), (codes["类"], codes["款"], codes["项"]), text)
    code = _CODE.search(label)
    if code:
        return ItemPath(("", "", ""), code.groups(), code.group())  # type: ignore[arg-type]
    dashed = [m for m in _DASHED.finditer(label)] if ("-" in label or "—" in label or "－" in label) else []
    if dashed:
        parts = re.split(r"\s*[-—－]\s*", dashed[-1].group())
        if len(parts) == 3:
            return ItemPath((parts[0], parts[1], parts[2]), ("", "", ""), dashed[-1].group())
    return None


def _table(doc: Disclosure) -> tuple[Table, tuple[str, ...], dict[str, tuple[str, ...]]] | None:
    for key, rows, columns in _TABLES:
        table = doc.table(key)
        if table is not None and table.rows(*rows):
            return table, rows, columns
    return None


def _find_row(doc: Disclosure, rows: tuple[Row, ...], path: ItemPath) -> tuple[Row, str, bool] | None:
    """The one row the path names, the old 类 name the text used (if any) and whether the text named a 款 as
    its 项; None unless exactly one."""
    by_code = {row.code: row for row in rows if row.code}
    if all(path.codes):
        row = by_code.get("".join(path.codes))
        return (row, "", False) if row is not None else None
    klass_name, section_name, item_name = (normalise_label(n) for n in path.names)
    if not item_name:
        return None
    klass = function_class(doc, klass_name) if klass_name else None
    klass_code = path.codes[0] or (klass[0] if klass else "")
    candidates = []
    for row in rows:
        code = row.code or ""
        if len(code) != 7 or normalise_label(row.name) != item_name or (klass_code and not code.startswith(klass_code)):
            continue
        parent = by_code.get(code[:5])
        if section_name and parent is not None and normalise_label(parent.name) != section_name:
            continue
        candidates.append(row)
    shifted = False
    if not candidates and klass_code:
        candidates = _shifted(rows, klass_code, klass_name, section_name, item_name)
        shifted = True
    if len(candidates) != 1:
        return None
    row = candidates[0]
    old = ""
    klass_row = by_code.get((row.code or "")[:3])
    if klass_name and klass_row is not None and normalise_label(klass_row.name) != klass_name:
        old = path.names[0]  # the text's 类 name is one of the class's names, but not the table's
    return row, old, shifted


def _shifted(rows: tuple[Row, ...], klass_code: str, klass_name: str, section_name: str, item_name: str) -> list[Row]:
    """The 款 rows a path shifted one level down names: “卫生健康支出（类）卫生健康支出（款）计划生育事务（项）” —
    the 款 repeats the 类's name (or is empty) and the 项 is the name of a 款 of that 类, with no 项 of that name.

    Only this shape: a 项 name that is no row at all stays unmatched (coverage says so)."""
    if section_name and section_name != klass_name:
        return []
    return [row for row in rows if len(row.code or "") == 5 and (row.code or "").startswith(klass_code)
            and normalise_label(row.name) == item_name]


def _item_headers(ns: NarrativeSection) -> list[tuple[int, int, ItemPath]]:
    """Numbered items whose text before their first figure names a 项: (view start, end, path)."""
    claims = ns.claims
    bounds = [*claims.items, len(claims.view.text)]
    firsts = sorted(a.number.vstart for a in claims.amounts)
    headers = []
    for start, end in zip(bounds, bounds[1:]):
        first = next((at for at in firsts if start <= at < end), end)
        path = item_path(claims.view.text[start:first])
        if path is not None and (all(path.names) or all(path.codes)):
            headers.append((start, end, path))
    return headers


def item_matches(doc: Disclosure) -> Iterator[ItemMatch]:
    return iter(doc.cached(("item matches",), lambda: tuple(_item_matches(doc))))


def _item_matches(doc: Disclosure) -> Iterator[ItemMatch]:
    found = _table(doc)
    if found is None:
        return
    table, rows_path, columns = found
    rows = table.rows(*rows_path)
    for ns in narrative(doc):
        headers = _item_headers(ns)
        for amount in ns.claims.amounts:
            column = columns.get(amount.role)
            if column is None or not (is_current(amount.role, doc.kind) or amount.role in columns):
                continue
            path = item_path(amount.label)
            if path is None and amount.role:
                # “12、住房保障支出（类）……住房公积金（项）。主要用于：……。年初预算为 289.59万元，支出决算为 289.59万元”:
                # a period figure with no subject of its own belongs to the 项 its numbered item opens with
                path = next((h for start, end, h in headers if start <= amount.number.vstart < end), None)
            if path is None:
                continue
            matched = _find_row(doc, rows, path)
            # a column the table does not print (a Shanghai 决算 表五 has no 年初预算数) is no match: the figure
            # stays unchecked, for BL330 and for the coverage alike
            if matched is not None and matched[0].prints(*column):
                yield ItemMatch(ns, amount, path, table, matched[0], column, matched[1], matched[2])


# The 类 names of budgetlint/data/function_classes.yaml are those in use since the 2019 科目 (its header):
# before 2019 a former name (医疗卫生与计划生育支出, 文化体育与传媒支出 …) may still have been the current one.
CURRENT_NAMES_SINCE = 2019


class OldClassName(NamedTuple):
    """A narrative figure whose 功能分类 类 the text names by a former name (“城乡社区事务支出3050.00万元”)."""

    section: NarrativeSection
    amount: StatedAmount
    code: str
    old: str  # as the vocabulary matched it in the text
    current: str  # the name the document's own table prints for the class, else the dictionary's
    printed: bool  # ``current`` is the table's


@lru_cache(maxsize=1)
def _class_names() -> Mapping[str, tuple[str, frozenset[str]]]:
    """类 code → (current name, former names bare), from budgetlint/data (the names BL014 judges tables by)."""
    entries = load_data(package_text("budgetlint.data", "function_classes.yaml"), "function_classes.yaml")["科目"]
    return {str(code): (str(e["名称"]), frozenset(_bare_class(str(n)) for n in e.get("曾用名") or ()))
            for code, e in entries.items()}


@lru_cache(maxsize=1)
def _all_former_names() -> tuple[str, ...]:
    """Every class's former names, bare (as :func:`_class_names` keeps them)."""
    return tuple(sorted({former for _, formers in _class_names().values() for former in formers}))


_ROW_ORDINAL = re.compile(r"^\s*[（(]?[零一二三四五六七八九十]+[)）、.．]\s*")


def _bare_class(name: str) -> str:
    name = normalise_label(_ROW_ORDINAL.sub("", name))
    return name[:-2] if name.endswith("支出") and len(name) > 2 else name


def _printed_class_names(doc: Disclosure) -> dict[str, str]:
    """类 code → the name the document's own tables print for it: the 功能分类 rows of the 收支总表 and
    财政拨款收支总表 (those BL014 reads), then the 类 rows of the function-class table."""
    names: dict[str, str] = {}
    for key in ("收支总表", "财政拨款收支总表"):
        table = doc.table(key)
        if table is not None:
            for code, row in doc.coded_rows(table, "支出", "功能分类"):
                if len(code) == 3:
                    names.setdefault(code, row.text("项目") or row.name)
    found = _table(doc)
    if found is not None:
        for row in found[0].rows(*found[1]):
            if row.code and len(row.code) == 3:
                names.setdefault(row.code, row.name)
    return names


def old_class_names(doc: Disclosure) -> Iterator[OldClassName]:
    """Figures whose label names their 类 by a former name (issue 15 item 6: an old 科目 name in the text is
    reported like BL014 does for tables). The name the label ends with decides (vocabulary.function_class);
    one that is neither the current nor a former name of its class is not judged (a regional variant).

    Against what: the name the document's own tables print for the class — a text that uses the same
    (old) name as its table says nothing new: BL014 reports the table; without such a row, the
    dictionary's current name, only for a disclosure of 2019 or later (before the 2019 科目 a former
    name may still have been the current one).
    """
    names = _class_names()
    formers = _all_former_names()
    printed = _printed_class_names(doc)
    for ns in narrative(doc):
        for amount in ns.claims.amounts:
            # The name reported is a former name the label holds (normalised: the vocabulary matched it
            # there): a label holding none names no class by a former name (most labels), and the
            # vocabulary's best match is not looked up for it.
            plain = normalise_label(amount.label)
            if not any(former in plain for former in formers):
                continue
            found = function_class(doc, amount.label)
            if found is None or found[0] not in names:
                continue
            current, former = names[found[0]]
            bare = _bare_class(found[1])
            if bare not in former or bare == _bare_class(current):
                continue
            table_name = printed.get(found[0])
            if table_name is not None:
                if _bare_class(table_name) != bare:
                    yield OldClassName(ns, amount, found[0], found[1], _ROW_ORDINAL.sub("", table_name).strip(), True)
            elif doc.year >= CURRENT_NAMES_SINCE:
                yield OldClassName(ns, amount, found[0], found[1], current, False)
