"""决算 (final accounts): the 9 tables' balance identities, the chain between them, 决算 vs 预算, and the
narrative claims special to 决算; plus the 元/万元 rounding policy and unit slips.

The example examples/national-2023-juesuan-weibin-kjgxj.yaml reports exactly its planted contradictions
(examples/README.md), each at the wrong figure; its clean twin has no finding.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from budgetlint.engine import EngineConfig, FileResult, lint_text
from budgetlint.finding import Pointer, Severity
from budgetlint.model import make_amount
from budgetlint.rule import load_rules
from budgetlint.source import load_yaml
from budgetlint.rules.units import same_figure, show_both
from conftest import ROOT, deep_merge, to_json_text
from test_profiles import EXAMPLES, FIXTURES, assert_only_planted, figure, lint_file, pinned

EXAMPLE = EXAMPLES / "national-2023-juesuan-weibin-kjgxj.yaml"
CLEAN = FIXTURES / "clean-national-juesuan-2023.yaml"

PLANTED = [
    ("BL518", "error", "100.73"),  # 完成年初预算的 100.73%, but 294.76 / 293.68 = 100.37%
    ("BL518", "error", "大于"),  # 资源勘探… 决算 18.00 “大于” 年初预算 25.00
    ("BL501", "error", "318.12"),  # 收入 总计 ≠ 136.52 + 使用非财政拨款结余 0.54 + 181.60
    ("BL516", "warning", "8.31"),  # 住房保障支出 决算 8.31 > 调整预算 8.13, unexplained
    ("BL514", "error", "109.43"),  # 基本支出决算表 合计 109.43 ≠ 支出决算表 决算数 基本支出 109.34
    ("BL515", "warning", "0.35"),  # 公务接待费 决算 0.35 with no budget and no reason
]


def test_example_reports_exactly_its_planted_contradictions() -> None:
    result, lines = lint_file(EXAMPLE)
    assert result.disclosure is not None and result.disclosure.kind == "决算"
    assert sorted(pinned(result, lines)) == sorted(PLANTED)
    assert_only_planted(result, lines, CLEAN.name)


def test_json_twin_reports_the_same_findings() -> None:
    data = load_yaml(EXAMPLE.read_text(encoding="utf-8")).document
    assert data is not None
    text = to_json_text(data.data)
    result = lint_text("juesuan.json", text, load_rules())
    assert sorted(pinned(result, text.split("\n"))) == sorted(PLANTED)


def test_messages_say_what_disagrees_with_what() -> None:
    result, _ = lint_file(EXAMPLE)
    by_rule = {f.rule_id: f for f in result.findings}
    assert by_rule["BL514"].message == ("公开06表（一般公共预算财政拨款基本支出决算表）合计 109.43 万元，与公开05表"
                                        "（一般公共预算财政拨款支出决算表）决算数 基本支出 109.34 万元不一致（多 0.09 万元）")
    assert by_rule["BL516"].message == ("公开05表（一般公共预算财政拨款支出决算表）“住房保障支出”决算数 8.31 万元，超过调整预算数 "
                                        "8.13 万元（超出 0.18 万元），情况说明中没有说明原因")
    completion = [f.message for f in result.findings if f.rule_id == "BL518"]
    assert "决算 294.76 万元 ÷ 年初预算 293.68 万元 = 100.37%" in completion[0]
    assert "决算 18.00 万元 小于预算 25.00 万元" in completion[1]


# ---------------------------------------------------------------------------------------------
# single rules on the clean 决算


@pytest.fixture(scope="module")
def clean() -> Any:
    loaded = load_yaml(CLEAN.read_text(encoding="utf-8")).document
    assert loaded is not None
    return loaded.data


def run(data: Any, *rules: str) -> FileResult:
    return lint_text("t.yaml", to_json_text(data), load_rules(), EngineConfig(enabled=frozenset(rules)))


def test_each_fund_balances_on_its_own(clean: Any) -> None:
    """Totals balance but 10.00 of the opening balance is booked as 政府性基金: both funds are reported."""
    patch = {"表格": {"财政拨款收入支出决算总表": {"收入": {"年初财政拨款结转和结余": {"一般公共预算": Decimal("171.60"), "政府性基金": Decimal("10.00")}}}}}
    data = deep_merge(clean, patch)
    result = run(data, "BL507", "BL505", "BL506")
    assert [f.rule_id for f in result.findings] == ["BL507", "BL507"]
    assert "一般公共预算：年末结转和结余 23.36 万元，不等于 年初 171.60 万元 + 本年收入 136.52 万元 − 本年支出 294.76 万元 = 13.36 万元" \
        in result.findings[0].message
    assert [f.json_path[-1] for f in result.findings] == ["一般公共预算", "政府性基金"]


def test_a_fund_balance_off_by_a_cent_is_a_rounding_tail(clean: Any) -> None:
    patch = {"表格": {"财政拨款收入支出决算总表": {"支出": {"年末财政拨款结转和结余": {"一般公共预算": Decimal("23.37")}}}}}
    result = run(deep_merge(clean, patch), "BL507")
    assert [(f.rule_id, f.severity) for f in result.findings] == [("BL507", Severity.INFO)]


def test_a_reason_in_the_narrative_explains_spending_above_the_adjusted_budget(clean: Any) -> None:
    rows = clean["表格"]["一般公共预算财政拨款支出决算表"]["明细"]
    over = [dict(r) for r in rows]
    over[5] = {**over[5], "调整预算数": {"合计": Decimal("8.13")}}
    data = deep_merge(clean, {"表格": {"一般公共预算财政拨款支出决算表": {"明细": over}}})
    assert [f.rule_id for f in run(data, "BL516").findings] == ["BL516"]
    sections = clean["正文"]["情况说明"]["章节"]
    explained = [*sections, {"标题": "八、其他说明", "文本": "住房保障支出决算数超过调整预算数的主要原因是：补缴住房公积金。\n"}]
    data = deep_merge(data, {"正文": {"情况说明": {"章节": explained}}})
    assert run(data, "BL516").findings == ()


def test_a_large_adjustment_needs_its_reason(clean: Any) -> None:
    rows = [dict(r) for r in clean["表格"]["一般公共预算财政拨款支出决算表"]["明细"]]
    rows[1] = {**rows[1], "年初预算数": {"合计": Decimal("5.00")}}  # 社会保障和就业 5.00 → 11.02: +120.40%
    data = deep_merge(clean, {"表格": {"一般公共预算财政拨款支出决算表": {"明细": rows}}})
    result = run(data, "BL517")
    assert [f.message for f in result.findings] == [
        "公开05表（一般公共预算财政拨款支出决算表）“社会保障和就业支出”调整预算数 11.02 万元，比年初预算数 5.00 万元增加 6.02 万元"
        "（调增 120.40%），情况说明中没有说明调整原因"]
    relaxed = EngineConfig(enabled=frozenset({"BL517"}), options={"BL517": {"ratio": 2.0}})
    assert lint_text("t.yaml", to_json_text(data), load_rules(), relaxed).findings == ()


def narrative(clean: Any, text: str) -> Any:
    section = {"标题": "五、一般公共预算财政拨款支出决算情况说明", "文本": text}
    return deep_merge(clean, {"正文": {"情况说明": {"章节": [section]}}})


@pytest.mark.parametrize(("text", "expected"), [
    ("年初预算为 293.68 万元，支出决算为 294.76 万元，完成年初预算的 100.37%。", []),
    ("年初预算为 293.68 万元，支出决算为 294.76 万元，完成年初预算的 100.36%。", [Severity.INFO]),  # truncated, not rounded
    ("年初预算为 293.68 万元，支出决算为 294.76 万元，完成年初预算的 101.37%。", [Severity.ERROR]),
    ("预算为 8.60 万元，决算为 8.60 万元，完成预算的 100.00%，决算数与预算数持平。", []),
    ("预算为 8.60 万元，决算为 8.61 万元，决算数与预算数持平。", [Severity.ERROR]),
    ("预算为 25.00 万元，决算为 18.00 万元。决算数小于预算数的主要原因是：项目结转。", []),
    ("决算数比年初预算数增加 1.08 万元。", []),  # a difference, not a base or an actual figure
])
def test_completion_claims(clean: Any, text: str, expected: list[Severity]) -> None:
    result = run(narrative(clean, text), "BL518")
    assert [f.severity for f in result.findings] == expected


def test_completion_claims_are_located_at_the_figure(clean: Any) -> None:
    text = "年初预算为 293.68 万元，支出决算为 294.76\n万元，完成年初预算的 101.37%。\n"
    data = narrative(clean, text)
    source = to_json_text(data)
    result = lint_text("t.yaml", source, load_rules(), EngineConfig(enabled=frozenset({"BL518"})))
    assert len(result.findings) == 1
    assert figure(source.split("\n"), result.findings[0].span) == "101.37"


def test_budget_documents_are_not_read_as_final_accounts() -> None:
    result = lint_text("h.yaml", (ROOT / "tests" / "fixtures" / "clean-henan-2023.yaml").read_text(encoding="utf-8"),
                       load_rules(), EngineConfig(enabled=frozenset({"BL518"})))
    assert result.findings == ()


# ---------------------------------------------------------------------------------------------
# units


def amount(raw: str, unit: str) -> Any:
    return make_amount(Decimal(raw), Pointer("t", ()), unit)


@pytest.mark.parametrize(("yuan", "wan", "same"), [
    ("1931632.16", "193.16", True),
    ("1931632.16", "193.17", False),
    ("1931650.00", "193.17", True),  # 193.165 rounds half up (banker's rounding would say 193.16)
    ("1931650.00", "193.16", False),
    ("1931600", "193.16", True),
])
def test_a_yuan_figure_rounded_half_up_must_equal_the_wan_figure(yuan: str, wan: str, same: bool) -> None:
    assert same_figure(amount(yuan, "元"), amount(wan, "万元")).exact is same


def test_yuan_figures_are_shown_with_their_wan_conversion() -> None:
    assert show_both(amount("1931632.16", "元")) == "1931632.16 元（折合 193.16 万元）"
    assert show_both(amount("193.16", "万元")) == "193.16 万元"


def test_a_whole_table_filled_in_yuan_is_reported_once(clean: Any) -> None:
    income = clean["表格"]["收入决算表"]
    scaled = {"合计行": {"本年收入合计": Decimal("1365200.00"), "财政拨款收入": Decimal("1365200.00")}, "明细": []}
    data = deep_merge(clean, {"表格": {"收入决算表": {**{k: v for k, v in income.items() if k not in scaled}, **scaled}}})
    result = run(data, "BL602")
    assert len(result.findings) == 1
    assert result.findings[0].message.startswith("公开02表（收入决算表）的数字整体比其他表大上千倍")


def test_figures_of_ordinary_size_are_not_unit_slips() -> None:
    for path in sorted(FIXTURES.glob("clean-*.yaml")):
        result = lint_text(path.name, path.read_text(encoding="utf-8"), load_rules(), EngineConfig(enabled=frozenset({"BL602"})))
        assert result.findings == (), path.name


def test_a_unit_that_differs_from_the_profile_is_reported_at_the_unit(tmp_path: Path) -> None:
    text = (FIXTURES / "clean-shanghai-2024.yaml").read_text(encoding="utf-8")
    broken = text.replace("    编号: T9\n", "    编号: T9\n    单位: 元\n", 1).replace("    单位: 万元\n", "", 1)
    result = lint_text("s.yaml", broken, load_rules(), EngineConfig(enabled=frozenset({"BL601"})))
    lines = broken.split("\n")
    assert [(f.rule_id, figure(lines, f.span)) for f in result.findings] == [("BL601", "元")]
    assert "T9（三公经费表）的金额单位是元" in result.findings[0].message
