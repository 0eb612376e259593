"""本年公开中的上年数（叙述中的“与上年相比增加/减少 X”“持平”、表中的“上年”列）应与上年的公开文件一致。

为什么
    “收入总计 293.68 万元，与 2022 年预算相比增加 197.26 万元”推算出的上年数 96.42 万元，应是 2022 年
    部门预算公开的收入总计；表中的“上年”（上年预算数）列应是上年预算表的“本年”数；“持平”意味着两年
    数字完全相同。上年文件由仓库索引按身份（同一部门或单位、上一年度）找到，见 docs/repository.md。

    上年数取上年的**预算**文件；叙述说“与上年决算（执行数）相比”时取上年的**决算**文件（有才核对）。
    推算的上年数与上年文件的差在两边打印精度的四舍五入误差内时，只作提示；句中提到口径调整、
    机构改革、划转时，差异只报警告（口径可能不同）。决算文件的叙述不在此核对（决算与上年决算的比较口径多样）。
    比较的是哪一年说不清的增减（同一句中没有“与 2022 年相比”“比上年”等字样）不核对。

错误示例（“相关文件”是上一年度的预算）
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 一、收入支出预算总体情况说明
            主题: 收支总体
            文本: |
              2023 年部门收入总计 293.68 万元，与 2022 年预算相比，收入增加 197.26 万元。
    ```

相关文件
    ```yaml
    年度: 2022
    表格:
      收支总表:
        收入:
          收入总计: 100.00
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 一、收入支出预算总体情况说明
            主题: 收支总体
            文本: |
              2023 年部门收入总计 293.68 万元，与 2022 年预算相比，收入增加 193.68 万元。
    ```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetlint.arith import Printed, fmt, money, unit
from budgetlint.rules.crossfile.compare import amount_paths, file_words, restated_across
from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import ChangeView, change_views, key, related_number, violation
from budgetlint.rules.narrative.prior import prior_reading, sentence_at
from budgetlint.rules.narrative.sections import CellRef, NarrativeSection, first_cell, narrative
from budgetlint.rules.crossfile.repository import Loaded, related
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL802",
    name="prior-year-figures",
    title="上年数（叙述推算的上年数、“持平”、表中“上年”列）= 上年公开文件",
    severity=Severity.ERROR,
    tables=("三公经费表",),
    catalogue=("E01", "E02", "E03"),
)

Options = NoOptions  # this rule has no options

_SCOPE_CHANGE = re.compile(r"口径|机构改革|划转|划入|划出|合并|撤并")


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    if doc.kind != "预算":
        return
    budget = related(doc, year=doc.year - 1, kind="预算")
    if budget is not None:
        yield from _table_columns(doc, budget)
    for ns in narrative(doc):
        for view in change_views(doc, ns):
            reading = prior_reading(doc, view, ns.section.text)
            if reading is not None and reading.other is not None and reading.cell is not None:
                yield from _claim(doc, ns, view, reading.other, reading.cell,
                                  sentence_at(ns.section.text, view.change.word_start))


def _table_columns(doc: Disclosure, other: Loaded) -> Iterator[Violation]:
    """E03: a table's 上年 block restates last year's 本年 block (三公经费表)."""
    for table in doc.tables.values():
        before, theirs = table.get("上年"), other.doc.table(table.key)
        if not isinstance(before, dict) or theirs is None or not isinstance(theirs.get("本年"), dict):
            continue
        for path in amount_paths(before):
            if not theirs.prints("本年", *path):
                continue
            stated, source = table.amount("上年", *path), theirs.amount("本年", *path)
            found = restated_across(stated, table.cell_label("上年", *path), source,
                                    f"{file_words(other)}{theirs.cell_label('本年', *path)}",
                                    key=f"BL802:E03:{table.key}:{'/'.join(path)}")
            if found is not None:
                yield found


def _claim(doc: Disclosure, ns: NarrativeSection, view: ChangeView, other: Loaded, prior: CellRef,
           sentence: str) -> Iterator[Violation]:
    change, level, entry = view.change, view.level, view.entry
    if entry is None:
        return
    where = f"{file_words(other)}{prior.label} {prior.amount.show()}"
    scope = bool(_SCOPE_CHANGE.search(sentence))
    note = "（句中提到口径调整、机构改革或划转，仅作警告）" if scope else ""
    if change.direction == 0:
        current = first_cell(doc, entry.cells)
        if current is None or current.amount.blank and prior.amount.blank:
            return
        if current.amount.value == prior.amount.value:
            return
        message = (f"{ns.name}：{view.subject}“{change.word}”，但本年{current.label} {current.amount.show()}，"
                   f"而{where}（持平应完全相同）{note}")
        yield Violation(ns.at(change.word_start, change.word_end), message,
                        (Related(current.amount.at, current.show()), Related(prior.amount.at, where)),
                        advisory=scope, key=key("E02", ns, view.subject))
        return
    if change.delta is None or level is None:
        return
    delta = change.delta.wan
    stated = level.printed
    implied = stated.value - change.direction * abs(delta[0])
    source: Printed = prior.amount.printed
    difference = implied - source.value
    if difference == 0:
        return
    bound = (unit(stated.decimals) + unit(delta[1]) + unit(source.decimals)) / 2
    tail = abs(difference) <= bound
    how = f"{level.number.text} {'−' if change.direction > 0 else '+'} {change.delta.text} = {money(implied)}"
    words = f"相差 {money(abs(difference))}，在四舍五入误差范围内" if tail else f"相差 {money(abs(difference))}"
    message = f"{ns.name}：{view.subject}{change.word} {change.delta.show()}，推算的上年数 {how}，而{where}（{words}）{note}"
    detail = f"{how}；{prior.amount.text or 0}（上年文件）；差额 {fmt(difference)}，尾差上限 {fmt(bound)}"
    related_ = [related_number(ns, level.number, view.subject), Related(prior.amount.at, where)]
    found = violation(ns, change.delta, message, related_, tail=tail, detail=detail,
                      key_=key("E01", ns, view.subject, change.delta.text), inputs=[level.number])
    yield found._replace(advisory=scope and not tail)
