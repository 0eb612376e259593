"""绩效目标: “编报绩效目标的项目共 25 个，涉及项目预算资金 11381.60 万元” against the 项目绩效目标表 (issue 15 item 3).

What the tables give for it, by profile: Henan (预算12表), Sichuan (表6) and the national reference (项目支出绩效目标
表) publish a 项目绩效目标表 — one row per project with its 资金总额 and 政府预算资金, and a 合计行; Shanghai's nine
tables have none, so there one file holds nothing to compare these two figures with (the vocabulary's 无对照 says so
in the coverage). The table is read as the full list of the projects with targets only when it adds up: its 合计行
资金总额 equals the sum of its projects' (else it publishes some projects only, and the coverage says that). Then the
count is the number of projects and the money is the 合计行's 资金总额 or 政府预算资金 (the text does not say which).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from budgetlint.arith import compare_equal
from budgetlint.finding import Related
from budgetlint.model import Disclosure, Table
from budgetlint.rules.narrative.checks import first_amounts, first_counts
from budgetlint.rules.narrative.claims import Count
from budgetlint.rules.narrative.composition import Judgement, Stated
from budgetlint.rules.narrative.sections import narrative

TABLE = "项目绩效目标表"
PARTIAL = "项目绩效目标表只公开了部分项目（合计行的资金总额不等于各项目之和），编报绩效目标的项目没有可比对的数"
_COUNT, _MONEY = "绩效项目", "绩效项目资金"  # vocabulary keys (绩效目标 topic)
_COLUMNS = ("资金总额", "政府预算资金")


def complete_table(doc: Disclosure) -> Table | None:
    """The 项目绩效目标表 when it lists every project it totals (合计行 资金总额 = Σ projects), else None."""
    table = doc.table(TABLE)
    if table is None or not table.prints("合计行", "资金总额"):
        return None
    projects = table.get("项目")
    if not isinstance(projects, list) or not projects:
        return None
    total = sum((table.value("项目", i, "资金总额") for i in range(len(projects))), Decimal(0))
    return table if total == table.value("合计行", "资金总额") else None


def performance_judgements(doc: Disclosure) -> tuple[Judgement, ...]:
    return doc.cached(("performance judgements",), lambda: tuple(_performance_judgements(doc)))


def _performance_judgements(doc: Disclosure) -> Iterator[Judgement]:
    table = complete_table(doc)
    if table is None:
        return
    projects = len(table.get("项目"))
    label = f"{table.label}"
    for ns in narrative(doc):
        if ns.topic != "绩效目标":
            continue
        count = first_counts(doc, ns).get(_COUNT)
        if count is not None:
            stated = Stated(Count(count.label, count.number), f"{count.label} {count.number.text} 个")
            yield Judgement(ns, count.number, ((ns, stated),), f"{label}的项目个数（{projects} 个）",
                            int(count.number.value) == projects,
                            f"{ns.name}：{stated.words}，而{label}列出 {projects} 个项目", True,
                            (Related(table.at.child("项目"), f"{label} {projects} 个项目"),))
        money = first_amounts(doc, ns).get(_MONEY)
        if money is not None:
            cells = [(column, table.amount("合计行", column)) for column in _COLUMNS if table.prints("合计行", column)]
            same = any(compare_equal(money.number.printed, cell.printed).exact for _, cell in cells)
            shown = "、".join(f"{table.cell_label('合计行', column)} {cell.show()}" for column, cell in cells)
            stated = Stated(Count(money.label, money.number), f"{money.label} {money.number.show()}")
            yield Judgement(ns, money.number, ((ns, stated),), f"{label}合计行（{'或'.join(c for c, _ in cells)}）", same,
                            f"{ns.name}：{stated.words}，与{shown}都不一致", True,
                            tuple(Related(cell.at, f"{table.cell_label('合计行', column)} {cell.show()}") for column, cell in cells))
