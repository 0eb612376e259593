"""收支总体说明中的收入总计、支出总计应与收支总表一致。

为什么
    第二部分“一、收入支出预算总体情况说明”重述收支总表（河南预算01表）的收入总计和支出总计。
    两者不一致时，读者无法判断哪一个是部门预算的真实规模。报告位置是文本中的数字，
    相关位置是收支总表的单元格。空白单元格按 0 比较。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 一、收入支出预算总体情况说明
            主题: 收支总体
            文本: |
              2023 年部门收入总计 239.68 万元，支出总计 293.68 万元。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 一、收入支出预算总体情况说明
            主题: 收支总体
            文本: |
              2023 年部门收入总计 293.68 万元，支出总计 293.68 万元。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import restatements
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL301",
    name="narrative-summary-totals",
    title="收支总体说明的收入总计、支出总计 = 收支总表",
    severity=Severity.ERROR,
    tables=("收支总表",),
    catalogue=("C01",),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    yield from restatements(doc, "C01")
