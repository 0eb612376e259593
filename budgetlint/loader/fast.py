"""The fast path for reading a disclosure: rapidyaml for the data, libyaml for positions when asked.

An accelerator for batch runs only, taken inside :func:`batch` (``budgetlint check`` enters it; the
language server, ``budgetlint claims`` and library callers never do, and read with PyYAML alone). Why
not everywhere: rapidyaml prints its parse errors on the process's standard error (file descriptor
2) before raising, and the only way to keep that quiet is to point descriptor 2 at the null device
for the duration of the call — a change every thread of the process sees. A batch run is one thread
per process (its workers are forked processes), so nothing else writes there meanwhile; the language
server lints on two threads and logs to stderr, so it must never come here. Outside :func:`batch`,
and wherever rapidyaml is not installed, every reader takes the full loader: same data, same findings.

Why: composing a disclosure with libyaml and walking the nodes costs about as much as the whole
reference (``yaml.compose`` with the C loader) — PyYAML builds a node and two marks per value in
Python — so no rule work would fit in issue 7's budget. rapidyaml (a C++ parser) reads the same
file and writes it out as JSON, which :func:`json.loads` turns into data, in about a quarter of that
time. Positions are needed only when something must be located (a finding, a schema error, a
suppression comment), so the :class:`~budgetlint.loader.sourcemap.SourceMap` of a fast-read file composes the
text with libyaml on first use (:class:`FastSourceMap`); a clean file never pays for it.

The fast path is taken only where it reads exactly what :func:`budgetlint.loader.yaml_reader.load_yaml` reads
(after loading, the engine treats both alike); anything else goes to that full loader, which also
gives every BL001 its location:

* text the two parsers could read differently or that the full loader must reject — a tag (``!``),
  anchor (``&``) or alias (``*``) at the start of a value, ``~`` as a value, backslashes (escapes),
  tabs, carriage returns and Unicode line breaks, control characters, a missing final line break,
  directives, complex keys (``?``), merge keys
  (``<<``), a colon before a flow indicator (``[a:]``), and numbers that rapidyaml rewrites to valid
  JSON (``.5`` → ``0.5``, ``1.`` → ``1.0``);
* anything rapidyaml or the JSON decoder refuses (several documents give a list), a duplicate key,
  a number JSON cannot take (``+5``), the spellings ``Null``/``TRUE``/… that YAML 1.1 types but
  rapidyaml keeps as text, a value starting with ``]``, ``}``, ``@``, ``%``, a backquote or ``:``
  (libyaml refuses them, rapidyaml reads text), an empty key, a top level that is not a mapping, and
  nesting past ``max_depth``.

Numbers go through :func:`~budgetlint.loader.scalars.resolve_plain` on the text rapidyaml copied from the
file, so an amount is the same ``Decimal`` either way. ``tests/test_fastload.py`` checks that the two
readings are exactly equal (:func:`same_data`: types and printed digits) on every file of the
repository, on mutated copies of the example and on generated documents. At run time, when a
finding needs a position and libyaml composes the text, the nodes are checked against the fast data
while they are indexed (one pass); if they differ, :attr:`SourceMap.diverged` tells the engine to
check the file again with the full loader alone.
"""

from __future__ import annotations

import json
import os
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import yaml

from budgetlint.finding import JsonPath
from budgetlint.loader.document import Located
from budgetlint.loader.nodes import compose_yaml
from budgetlint.loader.positions import split_lines
from budgetlint.loader.scalars import resolve_plain, same_scalar
from budgetlint.loader.sourcemap import SourceMap, index_nodes

try:  # an optional accelerator: without a wheel for this platform, every file takes the full loader
    import ryml as _ryml
except ImportError:  # pragma: no cover - rapidyaml is a dependency; this guards exotic platforms
    _ryml = None

# Text that takes the full loader (see the module docstring). Characters, anywhere in the file: the
# backslash, tab, carriage return, "?", Unicode line breaks, the BOM, and what libyaml's reader refuses
# (control characters, surrogates, U+FFFE/U+FFFF), which the full loader reports with its position.
_ANYWHERE = re.compile("[\\\\\t\r?\x85\u2028\u2029\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# A tag, an anchor, an alias or "~" matters only at the start of a value (in "预算数*100%" it is text):
# each occurrence is checked on its line.
_VALUE_MARKS = ("!", "&", "*", "~")
# "[a:]": libyaml refuses it, rapidyaml reads {a: null}.
_COLON_BEFORE_FLOW_INDICATOR = re.compile(r":[,\[\]{}]")
# Numbers rapidyaml rewrites: a leading dot (.5) — any occurrence is checked on its line — and a
# trailing dot (1.) at the end of a value.
_LEADING_DOT = re.compile(r"\.(?<![0-9]\.)[0-9]")
_TRAILING_DOT = re.compile(r"\.[ ]*(?:$|[,\]}]|[ ]#)", re.M)
_NODE_START = r"(?:^[ ]*|[:,\[{][ ]*|-[ ]+)"  # at the start of a line or after ": ", "- ", "[", "{" or ","
_SCALAR_END = r"[ ]*(?:$|[,\]}]|[ ]#)"  # end of line, a flow delimiter or a comment
_SUSPECT = re.compile(
    _NODE_START + r"(?:[!&*]"                                                # a tag, an anchor or an alias
    + r"|~" + _SCALAR_END                                                   # ~ (null)
    + r"|[-+]?(?:\.[0-9]+|[0-9]+\.)(?:[eE][-+]?[0-9]+)?" + _SCALAR_END + r")", re.M)  # .5 or 1.


def needs_full_loader(text: str) -> bool:
    """Whether ``text`` has anything the fast path could read differently from the full loader."""
    if _ANYWHERE.search(text) or not text.endswith("\n"):
        # Without a final line break, libyaml ends a block scalar without "\n" and rapidyaml with one.
        return True
    if "<" in text and "<<" in text:  # a merge key
        return True
    if "%" in text and (text.startswith("%") or "\n%" in text):  # a directive
        return True
    if _COLON_BEFORE_FLOW_INDICATOR.search(text):
        return True
    for mark in _VALUE_MARKS:
        at = text.find(mark)
        while at >= 0:
            if _suspect_line(text, at):
                return True
            at = text.find(mark, at + 1)
    return any(_suspect_line(text, hit.start())
               for pattern in (_LEADING_DOT, _TRAILING_DOT) for hit in pattern.finditer(text))


def _suspect_line(text: str, at: int) -> bool:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return _SUSPECT.search(text, start, len(text) if end < 0 else end) is not None


# In rapidyaml's JSON, a string that opens (after "[", "{", "," or a space) with:
# * Null/NULL/True/TRUE/False/FALSE: YAML 1.1 (and so the full loader) types them, rapidyaml does not;
# * "]", "}", "@", "`", "%" or ":": they cannot start a plain scalar — libyaml refuses "a: ]", "[%]",
#   "[:a]" and "- :", rapidyaml reads text;
# * nothing, as a key: rapidyaml reads "- :" as {"": null}.
# Quoted values of these forms (and a closing quote after a space) are caught too: that only costs
# the full load.
_JSON_SUSPECT = re.compile(r'"(?<=[\[{ ,]")(?:[\]}@`%:]|":|(?:Null|NULL|True|TRUE|False|FALSE)")')


DECLINED = object()  # read(): the full loader must read this text


class _NotExact(Exception):
    """The JSON from rapidyaml is not exactly what the full loader would read."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _NotExact("duplicate key")
    return result


def _no_constant(name: str) -> Any:
    raise _NotExact(name)


def available() -> bool:
    return _ryml is not None


# Whether the readers running in this thread may take the fast path. A context variable, not a module
# flag: a thread started elsewhere (the language server's lint workers) starts from the default, False;
# a worker forked by a batch run keeps the value of the thread that forked it.
_IN_BATCH: ContextVar[bool] = ContextVar("budgetlint_fast_path", default=False)
# Two overlapping descriptor swaps would restore each other's null device and lose stderr for good.
_STDERR_SWAP = threading.Lock()


@contextmanager
def batch() -> Iterator[None]:
    """Let the readers of this thread take the fast path (a single-threaded batch run: ``budgetlint check``)."""
    token = _IN_BATCH.set(_ryml is not None)
    try:
        yield
    finally:
        _IN_BATCH.reset(token)


def active() -> bool:
    """Whether the engine and the data-file reader take the fast path here (inside :func:`batch`)."""
    return _IN_BATCH.get()


def load(text: str, max_depth: int = 64) -> Located | None:
    """The document read by rapidyaml, or None when the full loader must read it."""
    data = read(text, max_depth)
    if not isinstance(data, dict):
        return None
    return Located(data, FastSourceMap(text, data, max_depth), text)


def read(text: str, max_depth: int = 64) -> Any:
    """The data rapidyaml reads from ``text`` (a mapping or a list), or :data:`DECLINED`."""
    if _ryml is None or needs_full_loader(text):
        return DECLINED
    emitted = _emit_json(text.encode("utf-8"))
    if emitted is None or _JSON_SUSPECT.search(emitted):
        return DECLINED
    try:
        data = json.loads(emitted, object_pairs_hook=_unique_keys, parse_float=resolve_plain, parse_int=resolve_plain,
                          parse_constant=_no_constant)
    except (_NotExact, ValueError, RecursionError):
        return DECLINED
    if not isinstance(data, (dict, list)) or _deeper_than(data, max_depth):
        return DECLINED
    return data


class FastSourceMap(SourceMap):
    """The source map of a fast-read file: no nodes until a position is first asked for.

    Then libyaml composes the same text, and the index pass checks that the nodes hold exactly the
    ``expected`` data (the fast reading); :attr:`diverged` says they did not, or that libyaml refused
    the text, and the engine checks the file again with the full loader alone.
    """

    __slots__ = ("_text", "_expected")

    def __init__(self, text: str, expected: Any, max_depth: int = 64) -> None:
        super().__init__(split_lines(text), None, max_depth)
        self._text: str | None = text
        self._expected = expected

    def _build(self) -> dict[JsonPath, tuple[yaml.Node, yaml.Node | None]]:
        text, expected = self._text, self._expected
        self._text = self._expected = None  # the source map lives as long as the findings; these need not
        assert text is not None
        try:
            self._root = compose_yaml(text)
        except yaml.YAMLError:
            self._root = None  # the fast path read a text libyaml refuses
        if self._root is None:
            self.diverged = True
            return {}
        built, agrees = index_nodes(self._root, self._max_depth, expected)
        self.diverged = not agrees
        return built


def _emit_json(raw: bytes) -> str | None:
    """rapidyaml's JSON for ``raw``, or None if it refuses the text.

    rapidyaml prints its parse errors on the process's standard error before raising; the full
    loader reports the problem properly (with a Chinese message and a location), so that output is
    sent to the null device for the duration of the call (see the module docstring for why only a
    batch run calls this), one call at a time.
    """
    assert _ryml is not None
    with _STDERR_SWAP:
        return _emit_json_quietly(raw)


def _emit_json_quietly(raw: bytes) -> str | None:
    assert _ryml is not None
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            try:
                tree = _ryml.parse_in_arena(raw)
                if tree.is_stream(tree.root_id()):  # "---" markers: several documents, or one marked
                    return None
                emitted = _json_text(tree, len(raw))
            except Exception:  # noqa: BLE001 - any refusal means: let the full loader read it
                return None
            finally:
                os.dup2(saved, 2)
    finally:
        os.close(saved)
    return emitted if isinstance(emitted, str) else None


def _json_text(tree: Any, source_bytes: int) -> str:
    """rapidyaml's JSON for ``tree``, written into a buffer of ours.

    Not ``ryml.emit_json``: in rapidyaml 0.15 it returns a buffer it allocated and never frees (about
    the size of the file, per call: 750 MB over 2,000 disclosures).
    """
    assert _ryml is not None
    buffer = bytearray(2 * source_bytes + 4096)  # JSON adds quotes and indentation to the YAML
    failed, size = _ryml.emit_json_to_substr(tree, tree.root_id(), buffer)
    if failed:
        buffer = bytearray(size)
        failed, size = _ryml.emit_json_to_substr(tree, tree.root_id(), buffer)
    return buffer[:size].decode("utf-8")


def _deeper_than(data: dict[str, Any] | list[Any], max_depth: int) -> bool:
    """Whether some value sits deeper than ``max_depth`` (the root is depth 0, as in the full loader)."""
    level: list[Any] = [data]
    for _ in range(max_depth):
        level = [child for container in level
                 for child in (container.values() if container.__class__ is dict else container)
                 if child.__class__ is dict or child.__class__ is list]
        if not level:
            return False
    return any(level)  # a non-empty container at max_depth has values below it


def same_data(left: Any, right: Any) -> bool:
    """Exact equality of loaded data: same types, and Decimals with the same printed digits (``1.50`` is not ``1.5``)."""
    if isinstance(left, dict):
        return (type(right) is dict and left.keys() == right.keys()
                and all(same_data(value, right[key]) for key, value in left.items()))
    if isinstance(left, list):
        return type(right) is list and len(left) == len(right) and all(same_data(a, b) for a, b in zip(left, right))
    return same_scalar(left, right)
