"""明细行的分类层级：类 = Σ 款，款 = Σ 项（每个金额列）。

为什么
    功能分类编码 3 位是“类”、5 位是“款”、7 位是“项”（经济分类 3 位类、5 位款）。公开到项级时，
    每个类的金额必须等于其下各款之和，每个款等于其下各项之和；不等通常说明漏了一行或某行抄错。

错误示例
    ```yaml
    表格:
      一般公共预算支出表:
        明细:
          - {编码: "206", 名称: 科学技术支出, 合计: 87.72}
          - {编码: "20601", 名称: 科学技术管理事务, 合计: 82.72}
          - {编码: "2060101", 名称: 行政运行, 合计: 82.72}
          - {编码: "20699", 名称: 其他科学技术支出, 合计: 4.00}
          - {编码: "2069999", 名称: 其他科学技术支出, 合计: 4.00}
    ```

正确示例
    ```yaml
    表格:
      一般公共预算支出表:
        明细:
          - {编码: "206", 名称: 科学技术支出, 合计: 87.72}
          - {编码: "20601", 名称: 科学技术管理事务, 合计: 82.72}
          - {编码: "2060101", 名称: 行政运行, 合计: 82.72}
          - {编码: "20699", 名称: 其他科学技术支出, 合计: 5.00}
          - {编码: "2069999", 名称: 其他科学技术支出, 合计: 5.00}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.rules.tables.identity_checks import Term, summed
from budgetlint.rules.tables.detail import DETAIL_TABLES, children, classified_rows, column_paths
from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL119",
    name="code-hierarchy",
    title="明细行分类层级：类 = Σ 款，款 = Σ 项",
    severity=Severity.ERROR,
    tables=DETAIL_TABLES,
    catalogue=("A16",),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for key in DETAIL_TABLES:
        table = doc.table(key)
        if table is None:
            continue
        rows = classified_rows(table)
        columns = column_paths(table)
        for parent in rows:
            kids = children(rows, parent)
            if not kids:
                continue
            for column in columns:
                total = Term(parent.amount(*column), f"{table.label}“{parent.code} {parent.name}” {' '.join(column)}")
                addends = [Term(k.amount(*column), f"“{k.code} {k.name}”") for k in kids]
                violation = summed(total, addends, what="下级科目")
                if violation:
                    yield violation
