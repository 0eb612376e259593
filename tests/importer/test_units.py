"""`包含单位` of an imported 部门 document (budgetlint/importer/units.py): from the 决算 table of units or the
预算 机构设置 prose, with the names the units' own files declare, and left out — said — when not certain."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from corpus_fixture import corpus_imports  # noqa: F401 (a fixture)

from budgetlint.importer.grid import Origin
from budgetlint.importer.units import PrintedUnit, from_prose, from_table, unit_entry

PLANNING = "上海市普陀区规划和自然资源局"
COMMERCE = "上海市普陀区商务委员会"
WANLI = "上海市普陀区人民政府万里街道办事处"


def test_a_unit_name_is_the_printed_name_without_its_bracketed_role() -> None:
    assert unit_entry(f"{PLANNING}（本级）", PLANNING) == {"名称": PLANNING, "备注": "本级"}
    assert unit_entry(f"{PLANNING}执法大队（下属参公事业单位）", PLANNING) == {
        "名称": f"{PLANNING}执法大队", "备注": "下属参公事业单位"}
    # the role and a printed 备注 cell are both kept
    assert unit_entry("上海市普陀区土地发展中心（下属事业单位）", PLANNING, "不单列预算，并入本级") == {
        "名称": "上海市普陀区土地发展中心", "备注": "下属事业单位；不单列预算，并入本级"}
    assert unit_entry("上海市普陀区社会工作发展服务中心", PLANNING) == {"名称": "上海市普陀区社会工作发展服务中心"}


def test_the_own_body_carries_the_department_name() -> None:
    """本级/本部 is the department's own body; its 单位预算 is published under the department's name (the
    corpus's 商务委员会 单位预算), so an abbreviation ("商务委本部") or a spaced name gets the department's."""
    assert unit_entry("商务委本部", COMMERCE) == {"名称": COMMERCE, "备注": "本部"}
    assert unit_entry(f"{WANLI}（本部）。", WANLI) == {"名称": WANLI, "备注": "本部"}
    assert unit_entry("上海市 XX 局（本级）", "上海市XX局") == {"名称": "上海市XX局", "备注": "本级"}
    # a 本级 printed with a name that is not the department's (nor a shortening of it) keeps its own name
    assert unit_entry("上海市普陀区档案馆（本级）", COMMERCE) == {"名称": "上海市普陀区档案馆", "备注": "本级"}


def _parts(text: str, page: int = 5) -> dict[str, Any]:
    return {"概况": {"章节": [{"标题": "一、主要职能", "文本": "负责……。\n"},
                              {"标题": "二、机构设置", "文本": text, "页码": page}]}}


WANLI_TEXT = (f"{WANLI}部门预算是包括万里街道本部以及下属 2 家预算单位的综合收支计划。\n"
              "本部门中，行政单位 1 家，事业单位 2 家，具体包括：\n"
              f"1. {WANLI}（本部）。\n2. 上海市普陀区万里街道社区事务受理服务中心。\n"
              "3. 上海市普陀区万里街道社区党群服务中心。\n")


def test_a_numbered_list_whose_counts_agree_is_read() -> None:
    units = from_prose(_parts(WANLI_TEXT), WANLI, "x.pdf")
    assert units.findings == ()
    assert units.entries == ({"名称": WANLI, "备注": "本部"}, {"名称": "上海市普陀区万里街道社区事务受理服务中心"},
                             {"名称": "上海市普陀区万里街道社区党群服务中心"})


def test_a_remark_on_the_budget_scope_is_kept_and_a_description_is_not() -> None:
    text = (f"{COMMERCE}部门预算是包括商务委本部以及下属1家预算单位的综合收支计划。\n本部门中，行政单位1家，事业单位1家，具体包括：\n"
            f"1. 商务委本部，{COMMERCE}机关设9个内设机构，包括：办公室、综合调研科、商业发展科、市场秩序科（粮食和物资\n"
            "储备科）、产业发展科。\n2. 上海市普陀区中小企业服务中心，不单列预算。\n")
    units = from_prose(_parts(text), COMMERCE, "x.pdf")
    assert units.entries == ({"名称": COMMERCE, "备注": "本部"}, {"名称": "上海市普陀区中小企业服务中心", "备注": "不单列预算"})


@pytest.mark.parametrize(("text", "why"), [
    (WANLI_TEXT.replace("下属 2 家", "下属 3 家").replace("事业单位 2 家", "事业单位 3 家"), "列出 3 个单位，而文中的单位数是 4"),
    (WANLI_TEXT.replace("事业单位 2 家", "事业单位 1 家"), "列出 3 个单位，而文中的单位数是 2、3"),
    (WANLI_TEXT.replace("3. 上海", "4. 上海"), "单位列表的编号不连续（1、2、4）"),
    (WANLI_TEXT.split("1. ")[0], "“具体包括：”之后没有编号的单位列表"),
])
def test_a_list_that_is_not_certain_is_left_out_and_said(text: str, why: str) -> None:
    units = from_prose(_parts(text), WANLI, "x.pdf")
    assert units.entries == ()
    (finding,) = units.findings
    assert finding.message == f"机构设置中的单位列表无法确定（{why}）：包含单位未填写"
    assert finding.severity == "warning" and finding.origin.page == 5 and finding.text.startswith(WANLI)


def test_units_stated_but_not_listed_are_said() -> None:
    text = f"{WANLI}部门预算是包括万里街道本部以及下属 5 家预算单位的综合收支计划。\n"
    units = from_prose(_parts(text), WANLI, "x.pdf")
    assert units.entries == ()
    assert [f.message for f in units.findings] == ["文中说部门包括 6 家单位，但没有逐一列出名称：包含单位未填写"]


def test_a_numbered_list_of_duties_is_not_a_list_of_units() -> None:
    duties = {"标题": "一、主要职能", "文本": "主要职责具体包括：\n1. 贯彻执行国家有关商务工作的方针政策，拟订本区实施意见。\n"
                                             "2. 负责推进本区商贸服务业发展。\n"}
    parts = _parts(WANLI_TEXT)
    parts["概况"]["章节"][0] = duties
    assert from_prose(parts, WANLI, "x.pdf").entries[0] == {"名称": WANLI, "备注": "本部"}
    assert from_prose({"概况": {"章节": [duties]}}, WANLI, "x.pdf") == ((), ())


def test_a_single_body_or_no_list_says_nothing() -> None:
    assert from_prose(_parts(f"{COMMERCE}机关设9个内设机构，包括：办公室、综合调研科。\n"), COMMERCE, "x.pdf") == ((), ())


def test_placeholder_rows_of_a_template_table_are_not_units() -> None:
    origin = Origin("t.pdf", page=4)
    rows = [PrintedUnit("上海市 XX 局（本级）", "", origin, "1 上海市 XX 局（本级）"),
            PrintedUnit("上海市 XX 中心", "", origin, "2 上海市 XX 中心"),
            PrintedUnit("。。。", "", origin, "3 。。。")]
    units = from_table(rows, "上海市XX局")
    assert units.entries == ({"名称": "上海市XX局", "备注": "本级"}, {"名称": "上海市 XX 中心"})
    assert [(f.severity, f.text) for f in units.findings] == [("warning", "3 。。。")]


def test_the_corpus_departments_list_their_units(corpus_imports: dict[str, Any]) -> None:
    """The prose of the two 部门预算 layouts and the 决算 tables of units, read from the PDFs."""
    def units(name: str) -> list[dict[str, str]]:
        return corpus_imports[name][1].data.get("包含单位", [])

    assert units("commerce-2025-bumen-yusuan.pdf") == [
        {"名称": COMMERCE, "备注": "本部"}, {"名称": "上海市普陀区中小企业服务中心", "备注": "不单列预算"}]
    for year in (2024, 2025):
        listed = units(f"wanli-street-{year}-bumen-yusuan.pdf")
        assert listed[0] == {"名称": WANLI, "备注": "本部"} and len(listed) == 6  # 本部以及下属 5 家
        assert all(u["名称"].startswith("上海市普陀区万里街道") and "备注" not in u for u in listed[1:])
    assert units("planning-2024-bumen-juesuan.pdf")[:2] == [
        {"名称": PLANNING, "备注": "本级"}, {"名称": f"{PLANNING}执法大队", "备注": "下属参公事业单位"}]
    assert units("socialwork-2024-bumen-juesuan.pdf") == [
        {"名称": "中共上海市普陀区委社会工作部", "备注": "本级"}, {"名称": "上海市普陀区社会工作发展服务中心"}]
    assert [u["名称"] for u in units("template-2024-bumen-juesuan.pdf")] == ["上海市XX局", "上海市 XX 中心", "上海市 XX 研究所"]
    assert units("commerce-2025-danwei-yusuan.pdf") == []  # a 单位 document lists no units
    template = corpus_imports["template-2024-bumen-juesuan.pdf"][1]
    assert len([f for f in template.findings if "单位构成表中的省略行" in f.message]) == 5


def test_the_imported_commerce_pair_is_checked_unit_by_unit(corpus_imports: dict[str, Any], tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Repository mode on the two imported files as written by `budgetlint import`: the 部门 lists 本部 (whose
    单位预算 is the other file) and a centre that 不单列预算; BL803 sums the 部门's tables against the one unit
    file and finds nothing (the published pair agrees); with one unit figure changed it says so."""
    from budgetlint.cli import main
    from budgetlint.importer.command import render

    for name in ("commerce-2025-bumen-yusuan.pdf", "commerce-2025-danwei-yusuan.pdf"):
        out = tmp_path / name.replace(".pdf", ".yaml")
        out.write_text(render(corpus_imports[name][1], out, Path(name)), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    files = ["commerce-2025-bumen-yusuan.yaml", "commerce-2025-danwei-yusuan.yaml"]
    main(["check", "--no-config", "-f", "json", "--select", "BL801,BL803,BL806", *files])
    assert json.loads(capsys.readouterr().out)["findings"] == []

    unit = tmp_path / files[1]
    text = unit.read_text(encoding="utf-8")
    assert text.count("公用经费: 1710062.00}") == 1  # T8's 合计行 of the 单位预算
    unit.write_text(text.replace("公用经费: 1710062.00}", "公用经费: 1710026.00}"), encoding="utf-8")
    main(["check", "--no-config", "-f", "json", "--select", "BL803", *files])
    found = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["file"], f["related"][0]["file"]) for f in found] == [(files[0], files[1])]
    assert "1710062.00" in found[0]["message"] and "1710026.00" in found[0]["message"]
