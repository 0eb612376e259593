"""基本支出说明中的基本支出、人员经费、公用经费应与一般公共预算基本支出表一致。

为什么
    “六、一般公共预算基本支出情况说明”重述一般公共预算基本支出表（河南预算06表）的合计、
    人员经费和公用经费。不一致说明叙述与表格不是同一版本。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 六、一般公共预算基本支出情况说明
            主题: 基本支出
            文本: |
              2023 年部门一般公共预算基本支出年初预算为 107.08 万元，其中：人员经费
              支出 98.86 万元；公用经费支出 7.22 万元。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 六、一般公共预算基本支出情况说明
            主题: 基本支出
            文本: |
              2023 年部门一般公共预算基本支出年初预算为 107.08 万元，其中：人员经费
              支出 99.86 万元；公用经费支出 7.22 万元。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import restatements
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL307",
    name="narrative-basic-expenditure",
    title="基本支出说明的基本支出、人员经费、公用经费 = 一般公共预算基本支出表",
    severity=Severity.ERROR,
    tables=("一般公共预算基本支出表",),
    catalogue=("C07",),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    yield from restatements(doc, "C07")
