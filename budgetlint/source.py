"""Loading YAML and JSON with positions.

Why our own composer walk: PyYAML's YAML 1.1 resolver reads ``0201`` as octal 129, ``1:20`` as 80,
``no`` as False, keeps the last of two duplicate keys and turns amounts into binary floats. We let
libyaml compose the node graph (it keeps a start and end mark on every node) and build the data
ourselves: plain integers become ``int``, decimals become ``Decimal`` built from the source text,
``true``/``false``/``null`` are literals and everything else stays a ``str``. Every key and value
gets a :class:`Span`; duplicate keys, anchors and aliases, several documents and syntax errors
become :class:`LoadProblem` values with a location instead of exceptions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Union

import yaml

try:  # libyaml is several times faster; the pure-Python loader gives the same marks.
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

JsonPath = tuple[Union[str, int], ...]
Scalar = Union[str, int, Decimal, bool, None]

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_DECIMAL = re.compile(
    r"[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?|(?:0|[1-9][0-9]*)[eE][-+]?[0-9]+)\Z"
)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})
# A number longer than this, or with a larger exponent, is kept as text: the schema then reports
# it, instead of Decimal arithmetic on a 10**999999 "amount" slowing every rule down.
MAX_NUMBER_CHARS = 40
MAX_EXPONENT = 30


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A region of a source file: 1-based lines and columns, columns in code points, end exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int

    @staticmethod
    def point(line: int, column: int) -> Span:
        return Span(line, column, line, column + 1)


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """A file that cannot be read as one clean document (reported as BL001)."""

    message: str
    span: Span
    related: tuple[tuple[Span, str], ...] = ()


@dataclass(frozen=True, slots=True)
class NodeInfo:
    """Where one value (and the key that names it) sits in the source."""

    value: Span
    key: Span | None = None
    style: str | None = None  # YAML scalar style: None plain, '|' literal, '>' folded, quotes
    container: bool = False


@dataclass(slots=True)
class SourceMap:
    """Maps data paths to source spans; built once per file by the loader."""

    nodes: dict[JsonPath, NodeInfo] = field(default_factory=dict)
    lines: tuple[str, ...] = ()

    def info(self, path: JsonPath) -> NodeInfo | None:
        return self.nodes.get(path)

    def anchor(self, path: JsonPath, prefer_key: bool = False) -> Span:
        """Span of the deepest existing prefix of ``path`` (Spectral's "closest")."""
        for cut in range(len(path), -1, -1):
            info = self.nodes.get(path[:cut])
            if info is None:
                continue
            if cut < len(path) or prefer_key:
                return info.key or info.value
            return info.value
        return Span.point(1, 1)


@dataclass(frozen=True, slots=True)
class Located:
    """A loaded document: plain data (dict/list/str/int/Decimal/bool/None) and its source map."""

    data: Any
    smap: SourceMap
    text: str


@dataclass(frozen=True, slots=True)
class LoadResult:
    document: Located | None
    problems: tuple[LoadProblem, ...]


def _span(node: yaml.Node) -> Span:
    s, e = node.start_mark, node.end_mark
    return Span(s.line + 1, s.column + 1, e.line + 1, e.column + 1)


def resolve_plain(text: str) -> Scalar:
    """Type a plain (unquoted) scalar by our table, not YAML 1.1's."""
    if text in _NULLS:
        return None
    if text in _TRUES:
        return True
    if text in _FALSES:
        return False
    if len(text) <= MAX_NUMBER_CHARS:
        if _INT.match(text):
            return int(text)
        if _DECIMAL.match(text):
            try:
                number = Decimal(text)
            except InvalidOperation:  # pragma: no cover - the regex admits only valid literals
                return text
            exponent = number.as_tuple().exponent
            if isinstance(exponent, int) and abs(exponent) <= MAX_EXPONENT and number.adjusted() <= MAX_EXPONENT:
                return number
    return text


class _Walker:
    """Turns a composed node graph into data plus a :class:`SourceMap`."""

    def __init__(self, smap: SourceMap, max_depth: int) -> None:
        self.smap = smap
        self.max_depth = max_depth
        self.problems: list[LoadProblem] = []
        self.seen: set[int] = set()

    def walk(self, node: yaml.Node, path: JsonPath, key: Span | None, depth: int) -> Any:
        if not node.tag.startswith("tag:yaml.org,2002:"):
            self.problems.append(LoadProblem(f"不允许的 YAML 标签 {node.tag}：公开文件只能包含普通数据", _span(node)))
            return None
        if depth > self.max_depth:
            self.problems.append(LoadProblem(f"嵌套层数超过上限 {self.max_depth}", _span(node)))
            return None
        if isinstance(node, yaml.ScalarNode):
            style = node.style or None  # libyaml says '' for plain, pure-Python PyYAML says None
            self.smap.nodes[path] = NodeInfo(_span(node), key, style)
            if style is None:
                return resolve_plain(node.value)
            return node.value
        if id(node) in self.seen:
            # The composer shares the anchored node; walking it again would expand
            # "billion laughs" exponentially, so stop here.
            self.problems.append(LoadProblem("不允许使用 YAML 别名（*alias）：请把内容直接写出", key or _span(node)))
            return None
        self.seen.add(id(node))
        self.smap.nodes[path] = NodeInfo(_span(node), key, None, True)
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, (*path, i), None, depth + 1) for i, item in enumerate(node.value)]
        return self._mapping(node, path, depth)

    def _mapping(self, node: yaml.MappingNode, path: JsonPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Span] = {}
        for key_node, value_node in node.value:
            key_span = _span(key_node)
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(LoadProblem("不允许使用 YAML 合并键（<<）：请把内容直接写出", key_span))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(LoadProblem("键必须是简单文字", key_span))
                continue
            name = key_node.value
            if name in first_seen:
                self.problems.append(
                    LoadProblem(f"重复的键“{name}”：后一个值会覆盖前一个", key_span, ((first_seen[name], f"“{name}”第一次出现在这里"),))
                )
                continue
            first_seen[name] = key_span
            result[name] = self.walk(value_node, (*path, name), key_span, depth + 1)
        return result


def _mark_span(mark: Any) -> Span:
    if mark is None:
        return Span.point(1, 1)
    return Span.point(mark.line + 1, mark.column + 1)


def _yaml_error(error: yaml.YAMLError) -> LoadProblem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    if context and "expected a single document" in str(context):
        return LoadProblem("一个文件只能包含一份公开（发现多个 YAML 文档，“---”）", _mark_span(mark))
    detail = f"{context}，{problem}" if context else problem
    return LoadProblem(f"YAML 语法错误：{detail}", _mark_span(mark))


def _anchor_problems(text: str) -> Iterator[LoadProblem]:
    """Anchors are rare in disclosures; look for them with the event parser only when '&' occurs."""
    if "&" not in text:
        return
    try:
        for event in yaml.parse(text, Loader=_Loader):
            anchor = getattr(event, "anchor", None)
            if anchor and not isinstance(event, yaml.AliasEvent):
                yield LoadProblem(f"不允许使用 YAML 锚点（&{anchor}）：请把内容直接写出", _mark_span(event.start_mark))
    except yaml.YAMLError:
        return


def load_yaml(text: str, max_depth: int = 64) -> LoadResult:
    """Compose ``text`` and build data with positions. Never raises for bad input."""
    smap = SourceMap(lines=tuple(text.split("\n")))
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        return LoadResult(None, (_yaml_error(error),))
    except RecursionError:
        return LoadResult(None, (LoadProblem(f"嵌套层数过深（超过 {max_depth} 层）", Span.point(1, 1)),))
    if root is None:
        return LoadResult(None, (LoadProblem("文件是空的：没有任何内容", Span.point(1, 1)),))
    walker = _Walker(smap, max_depth)
    data = walker.walk(root, (), None, 0)
    problems = [*walker.problems, *_anchor_problems(text)]
    return LoadResult(Located(data, smap, text), tuple(problems))


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


def load_json(text: str, max_depth: int = 64) -> LoadResult:
    """JSON: strict syntax from :mod:`json`, spans and data from the YAML composer.

    JSON is (almost) a subset of YAML 1.2; raw tabs cannot occur inside JSON strings, so replacing
    them by spaces keeps every position and lets the YAML scanner read tab-indented JSON.
    """
    try:
        json.loads(text, object_pairs_hook=_reject_duplicates, parse_float=_json_number, parse_int=_json_number,
                   parse_constant=lambda name: name)
    except _DuplicateKey:
        pass  # reported with both locations by the YAML walk below
    except json.JSONDecodeError as error:
        return LoadResult(None, (LoadProblem(f"JSON 语法错误：{error.msg}", Span.point(error.lineno, error.colno)),))
    except RecursionError:
        return LoadResult(None, (LoadProblem(f"嵌套层数过深（超过 {max_depth} 层）", Span.point(1, 1)),))
    return load_yaml(text.replace("\t", " "), max_depth)
