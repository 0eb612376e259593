"""没有数据的表格应附说明（如“本表无数据”）。

为什么
    空表必须公开，并且要说明为什么没有数据（“没有数据的表格应当列出空表并说明”）；
    一张全是空白或 0 的表没有说明，读者无法分辨是“没有这项收支”还是漏填。

错误示例
    ```yaml
    表格:
      政府性基金支出表:
        说明: null
    ```

正确示例
    ```yaml
    表格:
      政府性基金支出表:
        说明: 说明：我部门没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。
    ```
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure, Table
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL011",
    name="empty-table-note",
    title="空表附有说明",
    severity=Severity.ERROR,
    catalogue=("S03",),
)



@cache
def _note_pattern() -> re.Pattern[str]:
    """Compiled on first use (only an empty table's note needs it): start-up pays for import-time compiles."""
    return re.compile(r"无数据|空表|没有.*(收入|支出|安排|项目|经费)|无.*(收入|支出|安排|项目|经费)|不涉及")


Options = NoOptions  # this rule has no options


def _has_amount(table: Table) -> bool:
    """A non-zero figure in an amount cell (the schema's ``$defs/amount``): a 编码 or a 指标值 is not one."""
    return any(f.raw for f in table.figures())


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for table in doc.tables.values():
        if _has_amount(table):
            continue
        note = table.note
        if note and _note_pattern().search(note):
            continue
        if note:
            message = f"{table.label}没有数据，但说明“{note[:30]}”没有说明为什么无数据（如“本表无数据”）"
            yield Violation(table.at.child("说明"), message)
        else:
            yield Violation(table.at, f"{table.label}没有数据，应附说明（如“我部门没有……，故本表无数据”）")
