"""明细行中最高一级（类）各行之和 = 合计行（每个金额列）。

为什么
    分类明细表的合计行是各“类”行之和；不等说明漏了一个类或合计抄错。各行带单位编码（分单位列示）时不检查，
    因为合计行是部门合计而单位行可能重复计算。

错误示例
    ```yaml
    表格:
      一般公共预算基本支出表:
        明细:
          - {编码: "301", 名称: 工资福利支出, 合计: 94.65, 人员经费: 94.65}
          - {编码: "302", 名称: 商品和服务支出, 合计: 7.22, 公用经费: 7.22}
    ```

正确示例
    ```yaml
    表格:
      一般公共预算基本支出表:
        明细:
          - {编码: "301", 名称: 工资福利支出, 合计: 94.65, 人员经费: 94.65}
          - {编码: "302", 名称: 商品和服务支出, 合计: 7.22, 公用经费: 7.22}
          - {编码: "303", 名称: 对个人和家庭的补助, 合计: 5.21, 人员经费: 5.21}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.rules.tables.identity_checks import Term, summed
from budgetlint.rules.tables.detail import DETAIL_TABLES, classified_rows, column_paths
from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL120",
    name="detail-rows-total",
    title="明细表中各“类”行之和 = 合计行",
    severity=Severity.ERROR,
    tables=DETAIL_TABLES,
    catalogue=("A05", "A12", "A13", "A14"),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for key in DETAIL_TABLES:
        table = doc.table(key)
        if table is None or table.get("合计行") is None:
            continue
        rows = classified_rows(table)
        if not rows or any(r.get("单位编码") is not None for r in rows):
            continue
        top = min(len(r.code or "") for r in rows)
        tops = [r for r in rows if len(r.code or "") == top]
        for column in column_paths(table):
            total = Term(table.amount("合计行", *column), table.cell_label("合计行", *column))
            addends = [Term(r.amount(*column), f"“{r.code} {r.name}”") for r in tops]
            violation = summed(total, addends, what="各类行")
            if violation:
                yield violation
