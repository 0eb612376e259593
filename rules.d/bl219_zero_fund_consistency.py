"""没有政府性基金（国有资本经营预算）收入，就不应有相应支出，反之亦然。

为什么
    政府性基金和国有资本经营预算资金专款专用：收支总表、收入表里没有这类收入（本年和结转都为 0），
    相应的支出表和财政拨款收支总表里就不应有支出；有收入却公开一张全为 0 的支出表，也说明漏填。

错误示例
    ```yaml
    表格:
      财政拨款收支总表:
        支出:
          本年支出: {合计: 293.68, 一般公共预算: 283.68, 其中财政拨款: 283.68, 政府性基金: 10.00}
    ```

正确示例
    ```yaml
    表格:
      财政拨款收支总表:
        支出:
          本年支出: {合计: 293.68, 一般公共预算: 293.68, 其中财政拨款: 293.68, 政府性基金: null}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Amount, Disclosure
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL219",
    name="zero-fund-consistency",
    title="无政府性基金/国有资本经营收入 ⇔ 无相应支出",
    severity=Severity.ERROR,
    tables=("收支总表", "收入表", "财政拨款收支总表", "政府性基金支出表", "国有资本经营预算支出表"),
    catalogue=("B28",),
)

# fund → (column in 收支总表/收入表, its expenditure table)
_FUNDS = {"政府性基金": "政府性基金支出表", "国有资本经营预算": "国有资本经营预算支出表"}


Options = NoOptions  # this rule has no options


def _income(doc: Disclosure, fund: str) -> list[Amount]:
    cells = []
    summary, income, grant = doc.table("收支总表"), doc.table("收入表"), doc.table("财政拨款收支总表")
    if summary is not None:
        cells.append(summary.amount("收入", fund))
    if income is not None:
        cells += [income.amount("合计行", "本年收入", fund), income.amount("合计行", "上年结转结余", fund)]
    if grant is not None:
        cells += [grant.amount("收入", "本年收入", fund), grant.amount("收入", "上年结转", fund)]
    return cells


def _spending(doc: Disclosure, fund: str) -> list[tuple[Amount, str]]:
    cells = []
    grant, table = doc.table("财政拨款收支总表"), doc.table(_FUNDS[fund])
    if grant is not None:
        cells.append((grant.amount("支出", "本年支出", fund), f"{grant.label}本年支出 {fund}"))
    if table is not None:
        cells.append((table.amount("合计行", "合计"), f"{table.label}合计"))
    return cells


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for fund in _FUNDS:
        income = _income(doc, fund)
        if not income or any(c.value != 0 for c in income):
            continue
        anchor = income[0]
        for cell, label in _spending(doc, fund):
            if cell.value != Decimal(0):
                message = f"{label} {cell.show()}，但收支总表、收入表和财政拨款收支总表中都没有{fund}收入（本年和上年结转均为 0）"
                yield Violation(cell.at, message, (Related(anchor.at, f"{fund}收入 {anchor.show()}"),))
