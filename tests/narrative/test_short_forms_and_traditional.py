"""Issue 15 item 9: “较上年增 X 万元” / “增幅 p%” / “减幅 p%” are changes and rates, and traditional
characters (萬元, 預算, 財政撥款) read like simplified ones.

Every case here failed before the change it tests: the short forms were not read (no BL318/BL319 at all)
and a traditional-character text had no amount (“萬元” was no unit), so its wrong share passed.
"""

from __future__ import annotations

from typing import Any

import pytest

from budgetlint.engine import EngineConfig, lint_text
from budgetlint.finding import Finding, Severity
from budgetlint.rules.narrative.claims import extract
from budgetlint.rules.narrative.numbers import tokenize
from budgetlint.rules.narrative.traditional import to_simplified
from budgetlint.rule import load_rules
from budgetlint.source import load_yaml
from conftest import ROOT, deep_merge, to_json_text

NATIONAL = ROOT / "tests" / "fixtures" / "clean-national-2024.yaml"
BASE = load_yaml(NATIONAL.read_text(encoding="utf-8")).document.data  # type: ignore[union-attr]


def run(title: str, body: str, *rules: str) -> list[Finding]:
    """The passage as the only 情况说明 section of a national 2024 部门预算 whose tables are not published."""
    data: Any = deep_merge({**BASE, "表格": {}}, {"正文": {"情况说明": {"章节": [{"标题": title, "文本": body}]}}})
    result = lint_text("t.json", to_json_text(data), load_rules(), EngineConfig(enabled=frozenset(rules)))
    return [f for f in result.findings if f.rule_id in rules]


@pytest.mark.parametrize(("text", "word", "direction"), [
    ("支出预算 300.00 万元，较上年增 30.00 万元，增幅 11.11%。", "增", 1),
    ("支出预算 300.00 万元，比上年减少 30.00 万元，减幅 9.09%。", "减少", -1),
    ("支出预算 300.00 万元，比上年减少 30.00 万元，降幅为 9.09%。", "减少", -1),
])
def test_short_forms_are_a_change_with_its_rate(text: str, word: str, direction: int) -> None:
    (change,) = extract(text).changes
    assert (change.word, change.direction, change.delta.text, change.rate.text) == (word, direction, "30.00", text.split("%")[0].split()[-1])  # type: ignore[union-attr]


def test_new_item_is_not_a_change() -> None:
    assert extract("其中新增 5.00 万元用于培训。").changes == ()


def test_wrong_rate_in_short_form_is_an_error() -> None:
    (finding,) = run("三、支出预算总体情况", "2024年支出预算 300.00 万元，较上年增 30.00 万元，增幅 12.00%，主要原因是人员增加。", "BL318")
    assert finding.severity is Severity.ERROR and "= 11.11%（相差 0.89 个百分点）" in finding.message


def test_wrong_decrease_rate_is_an_error() -> None:
    (finding,) = run("三、支出预算总体情况", "2024年支出预算 300.00 万元，比上年减少 30.00 万元，减幅 12.00%，主要原因是项目减少。", "BL318")
    assert "= 9.09%（相差 2.91 个百分点）" in finding.message


def test_right_short_forms_are_quiet() -> None:
    body = "2024年支出预算 300.00 万元，较上年增 30.00 万元，增幅 11.11%，主要原因是人员增加。"
    assert run("三、支出预算总体情况", body, "BL318", "BL319", "BL321") == []


def test_traditional_characters_keep_their_offsets() -> None:
    text = "支出合計\n 300.00 萬元，佔 80.00%"
    view, numbers = tokenize(text)
    assert view.text == "支出合计300.00 万元，占 80.00%"
    assert [(n.text, n.unit, text[n.start:n.end]) for n in numbers] == [("300.00", "万元", "300.00"), ("80.00", "%", "80.00")]
    assert len(to_simplified(text)) == len(text)


def test_traditional_passage_is_checked_like_a_simplified_one() -> None:
    body = "2024年支出合計 300.00 萬元，其中：基本支出 250.00 萬元，佔 80.00%；項目支出 50.00 萬元，佔 16.67%。"
    findings = run("三、支出預算總體情況", body, "BL316")
    assert [f.severity for f in findings] == [Severity.ERROR] and "83.33%" in findings[0].message


def test_traditional_title_names_the_topic() -> None:
    body = "2024年“三公”經費預算 10.00 萬元，其中：公務接待費 4.00 萬元；公務用車購置及運行費 7.00 萬元；因公出國（境）費 0.00 萬元。"
    (finding,) = run("七、“三公”經費預算情況說明", body, "BL309")
    assert finding.severity is Severity.ERROR and "11.00 万元" in finding.message
