"""政府采购说明中的采购预算总额应等于货物、工程、服务三类之和。

为什么
    政府采购预算按货物、工程、服务三类公开，三类之和就是采购总额。总额与分类之和不等，
    说明其中至少一个数字是错的（种子文件：总额 1.50 万元，货物 0.50 + 工程 0.00 + 服务 0.00 = 0.50 万元）。
    报告位置是文本中的总额，相关位置是三个分类金额。
    中小企业与小微企业：小微企业是中小企业的一部分，面向小微企业预留的项目也是面向中小企业预留的，所以
    授予（预留给、由其中标的）小微企业的金额不能超过中小企业的；授予中小企业的合同金额不能超过采购总额。

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
from budgetlint.rules.library import summed_in_narrative
from budgetlint.rules.narrative.relations import violations
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
    yield from summed_in_narrative(doc, META.id, "C12")  # the keys keep the catalogue code (baselines)
    # 小微企业 amounts are parts of the 中小企业 ones (决算 wording read from the sentence)
    yield from violations(doc, "BL312")
