"""What a reader returns: the document (data, source map, text) and the problems that make a file unreadable (BL001)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from budgetlint.finding import Span

if TYPE_CHECKING:
    from budgetlint.loader.sourcemap import SourceMap


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """A file that cannot be read as one clean document (reported as BL001)."""

    message: str
    span: Span
    related: tuple[tuple[Span, str], ...] = ()


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
