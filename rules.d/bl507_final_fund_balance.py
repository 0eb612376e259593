"""每类财政拨款资金在决算中自身平衡：年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余。

为什么
    财政拨款收入支出决算总表按一般公共预算、政府性基金、国有资本经营预算分列；每类资金年初结存多少、
    当年收到多少、花了多少、年末还剩多少，必须自洽（年初 + 本年收入 − 本年支出 = 年末）。
    政府性基金预算财政拨款收入支出决算表的每一行同样如此。总计相等而某类资金不平衡，说明资金性质列错了。
    报告位置在年末结转和结余。

示例基础: tests/fixtures/clean-national-juesuan-2023.yaml

错误示例
    ```yaml
    表格:
      财政拨款收入支出决算总表:
        收入: {年初财政拨款结转和结余: {合计: 181.60, 一般公共预算: 171.60, 政府性基金: 10.00}}
    ```

正确示例
    ```yaml
    表格:
      财政拨款收入支出决算总表:
        收入: {年初财政拨款结转和结余: {合计: 181.60, 一般公共预算: 181.60}}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.arith import Printed, compare_sum, fmt
from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Amount, Disclosure, Node, Table
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL507",
    name="final-fund-balance",
    title="每类财政拨款：年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余",
    severity=Severity.ERROR,
    tables=("财政拨款收入支出决算总表", "政府性基金预算财政拨款收入支出决算表"),
    catalogue=("A20",),
)

# fund column of the 财政拨款收入支出决算总表 → its 本年收入 line on the income side
_FUNDS = {"一般公共预算": "一般公共预算财政拨款", "政府性基金": "政府性基金预算财政拨款", "国有资本经营预算": "国有资本经营预算财政拨款"}


Options = NoOptions  # this rule has no options


def _balance(opening: Amount, income: Amount, spending: Amount, closing: Amount, what: str) -> Violation | None:
    """closing = opening + income − spending, judged with the SUM rounding bound of three printed terms."""
    cells = (opening, income, spending, closing)
    if all(c.blank for c in cells):
        return None
    expected = opening.value + income.value - spending.value
    decimals = min(c.decimals for c in cells if not c.blank)
    # closing + spending = opening + income: a printed total against three printed terms
    verdict = compare_sum(closing.printed, [opening.printed, income.printed, _negated(spending)])
    if verdict.exact:
        return None
    shown = min(decimals, 2)
    message = (f"{what}年末结转和结余 {closing.show()}，不等于 年初 {opening.show()} + 本年收入 {income.show()} − "
               f"本年支出 {spending.show()} = {fmt(expected, shown)} 万元")
    related = tuple(Related(c.at, label) for c, label in ((opening, "年初结转和结余"), (income, "本年收入"), (spending, "本年支出")))
    detail = f"{fmt(opening.value)} + {fmt(income.value)} − {fmt(spending.value)} = {fmt(expected)}；差额 {fmt(closing.value - expected)}"
    return Violation(closing.at, message, related, rounding_tail=verdict.tail, detail=detail)


def _negated(amount: Amount) -> Printed:
    return amount.printed._replace(value=-amount.value)


def _grant_summary(table: Table) -> Iterator[Violation]:
    for fund, income_line in _FUNDS.items():
        violation = _balance(
            table.amount("收入", "年初财政拨款结转和结余", fund),
            table.amount("收入", income_line),
            table.amount("支出", "本年支出合计", fund),
            table.amount("支出", "年末财政拨款结转和结余", fund),
            f"{table.label}{fund}：",
        )
        if violation:
            yield violation


def _fund_rows(table: Table) -> Iterator[Violation]:
    nodes: list[Node] = []
    total = table.get("合计行")
    if isinstance(total, dict):
        nodes.append(Node(total, table.at.child("合计行"), table.unit))
    nodes.extend(table.rows("明细"))
    for node in nodes:
        name = node.data.get("名称")
        what = f"{table.label}{'“' + name + '”行' if isinstance(name, str) else '合计行'}："
        violation = _balance(node.amount("年初结转和结余"), node.amount("本年收入"), node.amount("本年支出", "合计"),
                             node.amount("年末结转和结余"), what)
        if violation:
            yield violation


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    grant = doc.table("财政拨款收入支出决算总表")
    if grant is not None:
        yield from _grant_summary(grant)
    fund = doc.table("政府性基金预算财政拨款收入支出决算表")
    if fund is not None:
        yield from _fund_rows(fund)
