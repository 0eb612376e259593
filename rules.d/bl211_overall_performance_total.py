"""整体绩效目标表的部门预算总额应等于收支总表的支出总计。

为什么
    整体绩效目标表（河南预算11表）重述整个部门的预算规模；它与收支总表（预算01表）不一致，
    说明绩效目标是按另一个版本的预算编制的，公开后读者无法判断哪个数字可信。
    报告位置在绩效目标表（重述的一方），相关位置是收支总表的支出总计。

错误示例
    ```yaml
    表格:
      整体绩效目标表:
        预算情况:
          部门预算总额: 291.38
    ```

正确示例
    ```yaml
    表格:
      整体绩效目标表:
        预算情况:
          部门预算总额: 293.68
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.rules.tables.identity_checks import Term, restated
from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL211",
    name="overall-performance-total",
    title="整体绩效目标表部门预算总额 = 收支总表支出总计",
    severity=Severity.ERROR,
    tables=("整体绩效目标表", "收支总表"),
    catalogue=("B20",),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    overall, summary = doc.table("整体绩效目标表"), doc.table("收支总表")
    if overall is None or summary is None:
        return
    stated = Term(overall.amount("预算情况", "部门预算总额"), overall.cell_label("预算情况", "部门预算总额"))
    source = Term(summary.amount("支出", "支出总计"), summary.cell_label("支出", "支出总计"))
    violation = restated(stated, source)
    if violation:
        yield violation
