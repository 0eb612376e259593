"""Where each value of a loaded document sits: data paths → spans, built from libyaml's nodes on first use.

A file read by the fast path (budgetlint.loader.fast) has no nodes yet: its source map composes the text
on first use and checks, in the same pass, that the nodes hold exactly the data the fast path read.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from budgetlint.finding import JsonPath, Span
from budgetlint.loader.nodes import node_span, scalar_data, tag_allowed, usable_key
from budgetlint.loader.scalars import same_scalar


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

    __slots__ = ("_root", "_max_depth", "_built", "_nodes", "lines", "diverged")

    def __init__(self, lines: tuple[str, ...] = (), root: yaml.Node | None = None, max_depth: int = 64) -> None:
        self._root = root
        self._max_depth = max_depth
        self._built: dict[JsonPath, tuple[yaml.Node, yaml.Node | None]] | None = None
        self._nodes: dict[JsonPath, NodeInfo] | None = None
        self.lines = lines
        # Whether the nodes hold other data than the document was read as (only a source map that
        # composes later can find that: budgetlint.loader.fast); the engine then reads the file again.
        self.diverged = False

    @property
    def _index(self) -> dict[JsonPath, tuple[yaml.Node, yaml.Node | None]]:
        if self._built is None:
            self._built = self._build()
        return self._built

    def _build(self) -> dict[JsonPath, tuple[yaml.Node, yaml.Node | None]]:
        """The ``path → (node, key node)`` index, made once, on first use."""
        return {} if self._root is None else index_nodes(self._root, self._max_depth)[0]

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
                return node_span(key)
            return node_span(node)
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


def index_nodes(root: yaml.Node, max_depth: int, expected: Any = _UNCHECKED
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
    """The state of one :func:`index_nodes` pass.

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
        if depth > self.max_depth or not tag_allowed(node):
            self.agrees = False
            return
        index, check = self.index, self.check
        cls = node.__class__
        if cls is yaml.ScalarNode:
            index[path] = (node, key)
            if check and not same_scalar(scalar_data(node), value):
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
            if not usable_key(key_node) or (*path, key_node.value) in index:  # the first of duplicate keys
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


def _info(node: yaml.Node, key: yaml.Node | None) -> NodeInfo:
    container = node.__class__ is not yaml.ScalarNode
    style = None if container else (node.style or None)  # libyaml says '' for plain, pure PyYAML None
    return NodeInfo(node_span(node), None if key is None else node_span(key), style, container)
