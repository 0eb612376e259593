"""Which cells of a table are amounts, derived once from the schema (``$defs/amount``), and a table's figures.

Why from the schema: rules used to walk a table's cells with their own lists of keys that are not amounts
(codes, names, years, 指标值 …), and the lists disagreed — a numeric 指标值 or an integer 编码 counted as a
figure for one rule and not for another. The schema already says which fields are amounts: every place
that refers to ``#/$defs/amount``. The shapes are read from it once per process; a table's figures are
read once per document (:meth:`budgetlint.model.Table.figures`) and shared by every rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

AMOUNT_REF = "#/$defs/amount"
ITEMS = 0  # the template key of a list's items (never a mapping key: the loader's keys are strings)
# A template is a tree of dicts: mapping key → sub-template, ITEMS → the items' template, LEAF at an amount
LEAF: dict[Any, Any] = {}
Template = dict[Any, Any]


class Figure(NamedTuple):
    """One amount cell of a table as the loader gives it: a number (int or Decimal) or None (blank)."""

    parent: tuple[str | int, ...]  # the path of the mapping or list the cell is in (shared by its siblings)
    key: str | int
    raw: int | Decimal | None

    @property
    def path(self) -> tuple[str | int, ...]:
        """From the table's mapping, list indices included (built when asked: most cells are never named)."""
        return (*self.parent, self.key)


def _template(node: Mapping[str, Any], defs: Mapping[str, Any], seen: frozenset[str]) -> Template | None:
    """The amount positions under a schema node (None: none there)."""
    ref = node.get("$ref")
    if isinstance(ref, str):
        if ref == AMOUNT_REF:
            return LEAF
        name = ref.rsplit("/", 1)[-1]
        if name in seen or name not in defs:
            return None
        return _template(defs[name], defs, seen | {name})
    result: Template = {}
    for key, sub in (node.get("properties") or {}).items():
        found = _template(sub, defs, seen)
        if found is not None:
            result[key] = found
    items = node.get("items")
    if isinstance(items, Mapping):
        found = _template(items, defs, seen)
        if found is not None:
            result[ITEMS] = found
    for combinator in ("allOf", "anyOf", "oneOf"):
        for sub in node.get(combinator) or ():
            found = _template(sub, defs, seen)
            if found is LEAF:
                return LEAF
            if found:
                _merge(result, found)
    return result or None


def _merge(into: Template, other: Template) -> None:
    for key, sub in other.items():
        if key in into and into[key] is not LEAF and sub is not LEAF:
            _merge(into[key], sub)
        else:
            into[key] = sub


@lru_cache(maxsize=1)
def templates() -> dict[str, Template]:
    """Table key → where its amounts are, from ``properties.表格`` of the schema."""
    from budgetlint.schema import schema_document  # the schema is read once, by whoever needs it first

    schema = schema_document()
    defs = schema.get("$defs") or {}
    tables = (schema.get("properties") or {}).get("表格") or {}
    result: dict[str, Template] = {}
    for key, node in (tables.get("properties") or {}).items():
        found = _template(node, defs, frozenset())
        result[key] = found if found is not None and found is not LEAF else {}
    return result


def amount_paths(table_key: str) -> list[tuple[str, ...]]:
    """The amount paths of a table as the schema spells them, ``"*"`` for a list's items (documentation, tests)."""
    out: list[tuple[str, ...]] = []

    def walk(template: Template, path: tuple[str, ...]) -> None:
        for key, sub in template.items():
            here = (*path, "*" if key == ITEMS else key)
            if sub is LEAF:
                out.append(here)
            else:
                walk(sub, here)

    walk(templates().get(table_key, {}), ())
    return out


_new = tuple.__new__  # Figure(parent, key, raw) without NamedTuple.__new__'s argument handling: one per amount cell


def collect(data: Any, template: Template, path: tuple[str | int, ...], out: list[Figure]) -> None:
    """Append every amount cell of ``data`` (shaped by ``template``) in the data's own order.

    Runs over every cell of every table of a document: the loader's own classes (dict, list, int,
    Decimal) are tested first; anything else takes the general checks.
    """
    if data.__class__ is dict or isinstance(data, Mapping):
        get = template.get
        for key, value in data.items():
            sub = get(key)
            if sub is None:
                continue
            if sub is LEAF:
                kind = value.__class__
                # bool is an int subclass but never a figure
                if value is None or kind is Decimal or kind is int or (isinstance(value, (int, Decimal)) and kind is not bool):
                    out.append(_new(Figure, (path, key, value)))
            elif value is not None:
                collect(value, sub, (*path, key), out)
    elif isinstance(data, list):
        sub = template.get(ITEMS)
        if sub is None:
            return
        for i, item in enumerate(data):
            if sub is LEAF:
                if item is None or (isinstance(item, (int, Decimal)) and item.__class__ is not bool):
                    out.append(_new(Figure, (path, i, item)))
            else:
                collect(item, sub, (*path, i), out)


def table_figures(table_key: str, data: Mapping[str, Any]) -> tuple[Figure, ...]:
    out: list[Figure] = []
    template = templates().get(table_key)
    if template:
        collect(data, template, (), out)
    return tuple(out)
