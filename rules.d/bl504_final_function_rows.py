"""决算总表的功能分类各行之和 = 本年支出合计（收入支出决算总表；财政拨款收入支出决算总表的每一列）。

为什么
    收入支出决算总表和财政拨款收入支出决算总表的支出方按功能分类“类”逐行列示本年支出，
    各行之和就是本年支出合计；不等说明漏列、多列了某一类或某一行抄错。报告位置在本年支出合计。

示例基础: tests/fixtures/clean-national-juesuan-2023.yaml

错误示例
    ```yaml
    表格:
      收入支出决算总表:
        支出: {本年支出合计: 249.76, 总计: 273.12}
        收入: {总计: 273.12, 本年收入合计: 91.52, 一般公共预算财政拨款收入: 91.52}
    ```

正确示例
    ```yaml
    表格:
      收入支出决算总表:
        支出: {本年支出合计: 294.76}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.rules.tables.identity_checks import Term, summed
from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure, Table
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL504",
    name="final-function-rows",
    title="决算总表的功能分类各行之和 = 本年支出合计",
    severity=Severity.ERROR,
    tables=("收入支出决算总表", "财政拨款收入支出决算总表"),
    catalogue=("A20", "A05"),
)

# (table, path of the total, column of each function row)
_COLUMNS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("收入支出决算总表", ("支出", "本年支出合计"), "金额"),
    *(("财政拨款收入支出决算总表", ("支出", "本年支出合计", c), c) for c in ("合计", "一般公共预算", "政府性基金", "国有资本经营预算")),
)


Options = NoOptions  # this rule has no options


def _column(table: Table, total_path: tuple[str, ...], column: str) -> Violation | None:
    rows = table.rows("支出", "功能分类")
    if not rows:
        return None
    addends = [Term(r.amount(column), f"“{r.name}”") for r in rows]
    return summed(Term(table.amount(*total_path), table.cell_label(*total_path)), addends, what="功能分类各行")


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for key, total_path, column in _COLUMNS:
        table = doc.table(key)
        violation = _column(table, total_path, column) if table is not None else None
        if violation:
            yield violation
