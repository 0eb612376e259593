"""叙述中的占比不能超过 100%，也不能为负数。

为什么
    “占”表示部分占整体的比例，只能在 0% 到 100% 之间。超过 100% 说明分子与分母不属于同一口径
    （种子文件：科学技术支出 235.72 万元“占 210.31%”，分母是只含当年拨款的 112.08 万元，
    分子却含上年结转）。这里只看百分比本身，与算得对不对无关。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 五、一般公共预算支出情况说明
            主题: 一般公共预算支出
            文本: |
              2023 年部门一般公共预算支出年初预算为 112.08 万元。主要用于以下方面：科学技术支出
              235.72 万元，占 210.31%。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 五、一般公共预算支出情况说明
            主题: 一般公共预算支出
            文本: |
              2023 年部门一般公共预算支出年初预算为 112.08 万元。主要用于以下方面：科学技术支出
              87.72 万元，占 78.27%。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import amount_name, figure, key, violation
from budgetlint.rules.narrative.sections import narrative
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL401",
    name="share-range",
    title="占比在 0%～100% 之间",
    severity=Severity.ERROR,
    catalogue=("D01",),
)

HUNDRED = Decimal(100)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for ns in narrative(doc):
        for share in ns.claims.shares:
            value = share.number.value
            if 0 <= value <= HUNDRED:
                continue
            part = "该项"
            if share.amount is not None:
                amount = ns.claims.amounts[share.amount]
                part = figure(amount_name(doc, ns, amount), amount.number)
            bound = "超过 100%" if value > HUNDRED else "为负数"
            message = f"{ns.name}：{part} 占 {share.number.show()}，占比{bound}：部分不可能{'大于整体' if value > HUNDRED else '小于零'}"
            yield violation(ns, share.number, message, key_=key("D01", ns, share.number.text))
