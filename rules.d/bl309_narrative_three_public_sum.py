"""“三公”经费说明中的各项之和应等于合计；公务用车购置费与运行费之和应等于公务用车购置及运行费。

为什么
    叙述自己给出了“三公”经费合计和分项。分项加起来不等于合计，即使表格正确，
    叙述本身也自相矛盾。按四舍五入尾差判断：差额在尾差范围内只作提示。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 七、“三公”经费支出情况说明
            主题: 三公经费
            文本: |
              2023 年部门“三公”经费预算为 1.80 万元。（一）因公出国（境）费 0.00 万元；
              （二）公务接待费 0.00 万元；（三）公务用车购置及运行费 1.30 万元。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 七、“三公”经费支出情况说明
            主题: 三公经费
            文本: |
              2023 年部门“三公”经费预算为 1.30 万元。（一）因公出国（境）费 0.00 万元；
              （二）公务接待费 0.00 万元；（三）公务用车购置及运行费 1.30 万元，其中，公务
              用车购置费 0.00 万元；公务用车运行维护费 1.30 万元。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import identities
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL309",
    name="narrative-three-public-sum",
    title="“三公”经费说明：合计 = 出国 + 接待 + 公务用车；公务用车 = 购置 + 运行",
    severity=Severity.ERROR,
    catalogue=("C09",),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    yield from identities(doc, "C09")
