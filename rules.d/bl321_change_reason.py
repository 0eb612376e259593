"""增减变化应说明原因。

为什么
    公开规程要求说明收支增减变化的原因。叙述写了“增加”“减少”“增长”“下降”而本句（或紧接的以“主要原因”
    开头的一句，不越过下一个编号项）、同一句之前都没有“原因”“由于”等说明，节内也没有点名它的原因句
    （如下一段的“财政拨款收入支出增加的主要原因是……”），其后“其中”列出的同向分项也没有原因时，
    读者就无法理解变化。持平不需要原因。连续几处同向增减都缺原因，只报告一次。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: （一）行政（事业）单位运行经费情况
            主题: 机关运行经费
            文本: |
              2023 年部门机构运行经费支出预算 7.22 万元，与 2022 年相比增加 0.87 万元，增长 13.70%。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: （一）行政（事业）单位运行经费情况
            主题: 机关运行经费
            文本: |
              2023 年部门机构运行经费支出预算 7.22 万元，与 2022 年相比增加 0.87 万元，增长 13.70%，
              主要原因：单位正常运转支出增加。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import ChangeView, change_phrase, change_views, key
from budgetlint.rules.narrative.sections import narrative
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL321",
    name="change-reason",
    title="增减变化有原因说明",
    severity=Severity.WARNING,
    catalogue=("C21",),
)


Options = NoOptions  # this rule has no options


def _unexplained(view: ChangeView) -> bool:
    change = view.change
    numbers = [n for n in (change.delta, change.rate) if n is not None]
    return not (change.direction == 0 or change.reason or not numbers or all(n.value == 0 for n in numbers))


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for ns in narrative(doc):
        # One missing reason is one finding: consecutive unexplained changes of one direction (“收入增加……；
        # 支出增加……；一般公共预算拨款支出增加……” with no reason anywhere) share the reason they lack.
        runs: list[list[ChangeView]] = []
        for view in change_views(doc, ns):
            if view.change.direction == 0:
                continue
            if not _unexplained(view):
                runs.append([])
                continue
            if runs and runs[-1] and runs[-1][-1].change.direction == view.change.direction:
                runs[-1].append(view)
            else:
                runs.append([view])
        for run in runs:
            if not run:
                continue
            first = run[0].change
            said = "”“".join(change_phrase(v) for v in run)
            message = f"{ns.name}：“{said}”没有说明增减原因（应写明“主要原因是：……”）"
            number = next(n for n in (first.delta, first.rate) if n is not None)
            yield Violation(ns.at(first.word_start, first.word_end), message, key=key("C21", ns, first.word, number.text))
