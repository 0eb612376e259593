"""绩效目标设置情况中的项目个数和资金 = 项目绩效目标表。

为什么
    “编报绩效目标的项目共 3 个，涉及项目预算资金 80.00 万元”说的就是项目绩效目标表：列出的项目个数和
    合计行的资金（资金总额或政府预算资金，文字没有说是哪一列，两列都试）。项目增减后只改了表或只改了文字，
    两者就对不上。只有项目绩效目标表合计行的资金总额等于各项目之和（表中列出了全部项目）时才比较；
    只公开部分项目的表、没有公开该表（如上海的部门预算）时不比较，覆盖中写明原因。

示例基础: tests/fixtures/clean-sichuan-2024.yaml

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 十、绩效目标设置情况
            主题: 绩效目标
            文本: |
              2024年度，本部门编报绩效目标的项目共2个，涉及项目预算资金85.00万元。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 十、绩效目标设置情况
            主题: 绩效目标
            文本: |
              2024年度，本部门编报绩效目标的项目共2个，涉及项目预算资金80.00万元。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import key, related_number
from budgetlint.rules.narrative.performance import performance_judgements
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL717",
    name="performance-projects",
    title="绩效目标：编报绩效目标的项目个数和资金 = 项目绩效目标表",
    severity=Severity.WARNING,
    tables=("项目绩效目标表",),
)

Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for judgement in performance_judgements(doc):
        if judgement.ok:
            continue
        ns = judgement.section
        related = tuple(related_number(other, stated.number, stated.words)
                        for other, stated in judgement.figures if stated.number is not judgement.at) + judgement.cells
        yield Violation(ns.at_number(judgement.at), judgement.message, related, advisory=not judgement.certain,
                        key=key("BL717", ns, judgement.at.text))
