"""收支总表、财政拨款收支总表：功能分类各行之和 = 本年支出合计（逐列）。

为什么
    两张总表的支出方按支出功能分类“类”逐行列示，各行之和就是本年支出合计；不等说明漏了一行或某行抄错。
    只在表格公开了功能分类行时检查。

错误示例
    ```yaml
    表格:
      收支总表:
        支出:
          功能分类:
            - {项目: 六、科学技术, 金额: 235.72}
            - {项目: 八、社会保障和就业, 金额: 10.78}
            - {项目: 十、卫生健康, 金额: 5.39}
            - {项目: 十五、资源勘探信息等, 金额: 25.00}
            - {项目: 十六、商业服务业等, 金额: 8.60}
            - {项目: 二十一、住房保障支出, 金额: 8.91}
    ```

正确示例
    ```yaml
    表格:
      收支总表:
        支出:
          功能分类:
            - {项目: 六、科学技术, 金额: 235.72}
            - {项目: 八、社会保障和就业, 金额: 10.78}
            - {项目: 十、卫生健康, 金额: 5.39}
            - {项目: 十五、资源勘探信息等, 金额: 25.00}
            - {项目: 十六、商业服务业等, 金额: 8.60}
            - {项目: 二十一、住房保障支出, 金额: 8.19}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from budgetlint.rules.tables.identity_checks import Term, summed
from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure, Table, is_figure
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL105",
    name="function-rows-total",
    title="总表的功能分类各行之和 = 本年支出合计",
    severity=Severity.ERROR,
    tables=("收支总表", "财政拨款收支总表"),
    catalogue=("A05", "A10"),
)

_GRANT_COLUMNS = ("合计", "一般公共预算", "其中财政拨款", "政府性基金", "国有资本经营预算")


Options = NoOptions  # this rule has no options


def _holds(table: Table, total_path: tuple[str, ...], column: str) -> bool:
    """The identity holds exactly (or is not published): decided on the raw figures, no messages built."""
    total = table.get(*total_path)
    rows = table.get("支出", "功能分类") or []
    values = [row.get(column) for row in rows if isinstance(row, dict)]
    present = [v for v in values if is_figure(v)]
    if not is_figure(total) or not present:
        return True
    return total == sum(present, Decimal(0))


def _column(table: Table, total_path: tuple[str, ...], column: str) -> Violation | None:
    if _holds(table, total_path, column):
        return None
    rows = table.rows("支出", "功能分类")
    addends = [Term(r.amount(column), f"“{r.name}”") for r in rows]
    total = Term(table.amount(*total_path), table.cell_label(*total_path))
    return summed(total, addends, what="功能分类各行")


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    summary = doc.table("收支总表")
    if summary is not None:
        violation = _column(summary, ("支出", "本年支出合计"), "金额")
        if violation:
            yield violation
    grant = doc.table("财政拨款收支总表")
    if grant is not None:
        for column in _GRANT_COLUMNS:
            violation = _column(grant, ("支出", "本年支出", column), column)
            if violation:
                yield violation
