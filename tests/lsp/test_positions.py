"""Code-point spans ↔ LSP positions in UTF-16 (default), UTF-8 and UTF-32."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetlint.lsp.positions import UTF8, UTF16, UTF32, LineIndex, LspPosition, code_points, split_lines, units
from budgetlint.source import Span

# 𠀀 U+20000 (CJK Extension B): one code point, a surrogate pair in UTF-16, four bytes in UTF-8
LINE = "名称: 𠀀𠀀局, 金额: 291.38"
FIGURE_COLUMN = LINE.index("291.38") + 1  # 1-based code-point column, as budgetlint reports it


@pytest.mark.parametrize(("encoding", "character"), [
    (UTF32, 13),
    (UTF16, 15),  # two surrogate pairs before the figure
    (UTF8, 2 * 3 + 2 + 2 * 4 + 3 + 2 + 2 * 3 + 2),  # 名称 : 𠀀𠀀 局 , 金额 : in bytes
])
def test_figure_column_after_non_bmp_characters(encoding: str, character: int) -> None:
    index = LineIndex(LINE, encoding)
    start, end = index.range(Span(1, FIGURE_COLUMN, 1, FIGURE_COLUMN + 6))
    assert start == LspPosition(0, character)
    assert end == LspPosition(0, character + 6)  # the figure itself is ASCII in every encoding
    assert index.from_lsp(start) == (1, FIGURE_COLUMN)


def test_utf16_and_utf8_differ_on_bmp_cjk_and_agree_with_the_codecs() -> None:
    text = "部门预算总额𠀀"
    assert units(text, UTF16) == 6 + 2
    assert units(text, UTF8) == 6 * 3 + 4
    assert units(text, UTF32) == 7


def test_a_position_inside_a_character_stays_before_it() -> None:
    # the middle of a surrogate pair or of a 3-byte character is not a character boundary
    assert code_points("𠀀x", 1, UTF16) == 0
    assert code_points("局x", 2, UTF8) == 0
    assert code_points("局x", 3, UTF8) == 1


def test_positions_past_the_end_are_clamped() -> None:
    index = LineIndex("a: 1\nb: 局\n", UTF16)
    assert index.to_lsp(2, 99) == LspPosition(1, 4)
    assert index.to_lsp(99, 1) == LspPosition(2, 0)
    assert index.from_lsp(LspPosition(1, 99)) == (2, 5)
    assert index.from_lsp(LspPosition(7, 0)) == (3, 1)


def test_lsp_line_breaks() -> None:
    assert split_lines("a\r\nb\rc\nd") == ["a", "b", "c", "d"]
    # a CRLF file: the "\r" is not part of the line, so the end of line 1 is after "局"
    assert LineIndex("局\r\nx", UTF16).to_lsp(1, 2) == LspPosition(0, 1)


def test_reversed_span_never_yields_an_end_before_the_start() -> None:
    start, end = LineIndex("abc", UTF16).range(Span(1, 3, 1, 2))
    assert end == start


_TEXT = st.text(alphabet=st.sampled_from("ab 局：\U00020000\U0001F600é\n"), max_size=40)


@given(_TEXT, st.data())
def test_round_trip_at_every_character_boundary(text: str, data: st.DataObject) -> None:
    lines = text.split("\n")
    line = data.draw(st.integers(1, len(lines)))
    column = data.draw(st.integers(1, len(lines[line - 1]) + 1))
    for encoding in (UTF8, UTF16, UTF32):
        index = LineIndex(text, encoding)
        position = index.to_lsp(line, column)
        assert position.character == units(lines[line - 1][: column - 1], encoding)
        assert index.from_lsp(position) == (line, column)
