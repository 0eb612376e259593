"""“三公”经费各项增减的原因应说的是这一项（如购置费的原因不应是“车辆正常运行支出”）。

为什么
    逐项说明增减原因时，常把上一项的原因整句复制过来：公务用车购置费“持平，主要原因是：单位车辆正常运行
    支出”，说的其实是运行费。原因与项目不符，读者无法知道购置费为什么是这个数。这是基于用词的提示（info）：
    购置费的原因只谈“运行”而不谈购置、车辆更新或处置，运行费的原因只谈“购置”而不谈运行、维护。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 七、“三公”经费支出情况说明
            主题: 三公经费
            文本: |
              （三）公务用车购置及运行费 1.30 万元，其中，公务用车购置费 0.00 万元，与 2022 年相比持平，
              主要原因是：单位车辆正常运行支出；公务用车运行维护费 1.30 万元，与 2022 年相比持平，
              主要原因是：单位车辆正常运行支出。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 七、“三公”经费支出情况说明
            主题: 三公经费
            文本: |
              （三）公务用车购置及运行费 1.30 万元，其中，公务用车购置费 0.00 万元，与 2022 年相比持平，
              主要原因是：本年无车辆购置计划；公务用车运行维护费 1.30 万元，与 2022 年相比持平，
              主要原因是：单位车辆正常运行支出。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import change_views
from budgetlint.rules.narrative.sections import narrative
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL327",
    name="three-public-reason-fits",
    title="“三公”经费各项增减原因说的是该项（购置费 ≠ 运行的原因）",
    severity=Severity.INFO,
    catalogue=("C27",),
)

Options = NoOptions  # this rule has no options

# item → (words that show the reason is about another item, words that show it is about this one)
_MISFITS = {
    "公务用车购置费": (("运行", "维护", "燃料", "维修"), ("购置", "购买", "更新", "新增", "处置", "报废", "编制")),
    "公务用车运行费": (("购置", "购买"), ("运行", "维护", "燃料", "维修", "保险", "使用")),
}


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for ns in narrative(doc):
        if ns.topic != "三公经费":
            continue
        for view in change_views(doc, ns):
            key = view.entry.key if view.entry is not None else None
            if key not in _MISFITS or not view.change.reason or view.change.reason_shared:
                continue  # a reason shared by the section (or taken from a part) is not this item's own text
            other, own = _MISFITS[key]
            reason = view.change.reason_text
            if any(w in reason for w in other) and not any(w in reason for w in own):
                message = f"{ns.name}：{view.subject}“{view.change.word}”的原因“{reason}”说的不是{key}（像是另一项的原因）"
                yield Violation(ns.at(view.change.word_start, view.change.word_end), message)
