"""项目绩效目标表中每个项目的金额应与项目支出表（或本年拨款）一致。

为什么
    项目绩效目标表（河南预算12表）为每个项目重述金额。项目支出表列出了逐个项目时，按项目编码（或名称）
    逐一比对。只公开合计行时（河南常见），用唯一可确定的拆分比对：若恰好有一组项目之和等于项目支出表的
    “财政拨款结转结余”，其余项目就是本年拨款项目，它们之和必须等于项目支出表的本年拨款（= 一般公共预算支出表的
    项目支出）。拆分不唯一时不下结论（不猜测）。报告位置在项目绩效目标表中金额不符的项目上。

错误示例
    ```yaml
    表格:
      项目绩效目标表:
        合计行: {资金总额: 185.60, 政府预算资金: 185.60}
        单位行:
          - {名称: 新乡市卫滨区科技和工业信息化局本级, 资金总额: 4.00, 政府预算资金: 4.00}
          - {编码: "419001", 名称: 新乡市卫滨区科技和工业信息化局, 资金总额: 181.60, 政府预算资金: 181.60}
        项目:
          - {项目名称: 万人助万企活动专项经费, 资金总额: 4.00, 政府预算资金: 4.00}
          - {项目名称: 市级科技专项资金, 资金总额: 20.00, 政府预算资金: 20.00}
          - {项目名称: 企业研发财政补助省级资金, 资金总额: 39.00, 政府预算资金: 39.00}
          - {项目名称: 省级制造业高质量发展专项资金, 资金总额: 86.00, 政府预算资金: 86.00}
          - {项目名称: 创新生态支撑专项经费, 资金总额: 3.00, 政府预算资金: 3.00}
          - {项目名称: 先进制造业专业园区考核奖励资金, 资金总额: 25.00, 政府预算资金: 25.00}
          - {项目名称: 烟草业转型升级明星商户奖励资金, 资金总额: 8.60, 政府预算资金: 8.60}
    ```

正确示例
    ```yaml
    表格:
      项目绩效目标表:
        项目:
          - {项目名称: 万人助万企活动专项经费, 资金总额: 5.00, 政府预算资金: 5.00}
          - {项目名称: 市级科技专项资金, 资金总额: 20.00, 政府预算资金: 20.00}
          - {项目名称: 企业研发财政补助省级资金, 资金总额: 39.00, 政府预算资金: 39.00}
          - {项目名称: 省级制造业高质量发展专项资金, 资金总额: 86.00, 政府预算资金: 86.00}
          - {项目名称: 创新生态支撑专项经费, 资金总额: 3.00, 政府预算资金: 3.00}
          - {项目名称: 先进制造业专业园区考核奖励资金, 资金总额: 25.00, 政府预算资金: 25.00}
          - {项目名称: 烟草业转型升级明星商户奖励资金, 资金总额: 8.60, 政府预算资金: 8.60}
    ```

选项
    max_projects_for_split（整数，默认 16）：只公开合计行时，最多对多少个项目尝试唯一拆分（2^n 种组合）。
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

from budgetlint.arith import fmt
from budgetlint.rules.tables.identity_checks import Term, restated
from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Disclosure, Row, Table
from budgetlint.rule import RuleMeta

META = RuleMeta(
    id="BL216",
    name="project-performance-amounts",
    title="项目绩效目标表每个项目的金额 = 项目支出表中同一项目（或本年拨款）的金额",
    severity=Severity.ERROR,
    tables=("项目绩效目标表", "项目支出表", "一般公共预算支出表"),
    catalogue=("B25",),
)


@dataclass(frozen=True, slots=True)
class Options:
    max_projects_for_split: int = 16


def _project_key(row: Row) -> str:
    return str(row.get("项目编码") or row.get("项目名称") or "")


def _by_project(goals: Table, projects: Table) -> Iterator[Violation]:
    listed = {_project_key(r): r for r in projects.rows("项目")}
    listed.update({str(r.get("项目名称")): r for r in projects.rows("项目") if r.get("项目名称")})
    for goal in goals.rows("项目"):
        match = listed.get(_project_key(goal)) or listed.get(str(goal.get("项目名称") or ""))
        if match is None:
            continue
        stated_amount, source_amount = goal.amount("资金总额"), match.amount("合计")
        if stated_amount.blank or source_amount.blank or stated_amount.value == source_amount.value:
            continue  # restated() is quiet: no labels to build
        stated = Term(stated_amount, f"{goals.label}项目“{goal.name}”资金总额")
        source = Term(source_amount, f"{projects.label}项目“{match.name}”合计")
        violation = restated(stated, source)
        if violation:
            yield violation


def _unique_split(amounts: Sequence[Decimal], target: Decimal, limit: int) -> frozenset[int] | None:
    """The only set of indexes whose amounts add up to ``target`` exactly, or None."""
    if len(amounts) > limit:
        return None
    found: frozenset[int] | None = None
    for size in range(1, len(amounts) + 1):
        for combo in combinations(range(len(amounts)), size):
            if sum((amounts[i] for i in combo), Decimal(0)) == target:
                if found is not None:
                    return None
                found = frozenset(combo)
    return found


def _by_split(doc: Disclosure, goals: Table, projects: Table, limit: int) -> Iterator[Violation]:
    carry = sum((projects.amount("合计行", "财政拨款结转结余", k).value for k in ("一般公共预算", "政府性基金预算", "国有资本经营预算")), Decimal(0))
    current = projects.amount("合计行", "本年拨款", "一般公共预算")
    rows = goals.rows("项目")
    if carry == 0 or current.blank or not rows:
        return
    amounts = [r.amount("资金总额").value for r in rows]
    carried = _unique_split(amounts, carry, limit)
    if carried is None or len(carried) == len(rows):
        return
    rest = [r for i, r in enumerate(rows) if i not in carried]
    rest_sum = sum((r.amount("资金总额").value for r in rest), Decimal(0))
    if rest_sum == current.value:
        return
    difference = rest_sum - current.value
    words = "多" if difference > 0 else "少"
    reason = (f"其余 {len(carried)} 个项目合计 {fmt(carry)} 万元，恰等于{projects.label}财政拨款结转结余，"
              f"所以本年拨款项目应合计 {current.text} 万元（{projects.label}本年拨款 一般公共预算）")
    related = [Related(current.at, f"{projects.label}本年拨款 一般公共预算 {current.show()}")]
    gpb = doc.table("一般公共预算支出表")
    if gpb is not None and not gpb.amount("合计行", "项目支出", "小计").blank:
        cell = gpb.amount("合计行", "项目支出", "小计")
        related.append(Related(cell.at, f"{gpb.label}项目支出 小计 {cell.show()}"))
    if len(rest) == 1:
        amount = rest[0].amount("资金总额")
        message = (f"{goals.label}项目“{rest[0].name}”资金总额 {amount.show()}，与本年拨款项目支出 {current.show()}"
                   f"不一致（{words} {fmt(abs(difference))} 万元）：{reason}")
        yield Violation(amount.at, message, tuple(related), detail=f"{amount.text} − {current.text} = {fmt(difference)}")
        return
    total = goals.amount("合计行", "资金总额")
    names = "、".join(f"“{r.name}”" for r in rest)
    message = (f"{goals.label}本年拨款项目 {names} 合计 {fmt(rest_sum)} 万元，与本年拨款项目支出 {current.show()}"
               f"不一致（{words} {fmt(abs(difference))} 万元）：{reason}")
    yield Violation(total.at if not total.blank else goals.at, message, tuple(related))


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    goals, projects = doc.table("项目绩效目标表"), doc.table("项目支出表")
    if goals is None or projects is None:
        return
    if projects.rows("项目"):
        yield from _by_project(goals, projects)
    else:
        yield from _by_split(doc, goals, projects, opts.max_projects_for_split)
