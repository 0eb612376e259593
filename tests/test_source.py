"""The located loader (budgetlint/source.py): types, positions, forbidden YAML features, JSON parity."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from conftest import EXAMPLE, to_json_text

from budgetlint.engine import EngineConfig, lint_text
from budgetlint.rule import load_rules
from budgetlint.source import (
    JsonPath,
    LoadProblem,
    LoadResult,
    Located,
    Span,
    load_json,
    load_yaml,
    quoted_column,
    resolve_plain,
)


def loaded(text: str) -> Located:
    result = load_yaml(text)
    assert result.problems == () and result.document is not None, result.problems
    return result.document


def only_problem(result: LoadResult) -> LoadProblem:
    assert len(result.problems) == 1, result.problems
    return result.problems[0]


def source_at(text: str, span: Span) -> str:
    """The source text a single-line span covers."""
    assert span.line == span.end_line
    return text.split("\n")[span.line - 1][span.column - 1: span.end_column - 1]


def scalars(data: Any, path: JsonPath = ()) -> list[tuple[JsonPath, Any]]:
    if isinstance(data, dict):
        return [item for key, value in data.items() for item in scalars(value, (*path, key))]
    if isinstance(data, list):
        return [item for i, value in enumerate(data) for item in scalars(value, (*path, i))]
    return [(path, data)]


# --- types ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("plain", "expected"),
    [
        ("0201", "0201"),  # YAML 1.1: octal 129
        ("2060101", 2060101),
        ("1:20", "1:20"),  # YAML 1.1: sexagesimal 80
        ("no", "no"),  # YAML 1.1: False
        ("yes", "yes"),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("112.10", Decimal("112.10")),
        ("1e3", Decimal("1E+3")),
        ("-5.00", Decimal("-5.00")),
        ("-0", "-0"),  # negative zero is no amount: kept as text for the schema to report
        ("-0.00", "-0.00"),
        (".nan", ".nan"),
        ("-.inf", "-.inf"),
        ("9" * 41, "9" * 41),  # longer than any amount: text
        ("1e31", "1e31"),  # exponent beyond MAX_EXPONENT: text
        ("null", None),
        ("~", None),
        ("true", True),
        ("False", False),
        ("2023-01-01", "2023-01-01"),
    ],
)
def test_plain_scalars_follow_our_table(plain: str, expected: Any) -> None:
    value = resolve_plain(plain)
    assert value == expected and type(value) is type(expected)
    assert loaded(f"v: {plain}\n").data["v"] == expected


def test_amounts_are_decimals_from_the_source_text() -> None:
    document = loaded(EXAMPLE.read_text(encoding="utf-8"))
    values = [value for _, value in scalars(document.data)]
    assert not any(isinstance(value, float) for value in values)
    assert Decimal("181.60") in values
    total = document.data["表格"]["收支总表"]["收入"]["上年结转结余"]
    assert str(total) == "181.60" and total.as_tuple().exponent == -2  # the printed precision survives


def test_quoted_and_tagged_strings_stay_text() -> None:
    data = loaded('a: "0201"\nb: \'112.10\'\nc: !!str 293.68\nd: !!str\ne: !!str 0201\n').data
    assert data == {"a": "0201", "b": "112.10", "c": "293.68", "d": "", "e": "0201"}


# --- positions --------------------------------------------------------------------------------


def test_every_span_covers_its_value_in_the_example() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    document = loaded(text)
    checked = 0
    for path, value in scalars(document.data):
        info = document.smap.info(path)
        assert info is not None, path
        if info.value.line != info.value.end_line:
            continue  # text blocks: covered by the engine's text_span tests
        written = source_at(text, info.value)
        if info.style is None:
            assert resolve_plain(written) == value, (path, written)
        elif info.style in ('"', "'"):
            assert written[1:-1] == value, (path, written)
        if isinstance(path[-1], str):
            assert info.key is not None and source_at(text, info.key) == path[-1]
        checked += 1
    assert checked > 500


def test_positions_count_code_points_not_bytes() -> None:
    text = "部门: 科技局\n金额: {甲乙: 12.50}\n"
    smap = loaded(text).smap
    assert smap.info(("金额", "甲乙")) is not None
    assert smap.info(("金额", "甲乙")).value == Span(2, 10, 2, 15)  # type: ignore[union-attr]
    assert source_at(text, smap.info(("部门",)).value) == "科技局"  # type: ignore[union-attr]


def test_unusual_line_breaks_do_not_shift_lines() -> None:
    """NEL and LS are YAML 1.1 line breaks but not lines for editors, git or CI."""
    text = "a: 甲\u2028乙\nb: 1\x85\nc: 2\n"
    smap = loaded(text).smap
    assert [smap.info((key,)).value.line for key in "abc"] == [1, 2, 3]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("line", "style", "offset", "expected"),
    [
        ('a: "甲乙丙"', '"', 2, 7),  # no escapes: one character each
        ('a: "x\\ny"', '"', 2, 8),  # \n is two characters of source, one of value
        ('a: "\\u4e2d1"', '"', 1, 11),
        ('a: "\\ud842\\udfb7野1"', '"', 2, 18),  # a surrogate pair is one character
        ("a: 'it''s'", "'", 3, 9),  # '' is one quote
        ('a: "ab"', '"', 5, None),  # beyond the value
    ],
)
def test_quoted_column_walks_escapes(line: str, style: str, offset: int, expected: int | None) -> None:
    assert quoted_column(line, 4, style, offset) == expected


def test_anchor_falls_back_to_the_closest_existing_parent() -> None:
    smap = loaded("表格:\n  收支总表:\n    收入: {}\n").smap
    assert smap.anchor(("表格", "收支总表", "收入", "收入总计")) == Span(3, 5, 3, 7)
    assert smap.anchor(("没有",)) == Span(1, 1, 4, 1)


# --- forbidden features, with locations --------------------------------------------------------


def test_duplicate_key_names_both_places() -> None:
    problem = only_problem(load_yaml("部门: 甲\n年度: 2023\n部门: 乙\n"))
    assert problem.span == Span(3, 1, 3, 3)
    assert "重复的键“部门”" in problem.message
    assert problem.related == ((Span(1, 1, 1, 3), "“部门”第一次出现在这里"),)


def test_duplicate_key_in_json_names_both_places() -> None:
    problem = only_problem(load_json('{\n  "部门": "甲",\n  "部门": "乙"\n}\n'))
    assert problem.span.line == 3 and problem.related[0][0].line == 2


def test_anchor_and_aliases_are_one_problem_listing_the_uses() -> None:
    problem = only_problem(load_yaml("a: &x [1, 2]\nb: *x\nc: [*x, *x]\n"))
    assert problem.span == Span.point(1, 4)
    assert "&x" in problem.message and "3 处" in problem.message
    assert [span for span, _ in problem.related] == [Span.point(2, 4), Span.point(3, 5), Span.point(3, 9)]


def test_scalar_aliases_are_reported_too() -> None:
    assert "&n" in only_problem(load_yaml("a: &n 112.08\nb: *n\n")).message


def test_merge_key_is_reported() -> None:
    problem = only_problem(load_yaml("a: {x: 1}\nb:\n  <<: {x: 2}\n"))
    assert problem.span.line == 3 and "合并键" in problem.message


def test_billion_laughs_is_walked_once() -> None:
    """30 doubling levels would be 2**30 leaves; each shared node is walked once."""
    text = "a0: &a0 [lol, lol]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]\n" for i in range(1, 30))
    result = load_yaml(text)
    assert result.document is not None
    assert len(result.problems) == 30
    assert len(result.document.smap.nodes) < 200


def test_several_documents_are_reported_at_the_second() -> None:
    problem = only_problem(load_yaml("a: 1\n---\nb: 2\n"))
    assert problem.span.line == 2 and "多个 YAML 文档" in problem.message


@pytest.mark.parametrize(
    ("text", "where", "words", "context_line"),
    [
        ("a: [1, 2\nb: 3\n", Span.point(2, 2), "方括号列表中缺少逗号", 1),
        ("a:\n  b: 1\n c: 2\n", Span.point(3, 2), "此处应是一个键", 1),
        ('a: "abc\n', Span.point(2, 1), "文件意外结束", 1),
        ("a: b: c\n", Span.point(1, 5), "值里含有“: ”却没有加引号", None),
    ],
)
def test_syntax_errors_say_where_and_what_in_chinese(
    text: str, where: Span, words: str, context_line: int | None
) -> None:
    problem = only_problem(load_yaml(text))
    assert problem.span == where
    assert problem.message.startswith("YAML 语法错误：") and words in problem.message
    if context_line is not None:
        assert [span.line for span, _ in problem.related] == [context_line]


def test_control_character_is_located() -> None:
    problem = only_problem(load_yaml("a: 1\n部门: 新乡\x07市\n"))
    assert problem.span == Span.point(2, 7) and "U+0007" in problem.message


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("a: !!python/object/apply:os.system ['true']\n", "!!python/object/apply:os.system"),
        ("!!python/object/new:os.system ['true']\n", "!!python/object/new:os.system"),
        ("a: !!python/name:os.system\n", "!!python/name:os.system"),
        ("a: !!binary aGVsbG8=\n", "!!binary"),
        ("a: !!set {x, y}\n", "!!set"),
        ("a: !include other.yaml\n", "!include"),
        ("%TAG !! tag:evil.example,2024:\n---\na: !!str x\n", "tag:evil.example,2024:str"),
        ("a: !!int '12'\n", "!!int"),
    ],
)
def test_object_tags_are_rejected_and_nothing_is_constructed(text: str, tag: str) -> None:
    problem = only_problem(load_yaml(text))
    assert f"不允许的 YAML 标签 {tag}" in problem.message


def test_an_executing_tag_does_nothing(tmp_path: Any) -> None:
    marker = tmp_path / "PWNED"
    result = load_yaml(f"a: !!python/object/apply:os.system ['touch {marker}']\n")
    assert result.problems and not marker.exists()


def test_depth_limit_is_a_problem_at_the_node() -> None:
    problem = only_problem(load_yaml("a: " + "[" * 10 + "1" + "]" * 10 + "\n", max_depth=5))
    # the root mapping is level 0, the first "[" level 1: the sixth "[" (column 9) is too deep
    assert problem.span.line == 1 and problem.span.column == 9 and "嵌套层数超过上限 5" in problem.message


def test_a_huge_configured_depth_cannot_crash_the_walk() -> None:
    """libyaml stops at 1000 levels; the walk must not overflow the interpreter stack below that."""
    result = load_yaml("[" * 999 + "]" * 999, max_depth=100_000)
    assert result.problems and result.problems[0].span.line == 1


@pytest.mark.parametrize("text", ["", "\n\n", "# 只有注释\n", "---\n"])
def test_empty_documents(text: str) -> None:
    assert "文件是空的" in only_problem(load_yaml(text)).message


# --- JSON -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ('{"a": 1,}', Span.point(1, 9), "末尾多余的逗号"),
        ('{"a": [1, 2', Span.point(1, 12), "缺少逗号"),
        ('{"a": 1} {"b": 2}', Span.point(1, 10), "多余的内容"),
        ("{'a': 1}", Span.point(1, 2), "双引号"),
    ],
)
def test_json_syntax_errors(text: str, where: Span, words: str) -> None:
    problem = only_problem(load_json(text))
    assert problem.span == where and problem.message.startswith("JSON 语法错误：") and words in problem.message


def test_json_characters_outside_the_bmp_survive() -> None:
    """json.dumps writes 𠮷 as a surrogate pair escape, which libyaml alone would refuse."""
    text = json.dumps({"部门": "𠮷野家", "金额": 1.50})
    document = load_json(text).document
    assert document is not None and document.data == {"部门": "𠮷野家", "金额": Decimal("1.50")}
    assert source_at(text, document.smap.info(("金额",)).value) == "1.5"  # type: ignore[union-attr]


def test_json_lone_surrogate_is_reported() -> None:
    problem = only_problem(load_json('{"a": "x\\ud800y"}'))
    assert problem.span == Span.point(1, 9) and "代理项" in problem.message


def test_json_too_deep_is_located_without_recursion() -> None:
    problem = only_problem(load_json('{"a": ' + "[" * 100_000))
    assert problem.span == Span.point(1, 7 + 64) and "嵌套层数超过上限 64" in problem.message


def test_json_constants_and_huge_numbers_are_text() -> None:
    document = load_json('{"a": NaN, "b": -Infinity, "c": ' + "9" * 50 + ', "d": -0.0}').document
    assert document is not None
    assert document.data == {"a": "NaN", "b": "-Infinity", "c": "9" * 50, "d": "-0.0"}


def test_yaml_and_json_read_the_same_disclosure_the_same() -> None:
    """Same data, same findings (rule, message, data path) — only the positions differ."""
    text = EXAMPLE.read_text(encoding="utf-8")
    yaml_document = loaded(text)
    json_text = to_json_text(yaml_document.data)
    json_result = load_json(json_text)
    assert json_result.problems == () and json_result.document is not None
    assert json_result.document.data == yaml_document.data
    assert scalars(json_result.document.data) == scalars(yaml_document.data)  # same types, same order

    rules, config = load_rules(), EngineConfig()
    from_yaml = lint_text("d.yaml", text, rules, config)
    from_json = lint_text("d.json", json_text, rules, config)

    def key(finding: Any) -> tuple[Any, ...]:
        return finding.rule_id, finding.message, finding.json_path, finding.severity

    assert sorted(map(key, from_json.findings)) == sorted(map(key, from_yaml.findings))
    assert from_yaml.findings
    # and each JSON position covers the same characters as the YAML one (escapes decoded)
    json_lines, yaml_lines = json_text.split("\n"), text.split("\n")
    compared = 0
    for in_json, in_yaml in zip(sorted(from_json.findings, key=key), sorted(from_yaml.findings, key=key)):
        if in_json.span.line == in_json.span.end_line and in_yaml.span.line == in_yaml.span.end_line:
            written = json_lines[in_json.span.line - 1][in_json.span.column - 1: in_json.span.end_column - 1]
            # a whole string value is quoted in JSON; a range inside a string is not
            decoded = json.loads(written) if written.startswith('"') else json.loads(f'"{written}"')
            assert decoded == source_at(text, in_yaml.span), in_json
            compared += 1
    assert compared >= len(from_yaml.findings) // 2


def test_data_files_are_read_with_the_same_loader_and_errors_name_the_place() -> None:
    """Profiles, rules.d/*.yaml and vocabularies go through load_data: same traps refused, located errors."""
    import pytest

    from budgetlint.source import DataFileError, load_data

    assert load_data("编码: 0201\n合计: 1.50\n", "x.yaml") == {"编码": "0201", "合计": Decimal("1.50")}
    with pytest.raises(DataFileError, match=r"^profiles/p\.yaml:2:1: 重复的键“a”"):
        load_data("a: 1\na: 2\n", "profiles/p.yaml")
