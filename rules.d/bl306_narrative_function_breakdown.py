"""一般公共预算支出说明中按功能分类列出的各项，之和应等于说明给出的一般公共预算支出总额。

为什么
    “五、一般公共预算支出情况说明”先给出一般公共预算支出总额，再按功能分类（科学技术支出、
    社会保障和就业支出……）列出用途。各项之和不等于总额，说明分项取自另一个口径：
    种子文件中各项之和 293.68 万元是财政拨款收支总表（预算04表）含上年结转的数字，
    而总额 112.08 万元是只含当年拨款的预算05表。若一般公共预算支出表公开了功能分类行，
    每一项还要与该表同一类的金额一致。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 五、一般公共预算支出情况说明
            主题: 一般公共预算支出
            文本: |
              2023 年部门一般公共预算支出年初预算为 112.08 万元。主要用于以下方面：科学技术支出
              235.72 万元；社会保障和就业支出 10.78 万元；卫生健康支出 5.39 万元；资源勘探信息等
              支出 25.00 万元；商业服务业等支出 8.60 万元；住房保障支出 8.19 万元。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 五、一般公共预算支出情况说明
            主题: 一般公共预算支出
            文本: |
              2023 年部门一般公共预算支出年初预算为 112.08 万元。主要用于以下方面：科学技术支出
              87.72 万元；社会保障和就业支出 10.78 万元；卫生健康支出 5.39 万元；住房保障支出
              8.19 万元。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from budgetlint.arith import Money, Printed, compare_equal, differs, money
from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import Named, amount_name, figure, key, related_cell, summed, violation
from budgetlint.rules.narrative.function_classes import Breakdown, breakdowns, scopes
from budgetlint.rules.narrative.numbers import Number
from budgetlint.rules.narrative.sections import NarrativeSection, narrative
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL306",
    name="narrative-function-breakdown",
    title="一般公共预算支出说明：功能分类各项之和 = 说明给出的总额（并 = 一般公共预算支出表各类）",
    severity=Severity.ERROR,
    tables=("一般公共预算支出表",),
    catalogue=("C06",),
)


Options = NoOptions  # this rule has no options


def _scope_hint(doc: Disclosure, ns: NarrativeSection, breakdown: Breakdown) -> tuple[str, list[Related]]:
    """Which published scope the items come from, when it is not the stated total's."""
    amounts = ns.claims.amounts
    computed = sum((amounts[i.amount].printed.value for i in breakdown.items), Decimal(0))
    for view in scopes(doc, ns):
        if view.total is not None and view.agrees(ns, breakdown.items) \
                and compare_equal(Printed(computed, 2), view.total.printed).exact:
            return f"；各项金额是{view.scope.name}口径的数字（{view.total.show()}）", [related_cell(view.total)]
    return "", []


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for ns in narrative(doc):
        amounts = ns.claims.amounts
        for breakdown in breakdowns(doc, ns):
            head = amounts[breakdown.group.head]
            total = Named(amount_name(doc, ns, head), head.number)
            parts = [Named(item.name, amounts[item.amount].number) for item in breakdown.items]
            extra, related = _scope_hint(doc, ns, breakdown)
            found = summed(ns, "C06", total, parts, whole=f"{parts[0].label}等", extra=extra, related=related)
            if found:
                yield found
            for view in scopes(doc, ns):
                if view.scope.rows[0] != "一般公共预算支出表" or view.total is None or not view.classes:
                    continue
                for item in breakdown.items:
                    stated = amounts[item.amount].number
                    value = view.classes.get(item.code)
                    if value is not None and not compare_equal(stated.printed, view.printed(item.code)).exact:
                        table = view.total.label.split("）")[0] + "）"
                        yield _row_mismatch(ns, item.name, stated, table, item.code, value)


def _row_mismatch(ns: NarrativeSection, name: str, stated: Number, table: str, code: str, value: Decimal) -> Violation:
    difference = stated.wan[0] - value
    message = f"{ns.name}：{figure(name, stated)}，与{table} {code} 类合计 {money(value)}不一致（{differs(difference, Money.usual())}）"
    return violation(ns, stated, message, key_=key("C06", ns, code))
