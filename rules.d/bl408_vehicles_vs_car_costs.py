"""国有资产说明中的车辆数应与“三公”经费中的公务用车运行费、购置费相符。

为什么
    公务用车运行维护费只能用于在用的公务车辆：国有资产说明写“共有车辆 0 辆”，“三公”经费表却安排了
    公务用车运行费，二者至少有一处不实（常见于车辆已处置而预算照抄上年）。反过来，有车辆却没有任何运行费
    只作提示：车辆可能由其他经费保障。报告位置在叙述中的车辆数上，相关位置是“三公”经费表的运行费。
    购置也一样：“预算安排购置车辆 0 辆”而“三公”经费表安排了公务用车购置费，或“三公”经费说明中“新增 2 辆
    公务用车”多于购置车辆数，都是矛盾；购置了车辆却没有购置费只作提示（可能由项目经费购置）。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: （四）国有资产占用情况
            主题: 国有资产
            文本: |
              2022 年期末，我部门共有车辆 0辆，其中：一般公务用车 0辆、一般执法执勤用车 0辆、
              特种专业技术用车 0辆；其他用车 0辆。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: （四）国有资产占用情况
            主题: 国有资产
            文本: |
              2022 年期末，我部门共有车辆 1辆，其中：一般公务用车 1辆、一般执法执勤用车 0辆、
              特种专业技术用车 0辆；其他用车 0辆。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Amount, Disclosure
from budgetlint.rules.narrative.checks import first_counts, key, related_number
from budgetlint.rules.narrative.vehicles import purchase_judgements
from budgetlint.rules.narrative.sections import narrative
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL408",
    name="vehicles-vs-car-costs",
    title="车辆数与公务用车运行费、购置费相符（无车不应有运行费，不购车不应有购置费）",
    severity=Severity.WARNING,
    tables=("三公经费表",),
    catalogue=("D08",),
)

Options = NoOptions  # this rule has no options

_VEHICLES = "车辆"  # the vocabulary key of the total vehicle count (国有资产 topic)




def _running_cost(doc: Disclosure) -> tuple[Amount, str] | None:
    table = doc.table("三公经费表")
    if table is None:
        return None
    path = ("本年", "公务用车购置及运行费", "公务用车运行费")
    return table.amount(*path), table.cell_label(*path)


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    yield from _purchases(doc)
    cost = _running_cost(doc)
    if cost is None:
        return
    amount, label = cost
    for ns in narrative(doc):
        count = first_counts(doc, ns).get(_VEHICLES)
        if count is None:
            continue
        vehicles = count.number.value
        related = (Related(amount.at, f"{label} {amount.show()}"),)
        if vehicles == 0 and amount.value > 0:
            message = (f"{ns.name}：共有车辆 {count.number.text} 辆，但{label} {amount.show()}："
                       "没有车辆就不应安排公务用车运行费")
            yield Violation(ns.at_number(count.number), message, related)
        elif vehicles > 0 and amount.value == 0:
            message = f"{ns.name}：共有车辆 {count.number.text} 辆，但{label}为{amount.show()}：请确认车辆由何种经费保障"
            yield Violation(ns.at_number(count.number), message, related, advisory=True)


def _purchases(doc: Disclosure) -> Iterator[Violation]:
    """购置车辆 against the 公务用车购置费 and the 三公 text's count (issue 15 item 1; narrative/vehicles.py)."""
    for judgement in purchase_judgements(doc):
        if judgement.ok:
            continue
        place = judgement.section
        links = tuple(related_number(other, stated.number, stated.words)
                      for other, stated in judgement.figures if stated.number is not judgement.at) + judgement.cells
        yield Violation(place.at_number(judgement.at), judgement.message, links, advisory=not judgement.certain,
                        key=key("D08", place, judgement.at.text, judgement.how))
