"""单位预算（决算）的文字写成了“部门预算（决算）”。

为什么
    同一个主管部门往往既公开部门预算，也公开所属单位（或本级）的单位预算，两份文字大同小异。
    单位预算由部门预算改写时，“部门预算安排”“2024 年部门预算情况说明”若没有改成“单位”，读者无法判断
    说的是哪一个口径的数字。文件自身的附件标题、概况或情况说明标题写明“单位预算/单位决算”（且没有写
    “部门预算/部门决算”）时，正文和标题中的“部门预算/部门决算”都报告。
    不报告：表名里的“部门预算经济分类”（经济分类的正式名称）、“纳入部门预算管理”这类制度性说法；
    部门预算里提到“单位预算”是正当的（部门预算由所属单位预算汇总），不检查。级别为警告。

示例基础: tests/fixtures/clean-shanghai-unit-2024.yaml

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 一、财务收支预算总体情况
            主题: 收支总体
            文本: |
              2024 年度部门预算安排财务收入 3,120,000.00 元。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 一、财务收支预算总体情况
            主题: 收支总体
            文本: |
              2024 年度单位预算安排财务收入 3,120,000.00 元，所有收支均纳入部门预算管理；基本支出按部门预算经济分类列示。
    ```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.rules.text import document_scope, excerpt, text_blocks, violation
from budgetlint.model import Disclosure
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL706",
    name="scope-wording",
    title="单位预算（决算）的文字写成“部门预算（决算）”",
    severity=Severity.WARNING,
)

Options = NoOptions  # this rule has no options

# 部门预算经济分类 is a classification's name, 部门预算管理 the rule every unit is under: neither names
# the document.
_DEPARTMENT = re.compile(r"部门(?P<kind>预算|决算)(?!经济分类|管理|编制范围|的单位)")


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    if document_scope(doc) != "单位":
        return
    for block in text_blocks(doc):
        for match in _DEPARTMENT.finditer(block.text):
            shown = excerpt(block.text, match.start(), match.end())
            yield violation(block, match.start(), match.end(),
                            f"本文件是单位{match.group('kind')}，文字却写“{match.group()}”（{shown}），应为“单位{match.group('kind')}”",
                            code="BL706")
