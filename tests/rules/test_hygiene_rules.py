"""Text hygiene rules BL701–BL706 beyond their documented examples: what fires, where, and what stays quiet.

Each case was written before its rule existed and failed then (no BL70x finding at all).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from budgetlint.engine import EngineConfig, lint_text
from budgetlint.finding import Finding, Severity
from budgetlint.rule import load_rules
from budgetlint.source import load_yaml
from conftest import CLEAN, ROOT, deep_merge, to_json_text

HYGIENE = ("BL701", "BL702", "BL703", "BL704", "BL705", "BL706")
_BASES: dict[Path, Any] = {}


def base(path: Path = CLEAN) -> Any:
    if path not in _BASES:
        _BASES[path] = load_yaml(path.read_text(encoding="utf-8")).document.data  # type: ignore[union-attr]
    return _BASES[path]


def run(patch: dict[str, Any], *rule_ids: str, on: Path = CLEAN) -> list[Finding]:
    text = to_json_text(deep_merge(base(on), patch))
    result = lint_text("t.yaml", text, load_rules(), EngineConfig(enabled=frozenset(rule_ids or HYGIENE)))
    assert not [f for f in result.findings if f.rule_id in ("BL001", "BL002")], result.findings
    return [f for f in result.findings if f.rule_id in (rule_ids or HYGIENE)]


def text(body: str, title: str = "一、收入支出预算总体情况说明") -> dict[str, Any]:
    return {"正文": {"情况说明": {"章节": [{"标题": title, "主题": "收支总体", "文本": body}]}}}


@pytest.mark.parametrize("fixture", sorted((ROOT / "tests" / "fixtures").glob("clean-*.yaml")) + sorted((ROOT / "examples").glob("*.yaml")),
                         ids=lambda p: p.name)
def test_clean_fixtures_and_examples_are_quiet(fixture: Path) -> None:
    result = lint_text(fixture.name, fixture.read_text(encoding="utf-8"), load_rules(), EngineConfig(enabled=frozenset(HYGIENE)))
    assert [f.message for f in result.findings] == []


# BL701 -------------------------------------------------------------------------------------

@pytest.mark.parametrize("body", ["收入总计 1.00 万元。。", "收入总计 1.00 万元，，支出总计 1.00 万元。", "收入总计 1.00 万元；。",
                                  "收入总计 1.00 万元，\n。支出总计 1.00 万元。"])
def test_repeated_punctuation_fires(body: str) -> None:
    (finding,) = run(text(body), "BL701")
    assert finding.severity is Severity.WARNING and "重复" in finding.message


def test_repeated_punctuation_points_at_the_marks_in_a_literal_block() -> None:
    source = CLEAN.read_text(encoding="utf-8").replace("支出总计 293.68 万元，", "支出总计 293.68 万元。。", 1)
    assert source != CLEAN.read_text(encoding="utf-8")
    result = lint_text("t.yaml", source, load_rules(), EngineConfig(enabled=frozenset({"BL701"})))
    (finding,) = result.findings
    line = source.split("\n")[finding.span.line - 1]
    assert line[finding.span.column - 1:finding.span.end_column - 1] == "。。"
    assert "“。。”" in finding.message


@pytest.mark.parametrize("body", ["收入总计 1.00 万元……支出总计 1.00 万元。", "经费——主要用于办公。", "（一）人员经费。（二）公用经费。"])
def test_ellipsis_dash_and_numbering_are_not_repeated_punctuation(body: str) -> None:
    assert run(text(body), "BL701") == []


# BL702 -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "words"), [
    ("因公出国（境费 0.00 万元。", "左括号“（”没有配对的右括号"),
    ("依据《预算法实施条例规定。", "左书名号“《”没有配对的右书名号"),
    ("一般公共服务支出）1.00 万元。", "右括号“）”前面没有配对的左括号"),
    ("“三公经费 1.00 万元。", "左引号“"),
    ("【其中：办公费 1.00 万元）。", "不是一对"),
])
def test_unbalanced_brackets_fire(body: str, words: str) -> None:
    findings = run(text(body), "BL702")
    assert findings and words in findings[0].message


@pytest.mark.parametrize("body", [
    "社会保障和就业支出（类）行政事业单位养老支出（款)机关事业单位基本养老保险缴费支出（项）1.00 万元。",  # mixed widths: one pair
    "主要原因：1）人员增加；2）公用经费增加。",
    "（一）因公出国（境）费 0.00 万元。a) 说明。",
    "“三公”经费、《预算法》、【注】、〔2023〕均成对。",
])
def test_balanced_text_and_list_numbers_are_quiet(body: str) -> None:
    assert run(text(body), "BL702") == []


def test_brackets_in_a_heading_are_checked() -> None:
    findings = run(text("无。", title="七、“三公经费支出情况说明"), "BL702")
    assert len(findings) == 1 and findings[0].message.startswith("标题“七、“三公经费支出情况说明”")


# BL703 -------------------------------------------------------------------------------------

@pytest.mark.parametrize("body", ["支出增加 1.00 万元，主要原因是。", "支出增加 1.00 万元，主要原因是：。", "支出增加 1.00 万元，原因为；其他。",
                                  "支出增加 1.00 万元，主要原因是", "支出增加 1.00 万元，主要用于：\n"])
def test_cut_off_sentence_fires(body: str) -> None:
    (finding,) = run(text(body), "BL703")
    assert "句子没有写完" in finding.message


@pytest.mark.parametrize("body", [
    "财政拨款收入支出增加的主要原因是工作量增加",  # no final 。 but the reason is there
    "支出增加 1.00 万元，主要原因是：\n1.人员增加；\n2.公用经费增加。",
    "支出增加 1.00 万元，主要原因是，一是人员增加。",
])
def test_complete_reasons_are_quiet(body: str) -> None:
    assert run(text(body), "BL703") == []


# BL704 -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "residue"), [
    ("比上年增加（减少）0.30 万元。", "增加（减少）"),
    ("比上年下降(增长)27.78%。", "下降(增长)"),
    ("XX局 2024 年收入总计 1.00 万元。", "XX"),
    ("收入总计 ×× 万元。", "××"),
    ("某某单位收入总计 1.00 万元。", "某某"),
    ("（部门名称）收入总计 1.00 万元。", "（部门名称）"),
])
def test_template_residue_fires(body: str, residue: str) -> None:
    (finding,) = run(text(body), "BL704")
    assert f"“{residue}”" in finding.message


def test_template_residue_in_a_heading_fires() -> None:
    (finding,) = run({"附件标题": "上海市XX局2023年度部门预算表"}, "BL704")
    assert finding.message.startswith("附件标题：")


@pytest.mark.parametrize("body", ["某县惠民帮扶中心行政（事业）单位运行经费 1.00 万元。", "部门（单位）整体绩效目标。", "Linux 服务器 2 台，型号 XXL。",
                                  "增加 1.00 万元（减少部分见下文）。"])
def test_single_placeholders_and_real_parentheses_are_quiet(body: str) -> None:
    assert run(text(body), "BL704") == []


# BL705 -------------------------------------------------------------------------------------

@pytest.mark.parametrize("title", ["一、2022 年收入支出预算总体情况说明", "一、２０２２年度收入支出预算总体情况", "一、2024年收入支出预算总体情况"])
def test_wrong_year_in_a_section_heading_fires(title: str) -> None:
    (finding,) = run(text("无。", title=title), "BL705")
    assert "与公开年度 2023 不一致" in finding.message


def test_wrong_year_in_the_part_title_fires() -> None:
    (finding,) = run({"正文": {"情况说明": {"标题": "新乡市卫滨区科技和工业信息化局 2022 年部门预算情况说明"}}}, "BL705")
    assert finding.message.startswith("情况说明标题：")


@pytest.mark.parametrize("title", ["一、截至 2022 年 12 月 31 日国有资产占用情况", "一、2022 年末国有资产占用情况", "一、2022 年预算执行情况",
                                   "一、落实《2022 年度预算管理办法》情况", "一、2021—2025 年规划实施情况", "一、2023 年收入支出预算总体情况",
                                   "（一）因公出国（境）费 0 万元，与 2022 年预算持平"])
def test_legitimate_years_in_headings_are_quiet(title: str) -> None:
    assert run(text("无。", title=title), "BL705") == []


def test_prior_year_in_text_is_not_a_heading() -> None:
    assert run(text("与 2022 年度预算相比，收入增加。", title="一、收入支出预算总体情况"), "BL705") == []


def test_final_accounts_asset_date_is_this_year() -> None:
    juesuan = ROOT / "tests" / "fixtures" / "clean-national-juesuan-2023.yaml"
    quiet = run(text("无。", title="十、截至 2023 年 12 月 31 日国有资产占用情况"), "BL705", on=juesuan)
    loud = run(text("无。", title="五、2022 年度一般公共预算财政拨款支出决算情况说明"), "BL705", on=juesuan)
    assert quiet == [] and len(loud) == 1 and "2023 年决算" in loud[0].message


# BL706 -------------------------------------------------------------------------------------

UNIT = ROOT / "tests" / "fixtures" / "clean-shanghai-unit-2024.yaml"
DEPARTMENT = ROOT / "tests" / "fixtures" / "clean-shanghai-2024.yaml"


def test_department_wording_in_a_unit_document_fires() -> None:
    findings = run(text("2024 年部门预算安排财务收入 1.00 元。"), "BL706", on=UNIT)
    assert len(findings) == 1 and "应为“单位预算”" in findings[0].message


def test_department_wording_in_a_unit_heading_fires() -> None:
    (finding,) = run(text("无。", title="一、2024 年度部门预算情况说明"), "BL706", on=UNIT)
    assert finding.message.startswith("标题“")


@pytest.mark.parametrize("body", ["基本支出按部门预算经济分类列示。", "所有收支均纳入部门预算管理。", "纳入部门预算编制范围的单位 1 个。"])
def test_classification_and_management_wording_is_quiet(body: str) -> None:
    assert run(text(body), "BL706", on=UNIT) == []


@pytest.mark.parametrize("body", ["本单位预算纳入某市文化和旅游局部门预算，无下属预算单位。",
                                  "本单位为上海市某区档案局所属事业单位，上海市某区档案局部门预算由本级和本单位预算组成。"])
def test_the_department_budget_a_unit_is_part_of_is_quiet(body: str) -> None:
    # before: “……文化和旅游局部门预算” read as the unit calling its own budget a 部门预算 (a false warning)
    assert run({"所属部门": "上海市某区档案局", **text(body)}, "BL706", on=UNIT) == []
    # the unit's own budget called 部门预算 still fires, with or without a 所属部门
    assert len(run({"所属部门": "上海市某区档案局", **text("本单位2024年部门预算安排财务收入1.00元。")}, "BL706", on=UNIT)) == 1


def test_a_department_document_may_mention_unit_budgets() -> None:
    assert run(text("本部门预算由所属单位预算汇总而成，部门预算安排 1.00 元。"), "BL706", on=DEPARTMENT) == []


def test_no_guess_when_titles_say_both_or_neither() -> None:
    both = {"附件标题": "某局 2024 年度部门预算表", **text("2024 年部门预算安排 1.00 元。")}
    assert run(both, "BL706", on=UNIT) == []
