"""一般公共预算支出说明中的总额、基本支出、项目支出应与一般公共预算支出表一致。

为什么
    “五、一般公共预算支出情况说明”重述一般公共预算支出表（河南预算05表）的合计、
    基本支出和项目支出。不一致说明叙述用了另一口径或另一版本的数字。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 五、一般公共预算支出情况说明
            主题: 一般公共预算支出
            文本: |
              2023 年部门一般公共预算支出年初预算为 112.08 万元。其中基本支出 107.08
              万元；项目支出 6.00 万元。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 五、一般公共预算支出情况说明
            主题: 一般公共预算支出
            文本: |
              2023 年部门一般公共预算支出年初预算为 112.08 万元。其中基本支出 107.08
              万元；项目支出 5.00 万元。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import restatements
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL305",
    name="narrative-gpb-expenditure",
    title="一般公共预算支出说明的总额、基本支出、项目支出 = 一般公共预算支出表",
    severity=Severity.ERROR,
    tables=("一般公共预算支出表",),
    catalogue=("C05",),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    yield from restatements(doc, "C05")
