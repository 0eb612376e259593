"""Economic-class columns of an imported table: the 政府经济分类 columns a 基本支出 table may print beside the
部门 economic class go to 政府经济分类编码/名称 (docs/format.md §3.5); where the format has no place for a
printed column, import says which column and how many cells — never silently.

The seven corpus PDFs print T8 with the 部门预算经济分类 (类/款) only, so the layout with both classes is
built here as a workbook export would have it (openpyxl; nothing binary committed).
"""

from __future__ import annotations

import sys
from decimal import Decimal as D
from pathlib import Path

from budgetlint.importer.command import import_file, render, schema_problems

sys.path.insert(0, str(Path(__file__).parent))
from xlsx_builders import SheetSpec, income_table, write


def basic_table_with_government_class() -> SheetSpec:
    """T8 with both classes: 部门预算经济分类科目 (编码 类 | 款, 名称) | 政府预算经济分类科目 (编码 类 | 款, 名称) |
    合计 | 人员经费 | 公用经费 — the 部门 code 30101 beside the government code 50101."""
    spec = SheetSpec("表8", "2025年部门一般公共预算基本支出部门预算经济分类预算表",
                     ("编制部门：上海市普陀区商务委员会", "单位：元"), 9)
    spec.header = [
        ["项目", None, None, None, None, None, "一般公共预算基本支出", None, None],
        ["部门预算经济分类科目", None, None, "政府预算经济分类科目", None, None, "合计", "人员经费", "公用经费"],
        ["编码", None, "名称", "编码", None, "名称", None, None, None],
        ["类", "款", None, "类", "款", None, None, None, None],
    ]
    spec.merges = ["A3:F3", "G3:I3", "A4:C4", "D4:F4", "G4:G6", "H4:H6", "I4:I6", "A5:B5", "C5:C6", "D5:E5", "F5:F6"]
    spec.body = [
        ["301", None, "工资福利支出", "501", None, "机关工资福利支出", D("100.00"), D("100.00"), None],
        ["301", "01", "基本工资", "501", "01", "工资奖金津补贴", D("60.00"), D("60.00"), None],
        ["301", "02", "津贴补贴", "501", "01", "工资奖金津补贴", D("40.00"), D("40.00"), None],
        ["302", None, "商品和服务支出", "502", None, "机关商品和服务支出", D("20.00"), None, D("20.00")],
        ["302", "01", "办公费", "502", "01", "办公经费", D("20.00"), None, D("20.00")],
        ["合计", None, None, None, None, None, D("120.00"), D("100.00"), D("20.00")],
    ]
    return spec


def test_the_government_economic_class_of_a_basic_expenditure_table_is_imported(tmp_path: Path) -> None:
    """Before: the 政府 code parts were joined onto the 部门 code ("3010150101") and the 政府 name replaced
    the 部门 name — a file the schema refuses."""
    path = write(tmp_path / "t8.xlsx", [basic_table_with_government_class()])
    imported = import_file(path, "shanghai")
    table = imported.data["表格"]["一般公共预算基本支出表"]
    rows = [{k: v for k, v in row.items() if k != "单元格"} for row in table["明细"]]
    assert rows[:2] == [
        {"编码": "301", "名称": "工资福利支出", "政府经济分类编码": "501", "政府经济分类名称": "机关工资福利支出",
         "合计": D("100.00"), "人员经费": D("100.00")},
        {"编码": "30101", "名称": "基本工资", "政府经济分类编码": "50101", "政府经济分类名称": "工资奖金津补贴",
         "合计": D("60.00"), "人员经费": D("60.00")},
    ]
    assert [row["政府经济分类编码"] for row in rows] == ["501", "50101", "50101", "502", "50201"]
    assert table["合计行"] == {"合计": D("120.00"), "人员经费": D("100.00"), "公用经费": D("20.00")}
    # nothing about the table is unplaced; the written file is one budgetlint reads without structure errors
    assert not [f for f in imported.findings if "表8" in f.render() or "基本支出" in f.message]
    text = render(imported, tmp_path / "t8.yaml", path)
    assert schema_problems(text, "t8.yaml") == []
    assert '政府经济分类编码: "50101"' in text


def test_a_government_class_column_without_a_place_is_named_with_its_cell_count(tmp_path: Path) -> None:
    """The same two columns printed in a table whose format rows have no 政府经济分类 keys (T2 收入表): each column
    is reported once, by its printed header, with the number of cells left out; the rows keep their own code."""
    spec = income_table()
    spec.width = 11
    spec.header = [
        [*spec.header[0][:4], None, None, *spec.header[0][4:]],
        [*spec.header[1][:4], "政府预算经济分类科目", None, *spec.header[1][4:]],
        [*spec.header[2][:4], "编码", "名称", *spec.header[2][4:]],
    ]
    spec.merges = ["A3:F3", "G3:K3", "A4:C4", "D4:D5", "E4:F4", "G4:G5", "H4:H5", "I4:I5", "J4:J5", "K4:K5"]
    spec.body = [[*row[:4], "501" if row[0] != "合计" else None, "机关工资福利支出" if row[0] != "合计" else None,
                  *row[4:]] for row in spec.body]
    imported = import_file(write(tmp_path / "t2.xlsx", [spec]), "shanghai")
    rows = imported.data["表格"]["收入表"]["明细"]
    assert [row["编码"] for row in rows] == ["201", "20113", "2011301", "2011302", "2011350", "2011399"]
    assert not any("政府经济分类编码" in row for row in rows)
    said = sorted(f.message for f in imported.findings if "政府经济分类" in f.message)
    assert said == [
        "列“项目/政府预算经济分类科目/名称”（政府经济分类）在格式的“收入表”中没有位置，该列 6 个单元格未导入",
        "列“项目/政府预算经济分类科目/编码”（政府经济分类）在格式的“收入表”中没有位置，该列 6 个单元格未导入",
    ]
    assert all(f.severity == "warning" for f in imported.findings if "政府经济分类" in f.message)


def test_an_unknown_column_that_prints_nothing_is_named(tmp_path: Path) -> None:
    """A column the format has no key for (“财政专户管理资金” in T2) with no figure in it: nothing is lost, and the
    column is still named (before: dropped without a word)."""
    spec = income_table()
    spec.width = 10
    spec.header = [[*row, None] for row in spec.header]
    spec.header[1][9] = "财政专户管理资金"
    spec.merges = [*[m for m in spec.merges if m != "E3:I3"], "E3:J3", "J4:J5"]
    spec.body = [[*row, None] for row in spec.body]
    imported = import_file(write(tmp_path / "t2.xlsx", [spec]), "shanghai")
    said = [f for f in imported.findings if "财政专户管理资金" in f.message]
    assert [f.message for f in said] == ["列“收入预算/财政专户管理资金”无法识别（格式中没有对应的键），该列没有印出数字，未导入"]
    assert said[0].severity == "warning" and said[0].text == "2025年部门收入预算总表"
    assert imported.data["表格"]["收入表"]["合计行"]["总计"] == D("21601733.00")


def national_basic_final_table() -> SheetSpec:
    """公开06表 as the national 决算 template prints it: 人员经费 over one (编码 | 名称 | 决算数) group and 公用经费
    over two, closed by “人员经费合计 … | 公用经费合计 …” whose labels span the code and name columns."""
    spec = SheetSpec("公开06表", "一般公共预算财政拨款基本支出决算表", ("编制单位：某局", "单位：万元"), 9)
    spec.header = [
        ["人员经费", None, None, "公用经费", None, None, None, None, None],
        ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"],
    ]
    spec.merges = ["A3:C3", "D3:I3", "A9:B9", "D9:H9"]
    spec.body = [
        ["301", "工资福利支出", D("90.00"), "302", "商品和服务支出", D("8.00"), "310", "资本性支出", D("2.00")],
        ["30101", "基本工资", D("50.00"), "30201", "办公费", D("5.00"), "31002", "办公设备购置", D("2.00")],
        ["30102", "津贴补贴", D("40.00"), "30205", "水费", D("3.00"), None, None, None],
        ["人员经费合计", None, D("90.00"), "公用经费合计", None, None, None, None, D("10.00")],
    ]
    return spec


def test_a_basic_final_table_of_three_groups_keeps_every_group(tmp_path: Path) -> None:
    """Before: every cell right of the third column went to one group, so the 310 group overwrote the 302 group's
    codes, names and amounts without a word (302 商品和服务支出 8.00 was lost)."""
    imported = import_file(write(tmp_path / "06.xlsx", [national_basic_final_table()]), "national-juesuan")
    table = imported.data["表格"]["一般公共预算财政拨款基本支出决算表"]
    rows = [(row["编码"], row["名称"], row["合计"]) for row in table["明细"]]
    assert rows == [
        ("301", "工资福利支出", D("90.00")), ("30101", "基本工资", D("50.00")), ("30102", "津贴补贴", D("40.00")),
        ("302", "商品和服务支出", D("8.00")), ("30201", "办公费", D("5.00")), ("30205", "水费", D("3.00")),
        ("310", "资本性支出", D("2.00")), ("31002", "办公设备购置", D("2.00")),
    ]
    assert table["合计行"] == {"人员经费": D("90.00"), "公用经费": D("10.00")}
    assert not [f for f in imported.findings if "公开06表" in f.render()]


def test_a_basic_final_table_not_in_groups_of_three_is_not_guessed(tmp_path: Path) -> None:
    spec = national_basic_final_table()
    spec.width = 8
    spec.header = [row[:8] for row in spec.header]
    spec.body = [row[:8] for row in spec.body]
    spec.merges = ["A3:C3", "D3:H3", "A9:B9", "D9:H9"]
    imported = import_file(write(tmp_path / "06.xlsx", [spec]), "national-juesuan")
    table = imported.data["表格"]["一般公共预算财政拨款基本支出决算表"]
    assert "明细" not in table
    said = [f.message for f in imported.findings if "公开06表" in f.render()]
    assert said == ["表格有 8 列，不是每组“编码 | 名称 | 决算数”三列的版式，表体未导入"]
