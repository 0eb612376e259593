"""An Excel number as the text the cell shows, from its value and its number format — without float arithmetic.

xlsx stores a number as the text of a double (``<v>1931632.16</v>``); openpyxl hands it over as a Python
float. ``repr`` of that float is the shortest text that reads back as the same double, so
``Decimal(repr(value))`` is the number the file stores, digit for digit; from there every step is
Decimal. Excel itself shows at most 15 significant digits, so the stored number is first rounded to 15
significant digits (0.30000000000000004 → 0.3, as Excel shows it), then to the decimals of the format,
half away from zero (ROUND_HALF_UP on the magnitude: Excel's rounding for display).

Accepted formats (docs/import.md lists them for users): ``General``; digit patterns made of ``0``, ``#``,
``?``, ``,`` (thousands) and ``.`` with optional ``%``; up to four ``;`` sections (positive; negative;
zero; text) with literal text in quotes, ``\\x`` escapes, ``_x`` padding, ``*x`` fill and ``[Red]``-style
colour or ``[$¥-804]`` currency brackets. Anything else (dates, fractions, scientific notation, scaling
commas, conditions such as ``[>100]``) is :class:`UnsupportedFormat`: the reader then shows the number
plainly and says so — never a guess presented as the printed text.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import NamedTuple

_SIGNIFICANT = 15  # Excel keeps and shows at most 15 significant digits
_BRACKET = re.compile(r"\[([^\]]*)\]")
_DIGITS = set("0#?")


class UnsupportedFormat(ValueError):
    """A number format this reader does not interpret (its text is in the message)."""


class Shown(NamedTuple):
    """What a number cell shows, and the stored number when the format hides some of its digits."""

    text: str
    stored: Decimal  # the number the file stores (to 15 significant digits)
    hidden_digits: bool  # True when the format rounds away non-zero digits of ``stored``


def stored_decimal(value: int | float) -> Decimal:
    """The number an xlsx cell stores, as Decimal: ints exactly, floats through ``repr`` (never arithmetic)."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number cell")
    if isinstance(value, int):
        return Decimal(value)
    number = Decimal(repr(value))
    if not number.is_finite():
        raise UnsupportedFormat(f"非有限数值 {value!r}")
    if number.is_zero():
        return Decimal(0)
    with localcontext() as context:
        context.prec = _SIGNIFICANT
        context.rounding = ROUND_HALF_UP
        return +number  # unary plus rounds to the context's precision


def _plain(number: Decimal) -> str:
    """A Decimal without exponent and without trailing fractional zeros (Excel's General for numbers)."""
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _sections(fmt: str) -> list[str]:
    """The ``;``-separated sections of a format, ignoring ``;`` inside quotes or after a backslash."""
    sections, current, quoted, escaped = [], [], False, False
    for char in fmt:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            current.append(char)
            escaped = True
        elif char == '"':
            current.append(char)
            quoted = not quoted
        elif char == ";" and not quoted:
            sections.append("".join(current))
            current = []
        else:
            current.append(char)
    sections.append("".join(current))
    return sections


class _Pattern(NamedTuple):
    prefix: str
    integer: str  # the integer digit placeholders, with any thousands commas
    decimals: str  # the fractional placeholders (may be empty)
    has_point: bool
    suffix: str
    percent: bool


def _pattern(section: str, fmt: str) -> _Pattern:
    """Split a section into literal prefix, digit pattern and literal suffix."""
    def bracket(match: re.Match[str]) -> str:
        inner = match.group(1)
        if inner.startswith("$"):  # currency: [$¥-804] shows ¥
            return inner[1:].split("-", 1)[0]
        if re.fullmatch(r"[A-Za-z]+\d*", inner):  # a colour: [Red], [Color10]
            return ""
        raise UnsupportedFormat(f"不支持的数字格式“{fmt}”（条件或区域设置 [{inner}]）")

    text = _BRACKET.sub(bracket, section)
    literal: list[tuple[bool, str]] = []  # (is_literal, char)
    index = 0
    while index < len(text):
        char = text[index]
        if char == '"':
            end = text.find('"', index + 1)
            end = len(text) if end < 0 else end
            literal.extend((True, c) for c in text[index + 1:end])
            index = end + 1
            continue
        if char == "\\" and index + 1 < len(text):
            literal.append((True, text[index + 1]))
            index += 2
            continue
        if char == "_" and index + 1 < len(text):  # padding as wide as the next character: shows as nothing
            index += 2
            continue
        if char == "*" and index + 1 < len(text):  # fill to the column width: nothing to show in text
            index += 2
            continue
        literal.append((False, char))
        index += 1
    specials = [i for i, (lit, c) in enumerate(literal) if not lit and (c in _DIGITS or c in ",.")]
    if not specials:
        raise UnsupportedFormat(f"不支持的数字格式“{fmt}”（没有数字占位符）")
    first, last = specials[0], specials[-1]
    body = "".join(c for _, c in literal[first:last + 1])
    if any(lit for lit, _ in literal[first:last + 1]) or set(body) - (_DIGITS | {",", "."}):
        raise UnsupportedFormat(f"不支持的数字格式“{fmt}”")
    outside = [c for lit, c in literal[:first] + literal[last + 1:] if not lit]
    if set(outside) & set("EeyYmMdDhHsS/@"):
        raise UnsupportedFormat(f"不支持的数字格式“{fmt}”（日期、分数或科学计数法）")
    integer, point, decimals = body.partition(".")
    if integer.endswith(",") or "," in decimals:
        raise UnsupportedFormat(f"不支持的数字格式“{fmt}”（按千缩放）")
    prefix = "".join(c for _, c in literal[:first])
    suffix = "".join(c for _, c in literal[last + 1:])
    return _Pattern(prefix, integer, decimals, bool(point), suffix, "%" in prefix + suffix)


def _digits(number: Decimal, pattern: _Pattern) -> tuple[str, bool]:
    """The magnitude laid out by the digit pattern; True when non-zero digits were rounded away."""
    required = len(pattern.decimals.rstrip("#?"))
    places = len(pattern.decimals)
    quantum = Decimal(1).scaleb(-places)
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    hidden = rounded != number
    whole, _, fraction = format(rounded, "f").partition(".")
    fraction = fraction.ljust(places, "0")[:places]
    fraction = fraction[: max(len(fraction.rstrip("0")), required)]  # "#" places show only non-zero digits
    if whole == "0" and "0" not in pattern.integer:
        whole = ""  # "#.00" shows 0.5 as .50
    if "," in pattern.integer and whole:
        whole = f"{int(whole):,}"
    whole = whole.rjust(pattern.integer.replace(",", "").count("0"), "0")
    text = f"{whole}.{fraction}" if pattern.has_point else whole  # Excel shows "0.##" of 5 as "5."
    return text, hidden


def show_number(value: int | float, fmt: str | None) -> Shown:
    """The text a number cell shows with number format ``fmt``; UnsupportedFormat for formats listed above."""
    stored = stored_decimal(value)
    fmt = (fmt or "General").strip()
    if fmt.lower() in ("general", "@", ""):
        return Shown(_plain(stored), stored, False)
    sections = _sections(fmt)
    if len(sections) > 4:
        raise UnsupportedFormat(f"不支持的数字格式“{fmt}”")
    negative = stored < 0
    if stored.is_zero() and len(sections) >= 3:
        section, explicit_sign = sections[2], True
    elif negative and len(sections) >= 2:
        section, explicit_sign = sections[1], True
    else:
        section, explicit_sign = sections[0], False
    pattern = _pattern(section, fmt)
    magnitude = abs(stored) * (100 if pattern.percent else 1)
    if not any(c in _DIGITS for c in pattern.integer + pattern.decimals):
        # A zero section made only of literal text (accounting formats show zero as "-"): what is printed.
        return Shown(pattern.prefix + pattern.suffix, stored, False)
    digits, hidden = _digits(magnitude, pattern)
    sign = "-" if negative and not explicit_sign and Decimal(digits.replace(",", "") or "0") != 0 else ""
    return Shown(f"{pattern.prefix}{sign}{digits}{pattern.suffix}".strip(), stored, hidden)
