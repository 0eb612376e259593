"""支出说明中的支出合计、基本支出、项目支出应与支出表一致。

为什么
    “三、支出预算总体情况说明”重述部门支出表（河南预算03表）的合计、基本支出和项目支出。
    不一致说明叙述与表格按不同版本的预算编写。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 三、支出预算总体情况说明
            主题: 支出
            文本: |
              2023 年部门支出合计 293.68 万元，其中：基本支出 105.78 万元；项目支出 186.60 万元。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 三、支出预算总体情况说明
            主题: 支出
            文本: |
              2023 年部门支出合计 293.68 万元，其中：基本支出 107.08 万元；项目支出 186.60 万元。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import restatements
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL303",
    name="narrative-expenditure",
    title="支出说明的支出合计、基本支出、项目支出 = 支出表",
    severity=Severity.ERROR,
    tables=("支出表",),
    catalogue=("C03",),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    yield from restatements(doc, "C03")
