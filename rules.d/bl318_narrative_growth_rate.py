"""“增加 Δ 万元，增长 g%”的增长率应与增减额和推算的上年数一致。

为什么
    叙述给出本年数 X、增减额 Δ 和增长率 g，上年数就是 X − Δ（减少时 X + Δ），
    g 应等于 100 × Δ ÷ 上年数，按打印位数四舍五入。判断先看能否完全复现，再看差额是否在
    输入误差传播的范围内（上年数由两个印出的数相减，误差是两者之和：两位小数的万元为
    0.01 万元，元金额精确到分、没有误差）。上年数为 0 或负数时不能给出增长率，应写“无可比性”。
    基数很小时（误差上限超过 `small_base_pp` 个百分点，目录 D11）不符只作提示；对元金额
    算出的增长率误差上限只有百分比自身的舍入，基数不会“很小”。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 一、收入支出预算总体情况说明
            主题: 收支总体
            文本: |
              2023 年部门收入总计 293.68 万元，与 2022 年预算相比，收入增加 197.26 万元，
              增长 104.58%，主要原因是：上年结转资金纳入本年预算。
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
              增长 204.58%，主要原因是：上年结转资金纳入本年预算。
    ```

选项
    small_base_pp（小数，默认 0.1）：误差上限超过这么多个百分点时，增长率不符只作提示。
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from budgetlint.arith import compare_growth, fmt, money, percent_message
from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import change_phrase, change_views, figure, key, related_number, violation
from budgetlint.rules.narrative.numbers import Number
from budgetlint.rules.narrative.sections import narrative
from budgetlint.rule import RuleMeta

META = RuleMeta(
    id="BL318",
    name="narrative-growth-rate",
    title="增长率 = 100 × 增减额 ÷ 上年数（上年数 = 本年数 − 增减额）",
    severity=Severity.ERROR,
    catalogue=("C18", "D11"),
)


@dataclass(frozen=True, slots=True)
class Options:
    small_base_pp: Decimal = Decimal("0.1")


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for ns in narrative(doc):
        for view in change_views(doc, ns):
            change, level = view.change, view.level
            if change.delta is None or change.rate is None or level is None or change.direction == 0:
                continue
            delta = change.delta.printed
            current = level.printed
            prior = current.value - change.direction * abs(delta.value)
            said = change_phrase(view)
            related = [related_number(ns, change.delta, f"{view.subject}{change.word}"), related_number(ns, level.number, view.subject)]
            inputs = [change.delta, level.number]
            if prior <= 0:
                message = (f"{ns.name}：“{said}”，推算的上年数 {figure('', level.number)} − {change.delta.show()} = {money(prior)}，"
                           f"不大于零，不能计算增长率，应写“无可比性”")
                yield violation(ns, change.rate, message, related, key_=key("C18", ns, change.rate.text), inputs=inputs)
                continue
            verdict = compare_growth(abs(change.rate.value), delta, current, change.direction)
            if verdict.exact:
                continue
            small = not verdict.tail and verdict.bound > Decimal(opts.small_base_pp)
            how = f"{change.delta.text} ÷ 上年数 {_prior_text(level.number, change.delta, change.direction, prior)}" \
                  f"（{level.number.text} {'−' if change.direction > 0 else '+'} {change.delta.text}）"
            yield violation(ns, change.rate, f"{ns.name}：“{said}”，{percent_message(how, verdict, small)}", related, tail=verdict.tail or small,
                            key_=key("C18", ns, change.rate.text), inputs=inputs)


def _prior_text(level: Number, delta: Number, direction: int, prior_wan: Decimal) -> str:
    """The implied prior in the unit the text uses (“10000.00” beside 元 figures, not 1.000000 万元)."""
    if level.unit == delta.unit:
        return fmt(level.value - direction * abs(delta.value))
    return f"{fmt(prior_wan)} 万元"
