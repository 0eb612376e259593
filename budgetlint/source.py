"""Loading YAML and JSON with positions.

Why our own composer walk: PyYAML's YAML 1.1 resolver reads ``0201`` as octal 129, ``1:20`` as 80,
``no`` as False, keeps the last of two duplicate keys and turns amounts into binary floats. We let
libyaml compose the node graph (it keeps a start and end mark on every node) and build the data
ourselves: plain integers become ``int``, decimals become ``Decimal`` built from the source text,
``true``/``false``/``null`` are literals and everything else stays a ``str``. Every key and value
gets a :class:`Span`; duplicate keys, anchors and aliases, several documents and syntax errors
become :class:`LoadProblem` values with a location instead of exceptions.

Hostile input (see docs/robustness.md): we only *compose*, never construct, so no tag can run code;
tags other than the plain-data ones are rejected. Aliases are walked once (no "billion laughs"
expansion), libyaml refuses more than 1000 nesting levels and the walk stops at ``max_depth``.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Union

import yaml

from budgetlint.finding import JsonPath, Span  # positions are values (budgetlint.finding)

_CORE = "tag:yaml.org,2002:"
_STR = _CORE + "str"
# What our resolver gives an untagged plain scalar: we type plain scalars ourselves (resolve_plain),
# so the YAML 1.1 implicit resolvers have nothing to decide. Not a yaml.org tag, so it can never be
# confused with an explicit one written in the file.
_PLAIN = "tag:budgetlint,2026:plain"


class _TypingFreeResolver(yaml.resolver.BaseResolver):
    """Tags for untagged nodes without PyYAML's regex-based implicit resolution.

    libyaml's composer calls back into Python to resolve every scalar; PyYAML's resolver runs a list of
    regular expressions there, about a third of the cost of composing a disclosure. Explicit tags
    (``!!str``, ``!!python/object``) never reach this method and stay as written.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _CORE + ("seq" if kind is yaml.SequenceNode else "map")


try:  # libyaml is several times faster; the pure-Python parser gives the same marks.
    from yaml.cyaml import CParser as _CParser

    class _Loader(_CParser, _TypingFreeResolver):  # type: ignore[misc]
        def __init__(self, stream: Any) -> None:
            _CParser.__init__(self, stream)
            _TypingFreeResolver.__init__(self)
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    class _Loader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,  # type: ignore[no-redef]
                  yaml.composer.Composer, _TypingFreeResolver):
        def __init__(self, stream: Any) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _TypingFreeResolver.__init__(self)

Scalar = Union[str, int, Decimal, bool, None]

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_DECIMAL = re.compile(
    r"[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?|(?:0|[1-9][0-9]*)[eE][-+]?[0-9]+)\Z"
)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_NUMBER_FIRST = frozenset("+-0123456789")
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})
# A number longer than this, or with a larger exponent, is kept as text: the schema then reports
# it, instead of Decimal arithmetic on a 10**999999 "amount" slowing every rule down.
MAX_NUMBER_CHARS = 40
MAX_EXPONENT = 30
# libyaml's own nesting limit (YAML_MAX_NESTING_LEVEL); deeper input is a syntax error there.
LIBYAML_MAX_NESTING = 1000

# The tags the composer gives untagged nodes (implicit resolution). An explicit tag outside these
# (!!python/object/apply, !!binary, !!set, !local …) asks a constructor to build an object: we never
# construct, and we reject the file rather than silently read something else than the author meant.
_PLAIN_TAGS = frozenset([_PLAIN, *(_CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp", "value"))])
_COLLECTION_TAGS = {yaml.SequenceNode: _CORE + "seq", yaml.MappingNode: _CORE + "map"}
_KEY_TAGS = _PLAIN_TAGS
# Line breaks as libyaml counts them. NEL, LS and PS are YAML 1.1 line breaks but not lines in
# editors, git or CI annotations; they are read as spaces so line numbers agree with those tools.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_UNUSUAL_BREAKS = str.maketrans({"\x85": " ", "\u2028": " ", "\u2029": " "})
MAX_RELATED_ALIASES = 10


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


class SourceMap:
    """Maps data paths to source spans.

    Why the composed root and not an index built while loading: most files never ask where anything
    is (a clean file has no finding to locate), so the ``path → (node, key node)`` index is built from
    the node graph on first use, and a :class:`NodeInfo` is made only for the node a finding asks about.
    ``nodes`` materialises them all for callers that iterate.
    """

    __slots__ = ("_root", "_max_depth", "_compose", "_expected", "_built", "_nodes", "lines", "diverged")

    def __init__(self, lines: tuple[str, ...] = (), root: yaml.Node | None = None, max_depth: int = 64,
                 compose: Callable[[], yaml.Node | None] | None = None, expected: Any = None) -> None:
        self._root = root
        self._max_depth = max_depth
        # A file read by the fast path (budgetlint.fastload) has no nodes yet: ``compose`` makes them on
        # first use (None if libyaml refuses the text), and the index pass checks that they hold exactly
        # the ``expected`` data; ``diverged`` says they did not.
        self._compose = compose
        self._expected = expected
        self._built: dict[JsonPath, tuple[yaml.Node, yaml.Node | None]] | None = None
        self._nodes: dict[JsonPath, NodeInfo] | None = None
        self.lines = lines
        self.diverged = False

    @property
    def _index(self) -> dict[JsonPath, tuple[yaml.Node, yaml.Node | None]]:
        if self._built is None:
            if self._compose is not None:
                self._root = self._compose()
                self._compose = None
                if self._root is None:
                    self.diverged = True
                    self._built = {}
                    return self._built
                self._built, agrees = _index_nodes(self._root, self._max_depth, self._expected)
                self.diverged = not agrees
                self._expected = None
            else:
                self._built = {} if self._root is None else _index_nodes(self._root, self._max_depth)[0]
        return self._built

    @property
    def nodes(self) -> dict[JsonPath, NodeInfo]:
        if self._nodes is None:
            self._nodes = {path: _info(node, key) for path, (node, key) in self._index.items()}
        return self._nodes

    def info(self, path: JsonPath) -> NodeInfo | None:
        found = self._index.get(path)
        return None if found is None else _info(*found)

    def anchor(self, path: JsonPath, prefer_key: bool = False) -> Span:
        """Span of the deepest existing prefix of ``path`` (Spectral's "closest")."""
        index = self._index
        for cut in range(len(path), -1, -1):
            found = index.get(path[:cut])
            if found is None:
                continue
            node, key = found
            if key is not None and (cut < len(path) or prefer_key):
                return _span(key)
            return _span(node)
        return Span.point(1, 1)

    def touching(self, lines: frozenset[int]) -> Iterator[NodeInfo]:
        """Every node whose key or value lies on one of ``lines`` (few: the lines of suppression comments)."""
        ordered = sorted(lines)
        for node, key in self._index.values():
            first = (key or node).start_mark.line + 1
            at = bisect_left(ordered, first)
            if at < len(ordered) and ordered[at] <= node.end_mark.line + 1:
                yield _info(node, key)


_UNCHECKED = object()


def _index_nodes(root: yaml.Node, max_depth: int, expected: Any = _UNCHECKED
                 ) -> tuple[dict[JsonPath, tuple[yaml.Node, yaml.Node | None]], bool]:
    """Where every value of the data sits: the nodes :class:`_Walker` turned into data, by path.

    The same choices as the walk: a disallowed tag or a node past ``max_depth`` has no data and no
    entry; of duplicate keys the first counts; a node reached again through an alias is not entered
    again (the walk stops there too, so an alias bomb costs nothing here either).

    With ``expected`` (data read by the fast path), also whether the nodes hold exactly that data —
    every key, every item, every scalar with its type and printed digits — in the same pass.
    """
    indexer = _Indexer(max_depth, expected is not _UNCHECKED)
    indexer.visit(root, (), None, 0, expected)
    return indexer.index, indexer.agrees or not indexer.check


class _Indexer:
    """The state of one :func:`_index_nodes` pass.

    A class, not a recursive closure: a nested function that calls itself is a reference cycle, which
    kept every node and mark of the file alive until the next garbage collection.
    """

    def __init__(self, max_depth: int, check: bool) -> None:
        self.index: dict[JsonPath, tuple[yaml.Node, yaml.Node | None]] = {}
        self.seen: set[int] = set()
        self.max_depth = max_depth
        self.check = check
        self.agrees = True

    def visit(self, node: yaml.Node, path: JsonPath, key: yaml.Node | None, depth: int, value: Any) -> None:
        if depth > self.max_depth or not _tag_allowed(node):
            self.agrees = False
            return
        index, check = self.index, self.check
        cls = node.__class__
        if cls is yaml.ScalarNode:
            index[path] = (node, key)
            if check and not same_scalar(_scalar_data(node), value):
                self.agrees = False
            return
        if id(node) in self.seen:
            self.agrees = False
            return
        self.seen.add(id(node))
        index[path] = (node, key)
        if cls is yaml.SequenceNode:
            if check and (value.__class__ is not list or len(value) != len(node.value)):
                self.agrees = False
            for position, item in enumerate(node.value):
                self.visit(item, (*path, position), None, depth + 1,
                           value[position] if self.agrees and check else None)
            return
        names = 0
        for key_node, value_node in node.value:
            if not _usable_key(key_node) or (*path, key_node.value) in index:  # the first of duplicate keys
                self.agrees = False
                continue
            names += 1
            child = _UNCHECKED
            if check:
                child = value.get(key_node.value, _UNCHECKED) if value.__class__ is dict else _UNCHECKED
                self.agrees = self.agrees and child is not _UNCHECKED
            self.visit(value_node, (*path, key_node.value), key_node, depth + 1, child)
        if check and (value.__class__ is not dict or names != len(value)):
            self.agrees = False


def _scalar_data(node: yaml.ScalarNode) -> Any:
    """The value the walk makes of a scalar node (quoted, block and ``!!str`` scalars are text)."""
    return node.value if node.style or node.tag == _STR else resolve_plain(node.value)


def same_scalar(left: Any, right: Any) -> bool:
    """Same type and value; Decimals with the same printed digits (``1.50`` is not ``1.5``)."""
    if left.__class__ is not right.__class__:
        return False
    # Equal values with the same exponent and sign are the same printed digits (1.50 is not 1.5).
    return bool(left == right and (left.__class__ is not Decimal or left.same_quantum(right) and left.is_signed() == right.is_signed()))


def _info(node: yaml.Node, key: yaml.Node | None) -> NodeInfo:
    container = node.__class__ is not yaml.ScalarNode
    style = None if container else (node.style or None)  # libyaml says '' for plain, pure PyYAML None
    return NodeInfo(_span(node), None if key is None else _span(key), style, container)


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


def split_lines(text: str) -> tuple[str, ...]:
    """Lines as libyaml counts them (\\r\\n, \\r, \\n); str.split when there is no \\r, which is 4× faster."""
    return tuple(_LINE_BREAK.split(text) if "\r" in text else text.split("\n"))


def _plain_breaks(text: str) -> str:
    """NEL/LS/PS read as spaces; translating costs about half a compose, so only when one occurs."""
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        return text.translate(_UNUSUAL_BREAKS)
    return text


def offset_span(text: str, offset: int) -> Span:
    """Span of the character at code-point ``offset`` of ``text``."""
    offset = max(0, min(offset, len(text)))
    line_start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    line = len(_LINE_BREAK.findall(text, 0, line_start)) + 1
    return Span.point(line, offset - line_start + 1)


def resolve_plain(text: str) -> Scalar:
    """Type a plain (unquoted) scalar by our table, not YAML 1.1's."""
    if text in _NULLS:
        return None
    if text in _TRUES:
        return True
    if text in _FALSES:
        return False
    # Every number starts with a digit or a sign: most scalars (names, text) skip both patterns.
    if len(text) <= MAX_NUMBER_CHARS and text[:1] in _NUMBER_FIRST:
        if _INT.match(text):
            return text if negative_zero(text) else int(text)
        if _DECIMAL.match(text):
            try:
                number = Decimal(text)
            except InvalidOperation:  # pragma: no cover - the regex admits only valid literals
                return text
            exponent = number.as_tuple().exponent
            if negative_zero(text) or not isinstance(exponent, int):
                return text
            if abs(exponent) <= MAX_EXPONENT and number.adjusted() <= MAX_EXPONENT:
                return number
    return text


def negative_zero(text: str) -> bool:
    """``-0``/``-0.00``: no amount is printed like that; kept as text so the schema reports it."""
    if not text.startswith("-") or not (_INT.match(text) or _DECIMAL.match(text)):
        return False
    return not any(ch in "123456789" for ch in text.lower().split("e")[0])


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


def _tag_allowed(node: yaml.Node) -> bool:
    if isinstance(node, yaml.ScalarNode):
        return node.tag in _PLAIN_TAGS if not node.style else node.tag == _STR
    return node.tag == _COLLECTION_TAGS.get(type(node))


def _is_merge_key(node: yaml.Node) -> bool:
    """``<<:`` (YAML 1.1 merge key), untagged or written ``!!merge``."""
    return node.tag == _CORE + "merge" or (node.tag == _PLAIN and node.value == "<<" and not node.style)


def _usable_key(key_node: yaml.Node) -> bool:
    """A key is a scalar with a plain-data tag, and not the YAML 1.1 merge key ``<<``."""
    return (key_node.__class__ is yaml.ScalarNode and key_node.tag in _KEY_TAGS
            and not (key_node.style and key_node.tag != _STR) and not _is_merge_key(key_node))


class _Walker:
    """Turns a composed node graph into data; the hardening checks make located problems.

    This is the hot path of every run (about two thousand nodes per disclosure): it builds values
    only. Where each value sits is looked up from the same nodes when a finding asks (:class:`SourceMap`),
    and a :class:`Span` is made only for a problem.
    """

    def __init__(self, max_depth: int) -> None:
        self.max_depth = max_depth
        self.problems: list[LoadProblem] = []
        self.seen: set[int] = set()
        self.shared = False  # a node reached twice: an alias (reported from the event stream)

    def walk(self, node: yaml.Node, depth: int) -> Any:
        cls = node.__class__
        scalar = cls is yaml.ScalarNode
        if scalar:
            allowed = node.tag == _STR if node.style else node.tag in _PLAIN_TAGS
        else:
            allowed = node.tag == _COLLECTION_TAGS.get(cls)
        if not allowed:
            self.problems.append(LoadProblem(
                f"不允许的 YAML 标签 {_short_tag(node.tag)}：公开文件只能包含普通数据（文字、数字、列表、映射），"
                "budgetlint 不会按标签构造任何对象；请去掉标签", _span(node)))
            return None
        if depth > self.max_depth:
            self.problems.append(LoadProblem(
                f"嵌套层数超过上限 {self.max_depth}（可在配置 [tool.budgetlint.limits] max-depth 中调整）", _span(node)))
            return None
        if scalar:
            return _scalar_data(node)
        if id(node) in self.seen:
            # The composer shares the anchored node; walking it again would expand
            # "billion laughs" exponentially, so stop here.
            self.shared = True
            return None
        self.seen.add(id(node))
        if cls is yaml.SequenceNode:
            return [self.walk(item, depth + 1) for item in node.value]
        return self._mapping(node, depth)

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not _usable_key(key_node):
                self._bad_key(key_node)
                continue
            name = key_node.value
            if name in first_seen:
                self.problems.append(LoadProblem(f"重复的键“{name}”：后一个值会覆盖前一个", _span(key_node),
                                                 ((_span(first_seen[name]), f"“{name}”第一次出现在这里"),)))
                continue
            first_seen[name] = key_node
            result[name] = self.walk(value_node, depth + 1)
        return result

    def _bad_key(self, key_node: yaml.Node) -> None:
        if _is_merge_key(key_node):
            self.problems.append(LoadProblem("不允许使用 YAML 合并键（<<）：请把内容直接写出", _span(key_node)))
        else:
            self.problems.append(LoadProblem("键必须是简单文字（不能是列表、映射或带标签的值）", _span(key_node)))


def _mark_span(mark: Any) -> Span:
    if mark is None:
        return Span.point(1, 1)
    return Span.point(mark.line + 1, mark.column + 1)


# libyaml's messages, in the words a finance reviewer can act on. The original English follows in
# brackets so the message can still be searched for.
_YAML_PROBLEMS = {
    "found character that cannot start any token": "这里的字符不能开始任何 YAML 内容（常见原因：用 Tab 缩进，或值以 @、` 等保留字符开头而没有加引号）",
    "could not find expected ':'": "找不到键后面应有的冒号“: ”",
    "mapping values are not allowed in this context": "此处不能出现“键: 值”（常见原因：值里含有“: ”却没有加引号，或缩进不对）",
    "mapping values are not allowed here": "此处不能出现“键: 值”（常见原因：值里含有“: ”却没有加引号，或缩进不对）",
    "block sequence entries are not allowed in this context": "此处不能出现列表项“- ”（检查缩进）",
    "found unexpected end of stream": "文件意外结束（引号或括号没有闭合，文件可能被截断）",
    "found unknown escape character": "双引号字符串中有未知的转义字符（反斜杠要写成 \\\\，或改用单引号）",
    "found invalid Unicode character escape code": "双引号字符串中的 \\u 转义不是有效的 Unicode 字符",
    "did not find expected hexdecimal number": "\\x、\\u 转义后面应是十六进制数字",
    "found a tab character that violates indentation": "缩进中有 Tab 字符：YAML 只能用空格缩进",
    "found a tab character where an indentation space is expected": "缩进中有 Tab 字符：YAML 只能用空格缩进",
    "did not find expected comment or line break": "这一行多出了内容（此处只能是注释或换行）",
    "found unexpected document indicator": "字符串中间出现了文档分隔符（行首的 --- 或 ...）",
    "exceeded maximum nesting depth": f"嵌套层数超过 YAML 解析器的上限（{LIBYAML_MAX_NESTING} 层）",
    "did not find expected <document start>": "此处多出了内容（文档已经结束）",
    "did not find expected key": "此处应是一个键（检查这一行的缩进是否与同级的键对齐）",
    "did not find expected '-' indicator": "此处应是列表项“- ”（检查缩进）",
    "did not find expected node content": "此处缺少值",
    "did not find expected ',' or ']'": "方括号列表中缺少逗号“,”或右括号“]”",
    "did not find expected ',' or '}'": "花括号映射中缺少逗号“,”或右括号“}”",
    "found undefined alias": "别名引用了不存在的锚点（别名本身也不允许使用）",
    "found undefined tag handle": "标签前缀没有定义（公开文件不应使用标签）",
    "did not find expected alphabetic or numeric character": "锚点或别名的名字不完整",
    "found an indentation indicator equal to 0": "文本块（| 或 >）的缩进数字不能是 0",
    "found unexpected ':'": "此处的冒号“:”不能出现（含冒号的值请加引号）",
}
_YAML_CONTEXTS = {
    "while parsing a block mapping": "这个映射",
    "while parsing a block collection": "这个列表",
    "while parsing a flow sequence": "这个方括号列表 [ ]",
    "while parsing a flow mapping": "这个花括号映射 { }",
    "while scanning a quoted scalar": "这个引号字符串",
    "while scanning a simple key": "这个键",
    "while scanning a block scalar": "这个文本块（| 或 >）",
    "while parsing a block node": "这个值",
    "while parsing a flow node": "这个值",
    "while scanning a plain scalar": "这段文字",
    "while scanning an anchor": "这个锚点",
    "while scanning an alias": "这个别名",
    "while scanning a tag": "这个标签",
}


def _reader_error(error: yaml.reader.ReaderError, text: str) -> LoadProblem:
    """libyaml reports a byte offset into the UTF-8 encoding of the text."""
    offset = len(text.encode("utf-8")[: error.position].decode("utf-8", errors="ignore"))
    return LoadProblem(f"文件包含不允许的控制字符 U+{error.character:04X}：请删除它（常见于从 PDF 或 Excel 复制的文本）",
                       offset_span(text, offset))


def _yaml_error(error: yaml.YAMLError, text: str) -> LoadProblem:
    if isinstance(error, yaml.reader.ReaderError):
        return _reader_error(error, text)
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    if context and "expected a single document" in str(context):
        return LoadProblem("一个文件只能包含一份公开（发现多个 YAML 文档，“---”）", _mark_span(mark))
    words = _YAML_PROBLEMS.get(problem)
    message = f"YAML 语法错误：{words}（{problem}）" if words else f"YAML 语法错误：{problem}"
    context_mark = getattr(error, "context_mark", None)
    related: tuple[tuple[Span, str], ...] = ()
    if context in _YAML_CONTEXTS and context_mark is not None and context_mark is not mark:
        related = ((_mark_span(context_mark), f"{_YAML_CONTEXTS[context]}从这里开始"),)
    return LoadProblem(message, _mark_span(mark), related)


def _anchor_problems(text: str) -> Iterator[LoadProblem]:
    """One problem per anchor, listing where it is used. Anchors are rare: parse only when '&' occurs."""
    if "&" not in text:
        return
    anchors: dict[str, Span] = {}
    uses: dict[str, list[Span]] = {}
    try:
        for event in yaml.parse(text, Loader=_Loader):
            name = getattr(event, "anchor", None)
            if not name:
                continue
            if isinstance(event, yaml.AliasEvent):
                uses.setdefault(name, []).append(_mark_span(event.start_mark))
            else:
                anchors.setdefault(name, _mark_span(event.start_mark))
    except yaml.YAMLError:  # pragma: no cover - the text has already been composed successfully
        return
    for name, span in anchors.items():
        spans = uses.get(name, [])
        used = f"，文件中 {len(spans)} 处用别名 *{name} 引用它" if spans else ""
        related = tuple((at, f"别名 *{name}") for at in spans[:MAX_RELATED_ALIASES])
        yield LoadProblem(f"不允许使用 YAML 锚点和别名（&{name}{used}）：请把内容直接写出", span, related)


def compose_yaml(text: str) -> yaml.Node | None:
    """libyaml's node graph of ``text`` (our typing-free resolver); raises yaml.YAMLError for bad YAML."""
    return yaml.compose(_plain_breaks(text), Loader=_Loader)


def load_yaml(text: str, max_depth: int = 64) -> LoadResult:
    """Compose ``text`` and build data with positions. Never raises for bad input."""
    try:
        root = compose_yaml(text)
    except yaml.YAMLError as error:
        return LoadResult(None, (_yaml_error(error, text),))
    except RecursionError:  # pragma: no cover - only the pure-Python composer recurses
        return LoadResult(None, (LoadProblem(f"嵌套层数过深（超过 {max_depth} 层）", Span.point(1, 1)),))
    if root is None or (isinstance(root, yaml.ScalarNode) and root.value == "" and not root.style):
        return LoadResult(None, (LoadProblem("文件是空的：没有任何内容", Span.point(1, 1)),))
    walker = _Walker(max_depth)
    try:
        data = walker.walk(root, 0)
    except RecursionError:  # a configured max_depth above what the interpreter's stack allows
        return LoadResult(None, (LoadProblem(f"嵌套层数过深，无法读取（上限 {max_depth} 层）", _span(root)),))
    problems = [*walker.problems, *_anchor_problems(text)]
    if walker.shared and not any("锚点" in p.message for p in problems):  # pragma: no cover - defensive
        problems.append(LoadProblem("不允许使用 YAML 别名（*alias）：请把内容直接写出", _span(root)))
    smap = SourceMap(split_lines(text), root, max_depth)
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


# json.JSONDecodeError.msg → Chinese. The message keeps the original for searching.
_JSON_PROBLEMS = {
    "Expecting value": "此处缺少值",
    "Expecting ',' delimiter": "此处缺少逗号“,”（或括号没有闭合）",
    "Expecting ':' delimiter": "键后面缺少冒号“:”",
    "Expecting property name enclosed in double quotes": "此处应是用双引号括起的键（JSON 不允许末尾多余的逗号，也不允许单引号）",
    "Unterminated string starting at": "字符串没有结束的双引号",
    "Invalid control character at": "字符串中有未转义的控制字符（换行要写成 \\n）",
    "Invalid \\escape": "字符串中有无效的反斜杠转义",
    "Invalid \\uXXXX escape": "字符串中有无效的 \\u 转义",
    "Extra data": "JSON 值结束后还有多余的内容",
}
# A UTF-16 surrogate pair written as two \u escapes (json.dumps' default for 𠮷 and other
# characters outside the BMP); libyaml refuses surrogate escapes, so they are masked for the span pass.
_SURROGATE_PAIR = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE_MASK = "\\u0020\\u0020"  # same length, valid for YAML; only positions are read from it


_ESCAPE_LENGTH = {"x": 4, "u": 6, "U": 10}


def quoted_column(line: str, column: int, style: str, offset: int) -> int | None:
    """Source column of character ``offset`` of a one-line quoted scalar whose opening quote is at ``column``.

    Escapes (``\\n``, ``\\u4e2d``, a JSON surrogate pair, ``''`` in single quotes) are one character
    of the value but several of the source, so the value offset is walked through the source text.
    """
    index = column  # 0-based index just after the opening quote
    for _ in range(offset):
        if index >= len(line):
            return None
        if style == '"' and line[index] == "\\":
            pair = _SURROGATE_PAIR.match(line, index)
            index += 12 if pair else _ESCAPE_LENGTH.get(line[index + 1: index + 2], 2)
        elif style == "'" and line.startswith("''", index):
            index += 2
        else:
            index += 1
    return index + 1


def _json_syntax(error: json.JSONDecodeError) -> LoadProblem:
    words = _JSON_PROBLEMS.get(error.msg)
    message = f"JSON 语法错误：{words}（{error.msg}）" if words else f"JSON 语法错误：{error.msg}"
    return LoadProblem(message, Span.point(error.lineno, error.colno))


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
    paired = {start for m in _SURROGATE_PAIR.finditer(text) for start in (m.start(), m.start() + 6)}
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
        return LoadResult(None, (_json_syntax(error),))
    except RecursionError:
        return LoadResult(None, (_json_too_deep(text, max_depth),))
    if not duplicate and _has_lone_surrogate(data):
        return LoadResult(None, (_lone_surrogate(text),))
    masked = _SURROGATE_PAIR.sub(lambda _: _SURROGATE_MASK, text.replace("\t", " "))
    spans = load_yaml(masked, max_depth)
    if spans.document is None or spans.problems or duplicate:
        return spans
    smap = spans.document.smap
    smap.lines = split_lines(text)  # the file as written, not the masked copy
    return LoadResult(Located(data, smap, text), ())


class DataFileError(Exception):
    """A data file of budgetlint's own (profile, declarative rules, vocabulary) that cannot be read cleanly."""


def load_data(text: str, origin: str) -> Any:
    """The data of a YAML data file, or :class:`DataFileError` naming ``origin:line:col`` and the problem.

    One reader for every data file budgetlint loads (profiles, rules.d/*.yaml, vocabularies, code lists):
    the same loaders as disclosures, so the same traps (octal codes, aliases, duplicate keys) are refused.
    A data file is read at every start, so the fast path is tried first (budgetlint.fastload; imported
    here because it builds on this module).
    """
    from budgetlint import fastload

    data = fastload.read(text)
    if data is not fastload.DECLINED:
        return data
    loaded = load_yaml(text)
    if loaded.document is not None and not loaded.problems:
        return loaded.document.data
    problem = loaded.problems[0] if loaded.problems else None
    where = f":{problem.span.line}:{problem.span.column}" if problem else ""
    raise DataFileError(f"{origin}{where}: {problem.message if problem else '无法读取'}")
