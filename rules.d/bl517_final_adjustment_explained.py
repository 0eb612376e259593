"""调整预算数与年初预算数相差较大时，情况说明应说明调整原因。

为什么
    调整预算数 = 年初预算数 + 预算调增 − 预算调减。预算年度中大幅追加或调减（默认超过年初预算数的 30%，
    或年初未安排而年中安排）说明年初预算编得不准或有重大政策变化，公开文件应说明原因。
    情况说明中有一句同时提到该科目、“调整/追加/调增/调减”和原因即视为已说明。报告位置在调整预算数。

示例基础: tests/fixtures/clean-national-juesuan-2023.yaml

错误示例
    ```yaml
    表格:
      一般公共预算财政拨款支出决算表:
        明细:
          - {编码: "221", 名称: 住房保障支出, 年初预算数: {合计: 5.19}, 调整预算数: {合计: 9.01},
             决算数: {合计: 8.31, 基本支出: 8.31}}
    ```

正确示例
    ```yaml
    表格:
      一般公共预算财政拨款支出决算表:
        明细:
          - {编码: "221", 名称: 住房保障支出, 年初预算数: {合计: 8.19}, 调整预算数: {合计: 9.01},
             决算数: {合计: 8.31, 基本支出: 8.31}}
    ```

选项
    ratio（小数，默认 0.3）：调整预算数与年初预算数之差超过年初预算数的这个比例时，要求说明调整原因。
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from budgetlint.arith import HUNDRED, fmt, round_half_up
from budgetlint.rules.finals import GPB_FINAL_TABLE as TABLE
from budgetlint.rules.finals import explained, gpb_final_lines
from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rule import RuleMeta

META = RuleMeta(
    id="BL517",
    name="final-adjustment-explained",
    title="调整预算数与年初预算数相差较大时说明原因",
    severity=Severity.WARNING,
    tables=(TABLE,),
    catalogue=("D05",),
)

ADJUST_WORDS = ("调整", "追加", "调增", "调减", "追减", "增加预算", "调剂")


@dataclass(frozen=True, slots=True)
class Options:
    ratio: float = 0.3  # a change above this share of the 年初预算数 needs an explanation


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    table = doc.table(TABLE)
    if table is None:
        return
    threshold = Decimal(str(opts.ratio))
    sections = tuple(doc.all_sections())
    for node, name, keywords in gpb_final_lines(table):
        initial, adjusted = node.amount("年初预算数", "合计"), node.amount("调整预算数", "合计")
        if adjusted.blank:
            continue
        change = adjusted.value - initial.value
        if initial.value > 0 and abs(change) <= threshold * initial.value:
            continue
        if change == 0 or explained(sections, keywords, ADJUST_WORDS):
            continue
        share = "年初未安排预算" if initial.value <= 0 else \
            f"{'调增' if change > 0 else '调减'} {fmt(round_half_up(abs(change) / initial.value * HUNDRED, 2), 2)}%"
        message = (f"{table.label}{name}调整预算数 {adjusted.show()}，比年初预算数 {initial.show()}"
                   f"{'增加' if change > 0 else '减少'} {fmt(abs(change), 2)} 万元（{share}），情况说明中没有说明调整原因")
        yield Violation(adjusted.at, message, (Related(initial.at, f"{name}年初预算数 {initial.show()}"),))
