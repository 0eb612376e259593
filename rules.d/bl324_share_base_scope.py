"""功能分类占比的基数应与分项金额属于同一口径。

为什么
    “五、一般公共预算支出情况说明”中各功能分类的占比以说明给出的一般公共预算支出为基数。
    如果分项金额与财政拨款收支总表（含上年结转）的功能分类一致，而基数却是一般公共预算支出表
    （只含当年拨款）的合计，百分比就是拿两个口径的数字相除（种子文件：235.72 ÷ 112.08 = 210.31%）。
    口径需要人工确认，因此是警告。报告位置是这一组的第一个占比，相关位置是基数和分项口径的合计单元格。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 五、一般公共预算支出情况说明
            主题: 一般公共预算支出
            文本: |
              2023 年部门一般公共预算支出年初预算为 112.08 万元。主要用于以下方面：科学技术支出
              235.72 万元，占 210.31%；社会保障和就业支出 10.78 万元，占 9.62%；卫生健康支出 5.39
              万元，占 4.81%；资源勘探信息等支出 25.00 万元，占 22.31%；商业服务业等支出 8.60 万元，
              占 7.67%；住房保障支出 8.19 万元，占 7.31%。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 五、一般公共预算支出情况说明
            主题: 一般公共预算支出
            文本: |
              2023 年部门财政拨款支出 293.68 万元。主要用于以下方面：科学技术支出
              235.72 万元，占 80.26%；社会保障和就业支出 10.78 万元，占 3.67%；卫生健康支出 5.39
              万元，占 1.84%；资源勘探信息等支出 25.00 万元，占 8.51%；商业服务业等支出 8.60 万元，
              占 2.93%；住房保障支出 8.19 万元，占 2.79%。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.arith import compare_equal
from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import amount_name, figure, key, related_cell, related_number, violation
from budgetlint.rules.narrative.function_classes import breakdowns, scopes
from budgetlint.rules.narrative.sections import narrative
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL324",
    name="share-base-scope",
    title="功能分类占比的基数与分项金额同一口径",
    severity=Severity.WARNING,
    tables=("一般公共预算支出表", "财政拨款收支总表", "收支总表"),
    catalogue=("C24",),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for ns in narrative(doc):
        amounts = ns.claims.amounts
        for breakdown in breakdowns(doc, ns):
            items = {i.amount for i in breakdown.items}
            shares = [s for s in ns.claims.shares if s.amount in items and s.base == breakdown.group.head]
            if not shares:
                continue
            base = amounts[breakdown.group.head]
            views = [v for v in scopes(doc, ns) if v.total is not None]
            source = next((v for v in views if v.agrees(ns, breakdown.items)), None)
            if source is None or source.total is None or compare_equal(base.printed, source.total.printed).exact:
                continue
            base_scope = next((v for v in views if v.total and compare_equal(base.printed, v.total.printed).exact), None)
            base_name = amount_name(doc, ns, base)
            where = f"（{base_scope.scope.name}口径，{base_scope.total.show()}）" if base_scope and base_scope.total else ""
            message = (f"{ns.name}：功能分类占比以{figure(base_name, base.number)}{where}为基数，但各项金额是"
                       f"{source.scope.name}口径的数字（{source.total.show()}），分子分母口径不同")
            related = [related_number(ns, base.number, base_name), related_cell(source.total)]
            if base_scope is not None and base_scope.total is not None:
                related.append(related_cell(base_scope.total))
            yield violation(ns, shares[0].number, message, related, key_=key("C24", ns, base.number.text))
