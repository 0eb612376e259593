"""The YAML reader: compose with libyaml, then build plain data ourselves, with every problem located.

Why our own composer walk: PyYAML's YAML 1.1 resolver reads ``0201`` as octal 129, ``1:20`` as 80,
``no`` as False, keeps the last of two duplicate keys and turns amounts into binary floats. We let
libyaml compose the node graph (it keeps a start and end mark on every node) and build the data
ourselves: plain integers become ``int``, decimals become ``Decimal`` built from the source text,
``true``/``false``/``null`` are literals and everything else stays a ``str``. Duplicate keys,
anchors and aliases, several documents and syntax errors become :class:`LoadProblem` values with a
location instead of exceptions; where each value sits is the :class:`SourceMap`'s job.

Hostile input (see docs/robustness.md): we only *compose*, never construct, so no tag can run code;
tags other than the plain-data ones are rejected. Aliases are walked once (no "billion laughs"
expansion), libyaml refuses more than 1000 nesting levels and the walk stops at ``max_depth``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

from budgetlint.finding import Span
from budgetlint.loader.document import Located, LoadProblem, LoadResult
from budgetlint.loader.messages import yaml_problem
from budgetlint.loader.nodes import (
    COLLECTION_TAGS,
    PLAIN_TAGS,
    STR_TAG,
    LibyamlLoader,
    compose_yaml,
    is_merge_key,
    mark_span,
    node_span,
    scalar_data,
    short_tag,
    usable_key,
)
from budgetlint.loader.positions import split_lines
from budgetlint.loader.sourcemap import SourceMap

MAX_RELATED_ALIASES = 10  # alias uses listed as related locations of one anchor problem


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
            allowed = node.tag == STR_TAG if node.style else node.tag in PLAIN_TAGS
        else:
            allowed = node.tag == COLLECTION_TAGS.get(cls)
        if not allowed:
            self.problems.append(LoadProblem(
                f"不允许的 YAML 标签 {short_tag(node.tag)}：公开文件只能包含普通数据（文字、数字、列表、映射），"
                "budgetlint 不会按标签构造任何对象；请去掉标签", node_span(node)))
            return None
        if depth > self.max_depth:
            self.problems.append(LoadProblem(
                f"嵌套层数超过上限 {self.max_depth}（可在配置 [tool.budgetlint.limits] max-depth 中调整）", node_span(node)))
            return None
        if scalar:
            return scalar_data(node)
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
            if not usable_key(key_node):
                self._bad_key(key_node)
                continue
            name = key_node.value
            if name in first_seen:
                self.problems.append(LoadProblem(f"重复的键“{name}”：后一个值会覆盖前一个", node_span(key_node),
                                                 ((node_span(first_seen[name]), f"“{name}”第一次出现在这里"),)))
                continue
            first_seen[name] = key_node
            result[name] = self.walk(value_node, depth + 1)
        return result

    def _bad_key(self, key_node: yaml.Node) -> None:
        if is_merge_key(key_node):
            self.problems.append(LoadProblem("不允许使用 YAML 合并键（<<）：请把内容直接写出", node_span(key_node)))
        else:
            self.problems.append(LoadProblem("键必须是简单文字（不能是列表、映射或带标签的值）", node_span(key_node)))


def _anchor_problems(text: str) -> Iterator[LoadProblem]:
    """One problem per anchor, listing where it is used. Anchors are rare: parse only when '&' occurs."""
    if "&" not in text:
        return
    anchors: dict[str, Span] = {}
    uses: dict[str, list[Span]] = {}
    try:
        for event in yaml.parse(text, Loader=LibyamlLoader):
            name = getattr(event, "anchor", None)
            if not name:
                continue
            if isinstance(event, yaml.AliasEvent):
                uses.setdefault(name, []).append(mark_span(event.start_mark))
            else:
                anchors.setdefault(name, mark_span(event.start_mark))
    except yaml.YAMLError:  # pragma: no cover - the text has already been composed successfully
        return
    for name, span in anchors.items():
        spans = uses.get(name, [])
        used = f"，文件中 {len(spans)} 处用别名 *{name} 引用它" if spans else ""
        related = tuple((at, f"别名 *{name}") for at in spans[:MAX_RELATED_ALIASES])
        yield LoadProblem(f"不允许使用 YAML 锚点和别名（&{name}{used}）：请把内容直接写出", span, related)


def load_yaml(text: str, max_depth: int = 64) -> LoadResult:
    """Compose ``text`` and build data with positions. Never raises for bad input."""
    try:
        root = compose_yaml(text)
    except yaml.YAMLError as error:
        return LoadResult(None, (yaml_problem(error, text),))
    except RecursionError:  # pragma: no cover - only the pure-Python composer recurses
        return LoadResult(None, (LoadProblem(f"嵌套层数过深（超过 {max_depth} 层）", Span.point(1, 1)),))
    if root is None or (isinstance(root, yaml.ScalarNode) and root.value == "" and not root.style):
        return LoadResult(None, (LoadProblem("文件是空的：没有任何内容", Span.point(1, 1)),))
    walker = _Walker(max_depth)
    try:
        data = walker.walk(root, 0)
    except RecursionError:  # a configured max_depth above what the interpreter's stack allows
        return LoadResult(None, (LoadProblem(f"嵌套层数过深，无法读取（上限 {max_depth} 层）", node_span(root)),))
    problems = [*walker.problems, *_anchor_problems(text)]
    if walker.shared and not any("锚点" in p.message for p in problems):  # pragma: no cover - defensive
        problems.append(LoadProblem("不允许使用 YAML 别名（*alias）：请把内容直接写出", node_span(root)))
    smap = SourceMap(split_lines(text), root, max_depth)
    return LoadResult(Located(data, smap, text), tuple(problems))
