"""机关运行经费说明应与一般公共预算基本支出表的公用经费一致。

为什么
    机关运行经费是行政单位和参照公务员法管理的事业单位用于购买货物和服务的基本支出，
    口径上等于基本支出中的公用经费（河南预算06表）。两者不一致时往往是口径不同
    （部门还有事业单位、或把项目支出中的运转经费计入），需要人工确认，因此是警告。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: （一）行政（事业）单位运行经费情况
            主题: 机关运行经费
            文本: |
              2023 年部门机构运行经费支出预算 8.22 万元，主要保障机构正常运转。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: （一）行政（事业）单位运行经费情况
            主题: 机关运行经费
            文本: |
              2023 年部门机构运行经费支出预算 7.22 万元，主要保障机构正常运转。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import restatements
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL311",
    name="narrative-running-costs",
    title="机关运行经费 = 一般公共预算基本支出表公用经费",
    severity=Severity.WARNING,
    tables=("一般公共预算基本支出表",),
    catalogue=("C11",),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    yield from restatements(doc, "C11")
