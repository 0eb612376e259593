"""Which cells are amounts comes from the schema (``$defs/amount``), and a table's figures are read once."""

from __future__ import annotations

from decimal import Decimal

from conftest import CLEAN

from budgetlint.figures import amount_paths, templates
from budgetlint.model import build
from budgetlint.profile import load_profile
from budgetlint.schema import schema_document
from budgetlint.source import load_yaml


def test_amount_paths_follow_the_schema() -> None:
    paths = amount_paths("项目绩效目标表")
    assert ("项目", "*", "资金总额") in paths
    assert ("合计行", "政府预算资金") in paths
    # 编码, 项目编码, 指标值 and the header are not amounts, though they may be numbers
    assert not [p for p in paths if p[-1] in ("编码", "项目编码", "指标值", "年度", "编号")]
    assert ("支出", "功能分类", "*", "金额") in amount_paths("收支总表")
    assert ("支出", "功能分类", "*", "编码") not in amount_paths("收支总表")


def test_every_table_of_the_schema_has_amounts() -> None:
    tables = schema_document()["properties"]["表格"]["properties"]
    assert set(templates()) == set(tables)
    assert all(amount_paths(key) for key in tables)


def _clean_doc():  # type: ignore[no-untyped-def]
    loaded = load_yaml(CLEAN.read_text(encoding="utf-8"))
    assert loaded.document is not None
    data = loaded.document.data
    return build(data, "clean.yaml", load_profile(str(data.get("地区规范", "henan"))))


def test_table_figures_are_the_amount_cells_in_data_order_and_read_once() -> None:
    doc = _clean_doc()
    table = doc.tables["项目绩效目标表"]
    figures = table.figures()
    assert figures is table.figures()  # one reading per document, shared by the rules
    assert figures[0].path == ("合计行", "资金总额")
    assert figures[0].raw == table.get("合计行", "资金总额")
    row = next(f for f in figures if f.path[:2] == ("项目", 0))
    assert isinstance(row.path[1], int)
    assert all(f.raw is None or isinstance(f.raw, (int, Decimal)) for f in figures)
    assert not [f for f in figures if f.path[-1] in ("编码", "项目编码", "指标值")]


def _declarative_entries() -> list[dict]:  # type: ignore[type-arg]
    from conftest import ROOT

    entries = []
    for path in sorted((ROOT / "rules.d").glob("*.yaml")):
        loaded = load_yaml(path.read_text(encoding="utf-8"))
        assert loaded.document is not None
        data = loaded.document.data
        entries.extend(data if isinstance(data, list) else data.get("rules") or [])
    return entries


def test_declarative_rules_name_amount_cells_only() -> None:
    """A cell path of rules.d/*.yaml that the schema does not type as an amount is a typo or a code:
    the same source of truth decides for declarative and Python rules."""
    entries = _declarative_entries()
    assert entries
    wrong = []
    for entry in entries:
        tables, rows = entry.get("tables") or [], entry.get("rows") or []
        for identity in entry.get("identities") or [entry]:
            for path in [identity.get(k) for k in ("total", "stated", "source", "part", "whole")] + list(identity.get("addends") or []):
                if not path:
                    continue
                parts = tuple(p for p in path.split("/") if p)
                if parts[0] in templates():
                    if parts[1:] not in amount_paths(parts[0]):
                        wrong.append((entry["id"], path))
                    continue
                # an entry may span tables of different shapes: the path must be an amount in one of them
                known = {p for table in tables for p in amount_paths(table)}
                containers = [tuple(row.split("/")) for row in rows]
                if not any((*c, *parts) in known or (*c, "*", *parts) in known for c in containers):
                    wrong.append((entry["id"], path))
    assert wrong == []
