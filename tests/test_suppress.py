"""Inline suppressions (YAML comments with a reason), BL003/BL004, per-file-ignores, suppressed counts."""

from __future__ import annotations

import pytest

from budgetlint.engine import EngineConfig, FileResult, lint_text
from budgetlint.rule import load_rules
from budgetlint.source import load_yaml
from budgetlint.suppress import find_comments
from conftest import EXAMPLE

TEXT = EXAMPLE.read_text(encoding="utf-8")
TOTAL = "部门预算总额: 291.38"  # BL211 fires on this figure in the example
STRUCTURE = "资金结构: {基本支出: 105.78, 项目支出: 185.60}"  # BL212 and BL213 fire on this line


def edit(text: str, needle: str, *, trailing: str = "", above: str = "") -> str:
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if needle in line)
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    if trailing:
        lines[index] += "  " + trailing
    if above:
        lines.insert(index, indent + above)
    return "\n".join(lines)


def run(text: str, only: set[str] | None = None, file_ignores: tuple[str, ...] = (), file: str = "a.yaml") -> FileResult:
    config = EngineConfig(enabled=frozenset(only) if only is not None else None, file_ignores=file_ignores)
    return lint_text(file, text, load_rules(), config)


def ids(result: FileResult) -> list[str]:
    return [f.rule_id for f in result.findings]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), start=1) if needle in line)


ENABLED = {"BL211", "BL212", "BL213", "BL003", "BL004"}


def test_baseline_of_these_tests() -> None:
    assert sorted(ids(run(TEXT, ENABLED))) == ["BL211", "BL212", "BL213"]


def test_disable_line_with_reason_suppresses_and_counts() -> None:
    result = run(edit(TEXT, TOTAL, trailing="# budgetlint: disable-line=BL211 -- 原文如此，已向财政局核实"), ENABLED)
    assert sorted(ids(result)) == ["BL212", "BL213"]
    assert result.suppressed == 1


def test_disable_next_line_with_two_ids() -> None:
    result = run(edit(TEXT, STRUCTURE, above="# budgetlint: disable-next-line=BL212,BL213 -- 原文如此"), ENABLED)
    assert ids(result) == ["BL211"] and result.suppressed == 2


def test_disable_next_line_skips_further_comment_lines() -> None:
    text = edit(TEXT, STRUCTURE, above="# budgetlint: disable-next-line=BL212 -- 原文如此")
    text = edit(text, STRUCTURE, above="# budgetlint: disable-next-line=BL213 -- 原文如此")
    assert ids(run(text, ENABLED)) == ["BL211"]


def test_disable_file_with_prefix() -> None:
    result = run("# budgetlint: disable-file=BL21 -- 历史文件\n" + TEXT, ENABLED)
    assert ids(result) == [] and result.suppressed == 3


def test_missing_reason_is_bl004_and_suppresses_nothing() -> None:
    text = edit(TEXT, TOTAL, trailing="# budgetlint: disable-line=BL211")
    result = run(text, ENABLED)
    assert sorted(ids(result)) == ["BL004", "BL211", "BL212", "BL213"]
    bad = next(f for f in result.findings if f.rule_id == "BL004")
    assert "缺少理由" in bad.message and bad.span.line == line_of(text, TOTAL)
    assert result.suppressed == 0


@pytest.mark.parametrize("comment, words", [
    ("# budgetlint: disable=BL211 -- 理由", "无法识别的抑制注释"),
    ("# budgetlint: disable-line=XX999 -- 理由", "不是已有的规则编号或前缀"),
    ("# budgetlint: disable-next-line=BL211 -- 理由", "应单独成行"),
])
def test_malformed_directives_are_bl004(comment: str, words: str) -> None:
    result = run(edit(TEXT, TOTAL, trailing=comment), ENABLED)
    assert "BL211" in ids(result)
    assert words in next(f.message for f in result.findings if f.rule_id == "BL004")


def test_disable_line_on_its_own_line_is_bl004() -> None:
    result = run(edit(TEXT, TOTAL, above="# budgetlint: disable-line=BL211 -- 理由"), ENABLED)
    assert "BL211" in ids(result)
    assert "disable-next-line" in next(f.message for f in result.findings if f.rule_id == "BL004")


def test_unused_suppression_is_bl003_info() -> None:
    text = edit(TEXT, "部门: ", trailing="# budgetlint: disable-line=BL211 -- 以为有问题")
    result = run(text, ENABLED)
    unused = next(f for f in result.findings if f.rule_id == "BL003")
    assert unused.severity.label == "info" and unused.span.line == line_of(text, "以为有问题")
    assert f"第 {unused.span.line} 行没有 BL211 的发现" in unused.message


def test_unused_is_not_reported_for_rules_that_are_not_enabled() -> None:
    text = edit(TEXT, "部门: ", trailing="# budgetlint: disable-line=BL211 -- 以为有问题")
    assert "BL003" not in ids(run(text, {"BL212", "BL003"}))


def test_partly_used_directive_reports_the_unused_id() -> None:
    result = run(edit(TEXT, TOTAL, trailing="# budgetlint: disable-line=BL211,BL101 -- 理由"), ENABLED | {"BL101"})
    unused = [f for f in result.findings if f.rule_id == "BL003"]
    assert len(unused) == 1 and "BL101" in unused[0].message and "BL211" not in ids(result)


def test_hash_inside_strings_and_blocks_is_not_a_comment() -> None:
    text = ('a: "x # budgetlint: disable-line=BL211"\n'
            "b: 'y # z'\n"
            "c: |  # 块注释\n"
            "  # budgetlint: disable-file=BL2 -- 这是文本\n"
            "d: e#f  # 真注释\n"
            "g:\n  - \"多行 #\n    字符串 # 不是注释\"\n")
    loaded = load_yaml(text)
    assert loaded.document is not None
    comments = find_comments(text.split("\n"), loaded.document.smap)
    assert [(c.line, c.text.strip()) for c in comments] == [(3, "块注释"), (5, "真注释")]


def test_per_file_ignores_count_as_suppressed() -> None:
    result = run(TEXT, ENABLED, file_ignores=("BL21",))
    assert ids(result) == [] and result.suppressed == 3


def test_json_is_suppressed_only_through_per_file_ignores() -> None:
    # a JSON file has no comments; a "#" inside a string must not be read as a directive
    from conftest import to_json_text

    data = load_yaml(TEXT).document.data  # type: ignore[union-attr]
    data["部门"] = data["部门"] + " # budgetlint: disable-file=BL2 -- 不是注释"
    text = to_json_text(data)
    assert sorted(ids(run(text, ENABLED, file="a.json"))) == ["BL211", "BL212", "BL213"]
    assert ids(run(text, ENABLED, file_ignores=("overall-performance-total", "BL212", "BL213"), file="a.json")) == []


def test_the_editor_placeholder_is_not_a_reason() -> None:
    """The language server's quick fix inserts “<理由>”; left unfilled it must not silence anything."""
    from budgetlint.engine import lint_text
    from budgetlint.rule import load_rules
    from conftest import EXAMPLE

    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "部门预算总额: 291.38", "部门预算总额: 291.38  # budgetlint: disable-line=BL211 -- <理由>")
    ids = [f.rule_id for f in lint_text("e.yaml", text, load_rules()).findings]
    assert "BL211" in ids and "BL004" in ids
    filled = text.replace("-- <理由>", "-- 原文如此，照录公开版本")
    ids = [f.rule_id for f in lint_text("e.yaml", filled, load_rules()).findings]
    assert "BL211" not in ids and "BL004" not in ids
