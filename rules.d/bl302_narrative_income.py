"""收入说明中的收入合计和各项收入应与收支总表（收入表）一致。

为什么
    “二、收入预算总体情况说明”逐项重述本年收入：收入合计、一般公共预算、政府性基金、
    国有资本经营预算、财政专户管理资金、事业收入等，包括为 0 的来源。任何一项与收支总表
    （河南预算01表；没有收支总表时取收入表）不一致，都说明叙述与表格不是同一版本。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 二、收入预算总体情况说明
            主题: 收入
            文本: |
              2023 年部门收入合计 112.08 万元，其中：一般公共预算 102.08 万元；事业收入 10.00 万元。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 二、收入预算总体情况说明
            主题: 收入
            文本: |
              2023 年部门收入合计 112.08 万元，其中：一般公共预算 112.08 万元；事业收入 0.00 万元。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import restatements
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL302",
    name="narrative-income",
    title="收入说明的收入合计及各项来源 = 收支总表",
    severity=Severity.ERROR,
    tables=("收支总表", "收入表"),
    catalogue=("C02",),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    yield from restatements(doc, "C02")
