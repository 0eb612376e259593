"""财政拨款说明中各类资金的“收支预算”应与财政拨款收支总表的同一口径一致。

为什么
    “四、财政拨款收入支出总体情况说明”按资金性质给出“一般公共预算收支预算”等数字。
    “收支预算”指财政拨款收支总表（河南预算04表）该类资金的收支总额，包括上年结转；
    如果叙述只写本年收入（不含上年结转），读者会低估可用资金（种子文件：写 112.08 万元，
    表中一般公共预算支出 293.68 万元，其中上年结转 181.60 万元）。口径问题需要人工判断，因此是警告。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 四、财政拨款收入支出总体情况说明
            主题: 财政拨款
            文本: |
              2023 年部门一般公共预算收支预算 112.08 万元，政府性基金收支预算 0.00 万元。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 四、财政拨款收入支出总体情况说明
            主题: 财政拨款
            文本: |
              2023 年部门一般公共预算收支预算 293.68 万元，政府性基金收支预算 0.00 万元。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.arith import Money, compare_equal, differs
from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import figure, key, related_cell, violation
from budgetlint.rules.narrative.sections import cell, doc_vocabulary, match_label, narrative
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL304",
    name="narrative-grant-scope",
    title="财政拨款说明的“收支预算”口径 = 财政拨款收支总表（含上年结转）",
    severity=Severity.WARNING,
    tables=("财政拨款收支总表",),
    catalogue=("C04",),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    vocab = doc_vocabulary(doc)
    for ns in narrative(doc):
        for amount in ns.claims.amounts:
            found = match_label(doc, vocab, ns.topic, amount.label)
            if found is None or found.entry.rule != META.id or found.cell is None:
                continue
            stated = amount.number.printed
            total = found.cell
            if compare_equal(stated, total.printed).exact:
                continue
            current = cell(doc, found.entry.current_cell)
            carry = cell(doc, found.entry.carry_over)
            said = figure(found.alias, amount.number)
            if current is not None and compare_equal(stated, current.printed).exact:
                omitted = f"，未含{carry.show()}" if carry is not None and not carry.amount.blank else ""
                message = (f"{ns.name}：{said} 只是{current.show()}，而{total.show()}{omitted}；"
                           f"“收支预算”应写收支总额，或改称“本年收入”")
                related = [related_cell(total), related_cell(current), *([related_cell(carry)] if carry else [])]
            else:
                verdict = compare_equal(stated, total.printed)
                message = f"{ns.name}：{said}，与{total.show()}不一致（{differs(verdict.difference, Money.usual())}）"
                related = [related_cell(total), *([related_cell(current)] if current else [])]
            yield violation(ns, amount.number, message, related, key_=key("C04", ns, found.alias))
