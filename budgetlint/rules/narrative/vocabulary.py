"""The narrative vocabulary: which words of a section topic name which table cell (data, not code).

The default vocabulary is ``vocabulary.yaml`` next to this module. A regional profile extends it with
a ``叙述词表`` mapping of the same shape: its topics, keys, aliases and identities are merged in
(aliases are appended, a key's cells replaced), so a region adds its own wording without code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

from budgetlint.schema import package_text
from budgetlint.source import load_data

_NOISE = re.compile(r"[\s“”\"'‘’《》「」（）()【】\[\]<>〈〉]")

CellPath = tuple[str, ...]  # (table key, *path)


def normalise_label(text: str) -> str:
    """Labels compare without whitespace, quotes and brackets: “因公出国（境）费” → 因公出国境费."""
    return _NOISE.sub("", text)


# The vocabulary types are NamedTuples rather than frozen dataclasses: as immutable, several times
# cheaper to define (start-up). Nothing copies them with dataclasses functions, mutates them or
# compares them with anything but their own kind.
class Entry(NamedTuple):
    """One figure a topic may state and the cells it restates."""

    key: str
    aliases: tuple[str, ...]
    cells: tuple[CellPath, ...]
    rule: str = ""  # the rule id that checks this restatement (BL303 …)
    current_cell: CellPath | None = None  # 本年单元格 (C04)
    carry_over: CellPath | None = None  # 结转 (D07)
    previous: CellPath | None = None  # 上年 (C19)
    # 按期间单元格: (period role, cells) — the cell a figure of that role restates (决算's 年初预算数 …)
    period_cells: tuple[tuple[str, tuple[CellPath, ...]], ...] = ()
    # 无对照: why one file holds nothing to compare this figure with (the coverage's 文件中没有可比对的数)
    no_counterpart: str = ""
    no_counterpart_unless: str = ""  # 无对照除非: a table whose publication voids ``no_counterpart``

    def cells_for(self, role: str) -> tuple[CellPath, ...]:
        """The candidate cells of a figure of ``role`` (periods.py); none when the role has no cell."""
        return next((cells for name, cells in self.period_cells if name == role), ())


class Identity(NamedTuple):
    rule: str
    total: str
    parts: tuple[str, ...]
    optional: tuple[str, ...]
    complete: bool
    # 完整分项组: other complete classifications (Shanghai's eight kinds of vehicle have no 一般公务用车)
    complete_groups: tuple[tuple[str, ...], ...] = ()

    def is_complete(self, named: Mapping[str, Any]) -> bool:
        """Whether the parts written make up the total (then a sum below it is a contradiction too)."""
        return self.complete and (all(k in named for k in self.parts)
                                  or any(all(k in named for k in group) for group in self.complete_groups))


class FunctionScope(NamedTuple):
    """Where the 功能分类 amounts of a breakdown may come from, and that scope's total."""

    name: str
    rows: CellPath
    column: str
    total: CellPath


class Topic(NamedTuple):
    name: str
    entries: Mapping[str, Entry]
    identities: tuple[Identity, ...]
    function_scopes: tuple[FunctionScope, ...]
    absence: CellPath | None  # 无: a “无…支出” statement means this cell is 0


class _Candidates(tuple):  # type: ignore[type-arg]
    """(item, alias as written, alias normalised) triples: normalising once per vocabulary, not once per label.

    ``by_first`` indexes the triples by their normalised alias's first character: an alias occurs in a
    label only if the label holds that character, so :func:`_best` tries those few aliases instead of
    every one (a label names one or two of the 47 function classes' names). ``always``: the indexes of
    aliases that normalise to nothing (they occur in every label).
    """

    by_first: dict[str, tuple[int, ...]]
    always: tuple[int, ...]


class Vocabulary(NamedTuple):
    """Made only by :func:`_build`; the alias tables follow from the topics and functions."""

    titles: tuple[tuple[str, tuple[str, ...]], ...]
    functions: Mapping[str, tuple[str, ...]]  # class code → names
    topics: Mapping[str, Topic]
    topic_aliases: Mapping[str, _Candidates]
    function_aliases: _Candidates

    def topic_of(self, title: str, declared: str | None) -> str | None:
        if declared:
            return declared
        plain = normalise_label(title)
        for topic, words in self.titles:
            if any(word in plain for word in words):
                return topic
        return None

    def match(self, topic: str | None, label: str) -> tuple[Entry, str] | None:
        """The entry a label names (and the alias that matched); see :func:`best_alias`."""
        candidates = self.topic_aliases.get(topic, ()) if topic is not None else ()
        return _best(normalise_label(label), candidates) if candidates else None

    def function_class(self, label: str) -> tuple[str, str] | None:
        """The 功能分类 class code a label names (and the name that matched)."""
        return _best(normalise_label(label), self.function_aliases)


def best_alias(label: str, candidates: Any) -> Any:
    """The candidate whose alias ends last in the label (ties: the longest alias).

    Why “ends last”: a label runs from the clause start to the number, so the words right before the
    number name it — “政府采购货物预算” is 货物 although it also contains 政府采购.
    """
    return _best(normalise_label(label), _prepared(candidates))


def _prepared(candidates: Any) -> _Candidates:
    prepared = _Candidates((item, alias, normalise_label(alias)) for item, alias in candidates)
    by_first: dict[str, list[int]] = {}
    for index, (_, _, plain_alias) in enumerate(prepared):
        if plain_alias:
            by_first.setdefault(plain_alias[0], []).append(index)
    prepared.by_first = {first: tuple(indexes) for first, indexes in by_first.items()}
    prepared.always = tuple(index for index, (_, _, plain_alias) in enumerate(prepared) if not plain_alias)
    return prepared


def _best(plain: str, candidates: _Candidates) -> Any:
    """The candidate whose alias ends last in ``plain`` (ties: the longest alias as written; then the first).

    Only the aliases starting with a character of ``plain`` can occur in it; they are tried in the
    candidates' own order, so the tie-break (first candidate wins) is the same as trying every one.
    """
    by_first = candidates.by_first
    tried: list[int] = list(candidates.always)
    for character in set(plain):
        found = by_first.get(character)
        if found is not None:
            tried += found
    if not tried:
        return None
    tried.sort()
    best: tuple[int, int] | None = None
    chosen = None
    for index in tried:
        item, alias, plain_alias = candidates[index]
        where = plain.rfind(plain_alias)
        if where < 0:
            continue
        rank = (where + len(plain_alias), len(alias))
        if best is None or rank > best:
            best, chosen = rank, (item, alias)
    return chosen


def _path(raw: Any) -> CellPath | None:
    if isinstance(raw, list) and raw and all(isinstance(p, (str, int)) for p in raw):
        return tuple(str(p) for p in raw)
    return None


_CATALOGUE_CODE = re.compile(r"C(\d\d)")


def _rule_id(raw: Any) -> str:
    """The rule an entry belongs to: a rule id (`规则: BL303`). A profile written before the vocabulary was keyed
    by rule id names a catalogue code of group C (`规则: C03`); that group is numbered like the rules BL3xx, so the
    code still reaches its rule instead of leaving the figure unchecked in silence."""
    text = str(raw or "")
    match = _CATALOGUE_CODE.fullmatch(text)
    return f"BL3{match.group(1)}" if match else text


def _entry(key: str, raw: Mapping[str, Any]) -> Entry:
    cells = tuple(p for p in (_path(c) for c in raw.get("单元格") or ()) if p)
    return Entry(
        key=key,
        aliases=tuple(str(a) for a in raw.get("别名") or (key,)),
        cells=cells,
        rule=_rule_id(raw.get("规则")),
        current_cell=_path(raw.get("本年单元格")),
        carry_over=_path(raw.get("结转")),
        previous=_path(raw.get("上年")),
        period_cells=tuple((str(role), tuple(p for p in (_path(c) for c in paths or ()) if p))
                           for role, paths in (raw.get("按期间单元格") or {}).items()),
        no_counterpart=str(raw.get("无对照") or ""),
        no_counterpart_unless=str(raw.get("无对照除非") or ""),
    )


def _topic(name: str, raw: Mapping[str, Any]) -> Topic:
    entries = {str(k): _entry(str(k), v) for k, v in (raw.get("数字") or {}).items() if isinstance(v, Mapping)}
    identities = tuple(
        Identity(_rule_id(i["规则"]), str(i["总数"]), tuple(map(str, i.get("分项") or ())),
                 tuple(map(str, i.get("可选分项") or ())), bool(i.get("完整", False)),
                 tuple(tuple(map(str, g)) for g in i.get("完整分项组") or () if isinstance(g, list)))
        for i in raw.get("恒等式") or () if isinstance(i, Mapping) and "规则" in i and "总数" in i
    )
    scopes = tuple(
        FunctionScope(str(s.get("名称", "")), _path(s.get("行")) or (), str(s.get("金额", "合计")), _path(s.get("合计")) or ())
        for s in raw.get("功能分类口径") or () if isinstance(s, Mapping)
    )
    return Topic(name, entries, identities, scopes, _path(raw.get("无")))


def _merge(base: Any, extra: Any) -> Any:
    """Profile extensions: mappings merge, alias lists are appended, anything else replaces."""
    if isinstance(base, Mapping) and isinstance(extra, Mapping):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = _merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(extra, list) and all(isinstance(x, str) for x in base + extra):
        return base + [x for x in extra if x not in base]
    return extra


def _build(data: Mapping[str, Any]) -> Vocabulary:
    titles = tuple((str(t), tuple(map(str, words))) for t, words in (data.get("节标题") or {}).items())
    functions = {str(code): tuple(map(str, names)) for code, names in (data.get("功能分类") or {}).items()}
    topics = {str(n): _topic(str(n), raw) for n, raw in (data.get("主题") or {}).items() if isinstance(raw, Mapping)}
    topic_aliases = {name: _prepared((entry, alias) for entry in topic.entries.values() for alias in entry.aliases)
                     for name, topic in topics.items()}
    function_aliases = _prepared((code, name) for code, names in functions.items() for name in names)
    return Vocabulary(titles, functions, topics, topic_aliases, function_aliases)


@lru_cache(maxsize=1)
def _default_data() -> Mapping[str, Any]:
    text = package_text("budgetlint.rules.narrative", "vocabulary.yaml")
    data: Mapping[str, Any] = load_data(text, "budgetlint/rules/narrative/vocabulary.yaml")
    return data


@lru_cache(maxsize=32)
def _extended(extension_json: str) -> Vocabulary:
    if not extension_json:
        return _build(_default_data())
    return _build(_merge(_default_data(), json.loads(extension_json)))


def vocabulary(extension: Mapping[str, Any] | None = None) -> Vocabulary:
    """The default vocabulary, extended by a profile's ``叙述词表`` when given (built once per extension)."""
    key = json.dumps(extension, ensure_ascii=False, sort_keys=True, default=str) if extension else ""
    return _extended(key)
