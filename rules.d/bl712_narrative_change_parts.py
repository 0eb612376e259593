"""叙述内部：总数的增减额 = 各组成部分增减额之和（基本支出 = 人员经费 + 公用经费；支出 = 基本支出 + 项目支出）。

为什么
    基本支出比上年增加 20 万元，而人员经费增加 15 万元、公用经费增加 3 万元，两处必有一处写错：
    上年的基本支出同样由人员经费和公用经费组成，增减额也必须相加相等。同理，支出合计的增减额等于
    基本支出与项目支出增减额之和。“三公”经费由 BL325 检查。
    只在总数和每个部分都写明了本年金额与增减额（“持平”算 0）时判断；上年可能还有其他组成部分
    （如经营支出），所以只报警告；差额在四舍五入尾差内只提示。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 六、一般公共预算基本支出情况说明
            主题: 基本支出
            文本: |
              2023 年一般公共预算基本支出 107.08 万元，比上年增加 20.00 万元，主要原因是人员增加。
              其中：人员经费 97.00 万元，比上年增加 15.00 万元，主要原因是人员增加；
              公用经费 10.08 万元，比上年增加 3.00 万元，主要原因是办公费增加。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 六、一般公共预算基本支出情况说明
            主题: 基本支出
            文本: |
              2023 年一般公共预算基本支出 107.08 万元，比上年增加 18.00 万元，主要原因是人员增加。
              其中：人员经费 97.00 万元，比上年增加 15.00 万元，主要原因是人员增加；
              公用经费 10.08 万元，比上年增加 3.00 万元，主要原因是办公费增加。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from budgetlint.arith import Printed, compare_sum, money
from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import key, related_number, violation
from budgetlint.rules.narrative.claims import Change
from budgetlint.rules.narrative.sections import NarrativeSection, narrative
from budgetlint.rules.narrative.selfcheck import Partition, change_of, partitions, section_roles
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL712",
    name="narrative-change-parts",
    title="叙述内部：总数的增减额 = 各部分增减额之和",
    severity=Severity.WARNING,
)

Options = NoOptions  # this rule has no options

_SPLITS = (("基本支出", ("人员经费", "公用经费")), ("支出", ("基本支出", "项目支出")))


def _signed(change: Change) -> Printed | None:
    """The change as a signed amount in 万元: 持平 is an exact 0; a change without an amount is unknown."""
    if change.direction == 0 and change.delta is None:
        return Printed(Decimal(0), 2)
    if change.delta is None or not change.delta.is_amount:
        return None
    value, decimals = change.delta.wan
    return Printed(abs(value) * change.direction, decimals)


def _splits(doc: Disclosure, ns: NarrativeSection, total_role: str, part_roles: tuple[str, ...]) -> Iterator[Partition]:
    if total_role != "支出":
        yield from partitions(doc, ns, total_role, part_roles)
        return
    # 支出 has no single wording: the total is the head of a breakdown whose items are exactly the parts
    all_roles = section_roles(doc, ns)
    for group in ns.claims.groups:
        roles = [all_roles[i] for i in group.items]
        if len(roles) == len(part_roles) and sorted(r or "" for r in roles) == sorted(part_roles):
            yield Partition(group.head, tuple(group.items[roles.index(r)] for r in part_roles))


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for ns in narrative(doc):
        for total_role, part_roles in _SPLITS:
            for total, parts in _splits(doc, ns, total_role, part_roles):
                head = change_of(ns, total)
                items = [change_of(ns, i) for i in parts]
                if head is None or head.delta is None or any(c is None for c in items):
                    continue
                changes = [c for c in items if c is not None]
                signed_head = _signed(head)
                signed = [s for s in (_signed(c) for c in changes) if s is not None]
                if signed_head is None or len(signed) != len(changes):
                    continue
                verdict = compare_sum(signed_head, signed)
                if verdict.exact:
                    continue
                shown = " + ".join(f"{name} {money(s.value)}" for name, s in zip(part_roles, signed))
                message = (f"{ns.name}：{total_role}增减 {money(signed_head.value)}，"
                           f"而{shown} = {money(verdict.computed)}（相差 {money(abs(verdict.difference))}）")
                related = [related_number(ns, c.delta, f"{name}{c.word}") for name, c in zip(part_roles, changes) if c.delta is not None]
                yield violation(ns, head.delta, message, related, tail=verdict.tail,
                                key_=key("BL712", ns, total_role, head.delta.text))
