"""决算情况说明中的“完成年初预算的 p%”与“决算数大于/小于/持平预算数”要与同一段文字中的数字相符。

为什么
    决算情况说明逐项写“年初预算为 X 万元，支出决算为 Y 万元，完成年初预算的 p%”，并说明决算数大于或小于预算数的原因。
    p 必须等于 Y ÷ X（四舍五入到所印位数，按舍入规则允许尾差）；“大于/小于/持平”必须与 Y − X 的符号一致——
    写“大于”而实际小于，说明原因解释的是另一个数字。比较的基数是文字本身说的那个预算数（“年初预算”“预算”）。
    报告位置在百分数或“大于/小于”一词上。

示例基础: tests/fixtures/clean-national-juesuan-2023.yaml

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 五、一般公共预算财政拨款支出决算情况说明
            主题: 一般公共预算支出
            文本: |
              2023 年度一般公共预算财政拨款支出年初预算为 293.68 万元，支出决算为 294.76 万元，完成年初预算的 100.73%。
              决算数小于年初预算数的主要原因是：年中追加企业奖补资金。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 五、一般公共预算财政拨款支出决算情况说明
            主题: 一般公共预算支出
            文本: |
              2023 年度一般公共预算财政拨款支出年初预算为 293.68 万元，支出决算为 294.76 万元，完成年初预算的 100.37%。
              决算数大于年初预算数的主要原因是：年中追加企业奖补资金。
    ```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetlint.arith import Printed, compare_percent, fmt
from budgetlint.finding import Severity, TextPointer, Violation
from budgetlint.model import Disclosure, Section
from budgetlint.rules.narrative.numbers import Number, View
from budgetlint.rules.narrative.relations import Pair, final_claims
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL518",
    name="final-completion-claims",
    title="“完成预算的 p%”和“决算数大于/小于预算数”与文中数字相符",
    severity=Severity.ERROR,
    catalogue=("C16", "C19", "D05"),
)

_ABOVE, _BELOW = ("大于", "高于", "超过", "多于"), ("小于", "低于", "少于")

Options = NoOptions  # this rule has no options


def _printed(number: Number) -> Printed:
    return number.printed


def _percent_finding(section: Section, pair: Pair, percent: Number, base_word: str) -> Violation | None:
    verdict = compare_percent(percent.value, _printed(pair.actual), _printed(pair.base))
    if verdict.exact:
        return None
    computed = fmt(verdict.computed, len(percent.text.partition(".")[2]))
    message = (f"“完成{base_word}预算的 {percent.text}%”与文中数字不符：决算 {pair.actual.show()} ÷ {base_word}预算 "
               f"{pair.base.show()} = {computed}%")
    if verdict.truncated:  # outside the rounding bound: “within rounding” would be untrue
        message += "（像是截去尾数而不是四舍五入，仅作提示）"
    elif verdict.tail:
        message += "（在四舍五入尾差范围内）"
    return Violation(TextPointer(section.text_at, percent.start, percent.end), message, rounding_tail=verdict.tail,
                     detail=f"100 × {pair.actual.text} ÷ {pair.base.text} = {computed}")


def _direction_finding(section: Section, view: View, match: re.Match[str], pair: Pair) -> Violation | None:
    group = 1 if match.group(1) else 2
    word = match.group(group)
    difference = pair.actual.wan[0] - pair.base.wan[0]
    says = 1 if word in _ABOVE else -1 if word in _BELOW else 0
    actual_sign = (difference > 0) - (difference < 0)
    if says == actual_sign:
        return None
    truth = "大于" if actual_sign > 0 else "小于" if actual_sign < 0 else "等于"
    start, end = view.offset(match.start(group)), view.end_offset(match.end(group))
    message = (f"文中说决算数“{word}”预算数，但前文决算 {pair.actual.show()} {truth}预算 {pair.base.show()}"
               f"（相差 {fmt(abs(difference), 2)} 万元）")
    return Violation(TextPointer(section.text_at, start, end), message)


def _check_section(section: Section) -> Iterator[Violation]:
    # the pairs and statements are read in budgetlint.rules.narrative.relations (coverage counts the same figures)
    for view, claim in final_claims(section.text):
        if claim.percent is not None:
            violation = _percent_finding(section, claim.pair, claim.percent, claim.base_word)
        elif claim.match is not None:
            violation = _direction_finding(section, view, claim.match, claim.pair)
        else:
            violation = None
        if violation:
            yield violation


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    if doc.kind != "决算":
        return
    for section in doc.all_sections():
        yield from _check_section(section)
