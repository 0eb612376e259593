"""The number tokenizer: units, full-width digits, separators, numbers broken across lines, exact spans."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetlint.rules.narrative.numbers import (
    _BREAK_SPACE,
    _FULL_WIDTH,
    View,
    make_view,
    normalise_digits,
    tokenize,
)


def numbers(text: str) -> list[tuple[str, str, bool, bool]]:
    return [(n.text, n.unit, n.rejoined, n.ambiguous) for n in tokenize(text)[1]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("收入总计 293.68 万元", [("293.68", "万元", False, False)]),
        ("增长 204\n.58%。", [("204.58", "%", True, False)]),
        ("占 22.3\n    1%；", [("22.31", "%", True, False)]),
        ("单位价值 10\n0 万元以上专用设备 0套", [("100", "万元", True, False), ("0", "套", False, False)]),
        ("采购 １７０００．５０ 元", [("17000.50", "元", False, False)]),
        ("合计 1,234,567.89 元", [("1234567.89", "元", False, False)]),
        ("占 ３６.４６％", [("36.46", "%", False, False)]),
        ("预算 1.5 亿元", [("1.5", "亿元", False, False)]),
        ("车辆 1辆、其他用车 0辆", [("1", "辆", False, False), ("0", "辆", False, False)]),
        ("增长 -3.5%", [("-3.5", "%", False, False)]),
        # two numbers glued by a break: cut at the break, both marked ambiguous (D15)
        ("为 1.30\n2.50 万元", [("1.30", "", False, True), ("2.50", "万元", False, True)]),
        # a join that yields three decimals is kept but ambiguous
        ("为 112.08\n5 万元", [("112.085", "万元", True, True)]),
        ("2023 年 12 月 31 日", [("2023", "年", False, False), ("12", "月", False, False), ("31", "日", False, False)]),
    ],
)
def test_shapes(text: str, expected: list[tuple[str, str, bool, bool]]) -> None:
    assert numbers(text) == expected


def test_units_normalise_to_wan_exactly() -> None:
    yuan, yi, wan = tokenize("12,345 元，1.5 亿元，0.50 万元")[1]
    assert yuan.wan == (Decimal("1.2345"), 4)
    assert yi.wan == (Decimal("15000.0"), -3)
    assert wan.wan == (Decimal("0.50"), 2)


def test_threshold_is_not_an_amount() -> None:
    threshold, count = tokenize("单价 50 万元以上通用设备 0套")[1]
    assert threshold.qualifier == "以上" and not threshold.is_amount
    assert count.unit == "套"


def test_spans_cover_digits_only_even_across_breaks() -> None:
    text = "支出增加 197.26 万元，增长 204\n.58%。"
    first, second = tokenize(text)[1]
    assert text[first.start:first.end] == "197.26"
    assert text[second.start:second.end] == "204\n.58"
    assert text[second.end:second.unit_end] == "%"


_FILLER = st.sampled_from(["收入总计", "，其中：", "占", "万元", "、", "。", "我部门", "增长", "（一）", "年度", "车辆"])


@st.composite
def printed_number(draw: st.DrawFn) -> tuple[str, Decimal]:
    whole = draw(st.integers(min_value=0, max_value=9_999_999))
    decimals = draw(st.integers(min_value=0, max_value=2))
    fraction = draw(st.integers(min_value=0, max_value=10**decimals - 1)) if decimals else 0
    digits = f"{whole:,}" if draw(st.booleans()) else str(whole)
    text = digits + (f".{fraction:0{decimals}d}" if decimals else "")
    if draw(st.booleans()):
        text = text.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
    return text, Decimal(f"{whole}" + (f".{fraction:0{decimals}d}" if decimals else ""))


@st.composite
def narrative_text(draw: st.DrawFn) -> tuple[str, list[Decimal]]:
    parts: list[str] = []
    values: list[Decimal] = []
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        parts.append(draw(_FILLER))
        text, value = draw(printed_number())
        parts.append(text)
        values.append(value)
    parts.append(draw(_FILLER))
    text = "".join(parts)
    # the PDF breaks lines anywhere: insert breaks (with indentation) at arbitrary places
    for cut in sorted(draw(st.lists(st.integers(min_value=1, max_value=max(1, len(text) - 1)), max_size=4)), reverse=True):
        text = text[:cut] + "\n" + " " * draw(st.integers(min_value=0, max_value=4)) + text[cut:]
    return text, values


@settings(max_examples=300, deadline=None)
@given(narrative_text())
def test_every_span_holds_exactly_the_number_it_claims(case: tuple[str, list[Decimal]]) -> None:
    text, values = case
    found = tokenize(text)[1]
    for number in found:
        assert normalise_digits(text[number.start:number.end]) == number.text
        assert Decimal(number.text) == number.value
    # numbers separated by words are all found, with their value, however the lines were broken
    assert [n.value for n in found] == values


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.,，。万元%\n 占增长１２．")), max_size=60))
def test_arbitrary_text_never_breaks_the_span_property(text: str) -> None:
    for number in tokenize(text)[1]:
        assert normalise_digits(text[number.start:number.end]) == number.text


@settings(max_examples=500, derandomize=True, database=None)
@given(st.text(alphabet=st.sampled_from(list("\n \t\u3000a中5１．％－")), max_size=40))
def test_the_view_is_the_same_as_the_character_by_character_one(text: str) -> None:
    """make_view works on runs of breaks; the plain per-character version is its specification."""
    view = make_view(text)
    assert view == _make_view_by_character(text)
    # the segments map every view index to the original offset the per-character version records
    chars, pos, breaks = _view_by_character(text)
    assert (view.text, view.breaks) == (chars, breaks)
    assert [view.offset(i) for i in range(len(pos) + 2)] == pos + [pos[-1] + 1 if pos else 0] * 2
    assert [view.end_offset(i) for i in range(len(pos) + 1)] == [0] + [p + 1 for p in pos]


# The per-character specification of make_view (what it computed before it worked on runs of breaks).


def _make_view_by_character(text: str) -> View:
    """The reference implementation of :func:`make_view` (tests compare the two)."""
    chars, pos, breaks = _view_by_character(text)
    # a segment starts wherever the original offsets stop being consecutive
    segments = [i for i in range(len(pos)) if i == 0 or pos[i] != pos[i - 1] + 1]
    return View(chars, tuple(segments), tuple(pos[i] for i in segments), breaks)


def _view_by_character(text: str) -> tuple[str, list[int], frozenset[int]]:
    """The view's text, the original offset of each of its characters, and its breaks, one by one."""
    dropped = bytearray(len(text))
    for i, ch in enumerate(text):
        if ch != "\n":
            continue
        dropped[i] = 1
        j = i - 1
        while j >= 0 and text[j] in _BREAK_SPACE:
            dropped[j] = 1
            j -= 1
        j = i + 1
        while j < len(text) and text[j] in _BREAK_SPACE:
            dropped[j] = 1
            j += 1
    chars: list[str] = []
    pos: list[int] = []
    breaks: set[int] = set()
    pending_break = False
    for i, ch in enumerate(text):
        if dropped[i]:
            pending_break = pending_break or ch == "\n"
            continue
        if pending_break and chars:
            breaks.add(len(chars))
        pending_break = False
        chars.append(ch)
        pos.append(i)
    return "".join(chars).translate(_FULL_WIDTH), pos, frozenset(breaks)
