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
    "wanli-street-2024-bumen-yusuan.pdf": {},
    "wanli-street-2025-bumen-yusuan.pdf": {},
    "planning-2024-bumen-juesuan.pdf": {},
    "socialwork-2024-bumen-juesuan.pdf": {"BL318": 4},
    "template-2024-bumen-juesuan.pdf": {"BL011": 7},
}


@pytest.fixture(scope="module")
def checked() -> dict[str, Any]:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    pytest.importorskip("pdfplumber")
    from budgetlint.importer.command import import_file, render

    out = {}
    for name in EXPECTED:
        imported = import_file(CORPUS / name, None)
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
            # the info findings are rounding tails (尾差) of printed sums and shares, each with its arithmetic
            assert "尾差" in finding.message or "误差" in finding.message, finding.message
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
