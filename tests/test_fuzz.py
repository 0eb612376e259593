"""Property-based robustness: mutated versions of the real example never crash or hang the engine.

Mutations: byte flips, truncations, junk bytes spliced in, lines deleted or duplicated, and
values (found through the loader's own source map) swapped, deleted or replaced by hostile text.
For every mutant, the fast path (budgetlint.loader.fast) either declines or reads exactly what the full
loader reads, and lint_bytes returns a result — no exception escapes — with no internal-error
finding (a rule that crashes on schema-valid data is a bug), and every finding points inside the file.

Runs are reproducible (derandomized, no example database written into the working tree); set
BUDGETLINT_FUZZ_EXAMPLES=2000 BUDGETLINT_FUZZ_RANDOM=1 to search harder locally.
"""

from __future__ import annotations

import os
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetlint.loader import fast as fastload
from budgetlint.engine import FileResult, lint_bytes
from budgetlint.rule import Rule, load_rules
from budgetlint.source import Span, load_yaml

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "henan-2023-weibin-kjgxj.yaml"
ORIGINAL = EXAMPLE.read_bytes()
TEXT = ORIGINAL.decode("utf-8")
LINES = TEXT.split("\n")

FUZZ = settings(
    max_examples=int(os.environ.get("BUDGETLINT_FUZZ_EXAMPLES", "60")),
    derandomize=not os.environ.get("BUDGETLINT_FUZZ_RANDOM"),
    database=None,
    # generous: one lint of the example takes ~30 ms; this only catches a hang or a blow-up
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
HOSTILE = [
    "", "null", "~", "-0", "-0.00", ".nan", "-.inf", "1e999999", "9" * 60, "1,234.56", "３６.４６", "36.46%",
    "'0201'", "[]", "{}", "[1, {a: b}]", "&x 1", "*x", "!!python/object/apply:os.system ['true']", "!!binary AA==",
    "<<: {a: 1}", "|", ">-", "'unterminated", '"\\ud800"', "[" * 300, "{a: " * 50, "\t", "\x00", "\x1b", "\u2028",
    "? complex", "- item", "# comment", "---", "...", "%YAML 1.1", "true", "2023-01-01", "是", "\ufeff",
]


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    return load_rules()


@lru_cache(maxsize=1)
def value_spans() -> tuple[Span, ...]:
    """Single-line scalar values of the example, from our own loader's source map."""
    document = load_yaml(TEXT).document
    assert document is not None
    return tuple(sorted(info.value for info in document.smap.nodes.values()
                        if not info.container and info.value.line == info.value.end_line))


def offset(span: Span, end: bool = False) -> int:
    """Character offset of a span's start (or end) in TEXT."""
    line, column = (span.end_line, span.end_column) if end else (span.line, span.column)
    return sum(len(text) + 1 for text in LINES[: line - 1]) + column - 1


def replace_values(replacements: dict[Span, str]) -> bytes:
    text = TEXT
    for span in sorted(replacements, reverse=True):  # from the end, so earlier offsets stay valid
        text = text[: offset(span)] + replacements[span] + text[offset(span, end=True):]
    return text.encode("utf-8")


def source(span: Span) -> str:
    return TEXT[offset(span): offset(span, end=True)]


def check(data: bytes, file: str = "mutant.yaml") -> FileResult:
    if file.endswith(".yaml"):
        fast_path_is_exact(data)
    result = lint_bytes(file, data, rules())
    internal = [f.message for f in result.findings if f.rule_id == "BL009"]
    assert not internal, internal
    line_count = data.count(b"\n") + 1
    for finding in result.findings:
        assert 1 <= finding.span.line <= line_count + 1 and finding.span.column >= 1, finding
    return result


def fast_path_is_exact(data: bytes) -> None:
    """Where the fast path reads a mutant, the full loader reads it too, to exactly the same data."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    fast = fastload.load(text)
    if fast is not None:
        full = load_yaml(text)
        assert full.document is not None and not full.problems, full.problems
        assert fastload.same_data(fast.data, full.document.data)


def test_the_unmutated_example_is_read() -> None:
    result = check(ORIGINAL)
    assert not result.unreadable and not result.skipped_rules and result.findings


positions = st.integers(min_value=0, max_value=len(ORIGINAL) - 1)


@FUZZ
@given(st.lists(st.tuples(positions, st.integers(min_value=1, max_value=255)), min_size=1, max_size=8))
def test_byte_flips(flips: list[tuple[int, int]]) -> None:
    data = bytearray(ORIGINAL)
    for position, mask in flips:
        data[position] ^= mask
    check(bytes(data))


@FUZZ
@given(positions)
def test_truncations(cut: int) -> None:
    check(ORIGINAL[:cut])
    check(ORIGINAL[:cut], "mutant.json")  # the same bytes read as JSON must not crash either


@FUZZ
@given(positions, st.binary(min_size=1, max_size=64))
def test_junk_spliced_in(position: int, junk: bytes) -> None:
    check(ORIGINAL[:position] + junk + ORIGINAL[position:])


@FUZZ
@given(st.lists(st.integers(min_value=0, max_value=len(LINES) - 1), min_size=1, max_size=6, unique=True), st.booleans())
def test_lines_deleted_or_duplicated(picked: list[int], duplicate: bool) -> None:
    lines = list(LINES)
    for index in sorted(picked, reverse=True):
        if duplicate:
            lines.insert(index, lines[index])
        else:
            del lines[index]
    check("\n".join(lines).encode("utf-8"))


spans = st.sampled_from(value_spans())


@FUZZ
@given(st.lists(st.tuples(spans, spans), min_size=1, max_size=5))
def test_values_swapped(pairs: list[tuple[Span, Span]]) -> None:
    replacements: dict[Span, str] = {}
    for first, second in pairs:
        if first != second and first not in replacements and second not in replacements:
            replacements[first], replacements[second] = source(second), source(first)
    check(replace_values(replacements))


@FUZZ
@given(st.lists(spans, min_size=1, max_size=10, unique=True))
def test_values_deleted(deleted: list[Span]) -> None:
    check(replace_values({span: "" for span in deleted}))


@FUZZ
@given(st.dictionaries(spans, st.sampled_from(HOSTILE) | st.text(max_size=20), min_size=1, max_size=6))
def test_values_replaced_by_hostile_text(replacements: dict[Span, str]) -> None:
    check(replace_values(replacements))
