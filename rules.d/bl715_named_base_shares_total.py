"""叙述内部：写明同一基数（“占……的”）的各项占比之和不超过 100%。

为什么
    “一般公共服务支出 100.00 万元，占一般公共预算支出的 50.00%。……教育支出 80.00 万元，占一般公共预算支出的
    60.00%。”两项互不重叠，却合占 110%，至少一个占比是错的——即使本节没有写出一般公共预算支出是多少
    （写出了时由 BL316 逐项核对）。只在各项确定互不重叠时判断：都是不同的功能分类（类），或是基本支出与
    项目支出；人员经费与基本支出这类包含关系不加总。允许的误差是各占比的四舍五入误差之和。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 五、一般公共预算支出情况说明
            主题: 一般公共预算支出
            文本: |
              一般公共服务支出 100.00 万元，占一般公共预算支出的 50.00%。
              教育支出 80.00 万元，占一般公共预算支出的 60.00%。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 五、一般公共预算支出情况说明
            主题: 一般公共预算支出
            文本: |
              一般公共服务支出 100.00 万元，占一般公共预算支出的 50.00%。
              教育支出 80.00 万元，占一般公共预算支出的 40.00%。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from budgetlint.arith import HUNDRED, unit
from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import amount_name, key, related_number, violation
from budgetlint.rules.narrative.claims import Share
from budgetlint.rules.narrative.sections import function_class, narrative
from budgetlint.rules.narrative.selfcheck import plain, section_roles
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL715",
    name="named-base-shares-total",
    title="叙述内部：写明同一基数的互不重叠的占比之和 ≤ 100%",
    severity=Severity.ERROR,
)

Options = NoOptions  # this rule has no options

_DISJOINT_ROLES = frozenset({"基本支出", "项目支出"})


def _half_unit(share: Share) -> Decimal:
    return unit(len(share.number.text.partition(".")[2])) / 2


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for ns in narrative(doc):
        amounts = ns.claims.amounts
        roles = section_roles(doc, ns)
        by_base: dict[str, list[Share]] = {}
        for share in ns.claims.shares:
            if share.base is None and share.base_label and share.amount is not None:
                by_base.setdefault(plain(share.base_label), []).append(share)
        for base, shares in by_base.items():
            parts = [s.amount for s in shares if s.amount is not None]
            if len(shares) < 2 or len(set(parts)) != len(parts):
                continue
            classes = [function_class(doc, amounts[i].label) for i in parts]
            part_roles = [roles[i] for i in parts]
            distinct_classes = all(classes) and len({c[0] for c in classes if c}) == len(classes)
            distinct_roles = all(r in _DISJOINT_ROLES for r in part_roles) and len(set(part_roles)) == len(part_roles)
            if not (distinct_classes or distinct_roles):
                continue
            total = sum((s.number.value for s in shares), Decimal(0))
            slack = sum((_half_unit(s) for s in shares), Decimal(0))
            if total - HUNDRED <= slack:
                continue
            named = " + ".join(f"{amount_name(doc, ns, amounts[s.amount])} {s.number.show()}" for s in shares if s.amount is not None)
            message = (f"{ns.name}：各项占{base}的比例之和 {named} = {total}%，超过 100%"
                       f"（多 {total - HUNDRED} 个百分点），各项互不重叠")
            related = [related_number(ns, s.number, amount_name(doc, ns, amounts[s.amount]) + " 占") for s in shares[1:] if s.amount is not None]
            yield violation(ns, shares[0].number, message, related, key_=key("BL715", ns, base),
                            detail=f"允许误差 ±{slack} 个百分点")
