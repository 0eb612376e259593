"""The JSON reader: strict syntax and the data from :mod:`json`, positions from the YAML reader."""

from __future__ import annotations

import json
import re
from typing import Any

from budgetlint.finding import Span
from budgetlint.loader.document import Located, LoadProblem, LoadResult
from budgetlint.loader.messages import json_syntax_problem
from budgetlint.loader.positions import SURROGATE_PAIR, offset_span, split_lines
from budgetlint.loader.scalars import resolve_plain
from budgetlint.loader.yaml_reader import load_yaml

# libyaml refuses surrogate escapes, so a pair is masked by an escape of the same length for the span pass.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE_MASK = "\\u0020\\u0020"  # same length, valid for YAML; only positions are read from it


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _json_number(text: str) -> Any:
    return resolve_plain(text)


def _json_too_deep(text: str, max_depth: int) -> LoadProblem:
    """Where a JSON text first nests deeper than ``max_depth`` (strings skipped). Only on the error path."""
    depth = -1  # the root value is level 0, as in the YAML walk
    for token in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', text):
        bracket = token.group()
        if bracket in "[{":
            depth += 1
            if depth > max_depth:
                return LoadProblem(f"嵌套层数超过上限 {max_depth}（可在配置 [tool.budgetlint.limits] max-depth 中调整）",
                                   offset_span(text, token.start()))
        elif bracket in "]}":
            depth -= 1
    return LoadProblem("嵌套层数过深，无法读取", Span.point(1, 1))


def _has_lone_surrogate(data: Any) -> bool:
    if isinstance(data, str):
        return any("\ud800" <= ch <= "\udfff" for ch in data)
    if isinstance(data, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in data.items())
    if isinstance(data, list):
        return any(_has_lone_surrogate(v) for v in data)
    return False


def _lone_surrogate(text: str) -> LoadProblem:
    paired = {start for m in SURROGATE_PAIR.finditer(text) for start in (m.start(), m.start() + 6)}
    offset = next((m.start() for m in _SURROGATE_ESCAPE.finditer(text) if m.start() not in paired), 0)
    return LoadProblem("JSON 字符串中有不成对的 UTF-16 代理项转义（\\uD800–\\uDFFF）：它不是一个字符，请修正或删除",
                       offset_span(text, offset))


def load_json(text: str, max_depth: int = 64) -> LoadResult:
    """JSON: strict syntax and the data from :mod:`json`, spans (and duplicate keys) from the YAML composer.

    Numbers go through :func:`resolve_plain` in both passes, so a disclosure reads the same as YAML
    and as JSON. JSON is (almost) a subset of YAML 1.2: raw tabs cannot occur inside JSON strings,
    so replacing them by spaces keeps every position and lets the YAML scanner read tab-indented
    JSON; surrogate-pair escapes are masked by an escape of the same length.
    """
    duplicate = False
    data: Any = None
    try:
        data = json.loads(text, object_pairs_hook=_reject_duplicates, parse_float=_json_number,
                          parse_int=_json_number, parse_constant=lambda name: name)
    except _DuplicateKey:
        duplicate = True  # reported with both locations by the YAML walk below
    except json.JSONDecodeError as error:
        return LoadResult(None, (json_syntax_problem(error),))
    except RecursionError:
        return LoadResult(None, (_json_too_deep(text, max_depth),))
    if not duplicate and _has_lone_surrogate(data):
        return LoadResult(None, (_lone_surrogate(text),))
    masked = SURROGATE_PAIR.sub(lambda _: _SURROGATE_MASK, text.replace("\t", " "))
    spans = load_yaml(masked, max_depth)
    if spans.document is None or spans.problems or duplicate:
        return spans
    smap = spans.document.smap
    smap.lines = split_lines(text)  # the file as written, not the masked copy
    return LoadResult(Located(data, smap, text), ())
