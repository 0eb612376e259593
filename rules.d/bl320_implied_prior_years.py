"""叙述中“与上年相比”推出的上年数彼此一致：上年收入总计 = 上年支出总计 ≥ 上年财政拨款收支。

为什么
    每一句“本年 X 万元，比上年增加 Δ 万元”都隐含一个上年数 X − Δ。收入总计和支出总计推出的上年数必须相等
    （上年预算同样收支平衡）；财政拨款（一般公共预算、政府性基金、国有资本经营预算）是全部收支的一部分，
    它们推出的上年数之和不能大于上年收支总计。不一致说明某个增减额或本年数写错了（也常见于套用了别的口径）。
    差额在两个打印数相减的舍入范围内不报告。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 一、收入支出预算总体情况说明
            主题: 收支总体
            文本: |
              2023 年部门收入总计 293.68 万元，支出总计 293.68 万元，与 2022 年预算相比，
              收入增加 197.26 万元，增长 204.58%，主要原因是：上年结转资金纳入预算；支出增加 207.26 万元，
              增长 239.17%，主要原因是：上年结转资金纳入预算。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 一、收入支出预算总体情况说明
            主题: 收支总体
            文本: |
              2023 年部门收入总计 293.68 万元，支出总计 293.68 万元，与 2022 年预算相比，
              收入增加 197.26 万元，增长 204.58%，主要原因是：上年结转资金纳入预算；支出增加 197.26 万元，
              增长 204.58%，主要原因是：上年结转资金纳入预算。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from budgetlint.arith import money
from budgetlint.finding import Related, Severity, TextPointer, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import change_views
from budgetlint.rules.narrative.sections import narrative
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL320",
    name="implied-prior-years",
    title="推出的上年数一致：上年收入总计 = 上年支出总计 ≥ 上年财政拨款收支之和",
    severity=Severity.WARNING,
    catalogue=("C20",),
)

Options = NoOptions  # this rule has no options

_TOTALS = ("收入总计", "支出总计")
_FUNDS = ("一般公共预算收支预算", "政府性基金收支预算", "国有资本经营预算收支预算")


class Prior(NamedTuple):
    value: Decimal
    # X − Δ is the difference of two printed figures and carries both their errors: 0.01 万元 for two
    # decimals, nothing for figures in 元 (exact), 1 万元 for integers printed among integers
    error: Decimal
    at: TextPointer
    words: str  # “收入总计 293.68 万元 − 197.26 万元”


def _priors(doc: Disclosure) -> dict[str, Prior]:
    found: dict[str, Prior] = {}
    for ns in narrative(doc):
        for view in change_views(doc, ns):
            key = view.entry.key if view.entry is not None else None
            if key not in (*_TOTALS, *_FUNDS) or key in found or view.level is None:
                continue
            level, error = view.level.number.wan[0], view.level.number.printed.error
            change = view.change
            if change.direction == 0:
                delta = Decimal(0)
            elif change.delta is None:
                continue
            else:
                delta = change.delta.wan[0] * change.direction
                error += change.delta.printed.error
            words = f"{view.subject} {money(level)}{'' if delta == 0 else f' − {money(delta)}'}"
            found[key] = Prior(level - delta, error, ns.at(change.word_start, change.word_end), words)
    return found


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    priors = _priors(doc)
    income, spending = priors.get(_TOTALS[0]), priors.get(_TOTALS[1])
    if income is not None and spending is not None and abs(income.value - spending.value) > income.error + spending.error:
        message = (f"由增减额推出的上年收入总计 {money(income.value)}（{income.words}）与上年支出总计 "
                   f"{money(spending.value)}（{spending.words}）不等：上年预算也应收支平衡")
        yield Violation(spending.at, message, (Related(income.at, f"上年收入总计 {money(income.value)}"),))
    total = income or spending
    funds = [priors[k] for k in _FUNDS if k in priors]
    if total is None or not funds:
        return
    funds_sum = sum((f.value for f in funds), Decimal(0))
    if funds_sum - total.value > sum((f.error for f in funds), total.error):
        message = (f"由增减额推出的上年财政拨款收支之和 {money(funds_sum)}，大于上年收支总计 {money(total.value)}"
                   f"（{total.words}）：财政拨款只是全部收支的一部分")
        related = tuple(Related(f.at, f"{f.words} = {money(f.value)}") for f in funds)
        yield Violation(funds[0].at, message, (Related(total.at, f"上年收支总计 {money(total.value)}"), *related))
