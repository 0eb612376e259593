"""“X 年……为 A，Y 年……安排 B，比 X 年……增加/减少 p%”：方向、增长率、增减额与两个写出的金额一致。

为什么
    上海等地的预算说明在一句话里写出上一年度的数（当年预算执行数、上年预算）A 和本年的数 B，
    再写增减。增减说的一切都能由 A、B 复算：方向词与 B − A 的符号一致，p = 100 × (B − A) ÷ A
    （按 p 的打印位数四舍五入），增减额 D = B − A，“持平”即 A = B。审阅者发现过“比 2025 年预算执行数
    增加 17.62%”而两个金额给出 −91%。只有 A、B 和增减在同一句、A 是上一年度的数、B 是本年的数且
    紧挨增减之前时才判断（精度优先）；在四舍五入误差范围内只提示。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 四、部门预算编制说明
            文本: |
              2022年当年预算执行数为60.13万元，2023年预算安排25.77万元，比2022年预算执行数增加57.14%。
              主要原因是：项目调整。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 四、部门预算编制说明
            文本: |
              2022年当年预算执行数为60.13万元，2023年预算安排25.77万元，比2022年预算执行数减少57.14%。
              主要原因是：项目调整。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.arith import Printed, compare_equal, money
from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import figure, key, related_number, violation
from budgetlint.rules.narrative.comparisons import Comparison, comparisons, rate_verdict
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL328",
    name="stated-comparison",
    title="写出两年金额的增减：方向、增长率、增减额与 A、B 一致",
    severity=Severity.ERROR,
    catalogue=("C18", "C19"),
)


Options = NoOptions  # this rule has no options


def _sides(c: Comparison) -> str:
    return f"{figure(c.prior.label.strip(' ，,'), c.prior.number)}、{figure(c.current.label.strip(' ，,'), c.current.number)}"


def _check(c: Comparison) -> Iterator[Violation]:
    ns, change = c.section, c.change
    difference = c.difference
    sign = (difference.value > 0) - (difference.value < 0)
    related = [related_number(ns, c.prior.number, "上年数"), related_number(ns, c.current.number, "本年数")]
    inputs = [c.prior.number, c.current.number]
    where = ns.at(change.word_start, change.word_end)
    said = f"{change.word}" + "".join(f" {n.show()}" for n in (change.delta, change.rate) if n is not None)
    if change.direction == 0:
        if sign != 0:
            message = f"{ns.name}：写“{change.word}”，但 {_sides(c)}，相差 {money(abs(difference.value))}"
            yield violation(ns, c.current.number, message, related, key_=key("C19", ns, "flat", c.current.number.text),
                            inputs=inputs)._replace(at=where)
        return
    if sign != 0 and sign != change.direction:
        truth = "增加" if sign > 0 else "减少"
        message = f"{ns.name}：写“{said}”，但 {_sides(c)}，应为{truth} {money(abs(difference.value))}"
        yield violation(ns, c.current.number, message, related, key_=key("C19", ns, change.word, c.current.number.text),
                        inputs=inputs)._replace(at=where)
        return  # the rate and amount below would repeat the same contradiction
    if change.delta is not None:
        stated = Printed(*change.delta.wan)
        verdict = compare_equal(Printed(abs(stated.value), stated.decimals), Printed(abs(difference.value), difference.decimals))
        if not verdict.exact:
            message = (f"{ns.name}：“{said}”，但 {_sides(c)}，B − A = {money(difference.value)}")
            yield violation(ns, change.delta, message, related, tail=verdict.tail,
                            key_=key("C18", ns, "delta", change.delta.text), inputs=inputs)
    if change.rate is not None and c.prior.printed.value > 0:
        verdict = rate_verdict(abs(change.rate.value), difference, c.prior.printed)
        if not verdict.exact:
            how = f"100 × ({c.current.number.text} − {c.prior.number.text}) ÷ {c.prior.number.text}"
            if verdict.tail:
                tail = f"与 {how} = {verdict.computed}% 相差 {abs(verdict.difference)} 个百分点，在四舍五入误差范围内"
            else:
                tail = f"按 {how} 应为 {verdict.computed}%（相差 {abs(verdict.difference)} 个百分点）"
            yield violation(ns, change.rate, f"{ns.name}：“{said}”，{tail}", related, tail=verdict.tail,
                            key_=key("C18", ns, "rate", change.rate.text), inputs=inputs)


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for comparison in comparisons(doc):
        yield from _check(comparison)
