"""Typing a plain scalar by budgetlint's table, not YAML 1.1's: integers, Decimals from the text, true/false/null.

Both readers and the fast path type numbers here, so an amount is the same ``Decimal`` whichever read it.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any, Union

Scalar = Union[str, int, Decimal, bool, None]

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_DECIMAL = re.compile(
    r"[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]+(?:[eE][-+]?[0-9]+)?|(?:0|[1-9][0-9]*)[eE][-+]?[0-9]+)\Z"
)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_NUMBER_FIRST = frozenset("+-0123456789")
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})
# A number longer than this, or with a larger exponent, is kept as text: the schema then reports
# it, instead of Decimal arithmetic on a 10**999999 "amount" slowing every rule down.
MAX_NUMBER_CHARS = 40
MAX_EXPONENT = 30


def resolve_plain(text: str) -> Scalar:
    """Type a plain (unquoted) scalar by our table, not YAML 1.1's."""
    if text in _NULLS:
        return None
    if text in _TRUES:
        return True
    if text in _FALSES:
        return False
    # Every number starts with a digit or a sign: most scalars (names, text) skip both patterns.
    if len(text) <= MAX_NUMBER_CHARS and text[:1] in _NUMBER_FIRST:
        if _INT.match(text):
            return text if negative_zero(text) else int(text)
        if _DECIMAL.match(text):
            try:
                number = Decimal(text)
            except InvalidOperation:  # pragma: no cover - the regex admits only valid literals
                return text
            exponent = number.as_tuple().exponent
            if negative_zero(text) or not isinstance(exponent, int):
                return text
            if abs(exponent) <= MAX_EXPONENT and number.adjusted() <= MAX_EXPONENT:
                return number
    return text


def negative_zero(text: str) -> bool:
    """``-0``/``-0.00``: no amount is printed like that; kept as text so the schema reports it."""
    if not text.startswith("-") or not (_INT.match(text) or _DECIMAL.match(text)):
        return False
    return not any(ch in "123456789" for ch in text.lower().split("e")[0])


def same_scalar(left: Any, right: Any) -> bool:
    """Same type and value; Decimals with the same printed digits (``1.50`` is not ``1.5``)."""
    if left.__class__ is not right.__class__:
        return False
    # Equal values with the same exponent and sign are the same printed digits (1.50 is not 1.5).
    return bool(left == right and (left.__class__ is not Decimal or left.same_quantum(right) and left.is_signed() == right.is_signed()))
