"""The disclosure schema works for the YAML language server in editors (docs/editors.md §6)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from conftest import EXAMPLE, ROOT

SCHEMA = ROOT / "schemas" / "disclosure-v1.schema.json"
# yaml-language-server implements draft-07 (redhat-developer/yaml-language-server#856); keywords a
# draft-07 validator would silently ignore must not carry constraints. $defs is fine: only $ref uses it.
DRAFT7_KEYWORDS = frozenset({
    "$schema", "$id", "$ref", "$comment", "$defs", "definitions", "title", "description", "default", "examples",
    "readOnly", "writeOnly", "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
    "exclusiveMinimum", "maxLength", "minLength", "pattern", "format", "items", "additionalItems", "maxItems",
    "minItems", "uniqueItems", "contains", "maxProperties", "minProperties", "required", "properties",
    "patternProperties", "additionalProperties", "dependencies", "propertyNames", "if", "then", "else", "allOf",
    "anyOf", "oneOf", "not", "contentMediaType", "contentEncoding",
})
# Under these keywords the keys are data names (table names, property names), not schema keywords.
_NAMED = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependencies"})


def _keywords(node: Any) -> Iterator[str]:
    if isinstance(node, list):
        for item in node:
            yield from _keywords(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            yield key
            if key in _NAMED and isinstance(value, dict):
                for schema in value.values():
                    yield from _keywords(schema)
            elif key not in ("enum", "const", "examples", "default", "required"):
                yield from _keywords(value)


def test_schema_uses_only_keywords_the_yaml_language_server_implements() -> None:
    used = set(_keywords(json.loads(SCHEMA.read_text(encoding="utf-8"))))
    assert used <= DRAFT7_KEYWORDS, sorted(used - DRAFT7_KEYWORDS)


def test_the_example_modeline_points_at_the_schema() -> None:
    first = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match is not None, first
    assert (EXAMPLE.parent / match.group(1)).resolve() == SCHEMA.resolve()
