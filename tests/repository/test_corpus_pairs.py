"""The real cross-year pair of the corpus: 万里街道 部门预算 2024 and 2025 (../shared/corpus/shanghai-putuo/).

`budgetlint import` (branch pdfimp) is not on main yet, so this test reads the two published PDFs itself
(pdfplumber) for the one part the cross-year rule reads: the 2025 “三公” narrative (its sentences
verbatim) and both years' “三公”经费 tables (one row of figures each). It writes them as two minimal
disclosures in a temporary directory (nothing of the corpus is committed), runs BL802 over the pair and
recomputes every “比 2024 年预算增加/减少 X / 持平” claim here, independently of the rule: every claim is
true of the published documents, and the rule is quiet; with one 2024 figure changed it fires there.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ROOT

from budgetlint.cli import main

CORPUS = ROOT.parent / "shared" / "corpus" / "shanghai-putuo"
PAIR = {2024: CORPUS / "wanli-street-2024-bumen-yusuan.pdf", 2025: CORPUS / "wanli-street-2025-bumen-yusuan.pdf"}
pytestmark = pytest.mark.skipif(not all(p.exists() for p in PAIR.values()), reason="需要 ../shared/corpus 中的万里街道 2024/2025")
# the table's columns, in the order the PDF prints its one row of figures
COLUMNS = ("合计", "因公出国境费", "公务接待费", "小计", "公务用车购置费", "公务用车运行费", "机关运行经费")
DEPARTMENT = "上海市普陀区人民政府万里街道办事处"


def pdf_text(path: Path) -> str:
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def three_public_row(text: str) -> dict[str, str]:
    """The figures row under the 三公 table's header (“小计 购置费 运行费”)."""
    header = text.index("小计 购置费 运行费", text.index("三公”经费和机关运行经费预算表"))
    row = text[header:].split("\n")[1].split()
    assert len(row) == len(COLUMNS) and all(re.fullmatch(r"\d+(\.\d+)?", c) for c in row), row
    return dict(zip(COLUMNS, row))


def narrative(text: str) -> str:
    start = text.index("“三公”经费预算情况说明")
    return text[text.index("\n", start) + 1: text.index("二、机关运行经费预算", start)].strip()


def table(row: dict[str, str]) -> str:
    vehicles = f"{{小计: {row['小计']}, 公务用车购置费: {row['公务用车购置费']}, 公务用车运行费: {row['公务用车运行费']}}}"
    return (f"    本年: {{合计: {row['合计']}, 因公出国境费: {row['因公出国境费']}, 公务用车购置及运行费: {vehicles}, "
            f"公务接待费: {row['公务接待费']}, 机关运行经费: {row['机关运行经费']}}}\n")


def disclosure(year: int, row: dict[str, str], text: str = "") -> str:
    body = "".join(f"          {line}\n" for line in text.splitlines())
    sections = (f"正文:\n  情况说明:\n    章节:\n      - 标题: 一、{year}年“三公”经费预算情况说明\n        主题: 三公经费\n"
                f"        文本: |\n{body}") if text else ""
    return (f"格式版本: 1\n部门: {DEPARTMENT}\n年度: {year}\n类型: 预算\n规范: shanghai\n金额单位: 万元\n{sections}"
            f"表格:\n  三公经费表:\n    编号: T9\n    标题: {year}年部门“三公”经费和机关运行经费预算表\n    单位: 万元\n{table(row)}")


_CLAIM = re.compile(r"([\u4e00-\u9fff（）“”]+?)(\d+(?:\.\d+)?)万元[，。]?比2024年预算(增加|减少)(\d+(?:\.\d+)?)万元")
_LEVEL = {"“三公”经费预算数为": "合计", "公务用车购置及运行费": "小计", "公务用车购置费": "公务用车购置费"}


def test_the_2025_three_public_claims_are_true_of_the_2024_document(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    text25, text24 = pdf_text(PAIR[2025]), pdf_text(PAIR[2024])
    row25, row24, said = three_public_row(text25), three_public_row(text24), narrative(text25)
    # recomputed here: X − Δ (减少: X + Δ) is last year's table figure, for every amount claim
    claims = [(m.group(1), Decimal(m.group(2)), m.group(3), Decimal(m.group(4))) for m in _CLAIM.finditer(said.replace("\n", ""))]
    checked = []
    for label, level, word, delta in claims:
        column = next(c for key, c in _LEVEL.items() if label.endswith(key))
        implied = level - delta if word == "增加" else level + delta
        assert implied == Decimal(row24[column]), (label, implied, row24[column])
        checked.append(column)
    assert sorted(checked) == sorted(["合计", "小计", "公务用车购置费"])  # 37.91 + 10, 36.56 + 10, 15 + 10
    assert row25["公务用车运行费"] == row24["公务用车运行费"] and row25["公务接待费"] == row24["公务接待费"]  # 持平

    (tmp_path / "2025.yaml").write_text(disclosure(2025, row25, said), encoding="utf-8")
    (tmp_path / "2024.yaml").write_text(disclosure(2024, row24), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["check", "--no-config", "-f", "json", "--select", "BL802", "2025.yaml", "2024.yaml"])
    assert json.loads(capsys.readouterr().out)["findings"] == []

    changed = dict(row24, 公务用车购置费="20")  # the 2024 table says 20: “15 万元，减少 10 万元” is now false
    (tmp_path / "2024.yaml").write_text(disclosure(2024, changed), encoding="utf-8")
    main(["check", "--no-config", "-f", "json", "--select", "BL802", "2025.yaml", "2024.yaml"])
    found = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["file"], f["related"][-1]["file"]) for f in found] == [("2025.yaml", "2024.yaml")]
    assert "15" in found[0]["message"] and "25" in found[0]["message"] and "20" in found[0]["message"]


COMMERCE = {"部门": CORPUS / "commerce-2025-bumen-yusuan.pdf", "单位": CORPUS / "commerce-2025-danwei-yusuan.pdf"}
COMMISSION = "上海市普陀区商务委员会"


def basic_total(text: str) -> dict[str, str]:
    """The 合计 row of the 一般公共预算基本支出 table: the last “合计 a b c” line before the 三公 table."""
    heading = re.search(r"“三公”经费和机关运行经费预算表\n编制", text)  # the table, not the 目录 line
    assert heading is not None
    before = text[:heading.start()]
    row = [line for line in before.split("\n") if line.startswith("合计 ")][-1].split()[1:]
    assert len(row) == 3 and all(re.fullmatch(r"[\d,]+\.\d{2}", c) for c in row), row
    return dict(zip(("合计", "人员经费", "公用经费"), (c.replace(",", "") for c in row)))


def commission(kind: str, row: dict[str, str]) -> str:
    # The 部门 is 商务委本部 and 上海市普陀区中小企业服务中心, which “不单列预算” (the 部门 PDF says so): the only
    # unit with its own budget is 本部, published as 上海市普陀区商务委员会 — a unit file named as its department.
    identity = (f"包含单位:\n  - 名称: {COMMISSION}\n" if kind == "部门" else f"所属部门: {COMMISSION}\n")
    return (f"格式版本: 1\n部门: {COMMISSION}\n{identity}年度: 2025\n类型: 预算\n"
            f"规范: {'shanghai' if kind == '部门' else 'shanghai-unit'}\n金额单位: 元\n表格:\n  一般公共预算基本支出表:\n"
            f"    编号: T8\n    合计行: {{合计: {row['合计']}, 人员经费: {row['人员经费']}, 公用经费: {row['公用经费']}}}\n")


def test_the_commission_department_is_its_one_budgeted_unit(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    if not all(p.exists() for p in COMMERCE.values()):
        pytest.skip("需要 ../shared/corpus 中的商务委员会 2025 部门/单位预算")
    texts = {kind: pdf_text(path) for kind, path in COMMERCE.items()}
    assert "中小企业服务中心，不单列预算" in texts["部门"].replace("\n", "")
    rows = {kind: basic_total(text) for kind, text in texts.items()}
    # recomputed here: with one budgeted unit, 部门 = 单位 cell by cell, and 合计 = 人员经费 + 公用经费 in each
    assert rows["部门"] == rows["单位"]
    for row in rows.values():
        assert Decimal(row["合计"]) == Decimal(row["人员经费"]) + Decimal(row["公用经费"])
    for kind, row in rows.items():
        (tmp_path / f"{kind}.yaml").write_text(commission(kind, row), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["check", "--no-config", "-f", "json", "--select", "BL801,BL803,BL806", "部门.yaml", "单位.yaml"])
    assert json.loads(capsys.readouterr().out)["findings"] == []

    changed = dict(rows["单位"], 公用经费="1710026.00")  # two digits swapped in the unit's file
    (tmp_path / "单位.yaml").write_text(commission("单位", changed), encoding="utf-8")
    main(["check", "--no-config", "-f", "json", "--select", "BL803", "部门.yaml", "单位.yaml"])
    found = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["file"], f["related"][0]["file"]) for f in found] == [("部门.yaml", "单位.yaml")]
    assert "1710062.00" in found[0]["message"] and "1710026.00" in found[0]["message"]
