"""The suppression code action's edit, checked against the real suppression module."""

from __future__ import annotations

import dataclasses

import pytest

from budgetlint import suppress
from budgetlint.finding import Finding, Severity
from budgetlint.lsp.quickfix import REASON_PLACEHOLDER, Insertion, suppression
from budgetlint.rule import BUILTIN_META
from budgetlint.source import Span, load_yaml

TEXT = """\
格式版本: 1
说明: |
  收入 293.68 万元
金额: 291.38
备注: 291.38  # 原文如此
引文: "第一行
  第二行 291.38
  第三行"
"""
NAMES = {**{k: m.name for k, m in BUILTIN_META.items()}, "BL211": "overall-performance-total", "BL212": "other"}
POLICY = suppress.Policy(None, {}, (), NAMES)


def finding(line: int, column: int = 5, rule_id: str = "BL211", file: str = "t.yaml") -> Finding:
    return Finding(file, Span(line, column, line, column + 6), rule_id, Severity.ERROR, "不一致")


def filled(text: str, insertion: Insertion) -> str:
    return insertion.apply(text).replace(REASON_PLACEHOLDER, "原文如此，已核实")


def outcome_after(text: str, target: Finding) -> suppress.Outcome:
    """Apply the action, write a reason, and run the suppression module on the finding (moved if a line was added)."""
    insertion = suppression(text, target)
    assert insertion is not None
    new_text = filled(text, insertion)
    added = insertion.text.count("\n")
    moved = dataclasses.replace(target, span=Span(target.span.line + added, target.span.column,
                                                  target.span.end_line + added, target.span.end_column))
    loaded = load_yaml(new_text)
    assert loaded.document is not None and not loaded.problems
    assert loaded.document.data == load_yaml(text).document.data  # type: ignore[union-attr]
    return suppress.apply("t.yaml", [moved], new_text.split("\n"), loaded.document.smap, POLICY)


def test_plain_line_gets_a_trailing_disable_line() -> None:
    insertion = suppression(TEXT, finding(4))
    assert insertion == Insertion("在本行行尾添加抑制注释：忽略 BL211（请填写理由）", 4, 11,
                                  "  # budgetlint: disable-line=BL211 -- <理由>")
    outcome = outcome_after(TEXT, finding(4))
    assert outcome.findings == () and outcome.suppressed == 1


def test_line_with_a_comment_gets_a_disable_next_line_above() -> None:
    insertion = suppression(TEXT, finding(5))
    assert insertion is not None
    assert (insertion.line, insertion.column) == (5, 1)
    assert insertion.text == "# budgetlint: disable-next-line=BL211 -- <理由>\n"
    outcome = outcome_after(TEXT, finding(5))
    assert outcome.findings == () and outcome.suppressed == 1


@pytest.mark.parametrize("line", [3, 7], ids=["literal block", "multi-line quoted string"])
def test_inside_a_scalar_only_a_file_level_comment_keeps_the_text(line: int) -> None:
    insertion = suppression(TEXT, finding(line))
    assert insertion is not None
    assert (insertion.line, insertion.column) == (1, 1)
    assert insertion.text.startswith("# budgetlint: disable-file=BL211 -- <理由>")
    assert "文件级" in insertion.title and "文本块" in insertion.title
    outcome = outcome_after(TEXT, finding(line))
    assert outcome.findings == () and outcome.suppressed == 1


def test_the_closing_line_of_a_quoted_string_takes_a_trailing_comment() -> None:
    insertion = suppression(TEXT, finding(8))
    assert insertion is not None
    assert (insertion.line, insertion.text) == (8, "  # budgetlint: disable-line=BL211 -- <理由>")


def test_an_existing_directive_is_extended_not_duplicated() -> None:
    text = TEXT.replace("金额: 291.38\n", "金额: 291.38  # budgetlint: disable-line=BL212 -- 另有原因\n")
    insertion = suppression(text, finding(4))
    assert insertion is not None and insertion.text == ",BL211"
    assert "金额: 291.38  # budgetlint: disable-line=BL212,BL211 -- 另有原因\n" in insertion.apply(text)
    twice = [finding(4, rule_id="BL211"), finding(4, rule_id="BL212")]
    loaded = load_yaml(insertion.apply(text))
    assert loaded.document is not None
    result = suppress.apply("t.yaml", twice, insertion.apply(text).split("\n"), loaded.document.smap, POLICY)
    assert result.findings == () and result.suppressed == 2


def test_crlf_files_keep_their_line_ending() -> None:
    text = TEXT.replace("\n", "\r\n")
    insertion = suppression(text, finding(5))
    assert insertion is not None and insertion.text.endswith("\r\n")
    assert suppression(text, finding(4)) == Insertion("在本行行尾添加抑制注释：忽略 BL211（请填写理由）", 4, 11,
                                                      "  # budgetlint: disable-line=BL211 -- <理由>")


@pytest.mark.parametrize("target", [
    finding(4, file="t.json"),  # JSON has no comments: per-file-ignores only
    finding(4, rule_id="BL001"),  # the file could not be read: nothing to suppress
    finding(99),  # a line the text does not have
])
def test_no_action(target: Finding) -> None:
    assert suppression(TEXT, target) is None


def test_no_action_on_unparsable_text() -> None:
    assert suppression("a: [\n", finding(1)) is None
