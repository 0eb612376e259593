"""The typed model the rules read: a disclosure, its tables, rows, amounts and narrative sections.

``build()`` runs only on schema-valid data, so it needs no defensive code. Every node carries a
:class:`Pointer` (where in the data), which the engine turns into file, line and column.
Amounts are normalised to 万元 for comparison and remember how they were printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any, NamedTuple, TypeGuard, TypeVar

from budgetlint.arith import YUAN_PER_WAN, YUAN_TO_FEN, Printed, fmt, places, to_wan
from budgetlint.figures import Figure
from budgetlint.finding import Pointer
from budgetlint.profile import Profile

_T = TypeVar("_T")
_DIGITS = {"零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# Container keys that add nothing to a cell's name in a message
_SILENT_KEYS = frozenset({"合计行", "预算情况"})


@cache
def _ordinal_pattern() -> re.Pattern[str]:
    """Compiled on first use: only rows without a code need it, and start-up pays for every import-time compile."""
    return re.compile(r"^\s*[（(]?([零一二三四五六七八九十]+)[)）、.．]")


def chinese_number(text: str) -> int | None:
    """一 → 1, 十 → 10, 二十一 → 21, 三十四 → 34."""
    if not text or any(ch not in _DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    value = (_DIGITS.get(tens, 0) if tens else 1) * 10
    return value + (_DIGITS.get(ones, 0) if ones else 0)


@lru_cache(maxsize=4096)
def ordinal_of(label: str) -> int | None:
    """The Chinese ordinal that starts a row label: “六、科学技术” → 6, “（二十一）住房保障支出” → 21."""
    match = _ordinal_pattern().match(label)
    return chinese_number(match.group(1)) if match else None


# Amount and Section are NamedTuples: immutable like frozen dataclasses, but several times cheaper to
# define (start-up) and to create (the model makes an Amount per cell read); nothing compares, hashes or
# copies them as dataclasses. Node and its subclasses stay dataclasses (inheritance, per-table caches).
class Amount(NamedTuple):
    """One amount cell. A blank cell is an exact zero that remembers it was blank."""

    value: Decimal  # in 万元
    decimals: int  # printed precision, in 万元 decimals
    blank: bool
    at: Pointer
    unit: str  # unit as printed
    raw: Decimal | None = None  # the figure as printed, in its own unit

    @property
    def text(self) -> str:
        """The figure as printed, without unit (computed only when a message needs it)."""
        return "" if self.raw is None else fmt(self.raw, places(self.raw))

    @property
    def printed(self) -> Printed:
        # A 元 figure printed to the fen is the amount itself: no rounding tail (issue 12). A whole-元 figure
        # is exact too beside fen figures of its list (arith.at_list_precision); in a table printed in whole
        # 元 throughout (万里街道 2025 T3: 94995790 = 77381546 + 17614243 + 1) it is a rounding of the fen.
        return Printed(self.value, self.decimals, self.unit == "元" and self.decimals >= YUAN_TO_FEN)

    def show(self) -> str:
        return "空白" if self.blank else f"{self.text} {self.unit}"


_ZERO = Decimal(0)


def is_figure(value: Any) -> TypeGuard[int | Decimal]:
    """A printed figure as the loader gives it: an int or a Decimal (a YAML true/false is not one)."""
    return isinstance(value, (int, Decimal)) and value.__class__ is not bool


def lookup(data: Any, keys: tuple[str, ...]) -> Any:
    """``Node.get`` for a path of keys only (a rule's precompiled cell path): no argument packing and
    no per-part type checks of the key."""
    value = data
    for key in keys:
        if isinstance(value, dict):  # the loader's mappings
            value = value.get(key)
        elif value is not None and isinstance(value, Mapping):
            value = value.get(key)
        else:
            return None
    return value


def make_amount(raw: Any, at: Pointer, unit: str) -> Amount:
    if not is_figure(raw):
        return Amount(_ZERO, 2, True, at, unit)
    if isinstance(raw, Decimal):
        exponent = raw.as_tuple().exponent
        value, decimals = raw, (-exponent if isinstance(exponent, int) and exponent < 0 else 0)
    else:
        value, decimals = Decimal(raw), 0  # an int has no decimals
    if unit == "元":
        return Amount(value / YUAN_PER_WAN, decimals + 4, False, at, unit, value)
    return Amount(value, decimals, False, at, unit, value)


@dataclass(frozen=True, slots=True)
class Node:
    """A mapping in the data (a table, a row, a column group) with typed access to its cells."""

    data: Mapping[str, Any]
    at: Pointer
    unit: str

    def get(self, *path: str | int) -> Any:
        value: Any = self.data
        for part in path:
            # dict first: the loader's mappings are dicts, and the Mapping ABC check costs ten times more
            # (a missing key leaves None, which must not reach that check either)
            if isinstance(value, dict) and isinstance(part, str):
                value = value.get(part)
            elif value is None:
                return None
            elif isinstance(part, str) and isinstance(value, Mapping):
                value = value.get(part)
            elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
                value = value[part]
            else:
                return None
        return value

    def prints(self, *path: str | int) -> bool:
        """Whether the table has this cell at all (printed, even blank), as opposed to a row or column it
        does not have: a blank cell may be compared, a cell that is not there may not."""
        value: Any = self.data
        for part in path:
            if isinstance(value, Mapping) and isinstance(part, str) and part in value:
                value = value[part]
            elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
                value = value[part]
            else:
                return False
        return True

    def amount(self, *path: str | int) -> Amount:
        return make_amount(self.get(*path), self.at.child(*path), self.unit)

    def value(self, *path: str | int) -> Decimal:
        """``amount(*path).value`` without building the Amount."""
        raw = self.get(*path)
        return to_wan(raw, self.unit) if is_figure(raw) else _ZERO

    def text(self, *path: str | int) -> str | None:
        value = self.get(*path)
        return value if isinstance(value, str) else (str(value) if value is not None else None)

    def rows(self, *path: str | int) -> tuple[Row, ...]:
        items = self.get(*path)
        if not isinstance(items, list):
            return ()
        base = self.at.child(*path)
        return tuple(Row(item, base.child(i), self.unit, i) for i, item in enumerate(items) if isinstance(item, (dict, Mapping)))


@dataclass(frozen=True, slots=True)
class Row(Node):
    index: int = 0

    @property
    def code(self) -> str | None:
        code = self.data.get("编码")
        return None if code is None else str(code)

    @property
    def name(self) -> str:
        for key in ("名称", "项目", "项目名称", "单位名称"):
            value = self.data.get(key)
            if isinstance(value, str):
                return value
        return self.code or f"第 {self.index + 1} 行"


@dataclass(frozen=True, slots=True)
class Table(Node):
    key: str = ""
    label: str = ""  # “预算01表（收支总表）”: how messages name the table
    # rows() by path: a table's rows are read by many rules, and the rows are immutable
    row_cache: dict[tuple[str | int, ...], tuple[Row, ...]] = field(default_factory=dict, compare=False, repr=False)
    # figures(): every amount cell, read once per document and shared by the rules that walk them all
    figure_cache: list[tuple[Figure, ...]] = field(default_factory=list, compare=False, repr=False)

    def rows(self, *path: str | int) -> tuple[Row, ...]:
        try:
            return self.row_cache[path]
        except KeyError:
            found = self.row_cache[path] = Node.rows(self, *path)
            return found

    def figures(self) -> tuple[Figure, ...]:
        """Every amount cell of the table (blank ones too), in the data's order: the places the schema types
        as ``$defs/amount`` (figures.py), so codes, years and 指标值 are never taken for amounts."""
        if not self.figure_cache:
            from budgetlint.figures import table_figures  # reads the schema: only when a rule needs figures

            self.figure_cache.append(table_figures(self.key, self.data))
        return self.figure_cache[0]

    @property
    def note(self) -> str | None:
        note = self.data.get("说明")
        return note if isinstance(note, str) and note.strip() else None

    def cell_label(self, *path: str | int) -> str:
        """Human name of a cell: “预算03表（支出表）合计行 基本支出 小计”."""
        words = [str(p) for p in path if isinstance(p, str) and p not in _SILENT_KEYS]
        # “支出 支出总计” says 支出 twice: keep only the more specific word
        words = [w for i, w in enumerate(words) if not any(w in later for later in words[i + 1:])]
        return self.label + " ".join(words)


class Section(NamedTuple):
    """A narrative section (or 小节): its title, topic and text block."""

    part: str  # 概况 | 情况说明 | 名词解释
    title: str
    topic: str | None
    text: str
    at: Pointer  # the section mapping
    children: tuple[Section, ...] = ()

    @property
    def text_at(self) -> Pointer:
        return self.at.child("文本")

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class Disclosure:
    file: str
    department: str
    year: int
    kind: str
    profile: Profile
    unit: str
    units: tuple[str, ...]  # 包含单位 with a budget (a file) of their own: not those whose 备注 says 不单列预算
    tables: Mapping[str, Table]
    sections: tuple[Section, ...]
    data: Mapping[str, Any]
    root: Pointer
    # Views that several rules read (narrative claims, vocabulary matches, 功能分类 scopes), computed
    # once per document by the module that owns them; not part of the document's value.
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    def cached(self, key: Any, make: Callable[[], _T]) -> _T:
        """``make()`` once per document and ``key`` (a tuple naming the view and its inputs)."""
        try:
            found: _T = self.memo[key]
        except KeyError:
            found = self.memo[key] = make()
        return found

    def table(self, key: str) -> Table | None:
        return self.tables.get(key)

    def all_sections(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def coded_rows(self, table: Table, *path: str | int) -> tuple[tuple[str, Row], ...]:
        """The rows at ``path`` that have a 类 code, with it: once per document, as the 功能分类 rows of
        the 收支总表 are read by several rules."""
        def make() -> tuple[tuple[str, Row], ...]:
            return tuple((code, row) for row in table.rows(*path) if (code := self.function_class_code(row)))

        return self.cached(("coded rows", table.key, path), make)

    def function_class_code(self, row: Row) -> str | None:
        """The 3-digit 类 code of a 收支总表/财政拨款收支总表 row: its 编码, else from its ordinal."""
        if row.code:
            return row.code
        label = row.text("项目") or ""
        ordinal = ordinal_of(label)
        return None if ordinal is None else self.profile.code_for_ordinal(ordinal)


def _sections(part: str, items: Any, at: Pointer) -> tuple[Section, ...]:
    if not isinstance(items, list):
        return ()
    result = []
    for i, item in enumerate(items):
        if not isinstance(item, Mapping):
            continue
        here = at.child(i)
        text = item.get("文本")
        result.append(
            Section(
                part=part,
                title=str(item.get("标题") or ""),
                topic=item.get("主题") if isinstance(item.get("主题"), str) else None,
                text=text if isinstance(text, str) else "",
                at=here,
                children=_sections(part, item.get("小节"), here.child("小节")),
            )
        )
    return tuple(result)


def build(data: Mapping[str, Any], file: str, profile: Profile) -> Disclosure:
    """Build the model from schema-valid data."""
    root = Pointer(file, ())
    unit = str(data.get("金额单位", "万元"))
    tables: dict[str, Table] = {}
    for key, raw in (data.get("表格") or {}).items():
        if isinstance(raw, Mapping):
            table_unit = str(raw.get("单位") or unit)
            tables[key] = Table(raw, root.child("表格", key), table_unit, key=key, label=profile.table_label(key))
    sections: list[Section] = []
    narrative = data.get("正文") or {}
    for part in ("概况", "情况说明", "名词解释"):
        block = narrative.get(part)
        if isinstance(block, Mapping):
            sections.extend(_sections(part, block.get("章节"), root.child("正文", part, "章节")))
    # A unit "不单列预算" (备注, e.g. "不单列预算，并入本级") has no budget of its own: its figures are in the 本级's,
    # and no file of its own will ever exist, so the 部门 = 本级 + 所属单位 check (BL803) sums without it.
    units = tuple(str(u.get("名称")) for u in data.get("包含单位") or ()
                  if isinstance(u, Mapping) and "不单列" not in str(u.get("备注") or ""))
    return Disclosure(
        file=file,
        department=str(data.get("部门", "")),
        year=int(data.get("年度", 0)),
        kind=str(data.get("类型", "预算")),
        profile=profile,
        unit=unit,
        units=units,
        tables=tables,
        sections=tuple(sections),
        data=data,
        root=root,
    )
