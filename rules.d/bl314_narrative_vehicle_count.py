"""国有资产说明中的车辆总数应等于各类车辆之和。

为什么
    车辆按一般公务用车、执法执勤用车、特种专业技术用车、其他用车等分类公开，
    各类之和就是车辆总数（整数，必须完全相等）。分类多于总数总是矛盾；
    四个基本分类都写出而合计少于总数，也是矛盾。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: （四）国有资产占用情况
            主题: 国有资产
            文本: |
              2022 年期末，我部门共有车辆 2辆，其中：一般公务用车 1辆、一般执法执勤用车 0辆、
              特种专业技术用车 0辆；其他用车 0辆。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: （四）国有资产占用情况
            主题: 国有资产
            文本: |
              2022 年期末，我部门共有车辆 1辆，其中：一般公务用车 1辆、一般执法执勤用车 0辆、
              特种专业技术用车 0辆；其他用车 0辆。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import identities
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL314",
    name="narrative-vehicle-count",
    title="国有资产说明：车辆总数 = 各类车辆之和",
    severity=Severity.ERROR,
    catalogue=("C14",),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    yield from identities(doc, "C14")
