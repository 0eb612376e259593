"""决算的“年初预算数”应等于同一年度预算公开文件中的数字。

为什么
    决算公开的一般公共预算财政拨款支出决算表列出“年初预算数”，它就是当年年初公开的部门预算数。
    两者不一致，要么决算表抄错，要么预算公开有误。同一部门（单位）同一年度的预算文件由仓库索引按身份找到。

    一般公共预算支出表有两种口径（当年拨款，或含上年结转；规范的 `一般公共预算支出表口径`）：
    年初预算数合计等于预算文件一般公共预算支出表的合计时，基本支出、项目支出和按编码的明细行也逐项核对；
    等于财政拨款收支总表的一般公共预算支出（含上年结转）时，只核对合计；两者都不等才报告错误。

示例基础: tests/fixtures/clean-national-juesuan-2023.yaml
相关文件基础: tests/fixtures/clean-henan-2023.yaml

错误示例（“相关文件”是同一年度的预算）
    ```yaml
    表格:
      一般公共预算财政拨款支出决算表:
        合计行:
          年初预算数: {合计: 290.00, 基本支出: 107.08, 项目支出: 182.92}
    ```

相关文件
    ```yaml
    附件标题: 2023 年部门预算
    ```

正确示例
    ```yaml
    表格:
      一般公共预算财政拨款支出决算表:
        合计行:
          年初预算数: {合计: 293.68, 基本支出: 107.08, 项目支出: 186.60}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.arith import compare_equal
from budgetlint.rules.crossfile.compare import file_words, restated_across
from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Amount, Disclosure, Table
from budgetlint.rules.crossfile.repository import Loaded, related
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL804",
    name="final-initial-budget",
    title="决算年初预算数 = 同年度预算公开文件",
    severity=Severity.ERROR,
    tables=("一般公共预算财政拨款支出决算表",),
    catalogue=("E04",),
)

Options = NoOptions  # this rule has no options

_FINAL = "一般公共预算财政拨款支出决算表"


def _same(a: Amount, b: Amount) -> bool:
    return compare_equal(a.printed, b.printed).exact


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    if doc.kind != "决算":
        return
    table = doc.table(_FINAL)
    if table is None or not table.prints("合计行", "年初预算数", "合计"):
        return
    budget = related(doc, kind="预算")
    if budget is None:
        return
    stated = table.amount("合计行", "年初预算数", "合计")
    if stated.blank:
        return
    yb = budget.doc.table("一般公共预算支出表")
    grant = budget.doc.table("财政拨款收支总表")
    yb_total = yb.amount("合计行", "合计") if yb is not None and yb.prints("合计行", "合计") else None
    grant_total = (grant.amount("支出", "本年支出", "一般公共预算")
                   if grant is not None and grant.prints("支出", "本年支出", "一般公共预算") else None)
    if yb is not None and yb_total is not None and _same(stated, yb_total):
        yield from _columns(table, yb, budget)
        return
    if grant_total is not None and _same(stated, grant_total):
        return
    candidates = [(t, c) for t, c in ((yb, yb_total), (grant, grant_total)) if t is not None and c is not None]
    if not candidates:
        return
    source_table, source = candidates[0]
    found = restated_across(stated, table.cell_label("合计行", "年初预算数", "合计"), source,
                            f"{file_words(budget)}{source_table.cell_label(*_path(source_table, source))}",
                            key="BL804:合计")
    if found is not None:
        extra = tuple(Related(c.at, f"{file_words(budget)}{t.label} {c.show()}") for t, c in candidates[1:])
        yield found._replace(related=found.related + extra)


def _path(table: Table, amount: Amount) -> tuple[str, ...]:
    return tuple(str(p) for p in amount.at.path[len(table.at.path):])


def _columns(table: Table, yb: Table, budget: Loaded) -> Iterator[Violation]:
    """Scope of the 预算's 一般公共预算支出表: 基本支出, 项目支出 and each coded row restate it."""
    for column in ("基本支出", "项目支出"):
        if table.prints("合计行", "年初预算数", column) and yb.prints("合计行", column, "小计"):
            found = restated_across(table.amount("合计行", "年初预算数", column),
                                    table.cell_label("合计行", "年初预算数", column),
                                    yb.amount("合计行", column, "小计"),
                                    f"{file_words(budget)}{yb.cell_label('合计行', column, '小计')}",
                                    key=f"BL804:{column}")
            if found is not None:
                yield found
    rows = {row.code: row for row in yb.rows("明细") if row.code}
    for row in table.rows("明细"):
        theirs = rows.get(row.code) if row.code else None
        if theirs is None or not row.prints("年初预算数", "合计") or not theirs.prints("合计"):
            continue
        found = restated_across(row.amount("年初预算数", "合计"), f"{table.label}{row.code} {row.name} 年初预算数",
                                theirs.amount("合计"), f"{file_words(budget)}{yb.label}{theirs.code} {theirs.name} 合计",
                                key=f"BL804:明细:{row.code}")
        if found is not None:
            yield found
