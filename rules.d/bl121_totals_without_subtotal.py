"""总表没有印“本年收入合计”“本年支出合计”行时，总计仍应等于各行之和。

为什么
    上海“九张表”的部门财务收支预算总表（T1）和财政拨款收支预算总表（T4）不印本年收入合计、本年支出合计行，
    只印各项收入、各功能分类行和收入总计、支出总计。本年合计缺席时，其他规则无从核对，各行抄错一个数也不会被发现；
    此时直接核对：收入总计 = 各项收入来源 + 上年结转结余，支出总计 = 功能分类各行 + 年终结转结余
    （财政拨款收支总表逐列核对）。印了本年合计行的表由 BL101、BL104、BL105 等规则核对，本规则不重复报告。

错误示例
    ```yaml
    表格:
      收支总表:
        收入: {本年收入合计: null, 上年结转结余: 171.60}   # 表中没有“本年收入合计”行
    ```

正确示例
    ```yaml
    表格:
      收支总表:
        收入: {本年收入合计: null}   # 一般公共预算 112.08 + 上年结转结余 181.60 = 收入总计 293.68
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.rules.tables.identity_checks import Term, summed
from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure, Table, is_figure
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL121",
    name="totals-without-subtotal",
    title="总表未印本年合计行时：收入总计、支出总计 = 各行之和",
    severity=Severity.ERROR,
    tables=("收支总表", "财政拨款收支总表"),
    catalogue=("A01", "A05"),
)

Options = NoOptions  # this rule has no options

# 收支总表 income sources (“其中财政拨款” and the Shanghai subtotal “财政拨款收入” are parts of these, not added)
_SOURCES = ("一般公共预算", "政府性基金", "国有资本经营预算", "财政专户管理资金", "事业收入", "事业单位经营收入", "上级补助收入",
            "附属单位上缴收入", "其他收入", "用事业基金弥补收支差额", "上年结转结余")
_GRANT_COLUMNS = ("合计", "一般公共预算", "政府性基金", "国有资本经营预算")


def _term(table: Table, *path: str) -> Term:
    return Term(table.amount(*path), table.cell_label(*path))


def _summary(table: Table) -> Iterator[Violation]:
    if not is_figure(table.get("收入", "本年收入合计")):
        found = summed(_term(table, "收入", "收入总计"), [_term(table, "收入", key) for key in _SOURCES], what="各项收入")
        if found:
            yield found
    if not is_figure(table.get("支出", "本年支出合计")):
        rows = table.rows("支出", "功能分类")
        addends = [Term(r.amount("金额"), f"“{r.name}”") for r in rows] + [_term(table, "支出", "年终结转结余")]
        found = summed(_term(table, "支出", "支出总计"), addends, what="功能分类各行与年终结转结余")
        if found:
            yield found


def _grant(table: Table) -> Iterator[Violation]:
    if not is_figure(table.get("收入", "本年收入", "合计")):
        parts = [_term(table, "收入", "本年收入", key) for key in _GRANT_COLUMNS[1:]] + [_term(table, "收入", "上年结转", "合计")]
        found = summed(_term(table, "收入", "收入合计"), parts, what="各项收入")
        if found:
            yield found
    if not is_figure(table.get("支出", "本年支出", "合计")):
        rows = table.rows("支出", "功能分类")
        for column in _GRANT_COLUMNS:
            addends = [Term(r.amount(column), f"“{r.name}”") for r in rows] + [_term(table, "支出", "年终结转结余", column)]
            found = summed(_term(table, "支出", "支出合计", column), addends, what="功能分类各行与年终结转结余")
            if found:
                yield found


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    summary = doc.table("收支总表")
    if summary is not None:
        yield from _summary(summary)
    grant = doc.table("财政拨款收支总表")
    if grant is not None:
        yield from _grant(grant)
