"""叙述内部：各评级的项目数之和 = 自评的项目数；团组、批次与人次；整改的问题不超过发现的问题。

为什么
    预算绩效管理情况写“绩效自评的项目 39 个……（其中，绩效评级为“优”的项目 39 个；“良”的项目 0 个；
    “合格”的项目 0 个；“不合格”的项目 0 个）”：每个自评项目恰有一个评级，四档（优/良/合格/不合格，或
    优/良/中/差）都写出时，各档之和就是自评的项目数；只写出几档时，之和不能超过它。
    “三公”经费说明写“团组 0 个、累计 0 人次”“接待 2 批次、26 人次，其中：接待外宾 0 批次、0 人次”：
    每个团组至少一人次，外宾是接待的一部分。已整改和正在整改的问题不超过发现的问题。
    这些数量没有表格可对照，文本自身的关系是唯一的核对（整数，必须完全相符）。
    只读固定说法（“绩效评级为“优”的项目”“团组……个、累计……人次”“接待……人次”“接待外宾……人次”）；
    各环节（编报目标、跟踪、自评）的项目数和金额口径可能不同（年初或调整后预算），不相互核对。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 十、预算绩效管理情况
            文本: |
              绩效自评的 2024 年度项目 39 个，涉及预算金额 4415.48 万元，平均得分 99.33 分（其中，绩效评级为“优”的
              项目 37 个；绩效评级为“良”的项目 1 个；绩效评级为“合格”的项目 0 个；绩效评级为“不合格”的项目 0 个）。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 十、预算绩效管理情况
            文本: |
              绩效自评的 2024 年度项目 39 个，涉及预算金额 4415.48 万元，平均得分 99.33 分（其中，绩效评级为“优”的
              项目 38 个；绩效评级为“良”的项目 1 个；绩效评级为“合格”的项目 0 个；绩效评级为“不合格”的项目 0 个）。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.relations import violations
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL716",
    name="narrative-count-relations",
    title="叙述内部：评级项目数之和 = 自评项目数；团组、接待人次；整改问题数",
    severity=Severity.ERROR,
)

Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    yield from violations(doc, "BL716")
