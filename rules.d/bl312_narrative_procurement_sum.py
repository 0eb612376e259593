"""政府采购说明中的采购预算总额应等于货物、工程、服务三类之和。

为什么
    政府采购预算按货物、工程、服务三类公开，三类之和就是采购总额。总额与分类之和不等，
    说明其中至少一个数字是错的（种子文件：总额 1.50 万元，货物 0.50 + 工程 0.00 + 服务 0.00 = 0.50 万元）。
    报告位置是文本中的总额，相关位置是三个分类金额。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: （二）政府采购支出情况
            主题: 政府采购
            文本: |
              2023 年我部门政府采购预算安排 1.50 万元，其中：政府采购货物预算 0.50 万元、
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

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import identities
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL312",
    name="narrative-procurement-sum",
    title="政府采购说明：总额 = 货物 + 工程 + 服务",
    severity=Severity.ERROR,
    catalogue=("C12",),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    yield from identities(doc, "C12")
