"""The values that cross module boundaries: what a rule yields and what a reporter prints.

This module is the bottom of the house (docs/design.md): it imports only the standard library, so a
rule, the loader, the baseline and every reporter can use positions (:class:`Span`), data paths and
finding identities (:func:`finding_key`, :func:`fingerprint`) without importing PyYAML or each other.

Finding is a dataclass, not a NamedTuple like the other records (docs/design.md says why those are): it
sorts by file, position and rule id only, which a tuple's ordering cannot express.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import NamedTuple

# A path into loaded data: mapping keys and list indexes.
JsonPath = tuple[str | int, ...]


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


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


class Pointer(NamedTuple):
    """Where in the data: the file and a path of keys and indexes. Rules speak only this."""

    file: str
    path: JsonPath

    def child(self, *parts: str | int) -> Pointer:
        return Pointer(self.file, self.path + parts)


class TextPointer(NamedTuple):
    """A range inside a string value (a narrative text block): code-point offsets into the value."""

    at: Pointer
    start: int
    end: int


Location = Pointer | TextPointer


class Related(NamedTuple):
    at: Location
    message: str


class Violation(NamedTuple):
    """What a rule yields: no id, no severity, no line numbers.

    ``rounding_tail`` marks a difference that lies inside the rounding bound of the printed
    precision: the engine reports it at info level whatever the rule's severity (rounding policy).
    ``key`` identifies the finding independently of line numbers (baselines, fingerprints).
    """

    at: Location
    message: str
    related: tuple[Related, ...] = ()
    rounding_tail: bool = False
    advisory: bool = False  # a weaker form of the rule's finding (e.g. a cap above the amount): info level
    detail: str = ""  # the arithmetic behind the finding (shown on hover / in --explain)
    key: str = ""


class RelatedLocation(NamedTuple):
    file: str
    span: Span
    message: str


@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """What reporters consume; sorts by file, position and rule id."""

    file: str
    span: Span
    rule_id: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    rule_name: str = field(default="", compare=False)
    json_path: JsonPath = field(default=(), compare=False)
    related: tuple[RelatedLocation, ...] = field(default=(), compare=False)
    detail: str = field(default="", compare=False)
    key: str = field(default="", compare=False)


def json_pointer(path: JsonPath) -> str:
    """RFC 6901 pointer for a data path."""
    if not path:
        return ""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


# Numbers as printed in messages: 1,234.56 / -0.01 / 210.31% (the sign and grouping commas kept apart).
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def finding_key(finding: Finding) -> str:
    """Line-independent identity of a finding inside its file (what baselines, SARIF and GitLab use)."""
    return finding.key or f"{finding.rule_id}:{json_pointer(finding.json_path)}"


def message_values(message: str) -> tuple[str, ...]:
    """The numbers printed in a message, in order: a changed figure is a different finding."""
    return tuple(_NUMBER.findall(message))


def fingerprint(finding: Finding, file: str | None = None) -> str:
    """A stable hex digest of (file, rule, key, message values); used for SARIF/GitLab fingerprints."""
    import hashlib  # only reporters that fingerprint pay for it (start-up of a plain check)

    parts = [file if file is not None else finding.file, finding.rule_id, finding_key(finding),
             *message_values(finding.message)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
