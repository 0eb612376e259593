"""增减方向词应与数字的符号一致。

为什么
    “增加/增长/上升”表示比上年多，“减少/下降/降低”表示比上年少，“持平”表示相同。
    同一处增减的金额与百分比方向相反（“增加 5.00 万元，下降 3.00%”）、方向词后跟负数
    （“增长 -3%”），或表格有上年数而方向与本年数减上年数的符号不符（如“持平”而表中上年与本年不同），
    都是自相矛盾。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 一、收入支出预算总体情况说明
            主题: 收支总体
            文本: |
              2023 年部门收入总计 293.68 万元，与 2022 年预算相比，收入增加 197.26 万元，
              下降 204.58%，主要原因是：上年结转资金纳入本年预算。
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
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from budgetlint.arith import money
from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import ChangeView, change_phrase, change_views, key, related_cell, violation
from budgetlint.rules.narrative.claims import DOWN_WORDS, UP_WORDS
from budgetlint.rules.narrative.sections import NarrativeSection, cell, first_cell, narrative
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL319",
    name="change-direction",
    title="增减方向词与数字符号一致",
    severity=Severity.ERROR,
    catalogue=("C19",),
)

_WORD = {1: "增加", -1: "减少", 0: "持平"}


Options = NoOptions  # this rule has no options


def _rate_direction(word: str) -> int:
    return 1 if word in UP_WORDS else -1 if word in DOWN_WORDS else 0


def _against_table(doc: Disclosure, ns: NarrativeSection, view: ChangeView) -> Violation | None:
    """With a 上年 column, the direction must match 本年 − 上年."""
    entry, change = view.entry, view.change
    if entry is None or entry.previous is None:
        return None
    previous, current = cell(doc, entry.previous), first_cell(doc, entry.cells)
    if previous is None or current is None or previous.amount.blank:
        return None
    actual = current.amount.value - previous.amount.value
    sign = (actual > 0) - (actual < 0)
    if sign == change.direction:
        return None
    message = (f"{ns.name}：“{change_phrase(view)}”，但{current.show()}，{previous.show()}，"
               f"实际{_WORD[sign]}{'' if sign == 0 else ' ' + money(abs(actual))}")
    return Violation(ns.at(change.word_start, change.word_end), message, (related_cell(current), related_cell(previous)),
                     key=key("C19", ns, "上年", change.word))


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for ns in narrative(doc):
        for view in change_views(doc, ns):
            change = view.change
            said = change_phrase(view)
            if change.delta is not None and change.rate is not None and _rate_direction(change.rate_word) not in (0, change.direction):
                message = f"{ns.name}：“{said}”，金额说{change.word}而百分比说{change.rate_word}，方向相反"
                yield violation(ns, change.rate, message, key_=key("C19", ns, change.rate.text))
            for number in (change.delta, change.rate):
                if number is not None and number.value < Decimal(0) and change.direction != 0:
                    message = f"{ns.name}：“{said}”，方向词后又写了负数，方向自相矛盾（应写成“{'减少' if change.direction > 0 else '增加'} {number.show().lstrip('-')}”或去掉负号）"
                    yield violation(ns, number, message, key_=key("C19", ns, "负数", number.text))
            found = _against_table(doc, ns, view)
            if found:
                yield found
