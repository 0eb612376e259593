"""“三公”经费说明中的合计和各项应与“三公”经费表一致。

为什么
    “七、‘三公’经费支出情况说明”重述“三公”经费表（河南预算08表）的合计、因公出国（境）费、
    公务接待费、公务用车购置及运行费及其中的购置费和运行费。“三公”经费是公开检查的必查项，
    叙述与表格不一致会被直接认定为公开质量问题。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 七、“三公”经费支出情况说明
            主题: 三公经费
            文本: |
              2023 年部门“三公”经费预算为 1.30 万元。（一）因公出国（境）费 0.00 万元；
              （二）公务接待费 0.30 万元；（三）公务用车购置及运行费 1.30 万元。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 七、“三公”经费支出情况说明
            主题: 三公经费
            文本: |
              2023 年部门“三公”经费预算为 1.30 万元。（一）因公出国（境）费 0.00 万元；
              （二）公务接待费 0.00 万元；（三）公务用车购置及运行费 1.30 万元。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import restatements
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL308",
    name="narrative-three-public",
    title="“三公”经费说明的合计及各项 = “三公”经费表",
    severity=Severity.ERROR,
    tables=("三公经费表",),
    catalogue=("C08",),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    yield from restatements(doc, "C08")
