"""一般公共预算支出表合计与财政拨款收支总表的一般公共预算支出在规范的口径下一致。

为什么
    一般公共预算支出表有两种口径：只含当年拨款（河南：= 本年支出 − 上年结转），或含上年结转资金的支出
    （= 财政拨款收支总表一般公共预算支出）。地区规范规定口径；两种口径都对不上，说明至少一张表有错；
    只在另一种口径下对得上时给出提示，说明本表口径与地区规范不同。

错误示例
    ```yaml
    表格:
      一般公共预算支出表:
        合计行:
          合计: 122.08
          基本支出: {小计: 107.08}
          项目支出: {小计: 15.00, 其他运转类: 15.00}
    ```

正确示例
    ```yaml
    表格:
      一般公共预算支出表:
        合计行: {合计: 112.08}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.arith import fmt
from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rule import NoOptions, RuleMeta
from budgetlint.rules.tables.scope import grant_targets, other_scope

META = RuleMeta(
    id="BL204",
    name="gpb-scope",
    title="一般公共预算支出表合计 = 财政拨款收支总表一般公共预算支出（按规范口径）",
    severity=Severity.ERROR,
    tables=("一般公共预算支出表", "财政拨款收支总表"),
    catalogue=("B07",),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    table = doc.table("一般公共预算支出表")
    targets = grant_targets(doc, "一般公共预算")
    if table is None or targets is None or targets.spending.blank:
        return
    total = table.amount("合计行", "合计")
    if total.blank:
        return
    scope = doc.profile.yb_scope
    if total.value == targets.expected(scope):
        return
    grant = doc.table("财政拨款收支总表")
    label = grant.label if grant else "财政拨款收支总表"
    related = (Related(targets.spending.at, f"{label}本年支出 一般公共预算 {targets.spending.show()}"),
               Related(targets.carry_over.at, f"{label}上年结转 一般公共预算 {targets.carry_over.show()}"))
    alternative = other_scope(scope)
    if total.value == targets.expected(alternative):
        message = (f"{table.label}合计 {total.show()} 是“{alternative}”口径，而地区规范“{doc.profile.name}”"
                   f"规定“{scope}”口径（应为 {fmt(targets.expected(scope))} 万元）")
        yield Violation(total.at, message, related, advisory=True)
        return
    message = (f"{table.label}合计 {total.show()}，在两种口径下都与{label}不一致："
               f"“{scope}”口径应为 {fmt(targets.expected(scope))} 万元，“{alternative}”口径应为 "
               f"{fmt(targets.expected(alternative))} 万元")
    yield Violation(total.at, message, related)
