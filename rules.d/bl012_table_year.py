"""表格标题和表头的年度应是公开年度。

为什么
    一份 2023 年部门预算里出现“2022 年部门收支预算表”，通常是套用上年模板没有改年份；
    读者会以为公开的是上年数据。报告位置在错误的年份上。

错误示例
    ```yaml
    表格:
      收支总表:
        标题: 2022 年部门收支预算表
    ```

正确示例
    ```yaml
    表格:
      收支总表:
        标题: 2023 年部门收支预算表
    ```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetlint.finding import Severity, TextPointer, Violation
from budgetlint.model import Disclosure
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL012",
    name="table-year",
    title="表格标题和表头年度 = 公开年度",
    severity=Severity.ERROR,
    catalogue=("S09",),
)

_YEAR = re.compile(r"((?:19|20)[0-9]{2})\s*年")


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for table in doc.tables.values():
        header_year = table.get("年度")
        if isinstance(header_year, int) and header_year != doc.year:
            yield Violation(table.at.child("年度"), f"{table.label}表头年度 {header_year} 与公开年度 {doc.year} 不一致")
        title = table.text("标题") or ""
        for match in _YEAR.finditer(title):
            if int(match.group(1)) != doc.year:
                message = f"{table.label}标题“{title}”中的年份 {match.group(1)} 与公开年度 {doc.year} 不一致"
                yield Violation(TextPointer(table.at.child("标题"), match.start(1), match.end(1)), message)
