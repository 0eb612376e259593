"""一般公共预算项目支出表合计 = 各项目金额之和。

为什么
    一般公共预算项目支出表（四川公开表3-2）逐项列出一般公共预算安排的项目；合计行必须等于各项目之和，
    否则漏列了项目或某个金额抄错。报告位置在合计，相关位置是各项目金额。

示例基础: tests/fixtures/clean-sichuan-2024.yaml

错误示例
    ```yaml
    表格:
      一般公共预算项目支出表:
        项目:
          - {项目单位: 某县惠民帮扶中心, 项目名称: 帮扶中心运转经费, 金额: 3.00}
          - {项目单位: 某县惠民帮扶中心, 项目名称: 困难群众帮扶资金, 金额: 50.00}
    ```

正确示例
    ```yaml
    表格:
      一般公共预算项目支出表:
        项目:
          - {项目单位: 某县惠民帮扶中心, 项目名称: 帮扶中心运转经费, 金额: 30.00}
          - {项目单位: 某县惠民帮扶中心, 项目名称: 困难群众帮扶资金, 金额: 50.00}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.rules.tables.identity_checks import Term, summed
from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL523",
    name="gpb-project-rows",
    title="一般公共预算项目支出表合计 = 各项目之和",
    severity=Severity.ERROR,
    tables=("一般公共预算项目支出表",),
    catalogue=("A17",),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    table = doc.table("一般公共预算项目支出表")
    if table is None:
        return
    rows = table.rows("项目")
    if not rows:
        return
    total = Term(table.amount("合计行", "合计"), table.cell_label("合计行", "合计"))
    violation = summed(total, [Term(r.amount("金额"), f"“{r.name}”") for r in rows], what="各项目")
    if violation:
        yield violation
