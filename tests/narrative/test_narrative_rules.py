"""Narrative rules on the seed (what must fire, where, and what must stay quiet) and on variants; a rule's own
cases (restatements, blanks, small bases, growth tails) are in tests/rules/cases/BLNNN.yaml."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from budgetlint.engine import EngineConfig, lint_text
from budgetlint.finding import Finding, Severity
from budgetlint.rule import load_rules
from budgetlint.source import load_yaml
from conftest import CLEAN, EXAMPLE, deep_merge, to_json_text

RULES = load_rules()
NARRATIVE = frozenset(r.id for r in RULES if r.id.startswith(("BL3", "BL4")))
BASE = load_yaml(CLEAN.read_text(encoding="utf-8")).document.data  # type: ignore[union-attr]


def seed_findings() -> list[Finding]:
    result = lint_text(str(EXAMPLE), EXAMPLE.read_text(encoding="utf-8"), RULES, EngineConfig(enabled=NARRATIVE))
    return list(result.findings)


def section(title: str, topic: str, text: str, part: str = "情况说明") -> dict[str, Any]:
    return {"正文": {part: {"章节": [{"标题": title, "主题": topic, "文本": text}]}}}


def run(patch: dict[str, Any], *rule_ids: str) -> list[Finding]:
    result = lint_text("t.json", to_json_text(deep_merge(BASE, patch)), RULES, EngineConfig(enabled=frozenset(rule_ids)))
    assert not result.skipped_rules, result.findings
    return [f for f in result.findings if f.rule_id in rule_ids]


def test_seed_contradictions_are_reported_at_the_number_and_nothing_else() -> None:
    found = {(f.rule_id, f.span.line, f.span.column, f.severity.label) for f in seed_findings()}
    assert found == {
        ("BL312", 266, 33, "error"),    # #7 政府采购 1.50 ≠ 0.50 + 0.00 + 0.00
        ("BL322", 162, 25, "error"),    # #8 “2022 年度部门预算” (twice)
        ("BL322", 166, 21, "error"),
        ("BL306", 210, 22, "error"),    # #9 §五 breakdown 293.68 under the stated 112.08
        ("BL401", 212, 36, "error"),    # #10 科学技术支出 占 210.31%
        ("BL402", 212, 24, "error"),    # #10 235.72 > 112.08
        ("BL317", 212, 36, "error"),    # #11 shares sum to 262.03%
        ("BL304", 200, 19, "warning"),  # #12 §四 scope
        ("BL324", 212, 36, "warning"),  # #13 §五 percentage base from another scope
        ("BL407", 178, 31, "warning"),  # #18 +204.58% explained without the carry-over (收入, 支出)
        ("BL407", 179, 41, "warning"),
        ("BL327", 244, 32, "info"),     # #17 购置费 “持平” with the running cost's reason (copied)
    }


def test_seed_related_locations_point_at_the_other_figures() -> None:
    by_rule = {f.rule_id: f for f in seed_findings()}
    procurement = by_rule["BL312"]
    assert "1.50 万元" in procurement.message and "多 1.00 万元" in procurement.message
    assert [(r.span.line, r.span.column, r.message) for r in procurement.related] == [
        (267, 23, "政府采购货物预算 0.50 万元"), (267, 40, "政府采购工程预算 0.00 万元"), (268, 24, "政府采购服务预算 0.00 万元")]
    assert [r.span.line for r in by_rule["BL306"].related][-1] == 485  # 预算04表 支出合计 一般公共预算 293.68
    assert by_rule["BL322"].related[0].message == "公开年度 2023"
    assert "预算04表（财政拨款收支总表）" in by_rule["BL304"].message and "181.60" in by_rule["BL304"].message


def test_seed_identities_stay_quiet() -> None:
    quiet = {"BL301", "BL302", "BL303", "BL305", "BL307", "BL308", "BL309", "BL310", "BL311", "BL314", "BL316", "BL318",
             "BL319", "BL321"}
    assert not [f.message for f in seed_findings() if f.rule_id in quiet]


def test_ambiguous_rejoin_is_capped_at_info() -> None:
    text = "2023 年我部门政府采购预算安排 1.50\n2.50 万元，其中：货物预算 0.50 万元、工程预算 0.00 万元、服务预算 0.00 万元。"
    found = run(section("（二）政府采购支出情况", "政府采购", text), "BL312")
    assert found == [] or all(f.severity is Severity.INFO for f in found)


def test_direction_against_previous_year_column() -> None:
    patch = section("七、“三公”经费支出情况说明", "三公经费", "2023 年“三公”经费预算为 1.30 万元，比 2022 年持平。")
    patch["表格"] = {"三公经费表": {"上年": {"合计": Decimal("1.50")}}}
    found = run(patch, "BL319")
    assert len(found) == 1 and "实际减少 0.20 万元" in found[0].message
    patch["表格"]["三公经费表"]["上年"]["合计"] = Decimal("1.30")
    assert run(patch, "BL319") == []


def test_negative_number_after_direction_word() -> None:
    found = run(section("（一）行政（事业）单位运行经费情况", "机关运行经费",
                        "机构运行经费支出预算 7.22 万元，与 2022 年相比增加 -0.87 万元，主要原因：调整。"), "BL319")
    assert len(found) == 1 and "负数" in found[0].message


def test_absence_against_nonzero_fund_table() -> None:
    patch = section("八、政府性基金预算支出情况说明", "政府性基金", "我部门 2023 年无使用政府性基金预算拨款安排的支出。")
    patch["表格"] = {"政府性基金支出表": {"合计行": {"合计": Decimal("5.00")}}}
    found = run(patch, "BL310")
    assert len(found) == 1 and "不为 0" in found[0].message


def test_years_in_titles_document_numbers_and_project_names_are_not_flagged() -> None:
    text = ("依据《2022 年度部门预算编制通知》和新财预〔2022〕354号，安排新财预[2022]354号 2022 年企业研发财政补助省级资金。"
            "纳入本部门 2023 年度部门预算编制范围的单位共 2个。")
    assert run(section("二、所属预算单位构成情况", "单位构成", text, part="概况"), "BL322") == []
    wrong = run(section("二、所属预算单位构成情况", "单位构成", "与 2021 年相比，截至 2023 年期末共有车辆 1辆。", part="概况"), "BL322")
    assert [f.message.split("：", 1)[1] for f in wrong] == [
        "“与 2021 年相比”中的年份是 2021，与上一年度比较应为 2022",
        "“截至 2023 年期末”中的年份是 2023，预算中的资产时点应为 2022 年末"]


def test_unmatched_claims_yield_nothing() -> None:
    text = "2023 年部门某专项资金 999.99 万元，占 12.34%；增长 50.00%，主要原因是：新增项目。"
    assert run(section("九、其他重要事项情况说明", "其他重要事项", text), *NARRATIVE) == []


def test_prior_year_execution_is_a_comparison_year() -> None:
    # 万里街道 2024 部门预算 (corpus): "2023年当年预算执行数为60.13万元，2024年预算安排25.77万元" — the
    # execution figure is last year's by definition; 2023 is right in a 2024 budget, 2024 would be wrong.
    text = "2022 年当年预算执行数为 60.13 万元，2023 年预算安排 25.77 万元，比 2022 年预算执行数减少 57.14%。"
    assert run(section("一、收入支出预算总体情况说明", "收支总体", text), "BL322") == []
    wrong = run(section("一、收入支出预算总体情况说明", "收支总体", "2023 年当年预算执行数为 60.13 万元。"), "BL322")
    assert [f.message.split("：", 1)[1] for f in wrong] == ["“2023 年当年预算执行数”中的年份是 2023，预算说明中的“当年预算执行数”是上一年度的执行数，应为 2022"]


def test_a_reason_after_level_comparisons_explains_the_change_before_them() -> None:
    # 商务委员会 2025 部门预算 (corpus), shortened: the increase is explained after two "持平" clauses
    text = ("2023 年一般公共预算拨款支出预算 293.68 万元，比 2022 年预算增加 24.58 万元；政府性基金拨款支出预算 0 万元，"
            "比 2022 年预算持平；国有资本经营预算拨款支出预算 0 万元，比 2022 年预算持平。\n"
            "支出增加的主要原因是：政策资金项目预算增加。")
    assert run(section("一、收入支出预算总体情况说明", "收支总体", text), "BL321") == []
    unexplained = text.replace("\n支出增加的主要原因是：政策资金项目预算增加。", "")
    assert len(run(section("一、收入支出预算总体情况说明", "收支总体", unexplained), "BL321")) == 1


def test_one_reason_for_income_and_expenditure_explains_both_changes() -> None:
    # 万里街道 2024 部门预算 (corpus): "财政拨款收入支出减少的主要原因是项目调整。" after both decreases
    text = ("2023 年财政拨款收入 293.68 万元，比 2022 年预算减少 8.75 万元；事业收入 0.00 万元。\n"
            "支出预算 293.68 万元，比 2022 年预算减少 8.75 万元。\n"
            "财政拨款收入支出减少的主要原因是项目调整。")
    assert run(section("一、收入支出预算总体情况说明", "收支总体", text), "BL321") == []
    # a reason for an increase explains neither decrease: one finding names both (issue 15 item 4)
    other = text.replace("收入支出减少的主要原因", "收入支出增加的主要原因")
    assert [f.message.split("：", 1)[1] for f in run(section("一、收入支出预算总体情况说明", "收支总体", other), "BL321")] == [
        "“2023 年财政拨款收入减少 8.75 万元”“支出预算减少 8.75 万元”没有说明增减原因（应写明“主要原因是：……”）"]
