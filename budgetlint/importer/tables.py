"""Grids → the tables of a profile (format v1), exactly as printed, with the PDF page of every row.

Only Grids come in (grid.py), so the PDF and the Excel readers share everything here:

1. each table is found by its printed title (the profile's 标题, with or without the year in front);
2. the table's segments follow it: the table on the title's page and, on the following pages without a
   title, the continuation (a repeated header is recognised and skipped);
3. header rows (everything above the first body row) give each column a label path, e.g.
   ("项目", "功能分类科目编码", "类") or ("收入预算", "合计"); the column's format key comes from that path;
4. body rows become rows of the format: 类/款/项 split columns joined into one code, ordinal rows
   (一、二、…) mapped to their function-class code by name, amounts as Decimal from the printed text;
5. anything printed that has no place — a row label, a column, a cell, a table with no title — becomes an
   ImportFinding with its page and printed text.

Amount cells: "1,234.50" → Decimal("1234.50") (thousands separators removed), "0" → 0, a blank cell → null;
a dash ("-", "—") is a printed blank and also gives null. Nothing else is accepted as an amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

from .grid import Cell, Grid, ImportFinding, Origin, Row, provenance

# ASCII digits only (re's \d also matches full-width "１２", which is not how an amount is printed)
AMOUNT = re.compile(r"^-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?$")
_DASHES = {"-", "－", "—", "——", "–"}
_CODE = re.compile(r"^[0-9]{3}(?:[0-9]{2}){0,2}$")
_PART_CODE = re.compile(r"^[0-9]{2}$")
_ORDINAL = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+[.．、]\s*)")
_TOTAL_LABELS = ("合计", "总计")
_HEADING = re.compile(r"^\s*(?:编制部门|编制单位|部门|单位名称|(?:金额)?单位)\s*[:：]")
_YEAR_PREFIX = re.compile(r"^\s*(?:\d{4}\s*年度?|\d{4})\s*")


def parse_amount(text: str) -> Decimal | None:
    """The printed amount as a Decimal, None for a printed blank (dash); ValueError for anything else."""
    text = text.strip()
    if not text or text in _DASHES:
        return None
    if not AMOUNT.match(text):
        raise ValueError(text)
    return Decimal(text.replace(",", ""))


def is_amount(text: str) -> bool:
    return bool(AMOUNT.match(text.strip()))


def norm(text: str) -> str:
    """A printed label without spaces, ordinal or unit decoration, with half-width brackets: for matching."""
    text = "".join(text.split())
    text = _ORDINAL.sub("", text)
    return text.replace("（", "(").replace("）", ")").replace("：", ":")


def bare_title(text: str) -> str:
    """A table title without the year in front and spaces: "2025年部门收入预算总表" → "部门收入预算总表". Quote
    marks are dropped and brackets made full-width: documents print “三公”, "三公" or 三公, （…） or (…)."""
    text = "".join(text.split())
    text = _TITLE_QUOTES.sub("", text).replace("(", "（").replace(")", "）")
    text = _ORDINAL.sub("", text)
    return _YEAR_PREFIX.sub("", text)


_TITLE_QUOTES = re.compile("[“”\"'‘’「」『』]")


@lru_cache(maxsize=1)
def function_class_codes() -> dict[str, str]:
    """Function-class 类 name (current and former, bare) → 3-digit code, from budgetlint/data."""
    from ..schema import package_text
    from ..source import load_data

    entries = load_data(package_text("budgetlint.data", "function_classes.yaml"), "function_classes.yaml")["科目"]
    out: dict[str, str] = {}
    for code, entry in entries.items():
        for name in (entry["名称"], *(entry.get("曾用名") or ())):
            out[_bare_class(str(name))] = str(code)
    return out


def _bare_class(name: str) -> str:
    name = norm(name)
    return name[:-2] if name.endswith("支出") else name


# ---------------------------------------------------------------------------------------------------
# Table specifications: how the printed columns and rows of each kind of table map to format keys.
# Labels are compared after norm(); a column is matched by the end of its header path.


@dataclass(frozen=True)
class Spec:
    # "coded" (明细 rows with codes), "balance" (收入 | 支出 sides), "single" (one row of figures),
    # "paired" (two 编码 | 名称 | 金额 groups side by side: the 决算 basic expenditure table)
    kind: str
    columns: tuple[tuple[tuple[str, ...], str], ...] = ()  # header path suffix → key in the row
    total_row: str = "合计行"  # where the 合计 row goes (coded)
    detail: str = "明细"
    income_rows: Mapping[str, str] = field(default_factory=dict)  # balance: label → path
    expense_rows: Mapping[str, str] = field(default_factory=dict)
    income_sections: Mapping[str, tuple[str, Mapping[str, str]]] = field(default_factory=dict)
    expense_sections: Mapping[str, tuple[str, Mapping[str, str]]] = field(default_factory=dict)
    expense_columns: tuple[tuple[tuple[str, ...], str], ...] = ()  # balance with several 支出 columns
    rows: tuple[tuple[tuple[str, ...], str], ...] = ()  # single: row label suffix → prefix
    # balance: a 支出 row key with several columns: "金额" is the row's own key, the other columns go to
    # "<key><split_columns>/<column>" (收支总表 支出总计 → 支出总计分列/人员经费)
    split_columns: str = ""
    # coded: the format's rows have 政府经济分类编码/名称 (the 基本支出 tables, docs/format.md §3.5); elsewhere a
    # printed 政府经济分类 column is reported as having no place
    government_economic: bool = False


_EXPENSE_COLUMNS = (
    (("合计",), "合计"),
    (("基本支出",), "基本支出/小计"),
    (("项目支出",), "项目支出/小计"),
)

_THREE_PUBLIC = (
    (("公务用车购置及运行费", "小计"), "公务用车购置及运行费/小计"),
    (("公务用车购置及运行维护费", "小计"), "公务用车购置及运行费/小计"),
    (("购置费",), "公务用车购置及运行费/公务用车购置费"),
    (("公务用车购置费",), "公务用车购置及运行费/公务用车购置费"),
    (("运行费",), "公务用车购置及运行费/公务用车运行费"),
    (("公务用车运行维护费",), "公务用车购置及运行费/公务用车运行费"),
    (("因公出国(境)费",), "因公出国境费"),
    (("公务接待费",), "公务接待费"),
    (("机关运行经费预算数",), "机关运行经费"),
    (("合计",), "合计"),
)

SPECS: dict[str, Spec] = {
    # ---- Shanghai 预算 (九张表) ----
    "收支总表": Spec(
        "balance",
        income_rows={
            "财政拨款收入": "收入/财政拨款收入",
            "一般公共预算资金": "收入/一般公共预算",
            "政府性基金": "收入/政府性基金",
            "国有资本经营预算": "收入/国有资本经营预算",
            "事业收入": "收入/事业收入",
            "事业单位经营收入": "收入/事业单位经营收入",
            "其他收入": "收入/其他收入",
            "上年结转结余": "收入/上年结转结余",
            "上年结转": "收入/上年结转结余",
            "收入总计": "收入/收入总计",
        },
        expense_rows={"支出总计": "支出/支出总计", "年终结转结余": "支出/年终结转结余"},
        expense_columns=(
            (("人员经费",), "人员经费"),
            (("公用经费",), "公用经费"),
            (("项目支出",), "项目支出"),
            (("合计",), "金额"),
            (("预算数",), "金额"),
        ),
        split_columns="分列",
    ),
    "收入表": Spec(
        "coded",
        columns=(
            (("合计",), "总计"),
            (("财政拨款收入",), "本年收入/财政拨款收入"),
            (("事业收入",), "本年收入/事业收入"),
            (("事业单位经营收入",), "本年收入/事业单位经营收入"),
            (("其他收入",), "本年收入/其他收入"),
        ),
    ),
    "支出表": Spec("coded", columns=_EXPENSE_COLUMNS),
    "一般公共预算支出表": Spec("coded", columns=_EXPENSE_COLUMNS),
    "政府性基金支出表": Spec("coded", columns=_EXPENSE_COLUMNS),
    "国有资本经营预算支出表": Spec("coded", columns=_EXPENSE_COLUMNS),
    "财政拨款收支总表": Spec(
        "balance",
        income_rows={
            "一般公共预算资金": "收入/本年收入/一般公共预算",
            "政府性基金": "收入/本年收入/政府性基金",
            "国有资本经营预算": "收入/本年收入/国有资本经营预算",
            "财政拨款收入": "收入/本年收入/合计",
            "收入总计": "收入/收入合计",
        },
        expense_rows={"支出总计": "支出/支出合计"},
        expense_columns=(
            (("合计",), "合计"),
            (("一般公共预算",), "一般公共预算"),
            (("政府性基金预算",), "政府性基金"),
            (("国有资本经营预算",), "国有资本经营预算"),
            (("预算数",), "合计"),
        ),
    ),
    "一般公共预算基本支出表": Spec(
        "coded",
        columns=((("合计",), "合计"), (("人员经费",), "人员经费"), (("公用经费",), "公用经费")),
        government_economic=True,
    ),
    "三公经费表": Spec("single", columns=_THREE_PUBLIC, rows=(((), "本年"),)),
    # ---- 决算 (national-juesuan keys; Shanghai 部门决算 layout) ----
    "收入支出决算总表": Spec(
        "balance",
        income_rows={
            "一般公共预算财政拨款收入": "收入/一般公共预算财政拨款收入",
            "政府性基金预算财政拨款收入": "收入/政府性基金预算财政拨款收入",
            "国有资本经营预算财政拨款收入": "收入/国有资本经营预算财政拨款收入",
            "上级补助收入": "收入/上级补助收入",
            "事业收入": "收入/事业收入",
            "经营收入": "收入/经营收入",
            "附属单位上缴收入": "收入/附属单位上缴收入",
            "其他收入": "收入/其他收入",
            "本年收入合计": "收入/本年收入合计",
            "使用非财政拨款结余": "收入/使用非财政拨款结余",
            "年初结转和结余": "收入/年初结转和结余",
            "总计": "收入/总计",
        },
        expense_rows={
            "本年支出合计": "支出/本年支出合计",
            "结余分配": "支出/结余分配",
            "年末结转和结余": "支出/年末结转和结余",
            "总计": "支出/总计",
        },
    ),
    "收入决算表": Spec(
        "coded",
        columns=tuple(
            ((label,), label)
            for label in ("本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
        ),
    ),
    "支出决算表": Spec(
        "coded",
        columns=tuple(
            ((label,), label)
            for label in ("本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出")
        ),
    ),
    "财政拨款收入支出决算总表": Spec(
        "balance",
        income_rows={
            "一般公共预算财政拨款": "收入/一般公共预算财政拨款",
            "政府性基金预算财政拨款": "收入/政府性基金预算财政拨款",
            "国有资本经营预算财政拨款": "收入/国有资本经营预算财政拨款",
            "本年收入合计": "收入/本年收入合计",
            "总计": "收入/总计",
        },
        income_sections={
            "年初财政拨款结转和结余": (
                "收入/年初财政拨款结转和结余",
                {"一般公共预算财政拨款": "一般公共预算", "政府性基金预算财政拨款": "政府性基金",
                 "国有资本经营预算财政拨款": "国有资本经营预算"},
            ),
        },
        expense_rows={"本年支出合计": "支出/本年支出合计", "总计": "支出/总计"},
        expense_sections={
            "年末财政拨款结转和结余": (
                "支出/年末财政拨款结转和结余",
                {"一般公共预算财政拨款": "一般公共预算", "政府性基金预算财政拨款": "政府性基金",
                 "国有资本经营预算财政拨款": "国有资本经营预算"},
            ),
        },
        expense_columns=(
            (("合计",), "合计"),
            (("一般公共预算财政拨款",), "一般公共预算"),
            (("政府性基金预算财政拨款",), "政府性基金"),
            (("国有资本经营预算财政拨款",), "国有资本经营预算"),
        ),
    ),
    "一般公共预算财政拨款支出决算表": Spec(
        "coded",
        columns=((("合计",), "决算数/合计"), (("基本支出",), "决算数/基本支出"), (("项目支出",), "决算数/项目支出")),
    ),
    "一般公共预算财政拨款基本支出决算表": Spec("paired", columns=((("决算数",), "合计"),)),
    "财政拨款三公经费支出决算表": Spec("single", columns=_THREE_PUBLIC, rows=((("预算数",), "预算数"), (("决算数",), "决算数"))),
    "政府性基金预算财政拨款收入支出决算表": Spec(
        "coded",
        columns=(
            (("年初结转和结余",), "年初结转和结余"),
            (("本年收入",), "本年收入"),
            (("本年支出", "合计"), "本年支出/合计"),
            (("本年支出", "基本支出"), "本年支出/基本支出"),
            (("本年支出", "项目支出"), "本年支出/项目支出"),
            (("年末结转和结余",), "年末结转和结余"),
        ),
    ),
}
SPECS["国有资本经营预算财政拨款支出决算表"] = SPECS["政府性基金预算财政拨款收入支出决算表"]


# ---------------------------------------------------------------------------------------------------


@dataclass
class _Segment:
    grid: Grid
    table: int  # the table's number on the grid
    start: int  # first row index of the table on the grid
    end: int  # last row index + 1 (free text rows after the table up to the next title or table)


@dataclass
class _Found:
    key: str
    title: str
    title_origin: Origin
    heading: list[str] = field(default_factory=list)  # the lines between title and table
    title_where: str = ""  # the title cell's own location (a workbook's "A1:I1"; "x=… y=…" on a PDF page)
    segments: list[_Segment] = field(default_factory=list)
    notes: list[tuple[Origin, str]] = field(default_factory=list)
    number: str | None = None  # the table number printed with the title ("预算 01 表"), when there is one


@dataclass(frozen=True)
class ImportedTables:
    tables: dict[str, dict[str, Any]]  # format key → table data, in printed order
    findings: tuple[ImportFinding, ...]
    table_pages: frozenset[tuple[str, int | str]]  # (source, page or sheet) of every surface read as a table
    department: str | None  # from "编制部门：…"
    units: dict[str, str]  # format key → printed unit
    pages: dict[str, tuple[int | str, ...]]  # format key → the pages (sheets) its segments were read from
    part_titles: list[str]  # headings of the tables part printed above a table title


def title_keys(profile: Any) -> dict[str, str]:
    """Bare printed title → format key, for every table of the profile (and the other titles its region
    prints them under: importer.regions)."""
    from .regions import title_aliases

    keys = {bare_title(entry.title): key for key, entry in profile.tables.items()}
    for key, aliases in title_aliases(profile.id).items():
        if key in profile.tables:
            keys.update({bare_title(alias): key for alias in aliases if bare_title(alias) not in keys})
    return keys


def _title_of(row: Row, titles: Mapping[str, str]) -> str | None:
    """The table a free-text line is the title of: the profile title it ends with (the longest), so that
    "2025年预算单位财务收支预算总表" and "上海市XX局2024年度部门决算表" variants are found too."""
    cell = _title_cell(row)
    if cell is None:
        return None
    text = bare_title(cell.text)
    # a title may end in a bracketed qualifier: Sichuan "财政拨款支出预算表（部门经济分类科目）"
    if not (text.endswith("表") or re.search(r"表（[^（）]{1,12}）$", text)) or len(text) > 60:
        return None
    best: tuple[int, str | None] = (0, None)
    for title, key in titles.items():
        if text.endswith(title) and len(title) > best[0] and len(text) - len(title) <= 8:
            best = (len(title), key)
    return best[1]


def title_rows_of(grid: Grid, titles: Mapping[str, str], numbers: Mapping[str, str]) -> list[tuple[Row, str]]:
    """The title lines of a surface and their tables: by the title's wording, or (importer.regions) by the
    table number printed with it."""
    from .regions import numbered_titles

    rows = [(row, key) for row in grid.rows if (key := _title_of(row, titles)) is not None]
    more = numbered_titles(grid.rows, numbers, {row.index for row, _ in rows})
    return sorted([*rows, *more], key=lambda item: item[0].index) if more else rows


def _title_cell(row: Row) -> Cell | None:
    """The one run of a free-text line that can be a title; a table number printed on the same line as the
    title ("2023 年部门收支预算表 … 预算 01 表") is not counted."""
    from .regions import is_number_line

    if not row.is_text and len(row.cells) != 1:
        return None
    cells = [cell for cell in row.cells if not is_number_line(cell.text)] if len(row.cells) > 1 else list(row.cells)
    return cells[0] if len(cells) == 1 else None


def is_contents(grid: Grid) -> bool:
    """The 目录 page: its first line is "目录" (its entries name every table, none of them is one)."""
    for row in grid.rows:
        if row.cells:
            return "".join(row.text.split()) == "目录"
    return False


def _surface(grid: Grid) -> tuple[str, int | str]:
    return (grid.origin.source, grid.origin.page if grid.origin.page is not None else grid.origin.sheet or "")


def find_tables(
    grids: Sequence[Grid], profile: Any, preamble: list[tuple[Origin, str]] | None = None
) -> tuple[list[_Found], list[ImportFinding]]:
    """Each profile table by its printed title, with its segments (continuation pages joined). Lines
    printed above the first title of a page that head the tables part go to `preamble`."""
    from .regions import is_number_line, number_keys

    titles = title_keys(profile)
    numbers = number_keys(profile)
    found: list[_Found] = []
    findings: list[ImportFinding] = []
    if preamble is None:
        preamble = []
    current: _Found | None = None
    for grid in grids:
        if is_contents(grid):
            current = None
            continue
        title_rows = title_rows_of(grid, titles, numbers)
        has_table = bool(grid.columns)
        if not title_rows and not has_table:
            current = None
            continue
        if not title_rows:
            if current is not None and len(grid.columns) == 1 and _continues(current, grid):
                current.segments.append(_Segment(grid, 0, 0, len(grid.rows)))
            elif _looks_like_data(grid):
                findings.append(ImportFinding(grid.origin, "本页的表格没有可识别的表名，也不是上一张表的续页，未导入",
                                              text=_first_text(grid)))
                current = None
            continue
        # lines above the first title: the heading of the tables part ("上海市XX局 2024 年度部门决算表")
        for row in grid.rows[: title_rows[0][0].index]:
            if not row.cells or (row.is_text and is_number_line(row.text)):
                continue  # the table number printed above its title (Henan "预算 11 表")
            if row.is_text and bare_title(row.text).endswith(("决算表", "预算表")):
                preamble.append((grid.origin, row.text))
            else:
                findings.append(ImportFinding(grid.origin, "表名上方的内容无法归入任何表格，未导入", text=row.text))
        # a page with one or more titles: each title owns the next table below it
        for position, (row, key) in enumerate(title_rows):
            next_title = title_rows[position + 1][0].index if position + 1 < len(title_rows) else len(grid.rows)
            title_cell = _title_cell(row)
            current = _Found(key, title_cell.text if title_cell is not None else row.text, grid.origin,
                             title_where=(title_cell or row.cells[0]).where)
            # the lines under the title ("编制部门：… 单位：元"), printed inside the ruling or not
            below = [r for r in grid.rows[row.index + 1 : next_title] if r.cells]
            heading = []
            while below and (below[0].is_text or _HEADING.match(below[0].cells[0].text)):
                heading.append(below.pop(0))
            table_rows = [r for r in below if not r.is_text]
            if not table_rows:
                findings.append(ImportFinding(grid.origin, "找到表名，但其下没有表格", text=row.text))
                current = None
                continue
            first = table_rows[0]
            current.heading = [r.text for r in heading]
            above = [r for r in grid.rows[: row.index] if r.cells]
            printed = [c.text for c in row.cells if is_number_line(c.text)]  # on the title's own line
            printed += [r.text for r in [*above[-1:], *heading] if r.is_text and is_number_line(r.text)]
            current.number = printed[0] if printed else None
            end = next_title
            before_next = [r for r in grid.rows[first.index:next_title] if r.cells]
            if position + 1 < len(title_rows) and before_next and before_next[-1].is_text \
                    and is_number_line(before_next[-1].text):
                end = before_next[-1].index  # the next table's number, printed above its title (Henan 预算11)
            current.segments.append(_Segment(grid, first.table or 0, first.index, end))
            found.append(current)
    return found, findings


def _first_text(grid: Grid) -> str:
    for row in grid.rows:
        if row.cells:
            return row.text[:60]
    return ""


def _looks_like_data(grid: Grid) -> bool:
    """A table with amounts or classification codes (not a box drawn around narrative text, nor the
    table of units "序号 | 单位名称 | 备注" that the narrative reader takes)."""
    if any(tuple(cell.text for cell in row.cells[:2]) == ("序号", "单位名称") for row in grid.rows):
        return False
    return any(is_amount(cell.text) or _CODE.match(cell.text) for row in grid.rows if not row.is_text
               for cell in row.cells)


def _continues(current: _Found, grid: Grid) -> bool:
    """A page without a title continues the current table when its table has the same number of columns."""
    last = current.segments[-1]
    same_file = grid.origin.source == last.grid.origin.source
    next_page = last.grid.origin.page is not None and grid.origin.page == last.grid.origin.page + 1
    same_columns = last.grid.columns[last.table] == grid.columns[0]
    # the next page of the table (a 合计 row alone may be ruled with fewer columns), or a sheet with the
    # same columns; a box around narrative text (no codes, no amounts, other columns) is not a continuation
    return same_file and ((next_page and (same_columns or _looks_like_data(grid))) or (same_columns and _looks_like_data(grid)))


# ---------------------------------------------------------------------------------------------------


class _Builder:
    """Builds one table's format data from its segments and collects findings."""

    def __init__(self, found: _Found, spec: Spec) -> None:
        self.found = found
        self.spec = spec
        self.findings: list[ImportFinding] = []
        self.data: dict[str, Any] = {}

    # -- helpers

    def finding(self, origin: Origin, message: str, text: str = "", where: str = "") -> None:
        self.findings.append(ImportFinding(origin, message, text=text, where=where))

    def put(self, target: dict[str, Any], path: str, value: Any, origin: Origin, text: str) -> None:
        keys = path.split("/")
        for key in keys[:-1]:
            target = target.setdefault(key, {})
        if keys[-1] in target and target[keys[-1]] is not None and value is not None:
            self.finding(origin, f"同一位置“{path}”印了两个数，第二个未导入", text=text)
            return
        if keys[-1] not in target or value is not None:
            target[keys[-1]] = value

    def amount(self, cell: Cell, origin: Origin) -> tuple[bool, Decimal | None]:
        try:
            return True, parse_amount(cell.text)
        except ValueError:
            return False, None

    # -- header

    def split_header(self, segment: _Segment) -> tuple[list[Row], list[Row]]:
        rows = [row for row in segment.grid.rows[segment.start : segment.end] if row.table == segment.table and row.cells]
        for i, row in enumerate(rows):
            if row.cells and _is_body_start(row):
                return rows[:i], rows[i:]
        # no body row: an empty table (header only) — or a header that ends in a lone 合计 row
        return rows, []

    def column_labels(self, segment: _Segment, header: list[Row]) -> list[tuple[str, ...]]:
        grid = segment.grid
        width = grid.columns[segment.table]
        labels: list[tuple[str, ...]] = []
        for col in range(width):
            path: list[str] = []
            for row in header:
                cell = grid.cell_at(row.index, col)
                if cell is not None and (not path or path[-1] != norm(cell.text)) and cell.row == row.index:
                    path.append(norm(cell.text))
            labels.append(tuple(path))
        return labels

    def key_for(self, label: tuple[str, ...], table: Sequence[tuple[tuple[str, ...], str]]) -> str | None:
        for suffix, key in table:
            if suffix and len(label) >= len(suffix) and tuple(label[-len(suffix):]) == suffix:
                return key
        # a column printed with a year ("2024年机关运行经费预算数") matches without it
        if label:
            stripped = label[:-1] + (_YEAR_PREFIX.sub("", label[-1]),)
            if stripped != label:
                return self.key_for(stripped, table)
        return None

    # -- the three kinds

    def build(self) -> dict[str, Any]:
        kind = self.spec.kind
        if kind == "coded":
            self.build_coded()
        elif kind == "balance":
            self.build_balance()
        elif kind == "single":
            self.build_single()
        elif kind == "paired":
            self.build_paired()
        return self.data

    def _body_rows(self) -> Iterable[tuple[_Segment, list[tuple[str, ...]], Row]]:
        labels: list[tuple[str, ...]] | None = None
        for segment in self.found.segments:
            header, body = self.split_header(segment)
            if header or labels is None:
                seg_labels = self.column_labels(segment, header)
                if labels is None or header:
                    labels = seg_labels if any(seg_labels) or labels is None else labels
            self.collect_notes(segment)
            width = segment.grid.columns[segment.table]
            shift = len(labels) - width if not header else 0
            for row in body:
                if shift > 0:
                    # a continuation page ruled with fewer columns (its 合计 row merges the code columns):
                    # the figures keep their places counted from the right, the first cell is the label
                    row = Row(row.index, tuple(
                        replace(cell, col=cell.col + shift if cell.col > 0 else 0,
                                col_span=cell.col_span + (shift if cell.col == 0 else 0))
                        for cell in row.cells), row.table)
                yield segment, labels, row

    def collect_notes(self, segment: _Segment) -> None:
        rows = segment.grid.rows[segment.start : segment.end]
        for row in rows:
            if row.is_text and row.cells:
                self.found.notes.append((segment.grid.origin, row.text))
            elif row.cells and row.table != segment.table:
                self.finding(segment.grid.origin, "同一页上另一张没有表名的表格，未导入", text=row.text)

    def build_coded(self) -> None:
        details: list[dict[str, Any]] = []
        columns: dict[int, tuple[str, ...]] = {}  # every column of the table's header(s), by number
        printed: dict[int, int] = {}  # how many body cells each column prints (a column never printed: no loss)
        for segment, labels, row in self._body_rows():
            origin = segment.grid.origin
            for col, label in enumerate(labels):
                columns.setdefault(col, label)
            codes: dict[str, list[str]] = {"code": [], "gov_code": []}  # 部门 and 政府 economic class, split parts
            names: dict[str, str | None] = {"name": None, "gov_name": None}
            values: dict[str, Any] = {}
            is_total = False
            placeholder = False
            for cell in row.cells:
                label = labels[cell.col] if cell.col < len(labels) else ()
                role = _role(label)
                text = cell.text
                printed[cell.col] = printed.get(cell.col, 0) + 1
                if role.startswith("gov_") and not self.spec.government_economic:
                    continue  # the format has no place for it in this table: said once per column, below
                if role in codes:
                    outcome = self.code_part(text, codes[role], origin, cell, row)
                    is_total = is_total or outcome == "total"
                    placeholder = placeholder or outcome == "placeholder"
                    continue
                if role in names:
                    if norm(text) in _TOTAL_LABELS:
                        is_total = True
                    elif set(text) <= set("…."):
                        placeholder = True
                    else:
                        names[role] = text
                    continue
                key = self.key_for(label, self.spec.columns)
                ok, value = self.amount(cell, origin)
                if key is None or not ok:
                    why = "列名无法识别" if key is None else "不是金额"
                    self.finding(origin, f"单元格{why}（列：{'/'.join(label) or '无表头'}），未导入", text=text, where=cell.where)
                    continue
                self.put(values, key, value, origin, text)
            code_parts, name = codes["code"], names["name"]
            if is_total:
                total = self.data.setdefault(self.spec.total_row, {})
                for key, value in _flatten(values):
                    self.put(total, key, value, origin, row.text)
                continue
            if placeholder and not code_parts and name is None and not values:
                # a template's "…" row (the official template prints "… | …" for "more rows here")
                self.findings.append(ImportFinding(origin, "模板中的省略行“…”，没有数据，未导入", text=row.text,
                                                   severity="warning"))
                continue
            if not code_parts and name is None:
                if values:
                    self.finding(origin, "无编码、无名称的数字行，未导入", text=row.text)
                continue
            entry: dict[str, Any] = {}
            if code_parts:
                entry["编码"] = "".join(code_parts)
            if name is not None:
                entry["名称"] = name
            if codes["gov_code"]:
                entry["政府经济分类编码"] = "".join(codes["gov_code"])
            if names["gov_name"] is not None:
                entry["政府经济分类名称"] = names["gov_name"]
            entry.update(values)
            entry.update(provenance(origin, (cell.where for cell in row.cells)))
            details.append(entry)
        if details:
            self.data[self.spec.detail] = details
        if self.spec.total_row not in self.data:
            self.data[self.spec.total_row] = {_first_key(self.spec.columns): None}
        self.report_unplaced_columns(columns, printed)

    def code_part(self, text: str, parts: list[str], origin: Origin, cell: Cell, row: Row) -> str:
        """One cell of a code column: appended to `parts` ("ok"), a 合计 label ("total"), a template's "…"
        ("placeholder"), or reported ("bad")."""
        if text in _TOTAL_LABELS or norm(text) in _TOTAL_LABELS:
            return "total"
        if _CODE.match(text) or (parts and _PART_CODE.match(text)):
            parts.append(text)
            return "ok"
        if parts and re.fullmatch(r"\d", text):
            # a 款/项 printed without its leading zero ("301 | 2 | 津贴补贴"): the code is 30102
            parts.append("0" + text)
            self.findings.append(ImportFinding(
                origin, f"款/项编码印作“{text}”（少了前导 0），按“0{text}”导入", text=row.text,
                where=cell.where, severity="warning"))
            return "ok"
        if set(text) <= set("…."):
            return "placeholder"
        self.finding(origin, "编码列中的文字不是编码，未导入", text=text, where=cell.where)
        return "bad"

    def report_unplaced_columns(self, columns: Mapping[int, tuple[str, ...]], printed: Mapping[int, int]) -> None:
        """Columns of the header that have no place in the format, each said once with its printed header.

        A 政府经济分类 column of a table whose format has no such key: its codes and names are a classification
        (the 部门 economic code determines it), not figures, so a warning, with how many cells are left out.
        An amount column whose header is not recognised and that prints nothing: nothing is lost, but the
        column is named (its cells, when printed, are each an error above)."""
        origin = self.found.title_origin
        for col in sorted(columns):
            label = columns[col]
            role = _role(label)
            header = "/".join(label)
            if role.startswith("gov_") and not self.spec.government_economic:
                self.findings.append(ImportFinding(
                    origin, f"列“{header}”（政府经济分类）在格式的“{self.found.key}”中没有位置，"
                    f"该列 {printed.get(col, 0)} 个单元格未导入", text=self.found.title, severity="warning"))
            elif role == "amount" and label and self.key_for(label, self.spec.columns) is None and not printed.get(col):
                self.findings.append(ImportFinding(
                    origin, f"列“{header}”无法识别（格式中没有对应的键），该列没有印出数字，未导入",
                    text=self.found.title, severity="warning"))

    def build_paired(self) -> None:
        """(编码, 名称, 决算数) column groups side by side — two in the Shanghai 表六, three in the national 公开06表
        (人员经费 | 公用经费 over two groups) — closed by "人员经费合计 | 公用经费合计", each label followed by its
        amount (which may sit in the next group when the label spans columns)."""
        details: list[tuple[int, int, dict[str, Any]]] = []
        width_said = False
        for segment, labels, row in self._body_rows():
            origin = segment.grid.origin
            if len(labels) % 3:
                if not width_said:  # not groups of three: no cell can be placed with certainty
                    self.finding(origin, f"表格有 {len(labels)} 列，不是每组“编码 | 名称 | 决算数”三列的版式，表体未导入",
                                 text=row.text)
                    width_said = True
                continue
            groups: dict[int, dict[str, Any]] = {}
            wheres: dict[int, list[str]] = {}
            totals: list[list[Any]] = []  # [label, amount, cell addresses] of the 合计 labels, left to right
            for cell in row.cells:
                group = cell.col // 3
                role = cell.col % 3
                text = cell.text
                if text.endswith("合计") and not is_amount(text):
                    totals.append([norm(text), None, [cell.where]])
                    continue
                if totals and totals[-1][1] is None and role == 2:
                    ok, value = self.amount(cell, origin)
                    if ok:
                        totals[-1][1] = value
                        totals[-1][2].append(cell.where)
                        continue
                entry = groups.setdefault(group, {})
                wheres.setdefault(group, []).append(cell.where)
                if role == 0 and _CODE.match(text):
                    entry["编码"] = text
                elif role == 1 and not is_amount(text):
                    entry["名称"] = text
                else:
                    ok, value = self.amount(cell, origin)
                    if not ok:
                        self.finding(origin, "单元格不是金额，未导入", text=text, where=cell.where)
                        continue
                    entry["合计"] = value
            for label, value, _ in totals:
                target = {"人员经费合计": "人员经费", "公用经费合计": "公用经费"}.get(label)
                if target is None:
                    self.finding(origin, "无法识别的合计行，未导入", text=row.text)
                    continue
                self.put(self.data.setdefault("合计行", {}), target, value, origin, row.text)
            for group, entry in groups.items():
                if "编码" not in entry and "名称" not in entry:
                    if entry:
                        self.finding(origin, "无编码、无名称的数字，未导入", text=row.text)
                    continue
                entry.update(provenance(origin, wheres[group]))
                details.append((group, len(details), entry))
        # printed order: the left column top to bottom, then the next column
        details.sort(key=lambda item: (item[0], item[1]))
        if details:
            self.data["明细"] = [entry for _, _, entry in details]
        self.data.setdefault("合计行", {"合计": None})

    def build_single(self) -> None:
        rows_spec = self.spec.rows
        for segment, labels, row in self._body_rows():
            origin = segment.grid.origin
            for cell in row.cells:
                label = labels[cell.col] if cell.col < len(labels) else ()
                prefix = None
                for suffix, name in rows_spec:
                    if not suffix:
                        prefix = name
                        break
                    if label and label[-1] in suffix:
                        prefix = name
                        label = label[:-1]
                        break
                key = self.key_for(label, self.spec.columns)
                ok, value = self.amount(cell, origin)
                if prefix is None or key is None or not ok:
                    self.finding(origin, f"单元格无法归入任何列（列：{'/'.join(label) or '无表头'}），未导入", text=cell.text,
                                 where=cell.where)
                    continue
                self.put(self.data.setdefault(prefix, {}), key, value, origin, cell.text)
        for _, name in rows_spec:
            self.data.setdefault(name, {"合计": None})

    def build_balance(self) -> None:
        spec = self.spec
        functions: list[dict[str, Any]] = []
        sections = {"income": None, "expense": None}  # active section (prefix, sub-rows)
        for segment, labels, row in self._body_rows():
            origin = segment.grid.origin
            split = _balance_split(labels)
            for side in ("income", "expense"):
                cells = [c for c in row.cells if (c.col < split) == (side == "income")]
                if not cells:
                    continue
                label_cell = cells[0] if not is_amount(cells[0].text) else None
                amounts = [c for c in cells if c is not label_cell]
                label = norm(label_cell.text) if label_cell is not None else ""
                if label_cell is None:
                    self.finding(origin, "没有行名的数字，未导入", text=row.text)
                    continue
                values: dict[str, Any] = {}
                bad = False
                for cell in amounts:
                    ok, value = self.amount(cell, origin)
                    col_label = labels[cell.col] if cell.col < len(labels) else ()
                    if side == "expense" and spec.expense_columns:
                        key = self.key_for(col_label, spec.expense_columns)
                    else:
                        key = ""
                    if not ok or key is None or key in values:
                        self.finding(origin, "单元格无法归入任何列，未导入", text=cell.text, where=cell.where)
                        bad = True
                        continue
                    values[key] = value
                row_map = spec.income_rows if side == "income" else spec.expense_rows
                section_map = spec.income_sections if side == "income" else spec.expense_sections
                # a blank row of a side printed with several columns is still a mapping of those columns
                blank = "合计" if side == "expense" and spec.expense_columns and not spec.split_columns else ""
                if label in section_map:
                    sections[side] = section_map[label]
                    self._put_values(section_map[label][0], values, origin, label_cell.text, default_sub="合计")
                    continue
                active = sections[side]
                if active is not None and label in active[1]:
                    self._put_values(f"{active[0]}/{active[1][label]}", values, origin, label_cell.text)
                    continue
                if label in row_map:
                    sections[side] = None
                    self._put_values(row_map[label], values, origin, label_cell.text, blank=blank)
                    continue
                if side == "expense" and _function_code(label) is not None:
                    entry: dict[str, Any] = {"项目": label_cell.text, "编码": _function_code(label)}
                    if spec.expense_columns:
                        entry.update(values)
                    else:
                        entry["金额"] = values.get("")
                    entry.update(provenance(origin, (cell.where for cell in cells)))
                    functions.append(entry)
                    continue
                if not bad:
                    self.finding(origin, "行名无法识别，本行未导入", text=label_cell.text, where=label_cell.where)
        # the function rows as printed (an empty list when none is printed: the key says the side was read)
        self.data.setdefault("支出", {})["功能分类"] = functions

    def _put_values(self, path: str, values: dict[str, Any], origin: Origin, text: str, default_sub: str = "",
                    blank: str = "") -> None:
        if not values:
            if blank:
                self.put(self.data, f"{path}/{blank}", None, origin, text)
            elif not default_sub:
                self.put(self.data, path, None, origin, text)
            return
        for key, value in values.items():
            if key == "金额" or not key:
                target = path
            elif self.spec.split_columns:
                target = f"{path}{self.spec.split_columns}/{key}"
            else:
                target = f"{path}/{key}"
            self.put(self.data, target, value, origin, text)


def _first_key(columns: Sequence[tuple[tuple[str, ...], str]]) -> str:
    return columns[0][1].split("/")[0] if columns else "合计"


def _flatten(values: Mapping[str, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    for key, value in values.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}/")
        else:
            yield f"{prefix}{key}", value


def _is_body_start(row: Row) -> bool:
    """The first body row: it starts with a code, an amount or an ordinal label, or it is a 合计 row with
    figures (a 合计 cell without figures is a header label, as in the 三公 table's "合计" column)."""
    text = row.cells[0].text.strip()
    bare = "".join(text.split())
    if _CODE.match(text) or is_amount(text) or _ORDINAL.match(text):
        return True
    if bare in _TOTAL_LABELS or bare.endswith("合计") or bare.endswith("总计"):
        return any(is_amount(cell.text) for cell in row.cells)
    return False


def _role(label: tuple[str, ...]) -> str:
    """code, name or amount: a column under 类/款/项 or "…编码" holds codes, one under "…名称" names.
    Under a "政府(预算)经济分类…" header they are the government economic class ("gov_code", "gov_name"),
    printed beside the 部门 economic class in some 基本支出 tables (docs/format.md §3.5)."""
    if not label:
        return "amount"
    government = "gov_" if any("政府" in part and "经济分类" in part for part in label) else ""
    if any(part in ("类", "款", "项") or "编码" in part for part in label):
        return government + "code"
    if any("名称" in part for part in label) or label[-1] == "项目":
        return government + "name"
    return "amount"


def _balance_split(labels: Sequence[tuple[str, ...]]) -> int:
    """The first column of the 支出 side: where the top header changes from the 收入 group."""
    if not labels or not labels[0]:
        return len(labels) // 2
    first = labels[0][0]
    for col, label in enumerate(labels):
        if not label or label[0] != first:
            return col
    return len(labels) // 2


def _function_code(label: str) -> str | None:
    return function_class_codes().get(_bare_class(label))


def build_table(found: _Found, profile: Any) -> tuple[dict[str, Any], list[ImportFinding]]:
    from .regions import RegionBuilder, layout_for, printed_number

    spec = SPECS.get(found.key)
    entry = profile.tables[found.key]
    data: dict[str, Any] = {"编号": entry.number, "标题": found.title}
    department, unit, rest = _heading(found.heading)
    if department:
        data["部门"] = department
    year = re.match(r"^\s*(\d{4})", found.title)
    if year:
        data["年度"] = int(year.group(1))
    elif (heading_year := _heading_year(found.heading)) is not None:
        data["年度"] = heading_year
    if unit:
        data["单位"] = unit
    data.update(provenance(found.title_origin, (found.title_where,)))
    heading_findings = [ImportFinding(found.title_origin, "表名下方的文字无法识别（不是编制部门或金额单位），未导入", text=part)
                        for part in rest]
    layout = layout_for(profile.id, found.key)
    if layout is not None:
        data["编号"] = printed_number(found.number, entry.number)
        builder: _Builder = RegionBuilder(found, layout, profile)
    elif spec is None:
        return data, [*heading_findings,
                      ImportFinding(found.title_origin, f"“{found.key}”的版式尚未支持，表格未导入", text=found.title)]
    else:
        builder = _Builder(found, spec)
    data.update(builder.build())
    notes = [text for _, text in found.notes]
    if notes:
        data["说明"] = "\n".join(notes)
    return data, [*heading_findings, *builder.findings]


def _heading(lines: Sequence[str]) -> tuple[str | None, str | None, list[str]]:
    """编制部门 and 金额单位 from the lines under a title, and whatever else is printed there."""
    from .regions import clean_heading, is_number_line

    department = unit = None
    rest: list[str] = []
    for line in lines:
        if is_number_line(line):
            continue  # the table number printed under its title (Henan "预算 01 表")
        line = clean_heading(line)[0]
        for part in line.split(" "):
            part = part.strip()
            if not part:
                continue
            m = re.match(r"^(?:编制部门|编制单位|部门|单位名称)[:：](.+)$", part)
            if m:
                department = m.group(1).strip()
                continue
            m = re.match(r"^(?:金额)?单位[:：]\s*(万元|元)$", part)
            if m:
                unit = m.group(1)
                continue
            rest.append(part)
    return department, unit, rest


def _heading_year(lines: Sequence[str]) -> int | None:
    """The year printed in the lines under a title without one ("部门：X 2023 年度", "（2023 年度）")."""
    from .regions import clean_heading

    for line in lines:
        year = clean_heading(line)[1]
        if year is not None:
            return year
    return None


def import_tables(grids: Sequence[Grid], profile: Any) -> ImportedTables:
    preamble: list[tuple[Origin, str]] = []
    found, findings = find_tables(grids, profile, preamble)
    tables: dict[str, dict[str, Any]] = {}
    pages: set[tuple[str, int | str]] = set()
    department = None
    units: dict[str, str] = {}
    table_pages: dict[str, tuple[int | str, ...]] = {}
    for item in found:
        if item.key in tables:
            findings.append(ImportFinding(item.title_origin, "同一张表印了两次，第二次未导入", text=item.title))
            continue
        data, table_findings = build_table(item, profile)
        findings.extend(table_findings)
        tables[item.key] = data
        for segment in item.segments:
            pages.add(_surface(segment.grid))
        table_pages[item.key] = tuple(_surface(segment.grid)[1] for segment in item.segments)
        department = department or data.get("部门")
        if "单位" in data:
            units[item.key] = data["单位"]
    ordered = {key: tables[key] for key in profile.tables if key in tables}
    return ImportedTables(ordered, tuple(findings), frozenset(pages), department, units, table_pages,
                          [text for _, text in preamble])
