"""Positions between budgetlint and LSP clients.

budgetlint speaks 1-based lines and 1-based *code-point* columns with an exclusive end (:class:`Span`).
LSP speaks 0-based lines and 0-based columns counted in the negotiated position encoding: UTF-16
code units unless the client offered UTF-8 or UTF-32. CJK text from the BMP is one UTF-16 unit but
three UTF-8 bytes per character; characters outside the BMP (CJK Extension B such as 𠀀, used in
personal and place names) are two UTF-16 units and four UTF-8 bytes. Conversion happens only here,
at the edge. No pygls import: the conversion is unit-tested on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from budgetlint.finding import Span

UTF8: Final = "utf-8"
UTF16: Final = "utf-16"
UTF32: Final = "utf-32"
ENCODINGS: Final = (UTF8, UTF16, UTF32)

# LSP counts exactly these three line terminators (specification, "Text Documents").
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True, order=True)
class LspPosition:
    """0-based line and 0-based column in the client's code units."""

    line: int
    character: int


def split_lines(text: str) -> list[str]:
    """Lines as an LSP client counts them (without their terminators)."""
    return _LINE_BREAK.split(text)


def units(text: str, encoding: str) -> int:
    """Length of ``text`` in code units of ``encoding`` (unknown encodings count as UTF-16, the LSP default)."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def code_points(line: str, count: int, encoding: str) -> int:
    """How many code points of ``line`` the first ``count`` code units cover.

    A count that ends inside a character (half a surrogate pair, two bytes of a CJK character) stays
    before that character; a count past the end of the line stops at the end (LSP semantics).
    """
    if encoding == UTF32:
        return max(0, min(count, len(line)))
    used = 0
    for index, char in enumerate(line):
        used += units(char, encoding)
        if used > count:
            return index
    return len(line)


class LineIndex:
    """One document's text, converting spans to LSP positions and back in one encoding."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.lines = split_lines(text)
        self.encoding = encoding if encoding in ENCODINGS else UTF16

    def to_lsp(self, line: int, column: int) -> LspPosition:
        """1-based line and code-point column → LSP position, clamped to the document."""
        if line < 1:
            return LspPosition(0, 0)
        if line > len(self.lines):
            last = len(self.lines) - 1
            return LspPosition(last, units(self.lines[last], self.encoding))
        text = self.lines[line - 1]
        prefix = text[: max(column - 1, 0)]
        return LspPosition(line - 1, units(prefix, self.encoding))

    def range(self, span: Span) -> tuple[LspPosition, LspPosition]:
        start = self.to_lsp(span.line, span.column)
        end = self.to_lsp(span.end_line, span.end_column)
        return start, max(start, end)

    def from_lsp(self, position: LspPosition) -> tuple[int, int]:
        """LSP position → 1-based line and code-point column, clamped to the document."""
        if position.line < 0:
            return 1, 1
        if position.line >= len(self.lines):
            return len(self.lines), len(self.lines[-1]) + 1
        text = self.lines[position.line]
        return position.line + 1, code_points(text, position.character, self.encoding) + 1
