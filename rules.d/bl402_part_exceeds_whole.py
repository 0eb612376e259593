"""叙述中列出的分项金额不能大于它所属的总额。

为什么
    “其中”“主要用于以下方面”之后列出的分项是前面总额的一部分，任何一项都不能大于总额。
    分项大于总额，说明两者取自不同口径（种子文件：科学技术支出 235.72 万元 > 一般公共预算支出
    112.08 万元）。报告位置是分项金额，相关位置是总额。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 五、一般公共预算支出情况说明
            主题: 一般公共预算支出
            文本: |
              2023 年部门一般公共预算支出年初预算为 112.08 万元。主要用于以下方面：科学技术支出
              235.72 万元；住房保障支出 8.19 万元。
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
              87.72 万元；住房保障支出 8.19 万元。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.arith import money
from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import amount_name, figure, key, related_number, violation
from budgetlint.rules.narrative.periods import is_current
from budgetlint.rules.narrative.sections import narrative
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL402",
    name="part-exceeds-whole",
    title="叙述中的分项 ≤ 其所属总额",
    severity=Severity.ERROR,
    catalogue=("D02",),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for ns in narrative(doc):
        amounts = ns.claims.amounts
        for group in ns.claims.groups:
            whole = amounts[group.head]
            whole_name = amount_name(doc, ns, whole)
            for index in group.items:
                part = amounts[index]
                if is_current(part.role, doc.kind) != is_current(whole.role, doc.kind):
                    continue  # a 决算 total's budget-side figure (“支出预算为”) is not its part
                excess = part.printed.value - whole.printed.value
                if excess <= 0:
                    continue
                name = amount_name(doc, ns, part)
                message = f"{ns.name}：{figure(name, part.number)}，大于它所属的{figure(whole_name, whole.number)}（超出 {money(excess)}）"
                yield violation(ns, part.number, message, [related_number(ns, whole.number, whole_name)],
                                key_=key("D02", ns, name, part.number.text), inputs=[whole.number])
