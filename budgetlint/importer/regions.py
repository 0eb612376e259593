"""The printed layouts of the national-style 部门预算 tables: the profiles national, henan and sichuan.

tables.py finds each table by its title and reads its header into column label paths; for these three
profiles it hands the table to `RegionBuilder` here (Shanghai and 决算 keep their own specs in tables.py).
The three regions print the same family of tables (财预〔2016〕143号 and its later additions), which the
format v1 keys were modelled on (docs/format.md §3), so one set of layouts serves them, with the
differences each region prints:

* Henan prints a number line with every title ("预算 01 表"), the department total as the first body row
  without a label, and the 收支总表 function rows by ordinal only ("六、科学技术", ordinal = code − 200:
  the row's 编码 is left to the profile, as in the transcription);
* the national template and Sichuan print 科目 names on those rows (the 编码 is read from the name) and
  Sichuan numbers its tables "表1", "表1-1" …;
* the 绩效目标 tables are forms (整体) or projects with four groups of indicators (项目), not grids of figures.

Column layouts (header label paths, compared after tables.norm) come from the Henan seed document (its
pdftotext) and rules-catalogue §1.3; a header path is matched by its end, so "本年收入 / 一般公共预算 / 小计"
and a template that prints "一般公共预算" alone both land on 本年收入/一般公共预算.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .grid import provenance, Origin, Row
from .tables import _TOTAL_LABELS, _Builder, _Found, _function_code, is_amount, norm, parse_amount

PROFILES = ("national", "henan", "sichuan")

# A table number printed on its own line, above or below the title: "预算 01 表", "表1-1", "表一", "公开02表".
NUMBER_LINE = re.compile(r"^(?:(?:预算|公开)\s*\d{1,2}\s*表|表\s*(?:\d{1,2}(?:\s*-\s*\d{1,2})?|[一二三四五六七八九十]+))$")
# "2023 年度" / "（2023 年度）" printed in a heading line next to the department
_HEADING_YEAR = re.compile(r"[（(]?\s*(\d{4})\s*年度?\s*[）)]?")
_CODE_DIGITS = re.compile(r"^[0-9]+$")
_FUNCTION_CODE = re.compile(r"^[0-9]{3}(?:[0-9]{2}){0,2}$")
_PART_CODE = re.compile(r"^[0-9]{2}$")
_PRINTED_ORDINAL = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")

# Printed titles other than the profile's own 标题, per profile: the national template's tables are printed
# with "预算" in their names by many regions ("2024年一般公共预算支出预算表" for 一般公共预算支出表).
TITLE_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "national": {
        "收支总表": ("部门收支预算总表",),
        "收入表": ("部门收入预算总表",),
        "支出表": ("部门支出预算总表",),
        "财政拨款收支总表": ("财政拨款收支预算总表",),
        "一般公共预算支出表": ("一般公共预算支出预算表",),
        "一般公共预算基本支出表": ("一般公共预算基本支出预算表",),
        "三公经费表": ("一般公共预算“三公”经费支出预算表",),
        "政府性基金支出表": ("政府性基金预算支出预算表",),
        "项目支出表": ("项目支出预算表",),
        "项目绩效目标表": ("部门预算项目支出绩效目标表",),
    },
}


def title_aliases(profile_id: str) -> Mapping[str, tuple[str, ...]]:
    return TITLE_ALIASES.get(profile_id, {})


def is_number_line(text: str) -> bool:
    return bool(NUMBER_LINE.match(" ".join(text.split())))


def number_keys(profile: Any) -> dict[str, str]:
    """Printed table number ("预算01表", "表1-1") → format key, for the profiles of this module that number their
    tables (Henan, Sichuan; the national template names them by title)."""
    if profile.id not in PROFILES:
        return {}
    return {"".join(entry.number.split()): key for key, entry in profile.tables.items() if NUMBER_LINE.match(entry.number)}


def numbered_titles(rows: Sequence[Row], numbers: Mapping[str, str], titled: set[int]) -> list[tuple[Row, str]]:
    """Title lines known by the number printed with them, not by their wording: a Henan document of another
    year or city may title 预算01表 “部门收支总表”. A line is such a title when it ends in 表 (or a bracketed
    qualifier), is not itself a number, and a number of the profile is printed on it, on the line above it
    or on the line below it (rows in `titled` are already titles by their wording)."""
    from .tables import _title_cell, bare_title

    if not numbers:
        return []
    printed = [row for row in rows if row.cells]
    out = []
    for position, row in enumerate(printed):
        if row.index in titled or not row.is_text:
            continue
        cell = _title_cell(row)
        if cell is None or is_number_line(cell.text):
            continue
        text = bare_title(cell.text)
        if not (text.endswith("表") or re.search(r"表（[^（）]{1,12}）$", text)) or len(text) > 60:
            continue
        near = [c.text for c in row.cells if c is not cell]
        near += [r.text for r in printed[max(position - 1, 0):position] + printed[position + 1:position + 2] if r.is_text]
        keys = [numbers["".join(t.split())] for t in near if is_number_line(t) and "".join(t.split()) in numbers]
        if keys:
            out.append((row, keys[0]))
    return out


def printed_number(printed: str | None, expected: str) -> str:
    """The table's 编号 as printed ("预算 01 表" → "预算01表", so that BL013 sees a misnumbered table), where the
    profile numbers its tables; the national template names them by title, so a printed "表一" is no error there
    and the profile's 编号 stays."""
    if printed is None or not NUMBER_LINE.match(expected):
        return expected
    return "".join(printed.split())


def clean_heading(line: str) -> tuple[str, int | None]:
    """A heading line without the table number and "2023 年度" (both printed next to 部门 in Henan), and
    the year it prints; "部门名称：X" is read as "部门：X"."""
    year = None
    m = _HEADING_YEAR.search(line)
    if m and ("年" in m.group(0)):
        year = int(m.group(1))
        line = line[: m.start()] + " " + line[m.end():]
    line = re.sub(r"(?:预算|公开)\s*\d{1,2}\s*表|(?<![\u4e00-\u9fff])表\s*\d{1,2}(?:\s*-\s*\d{1,2})?(?![0-9])", " ", line)
    line = re.sub(r"部门(?:（单位）|\(单位\))?名称\s*[:：]\s*", "部门：", line)
    return line, year


# ---------------------------------------------------------------------------------------------------
# Layouts

Columns = tuple[tuple[tuple[str, ...], str], ...]


@dataclass(frozen=True)
class Layout:
    # coded: rows of figures by 科目/单位 (明细 + 合计行); balance: 收入 | 支出 sides; single: one row of
    # figures per column group (三公); projects: one row per project (项目支出表); form: the 整体绩效目标表;
    # indicators: projects with 成本/产出/效益/满意度 indicators (项目绩效目标表)
    kind: str
    columns: Columns = ()
    income_rows: Mapping[str, str] = field(default_factory=dict)
    expense_rows: Mapping[str, str] = field(default_factory=dict)
    income_sections: Mapping[str, tuple[str, Mapping[str, str]]] = field(default_factory=dict)
    expense_columns: Columns = ()
    groups: tuple[tuple[str, str], ...] = ()  # single: column group label (without year) → row key
    total_columns: Mapping[str, str] = field(default_factory=dict)  # projects: a column's key in 合计行


_INCOME_COLUMNS: Columns = (
    (("总计",), "总计"),
    (("本年收入", "合计"), "本年收入/合计"),
    (("本年收入", "一般公共预算", "小计"), "本年收入/一般公共预算"),
    (("本年收入", "一般公共预算", "其中:财政拨款"), "本年收入/其中财政拨款"),
    (("本年收入", "其中:财政拨款"), "本年收入/其中财政拨款"),
    (("本年收入", "一般公共预算"), "本年收入/一般公共预算"),
    (("本年收入", "政府性基金"), "本年收入/政府性基金"),
    (("本年收入", "国有资本经营预算"), "本年收入/国有资本经营预算"),
    (("本年收入", "财政专户管理资金收入"), "本年收入/财政专户管理资金"),
    (("本年收入", "财政专户管理资金"), "本年收入/财政专户管理资金"),
    (("本年收入", "事业收入"), "本年收入/事业收入"),
    (("本年收入", "事业单位经营收入"), "本年收入/事业单位经营收入"),
    (("本年收入", "上级补助收入"), "本年收入/上级补助收入"),
    (("本年收入", "附属单位上缴收入"), "本年收入/附属单位上缴收入"),
    (("本年收入", "其他收入"), "本年收入/其他收入"),
    (("上年结转结余", "合计"), "上年结转结余/合计"),
    (("上年结转结余", "一般公共预算"), "上年结转结余/一般公共预算"),
    (("上年结转结余", "政府性基金"), "上年结转结余/政府性基金"),
    (("上年结转结余", "国有资本经营预算"), "上年结转结余/国有资本经营预算"),
    (("上年结转结余", "财政专户管理资金"), "上年结转结余/财政专户管理资金"),
    (("上年结转结余", "单位资金"), "上年结转结余/单位资金"),
    (("上年结转结余",), "上年结转结余/合计"),
    # the central template prints the sources flat, without the 本年收入 group: 合计 | 上年结转 | 一般公共预算财政拨款收入 …
    (("合计",), "总计"),
    (("上年结转",), "上年结转结余/合计"),
    (("一般公共预算财政拨款收入",), "本年收入/一般公共预算"),
    (("一般公共预算拨款收入",), "本年收入/一般公共预算"),
    (("政府性基金预算财政拨款收入",), "本年收入/政府性基金"),
    (("政府性基金预算拨款收入",), "本年收入/政府性基金"),
    (("国有资本经营预算财政拨款收入",), "本年收入/国有资本经营预算"),
    (("国有资本经营预算拨款收入",), "本年收入/国有资本经营预算"),
    (("财政专户管理资金收入",), "本年收入/财政专户管理资金"),
    (("事业收入",), "本年收入/事业收入"),
    (("事业单位经营收入",), "本年收入/事业单位经营收入"),
    (("上级补助收入",), "本年收入/上级补助收入"),
    (("附属单位上缴收入",), "本年收入/附属单位上缴收入"),
    (("其他收入",), "本年收入/其他收入"),
)

_EXPENSE_COLUMNS: Columns = (
    (("合计",), "合计"),
    (("基本支出", "小计"), "基本支出/小计"),
    (("工资福利支出",), "基本支出/工资福利支出"),
    (("对个人和家庭的补助",), "基本支出/对个人和家庭的补助"),
    (("商品和服务支出",), "基本支出/商品和服务支出"),
    (("资本性支出",), "基本支出/资本性支出"),
    (("基本支出",), "基本支出/小计"),
    (("项目支出", "小计"), "项目支出/小计"),
    (("其他运转类",), "项目支出/其他运转类"),
    (("特定目标类",), "项目支出/特定目标类"),
    (("项目支出",), "项目支出/小计"),
    (("上缴上级支出",), "上缴上级支出"),
    (("事业单位经营支出",), "事业单位经营支出"),
    (("对附属单位补助支出",), "对附属单位补助支出"),
)

_BALANCE_INCOME = {
    "一般公共预算": "收入/一般公共预算",
    "一般公共预算财政拨款收入": "收入/一般公共预算",
    "一般公共预算财政拨款": "收入/一般公共预算",
    "政府性基金预算财政拨款收入": "收入/政府性基金",
    "政府性基金预算财政拨款": "收入/政府性基金",
    "国有资本经营预算财政拨款收入": "收入/国有资本经营预算",
    "国有资本经营预算财政拨款": "收入/国有资本经营预算",
    "一般公共预算拨款收入": "收入/一般公共预算",
    "一般公共预算拨款": "收入/一般公共预算",
    "其中:财政拨款": "收入/其中财政拨款",
    "政府性基金预算拨款收入": "收入/政府性基金",
    "政府性基金预算拨款": "收入/政府性基金",
    "政府性基金": "收入/政府性基金",
    "国有资本经营预算拨款收入": "收入/国有资本经营预算",
    "国有资本经营预算拨款": "收入/国有资本经营预算",
    "国有资本经营预算": "收入/国有资本经营预算",
    "财政专户管理资金收入": "收入/财政专户管理资金",
    "财政专户管理资金": "收入/财政专户管理资金",
    "事业收入": "收入/事业收入",
    "事业单位经营收入": "收入/事业单位经营收入",
    "上级补助收入": "收入/上级补助收入",
    "附属单位上缴收入": "收入/附属单位上缴收入",
    "其他收入": "收入/其他收入",
    "本年收入合计": "收入/本年收入合计",
    "用事业基金弥补收支差额": "收入/用事业基金弥补收支差额",
    "上年结转结余": "收入/上年结转结余",
    "上年结转": "收入/上年结转结余",
    "收入总计": "收入/收入总计",
}

_GRANT_SOURCES = {
    "一般公共预算财政拨款": "一般公共预算",
    "一般公共预算财政拨款收入": "一般公共预算",
    "政府性基金预算财政拨款": "政府性基金",
    "政府性基金预算财政拨款收入": "政府性基金",
    "国有资本经营预算财政拨款": "国有资本经营预算",
    "国有资本经营预算财政拨款收入": "国有资本经营预算",
    "一般公共预算拨款": "一般公共预算",
    "一般公共预算拨款收入": "一般公共预算",
    "一般公共预算": "一般公共预算",
    "其中:财政拨款": "其中财政拨款",
    "政府性基金预算拨款": "政府性基金",
    "政府性基金预算拨款收入": "政府性基金",
    "政府性基金预算": "政府性基金",
    "国有资本经营预算拨款": "国有资本经营预算",
    "国有资本经营预算拨款收入": "国有资本经营预算",
    "国有资本经营预算": "国有资本经营预算",
}

_GRANT_COLUMNS: Columns = (
    (("合计",), "合计"),
    (("一般公共预算财政拨款",), "一般公共预算"),
    (("政府性基金预算财政拨款",), "政府性基金"),
    (("国有资本经营预算财政拨款",), "国有资本经营预算"),
    (("一般公共预算", "小计"), "一般公共预算"),
    (("其中:财政拨款",), "其中财政拨款"),
    (("一般公共预算",), "一般公共预算"),
    (("政府性基金",), "政府性基金"),
    (("政府性基金预算",), "政府性基金"),
    (("国有资本经营预算",), "国有资本经营预算"),
    (("金额",), "合计"),
)

_THREE_PUBLIC: Columns = (
    (("“三公”经费合计",), "合计"),
    (("三公经费合计",), "合计"),
    (("合计",), "合计"),
    (("因公出国(境)费",), "因公出国境费"),
    (("因公出国(境)费用",), "因公出国境费"),
    (("公务用车购置及运行费", "小计"), "公务用车购置及运行费/小计"),
    (("公务用车购置及运行维护费", "小计"), "公务用车购置及运行费/小计"),
    (("公务用车购置费",), "公务用车购置及运行费/公务用车购置费"),
    (("公务用车运行费",), "公务用车购置及运行费/公务用车运行费"),
    (("公务用车运行维护费",), "公务用车购置及运行费/公务用车运行费"),
    (("公务用车购置及运行费",), "公务用车购置及运行费/小计"),
    (("公务接待费",), "公务接待费"),
)

_PROJECT_AMOUNTS: Columns = (
    (("合计",), "合计"),
    (("本年拨款", "一般公共预算"), "本年拨款/一般公共预算"),
    (("本年拨款", "政府性基金预算"), "本年拨款/政府性基金预算"),
    (("本年拨款", "国有资本经营预算"), "本年拨款/国有资本经营预算"),
    (("财政拨款结转结余", "一般公共预算"), "财政拨款结转结余/一般公共预算"),
    (("财政拨款结转结余", "政府性基金预算"), "财政拨款结转结余/政府性基金预算"),
    (("财政拨款结转结余", "国有资本经营预算"), "财政拨款结转结余/国有资本经营预算"),
    (("财政专户管理资金",), "财政专户管理资金"),
    (("单位资金",), "单位资金"),
    (("金额",), "金额"),
)

LAYOUTS: dict[str, Layout] = {
    "收支总表": Layout("balance", income_rows=_BALANCE_INCOME,
                      expense_rows={"本年支出合计": "支出/本年支出合计", "年终结转结余": "支出/年终结转结余",
                                    "支出总计": "支出/支出总计"}),
    "收入表": Layout("coded", columns=_INCOME_COLUMNS),
    "支出表": Layout("coded", columns=_EXPENSE_COLUMNS),
    "一般公共预算支出表": Layout("coded", columns=_EXPENSE_COLUMNS),
    "政府性基金支出表": Layout("coded", columns=_EXPENSE_COLUMNS),
    "国有资本经营预算支出表": Layout("coded", columns=_EXPENSE_COLUMNS),
    "财政拨款收支总表": Layout(
        "balance",
        income_rows={"收入合计": "收入/收入合计", "收入总计": "收入/收入合计"},
        income_sections={"本年收入": ("收入/本年收入", _GRANT_SOURCES), "上年结转": ("收入/上年结转", _GRANT_SOURCES),
                         "上年结转结余": ("收入/上年结转", _GRANT_SOURCES)},
        expense_rows={"本年支出": "支出/本年支出", "本年支出合计": "支出/本年支出", "年终结转结余": "支出/年终结转结余",
                      "支出合计": "支出/支出合计", "支出总计": "支出/支出合计"},
        expense_columns=_GRANT_COLUMNS,
    ),
    "一般公共预算基本支出表": Layout("coded", columns=((("合计",), "合计"), (("人员经费",), "人员经费"),
                                                 (("公用经费",), "公用经费"))),
    "支出经济分类汇总表": Layout("coded", columns=(
        (("总计",), "总计"),
        (("一般公共预算", "小计"), "一般公共预算"),
        (("其中:财政拨款",), "其中财政拨款"),
        (("一般公共预算",), "一般公共预算"),
        (("政府性基金",), "政府性基金"),
        (("国有资本经营预算",), "国有资本经营预算"),
        (("上年结转结余",), "上年结转结余"),
        (("财政专户管理资金收入",), "财政专户管理资金"),
        (("财政专户管理资金",), "财政专户管理资金"),
        (("事业收入",), "事业收入"),
        (("上级补助收入",), "上级补助收入"),
        (("附属单位上缴收入",), "附属单位上缴收入"),
        (("事业单位经营收入",), "事业单位经营收入"),
        (("其他收入",), "其他收入"),
    )),
    "财政拨款支出经济分类表": Layout("coded", columns=((("合计",), "合计"), (("基本支出",), "基本支出"),
                                                (("项目支出",), "项目支出"))),
    "三公经费表": Layout("single", columns=_THREE_PUBLIC, groups=(("本年预算数", "本年"), ("上年预算数", "上年"),
                                                                ("本年", "本年"), ("上年", "上年"))),
    "政府性基金三公经费表": Layout("single", columns=_THREE_PUBLIC, groups=(("本年预算数", "本年"),
                                                                      ("上年预算数", "上年"))),
    "项目支出表": Layout("projects", columns=_PROJECT_AMOUNTS),
    "一般公共预算项目支出表": Layout("projects", columns=_PROJECT_AMOUNTS, total_columns={"金额": "合计"}),
    "整体绩效目标表": Layout("form"),
    "项目绩效目标表": Layout("indicators", columns=(
        (("资金总额",), "资金总额"), (("政府预算资金",), "政府预算资金"),
        (("财政专户管理资金",), "财政专户管理资金"), (("单位资金",), "单位资金"),
    )),
}


def layout_for(profile_id: str, key: str) -> Layout | None:
    """The printed layout of a table of the national, henan or sichuan profile (None for the others)."""
    if profile_id not in PROFILES:
        return None
    return LAYOUTS.get(key)


# ---------------------------------------------------------------------------------------------------


class RegionBuilder(_Builder):
    """Builds one table of a national-style 部门预算 from its segments (the helpers are tables._Builder's)."""

    def __init__(self, found: _Found, layout: Layout, profile: Any) -> None:
        super().__init__(found, layout)  # type: ignore[arg-type]  # _Builder only keeps it as self.spec
        self.layout = layout
        self.profile = profile

    def build(self) -> dict[str, Any]:
        getattr(self, f"build_{self.layout.kind}")()
        return self.data

    def split_header(self, segment: Any) -> tuple[list[Row], list[Row]]:
        """Header and body rows of a segment. The 三公 table may label its rows ("上年预算数 | 5.60 …"): its
        body starts at the first row with a figure. A continuation page's header is the rows it repeats of
        the first page's header (none when it does not repeat it: an indicator row "企业满意度 | ≥95%" there is
        body, not header)."""
        rows = [row for row in segment.grid.rows[segment.start: segment.end] if row.table == segment.table and row.cells]
        if self.layout.kind == "single":
            for i, row in enumerate(rows):
                if any(is_amount(cell.text) for cell in row.cells):
                    return rows[:i], rows[i:]
            return rows, []
        header, body = super().split_header(segment)
        first = self.found.segments[0]
        if segment is first:
            return header, body
        printed = {row.text for row in super().split_header(first)[0]}
        i = 0
        while i < len(rows) and rows[i].text in printed:
            i += 1
        return rows[:i], rows[i:]

    def blanks(self, values: dict[str, Any], labels: Sequence[tuple[str, ...]], columns: Columns,
               cols: Iterable[int] | None = None) -> None:
        """A printed column left blank in a printed row is null, not absent (absent says the table does not
        print that column: the narrative reader then counts a figure as unchecked, not as compared with 0)."""
        for col in (range(len(labels)) if cols is None else cols):
            label = labels[col] if col < len(labels) else ()
            if label and _role(label) == "amount" and (key := self.key_for(label, columns)) is not None:
                self.put(values, key, None, Origin(""), "")

    # -- coded: 明细 by 科目 (类/款/项 or one code column) and/or 单位, the 合计 row

    def build_coded(self) -> None:
        details: list[dict[str, Any]] = []
        first = True
        for segment, labels, row in self._body_rows():
            origin = segment.grid.origin
            entry: dict[str, Any] = {}
            values: dict[str, Any] = {}
            code_parts: list[str] = []
            gov_parts: list[str] = []
            is_total = False
            for cell in row.cells:
                label = labels[cell.col] if cell.col < len(labels) else ()
                role = _role(label)
                text = cell.text
                if role != "amount" and norm(text) in _TOTAL_LABELS:
                    is_total = True
                    continue
                if role in ("code", "gov_code"):
                    parts = code_parts if role == "code" else gov_parts
                    if _FUNCTION_CODE.match(text) or (parts and _PART_CODE.match(text)):
                        parts.append(text)
                    else:
                        self.finding(origin, "编码列中的文字不是科目编码，未导入", text=text, where=cell.where)
                    continue
                if role == "unit_code":
                    if _CODE_DIGITS.match(text):
                        entry["单位编码"] = text
                    else:
                        self.finding(origin, "单位代码列中的文字不是代码，未导入", text=text, where=cell.where)
                    continue
                if role in ("name", "unit_name", "gov_name"):
                    entry[{"name": "名称", "unit_name": "单位名称", "gov_name": "政府经济分类名称"}[role]] = text
                    continue
                key = self.key_for(label, self.layout.columns)
                ok, value = self.amount(cell, origin)
                if key is None or not ok:
                    why = "列名无法识别" if key is None else "不是金额"
                    self.finding(origin, f"单元格{why}（列：{'/'.join(label) or '无表头'}），未导入", text=text,
                                 where=cell.where)
                    continue
                self.put(values, key, value, origin, text)
            if values or entry:
                self.blanks(values, labels, self.layout.columns)
            if code_parts:
                entry = {"编码": "".join(code_parts), **entry}
            if gov_parts:
                entry["政府经济分类编码"] = "".join(gov_parts)
            # the department's total is printed first without a label (Henan 预算02/03/05/09) or as 合计
            if is_total or (first and not entry and values and "合计行" not in self.data):
                total = self.data.setdefault("合计行", {})
                for key, value in _flatten(values):
                    self.put(total, key, value, origin, row.text)
                first = False
                continue
            first = False
            if not entry:
                if values:
                    self.finding(origin, "无编码、无名称的数字行，未导入", text=row.text)
                continue
            entry.update(values)
            entry.update(provenance(origin, (cell.where for cell in row.cells)))
            details.append(entry)
        if details:
            self.data["明细"] = details
        self.data.setdefault("合计行", {self.layout.columns[0][1].split("/")[0]: None})

    # -- balance: 收入 | 支出

    def build_balance(self) -> None:
        layout = self.layout
        ordinal_codes = self.profile.ordinal_offset is not None
        functions: list[dict[str, Any]] = []
        section: dict[str, tuple[str, Mapping[str, str]] | None] = {"income": None, "expense": None}
        for segment, labels, row in self._body_rows():
            origin = segment.grid.origin
            split = _balance_split(labels)
            for side in ("income", "expense"):
                cells = [c for c in row.cells if (c.col < split) == (side == "income")]
                if not cells:
                    continue
                label_cell = cells[0]
                if is_amount(label_cell.text):
                    self.finding(origin, "没有行名的数字，未导入", text=row.text)
                    continue
                label = norm(label_cell.text)
                values: dict[str, Any] = {}
                for cell in cells[1:]:
                    ok, value = self.amount(cell, origin)
                    col_label = labels[cell.col] if cell.col < len(labels) else ()
                    key = self.key_for(col_label, layout.expense_columns) if side == "expense" and layout.expense_columns else ""
                    if not ok or key is None or key in values:
                        self.finding(origin, "单元格无法归入任何列，未导入", text=cell.text, where=cell.where)
                        continue
                    values[key] = value
                if side == "expense" and layout.expense_columns:
                    self.blanks(values, labels, layout.expense_columns, range(split, len(labels)))
                if side == "income":
                    if label in layout.income_sections:
                        opened = layout.income_sections[label]
                        section["income"] = opened
                        self.put(self.data, f"{opened[0]}/合计", values.get(""), origin, label_cell.text)
                        continue
                    active = section["income"]
                    if active is not None and label in active[1]:
                        self.put(self.data, f"{active[0]}/{active[1][label]}", values.get(""), origin, label_cell.text)
                        continue
                    if label in layout.income_rows:
                        section["income"] = None
                        self.put(self.data, layout.income_rows[label], values.get(""), origin, label_cell.text)
                        continue
                    self.finding(origin, "行名无法识别，本行未导入", text=label_cell.text, where=label_cell.where)
                    continue
                if label in layout.expense_rows:
                    path = layout.expense_rows[label]
                    if layout.expense_columns:
                        for key, value in (values or {"合计": None}).items():
                            self.put(self.data, f"{path}/{key}", value, origin, label_cell.text)
                    else:
                        self.put(self.data, path, values.get(""), origin, label_cell.text)
                    continue
                code = _function_code(label)
                printed_ordinal = bool(_PRINTED_ORDINAL.match(label_cell.text))
                if code is None and not (ordinal_codes and printed_ordinal):
                    self.finding(origin, "行名无法识别，本行未导入", text=label_cell.text, where=label_cell.where)
                    continue
                entry: dict[str, Any] = {"项目": label_cell.text}
                # a row printed by ordinal in a region whose profile maps ordinals to codes (Henan: code − 200)
                # keeps its code implicit, as the transcription does; a row printed by name gets its code
                if code is not None and not (ordinal_codes and printed_ordinal):
                    entry["编码"] = code
                if layout.expense_columns:
                    entry.update(values)
                else:
                    entry["金额"] = values.get("")
                entry.update(provenance(origin, (cell.where for cell in row.cells)))
                functions.append(entry)
        self.data.setdefault("支出", {})["功能分类"] = functions

    # -- single: one row of figures, under column groups (本年/上年预算数) or not

    def build_single(self) -> None:
        body = list(self._body_rows())
        # rows labelled by year ("2023年预算数" | figures …) or by 本年/上年: the label cell is the row's key
        row_years = sorted({int(m.group(1)) for _, _, row in body
                            if not is_amount(row.cells[0].text) and (m := _GROUP_YEAR.match(norm(row.cells[0].text)))})
        for segment, labels, row in body:
            origin = segment.grid.origin
            years = sorted({int(m.group(1)) for label in labels for part in label[:1]
                            if (m := _GROUP_YEAR.match(part))})
            cells = list(row.cells)
            row_key = None
            if cells and not is_amount(cells[0].text):
                row_key, rest_label = _group((norm(cells[0].text),), self.layout.groups, row_years)
                if rest_label:
                    self.finding(origin, "行名无法识别，本行未导入", text=row.text, where=cells[0].where)
                    continue
                cells = cells[1:]
            for cell in cells:
                label = labels[cell.col] if cell.col < len(labels) else ()
                prefix, rest = _group(label, self.layout.groups, years)
                prefix = row_key or prefix
                key = self.key_for(rest, self.layout.columns)
                ok, value = self.amount(cell, origin)
                if key is None or not ok:
                    self.finding(origin, f"单元格无法归入任何列（列：{'/'.join(label) or '无表头'}），未导入",
                                 text=cell.text, where=cell.where)
                    continue
                self.put(self.data.setdefault(prefix, {}), key, value, origin, cell.text)
            for col, label in enumerate(labels):
                prefix, rest = _group(label, self.layout.groups, years)
                key = self.key_for(rest, self.layout.columns) if rest else None
                if key is not None and (row_key or prefix) in self.data:
                    self.put(self.data[row_key or prefix], key, None, origin, "")
        self.data.setdefault("本年", {"合计": None})

    # -- projects: 类型 | 项目名称 | 项目单位 | figures; the total first (unlabelled) or as 合计

    def build_projects(self) -> None:
        projects: list[dict[str, Any]] = []
        first = True
        for segment, labels, row in self._body_rows():
            origin = segment.grid.origin
            entry: dict[str, Any] = {}
            values: dict[str, Any] = {}
            is_total = False
            for cell in row.cells:
                label = labels[cell.col] if cell.col < len(labels) else ()
                field_name = _project_field(label)
                if field_name is not None:
                    if norm(cell.text) in _TOTAL_LABELS:
                        is_total = True
                    else:
                        entry[field_name] = cell.text
                    continue
                key = self.key_for(label, self.layout.columns)
                ok, value = self.amount(cell, origin)
                if key is None or not ok:
                    self.finding(origin, f"单元格无法归入任何列（列：{'/'.join(label) or '无表头'}），未导入",
                                 text=cell.text, where=cell.where)
                    continue
                self.put(values, key, value, origin, cell.text)
            if entry or values:
                self.blanks(values, labels, self.layout.columns)
            if is_total or (first and not entry and values and "合计行" not in self.data):
                total = self.data.setdefault("合计行", {})
                for key, value in _flatten(values):
                    self.put(total, self.layout.total_columns.get(key, key), value, origin, row.text)
            elif entry:
                entry.update(values)
                entry.update(provenance(origin, (cell.where for cell in row.cells)))
                projects.append(entry)
            elif values:
                self.finding(origin, "没有项目名称的数字行，未导入", text=row.text)
            first = False
        if projects:
            self.data["项目"] = projects
        self.data.setdefault("合计行", {"合计": None})

    # -- form: the 整体绩效目标表

    def build_form(self) -> None:
        mode = ""
        group = ""
        indicator_fields: dict[int, str] = {}
        tasks: list[dict[str, Any]] = []
        indicators: list[dict[str, Any]] = []
        budget: dict[str, Any] = {}
        for number, segment in enumerate(self.found.segments):
            grid = segment.grid
            self.collect_notes(segment)
            rows = [r for r in grid.rows[segment.start: segment.end] if r.table == segment.table and r.cells]
            width = grid.columns[segment.table]
            # a 一级/二级指标 cell merged over a page break prints its text on the first page only: the
            # continuation's first rows, with an empty box there, belong to the same 指标 group
            carry: dict[str, Any] = {k: indicators[-1][k] for k in ("一级指标", "二级指标") if indicators and k in indicators[-1]} \
                if number and mode == "indicators" else {}
            for row in rows:
                origin = grid.origin
                texts = [c.text for c in row.cells]
                bare = [norm(t) for t in texts]
                if bare[:3] == ["一级指标", "二级指标", "三级指标"]:
                    mode = "indicators"
                    indicator_fields = {c.col: _INDICATOR_FIELDS.get(norm(c.text), "") for c in row.cells}
                    continue
                if mode == "indicators":
                    item: dict[str, Any] = {}
                    for col, name in indicator_fields.items():
                        cell = grid.cell_at(row.index, col)
                        if name and cell is not None:
                            item[name] = cell.text
                            carry.pop(name, None)
                        elif name in carry:
                            item[name] = carry[name]
                    covered = {c.col for c in row.cells}
                    stray = [c for c in row.cells if c.col not in indicator_fields]
                    for cell in stray:
                        self.finding(origin, "绩效指标表中无法归入任何列的文字，未导入", text=cell.text, where=cell.where)
                    if covered and item.get("三级指标"):
                        indicators.append(item)
                    continue
                lead = grid.cell_at(row.index, 0)
                lead_text = norm(lead.text) if lead is not None else ""
                own = [c for c in row.cells if c is not lead]
                if lead is not None and lead.row == row.index and lead_text in _FORM_SINGLE:
                    mode = ""
                    value = " ".join(c.text for c in own)
                    self.data[_FORM_SINGLE[lead_text]] = value
                    continue
                if lead_text == "年度主要任务":
                    if [norm(c.text) for c in own] == ["任务名称", "主要内容"]:
                        continue
                    if len(own) >= 1:
                        task = {"任务名称": own[0].text}
                        if len(own) > 1:
                            task["主要内容"] = " ".join(c.text for c in own[1:])
                        tasks.append(task)
                    continue
                if lead_text == "预算情况" or (lead is not None and lead.row == row.index and "部门预算总额" in lead_text):
                    label_cells = [c for c in own if not is_amount(c.text)] if lead_text == "预算情况" else \
                        [c for c in (lead,) if c is not None]
                    amount_cells = [c for c in own if is_amount(c.text)]
                    if not label_cells:
                        if amount_cells:
                            self.finding(origin, "预算情况中没有名称的数字，未导入", text=row.text)
                        continue
                    label_text = norm(label_cells[0].text)
                    if "(万元)" in label_text:
                        self.data.setdefault("单位", "万元")
                    key, group = _budget_key(label_text, group)
                    amount = parse_amount(amount_cells[-1].text) if amount_cells else None
                    if key is None:
                        self.finding(origin, "预算情况中无法识别的行，未导入", text=row.text)
                        continue
                    self.put(budget, key, amount, origin, row.text)
                    continue
                if width and row.cells:
                    self.finding(origin, "整体绩效目标表中无法识别的行，未导入", text=row.text)
        if tasks:
            self.data["年度主要任务"] = tasks
        if budget:
            self.data["预算情况"] = budget
        if indicators:
            self.data["绩效指标"] = indicators

    # -- indicators: the 项目绩效目标表

    def build_indicators(self) -> None:
        projects: list[dict[str, Any]] = []
        units: list[dict[str, Any]] = []
        current: dict[str, Any] | None = None
        first = True
        for segment, labels, row in self._body_rows():
            origin = segment.grid.origin
            head: dict[str, Any] = {}
            values: dict[str, Any] = {}
            pairs: dict[str, dict[str, str]] = {}
            for cell in row.cells:
                label = labels[cell.col] if cell.col < len(labels) else ()
                text = cell.text
                category = next((part for part in label if part in _INDICATOR_GROUPS), None)
                if category is not None and label and label[-1] in ("三级指标", "指标值"):
                    pairs.setdefault(category, {})[label[-1]] = text
                    continue
                if any("编码" in part or "代码" in part for part in label):
                    head["编码"] = text
                    continue
                if any("名称" in part or "单位" == part or part.startswith("项目单位") for part in label):
                    head["名称"] = text
                    continue
                key = self.key_for(label, self.layout.columns)
                ok, value = self.amount(cell, origin)
                if key is None or not ok:
                    self.finding(origin, f"单元格无法归入任何列（列：{'/'.join(label) or '无表头'}），未导入",
                                 text=text, where=cell.where)
                    continue
                self.put(values, key, value, origin, text)
            if head:
                self.blanks(values, labels, self.layout.columns)
            is_total = norm(head.get("名称", "")) in _TOTAL_LABELS or norm(head.get("编码", "")) in _TOTAL_LABELS
            if head or values:
                if is_total or (first and values and not pairs and "名称" not in head):
                    total = self.data.setdefault("合计行", {})
                    if "编码" in head and not is_total:
                        total["编码"] = head["编码"]
                    for key, value in values.items():
                        self.put(total, key, value, origin, row.text)
                    current = None
                elif pairs or len(head.get("编码", "")) > 12:
                    current = {"项目编码": head["编码"]} if "编码" in head else {}
                    if "名称" in head:
                        current["项目名称"] = head["名称"]
                    current.update(values)
                    current.update(provenance(origin, (cell.where for cell in row.cells)))
                    projects.append(current)
                else:
                    unit = {"编码": head["编码"]} if "编码" in head else {}
                    if "名称" in head:
                        unit["名称"] = head["名称"]
                    unit.update(values)
                    units.append(unit)
                    current = None
            first = False
            if pairs:
                if current is None:
                    self.finding(origin, "绩效指标不属于任何项目，未导入", text=row.text)
                    continue
                for category, pair in pairs.items():
                    current.setdefault(_INDICATOR_GROUPS[category], []).append(
                        {"三级指标": pair.get("三级指标", ""), "指标值": pair.get("指标值", "")})
        if self.found.segments and any("(万元)" in part for label in self._labels() for part in label):
            self.data["单位"] = "万元"  # printed in the header: "项目金额（万元）"
        if units:
            self.data["单位行"] = units
        if projects:
            self.data["项目"] = projects
        self.data.setdefault("合计行", {"资金总额": None})


    def _labels(self) -> list[tuple[str, ...]]:
        segment = self.found.segments[0]
        return self.column_labels(segment, self.split_header(segment)[0])


_INDICATOR_FIELDS = {"一级指标": "一级指标", "二级指标": "二级指标", "三级指标": "三级指标", "指标值": "指标值",
                     "指标值说明": "指标值说明"}
_INDICATOR_GROUPS = {"成本指标": "成本指标", "产出指标": "产出指标", "效益指标": "效益指标", "满意度指标": "满意度指标"}
_FORM_SINGLE = {"部门(单位)名称": "部门名称", "部门名称": "部门名称", "单位名称": "部门名称", "年度履职目标": "年度履职目标"}
_BUDGET_NAMES = ("政府预算资金", "财政专户管理资金", "单位资金", "基本支出", "项目支出")


def _budget_key(label: str, group: str) -> tuple[str | None, str]:
    """The key of a 预算情况 line ("1、资金来源：（1）政府预算资金" → 资金来源/政府预算资金) and the group it opens."""
    if "部门预算总额" in label:
        return "部门预算总额", ""
    if "资金来源" in label:
        group = "资金来源"
    elif "资金结构" in label:
        group = "资金结构"
    for name in _BUDGET_NAMES:
        if label.endswith(name) and group:
            return f"{group}/{name}", group
    return None, group


def _role(label: tuple[str, ...]) -> str:
    """What a column holds, from its header path: 科目 codes (类/款/项, 科目编码), the 政府预算经济分类 code and
    name, the 单位 code and name, the 科目 name, or amounts. The lowest header decides ("政府预算支出经济分类
    科目编码" over "科目名称" is a name column); an amount column has no code or name anywhere above it."""
    if not label:
        return "amount"
    gov = any("政府预算" in part for part in label)
    for part in reversed(label):
        if part in ("类", "款", "项") or "编码" in part:
            return "gov_code" if gov else "code"
        if "代码" in part:
            return "unit_code"
        if "名称" in part or part in ("项目", "科目"):
            if gov:
                return "gov_name"
            return "unit_name" if "单位" in part and "科目" not in part else "name"
    return "amount"


def _project_field(label: tuple[str, ...]) -> str | None:
    last = label[-1] if label else ""
    for name in ("类型", "项目名称", "项目单位", "项目编码"):
        if last == name or last.startswith(name):
            return name
    return None


_GROUP_YEAR = re.compile(r"^(\d{4})\s*年度?\s*(?:预算数|预算)?$")


def _group(label: tuple[str, ...], groups: Sequence[tuple[str, str]], years: Sequence[int] = ()) -> tuple[str, tuple[str, ...]]:
    """The row key of a column under a group header ("本年预算数" → 本年; of "2023年预算数" and "2024年预算数" the
    later year is 本年, the earlier 上年) and the rest of its path."""
    if label:
        m = _GROUP_YEAR.match(label[0])
        if m and len(years) == 2:
            return ("本年" if int(m.group(1)) == years[-1] else "上年"), label[1:]
    for position, part in enumerate(label):
        for name, key in groups:
            if part == name:
                return key, label[:position] + label[position + 1:]
    return "本年", label


def _balance_split(labels: Sequence[tuple[str, ...]]) -> int:
    from .tables import _balance_split as split

    return split(labels)


def _flatten(values: Mapping[str, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    for key, value in values.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}/")
        else:
            yield f"{prefix}{key}", value
