"""表格编号应与地区规范一致。

为什么
    信息和审核意见都按编号（如河南“预算03表”）引用表格；编号与地区规范不一致，
    多半是表格放错了位置或键名写错（例如把预算05表的数据填进了“支出表”）。
    信息写出地区规范期望的编号和标题；每个内置规范的全部表格、编号、标题和必备表见
    `docs/profiles/<规范>.md`（如 `docs/profiles/national.md`，由规范数据生成）。

错误示例
    ```yaml
    表格:
      支出表:
        编号: 预算05表
    ```

正确示例
    ```yaml
    表格:
      支出表:
        编号: 预算03表
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.profile import ProfileTable
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL013",
    name="table-number",
    title="表格编号 = 地区规范中的编号",
    severity=Severity.WARNING,
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for key, table in doc.tables.items():
        number = table.text("编号")
        expected = doc.profile.tables.get(key)
        if number is None or expected is None:
            continue
        if "".join(number.split()) != "".join(expected.number.split()):
            yield Violation(table.at.child("编号"), message(key, number, expected, doc.profile.name))


def message(key: str, number: str, expected: ProfileTable, profile_name: str) -> str:
    """Says what to write: the expected number, and the table as the region prints it (number and title)."""
    printed = "".join(expected.number.split()) == "".join(expected.title.split())
    table = f"“{expected.number}”" if printed else f"“{expected.number}”（{expected.title}）"
    return f"“{key}”的编号是“{number}”，应为“{expected.number}”：地区规范“{profile_name}”中此表是{table}"
