"""一个数字是同表其他数字的上万倍，或整张表比其他表大上千倍，很可能是单位写错（元当作万元）。

为什么
    万元表中误填了按元计的数字（或整张表按元填写却标成万元），数字会大一万倍。加总核对也许能发现“不相等”，
    却说不出原因；此规则直接指出可疑的数字，并给出按元折合的万元数，若折合后恰好等于文件中另一个数字，一并指出。
    判断：一个数字至少是同表其他数字中位数的 1000 倍，且至少是同表其他最大数字的 10 倍；
    或一张表的最大数字至少是其他各表最大数字的 1000 倍。报告位置在该数字（整表时在表的“单位”或表名）。

示例基础: tests/fixtures/clean-shanghai-2024.yaml

错误示例
    ```yaml
    表格:
      三公经费表:
        本年: {公务接待费: 30000.00}
    ```

正确示例
    ```yaml
    表格:
      三公经费表:
        本年: {公务接待费: 3.00}
    ```

选项
    median_ratio（整数，默认 1000）：数字至少是同表其他数字中位数的这么多倍才报告。
    max_ratio（整数，默认 10）：并且至少是同表其他最大数字的这么多倍。
    table_ratio（整数，默认 1000）：一张表的最大数字至少是其他各表最大数字的这么多倍时，报告整张表。
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from budgetlint.arith import YUAN_PER_WAN, fmt, round_half_up
from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Amount, Disclosure, Table, make_amount
from budgetlint.rule import RuleMeta
from budgetlint.rules.units import show_both

META = RuleMeta(
    id="BL602",
    name="unit-slip",
    title="数字是同类数字的上万倍：可能把元当作万元",
    severity=Severity.WARNING,
    catalogue=("C23",),
)

@dataclass(frozen=True, slots=True)
class Options:
    median_ratio: int = 1000  # the figure is at least this many times the median of its table
    max_ratio: int = 10  # … and at least this many times the largest other figure of its table
    table_ratio: int = 1000  # a table's largest figure against the largest of every other table


class Cell(NamedTuple):
    amount: Amount
    table: Table
    words: tuple[str, ...]
    row: str

    @property
    def label(self) -> str:
        """Built only for a message: most cells are never named."""
        return self.table.cell_label(*self.words) + (f"（{self.row}行）" if self.row else "")


_NAME_KEYS = ("名称", "项目", "项目名称", "单位名称")


def _row_label(table: Table, path: tuple[str | int, ...]) -> str:
    """How a message names the row a cell is in: the name of the deepest mapping on its path that has one."""
    label, data = "", table.data
    for part in path[:-1]:
        data = data[part]
        if isinstance(data, Mapping):
            name = next((data[k] for k in _NAME_KEYS if isinstance(data.get(k), str)), None)
            if isinstance(name, str):
                label = f"“{name}”"
    return label


def table_cells(table: Table) -> list[Cell]:
    """The table's non-zero figures (the amount cells of the schema, Table.figures) as Cells."""
    return [Cell(make_amount(f.raw, table.at.child(*f.path), table.unit), table,
                 tuple(p for p in f.path if isinstance(p, str)), _row_label(table, f.path))
            for f in table.figures() if f.raw]


class _Figures(NamedTuple):
    """What this rule first needs of a table's non-zero figures: how many, and the two largest |value|
    in 万元. Most tables have no slip: no Cell is built for them."""

    size: int  # not “count”: that would shadow tuple.count
    top: Decimal
    second: Decimal | None  # None when the table has a single figure


def _figures(table: Table) -> _Figures | None:
    """The same cells as :func:`table_cells` (None: the table has no non-zero figure)."""
    found = [f.raw for f in table.figures() if f.raw]
    if not found:
        return None
    scale = YUAN_PER_WAN if table.unit == "元" else 1
    # heapq.nlargest(2, found, key=abs) is documented as sorted(found, key=abs, reverse=True)[:2]; the
    # sort runs in C, nlargest's heap loop in Python
    top, *rest = (abs(Decimal(v)) / scale for v in sorted(found, key=abs, reverse=True)[:2])
    return _Figures(len(found), top, rest[0] if rest else None)


def _twin(doc: Disclosure, value: Decimal) -> Amount | None:
    """Another printed figure of the document equal to ``value`` (万元, two decimals)."""
    for table in doc.tables.values():
        for cell in table_cells(table):
            if round_half_up(cell.amount.value, 2) == value:
                return cell.amount
    return None


def _others(ordered: list[Decimal], value: Decimal) -> tuple[Decimal, Decimal]:
    """(median, largest) of ``ordered`` without one occurrence of ``value``, in O(log n).

    Why not statistics.median over the other cells of each cell: that is quadratic in the table
    size. The arithmetic is statistics.median's.
    """
    gap = bisect_left(ordered, value)
    count = len(ordered) - 1

    def other(i: int) -> Decimal:
        return ordered[i] if i < gap else ordered[i + 1]

    if count % 2:
        median = other(count // 2)
    else:
        median = (other(count // 2 - 1) + other(count // 2)) / 2
    return median, ordered[-2] if gap == count else ordered[-1]


def _cell_slips(doc: Disclosure, table: Table, cells: list[Cell], opts: Options) -> Iterator[Violation]:
    ordered = sorted(abs(c.amount.value) for c in cells)
    if len(ordered) < 3:
        return
    for cell in cells:
        value = abs(cell.amount.value)
        median, largest = _others(ordered, value)
        if value < opts.median_ratio * median or value < opts.max_ratio * largest:
            continue
        message = (f"{cell.label} {cell.amount.show()}，是同表其他数字中位数（{fmt(median, 2)} 万元）的 "
                   f"{fmt(round_half_up(value / median, 0), 0)} 倍，可能把元当作万元填写")
        related: tuple[Related, ...] = ()
        if table.unit == "万元":
            converted = round_half_up(cell.amount.value / YUAN_PER_WAN, 2)
            message += f"：按元折合为 {fmt(converted, 2)} 万元"
            twin = _twin(doc, converted)
            if twin is not None:
                message += f"，恰与文件中另一处数字 {show_both(twin)} 相等"
                related = (Related(twin.at, f"相等的数字 {show_both(twin)}"),)
        yield Violation(cell.amount.at, message, related)


def _table_slips(doc: Disclosure, largest: dict[str, Cell], opts: Options) -> Iterator[Violation]:
    for key, top in largest.items():
        others = [abs(c.amount.value) for k, c in largest.items() if k != key]
        if not others or abs(top.amount.value) < opts.table_ratio * max(others):
            continue
        table = doc.tables[key]
        message = (f"{table.label}的数字整体比其他表大上千倍（本表最大 {top.amount.show()}，其他表最大 "
                   f"{fmt(max(others), 2)} 万元）：本表可能按元填写却标为{table.unit}")
        at = table.at.child("单位") if table.text("单位") else table.at
        yield Violation(at, message, (Related(top.amount.at, f"本表最大数字 {top.amount.show()}"),))


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    figures = {key: found for key, table in doc.tables.items() if (found := _figures(table)) is not None}
    tops = sorted(found.top for found in figures.values())
    table_slip_possible = len(tops) > 1 and tops[-1] >= opts.table_ratio * tops[-2]
    largest: dict[str, Cell] = {}
    for key, found in figures.items():
        # Only a table's largest figure can be max_ratio times every other one: skip the rest cheaply.
        cell_slip_possible = found.size >= 3 and found.second is not None and found.top >= opts.max_ratio * found.second
        if not cell_slip_possible and not table_slip_possible:
            continue
        cells = table_cells(doc.tables[key])
        largest[key] = max(cells, key=lambda c: abs(c.amount.value))
        if cell_slip_possible:
            yield from _cell_slips(doc, doc.tables[key], cells, opts)
    if table_slip_possible:
        yield from _table_slips(doc, largest, opts)
