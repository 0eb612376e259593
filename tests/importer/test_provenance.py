"""页码 (written by `budgetlint import`) is provenance, not data: rules never see it, findings name the page."""

from __future__ import annotations

from pathlib import Path

from budgetlint.engine import EngineConfig, lint_text
from budgetlint.provenance import page_of, strip_pages
from budgetlint.rule import load_rules

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "clean-shanghai-2024.yaml"


def test_page_of_takes_the_innermost_page() -> None:
    data = {"表格": {"支出表": {"页码": 12, "明细": [{"编码": "201", "页码": 13}, {"编码": "208"}]}}}
    assert page_of(data, ("表格", "支出表", "明细", 0, "合计")) == 13
    assert page_of(data, ("表格", "支出表", "明细", 1, "合计")) == 12
    assert page_of(data, ("正文",)) is None
    assert strip_pages(data) == {"表格": {"支出表": {"明细": [{"编码": "201"}, {"编码": "208"}]}}}
    assert data["表格"]["支出表"]["页码"] == 12  # the input is left untouched


def test_a_finding_on_an_imported_file_names_the_pdf_page_and_the_page_is_no_amount() -> None:
    rules = load_rules()
    text = FIXTURE.read_text(encoding="utf-8")
    # a wrong detail row (20126 should be 15084330.00) on "PDF page 15", and 页码 on every T5 row
    paged = text.replace(
        '- {编码: "20126", 名称: 档案事务, 合计: 15084330.00,', '- {编码: "20126", 名称: 档案事务, 页码: 15, 合计: 15084331.00,'
    ).replace("    编号: T5\n", "    编号: T5\n    页码: 14\n")
    assert paged != text
    findings = lint_text("x.yaml", paged, rules, EngineConfig()).findings
    assert findings and not [f for f in findings if f.rule_id == "BL002"]
    # the wrong row's own page, and no finding reads 页码 as an amount (15, 14 would never sum)
    assert all("（PDF 第 15 页）" in f.message or "（PDF 第 14 页）" in f.message for f in findings)
    assert any("（PDF 第 15 页）" in f.message for f in findings)
    assert not [f for f in findings if " 15 元" in f.message or " 14 元" in f.message]
    # the same file without 页码: the same findings, no page note
    plain = lint_text("x.yaml", paged.replace(" 页码: 15,", "").replace("    页码: 14\n", ""), rules, EngineConfig()).findings
    assert [f.rule_id for f in plain] == [f.rule_id for f in findings]
    assert not [f for f in plain if "PDF 第" in f.message]
