"""“三公”经费的增减说明前后一致：合计持平则各项都持平，合计增减额 = 各项增减额之和。

为什么
    “三公”经费说明先说合计比上年增减（或持平），再逐项说明。合计“持平”而某一项“增加”，或各项都“持平”
    而合计“增加”，说明至少一处照抄了上年的文字；合计的增减额也必须等于各项增减额之和（按打印精度判断）。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 七、“三公”经费支出情况说明
            主题: 三公经费
            文本: |
              2023 年“三公”经费预算为 1.30 万元，比 2022 年持平。
              （一）因公出国（境）费 0.00 万元，与 2022 年相比持平。
              （二）公务接待费 0.00 万元，与 2022 年相比持平。
              （三）公务用车购置及运行费 1.30 万元，与 2022 年相比增加 0.30 万元，增长 30.00%，主要原因是：车辆维修。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 七、“三公”经费支出情况说明
            主题: 三公经费
            文本: |
              2023 年“三公”经费预算为 1.30 万元，比 2022 年增加 0.30 万元，增长 30.00%，主要原因是：车辆维修。
              （一）因公出国（境）费 0.00 万元，与 2022 年相比持平。
              （二）公务接待费 0.00 万元，与 2022 年相比持平。
              （三）公务用车购置及运行费 1.30 万元，与 2022 年相比增加 0.30 万元，增长 30.00%，主要原因是：车辆维修。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from budgetlint.arith import Money, Printed, compare_sum, differs, money
from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import ChangeView, change_views
from budgetlint.rules.narrative.sections import NarrativeSection, narrative
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL325",
    name="three-public-changes",
    title="“三公”经费增减说明：合计持平 ⇔ 各项持平；合计增减额 = 各项增减额之和",
    severity=Severity.WARNING,
    catalogue=("C25",),
)

Options = NoOptions  # this rule has no options

_TOTAL = "三公经费"
_ITEMS = ("因公出国境费", "公务接待费", "公务用车购置及运行费")
_CAR_PARTS = ("公务用车购置费", "公务用车运行费")


def _by_entry(doc: Disclosure, ns: NarrativeSection) -> dict[str, ChangeView]:
    views: dict[str, ChangeView] = {}
    for view in change_views(doc, ns):
        if view.entry is not None and view.entry.key not in views:
            views[view.entry.key] = view
    return views


def _items(views: dict[str, ChangeView]) -> list[ChangeView] | None:
    """The three items' changes (the car item from its two parts when only those are stated), or None."""
    items = [views[k] for k in _ITEMS[:2] if k in views]
    if _ITEMS[2] in views:
        items.append(views[_ITEMS[2]])
    elif all(k in views for k in _CAR_PARTS):
        items.extend(views[k] for k in _CAR_PARTS)
    else:
        return None
    return items if len(items) >= 3 else None


def _signed(view: ChangeView) -> Printed | None:
    change = view.change
    if change.direction == 0:
        return Printed(Decimal(0), 2)
    if change.delta is None:
        return None
    delta = change.delta.printed
    return delta._replace(value=delta.value * change.direction)


def _related(ns: NarrativeSection, items: Sequence[ChangeView]) -> tuple[Related, ...]:
    return tuple(Related(ns.at(v.change.word_start, v.change.word_end), f"{v.subject}：{v.change.word}") for v in items)


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for ns in narrative(doc):
        if ns.topic != _TOTAL:
            continue
        views = _by_entry(doc, ns)
        total, items = views.get(_TOTAL), _items(views)
        if total is None or items is None:
            continue
        at = ns.at(total.change.word_start, total.change.word_end)
        moving = [v for v in items if v.change.direction != 0]
        if total.change.direction == 0 and moving:
            names = "、".join(f"{v.subject}{v.change.word}" for v in moving)
            yield Violation(at, f"{ns.name}：“三公”经费合计“{total.change.word}”，但{names}", _related(ns, moving))
            continue
        if total.change.direction != 0 and not moving:
            yield Violation(at, f"{ns.name}：“三公”经费合计“{total.change.word}”，但各项都持平", _related(ns, items))
            continue
        stated, parts = _signed(total), [_signed(v) for v in items]
        if stated is None or any(p is None for p in parts):
            continue
        verdict = compare_sum(stated, [p for p in parts if p is not None])
        if verdict.fails:
            message = (f"{ns.name}：“三公”经费合计增减 {money(stated.value)}，各项增减之和为 {money(verdict.computed)}"
                       f"（{differs(verdict.difference, Money.usual())}）")
            yield Violation(at, message, _related(ns, items))
