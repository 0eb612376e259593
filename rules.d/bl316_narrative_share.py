"""“X 万元，占 p%”的百分比应按其基数算对（四舍五入）。

为什么
    叙述中的占比是对表格数字的再加工，最容易算错或抄错。判断方法：先看 p 是否等于
    100 × X ÷ 基数 按打印位数四舍五入的结果；不等时，再看差额是否在由四舍五入输入传播的误差
    范围内（在范围内或恰为截尾值只作提示）。基数是这一组分项所属的总额（“其中”之前的数字），
    或“占……的”明确写出的那一项。基数很小时百分比几乎无法判断（目录 D11）：误差上限超过
    `small_base_pp` 个百分点时，不符也只作提示。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 三、支出预算总体情况说明
            主题: 支出
            文本: |
              2023 年部门支出合计 293.68 万元，其中：基本支出 107.08 万元，占 36.64%；
              项目支出 186.60 万元，占 63.54%。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 三、支出预算总体情况说明
            主题: 支出
            文本: |
              2023 年部门支出合计 293.68 万元，其中：基本支出 107.08 万元，占 36.46%；
              项目支出 186.60 万元，占 63.54%。
    ```

选项
    small_base_pp（小数，默认 0.1）：误差上限超过这么多个百分点时，百分比不符只作提示。
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from budgetlint.arith import percent_message
from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import amount_name, figure, key, related_number, share_checks, violation
from budgetlint.rules.narrative.relations import cell_shares
from budgetlint.rules.narrative.sections import narrative
from budgetlint.rule import RuleMeta

META = RuleMeta(
    id="BL316",
    name="narrative-share",
    title="叙述中的占比 = 100 × 金额 ÷ 基数（四舍五入）",
    severity=Severity.ERROR,
    catalogue=("C16", "D11"),
)


@dataclass(frozen=True, slots=True)
class Options:
    small_base_pp: Decimal = Decimal("0.1")


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for ns in narrative(doc):
        for item in share_checks(ns):
            verdict = item.verdict
            if verdict.exact:
                continue
            part, base = amount_name(doc, ns, item.part), amount_name(doc, ns, item.base)
            share = item.share.number
            small = not verdict.tail and verdict.bound > Decimal(opts.small_base_pp)
            said = percent_message(f"{figure(part, item.part.number)} ÷ {figure(base, item.base.number)}", verdict, small)
            message = f"{ns.name}：{part} 占 {share.show()}，{said}"
            related = [related_number(ns, item.part.number, part), related_number(ns, item.base.number, base)]
            yield violation(ns, share, message, related, tail=verdict.tail or small, key_=key("C16", ns, share.text),
                            detail=f"100 × {item.part.number.text} ÷ {item.base.number.text}", inputs=[item.part.number, item.base.number])
    # “占本年支出合计的 99.86%”: a named base the text does not state is the table cell of that name
    for found in cell_shares(doc):
        verdict, ns, share = found.verdict, found.section, found.share.number
        if verdict.exact:
            continue
        part = amount_name(doc, ns, found.part)
        small = not verdict.tail and verdict.bound > Decimal(opts.small_base_pp)
        said = percent_message(f"{figure(part, found.part.number)} ÷ {found.cell.show()}", verdict, small)
        related = [related_number(ns, found.part.number, part), Related(found.cell.amount.at, found.cell.show())]
        yield violation(ns, share, f"{ns.name}：{part} 占 {share.show()}，{said}", related, tail=verdict.tail or small,
                        key_=key("C16", ns, share.text), detail=f"100 × {found.part.number.text} ÷ {found.cell.amount.show()}",
                        inputs=[found.part.number])
