"""Positions in a source text: lines as libyaml counts them, the span of a character offset, columns inside quoted scalars.

No PyYAML here: the language server, the suppression scanner and the JSON reader use these too.
"""

from __future__ import annotations

import re

from budgetlint.finding import Span

# Line breaks as libyaml counts them. NEL, LS and PS are YAML 1.1 line breaks but not lines in
# editors, git or CI annotations; the YAML reader reads them as spaces so line numbers agree with those tools.
LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A UTF-16 surrogate pair written as two \u escapes (json.dumps' default for 𠮷 and other
# characters outside the BMP): one character of the value, twelve of the source.
SURROGATE_PAIR = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}")


def split_lines(text: str) -> tuple[str, ...]:
    """Lines as libyaml counts them (\\r\\n, \\r, \\n); str.split when there is no \\r, which is 4× faster."""
    return tuple(LINE_BREAK.split(text) if "\r" in text else text.split("\n"))


def offset_span(text: str, offset: int) -> Span:
    """Span of the character at code-point ``offset`` of ``text``."""
    offset = max(0, min(offset, len(text)))
    line_start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    line = len(LINE_BREAK.findall(text, 0, line_start)) + 1
    return Span.point(line, offset - line_start + 1)


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
            pair = SURROGATE_PAIR.match(line, index)
            index += 12 if pair else _ESCAPE_LENGTH.get(line[index + 1: index + 2], 2)
        elif style == "'" and line.startswith("''", index):
            index += 2
        else:
            index += 1
    return index + 1
