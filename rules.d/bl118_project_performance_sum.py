"""项目绩效目标表：合计行 = 各项目之和 = 各单位行之和。

为什么
    项目绩效目标表的合计行汇总全部项目（和全部单位）；合计与各行之和不等，说明漏列了项目或某个金额抄错。

错误示例
    ```yaml
    表格:
      项目绩效目标表:
        合计行: {资金总额: 196.60, 政府预算资金: 196.60}
    ```

正确示例
    ```yaml
    表格:
      项目绩效目标表:
        合计行: {资金总额: 186.60, 政府预算资金: 186.60}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.rules.tables.identity_checks import Term, plainly_summed, summed
from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL118",
    name="project-performance-sum",
    title="项目绩效目标表合计行 = 各项目之和 = 各单位行之和",
    severity=Severity.ERROR,
    tables=("项目绩效目标表",),
    catalogue=("A19",),
)

_COLUMNS = ("资金总额", "政府预算资金", "财政专户管理资金", "单位资金")


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    goals = doc.table("项目绩效目标表")
    if goals is None:
        return
    for group, word in (("项目", "项目"), ("单位行", "单位行")):
        rows = goals.rows(group)
        if not rows:
            continue
        for column in _COLUMNS:
            if plainly_summed(goals.get("合计行", column), (r.data.get(column) for r in rows), goals.unit):
                continue
            total = Term(goals.amount("合计行", column), goals.cell_label("合计行", column))
            violation = summed(total, [Term(r.amount(column), f"“{r.name}”") for r in rows], what=f"各{word}")
            if violation:
                yield violation
