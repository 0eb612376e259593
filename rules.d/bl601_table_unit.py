"""表格的金额单位应与地区规范一致（如上海九张预算表 T1–T8 用元，“三公”经费表用万元）。

为什么
    同一地区的公开表格有固定的金额单位。表格写错单位（或没写单位而继承了顶层“金额单位”），
    budgetlint 就会把每个数字换算错一万倍，随后的每个核对都失去意义。此规则先指出单位本身的问题。
    报告位置在表格的“单位”（没有时在表名上）。

示例基础: tests/fixtures/clean-shanghai-2024.yaml

错误示例
    ```yaml
    表格:
      三公经费表:
        单位: 元
    ```

正确示例
    ```yaml
    表格:
      三公经费表:
        单位: 万元
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL601",
    name="table-unit",
    title="表格金额单位 = 地区规范中的单位",
    severity=Severity.WARNING,
    catalogue=("S04", "C23"),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for key, table in doc.tables.items():
        expected = doc.profile.table_unit(key)
        if expected is None or table.unit == expected:
            continue
        own = table.text("单位")
        source = "" if own else "（取自顶层“金额单位”）"
        message = (f"{table.label}的金额单位是{table.unit}{source}，而地区规范“{doc.profile.name}”中此表用{expected}："
                   f"单位错了，表中每个数字都会差一万倍")
        yield Violation(table.at.child("单位") if own else table.at, message)
