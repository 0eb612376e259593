"""`budgetlint import FILE.xlsx`: a workbook goes through the same mapper as a PDF and gives the same tables.

For each corpus PDF, a workbook with the printed layout of its tables is built at run time from the PDF's own
pages (tests/importer/xlsx_builders.workbook_from_grids: one sheet per table, merged headers merged, split
类/款/项 code columns, amounts as number cells formatted as printed). Importing that workbook must give
exactly the tables the PDF import gives. Nothing of the corpus is committed; the tests skip without it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import lint

from budgetlint.cli import main

sys.path.insert(0, str(Path(__file__).parent))
from xlsx_builders import income_table, three_public_table, workbook_from_grids, write

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "shanghai-putuo"
PDFS = sorted(p.name for p in CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []


def comparable(value: Any) -> Any:
    """Tables without import provenance (PDF 页码, workbook 单元格) and without blank cells (an omitted key and
    null are the same in the format, docs/format.md §3)."""
    if isinstance(value, dict):
        kept = {k: comparable(v) for k, v in value.items() if k not in ("页码", "单元格") and v is not None}
        return {k: v for k, v in kept.items() if v != {}}
    if isinstance(value, list):
        return [comparable(v) for v in value]
    return value


@pytest.mark.skipif(not PDFS, reason="corpus not present")
@pytest.mark.parametrize("name", PDFS)
def test_workbook_imports_to_the_same_tables_as_the_pdf(name: str, tmp_path: Path) -> None:
    from budgetlint.importer.command import import_file
    from budgetlint.importer.document import build_document, detect_profile
    from budgetlint.importer.pdf import read_pdf
    from budgetlint.importer.tables import import_tables
    from budgetlint.profile import load_profile

    grids = read_pdf(CORPUS / name)
    profile = detect_profile(grids)
    from_pdf = build_document(grids, profile, name)
    table_pages = {page for _, page in import_tables(grids, load_profile(profile)).table_pages}
    workbook = workbook_from_grids(grids, tmp_path / f"{Path(name).stem}.xlsx", table_pages)
    from_xlsx = import_file(workbook, None)  # the profile is detected from the sheets' titles too
    assert from_xlsx.profile == profile
    assert list(from_xlsx.data["表格"]) == list(from_pdf.data["表格"])
    assert comparable(from_xlsx.data["表格"]) == comparable(from_pdf.data["表格"])
    # A workbook has no cover: the department is the tables' “编制部门” line and the year the titles' year.
    # Where the tables print neither (the 决算 tables of planning/template), import says so — true of the
    # workbook — and that is the only error it reports.
    errors = {f.message for f in from_xlsx.findings if f.severity == "error"}
    assert not any("PDF" in f.render() for f in from_xlsx.findings), "a workbook's findings never name a PDF page"
    printed = {t["部门"] for t in from_pdf.data["表格"].values() if "部门" in t}
    if printed:
        assert {from_xlsx.data["部门"]} == printed
    else:
        assert "封面和表头都没有印出部门名称，部门写为“（未印出）”" in errors
    if any(str(from_pdf.data["年度"]) in t.get("标题", "") for t in from_pdf.data["表格"].values()):
        assert from_xlsx.data["年度"] == from_pdf.data["年度"]
    else:
        assert "封面和表名都没有印出年度" in errors
    assert errors <= {"封面和表头都没有印出部门名称，部门写为“（未印出）”", "封面和表名都没有印出年度"}


@pytest.mark.skipif("commerce-2025-bumen-yusuan.pdf" not in PDFS, reason="corpus not present")
def test_import_command_writes_a_checkable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from budgetlint.importer.pdf import read_pdf

    workbook = workbook_from_grids(read_pdf(CORPUS / "commerce-2025-bumen-yusuan.pdf"), tmp_path / "商务委.xlsx")
    out = tmp_path / "商务委.yaml"
    code = main(["import", str(workbook), "-o", str(out)])
    _, err = capsys.readouterr()
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    result = lint(text, str(out))
    assert not result.unreadable and not result.skipped_rules, [f.message for f in result.findings][:3]
    assert "371514655.00" in text and "2011301" in text  # amounts exactly as printed, codes joined


def test_partial_workbook_is_not_written_without_allow_partial(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """Two of the nine Shanghai tables: the seven missing ones are import findings; nothing is written."""
    workbook = write(tmp_path / "两张表.xlsx", [income_table(), three_public_table()])
    out = tmp_path / "两张表.yaml"
    code = main(["import", str(workbook), "--profile", "shanghai", "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 1 and not out.exists()
    assert "没有找到地区规范要求的表" in captured.out and "--allow-partial" in captured.err
    code = main(["import", str(workbook), "--profile", "shanghai", "-o", str(out), "--allow-partial"])
    capsys.readouterr()
    assert code == 1 and out.exists()
    text = out.read_text(encoding="utf-8")
    assert "收入表:" in text and "21601733.00" in text and "三公经费表:" in text and "171.01" in text


def test_reader_warnings_are_printed_with_the_sheet_and_cell(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    path = write(tmp_path / "t.xlsx", [income_table()])
    workbook = load_workbook(path)
    workbook["T2"]["E8"].value = 9389913.004  # a digit the format does not show
    workbook.save(path)
    main(["import", str(path), "--profile", "shanghai", "-o", str(tmp_path / "t.yaml")])
    out = capsys.readouterr().out
    assert "工作表“T2” E8: 单元格存的是 9389913.004，按数字格式显示为 9,389,913.00" in out


@pytest.mark.parametrize("content, message, suffix", [
    (b"not a workbook", "不是 Excel 工作簿", ".xlsx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "另存为", ".xlsx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "另存为", ".xls"),
])
def test_unreadable_workbook_exit_code_and_no_output(content: bytes, message: str, suffix: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / f"坏{suffix}"
    path.write_bytes(content)
    out = tmp_path / "坏.yaml"
    code = main(["import", str(path), "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 3 and not out.exists()
    assert message in captured.err and "Traceback" not in captured.err + captured.out
    assert list(tmp_path.iterdir()) == [path], "no partial or temporary file left"


def test_formulas_without_values_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    path = write(tmp_path / "t.xlsx", [income_table()])
    workbook = load_workbook(path)
    workbook["T2"]["E12"] = "=SUM(E6)"
    workbook.save(path)
    code = main(["import", str(path), "-o", str(tmp_path / "t.yaml")])
    err = capsys.readouterr().err
    assert code == 3 and "工作表“T2”" in err and "E12" in err and not (tmp_path / "t.yaml").exists()


def _one_code_column_income(borders: bool) -> Any:
    """Another export layout of T2: codes in one column (2011301), the 合计 row first, no 类/款/项 header row."""
    from decimal import Decimal as D

    from xlsx_builders import SheetSpec

    spec = SheetSpec("收入", "2025年部门收入预算总表", ("编制部门：上海市普陀区商务委员会", "单位：元"), 7)
    spec.borders = borders
    spec.header = [["项目", None, "收入预算", None, None, None, None],
                   ["功能分类科目编码", "功能分类科目名称", "合计", "财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"]]
    spec.merges = ["A3:B3", "C3:G3", "A5:B5"]
    spec.body = [["合计", None, D("21601733.00"), D("21601733.00"), None, None, None],
                 ["201", "一般公共服务支出", D("21601733.00"), D("21601733.00"), None, None, None],
                 ["20113", "商贸事务", D("21601733.00"), "21,601,733.00", None, None, None],
                 ["2011301", "行政运行", D("9389913"), D("9389913.00"), None, None, None],
                 ["2011399", "其他商贸事务支出", D("12211820.00"), D("12211820.00"), None, None, None]]
    return spec


@pytest.mark.parametrize("borders", [True, False])
def test_other_export_layout_maps_to_the_same_rows(borders: bool, tmp_path: Path) -> None:
    from decimal import Decimal

    from budgetlint.importer.tables import import_tables
    from budgetlint.importer.xlsx import read_xlsx
    from budgetlint.profile import load_profile

    workbook = write(tmp_path / "t.xlsx", [_one_code_column_income(borders)])
    imported = import_tables(list(read_xlsx(workbook).grids), load_profile("shanghai"))
    assert imported.findings == ()
    table = imported.tables["收入表"]
    assert table["单位"] == "元" and table["部门"] == "上海市普陀区商务委员会"
    assert table["合计行"]["总计"] == Decimal("21601733.00")
    rows = [(r["编码"], r["名称"], r["总计"], r["本年收入"]["财政拨款收入"]) for r in table["明细"]]
    assert rows == [("201", "一般公共服务支出", Decimal("21601733.00"), Decimal("21601733.00")),
                    ("20113", "商贸事务", Decimal("21601733.00"), Decimal("21601733.00")),
                    ("2011301", "行政运行", Decimal("9389913.00"), Decimal("9389913.00")),
                    ("2011399", "其他商贸事务支出", Decimal("12211820.00"), Decimal("12211820.00"))]
    # the decimals are those printed by the format (#,##0.00), whatever the cell stores
    assert all(str(amount).endswith(".00") for _, _, amount, _ in rows)


def test_tables_stacked_on_one_sheet_are_each_found(tmp_path: Path) -> None:
    """Some systems export every table onto one sheet: each bordered block is its own table, each title its own."""
    from budgetlint.importer.tables import import_tables
    from budgetlint.importer.xlsx import read_xlsx
    from budgetlint.profile import load_profile
    from budgetlint.provenance import strip_pages

    separate = read_xlsx(write(tmp_path / "a.xlsx", [income_table(), three_public_table()])).grids
    stacked = read_xlsx(write(tmp_path / "b.xlsx", [income_table(), three_public_table()], one_sheet=True)).grids
    assert len(stacked) == 1 and stacked[0].columns == (9, 7)
    profile = load_profile("shanghai")
    one, other = import_tables(list(separate), profile), import_tables(list(stacked), profile)
    assert other.findings == () and list(other.tables) == ["收入表", "三公经费表"]
    # the same tables; only where they were read differs (one sheet each, or one below the other on sheet T2)
    assert strip_pages(other.tables) == strip_pages(one.tables)
    assert (one.tables["三公经费表"]["单元格"], other.tables["三公经费表"]["单元格"]) == ("'T9'!A1", "'T2'!A15")


def test_a_table_split_across_two_sheets_is_reported_not_joined(tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from xlsx_builders import BOX

    from budgetlint.importer.tables import import_tables
    from budgetlint.importer.xlsx import read_xlsx
    from budgetlint.profile import load_profile

    path = write(tmp_path / "t.xlsx", [income_table()])
    workbook = load_workbook(path)
    rest = workbook.create_sheet("T2（续）")
    for col, value in enumerate(["221", "02", "01", "住房公积金", 1361034, 1361034], start=1):
        rest.cell(1, col, value).border = BOX
    workbook.save(path)
    imported = import_tables(list(read_xlsx(path).grids), load_profile("shanghai"))
    (finding,) = imported.findings
    assert finding.origin.label == "工作表“T2（续）”" and "住房公积金" in finding.text
    assert all(row["编码"] != "2210201" for row in imported.tables["收入表"]["明细"])
