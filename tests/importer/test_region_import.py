"""`budgetlint import` of the national, Henan and Sichuan 部门预算 layouts (importer/regions.py).

No document of these regions is committed: each test lays the tables of a format v1 file out as the region
prints them (tests/importer/region_layouts.py — Henan after the seed's pdftotext, titles with "预算 01 表"),
writes them as a workbook, imports it and compares the imported tables with the source, every amount; then
`budgetlint check` must say the same of the imported tables as of the source.
"""

from __future__ import annotations

import re

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from budgetlint.engine import EngineConfig, lint_text
from budgetlint.importer.command import import_file
from budgetlint.rule import load_rules
from budgetlint.source import load_data

sys.path.insert(0, str(Path(__file__).parent))
from region_layouts import henan_tables, national_tables, write_workbook

ROOT = Path(__file__).resolve().parents[2]
HENAN = ROOT / "examples" / "henan-2023-weibin-kjgxj.yaml"
NATIONAL = ROOT / "tests" / "fixtures" / "clean-national-2024.yaml"
SICHUAN = ROOT / "tests" / "fixtures" / "clean-sichuan-2024.yaml"


def _load(path: Path) -> dict[str, Any]:
    return load_data(path.read_text(encoding="utf-8"), path.name)


def comparable(value: Any) -> Any:
    """Without import provenance (页码, 单元格) and blank cells (an omitted key and null are the same, format §3)."""
    if isinstance(value, dict):
        kept = {k: comparable(v) for k, v in value.items() if k not in ("页码", "单元格") and v is not None}
        return {k: v for k, v in kept.items() if v != {}}
    if isinstance(value, list):
        return [comparable(v) for v in value]
    return value


def same_tables(imported: dict[str, Any], source: dict[str, Any]) -> dict[str, Any]:
    """The imported tables, compared key by key with the source's. A table's 单位, 年度 and 部门 are printed in
    its heading; where the source leaves them out they are the document's own (format §3: 单位 defaults to
    金额单位), so the imported table may carry them only with the document's value."""
    out = {}
    for key, table in imported["表格"].items():
        table = comparable(table)
        expected = comparable(source["表格"][key])
        for name, document_value in (("单位", source["金额单位"]), ("年度", source["年度"]), ("部门", source["部门"])):
            if name in table and name not in expected:
                assert table.pop(name) == document_value, (key, name)
        out[key] = table
        assert table == expected, key
    return out


def _import(tmp_path: Path, name: str, tables: list[Any]) -> Any:
    return import_file(write_workbook(tmp_path / name, tables), None)


@pytest.mark.parametrize("same_line", [False, True], ids=["number-on-its-own-line", "number-on-the-title-line"])
def test_henan_tables_round_trip(tmp_path: Path, same_line: bool) -> None:
    source = _load(HENAN)
    imported = _import(tmp_path, "henan.xlsx", henan_tables(source, same_line))
    assert imported.profile == "henan"  # detected from "2023 年部门收支预算表" … under "预算 01 表"
    assert imported.findings == ()  # every printed cell has its place: the number lines, "2023 年度", the notes
    assert set(imported.data["表格"]) == set(source["表格"])
    same_tables(imported.data, source)
    tables = imported.data["表格"]
    # the printed numbers and headings, as in the transcription
    assert [t["编号"] for t in tables.values()] == [f"预算{n:02d}表" for n in range(1, 13)]
    assert tables["收支总表"]["部门"] == "新乡市卫滨区科技和工业信息化局"
    assert tables["整体绩效目标表"]["年度"] == 2023  # printed "（2023 年度）" under a title without a year
    # the function rows printed by ordinal only keep their code implicit (the profile: ordinal + 200)
    science = tables["收支总表"]["支出"]["功能分类"][5]
    assert comparable(science) == {"项目": "六、科学技术", "金额": source["表格"]["收支总表"]["支出"]["功能分类"][5]["金额"]}
    # the department total, printed first without a label, is the 合计行
    assert str(tables["收入表"]["合计行"]["总计"]) == "293.68"


@pytest.mark.parametrize("path, numbered, profile", [(NATIONAL, False, "national"), (SICHUAN, True, "sichuan")])
def test_national_and_sichuan_tables_round_trip(tmp_path: Path, path: Path, numbered: bool, profile: str) -> None:
    source = _load(path)
    imported = _import(tmp_path, f"{profile}.xlsx", national_tables(source, numbered))
    assert imported.profile == profile
    assert imported.findings == ()
    assert set(imported.data["表格"]) == set(source["表格"])
    same_tables(imported.data, source)
    # 科目 rows printed by name get their 类 code (the national template prints no ordinal)
    rows = imported.data["表格"]["收支总表"]["支出"]["功能分类"]
    assert [(r["项目"], r["编码"]) for r in rows][:2] == [("社会保障和就业支出", "208"), ("卫生健康支出", "210")]


RULES = load_rules()


def _findings(data: dict[str, Any], name: str) -> Counter[tuple[str, str, str]]:
    from budgetlint.importer.writer import to_yaml

    result = lint_text(name, to_yaml(data), RULES, EngineConfig())
    assert not result.unreadable and not result.internal_error
    # a finding on imported data ends with where it was read (“（Excel 预算01!C18）”): the same finding otherwise
    return Counter((f.rule_id, f.severity.label, re.sub(r"（(?:Excel .+?|PDF 第 \d+ 页)）$", "", f.message))
                   for f in result.findings)


@pytest.mark.parametrize("path, build", [
    (HENAN, henan_tables),
    (NATIONAL, lambda doc: national_tables(doc, False)),
    (SICHUAN, lambda doc: national_tables(doc, True)),
])
def test_check_says_the_same_of_the_imported_tables(tmp_path: Path, path: Path, build: Any) -> None:
    """The source document with its tables replaced by the imported ones: the same findings, message for
    message (the Henan example's own contradictions: 预算11 291.38 against 预算01 293.68 …)."""
    source = _load(path)
    imported = _import(tmp_path, "t.xlsx", build(source))
    rebuilt = {**source, "表格": imported.data["表格"]}
    expected = _findings(source, path.name)
    assert _findings(rebuilt, path.name) == expected
    if path == HENAN:
        assert any(rule == "BL211" for rule, _, _ in expected)  # the contradictions are there to be found


def test_detection_keeps_each_region_apart(tmp_path: Path) -> None:
    """A document printing Henan's titles is henan; the national template printed under Sichuan's titles
    (“一般公共预算支出预算表”) but without Sichuan's own tables (表2-1, 表3-2, 表4-1) is national."""
    from budgetlint.importer.document import detect_profile
    from budgetlint.importer.xlsx import read_xlsx

    national = _load(NATIONAL)
    grids = read_xlsx(write_workbook(tmp_path / "n.xlsx", national_tables(national, False))).grids
    assert detect_profile(grids) == "national"
    sichuan = _load(SICHUAN)
    grids = read_xlsx(write_workbook(tmp_path / "s.xlsx", national_tables(sichuan, True))).grids
    assert detect_profile(grids) == "sichuan"
    henan = _load(HENAN)
    grids = read_xlsx(write_workbook(tmp_path / "h.xlsx", henan_tables(henan))).grids
    assert detect_profile(grids) == "henan"


pytest.importorskip("pdfplumber")
from region_pdf import narrative_lines, write_pdf


def _outline(part: dict[str, Any]) -> tuple[list[str], str]:
    """A part's section headings (subsections included, in order) and its text without blanks: how the PDF
    breaks lines and splits the 名词解释 into sections is the printer's, the words are the document's."""
    titles: list[str] = []
    texts: list[str] = []

    def walk(sections: list[dict[str, Any]]) -> None:
        for section in sections:
            if "标题" in section:
                titles.append(section["标题"])
            texts.append(section.get("文本", ""))
            walk(section.get("小节", []))

    walk(part.get("章节", []))
    return titles, "".join("".join(texts).split())


@pytest.mark.parametrize("path, build, profile", [
    (HENAN, henan_tables, "henan"),
    (NATIONAL, lambda doc: national_tables(doc, False), "national"),
    (SICHUAN, lambda doc: national_tables(doc, True), "sichuan"),
    # the constructed examples with their contradictions; Sichuan's prints 表4 over the 表4-1 table (BL013)
    (ROOT / "examples" / "national-2024-budget-huimin-bangfu.yaml", lambda doc: national_tables(doc, False), "national"),
    (ROOT / "examples" / "sichuan-2024-huimin-bangfu.yaml", lambda doc: national_tables(doc, True), "sichuan"),
])
def test_a_whole_pdf_imports_and_checks_as_its_source(tmp_path: Path, path: Path, build: Any, profile: str) -> None:
    """Narrative pages as the Henan seed prints them ("第二部分" alone on its line, no cover; the 29 duties
    of the 概况 start with "（一）" but are text) and the ruled tables: every part, section and table comes
    back, and `budgetlint check` gives the source's findings, each now with its PDF page."""
    import re

    from budgetlint.importer.command import render

    source = _load(path)
    pdf = write_pdf(tmp_path / f"{profile}.pdf", narrative_lines(source), build(source))
    imported = import_file(pdf, None)
    assert imported.profile == profile
    assert imported.findings == ()
    same_tables(imported.data, source)
    assert list(imported.data["正文"]) == list(source["正文"])
    for key, part in source["正文"].items():
        assert _outline(imported.data["正文"][key]) == _outline(part), key
        assert imported.data["正文"][key]["标题"] == part.get("标题", key)
    assert imported.data.get("附件标题") == source.get("附件标题")  # Henan's "附件：X 2023 年度部门预算表"
    text = render(imported, tmp_path / "out.yaml", pdf)

    def findings(yaml_text: str) -> Counter[tuple[str, str, str]]:
        result = lint_text(path.name, yaml_text, RULES, EngineConfig())
        return Counter((f.rule_id, f.severity.label, re.sub(r"（PDF 第 \d+ 页）$", "", f.message)) for f in result.findings)

    assert findings(text) == findings(path.read_text(encoding="utf-8"))
    # and the narrative figures are checked as in the source: a printed blank cell is null, not absent
    from budgetlint.cli_claims import coverage_report

    out = tmp_path / "out.yaml"
    out.write_text(text, encoding="utf-8")
    assert coverage_report([str(out)]).split("：")[1].splitlines()[0] == \
        coverage_report([str(path)]).split("：")[1].splitlines()[0]


def test_a_table_continued_on_the_next_page_without_its_header(tmp_path: Path) -> None:
    """预算12 over two pages, the second without title or header, broken inside a project: the second page
    starts with that project's remaining indicators ("解决问题 | ≥40 个", no code, no name), which are body
    rows of the same project, not a header."""
    from region_layouts import split_pages

    source = _load(HENAN)
    tables = henan_tables(source)
    last = tables[-1]
    first_project = min(r for r, c, value, rs, _ in last.cells if c == 0 and rs > 1 and r > 2)  # under the header
    tables[-1:] = split_pages(last, first_project + 1)  # the first project prints 3 rows of indicators
    imported = import_file(write_pdf(tmp_path / "henan.pdf", narrative_lines(source), tables), None)
    assert imported.findings == ()
    same_tables(imported.data, source)
    assert len(imported.table_pages["项目绩效目标表"]) == 2


def test_three_public_rows_labelled_by_year_and_a_table_in_yuan(tmp_path: Path) -> None:
    """A 三公 table printing 上年/本年 as labelled rows ("2023年预算数 | 5.60 | …") instead of column groups,
    and a heading "单位：元": the rows go to 上年/本年 and the table's unit is 元 as printed."""
    from region_layouts import THREE_PUBLIC, Printed, _amounts

    source = _load(NATIONAL)
    data = source["表格"]["三公经费表"]
    t = Printed("三公", [[data["标题"]], ["部门：某县惠民帮扶中心", "单位：元"]], 7)
    t.add(0, 0, "项目", 2, 1)
    t.add(0, 1, "“三公”经费合计", 2, 1)
    t.add(0, 2, "因公出国（境）费", 2, 1)
    t.add(0, 3, "公务用车购置及运行费", 1, 3)
    t.add(0, 6, "公务接待费", 2, 1)
    for col, text in ((3, "小计"), (4, "公务用车购置费"), (5, "公务用车运行费")):
        t.add(1, col, text)
    for row, (label, key) in enumerate((("2023年预算数", "上年"), ("2024年预算数", "本年")), start=2):
        t.add(row, 0, label)
        _amounts(t, row, {c + 1: p for c, p in THREE_PUBLIC.items()}, data[key])
    imported = import_file(write_workbook(tmp_path / "t.xlsx", [t]), "national")
    table = imported.data["表格"]["三公经费表"]
    assert table["单位"] == "元"
    assert comparable({"本年": table["本年"], "上年": table["上年"]}) == comparable({"本年": data["本年"], "上年": data["上年"]})
    # only the 三公 table: every other required table is reported missing, nothing else
    assert {f.message for f in imported.findings if "没有找到" not in f.message} == set()


def test_the_overall_form_continued_inside_a_merged_indicator_group(tmp_path: Path) -> None:
    """预算11 broken inside its 投入管理指标 / 预算和财务管理 group: the merged 一级/二级 cells print on the first
    page; the second page's rows, under empty boxes, are still of that group (as the transcription has them)."""
    from region_layouts import split_pages

    source = _load(HENAN)
    tables = henan_tables(source)
    form = tables[10]
    header = next(r for r, c, value, _, _ in form.cells if value == "一级指标")
    tables[10:11] = split_pages(form, header + 6)  # the 6th indicator: 预算执行率, inside 预算和财务管理
    imported = import_file(write_pdf(tmp_path / "henan.pdf", narrative_lines(source), tables), None)
    assert imported.findings == ()
    same_tables(imported.data, source)
    assert len(imported.table_pages["整体绩效目标表"]) == 2


def test_central_template_labels(tmp_path: Path) -> None:
    """The central departments' wording of the same tables: 收入 rows “一、一般公共预算财政拨款收入”, a 部门收入总表
    with its sources flat (合计 | 上年结转 | 一般公共预算财政拨款收入 …, no 本年收入 group) by 科目, and 财政拨款收支总表
    columns “一般公共预算财政拨款”."""
    from decimal import Decimal as D

    from region_layouts import Printed

    heading = [["部门：某部", "单位：万元"]]
    balance = Printed("收支总表", [["2024年部门收支总表"], *heading], 4)
    balance.add(0, 0, "收入", 1, 2)
    balance.add(0, 2, "支出", 1, 2)
    for col, text in enumerate(["项目", "预算数", "项目", "预算数"]):
        balance.add(1, col, text)
    for row, (income, amount, expense, spent) in enumerate([
        ("一、一般公共预算财政拨款收入", D("100.00"), "一、一般公共服务支出", D("90.00")),
        ("二、政府性基金预算财政拨款收入", None, "二、社会保障和就业支出", D("30.00")),
        ("三、事业收入", D("20.00"), None, None),
        ("本年收入合计", D("120.00"), "本年支出合计", D("120.00")),
        ("收入总计", D("120.00"), "支出总计", D("120.00")),
    ], start=2):
        for col, value in enumerate((income, amount, expense, spent)):
            balance.add(row, col, value)
    income = Printed("收入总表", [["2024年部门收入总表"], *heading], 8)
    income.add(0, 0, "项目", 1, 2)
    for col, text in enumerate(["合计", "上年结转", "一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "事业收入",
                                "其他收入"], start=2):
        income.add(0, col, text, 2, 1)
    income.add(1, 0, "科目编码")
    income.add(1, 1, "科目名称")
    income.add(2, 0, "合计", 1, 2)
    for col, value in ((2, D("120.00")), (4, D("100.00")), (6, D("20.00"))):
        income.add(2, col, value)
    for col, value in ((0, "208"), (1, "社会保障和就业支出"), (2, D("30.00")), (4, D("30.00"))):
        income.add(3, col, value)
    imported = import_file(write_workbook(tmp_path / "central.xlsx", [balance, income]), "national")
    assert {f.message for f in imported.findings if "没有找到" not in f.message} == set()
    tables = comparable(imported.data["表格"])
    assert tables["收支总表"]["收入"] == {"一般公共预算": D("100.00"), "事业收入": D("20.00"), "本年收入合计": D("120.00"),
                                       "收入总计": D("120.00")}
    assert [(r["项目"], r["编码"]) for r in tables["收支总表"]["支出"]["功能分类"]] == [
        ("一、一般公共服务支出", "201"), ("二、社会保障和就业支出", "208")]
    assert tables["收入表"]["合计行"] == {"总计": D("120.00"), "本年收入": {"一般公共预算": D("100.00"), "事业收入": D("20.00")}}
    assert tables["收入表"]["明细"] == [{"编码": "208", "名称": "社会保障和就业支出", "总计": D("30.00"),
                                     "本年收入": {"一般公共预算": D("30.00")}}]


def test_henan_tables_under_other_titles_are_found_by_their_numbers(tmp_path: Path) -> None:
    """A Henan document of another year or city titling 预算01–04 as the national template does (“部门收支总表”…):
    the numbers printed with the titles find the tables, and the document is still Henan's."""
    import copy

    source = copy.deepcopy(_load(HENAN))
    renamed = {"收支总表": "2023 年部门收支总表", "收入表": "2023 年部门收入总表", "支出表": "2023 年部门支出总表",
               "财政拨款收支总表": "2023 年财政拨款收支总表"}
    for key, title in renamed.items():
        source["表格"][key]["标题"] = title
    imported = _import(tmp_path, "henan.xlsx", henan_tables(source))
    assert imported.profile == "henan"
    assert imported.findings == ()
    same_tables(imported.data, source)


def test_henan_tables_stacked_on_one_sheet_with_unit_rows(tmp_path: Path) -> None:
    """An export with all twelve tables on one sheet: 预算11's number, printed above its title, is not a note of
    预算10; and 预算02 with the department's units under its total (单位编码, 单位名称)."""
    import copy
    from decimal import Decimal as D

    source = copy.deepcopy(_load(HENAN))
    total = source["表格"]["收入表"]["合计行"]
    source["表格"]["收入表"]["明细"] = [
        {"单位编码": "419001", "单位名称": "新乡市卫滨区科技和工业信息化局本级", "总计": D("290.00"),
         "本年收入": {"合计": D("108.40"), "一般公共预算": D("108.40"), "其中财政拨款": D("108.40")},
         "上年结转结余": {"合计": D("181.60"), "一般公共预算": D("181.60")}},
        {"单位编码": "419002", "单位名称": "新乡市卫滨区工业信息技术服务中心", "总计": D("3.68"),
         "本年收入": {"合计": D("3.68"), "一般公共预算": D("3.68"), "其中财政拨款": D("3.68")}},
    ]
    assert total["总计"] == D("293.68")
    imported = import_file(write_workbook(tmp_path / "henan.xlsx", henan_tables(source), one_sheet=True), None)
    assert imported.profile == "henan"
    assert imported.findings == ()
    same_tables(imported.data, source)
    assert "说明" not in imported.data["表格"]["项目支出表"]


def test_titles_printed_with_other_quotes_and_brackets(tmp_path: Path) -> None:
    """"三公" in ASCII quotes or none, (部门经济分类科目) in half-width brackets: still the profile's tables."""
    import copy

    source = copy.deepcopy(_load(SICHUAN))
    printed = {"三公经费表": '2024年一般公共预算"三公"经费支出预算表',
               "政府性基金三公经费表": "2024年政府性基金预算三公经费支出预算表",
               "财政拨款支出经济分类表": "2024年财政拨款支出预算表(部门经济分类科目)"}
    for key, title in printed.items():
        source["表格"][key]["标题"] = title
    imported = _import(tmp_path, "sichuan.xlsx", national_tables(source, True))
    assert imported.profile == "sichuan"
    assert imported.findings == ()
    same_tables(imported.data, source)
