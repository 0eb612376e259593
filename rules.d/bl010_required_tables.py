"""地区规范要求的每张表都应公开（没有数据的表也要公开空表并说明）。

为什么
    《地方预决算公开操作规程》要求公开规定的全部表格，“没有数据的表格应当列出空表并说明”。
    必备表由地区规范决定（全国参考 8 张；河南预算01–12表共 12 张）。报告位置在“表格”键上。

错误示例
    ```yaml
    表格:
      政府性基金支出表: null
    ```

正确示例
    ```yaml
    表格:
      政府性基金支出表:
        编号: 预算09表
        标题: 2023 年政府性基金支出预算表
        合计行: {合计: 0.00}
        说明: 说明：我部门没有政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL010",
    name="required-tables",
    title="地区规范要求的表格都已公开",
    severity=Severity.ERROR,
    catalogue=("S02",),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    missing = [key for key in doc.profile.mandatory if doc.table(key) is None]
    for key in missing:
        message = (f"缺少{doc.profile.table_label(key)}：地区规范“{doc.profile.name}”要求公开此表；"
                   f"没有数据时也应公开空表并说明")
        yield Violation(doc.root.child("表格"), message, key=f"BL010:{key}")
