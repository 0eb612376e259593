"""叙述内部：基本支出 = 人员经费 + 公用经费。

为什么
    基本支出按定义只由人员经费和公用经费两部分组成。说明写出本年基本支出，又在同一句或其后的
    “其中：”里写出人员经费和公用经费时，三个数字自己就必须相加相等——表格在别处公开或根本没有公开时，
    这是唯一能核对它们的地方。按打印精度判断（四舍五入尾差只提示）。
    标签写明其他期间（上年、年初、执行、另一年份）的数字不参与；三者不在同一句或同一组“其中”里时不判断。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 六、一般公共预算基本支出情况说明
            主题: 基本支出
            文本: |
              2023 年一般公共预算基本支出 107.08 万元，其中：人员经费 95.00 万元，公用经费 10.08 万元。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 六、一般公共预算基本支出情况说明
            主题: 基本支出
            文本: |
              2023 年一般公共预算基本支出 107.08 万元，其中：人员经费 97.00 万元，公用经费 10.08 万元。
              上年人员经费 90.00 万元。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import Named, summed
from budgetlint.rules.narrative.sections import narrative
from budgetlint.rules.narrative.selfcheck import partitions
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL711",
    name="narrative-basic-parts",
    title="叙述内部：基本支出 = 人员经费 + 公用经费",
    severity=Severity.ERROR,
)

Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for ns in narrative(doc):
        amounts = ns.claims.amounts
        for total, parts in partitions(doc, ns, "基本支出", ("人员经费", "公用经费")):
            named = [Named(name, amounts[i].number) for name, i in zip(("人员经费", "公用经费"), parts)]
            result = summed(ns, "BL711", Named("基本支出", amounts[total].number), named)
            if result:
                yield result
