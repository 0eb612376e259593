"""叙述内部：没有写出基数的一组占比，基数是各部分之和。

为什么
    “基本支出 250.00 万元，占 83.33%；项目支出 50.00 万元，占 16.67%”没有写总数，但两个占比之和为
    100%，说明它们瓜分的正是这两项之和 300.00 万元；每个占比就必须等于本项 ÷ 各项之和。
    总数在别处（表格或另一节）时，这是文本自身唯一的核对。
    只在同一句中至少两个占比都没有基数（没有“其中”的总数，也没有“占……的”）、且它们之和在舍入误差内等于
    100% 时判断；有总数的占比由 BL316/BL317 检查。差额在四舍五入误差内只提示。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 三、支出预算总体情况说明
            主题: 支出
            文本: |
              2023 年基本支出 107.08 万元，占 40.00%；项目支出 186.60 万元，占 60.00%。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 三、支出预算总体情况说明
            主题: 支出
            文本: |
              2023 年基本支出 107.08 万元，占 36.46%；项目支出 186.60 万元，占 63.54%。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from budgetlint.arith import Printed, compare_percent, money, percent_message
from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import amount_name, figure, key, related_number, violation
from budgetlint.rules.narrative.relations import baseless_runs
from budgetlint.rules.narrative.sections import narrative
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL713",
    name="shares-of-their-sum",
    title="叙述内部：没有基数的一组占比 = 本项 ÷ 各项之和",
    severity=Severity.ERROR,
)

Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for ns in narrative(doc):
        amounts = ns.claims.amounts
        for sentence, shares in baseless_runs(ns):
            parts = [amounts[s.amount] for s in shares if s.amount is not None]
            base_value = sum((p.printed.value for p in parts), Decimal(0))
            # a sum of n printed parts carries n half-units: one decimal fewer covers up to ten parts
            base = Printed(base_value, min(p.printed.decimals for p in parts) - 1)
            for share, part in zip(shares, parts):
                verdict = compare_percent(share.number.value, part.printed, base)
                if verdict.exact:
                    continue
                name = amount_name(doc, ns, part)
                how = f"{part.number.text} ÷ 各项之和 {money(base_value)}"
                message = (f"{ns.name}：{figure(name, part.number)} 占 {share.number.show()}，这一组占比之和为 100%，"
                           f"{percent_message(how, verdict)}")
                related = [related_number(ns, p.number, amount_name(doc, ns, p)) for p in parts if p is not part]
                yield violation(ns, share.number, message, related, tail=verdict.tail,
                                key_=key("BL713", ns, sentence, share.number.text), inputs=[part.number])
