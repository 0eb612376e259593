"""机关运行经费说明应与一般公共预算基本支出表的公用经费一致。

为什么
    机关运行经费是行政单位和参照公务员法管理的事业单位用于购买货物和服务的基本支出，
    口径上等于基本支出中的公用经费（河南预算06表）。两者不一致时往往是口径不同
    （部门还有事业单位、或把项目支出中的运转经费计入），需要人工确认，因此是警告。
    决算说明中的机关运行经费与一般公共预算财政拨款基本支出决算表的公用经费对照：部门含事业单位时前者更小，
    但不会更大（机关运行经费是公用经费中行政单位的部分）。

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
from budgetlint.arith import compare_equal, fmt
from budgetlint.rules.library import restated_in_narrative
from budgetlint.rules.narrative.checks import key, related_cell, violation
from budgetlint.rules.narrative.relations import running_costs_within
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
    yield from restated_in_narrative(doc, META.id, "C11")  # the keys keep the catalogue code (baselines)
    # 决算: 表六 prints the 公用经费 of the whole department; 机关运行经费 is its 行政单位 part, never more
    for within in running_costs_within(doc):
        number, cell = within.amount.number, within.cell
        verdict = compare_equal(number.printed, cell.printed)
        if verdict.exact or number.wan[0] <= cell.amount.value:
            continue
        message = (f"{within.section.name}：机关运行经费 {number.show()}，大于{cell.show()}（超出 "
                   f"{fmt(number.wan[0] - cell.amount.value, 2)} 万元）：机关运行经费是公用经费中行政单位的部分，不会更多")
        yield violation(within.section, number, message, [related_cell(cell)], tail=verdict.tail,
                        key_=key("C11", within.section, "决算", number.text))
