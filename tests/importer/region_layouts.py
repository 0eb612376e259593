"""The tables of a national-style 部门预算 printed as their region prints them, built from a format v1 file.

Each builder takes a table of the source YAML (examples/henan-2023-weibin-kjgxj.yaml, the clean national and
Sichuan fixtures) and lays it out cell by cell as printed: the Henan layouts follow the seed's text
(../shared/seed/000_e0137d8b9c3a01ca.txt: titles, "预算 01 表" number lines, "部门：… 2023 年度 金额单位：万元",
header rows, column order, row labels); the national and Sichuan ones the same family of tables with their
own titles and numbers. A `Printed` table is a list of cells (row, col, value, row_span, col_span) under
free-text lines; `write_workbook` puts one table per sheet (merged cells merged, table cells boxed, free
text not), which is what budget-management systems export. Amounts are the YAML's Decimals, written as
number cells formatted with two decimals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Border, Side

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

PCell = tuple[int, int, Any, int, int]  # row, col, value, row_span, col_span


@dataclass
class Printed:
    name: str  # sheet name
    above: list[list[str]]  # free-text lines above the table (title, number, 部门/单位 line), cells per line
    width: int
    cells: list[PCell] = field(default_factory=list)
    below: list[str] = field(default_factory=list)  # notes under the table

    def add(self, row: int, col: int, value: Any, rs: int = 1, cs: int = 1) -> None:
        if value is not None:
            self.cells.append((row, col, value, rs, cs))

    @property
    def height(self) -> int:
        return max((r + rs for r, _, _, rs, _ in self.cells), default=0)


def write_workbook(path: Path, tables: Sequence[Printed], one_sheet: bool = False) -> Path:
    """One sheet per table, or (``one_sheet``) every table stacked on one sheet, a blank row between them."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    ws = None
    row = 1
    for table in tables:
        if ws is None or not one_sheet:
            ws = workbook.create_sheet(table.name)
            row = 1
        for line in table.above:
            for order, text in enumerate(line):
                ws.cell(row, 1 if order == 0 else table.width, text)
            row += 1
        top = row
        for r in range(table.height):
            for c in range(table.width):
                ws.cell(top + r, c + 1).border = BOX
        for r, c, value, rs, cs in table.cells:
            cell = ws.cell(top + r, c + 1)
            cell.value = value
            if isinstance(value, Decimal):
                cell.number_format = "0.00" if value.as_tuple().exponent == -2 else "General"
            if rs > 1 or cs > 1:
                ws.merge_cells(start_row=top + r, start_column=c + 1, end_row=top + r + rs - 1, end_column=c + cs)
        row = top + table.height
        for note in table.below:
            ws.cell(row, 1, note)
            row += 1
        row += 1
    workbook.save(path)
    return path


def get(data: dict[str, Any] | None, path: str) -> Any:
    for key in path.split("/"):
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _amounts(table: Printed, row: int, columns: dict[int, str], values: dict[str, Any] | None) -> None:
    for col, path in columns.items():
        table.add(row, col, get(values, path))


def _heading(department: str, year: int, number: str | None, title: str, unit: str = "万元",
             henan: bool = True, same_line: bool = False) -> list[list[str]]:
    if henan and same_line:  # the number at the right end of the title's line
        return [[title, number or ""], [f"部门：{department} {year} 年度", f"金额单位：{unit}"]]
    if henan:  # title, number line, "部门：X 2023 年度 金额单位：万元"
        return [[title], [number or ""], [f"部门：{department} {year} 年度", f"金额单位：{unit}"]]
    lines = [[title]]
    if number:
        lines.append([number])
    lines.append([f"部门：{department}", f"单位：{unit}"])
    return lines


# ---------------------------------------------------------------------------------------------- tables


def balance_table(name: str, above: list[list[str]], data: dict[str, Any], income: list[tuple[str, str]],
                  function_label: str = "项目") -> Printed:
    """收支总表: 收入 (项目, 金额) | 支出 (项目, 金额); the function rows from the YAML as printed."""
    t = Printed(name, above, 4)
    t.add(0, 0, "收入", 1, 2)
    t.add(0, 2, "支出", 1, 2)
    for col, text in enumerate(["项目", "金额", function_label, "金额"]):
        t.add(1, col, text)
    functions = get(data, "支出/功能分类") or []
    rows = max(len(income), len(functions))
    for i in range(rows):
        if i < len(income):
            label, path = income[i]
            t.add(2 + i, 0, label)
            t.add(2 + i, 1, get(data, f"收入/{path}"))
        if i < len(functions):
            t.add(2 + i, 2, functions[i]["项目"])
            t.add(2 + i, 3, functions[i].get("金额"))
    end = 2 + rows
    for offset, (left, lpath, right, rpath) in enumerate([
        ("本 年 收 入 合 计", "收入/本年收入合计", "本 年 支 出 合 计", "支出/本年支出合计"),
        ("上年结转结余", "收入/上年结转结余", "年终结转结余", "支出/年终结转结余"),
        ("收 入 总 计", "收入/收入总计", "支 出 总 计", "支出/支出总计"),
    ]):
        t.add(end + offset, 0, left)
        t.add(end + offset, 1, get(data, lpath))
        t.add(end + offset, 2, right)
        t.add(end + offset, 3, get(data, rpath))
    return t


HENAN_INCOME = [
    ("一、一般公共预算", "一般公共预算"), ("其中：财政拨款", "其中财政拨款"), ("二、政府性基金预算拨款收入", "政府性基金"),
    ("三、国有资本经营预算拨款收入", "国有资本经营预算"), ("四、财政专户管理资金收入", "财政专户管理资金"),
    ("五、事业收入", "事业收入"), ("六、事业单位经营收入", "事业单位经营收入"), ("七、上级补助收入", "上级补助收入"),
    ("八、附属单位上缴收入", "附属单位上缴收入"), ("九、其他收入", "其他收入"),
]


def income_table(name: str, above: list[list[str]], data: dict[str, Any], total_label: str | None = None) -> Printed:
    """收入表 (预算02 部门收入预算表): 部门（单位）代码 | 名称 | 总计 | 本年收入 (11) | 上年结转结余 (6)."""
    t = Printed(name, above, 20)
    t.add(0, 0, "部门（单位）代\n码", 3, 1)
    t.add(0, 1, "部门（单位）名称", 3, 1)
    t.add(0, 2, "总计", 3, 1)
    t.add(0, 3, "本年收入", 1, 11)
    t.add(0, 14, "上年结转结余", 1, 6)
    t.add(1, 3, "合计", 2, 1)
    t.add(1, 4, "一般公共预算", 1, 2)
    for col, text in zip(range(6, 14), ["政府性基金", "国有资本经营\n预算", "财政专户管理\n资金收入", "事业收入",
                                         "事业单位经营\n收入", "上级补助收入", "附属单位上缴\n收入", "其他收入"]):
        t.add(1, col, text, 2, 1)
    for col, text in zip(range(14, 20), ["合计", "一般公共预算", "政府性基金", "国有资本经营\n预算", "财政专户管理\n资金",
                                          "单位资金"]):
        t.add(1, col, text, 2, 1)
    t.add(2, 4, "小计")
    t.add(2, 5, "其中：财政拨款")
    columns = {2: "总计", 3: "本年收入/合计", 4: "本年收入/一般公共预算", 5: "本年收入/其中财政拨款",
               6: "本年收入/政府性基金", 7: "本年收入/国有资本经营预算", 8: "本年收入/财政专户管理资金",
               9: "本年收入/事业收入", 10: "本年收入/事业单位经营收入", 11: "本年收入/上级补助收入",
               12: "本年收入/附属单位上缴收入", 13: "本年收入/其他收入", 14: "上年结转结余/合计",
               15: "上年结转结余/一般公共预算", 16: "上年结转结余/政府性基金", 17: "上年结转结余/国有资本经营预算",
               18: "上年结转结余/财政专户管理资金", 19: "上年结转结余/单位资金"}
    t.add(3, 0, total_label, 1, 2)
    _amounts(t, 3, columns, data.get("合计行"))  # the department total first (Henan: without a label)
    for i, entry in enumerate(data.get("明细") or []):
        t.add(4 + i, 0, entry.get("单位编码"))
        t.add(4 + i, 1, entry.get("单位名称"))
        _amounts(t, 4 + i, columns, entry)
    return t


EXPENSE_COLUMNS = {5: "合计", 6: "基本支出/小计", 7: "基本支出/工资福利支出", 8: "基本支出/对个人和家庭的补助",
                   9: "基本支出/商品和服务支出", 10: "基本支出/资本性支出", 11: "项目支出/小计", 12: "项目支出/其他运转类",
                   13: "项目支出/特定目标类"}


def expense_table(name: str, above: list[list[str]], data: dict[str, Any], notes: Sequence[str] = (),
                  total_label: str | None = None) -> Printed:
    """支出表 structure (预算03/05/09): 科目编码 类|款|项 | 单位代码 | 单位（科目名称） | 合计 | 基本支出 | 项目支出."""
    t = Printed(name, above, 14, below=list(notes))
    t.add(0, 0, "科目编码", 1, 3)
    t.add(0, 3, "单位代码", 3, 1)
    t.add(0, 4, "单位（科目名称）", 3, 1)
    t.add(0, 5, "合计", 3, 1)
    t.add(0, 6, "基本支出", 1, 5)
    t.add(0, 11, "项目支出", 1, 3)
    for col, text in enumerate(["类", "款", "项"]):
        t.add(1, col, text, 2, 1)
    t.add(1, 6, "小计", 2, 1)
    t.add(1, 7, "人员经费", 1, 2)
    t.add(1, 9, "公用经费", 1, 2)
    t.add(1, 11, "小计", 2, 1)
    t.add(1, 12, "其他运转类", 2, 1)
    t.add(1, 13, "特定目标类", 2, 1)
    for col, text in zip(range(7, 11), ["工资福利支出", "对个人和家庭的\n补助", "商品和服务支出", "资本性支出"]):
        t.add(2, col, text)
    t.add(3, 0, total_label, 1, 5)
    _amounts(t, 3, EXPENSE_COLUMNS, data.get("合计行"))
    for i, entry in enumerate(data.get("明细") or []):
        code = entry.get("编码", "")
        for part, (start, end) in enumerate(((0, 3), (3, 5), (5, 7))):
            t.add(4 + i, part, code[start:end] or None)
        t.add(4 + i, 3, entry.get("单位编码"))
        t.add(4 + i, 4, entry.get("名称"))
        _amounts(t, 4 + i, EXPENSE_COLUMNS, entry)
    return t


def grant_table(name: str, above: list[list[str]], data: dict[str, Any], ordinal: bool = True) -> Printed:
    """财政拨款收支总表 (预算04): 收入 (项目, 金额) | 支出 (项目, 合计, 一般公共预算 小计/其中：财政拨款, 政府性基金,
    国有资本经营预算); the 收入 side by sections 本年收入 and 上年结转."""
    t = Printed(name, above, 8)
    t.add(0, 0, "收入", 1, 2)
    t.add(0, 2, "支出", 1, 6)
    t.add(1, 0, "项 目", 2, 1)
    t.add(1, 1, "金　额", 2, 1)
    t.add(1, 2, "项 目", 2, 1)
    t.add(1, 3, "合计", 2, 1)
    t.add(1, 4, "一般公共预算", 1, 2)
    t.add(1, 6, "政府性基金", 2, 1)
    t.add(1, 7, "国有资本经营预\n算", 2, 1)
    t.add(2, 4, "小计")
    t.add(2, 5, "其中：财政拨款")
    columns = {3: "合计", 4: "一般公共预算", 5: "其中财政拨款", 6: "政府性基金", 7: "国有资本经营预算"}
    income = get(data, "收入") or {}
    left = [("一、本年收入", "本年收入/合计"), ("（一）一般公共预算拨款", "本年收入/一般公共预算"),
            ("      其中：财政拨款", "本年收入/其中财政拨款"), ("（二）政府性基金预算拨款", "本年收入/政府性基金"),
            ("（三）国有资本经营预算拨款", "本年收入/国有资本经营预算"), ("二、上年结转", "上年结转/合计"),
            ("（一）一般公共预算拨款", "上年结转/一般公共预算"), ("（二）政府性基金预算拨款", "上年结转/政府性基金"),
            ("（三）国有资本经营预算拨款", "上年结转/国有资本经营预算")]
    right: list[tuple[str, dict[str, Any] | None]] = [("一、本年支出", get(data, "支出/本年支出"))]
    right += [(f["项目"], f) for f in get(data, "支出/功能分类") or []]
    right.append(("二、年终结转结余", get(data, "支出/年终结转结余")))
    for i in range(max(len(left), len(right))):
        if i < len(left):
            t.add(3 + i, 0, left[i][0])
            t.add(3 + i, 1, get(income, left[i][1]))
        if i < len(right):
            t.add(3 + i, 2, right[i][0])
            _amounts(t, 3 + i, columns, right[i][1])
    end = 3 + max(len(left), len(right))
    t.add(end, 0, "收入合计")
    t.add(end, 1, get(income, "收入合计"))
    t.add(end, 2, "支出合计")
    _amounts(t, end, columns, get(data, "支出/支出合计"))
    return t


def basic_table(name: str, above: list[list[str]], data: dict[str, Any]) -> Printed:
    """一般公共预算基本支出表 (预算06): 部门预算支出经济分类科目 | 政府预算支出经济分类科目 | 合计 人员经费 公用经费."""
    t = Printed(name, above, 7)
    t.add(0, 0, "部门预算支出经济分类科目", 1, 2)
    t.add(0, 2, "政府预算支出经济分类科目编码", 1, 2)
    t.add(0, 4, "本年一般公共预算基本支出", 1, 3)
    for col, text in enumerate(["科目编码", "科目名称", "科目编码", "科目名称", "合计", "人员经费", "公用经费"]):
        t.add(1, col, text)
    columns = {4: "合计", 5: "人员经费", 6: "公用经费"}
    _amounts(t, 2, columns, data.get("合计行"))
    for i, entry in enumerate(data.get("明细") or []):
        t.add(3 + i, 0, entry.get("编码"))
        t.add(3 + i, 1, entry.get("名称"))
        t.add(3 + i, 2, entry.get("政府经济分类编码"))
        t.add(3 + i, 3, entry.get("政府经济分类名称"))
        _amounts(t, 3 + i, columns, entry)
    return t


SUMMARY_COLUMNS = {6: "总计", 7: "一般公共预算", 8: "其中财政拨款", 9: "政府性基金", 10: "国有资本经营预算",
                   11: "上年结转结余", 12: "财政专户管理资金", 13: "事业收入", 14: "上级补助收入", 15: "附属单位上缴收入",
                   16: "事业单位经营收入", 17: "其他收入"}


def summary_table(name: str, above: list[list[str]], data: dict[str, Any]) -> Printed:
    """支出经济分类汇总表 (预算07): 部门预算经济分类 类|款|科目名称 | 政府预算经济分类 类|款|科目名称 | 总计 …"""
    t = Printed(name, above, 18)
    t.add(0, 0, "部门预算经济分类", 1, 3)
    t.add(0, 3, "政府预算经济分类", 1, 3)
    t.add(0, 6, "总计", 2, 1)
    t.add(0, 7, "一般公共预算", 1, 2)
    for col, text in zip(range(9, 18), ["政府性基金", "国有资本经营\n预算", "上年结转结余", "财政专户管理\n资金收入", "事业收入",
                                         "上级补助收入", "附属单位上缴\n收入", "事业单位经营\n收入", "其他收入"]):
        t.add(0, col, text, 2, 1)
    for col, text in enumerate(["类", "款", "科目名称", "类", "款", "科目名称"]):
        t.add(1, col, text)
    t.add(1, 7, "小计")
    t.add(1, 8, "其中：财政拨\n款")
    _amounts(t, 2, SUMMARY_COLUMNS, data.get("合计行"))
    for i, entry in enumerate(data.get("明细") or []):
        code, gov = entry.get("编码", ""), entry.get("政府经济分类编码", "")
        t.add(3 + i, 0, code[:3] or None)
        t.add(3 + i, 1, code[3:5] or None)
        t.add(3 + i, 2, entry.get("名称"))
        t.add(3 + i, 3, gov[:3] or None)
        t.add(3 + i, 4, gov[3:5] or None)
        t.add(3 + i, 5, entry.get("政府经济分类名称"))
        _amounts(t, 3 + i, SUMMARY_COLUMNS, entry)
    return t


THREE_PUBLIC = {0: "合计", 1: "因公出国境费", 2: "公务用车购置及运行费/小计", 3: "公务用车购置及运行费/公务用车购置费",
                4: "公务用车购置及运行费/公务用车运行费", 5: "公务接待费"}


def three_public_table(name: str, above: list[list[str]], data: dict[str, Any], notes: Sequence[str] = (),
                       years: tuple[int, int] | None = None) -> Printed:
    """三公经费表 (预算08): “三公”经费合计 | 因公出国（境）费 | 公务用车购置及运行费 (小计, 购置费, 运行费) | 公务接待费;
    with `years` the 上年 and 本年 预算数 side by side under "2023年预算数" / "2024年预算数"."""
    groups = [("本年", None)] if years is None else [("上年", f"{years[0]}年预算数"), ("本年", f"{years[1]}年预算数")]
    top = 0 if years is None else 1
    t = Printed(name, above, 6 * len(groups), below=list(notes))
    for g, (key, label) in enumerate(groups):
        base = 6 * g
        if label:
            t.add(0, base, label, 1, 6)
        t.add(top, base, "“三公”经费合计", 2, 1)
        t.add(top, base + 1, "因公出国（境）费", 2, 1)
        t.add(top, base + 2, "公务用车购置及运行费", 1, 3)
        t.add(top, base + 5, "公务接待费", 2, 1)
        t.add(top + 1, base + 2, "小计")
        t.add(top + 1, base + 3, "公务用车购置费")
        t.add(top + 1, base + 4, "公务用车运行费")
        _amounts(t, top + 2, {base + c: p for c, p in THREE_PUBLIC.items()}, data.get(key))
    return t


PROJECT_COLUMNS = {3: "合计", 4: "本年拨款/一般公共预算", 5: "本年拨款/政府性基金预算", 6: "本年拨款/国有资本经营预算",
                   7: "财政拨款结转结余/一般公共预算", 8: "财政拨款结转结余/政府性基金预算",
                   9: "财政拨款结转结余/国有资本经营预算", 10: "财政专户管理资金", 11: "单位资金"}


def project_table(name: str, above: list[list[str]], data: dict[str, Any]) -> Printed:
    """项目支出表 (预算10): 类型 | 项目名称 | 项目单位 | 合计 | 本年拨款 (3) | 财政拨款结转结余 (3) | 财政专户管理资金 | 单位资金."""
    t = Printed(name, above, 12)
    for col, text in enumerate(["类型", "项目名称", "项目单位", "合计"]):
        t.add(0, col, text, 2, 1)
    t.add(0, 4, "本年拨款", 1, 3)
    t.add(0, 7, "财政拨款结转结余", 1, 3)
    t.add(0, 10, "财政专户管理资\n金", 2, 1)
    t.add(0, 11, "单位资金", 2, 1)
    for base in (4, 7):
        for offset, text in enumerate(["一般公共预算", "政府性基金预算", "国有资本经营预\n算"]):
            t.add(1, base + offset, text)
    _amounts(t, 2, PROJECT_COLUMNS, data.get("合计行"))
    for i, entry in enumerate(data.get("项目") or []):
        for col, key in enumerate(["类型", "项目名称", "项目单位"]):
            t.add(3 + i, col, entry.get(key))
        _amounts(t, 3 + i, PROJECT_COLUMNS, entry)
    return t


def overall_table(name: str, above: list[list[str]], data: dict[str, Any]) -> Printed:
    """整体绩效目标表 (预算11): a form of five columns."""
    t = Printed(name, above, 5)
    t.add(0, 0, "部门（单位）名称")
    t.add(0, 1, data["部门名称"], 1, 4)
    t.add(1, 0, "年度履职目标")
    t.add(1, 1, data["年度履职目标"], 1, 4)
    tasks = data.get("年度主要任务") or []
    t.add(2, 0, "年度主要任务", 1 + len(tasks), 1)
    t.add(2, 1, "任务名称", 1, 2)
    t.add(2, 3, "主要内容", 1, 2)
    for i, task in enumerate(tasks):
        t.add(3 + i, 1, task["任务名称"], 1, 2)
        t.add(3 + i, 3, task.get("主要内容"), 1, 2)
    row = 3 + len(tasks)
    budget = data["预算情况"]
    lines = [("部门预算总额（万元）", "部门预算总额"), ("1、资金来源：（1）政府预算资金", "资金来源/政府预算资金"),
             ("（2）财政专户管理资金", "资金来源/财政专户管理资金"), ("（3）单位资金", "资金来源/单位资金"),
             ("2、资金结构：（1）基本支出", "资金结构/基本支出"), ("（2）项目支出", "资金结构/项目支出")]
    t.add(row, 0, "预算情况", len(lines), 1)
    for i, (label, path) in enumerate(lines):
        t.add(row + i, 1, label, 1, 3)
        t.add(row + i, 4, get(budget, path))
    row += len(lines)
    for col, text in enumerate(["一级指标", "二级指标", "三级指标", "指标值", "指标值说明"]):
        t.add(row, col, text)
    row += 1
    indicators = data.get("绩效指标") or []
    for level, col in (("一级指标", 0), ("二级指标", 1)):
        start = 0
        while start < len(indicators):
            end = start
            while end + 1 < len(indicators) and all(
                    indicators[end + 1][k] == indicators[start][k] for k in ("一级指标", level)):
                end += 1
            t.add(row + start, col, indicators[start][level], end - start + 1, 1)
            start = end + 1
    for i, item in enumerate(indicators):
        t.add(row + i, 2, item["三级指标"])
        t.add(row + i, 3, item.get("指标值"))
        t.add(row + i, 4, item.get("指标值说明"))
    return t


GROUPS = ("成本指标", "产出指标", "效益指标", "满意度指标")


def indicators_table(name: str, above: list[list[str]], data: dict[str, Any]) -> Printed:
    """项目绩效目标表 (预算12): 单位编码（项目编码） | 项目单位（项目名称） | 项目金额 (4) | 绩效目标: 4 × (三级指标, 指标值);
    a project's code, name and amounts span the rows of its indicators."""
    t = Printed(name, above, 14)
    t.add(0, 0, "单位编码（项目编码）", 3, 1)
    t.add(0, 1, "项目单位\n（项目名\n称）", 3, 1)
    t.add(0, 2, "项目金额（万元）", 1, 4)
    t.add(0, 6, "绩效目标", 1, 8)
    for offset, text in enumerate(["资金总额", "政府预算\n资金", "财政专户\n管理资金", "单位资金"]):
        t.add(1, 2 + offset, text, 2, 1)
    for g, group in enumerate(GROUPS):
        t.add(1, 6 + 2 * g, group, 1, 2)
        t.add(2, 6 + 2 * g, "三级指标")
        t.add(2, 7 + 2 * g, "指标值")
    amounts = {2: "资金总额", 3: "政府预算资金", 4: "财政专户管理资金", 5: "单位资金"}
    total = data.get("合计行") or {}
    t.add(3, 0, total.get("编码", "合计"))
    _amounts(t, 3, amounts, total)
    row = 4
    for unit in data.get("单位行") or []:
        t.add(row, 0, unit.get("编码"))
        t.add(row, 1, unit.get("名称"))
        _amounts(t, row, amounts, unit)
        row += 1
    for project in data.get("项目") or []:
        height = max([len(project.get(g) or []) for g in GROUPS] + [1])
        t.add(row, 0, project.get("项目编码"), height, 1)
        t.add(row, 1, project.get("项目名称"), height, 1)
        for col, path in amounts.items():
            t.add(row, col, project.get(path), height, 1)
        for g, group in enumerate(GROUPS):
            for i, item in enumerate(project.get(group) or []):
                t.add(row + i, 6 + 2 * g, item["三级指标"])
                t.add(row + i, 7 + 2 * g, item["指标值"])
        row += height
    return t


# ---------------------------------------------------------------------------------------------- documents


def henan_tables(doc: dict[str, Any], same_line: bool = False) -> list[Printed]:
    """The twelve tables of a Henan 部门预算 as printed (预算01表–预算12表); ``same_line``: the number printed
    at the end of the title's line instead of on a line of its own."""
    tables = doc["表格"]
    department, year = doc["部门"], doc["年度"]

    def above(key: str) -> list[list[str]]:
        table = tables[key]
        return _heading(department, year, _spaced(table["编号"]), table["标题"], same_line=same_line)

    out = [
        balance_table("预算01", above("收支总表"), tables["收支总表"], HENAN_INCOME),
        income_table("预算02", above("收入表"), tables["收入表"]),
        expense_table("预算03", above("支出表"), tables["支出表"]),
        grant_table("预算04", above("财政拨款收支总表"), tables["财政拨款收支总表"]),
        expense_table("预算05", above("一般公共预算支出表"), tables["一般公共预算支出表"]),
        basic_table("预算06", above("一般公共预算基本支出表"), tables["一般公共预算基本支出表"]),
        summary_table("预算07", above("支出经济分类汇总表"), tables["支出经济分类汇总表"]),
        three_public_table("预算08", above("三公经费表"), tables["三公经费表"], [tables["三公经费表"]["说明"]]),
        expense_table("预算09", above("政府性基金支出表"), tables["政府性基金支出表"], [tables["政府性基金支出表"]["说明"]]),
        project_table("预算10", above("项目支出表"), tables["项目支出表"]),
    ]
    overall = tables["整体绩效目标表"]
    # 预算11 prints its number above the title and the year under it, no 部门 line
    out.append(overall_table("预算11", [[_spaced(overall["编号"])], [overall["标题"]], [f"（{year} 年度）"]], overall))
    project = tables["项目绩效目标表"]
    out.append(indicators_table("预算12", [[_spaced(project["编号"])], [project["标题"]],
                                          [f"部门名称： {project['部门']}"]], project))
    return out


def _spaced(number: str) -> str:
    """"预算01表" printed as the seed prints it: "预算 01 表"."""
    return number.replace("预算", "预算 ").replace("表", " 表")


NATIONAL_INCOME = [
    ("一、一般公共预算拨款收入", "一般公共预算"), ("其中：财政拨款", "其中财政拨款"), ("二、政府性基金预算拨款收入", "政府性基金"),
    ("三、国有资本经营预算拨款收入", "国有资本经营预算"), ("四、财政专户管理资金收入", "财政专户管理资金"),
    ("五、事业收入", "事业收入"), ("六、事业单位经营收入", "事业单位经营收入"), ("七、上级补助收入", "上级补助收入"),
    ("八、附属单位上缴收入", "附属单位上缴收入"), ("九、其他收入", "其他收入"),
]


def economic_table(name: str, above: list[list[str]], data: dict[str, Any]) -> Printed:
    """财政拨款支出预算表（部门经济分类科目） (四川表2-1): 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出; 合计 row last."""
    t = Printed(name, above, 5)
    t.add(0, 0, "部门经济分类科目", 1, 2)
    t.add(0, 2, "本年财政拨款支出", 1, 3)
    for col, text in enumerate(["科目编码", "科目名称", "合计", "基本支出", "项目支出"]):
        t.add(1, col, text)
    columns = {2: "合计", 3: "基本支出", 4: "项目支出"}
    details = data.get("明细") or []
    for i, entry in enumerate(details):
        t.add(2 + i, 0, entry.get("编码"))
        t.add(2 + i, 1, entry.get("名称"))
        _amounts(t, 2 + i, columns, entry)
    t.add(2 + len(details), 0, "合计", 1, 2)
    _amounts(t, 2 + len(details), columns, data.get("合计行"))
    return t


def project_list_table(name: str, above: list[list[str]], data: dict[str, Any]) -> Printed:
    """一般公共预算项目支出预算表 (四川表3-2): 项目单位 | 项目名称 | 金额; the 合计 row first."""
    t = Printed(name, above, 3)
    for col, text in enumerate(["项目单位", "项目名称", "金额"]):
        t.add(0, col, text)
    t.add(1, 0, "合计", 1, 2)
    t.add(1, 2, get(data, "合计行/合计"))
    for i, project in enumerate(data.get("项目") or []):
        t.add(2 + i, 0, project.get("项目单位"))
        t.add(2 + i, 1, project.get("项目名称"))
        t.add(2 + i, 2, project.get("金额"))
    return t


def national_tables(doc: dict[str, Any], numbered: bool) -> list[Printed]:
    """A national-template or (``numbered``) Sichuan 部门预算: titles with the year, "部门：X  单位：万元", Sichuan's
    "表1" … printed above each title; 科目 rows by name; totals labelled 合计."""
    tables = doc["表格"]
    department, year = doc["部门"], doc["年度"]

    def above(key: str) -> list[list[str]]:
        table = tables[key]
        return _heading(department, year, table["编号"] if numbered else None, table["标题"], henan=False)

    def noted(key: str) -> list[str]:
        return [tables[key]["说明"]] if "说明" in tables[key] else []

    builders = {
        "收支总表": lambda a, d: balance_table("收支总表", a, d, NATIONAL_INCOME),
        "收入表": lambda a, d: income_table("收入表", a, d, "合计"),
        "支出表": lambda a, d: expense_table("支出表", a, d, total_label="合计"),
        "财政拨款收支总表": lambda a, d: grant_table("财政拨款收支总表", a, d),
        "财政拨款支出经济分类表": lambda a, d: economic_table("经济分类", a, d),
        "一般公共预算支出表": lambda a, d: expense_table("一般公共预算支出表", a, d, total_label="合计"),
        "一般公共预算基本支出表": lambda a, d: basic_table("基本支出表", a, d),
        "一般公共预算项目支出表": lambda a, d: project_list_table("项目支出表", a, d),
        "三公经费表": lambda a, d: three_public_table("三公经费表", a, d, noted("三公经费表"),
                                                   years=(year - 1, year) if "上年" in d else None),
        "政府性基金支出表": lambda a, d: expense_table("政府性基金", a, d, noted("政府性基金支出表")),
        "政府性基金三公经费表": lambda a, d: three_public_table("政府性基金三公", a, d, noted("政府性基金三公经费表")),
        "国有资本经营预算支出表": lambda a, d: expense_table("国有资本", a, d, noted("国有资本经营预算支出表")),
        "项目绩效目标表": lambda a, d: indicators_table("项目绩效", a, d),
        "整体绩效目标表": lambda a, d: overall_table("整体绩效", a, d),
    }
    return [builders[key](above(key), table) for key, table in tables.items()]


def split_pages(table: Printed, at_row: int) -> tuple[Printed, Printed]:
    """A table printed over two pages, broken before ``at_row``: the second page has no title and does not
    repeat the header (as long tables often are). A merged cell across the break prints its text on the
    first page; its rest on the second page is an empty box."""
    first = Printed(table.name, table.above, table.width)
    second = Printed(table.name + "续", [], table.width, below=table.below)
    for r, c, value, rs, cs in table.cells:
        if r < at_row < r + rs:
            first.cells.append((r, c, value, at_row - r, cs))
        elif r < at_row:
            first.cells.append((r, c, value, rs, cs))
        else:
            second.cells.append((r - at_row, c, value, rs, cs))
    return first, second
