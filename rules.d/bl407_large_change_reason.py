"""大幅增减（增长率超过阈值）应有说明，且说明应覆盖上年结转。

为什么
    增长率超过 `threshold_pct`（默认 100%）时，读者首先想知道钱从哪里来。没有说明原因是警告；
    说明了原因，但这一总数包含上年结转（收支总表“上年结转结余”大于 0）而原因里没有提到结转，
    也是警告：种子文件收入增长 204.58%，其中 181.60 万元是上年结转，原因却只写“本年度对企业奖补资金较多”。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 一、收入支出预算总体情况说明
            主题: 收支总体
            文本: |
              2023 年部门收入总计 293.68 万元，与 2022 年预算相比，收入增加 197.26 万元，
              增长 204.58%。主要原因是：本年度对企业奖补资金较多。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 一、收入支出预算总体情况说明
            主题: 收支总体
            文本: |
              2023 年部门收入总计 293.68 万元，与 2022 年预算相比，收入增加 197.26 万元，
              增长 204.58%。主要原因是：上年结转资金 181.60 万元纳入本年预算。
    ```

选项
    threshold_pct（小数，默认 100）：增长率（绝对值）超过这么多个百分点时要求说明。
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import change_phrase, change_views, key, related_cell, violation
from budgetlint.rules.narrative.sections import cell, narrative
from budgetlint.rule import RuleMeta

META = RuleMeta(
    id="BL407",
    name="large-change-reason",
    title="大幅增减有原因说明，且说明覆盖上年结转",
    severity=Severity.WARNING,
    catalogue=("D07",),
)

_CARRY_WORDS = ("结转", "结余")


@dataclass(frozen=True, slots=True)
class Options:
    threshold_pct: Decimal = Decimal(100)


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for ns in narrative(doc):
        for view in change_views(doc, ns):
            change = view.change
            if change.rate is None or abs(change.rate.value) <= Decimal(opts.threshold_pct):
                continue
            said = change_phrase(view)
            if not change.reason:
                yield violation(ns, change.rate, f"{ns.name}：“{said}”，增幅超过 {opts.threshold_pct}%，但没有说明原因",
                                key_=key("D07", ns, change.rate.text))
                continue
            carry = cell(doc, view.entry.carry_over) if view.entry else None
            if carry is None or carry.amount.value <= 0 or any(w in change.reason_text for w in _CARRY_WORDS):
                continue
            message = (f"{ns.name}：“{said}”，本年数中包含{carry.show()}，但说明的原因“{change.reason_text}”没有提到上年结转")
            yield violation(ns, change.rate, message, [related_cell(carry)], key_=key("D07", ns, change.rate.text))
