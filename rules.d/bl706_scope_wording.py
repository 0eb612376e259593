"""单位预算（决算）的文字写成了“部门预算（决算）”。

为什么
    同一个主管部门往往既公开部门预算，也公开所属单位（或本级）的单位预算，两份文字大同小异。
    单位预算由部门预算改写时，“部门预算安排”“2024 年部门预算情况说明”若没有改成“单位”，读者无法判断
    说的是哪一个口径的数字。文件自身的附件标题、概况或情况说明标题写明“单位预算/单位决算”（且没有写
    “部门预算/部门决算”）时，正文和标题中的“部门预算/部门决算”都报告。
    不报告：表名里的“部门预算经济分类”（经济分类的正式名称）、“纳入部门预算管理”这类制度性说法；
    单位所属的那个部门的部门预算（“本单位预算纳入某市文化和旅游局部门预算”：同一分句中写了纳入、汇总，
    或“部门预算”紧跟在文件声明的“所属部门”名称之后）；
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


# “本单位预算纳入某市文化和旅游局部门预算”: the 部门预算 the unit's budget is part of is the department's,
# rightly so called — a clause that says 纳入/汇总入 before it, or the declared 所属部门's name right before it.
_PART_OF = re.compile(r"纳入|汇入|汇总")
_CLAUSE_START = re.compile(r"[，。；：,;:！？!?\n]")


def _names_the_department(doc: Disclosure, text: str, at: int) -> bool:
    clause = text[max((m.end() for m in _CLAUSE_START.finditer(text, 0, at)), default=0):at]
    parent = doc.data.get("所属部门")
    return bool(_PART_OF.search(clause)) or (isinstance(parent, str) and bool(parent) and clause.endswith(parent))


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    if document_scope(doc) != "单位":
        return
    for block in text_blocks(doc):
        for match in _DEPARTMENT.finditer(block.text):
            if _names_the_department(doc, block.text, match.start()):
                continue
            shown = excerpt(block.text, match.start(), match.end())
            yield violation(block, match.start(), match.end(),
                            f"本文件是单位{match.group('kind')}，文字却写“{match.group()}”（{shown}），应为“单位{match.group('kind')}”",
                            code="BL706")
