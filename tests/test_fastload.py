"""The fast path (rapidyaml → JSON → data) reads exactly what the full loader (libyaml) reads, or declines.

Whenever :func:`budgetlint.loader.fast.read` returns data (``load``: a document), the full loader (``load_yaml``) must
read the same text without any problem and to exactly the same data (types and printed digits).
Checked on every YAML file of the repository, on scalar spellings chosen to differ between YAML 1.1
and 1.2 or between the two parsers, on generated documents, and (tests/test_fuzz.py) on every
mutant of the example. Where the fast path declines, the engine's full path reports as before.
"""

from __future__ import annotations

import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetlint.loader import fast as fastload
from budgetlint.engine import EngineConfig, lint_bytes, lint_text
from budgetlint.rule import load_rules
from budgetlint.loader.yaml_reader import load_yaml

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not fastload.available(), reason="rapidyaml is not installed")


def assert_exact(text: str) -> bool:
    """If the fast path reads ``text``, the full loader reads the same; returns whether it did."""
    data = fastload.read(text)
    if data is fastload.DECLINED:
        assert fastload.load(text) is None
        return False
    full = load_yaml(text)
    assert full.document is not None and not full.problems, full.problems
    assert fastload.same_data(data, full.document.data)
    return True


REPOSITORY_YAML = sorted(
    path for pattern in ("examples/*.yaml", "tests/**/*.yaml", "budgetlint/**/*.yaml", "rules.d/*.yaml", "benchmarks/**/*.yaml")
    for path in ROOT.glob(pattern))


@pytest.mark.parametrize("path", REPOSITORY_YAML, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_repository_file_reads_the_same(path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8 (an encoding fixture)")
    assert_exact(text)


@pytest.mark.parametrize("name", ["examples/henan-2023-weibin-kjgxj.yaml", "tests/fixtures/clean-henan-2023.yaml",
                                  "tests/fixtures/clean-shanghai-2024.yaml", "tests/fixtures/clean-sichuan-2024.yaml"])
def test_disclosures_take_the_fast_path(name: str) -> None:
    assert assert_exact((ROOT / name).read_text(encoding="utf-8"))


# Each of these must not be read by the fast path: the two parsers (or YAML 1.1 and 1.2) differ on
# them, or the full loader must report them (BL001) with a location.
DECLINED = {
    "leading dot": "a: .5\n",
    "trailing dot": "a: 1.\n",
    "trailing dot in flow": "a: [1., 2]\n",
    "signed leading dot": "a: -.5\n",
    "plus sign": "a: +5\n",
    "tilde null": "a: ~\n",
    "Null": "a: Null\n",
    "TRUE": "a: TRUE\n",
    "False": "a: [False]\n",
    "tag": "a: !!str 5\n",
    "local tag": "a: !x 5\n",
    "anchor and alias": "a: &x 1\nb: *x\n",
    "merge key": "a: {x: 1}\nb:\n  <<: {x: 2}\n",
    "complex key": "? a\n: 1\n",
    "directive": "%YAML 1.1\n---\na: 1\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "duplicate key": "a: 1\na: 2\n",
    "duplicate key in flow": "a: {b: 1, b: 2}\n",
    "tab": "a:\t1\n",
    "carriage return": "a: 1\r\nb: 2\r\n",
    "escape": 'a: "\\u00e9"\n',
    "line separator": "a: x\u2028y\n",
    "top-level list": "- a\n- b\n",
    "top-level scalar": "just text\n",
    "empty": "",
    "comments only": "# nothing\n",
    "syntax error": "a: b: c\n",
    "unclosed flow": "a: [1, 2\n",
    "too deep": "a: " + "[" * 70 + "]" * 70 + "\n",
    "document start": "---\na: 1\n",
    "closing bracket as a value": "a: ]\n",
    "closing brace as a value": "- }\n",
    "reserved indicator": "a: @x\n",
}


@pytest.mark.parametrize("text", DECLINED.values(), ids=DECLINED.keys())
def test_declined(text: str) -> None:
    assert fastload.load(text) is None


# Read by the fast path, and exactly as the full loader reads them.
ACCEPTED = {
    "amounts keep their digits": "a: 1.50\nb: 235.72\nc: 0.00\n",
    "integers": "a: 2023\nb: -5\nc: 0\n",
    "exponent": "a: 1e5\nb: -1.5e-3\n",
    "negative zero stays text": "a: -0\nb: -0.00\n",
    "huge exponent stays text": "a: 1e999\n",
    "leading zeros stay text": "a: 0201\nb: 007\n",
    "YAML 1.1 spellings stay text": "a: yes\nb: no\nc: on\nd: 0x1F\ne: 1_000\nf: 12:30\ng: 2023-01-01\nh: .inf\n",
    "literals": "a: null\nb: true\nc: false\nd:\n",
    "quoted numbers are text": "a: '1.50'\nb: \"2023\"\nc: 'null'\n",
    "single quotes": "a: 'it''s'\n",
    "flow mappings": "rows:\n  - {项目: 一、一般公共服务, 金额: null}\n  - {项目: 六、科学技术, 金额: 235.72}\n",
    "block scalars": "a: |\n  第一行\n  第二行\nb: |-\n  x\nc: |+\n  y\n\nd: >\n  折叠\n  文字\n",
    "plain multi-line": "a: 第一\n  第二\n",
    "multi-line quotes": "a: \"x\n  y\"\nb: 'p\n\n  q'\n",
    "comments": "a: 1 # 注释\n# 整行\nb: x#y\n",
    "stars and ampersands in text": "a: 预算数*100%\nb: R&D 投入\nc: 2021~2023 年\nd: 1.年度目标\n",
    "NaN and infinity stay text": "a: .nan\nb: -.inf\n",
    "flow pairs and sets": "a: [x: y]\nb: {x}\nc: [x, ]\nd: {x: }\n",
    "keys of every kind": "1: a\n'2': b\nnull: c\n",
    "Chinese and astral characters": "名称: 𠮷野家\n",
}


@pytest.mark.parametrize("text", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_accepted_and_exact(text: str) -> None:
    assert assert_exact(text)


def test_a_refusal_prints_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    assert fastload.load("a: b: c\n") is None
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


@pytest.mark.parametrize("path", sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("tests/fixtures/*.yaml"),
                                        *ROOT.glob("tests/bad_inputs/*.yaml")]), ids=lambda p: p.name)
def test_findings_are_the_same_either_way(path: Path) -> None:
    rules = load_rules()
    data = path.read_bytes()
    with fastload.batch():
        fast = lint_bytes(str(path), data, rules, EngineConfig())
    full = lint_bytes(str(path), data, rules, EngineConfig(fast_load=False))
    assert fast.findings == full.findings
    assert (fast.suppressed, fast.skipped_rules, fast.unreadable) == (full.suppressed, full.skipped_rules, full.unreadable)


def test_a_divergence_is_checked_again_with_the_full_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    """If the full loader, run to locate a finding, reads other data, the fast result is discarded."""
    path = ROOT / "examples" / "henan-2023-weibin-kjgxj.yaml"
    text = path.read_text(encoding="utf-8")
    real_load = fastload.load

    def misreading(source: str, max_depth: int = 64) -> object:
        document = real_load(source, max_depth)
        assert document is not None
        document.data["部门"] = "读错了的部门"  # as if rapidyaml had read this value differently
        return document

    monkeypatch.setattr(fastload, "load", misreading)
    rules = load_rules()
    with fastload.batch():
        result = lint_text(str(path), text, rules)
    expected = lint_text(str(path), text, rules, EngineConfig(fast_load=False))
    assert result.findings == expected.findings and result.findings
    assert result.disclosure is not None and result.disclosure.department == "新乡市卫滨区科技和工业信息化局"


# Generated documents: mappings and lists of scalars written plain, quoted or as blocks, with text
# drawn from the characters that matter to YAML.
ALPHABET = st.sampled_from(list("abc019.-+eE _:#,[]{}'\"!&*~%@`|>?\\\n") + ["预算", "万元", "．", "：", "、", "\n  "])
WORDS = st.lists(ALPHABET, min_size=0, max_size=8).map("".join)


def _scalar(word: str, style: str) -> str:
    if style == "single":
        return "'" + word.replace("'", "''") + "'"
    if style == "double":
        return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return word


SCALARS = st.builds(_scalar, WORDS, st.sampled_from(["plain", "plain", "single", "double"]))
KEYS = st.text(alphabet="abcxyz预算", min_size=1, max_size=3)


def _document(entries: list[tuple[str, str | list[str]]], flow: bool) -> str:
    lines = []
    for key, value in entries:
        if isinstance(value, list):
            if flow:
                lines.append(f"{key}: [{', '.join(value)}]")
            else:
                lines.append(f"{key}:")
                lines.extend(f"  - {item}" for item in value)
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n"


GENERATED = settings(max_examples=int(os.environ.get("BUDGETLINT_FUZZ_EXAMPLES", "300")),
                     derandomize=not os.environ.get("BUDGETLINT_FUZZ_RANDOM"), database=None, deadline=timedelta(seconds=5),
                     suppress_health_check=[HealthCheck.too_slow])


@GENERATED
@given(st.lists(st.tuples(KEYS, SCALARS | st.lists(SCALARS, max_size=4)), min_size=1, max_size=6), st.booleans())
def test_generated_documents_read_the_same(entries: list[tuple[str, str | list[str]]], flow: bool) -> None:
    assert_exact(_document(entries, flow))


@pytest.mark.parametrize("expected", [
    {"a": Decimal("1.5"), "b": ["x"]},         # the printed digits differ (1.50)
    {"a": Decimal("1.50"), "b": ["y"]},        # a scalar differs
    {"a": Decimal("1.50"), "b": ["x", "z"]},   # an extra item
    {"a": Decimal("1.50")},                    # a missing key
    {"a": 1, "b": ["x"]},                      # a type differs
])
def test_the_index_pass_notices_any_difference(expected: dict[str, object]) -> None:
    text = "a: 1.50\nb:\n  - x\n"
    smap = fastload.FastSourceMap(text, expected)
    assert smap.info(("a",)) is not None
    assert smap.diverged


def test_the_index_pass_agrees_with_the_same_data() -> None:
    text = "a: 1.50\nb:\n  - x\n"
    smap = fastload.FastSourceMap(text, {"a": Decimal("1.50"), "b": ["x"]})
    assert smap.info(("b", 0)) is not None and not smap.diverged


# Block scalars, folding and flow layouts where two YAML parsers are most likely to differ: read
# the same, or declined (never read differently).
LAYOUTS = [
    "a: |+\n  x\n\n\n", "a: |-\n  x\n\n", "a: |2\n    x\n   y\n", "a: >\n  x\n\n  y\n    z\n  w\n", "a: >-\n  x\n  y\n",
    "a: |\n\n  x\n", "a: |\n  x\n  \n  y\n", "a: >\n  x\n \n  y\n", "a: |\n  x   \n", "a: x  \n", "a: 'x\n\n  y'\n",
    'a: "x\n\n  y"\n', "a:\n  b\n  c\n", "a: |\n    x\n  y\n", "- |\n  x\n- y\n", "a: [x,\n  y]\n", "a: {x: 1,\n  y: 2}\n",
    "a: |\n  # not a comment\n", "a: x # c\n  y\n", "a:\n  - b\n  -\n  - c\n", "a: |\n", "a: >\n", "a: - \n",
    "a:   \n  b\n", "a: b:c\n", "a: -1\nb: - x\n",
]


@pytest.mark.parametrize("text", LAYOUTS)
def test_layouts_read_the_same_or_are_declined(text: str) -> None:
    assert_exact(text)
