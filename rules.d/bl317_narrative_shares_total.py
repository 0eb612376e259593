"""同一组分项的占比之和应为 100%（在四舍五入误差范围内）。

为什么
    “其中”或“主要用于以下方面”之后列出的分项，各自“占”同一个总额的百分之几。互不重叠的分项
    占比之和不可能超过 100%；分项完整时（金额之和等于总额，或列出了表中全部非零功能分类），
    之和还应等于 100%。种子文件 §五 的六个功能分类占比之和是 262.03%。
    允许的误差是各占比的四舍五入误差之和。报告位置是这一组的第一个占比。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 三、支出预算总体情况说明
            主题: 支出
            文本: |
              2023 年部门支出合计 293.68 万元，其中：基本支出 107.08 万元，占 46.46%；
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
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from budgetlint.arith import compare_sum
from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import ShareCheck, amount_name, figure, key, related_number, share_checks, violation
from budgetlint.rules.narrative.function_classes import breakdowns, scopes
from budgetlint.rules.narrative.sections import NarrativeSection, narrative
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL317",
    name="narrative-shares-total",
    title="同一组分项的占比之和 = 100%",
    severity=Severity.ERROR,
    catalogue=("C17",),
)

HUNDRED = Decimal(100)


Options = NoOptions  # this rule has no options


def _exhaustive(doc: Disclosure, ns: NarrativeSection, group_index: int) -> bool:
    """The items add up to their total, or name every non-zero 功能分类 class of a published scope."""
    group = ns.claims.groups[group_index]
    amounts = ns.claims.amounts
    if not compare_sum(amounts[group.head].printed, [amounts[i].printed for i in group.items]).fails:
        return True
    for breakdown in breakdowns(doc, ns):
        if breakdown.group == group:
            named = {item.code for item in breakdown.items}
            return any(view.classes and {c for c, v in view.classes.items() if v} <= named for view in scopes(doc, ns))
    return False


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for ns in narrative(doc):
        by_group: dict[int, list[ShareCheck]] = {}
        for item in share_checks(ns):
            if item.share.group is not None:
                by_group.setdefault(item.share.group, []).append(item)
        for group_index, items in by_group.items():
            if len(items) < 2:
                continue
            total = sum((i.share.number.value for i in items), Decimal(0))
            bound = sum((i.verdict.bound for i in items), Decimal(0))
            over = total - HUNDRED
            if abs(over) <= bound or (over < 0 and not _exhaustive(doc, ns, group_index)):
                continue
            first = items[0].share.number
            head = ns.claims.amounts[ns.claims.groups[group_index].head]
            shares = " + ".join(i.share.number.text for i in items)
            message = (f"{ns.name}：{figure(amount_name(doc, ns, head), head.number)} 的 {len(items)} 个分项占比之和为 "
                       f"{shares} = {total}%，{'超过' if over > 0 else '不足'} 100%（相差 {abs(over)} 个百分点）")
            related = [related_number(ns, i.share.number, amount_name(doc, ns, i.part) + " 占") for i in items[1:]]
            yield violation(ns, first, message, related, key_=key("C17", ns, group_index),
                            detail=f"允许误差 ±{bound:.4f} 个百分点")
