"""政府性基金支出表、国有资本经营预算支出表的合计 = 财政拨款收支总表对应列。

为什么
    财政拨款收支总表的政府性基金列、国有资本经营预算列，就是这两张支出表的合计（按当年拨款或含结转口径，
    两者之一成立即可）。常见错误是基金表公开了数字，总表里却是空白，或反之。

错误示例
    ```yaml
    表格:
      政府性基金支出表:
        合计行: {合计: 10.00}
        说明: null
    ```

正确示例
    ```yaml
    表格:
      政府性基金支出表:
        合计行: {合计: 0.00}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.arith import fmt
from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rule import NoOptions, RuleMeta
from budgetlint.rules.tables.scope import CURRENT_YEAR, WITH_CARRY_OVER, grant_targets

META = RuleMeta(
    id="BL205",
    name="fund-tables-vs-grant-summary",
    title="政府性基金/国有资本经营预算支出表合计 = 财政拨款收支总表对应列",
    severity=Severity.ERROR,
    tables=("政府性基金支出表", "国有资本经营预算支出表", "财政拨款收支总表"),
    catalogue=("B09",),
)

_PAIRS = (("政府性基金支出表", "政府性基金"), ("国有资本经营预算支出表", "国有资本经营预算"))


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    grant = doc.table("财政拨款收支总表")
    for key, fund in _PAIRS:
        table = doc.table(key)
        targets = grant_targets(doc, fund)
        if table is None or targets is None or grant is None:
            continue
        total = table.amount("合计行", "合计")
        if total.blank:
            continue
        allowed = {targets.expected(CURRENT_YEAR), targets.expected(WITH_CARRY_OVER)}
        if total.value in allowed:
            continue
        expected = "或".join(sorted({f"{fmt(v)} 万元" for v in allowed}))
        message = f"{table.label}合计 {total.show()}，与{grant.label}{fund}列不一致（应为 {expected}）"
        related = (Related(targets.spending.at, f"{grant.label}本年支出 {fund} {targets.spending.show()}"),)
        yield Violation(total.at, message, related)
