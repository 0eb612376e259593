"""Declarative rules: one YAML entry per rule (rules.d/*.yaml), naming a check function of the library.

Most within-table sums and cross-table identities of the catalogue (groups A and B), and the narrative
restatements and sums of group C, are the same few judgements on different cells. Writing each as a Python
module would repeat the same 40 lines thirty times; an entry names the cells (or, for the narrative, the rule
whose vocabulary entries to read) and a function of :mod:`budgetlint.rules.library` instead, and this module
turns each entry into an ordinary :class:`~budgetlint.rule.Rule` with the same contract (id, name, title,
severity, Chinese doc with executable examples). Anything that needs logic (scope detection, matching
projects, code hierarchies) stays a Python rule module.

Paths are ``表名/键/键`` (absolute) or, for row-wise entries, relative to each row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from functools import cache
from typing import Any, NamedTuple

from budgetlint.arith import YUAN_PER_WAN
from budgetlint.rules.tables.identity_checks import Term
from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure, Node, Table, is_figure, lookup
from budgetlint.profile import ALL_TABLE_KEYS as TABLE_KEYS
from budgetlint.rule import RULE_ID, NoOptions, Rule, RuleLoadError, RuleMeta
from budgetlint.rules.library import Function, function


class EntryCell(NamedTuple):
    """A cell path of a rule file, split once when the rule is loaded (not once per document)."""

    table: str | None  # the table of an absolute path; None: relative to each row
    keys: tuple[str, ...]


class CellCheck(NamedTuple):
    function: Function  # a cell function of the library: sum | equal | not-greater
    left: str  # total / stated / part
    right: tuple[str, ...]  # addends / (source,) / (whole,)
    cells: tuple[EntryCell, ...]  # left, *right parsed
    holds: Callable[[Any, Any], bool]  # function.plainly_holds, taken out once: it runs for every row of every document


class NarrativeCheck(NamedTuple):
    function: Function  # a narrative function of the library: restated-in-narrative | summed-in-narrative
    rule: str  # the rule id: which vocabulary entries (`规则: BL303`) it reads
    code: str  # the rule's first catalogue code: the prefix of its finding keys (baselines, fingerprints)


# Declarative rules take no options (the rounding bound follows the printed precision): they share the
# rule module's empty Options dataclass instead of defining one more.
Options = NoOptions


@cache  # the paths written in the rule files: a fixed, small set
def _split(path: str) -> tuple[str, ...]:
    return tuple(part for part in path.split("/") if part)


def _parse(path: str) -> EntryCell:
    parts = _split(path)
    return EntryCell(parts[0], parts[1:]) if parts[0] in TABLE_KEYS else EntryCell(None, parts)


def _locate(doc: Disclosure, row: tuple[Table, Node] | None, cell: EntryCell) -> tuple[Table, Node, tuple[str, ...]] | None:
    """(table, node the path is relative to, remaining keys) for a cell path."""
    if cell.table is not None:
        table = doc.tables.get(cell.table)
        return None if table is None else (table, table, cell.keys)
    assert row is not None  # rule_from_entry refuses a relative path without rows
    return row[0], row[1], cell.keys


def _label(table: Table, node: Node, parts: tuple[str, ...]) -> str:
    if node is table:
        return table.cell_label(*parts)
    prefix = node.at.path[len(table.at.path):]
    label_parts = [p for p in prefix if isinstance(p, str)]
    name = node.data.get("名称") or node.data.get("项目名称") or node.data.get("项目")
    row_word = f"（“{name}”行）" if isinstance(name, str) else ""
    return table.cell_label(*label_parts, *parts) + row_word




def _rows(doc: Disclosure, tables: Sequence[str], containers: Sequence[tuple[str, ...]]) -> Iterator[tuple[Table, Node]]:
    for key in tables:
        table = doc.table(key)
        if table is None:
            continue
        for parts in containers:
            value = table.get(*parts)
            if isinstance(value, (dict, Mapping)):
                yield table, Node(value, table.at.child(*parts), table.unit)
            elif isinstance(value, list):
                for row in table.rows(*parts):
                    yield table, row


def _raw_values(doc: Disclosure, identity: CellCheck, row: Node | None) -> list[Decimal | int | None] | None:
    """The identity's cells in 万元 straight from the data (None: blank), or None when a table is not
    published: no Amount and no Pointer yet.

    This runs for every identity of every row of every document, so the path walk and the figure test
    of ``model.lookup``/``model.is_figure`` are inlined for the loader's own classes (dict, int, Decimal);
    anything else takes those functions.
    """
    values: list[Decimal | int | None] = []
    tables = doc.tables
    for table_key, keys in identity.cells:
        node = row if table_key is None else tables.get(table_key)
        if node is None:
            return None
        value: Any = node.data
        for key in keys:
            if value.__class__ is dict:
                value = value.get(key)
            else:
                value = lookup(value, (key,))
        kind = value.__class__
        if kind is not Decimal and kind is not int and not is_figure(value):
            values.append(None)
        else:
            values.append(value / YUAN_PER_WAN if node.unit == "元" else value)
    return values


def _evaluate(doc: Disclosure, identity: CellCheck, row: tuple[Table, Node] | None) -> Violation | None:
    values = _raw_values(doc, identity, None if row is None else row[1])
    # exact equality of the raw values passes without building a message (most documents, most checks)
    if values is None or identity.holds(values[0], values[1:]):
        return None
    located = [c for c in (_locate(doc, row, cell) for cell in identity.cells) if c is not None]
    amounts = [node.amount(*parts) for _, node, parts in located]
    left, *right = (Term(a, _label(*c)) for a, c in zip(amounts, located))
    result: Violation | None = identity.function.judge(left, right)
    return result


def _make_check(identities: tuple[CellCheck, ...], narrative: tuple[NarrativeCheck, ...], tables: tuple[str, ...],
                rows: tuple[str, ...]) -> Any:
    containers = tuple(_split(container) for container in rows)

    def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
        if identities:
            contexts: list[tuple[Table, Node] | None] = list(_rows(doc, tables, containers)) if rows else [None]
            for context in contexts:
                for identity in identities:
                    violation = _evaluate(doc, identity, context)
                    if violation is not None:
                        yield violation
        for item in narrative:
            yield from item.function.judge(doc, item.rule, item.code)

    return check


def _identity(raw: Mapping[str, Any], found: Function, origin: str) -> CellCheck:
    """A cell function's paths: its first key names one cell, its second a list (``addends``) or one cell."""
    left, right = raw[found.keys[0]], raw[found.keys[1]]
    right = right if found.keys[1] in found.lists else [right]
    if not isinstance(left, str) or not isinstance(right, list) or not all(isinstance(p, str) for p in right):
        raise RuleLoadError(f"{origin}: 恒等式缺少单元格路径")
    assert found.plainly_holds is not None  # a cell function (function.on_cells)
    return CellCheck(found, left, tuple(right), tuple(_parse(p) for p in (left, *right)), found.plainly_holds)


def _narrative(entry: Mapping[str, Any], found: Function, rule_id: str, origin: str) -> NarrativeCheck:
    catalogue = entry.get("catalogue")
    if not isinstance(catalogue, list) or not catalogue or not all(isinstance(c, str) for c in catalogue):
        raise RuleLoadError(f"{origin}: 检查函数 {found.name} 需要 catalogue（规则目录编号的列表，第一个是发现标识的前缀）")
    return NarrativeCheck(found, rule_id, catalogue[0])


def _doc(entry: Mapping[str, Any]) -> str:
    def block(text: str) -> str:
        body = "\n".join("    " + line if line else "" for line in str(text).rstrip().split("\n"))
        return f"    ```yaml\n{body}\n    ```"

    why = "\n".join("    " + line for line in str(entry.get("why", "")).strip().split("\n"))
    base = f"\n示例基础: {entry['base']}\n" if entry.get("base") else ""  # examples for a 决算/regional document
    # summary: the doc's first line when it is worded apart from the title (help text of SARIF, `budgetlint rule`)
    return (f"{entry.get('summary') or entry['title']}\n\n为什么\n{why}\n{base}\n错误示例\n{block(entry.get('fails', ''))}\n\n"
            f"正确示例\n{block(entry.get('passes', ''))}\n")


def rule_from_entry(entry: Mapping[str, Any], origin: str) -> Rule:
    for key in ("id", "name", "title", "severity", "why", "fails", "passes"):
        if key not in entry:
            raise RuleLoadError(f"{origin}: 声明式规则缺少“{key}”")
    rule_id = str(entry["id"])
    if not RULE_ID.match(rule_id):
        raise RuleLoadError(f"{origin}: 规则编号“{rule_id}”格式不对")
    where = f"{origin} {rule_id}"
    raw_identities = entry.get("identities") or [entry]
    if not isinstance(raw_identities, list) or not all(isinstance(raw, Mapping) for raw in raw_identities):
        raise RuleLoadError(f"{where}: identities 应是条目的列表")
    functions = [(raw, function(raw, where)) for raw in raw_identities]
    identities = tuple(_identity(raw, found, where) for raw, found in functions if found.on_cells)
    narrative = tuple(_narrative(entry, found, rule_id, where) for _, found in functions if not found.on_cells)
    tables = tuple(entry.get("tables") or ())
    rows = tuple(entry.get("rows") or ())
    if rows and narrative:
        raise RuleLoadError(f"{where}: rows 只用于表格单元格的检查函数（{'、'.join(n.function.name for n in narrative)} 读叙述）")
    for identity in identities:
        for path in (identity.left, *identity.right):
            if not rows and _split(path)[0] not in TABLE_KEYS:
                raise RuleLoadError(f"{where}: 路径“{path}”不以表名开头")
    meta = RuleMeta(rule_id, str(entry["name"]), str(entry["title"]), Severity.parse(str(entry["severity"])),
                    tables or tuple(sorted({_split(p)[0] for i in identities for p in (i.left, *i.right)})),
                    tuple(entry.get("catalogue") or ()))
    return Rule(meta, Options, _make_check(identities, narrative, tables, rows), _doc(entry), f"{origin}#{rule_id}")
