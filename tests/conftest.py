"""Shared test helpers: the bundled example, rule loading, linting a text or a patched disclosure."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

from budgetlint.engine import EngineConfig, FileResult, lint_text
from budgetlint.rule import Rule, load_rules

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "henan-2023-weibin-kjgxj.yaml"
CLEAN = ROOT / "tests" / "fixtures" / "clean-henan-2023.yaml"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def rules() -> tuple[Rule, ...]:
    return load_rules()


def lint(text: str, file: str = "t.yaml", only: Iterable[str] | None = None) -> FileResult:
    """Lint ``text`` with every rule, or only the named rule ids."""
    config = EngineConfig(enabled=frozenset(only) if only is not None else None)
    return lint_text(file, text, load_rules(), config)


def deep_merge(base: Any, patch: Any) -> Any:
    """JSON Merge Patch (RFC 7386): mappings merge key by key, ``null`` deletes a key, lists replace."""
    if isinstance(base, Mapping) and isinstance(patch, Mapping):
        merged = dict(base)
        for key, value in patch.items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = deep_merge(base.get(key), value) if key in base else copy.deepcopy(value)
        return merged
    return copy.deepcopy(patch)


def to_json_text(data: Any, indent: int = 0) -> str:
    """Serialise loaded data as JSON text, writing Decimal amounts exactly as they were printed."""
    from decimal import Decimal

    pad, inner = "  " * indent, "  " * (indent + 1)
    if isinstance(data, dict):
        if not data:
            return "{}"
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {to_json_text(v, indent + 1)}" for k, v in data.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(data, list):
        if not data:
            return "[]"
        return "[\n" + ",\n".join(inner + to_json_text(v, indent + 1) for v in data) + "\n" + pad + "]"
    if isinstance(data, Decimal):
        return str(data)
    return json.dumps(data, ensure_ascii=False)
