"""政府性基金（国有资本经营）预算支出说明应与对应的支出表一致。

为什么
    “八、政府性基金预算支出情况说明”要么说明“无……支出”，要么给出支出金额。说“无”而政府性基金支出表
    （河南预算09表）合计不为 0，或给出的金额与表中合计不同，都是叙述与表格矛盾。
    国有资本经营预算支出说明与国有资本经营预算支出表同理。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 八、政府性基金预算支出情况说明
            主题: 政府性基金
            文本: |
              我部门 2023 年政府性基金预算支出 5.00 万元。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 八、政府性基金预算支出情况说明
            主题: 政府性基金
            文本: |
              我部门 2023 年无使用政府性基金预算拨款安排的支出。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.library import restated_in_narrative
from budgetlint.rules.narrative.checks import key, related_cell
from budgetlint.rules.narrative.sections import cell, doc_vocabulary, narrative
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL310",
    name="narrative-fund-statement",
    title="政府性基金/国有资本经营预算支出说明 = 对应支出表（“无支出” ⇔ 合计为 0）",
    severity=Severity.ERROR,
    tables=("政府性基金支出表", "国有资本经营预算支出表"),
    catalogue=("C10",),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    yield from restated_in_narrative(doc, META.id, "C10")  # the keys keep the catalogue code (baselines)
    vocab = doc_vocabulary(doc)
    for ns in narrative(doc):
        topic = vocab.topics.get(ns.topic or "")
        total = cell(doc, topic.absence) if topic else None
        if total is None or total.amount.blank or total.amount.value == 0:
            continue
        for absence in ns.claims.absences:
            message = f"{ns.name}：说明“{absence.phrase}”，但{total.show()}，不为 0"
            yield Violation(ns.at(absence.start, absence.end), message, (related_cell(total),), key=key("C10", ns, absence.phrase))
