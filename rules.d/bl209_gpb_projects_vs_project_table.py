"""一般公共预算支出表的项目支出 = 项目支出表的一般公共预算（按规范口径）。

为什么
    项目支出表按资金来源列出项目；其中一般公共预算本年拨款（当年拨款口径），或本年拨款加上年结转
    （含结转口径），就是一般公共预算支出表的项目支出。

错误示例
    ```yaml
    表格:
      项目支出表:
        合计行:
          合计: 186.60
          本年拨款: {一般公共预算: 6.00}
          财政拨款结转结余: {一般公共预算: 180.60}
    ```

正确示例
    ```yaml
    表格:
      项目支出表:
        合计行:
          合计: 186.60
          本年拨款: {一般公共预算: 5.00}
          财政拨款结转结余: {一般公共预算: 181.60}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.arith import fmt
from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rule import NoOptions, RuleMeta
from budgetlint.rules.tables.scope import CURRENT_YEAR

META = RuleMeta(
    id="BL209",
    name="gpb-projects-vs-project-table",
    title="一般公共预算支出表项目支出 = 项目支出表一般公共预算（按规范口径）",
    severity=Severity.ERROR,
    tables=("一般公共预算支出表", "项目支出表"),
    catalogue=("B15",),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    gpb, projects = doc.table("一般公共预算支出表"), doc.table("项目支出表")
    if gpb is None or projects is None:
        return
    stated = projects.amount("合计行", "本年拨款", "一般公共预算")
    carry = projects.amount("合计行", "财政拨款结转结余", "一般公共预算")
    source = gpb.amount("合计行", "项目支出", "小计")
    if stated.blank or source.blank:
        return
    current_only = doc.profile.yb_scope == CURRENT_YEAR
    expected = stated.value if current_only else stated.value + carry.value
    if expected == source.value:
        return
    what = "本年拨款 一般公共预算" if current_only else "本年拨款与结转结余的一般公共预算之和"
    message = (f"{projects.label}{what} {fmt(expected)} 万元，与{gpb.label}项目支出 小计 {source.show()}不一致"
               f"（口径：{doc.profile.yb_scope}）")
    yield Violation(stated.at, message, (Related(source.at, f"{gpb.label}项目支出 小计 {source.show()}"),))
