"""项目绩效目标的成本指标上限（“≤X 万元”）不应低于项目金额。

为什么
    项目绩效目标表的成本指标通常写成“总成本 ≤X 万元”，X 就是项目金额。上限低于资金总额，说明成本指标或金额
    之一抄错（项目不可能在安排的资金内少花钱却“总成本”受限于更小的数）；上限高于金额只作提示。

错误示例
    ```yaml
    表格:
      项目绩效目标表:
        项目:
          - 项目名称: 万人助万企活动专项经费
            资金总额: 5.00
            政府预算资金: 5.00
            成本指标: [{三级指标: 总成本, 指标值: "≤4万元"}]
    ```

正确示例
    ```yaml
    表格:
      项目绩效目标表:
        项目:
          - 项目名称: 万人助万企活动专项经费
            资金总额: 5.00
            政府预算资金: 5.00
            成本指标: [{三级指标: 总成本, 指标值: "≤5万元"}]
    ```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from functools import cache

from budgetlint.arith import fmt, to_wan
from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Disclosure, Row
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL217",
    name="project-cost-cap",
    title="项目成本指标上限 ≥ 项目资金总额",
    severity=Severity.ERROR,
    tables=("项目绩效目标表",),
    catalogue=("B26",),
)

# “≤4万元”, “≤ 8.6 万元”, “≤20 万”, “<=39万元”, “≤3000元”


@cache
def _cap_pattern() -> re.Pattern[str]:
    """Compiled on first use (only a project with cost indicators needs it): import-time compiles cost start-up."""
    return re.compile(r"^\s*(?:≤|<=|＜=|不超过|不高于)\s*([0-9]+(?:\.[0-9]+)?)\s*(万元|万|元)\s*$")



Options = NoOptions  # this rule has no options


def _indicator_values(project: Row) -> Iterator[tuple[int, str]]:
    """(index, 指标值 as text) of each 成本指标 row, as ``project.rows("成本指标")`` and ``Row.text`` read
    them, without a Row and a pointer for each: a pointer is built only for a contradiction."""
    items = project.get("成本指标")
    for index, item in enumerate(items if isinstance(items, list) else ()):
        if isinstance(item, (dict, Mapping)):
            value = item.get("指标值")
            yield index, (value if isinstance(value, str) else "" if value is None else str(value))


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    goals = doc.table("项目绩效目标表")
    if goals is None:
        return
    for project in goals.rows("项目"):
        amount = project.amount("资金总额")
        if amount.blank:
            continue
        for index, text in _indicator_values(project):
            match = _cap_pattern().match(text)
            if not match:
                continue
            cap = to_wan(Decimal(match.group(1)), match.group(2))
            if cap == amount.value:
                continue
            where = project.at.child("成本指标", index, "指标值")
            related = (Related(amount.at, f"{goals.label}项目“{project.name}”资金总额 {amount.show()}"),)
            if cap < amount.value:
                message = (f"{goals.label}项目“{project.name}”成本指标“{text}”低于其资金总额 {amount.show()}"
                           f"（差 {fmt(amount.value - cap)} 万元）")
                yield Violation(where, message, related)
            else:
                message = f"{goals.label}项目“{project.name}”成本指标“{text}”高于其资金总额 {amount.show()}"
                yield Violation(where, message, related, advisory=True)
