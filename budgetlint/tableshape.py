"""The shape of each format-v1 table, read from the JSON Schema: which keys, in which order, what each holds.

Why from the schema: the schema file is the single source of truth for the format (docs/design.md), and
its properties carry a Chinese ``description`` for every key. ``budgetlint profile show`` lists a table's
columns from it and ``budgetlint init`` writes a skeleton from it, so neither can drift from what
``budgetlint check`` accepts: a key added to the schema appears in both without touching this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

# The fields every table shares (编号, 标题, 部门, 年度, 单位, 说明): not columns of the table.
COMMON_FIELDS = ("编号", "标题", "部门", "年度", "单位", "说明")
# Provenance that `budgetlint import` writes (the PDF page, or the workbook cells, of a table, row or
# section): not something a person fills in, so neither `profile show` nor `init` lists it.
PROVENANCE_FIELDS = ("页码", "单元格")


class Field(NamedTuple):
    """One key of a table (or of a row inside it), in schema order.

    kind: ``amount`` (number or null), ``object`` (children are its keys), ``rows`` (a list of
    objects; children are the keys of one row), ``text`` (a string), ``code`` (digits only, such as a
    classification code), ``other`` (integers,
    lists of strings …). ``optional`` is the schema's own word: its description says “可选”.
    """

    key: str
    description: str
    kind: str
    optional: bool
    required: bool
    children: tuple[Field, ...] = ()


def _resolve(node: Mapping[str, Any], defs: Mapping[str, Any]) -> Mapping[str, Any]:
    """A property's definition with its ``$ref`` followed; the property's own description wins."""
    seen = 0
    merged = dict(node)
    while "$ref" in merged and seen < 16:  # the format's refs are one or two deep; the bound stops a cycle
        target = defs[str(merged.pop("$ref")).rsplit("/", 1)[-1]]
        merged = {**target, **merged}
        seen += 1
    return merged


def _kind(node: Mapping[str, Any]) -> str:
    types = node.get("type")
    types = set(types) if isinstance(types, list) else {types}
    if types == {"number", "null"}:
        return "amount"
    if "object" in types:
        return "object"
    if "array" in types:
        items = node.get("items")
        return "rows" if isinstance(items, Mapping) and items.get("type") == "object" else "other"
    if types <= {"string", "integer"} and "string" in types:
        return "code" if node.get("pattern") else "text"
    return "other"


def _fields(node: Mapping[str, Any], defs: Mapping[str, Any], depth: int = 0) -> tuple[Field, ...]:
    required = set(node.get("required") or ())
    fields = []
    for key, raw in (node.get("properties") or {}).items():
        if key in PROVENANCE_FIELDS:
            continue
        prop = _resolve(raw, defs)
        kind = _kind(prop)
        description = str(prop.get("description") or prop.get("title") or key)
        children: tuple[Field, ...] = ()
        if depth < 8 and kind == "object":
            children = _fields(prop, defs, depth + 1)
        elif depth < 8 and kind == "rows":
            children = _fields(_resolve(prop["items"], defs), defs, depth + 1)
        fields.append(Field(str(key), description, kind, "可选" in description, key in required, children))
    return tuple(fields)


def table_fields(table_key: str, schema: Mapping[str, Any] | None = None) -> tuple[Field, ...]:
    """The keys of one table (``表格.<table_key>``) as the schema defines them, in schema order."""
    if schema is None:
        from budgetlint.schema import schema_document

        schema = schema_document()
    defs = schema["$defs"]
    tables = schema["properties"]["表格"]["properties"]
    return _fields(_resolve(tables[table_key], defs), defs)


def table_description(table_key: str, schema: Mapping[str, Any] | None = None) -> str:
    if schema is None:
        from budgetlint.schema import schema_document

        schema = schema_document()
    return str(schema["properties"]["表格"]["properties"][table_key].get("description", table_key))


def column_groups(fields: tuple[Field, ...], prefix: str = "") -> list[tuple[str, str, tuple[Field, ...]]]:
    """(path, kind, amount fields) for every object or row list that directly holds amounts.

    ``kind`` is ``object`` for a fixed row (合计行, 收入 …) and ``rows`` for a list of printed rows
    (明细, 功能分类 …). A group's non-amount keys (编码, 名称) are listed by :func:`row_keys`.
    """
    groups: list[tuple[str, str, tuple[Field, ...]]] = []
    own = tuple(f for f in fields if f.kind == "amount")
    if own and prefix:
        groups.append((prefix, "object", own))
    for field in fields:
        if field.key in COMMON_FIELDS and not prefix:
            continue
        path = f"{prefix}/{field.key}" if prefix else field.key
        if field.kind == "object":
            groups.extend(column_groups(field.children, path))
        elif field.kind == "rows":
            inner = column_groups(field.children, path)
            if inner and inner[0][0] == path:
                inner[0] = (path, "rows", inner[0][2])
            groups.extend(inner)
    return groups
