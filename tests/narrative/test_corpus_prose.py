"""The narrative reader on the real corpus (../shared/corpus/shanghai-putuo, read at test time).

Zero false errors and zero false warnings: every warning or error the narrative rules give on the real
prose is listed here with its recomputation from the printed figures. Skipped when the corpus or
pdfplumber is absent (the corpus is never committed).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

import pytest

from budgetlint.engine import EngineConfig, lint_text
from budgetlint.finding import Finding, Severity
from budgetlint.rule import load_rules
from corpus_prose import corpus_files, disclosure_text

pytest.importorskip("pdfplumber")
if not corpus_files():
    pytest.skip("../shared/corpus is absent", allow_module_level=True)

RULES = load_rules()
NARRATIVE = frozenset(r.id for r in RULES if r.id.startswith(("BL3", "BL4", "BL5")))
DOCUMENTS = {path.stem: path for path in corpus_files()}


@lru_cache(maxsize=None)
def findings(stem: str) -> tuple[Finding, ...]:
    path = DOCUMENTS[stem]
    return lint_text(stem + ".json", disclosure_text(path), RULES, EngineConfig(enabled=NARRATIVE)).findings


def pct(part: str, whole: str, places: int = 2) -> Decimal:
    return (Decimal(100) * Decimal(part) / Decimal(whole)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def serious(stem: str) -> list[tuple[str, str]]:
    return sorted((f.rule_id, f.message) for f in findings(stem) if f.severity >= Severity.WARNING)


# What the real documents get wrong, each recomputed from the figures they print.
def test_wanli_2024_housing_fund_printed_twice_and_its_rate() -> None:
    # item 31: “住房公积金（项）”350.35万元 … 2023年当年预算执行数为348.52万元，2024年预算安排352.67万元，比……增加0.53%
    assert pct(str(Decimal("350.35") - Decimal("348.52")), "348.52") == Decimal("0.53")  # the text's rate uses 350.35
    assert pct(str(Decimal("352.67") - Decimal("348.52")), "348.52") == Decimal("1.19")  # not the restated 352.67
    found = serious("wanli-street-2024-bumen-yusuan")
    assert [rule for rule, _ in found] == ["BL328", "BL329"]
    assert "“增加 0.53%”，按 100 × (352.67 − 348.52) ÷ 348.52 应为 1.19%" in found[0][1]
    assert "2024年预算安排 352.67 万元，与同一项前文住房保障支出（类）住房改革支出（款）住房公积金（项） 350.35 万元不一致（多 2.32 万元）" in found[1][1]


def test_socialwork_2024_growth_from_nothing() -> None:
    # a department founded in 2024 (“主要原因：单位于 2024 年成立”): 307.82 − 307.82 = 0 and 10.23 − 10.23 = 0,
    # so “增长 100.00%” has no base; the rule asks for “无可比性”
    assert Decimal("307.82") - Decimal("307.82") == 0 and Decimal("10.23") - Decimal("10.23") == 0
    found = serious("socialwork-2024-bumen-juesuan")
    assert [rule for rule, _ in found] == ["BL318"] * 4
    assert all("不大于零，不能计算增长率" in message for _, message in found)


@pytest.mark.parametrize("stem", ["commerce-2025-bumen-yusuan", "commerce-2025-danwei-yusuan", "planning-2024-bumen-juesuan",
                                  "template-2024-bumen-juesuan", "wanli-street-2025-bumen-yusuan"])
def test_correct_documents_get_no_warning_or_error(stem: str) -> None:
    assert serious(stem) == []


def test_every_document_is_listed() -> None:
    assert set(DOCUMENTS) == {"commerce-2025-bumen-yusuan", "commerce-2025-danwei-yusuan", "planning-2024-bumen-juesuan",
                              "socialwork-2024-bumen-juesuan", "template-2024-bumen-juesuan", "wanli-street-2024-bumen-yusuan",
                              "wanli-street-2025-bumen-yusuan"}


def test_the_rounding_tails_are_info_and_true() -> None:
    # planning: 完成年初预算的 95.45% for 9746.50 ÷ 10210.34 = 95.457…% (truncated, not rounded)
    assert pct("9746.50", "10210.34") == Decimal("95.46")
    # and its five 类 (社会保障和就业 754.75 + 卫生健康 236.63 + 城乡社区 3832.36 + 自然资源 4461.67 + 住房保障 461.08)
    # sum to 9746.49 under the stated 9746.50: a rounding tail (the section is recognised from the profile's heading)
    assert sum(map(Decimal, ["754.75", "236.63", "3832.36", "4461.67", "461.08"])) == Decimal("9746.49")
    # and its 政府采购 2319.21 against 货物 122.43 + 工程 1387.72 + 服务 809.07 = 2319.22 (its 十一 section's 小节)
    assert sum(map(Decimal, ["122.43", "1387.72", "809.07"])) == Decimal("2319.22")
    assert sorted(f.rule_id for f in findings("planning-2024-bumen-juesuan") if f.severity == Severity.INFO) == [
        "BL306", "BL312", "BL518"]
    # socialwork: 住房保障支出 29.42 ÷ 307.82 = 9.557…%, printed 9.55%
    assert pct("29.42", "307.82") == Decimal("9.56")
    assert [f.rule_id for f in findings("socialwork-2024-bumen-juesuan") if f.severity == Severity.INFO] == ["BL316"]


def test_the_prior_year_comparisons_are_read() -> None:
    """Wanli 2024 states 33 items as “上年执行数 A，本年预算安排 B，比上年……p%”: all read, one contradicted."""
    from budgetlint.engine import lint_text as lint
    from budgetlint.rules.narrative.comparisons import comparisons

    result = lint("w.json", disclosure_text(DOCUMENTS["wanli-street-2024-bumen-yusuan"]), RULES, EngineConfig(enabled=frozenset()))
    assert result.disclosure is not None
    assert sum(1 for c in comparisons(result.disclosure) if c.prior.role == "上年执行") == 33
