"""政府采购预算不应超过部门支出总计。

为什么
    政府采购是部门支出的一部分（用各类资金购买货物、工程和服务）；说明中的政府采购预算大于收支总表的
    支出总计，几乎一定是单位（元/万元）或数字录错。报告位置在叙述中的政府采购金额上，相关位置是支出总计。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: （二）政府采购支出情况
            主题: 政府采购
            文本: |
              2023 年我部门政府采购预算安排 500.00 万元，其中：政府采购货物预算 500.00 万元、
              政府采购工程预算 0.00 万元、政府采购服务预算 0.00 万元。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: （二）政府采购支出情况
            主题: 政府采购
            文本: |
              2023 年我部门政府采购预算安排 0.50 万元，其中：政府采购货物预算 0.50 万元、
              政府采购工程预算 0.00 万元、政府采购服务预算 0.00 万元。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.arith import money
from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.sections import match_amount, narrative
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL313",
    name="procurement-within-spending",
    title="政府采购预算 ≤ 收支总表支出总计",
    severity=Severity.ERROR,
    tables=("收支总表",),
    catalogue=("C13", "D02"),
)

Options = NoOptions  # this rule has no options

_PROCUREMENT = "政府采购"  # the vocabulary key of the procurement total


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    summary = doc.table("收支总表")
    if summary is None:
        return
    total = summary.amount("支出", "支出总计")
    if total.blank:
        return
    for ns in narrative(doc):
        for amount in ns.claims.amounts:
            found = match_amount(doc, ns, amount)
            if found is None or found.entry.key != _PROCUREMENT:
                continue
            value, _ = amount.number.wan
            if value <= total.value:
                continue
            label = summary.cell_label("支出", "支出总计")
            message = (f"{ns.name}：{amount.label} {amount.number.show()}，大于{label} {total.show()}"
                       f"（超出 {money(value - total.value)}）：政府采购是支出的一部分")
            yield Violation(ns.at_number(amount.number), message, (Related(total.at, f"{label} {total.show()}"),))
