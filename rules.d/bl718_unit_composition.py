"""机构设置中的单位个数前后一致：单位总数、各类单位之和、列出的单位、内设机构名称数。

为什么
    部门概况的“机构设置”（“预算单位构成”）往往把同一个构成说三遍：“包括本部以及下属 5 家预算单位”、
    “行政单位 1 家，参公单位 1 家，事业单位 4 家”、“具体包括：1. …… 2. ……”；内设机构写“设 9 个内设机构，
    包括：办公室、……”。几处个数对不上，说明单位增减后只改了一处。
    说法各地不同：有的“下属 N 家”含本部，有的不含；参公单位是事业单位的一种，可能已计入事业单位；
    写明“不单列预算”的单位可能不计入预算单位。budgetlint 对每一种读法都试一遍，**没有一种读法对得上**
    才报告（警告）。“机关运行经费”一句中的“下属 1 家机关和 1 家参公事业单位”与机构设置中的行政单位、
    参公单位个数不同时只作提示（该句可能不列全）。

错误示例
    ```yaml
    正文:
      概况:
        章节:
          - 标题: 二、机构设置
            文本: |
              本部门预算是包括局本部以及下属 4 家预算单位的综合收支计划。
              本部门中，行政单位 1 家，事业单位 2 家，具体包括：
              1. 局本部。
              2. 某某区档案服务中心。
              3. 某某区信息服务中心。
    ```

正确示例
    ```yaml
    正文:
      概况:
        章节:
          - 标题: 二、机构设置
            文本: |
              本部门预算是包括局本部以及下属 2 家预算单位的综合收支计划。
              本部门中，行政单位 1 家，事业单位 2 家，具体包括：
              1. 局本部。
              2. 某某区档案服务中心。
              3. 某某区信息服务中心。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import key, related_number
from budgetlint.rules.narrative.composition import judgements
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL718",
    name="unit-composition",
    title="机构设置：单位总数、各类单位之和、列出的单位、内设机构数前后一致",
    severity=Severity.WARNING,
)

Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for judgement in judgements(doc):
        if judgement.ok:
            continue
        ns = judgement.section
        related = tuple(related_number(other, stated.number, stated.words)
                        for other, stated in judgement.figures if stated.number is not judgement.at) + judgement.cells
        yield Violation(ns.at_number(judgement.at), judgement.message, related, advisory=not judgement.certain,
                        key=key("BL718", ns, judgement.at.text, judgement.how))
