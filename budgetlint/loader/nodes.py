"""libyaml's composer as budgetlint uses it: a typing-free resolver, the allowed tags, node predicates and spans.

Why a typing-free resolver: libyaml's composer calls back into Python to tag every plain scalar, and
PyYAML's resolver runs a list of regular expressions there, a third of the compose cost. budgetlint
types plain scalars itself (:mod:`budgetlint.loader.scalars`), so untagged plain scalars get a private
"plain" tag and explicit tags stay as written (which the walk then checks).
"""

from __future__ import annotations

from typing import Any

import yaml

from budgetlint.finding import Span
from budgetlint.loader.scalars import resolve_plain

CORE_TAG = "tag:yaml.org,2002:"
STR_TAG = CORE_TAG + "str"
# What our resolver gives an untagged plain scalar: we type plain scalars ourselves (resolve_plain),
# so the YAML 1.1 implicit resolvers have nothing to decide. Not a yaml.org tag, so it can never be
# confused with an explicit one written in the file.
PLAIN_TAG = "tag:budgetlint,2026:plain"


class _TypingFreeResolver(yaml.resolver.BaseResolver):
    """Tags for untagged nodes without PyYAML's regex-based implicit resolution.

    libyaml's composer calls back into Python to resolve every scalar; PyYAML's resolver runs a list of
    regular expressions there, about a third of the cost of composing a disclosure. Explicit tags
    (``!!str``, ``!!python/object``) never reach this method and stay as written.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return PLAIN_TAG if implicit[0] else STR_TAG
        return CORE_TAG + ("seq" if kind is yaml.SequenceNode else "map")


try:  # libyaml is several times faster; the pure-Python parser gives the same marks.
    from yaml.cyaml import CParser as _CParser

    class LibyamlLoader(_CParser, _TypingFreeResolver):  # type: ignore[misc]
        def __init__(self, stream: Any) -> None:
            _CParser.__init__(self, stream)
            _TypingFreeResolver.__init__(self)
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    class LibyamlLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,  # type: ignore[no-redef]
                        yaml.composer.Composer, _TypingFreeResolver):
        def __init__(self, stream: Any) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _TypingFreeResolver.__init__(self)

# libyaml's own nesting limit (YAML_MAX_NESTING_LEVEL); deeper input is a syntax error there.
LIBYAML_MAX_NESTING = 1000

# The tags the composer gives untagged nodes (implicit resolution). An explicit tag outside these
# (!!python/object/apply, !!binary, !!set, !local …) asks a constructor to build an object: we never
# construct, and we reject the file rather than silently read something else than the author meant.
PLAIN_TAGS = frozenset([PLAIN_TAG, *(CORE_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "value"))])
COLLECTION_TAGS = {yaml.SequenceNode: CORE_TAG + "seq", yaml.MappingNode: CORE_TAG + "map"}
KEY_TAGS = PLAIN_TAGS
# NEL, LS and PS are YAML 1.1 line breaks but not lines in editors, git or CI annotations; they are
# read as spaces so line numbers agree with those tools.
_UNUSUAL_BREAKS = str.maketrans({"\x85": " ", "\u2028": " ", "\u2029": " "})


def node_span(node: yaml.Node) -> Span:
    s, e = node.start_mark, node.end_mark
    return Span(s.line + 1, s.column + 1, e.line + 1, e.column + 1)


def mark_span(mark: Any) -> Span:
    if mark is None:
        return Span.point(1, 1)
    return Span.point(mark.line + 1, mark.column + 1)


def plain_breaks(text: str) -> str:
    """NEL/LS/PS read as spaces; translating costs about half a compose, so only when one occurs."""
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        return text.translate(_UNUSUAL_BREAKS)
    return text


def scalar_data(node: yaml.ScalarNode) -> Any:
    """The value the walk makes of a scalar node (quoted, block and ``!!str`` scalars are text)."""
    return node.value if node.style or node.tag == STR_TAG else resolve_plain(node.value)


def short_tag(tag: str) -> str:
    return "!!" + tag[len(CORE_TAG):] if tag.startswith(CORE_TAG) else tag


def tag_allowed(node: yaml.Node) -> bool:
    if isinstance(node, yaml.ScalarNode):
        return node.tag in PLAIN_TAGS if not node.style else node.tag == STR_TAG
    return node.tag == COLLECTION_TAGS.get(type(node))


def is_merge_key(node: yaml.Node) -> bool:
    """``<<:`` (YAML 1.1 merge key), untagged or written ``!!merge``."""
    return node.tag == CORE_TAG + "merge" or (node.tag == PLAIN_TAG and node.value == "<<" and not node.style)


def usable_key(key_node: yaml.Node) -> bool:
    """A key is a scalar with a plain-data tag, and not the YAML 1.1 merge key ``<<``."""
    return (key_node.__class__ is yaml.ScalarNode and key_node.tag in KEY_TAGS
            and not (key_node.style and key_node.tag != STR_TAG) and not is_merge_key(key_node))


def compose_yaml(text: str) -> yaml.Node | None:
    """libyaml's node graph of ``text`` (our typing-free resolver); raises yaml.YAMLError for bad YAML."""
    return yaml.compose(plain_breaks(text), Loader=LibyamlLoader)
