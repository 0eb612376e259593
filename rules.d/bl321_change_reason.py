"""增减变化应说明原因。

为什么
    公开规程要求说明收支增减变化的原因。叙述写了“增加”“减少”“增长”“下降”而其后（到下一处增减之前）
    或同一句之前没有“原因”“由于”等说明，读者就无法理解变化。持平不需要原因。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: （一）行政（事业）单位运行经费情况
            主题: 机关运行经费
            文本: |
              2023 年部门机构运行经费支出预算 7.22 万元，与 2022 年相比增加 0.87 万元，增长 13.70%。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: （一）行政（事业）单位运行经费情况
            主题: 机关运行经费
            文本: |
              2023 年部门机构运行经费支出预算 7.22 万元，与 2022 年相比增加 0.87 万元，增长 13.70%，
              主要原因：单位正常运转支出增加。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.narrative.checks import change_phrase, change_views, key
from budgetlint.narrative.sections import narrative
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL321",
    name="change-reason",
    title="增减变化有原因说明",
    severity=Severity.WARNING,
    catalogue=("C21",),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for ns in narrative(doc):
        for view in change_views(doc, ns):
            change = view.change
            numbers = [n for n in (change.delta, change.rate) if n is not None]
            if change.direction == 0 or change.reason or not numbers or all(n.value == 0 for n in numbers):
                continue
            message = f"{ns.name}：“{change_phrase(view)}”没有说明增减原因（应写明“主要原因是：……”）"
            yield Violation(ns.at(change.word_start, change.word_end), message, key=key("C21", ns, change.word, numbers[0].text))
