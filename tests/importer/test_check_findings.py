"""`budgetlint check` on the imported corpus: every rule runs, nothing but what is true of the documents.

Each finding at warning level or above is listed here and recomputed from the printed figures; the
false ones found on the corpus were fixed in the importer or the rules (each with its own test below).
Info-level findings are rounding tails (尾差) — true statements about printed sums — and are not listed.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from corpus_fixture import corpus_imports  # noqa: F401 (a fixture)

from budgetlint.engine import EngineConfig, lint_text
from budgetlint.rule import load_rules
from budgetlint.source import load_yaml
from conftest import deep_merge, to_json_text

RULES = load_rules()
CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "shanghai-putuo"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# warning-or-above findings of every corpus file, by rule (the documents' own contradictions)
EXPECTED = {
    "commerce-2025-bumen-yusuan.pdf": {},
    "commerce-2025-danwei-yusuan.pdf": {},
    "wanli-street-2024-bumen-yusuan.pdf": {"BL328": 1, "BL329": 1},
    "wanli-street-2025-bumen-yusuan.pdf": {},
    "planning-2024-bumen-juesuan.pdf": {"BL307": 1, "BL702": 1, "BL704": 1},
    "socialwork-2024-bumen-juesuan.pdf": {"BL318": 4},
    # the official template: empty tables, and its XX / 增加（减少） placeholders (a template is all residue)
    "template-2024-bumen-juesuan.pdf": {"BL011": 7, "BL704": 180},
}


@pytest.fixture(scope="module")
def checked(corpus_imports: dict[str, Any]) -> dict[str, Any]:
    from budgetlint.importer.command import render

    out = {}
    for name in EXPECTED:
        _, imported = corpus_imports[name]
        text = render(imported, Path("/tmp") / "x.yaml", CORPUS / name)
        out[name] = (imported, lint_text(name, text, RULES, EngineConfig()))
    return out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_rule_runs_and_reports_only_the_documents_own_contradictions(checked: dict[str, Any], name: str) -> None:
    _, result = checked[name]
    assert not result.skipped_rules and not result.unreadable and not result.internal_error
    by_rule: dict[str, int] = {}
    for finding in result.findings:
        assert finding.rule_id not in ("BL001", "BL002", "BL009"), finding.message
        if finding.severity.label != "info":
            by_rule[finding.rule_id] = by_rule.get(finding.rule_id, 0) + 1
        else:
            # the info findings are rounding tails (尾差) of printed sums and shares, each with its arithmetic, or a
            # share cut instead of rounded (规划资源局: 9746.50 ÷ 9759.38 = 99.868 %, printed 99.86 %)
            assert any(word in finding.message for word in ("尾差", "误差", "截去尾数")), finding.message
    assert by_rule == EXPECTED[name]
    # every finding says where in the PDF it is
    assert all("（PDF 第 " in f.message for f in result.findings)


def test_socialwork_growth_rates_from_a_zero_base_are_true_findings(checked: dict[str, Any]) -> None:
    """中共上海市普陀区委社会工作部 was set up in 2024: "增加 307.82 万元，增长 100.00%" implies a prior year of
    307.82 − 307.82 = 0, and a growth rate from 0 cannot be computed (the text should say 无可比性)."""
    imported, result = checked["socialwork-2024-bumen-juesuan.pdf"]
    total = imported.data["表格"]["收入支出决算总表"]["收入"]["总计"]
    assert total == Decimal("307.82")
    findings = [f for f in result.findings if f.rule_id == "BL318"]
    for finding in findings:
        delta = Decimal(re.search(r"增加 ([\d.]+) 万元，增长 100\.00%", finding.message).group(1))  # type: ignore[union-attr]
        stated = Decimal(re.search(r"推算的上年数 ([\d.]+) 万元", finding.message).group(1))  # type: ignore[union-attr]
        assert stated - delta == 0  # the current figure minus the increase: no prior-year base
    assert {Decimal(re.search(r"增加 ([\d.]+) 万元", f.message).group(1)) for f in findings} == {  # type: ignore[union-attr]
        Decimal("307.82"), Decimal("10.23")}


def _messages(result: Any, rule: str) -> list[str]:
    return [f.message for f in result.findings if f.rule_id == rule]


def _section_text(imported: Any, title_start: str) -> str:
    def walk(sections: list[Any]) -> Any:
        for section in sections:
            yield section
            yield from walk(section.get("章节", []))

    body = imported.data["正文"]
    for part in body.values():
        if isinstance(part, dict):
            for section in walk(part.get("章节", [])):
                if section.get("标题", "").startswith(title_start):
                    return "".join(section.get("文本", "").split())
    raise AssertionError(title_start)


def test_planning_staff_costs_in_the_text_differ_from_table_six(checked: dict[str, Any]) -> None:
    """规划和自然资源局 2024 决算, §六 (PDF p. 24): "基本支出 5377.64 万元。其中：人员经费 4896.98 万元 … 公用经费
    480.66 万元"; 表六 (p. 16) prints 人员经费合计 4884.09 and 公用经费合计 480.66 — 4884.09 + 480.66 = 5364.75,
    the 基本支出 of 表五. The text's 人员经费 is 12.89 万元 more than the table's: a real contradiction."""
    imported, result = checked["planning-2024-bumen-juesuan.pdf"]
    table = imported.data["表格"]["一般公共预算财政拨款基本支出决算表"]["合计行"]
    assert table["人员经费"] == Decimal("4884.09") and table["公用经费"] == Decimal("480.66")
    assert imported.data["表格"]["一般公共预算财政拨款支出决算表"]["合计行"]["决算数"]["基本支出"] == Decimal("5364.75")
    text = _section_text(imported, "六、")
    assert "人员经费4896.98万元" in text and "5377.64万元" in text
    assert Decimal("5377.64") - Decimal("480.66") == Decimal("4896.98")  # the text is consistent with itself
    (message,) = _messages(result, "BL307")
    assert "4896.98" in message and "4884.09" in message and "12.89" in message


def test_planning_text_hygiene_findings_are_in_the_printed_text(checked: dict[str, Any]) -> None:
    """§七 prints the template's choice "下降（增长）27.78%" unedited; §十 opens "（其中，绩效评级为…" and never
    closes the bracket."""
    imported, result = checked["planning-2024-bumen-juesuan.pdf"]
    assert "下降（增长）27.78%" in _section_text(imported, "七、")
    ten = _section_text(imported, "十、")
    assert ten.count("（") + ten.count("(") == ten.count("）") + ten.count(")") + 1
    assert "下降（增长）" in _messages(result, "BL704")[0]
    assert "（其中，绩效评级为" in _messages(result, "BL702")[0]


def test_wanli_2024_housing_fund_printed_twice_and_its_rate(checked: dict[str, Any]) -> None:
    """万里街道 2024 部门预算, 编制说明 (PDF p. 6): 住房公积金（项）is printed as 350.35 万元 and, in the same item,
    "2024年预算安排 352.67 万元，比2023年…348.52万元增加 0.53%". The two amounts differ (BL329), and 0.53 % is
    (350.35 − 348.52) ÷ 348.52, not the printed 352.67's (352.67 − 348.52) ÷ 348.52 = 1.19 % (BL328)."""
    imported, result = checked["wanli-street-2024-bumen-yusuan.pdf"]
    rate = lambda b: (100 * (Decimal(b) - Decimal("348.52")) / Decimal("348.52")).quantize(Decimal("0.01"))  # noqa: E731
    assert rate("350.35") == Decimal("0.53") and rate("352.67") == Decimal("1.19")
    (twice,) = _messages(result, "BL329")
    assert "352.67" in twice and "350.35" in twice
    (comparison,) = _messages(result, "BL328")
    assert "0.53%" in comparison and "1.19%" in comparison


def test_template_placeholders_are_template_residue(checked: dict[str, Any]) -> None:
    _, result = checked["template-2024-bumen-juesuan.pdf"]
    messages = _messages(result, "BL704")
    assert all(re.search(r"“(X+|×+|增加（减少）|增长（下降）|下降（增长）|减少（增加）)”", m) for m in messages)


def test_template_tables_are_empty_and_their_notes_do_not_say_why(checked: dict[str, Any]) -> None:
    """The official template prints tables 一–七 without figures under a note that only says what the table
    shows ("注：本表反映…"): BL011 asks for the reason a table is empty. Tables 八 and 九 carry the
    template's own "本表无数据" note and are not reported."""
    imported, result = checked["template-2024-bumen-juesuan.pdf"]
    tables = imported.data["表格"]
    reported = {f.json_path[1] for f in result.findings if f.rule_id == "BL011"}
    for key, table in tables.items():
        figures = [v for v in _values(table) if isinstance(v, Decimal)]
        assert figures == []
        assert (key in reported) == ("无数据" not in table.get("说明", ""))
    assert len(reported) == 7


def _values(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [v for key, item in value.items() if key not in ("页码", "年度") for v in _values(item)]
    if isinstance(value, list):
        return [v for item in value for v in _values(item)]
    return [value]


# -- the rule fixes found on the corpus ---------------------------------------------------------------


def _fixture(name: str) -> dict[str, Any]:
    return load_yaml((FIXTURES / name).read_text(encoding="utf-8")).document.data  # type: ignore[union-attr]


def _run(data: dict[str, Any], rule: str) -> list[str]:
    result = lint_text("t.json", to_json_text(data), RULES, EngineConfig(enabled=frozenset({rule})))
    assert not result.skipped_rules, result.findings
    return [f.message for f in result.findings if f.rule_id == rule]


def test_a_final_accounts_budget_quote_is_not_the_three_public_total() -> None:
    # 规划和自然资源局 2024 部门决算 (corpus): the budget 2.85 is quoted, the parts are the 决算 figures
    base = _fixture("clean-shanghai-juesuan-2023.yaml")
    text = ("“三公”经费财政拨款支出年初预算为 2.85 万元，支出决算为 0.39 万元，其中：因公出国（境）费决算为 0.00 万元；"
            "公务用车购置及运行维护费支出决算为 0.00 万元；公务接待费支出决算为 0.39 万元。\n")
    patch = {"正文": {"情况说明": {"章节": [{"标题": "七、财政拨款“三公”经费支出决算情况说明", "主题": "三公经费", "文本": text}]}}}
    assert _run(deep_merge(base, patch), "BL309") == []
    # a 决算 total that does not add up is still reported
    wrong = text.replace("年初预算为 2.85 万元，支出决算为 0.39 万元", "支出决算为 0.50 万元")
    patch["正文"]["情况说明"]["章节"][0]["文本"] = wrong
    assert len(_run(deep_merge(base, patch), "BL309")) == 1


def test_shanghai_running_costs_restate_the_t9_cell() -> None:
    # 万里街道 2024 (corpus): T9 机关运行经费 443.18 万元 is what the text restates; T8 公用经费 (1116.86 万元)
    # also holds the 公用经费 of 事业单位 that are not 参公, so it is compared only when T9 has no such cell
    base = _fixture("clean-shanghai-2024.yaml")
    larger = deep_merge(base, {"表格": {"一般公共预算基本支出表": {"合计行": {"公用经费": Decimal("2931632.16")}}}})
    assert _run(larger, "BL311") == []
    text = base["正文"]["情况说明"]["章节"][2]["文本"].replace("193.16 万元", "203.16 万元")
    wrong = deep_merge(base, {"正文": {"情况说明": {"章节": [*base["正文"]["情况说明"]["章节"][:2],
                                                    {**base["正文"]["情况说明"]["章节"][2], "文本": text}]}}})
    messages = _run(wrong, "BL311")
    assert len(messages) == 1 and "T9（三公经费表）" in messages[0] and "193.16" in messages[0]


def test_shanghai_totals_are_summed_when_no_subtotal_row_is_printed() -> None:
    # Shanghai T1/T4 print no 本年收入合计/本年支出合计 row (so the import writes none): the totals are still
    # checked against the rows; before BL121 a miscopied row of such a table went unnoticed
    base = _fixture("clean-shanghai-2024.yaml")
    rows = base["表格"]["收支总表"]["支出"]["功能分类"]
    as_printed = {"表格": {
        "收支总表": {"收入": {"本年收入合计": None}, "支出": {"本年支出合计": None}},
        "财政拨款收支总表": {"收入": {"本年收入": None}, "支出": {"本年支出": None}},
    }}
    assert _run(deep_merge(base, as_printed), "BL121") == []
    miscopied = deep_merge(as_printed, {"表格": {"收支总表": {"支出": {"功能分类": [{**rows[0], "金额": Decimal("15204300.00")}, *rows[1:]]}}}})
    messages = _run(deep_merge(base, miscopied), "BL121")
    assert len(messages) == 1 and "支出总计 18757452.16 元" in messages[0] and "多 30.00 元" in messages[0]
    wrong_income = {"表格": {"收支总表": as_printed["表格"]["收支总表"], "财政拨款收支总表": {"收入": {
        "本年收入": {"合计": None, "一般公共预算": Decimal("18637400.00")}}, "支出": {"本年支出": None}}}}
    messages = _run(deep_merge(base, wrong_income), "BL121")
    assert len(messages) == 1 and "收入合计 18637452.16 元" in messages[0]


def test_figures_of_a_column_the_table_does_not_print_are_compared_with_the_text_not_the_table(
        checked: dict[str, Any], tmp_path: Path) -> None:
    """社会工作部 2024 决算 §（三）: each 项 gives its 调整预算数 ("全年预算为 17.68 万元"), but 表五 prints only the
    决算数 columns, so BL330 (rightly) skips them. What the text says of them is still read: "支出决算为 11.31 万元。
    决算数小于全年预算数" compares 11.31 with 17.68 (BL518), so the coverage counts them as checked — and that
    check fails when the figure is wrong (17.68 → 10.00 makes "小于" false)."""
    from budgetlint.cli_claims import coverage_report
    from budgetlint.importer.command import render

    imported, _ = checked["socialwork-2024-bumen-juesuan.pdf"]
    table = imported.data["表格"]["一般公共预算财政拨款支出决算表"]
    assert all("调整预算数" not in row and "年初预算数" not in row for row in table["明细"])
    path = tmp_path / "socialwork.yaml"
    text = render(imported, path, Path("socialwork.pdf"))
    path.write_text(text, encoding="utf-8")
    report = coverage_report([str(path)])
    assert not [line for line in report.splitlines() if "调整预算数，没有对应的表格单元格" in line]
    assert "全年预算为 17.68 万元" in text
    wrong = lint_text("socialwork.yaml", text.replace("全年预算为 17.68 万元", "全年预算为 10.00 万元"), RULES, EngineConfig())
    messages = [f.message for f in wrong.findings if f.rule_id == "BL518"]
    assert len(messages) == 1 and "11.31 万元 大于预算 10.00 万元" in messages[0]


# Issue 15 items 1–7: the narrative figures of the imported 预算 documents, checked or — each with its reason —
# not checked because the file holds nothing to compare them with. Before: 66.7 %, 69.8 %, 86.5 %, 70.7 %.
COVERAGE = {
    "commerce-2025-bumen-yusuan.pdf": (66, 59),
    "commerce-2025-danwei-yusuan.pdf": (63, 56),
    # the 三公 changes (“比上年减少 25 万元”) need last year's file: Shanghai's 三公 table prints this year only
    "wanli-street-2024-bumen-yusuan.pdf": (185, 175),
    "wanli-street-2025-bumen-yusuan.pdf": (92, 82),
}


@pytest.mark.parametrize("name", sorted(COVERAGE))
def test_budget_narrative_coverage_and_why_the_rest_is_not_checked(checked: dict[str, Any], name: str) -> None:
    """Every figure the reader could not read is gone from the 预算 documents: what stays unchecked is a change
    printed without last year's figure (last year's file would check it, BL802), a 单价100万元以上设备 count,
    and the 绩效 project count and money (Shanghai publishes no 项目绩效目标表)."""
    from budgetlint.rules.narrative.coverage import NO_COUNTERPART, coverage

    _, result = checked[name]
    found = coverage(result.disclosure)
    assert (found.total, found.checked) == COVERAGE[name]
    unchecked = list(found.unchecked())
    assert all(f.gap == NO_COUNTERPART for f in unchecked), [(f.number.show(), f.how) for f in unchecked if f.gap != NO_COUNTERPART]
    reasons = {f.how.split("：")[0].split("，")[0] for f in unchecked}
    assert reasons <= {"只写了增减、没有写出上年数", "单价 100 万元以上设备的台（套）数", "本文件没有公开项目绩效目标表"}, reasons
