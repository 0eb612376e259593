"""功能分类科目的编码和名称应与上年公开一致；改名或改码的科目给出提示。

为什么
    同一科目编码在两年的公开中名称不同（如 210 “医疗卫生与计划生育支出”改为“卫生健康支出”），或同一名称
    换了编码，可能是政府收支分类科目的正式调整，也可能是抄错了编码或沿用了旧名。读者逐年比较时
    会对不上，因此给出提示，由编制人员确认。比较对象是上一年度同类型（预算对预算、决算对决算）的文件，
    按编码列出明细行的各表逐表比较；名称比较时忽略空格和序号。

错误示例（“相关文件”是上一年度的预算）
    ```yaml
    表格:
      一般公共预算支出表:
        明细:
          - {编码: "206", 名称: 科学技术支出, 合计: 112.08}
    ```

相关文件
    ```yaml
    年度: 2022
    表格:
      一般公共预算支出表:
        明细:
          - {编码: "206", 名称: 科学技术, 合计: 96.42}
    ```

正确示例
    ```yaml
    年度: 2024
    ```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetlint.rules.crossfile.compare import file_words
from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Disclosure, Row
from budgetlint.rules.crossfile.repository import related
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL805",
    name="function-class-continuity",
    title="功能分类科目的编码和名称与上年一致（改名、改码为提示）",
    severity=Severity.INFO,
    catalogue=(),  # issue 16: 科目 across years
)

Options = NoOptions  # this rule has no options

_NOISE = re.compile(r"[\s　]+|^[（(]?[零一二三四五六七八九十]+[)）、.．]")


def _norm(name: str) -> str:
    return _NOISE.sub("", name)


def _coded(rows: tuple[Row, ...]) -> dict[str, Row]:
    return {row.code: row for row in rows if row.code and isinstance(row.data.get("名称"), str)}


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    prior = related(doc, year=doc.year - 1)
    if prior is None:
        return
    for table in doc.tables.values():
        theirs = prior.doc.table(table.key)
        if theirs is None:
            continue
        mine, before = _coded(table.rows("明细")), _coded(theirs.rows("明细"))
        if not mine or not before:
            continue
        by_name: dict[str, list[str]] = {}
        for code, row in before.items():
            by_name.setdefault(_norm(row.name), []).append(code)
        for code, row in mine.items():
            old = before.get(code)
            if old is not None:
                if _norm(old.name) != _norm(row.name):
                    message = (f"{table.label}科目 {code} 名称为“{row.name}”，而{file_words(prior)}同一编码名为“{old.name}”"
                               "（科目改名，或沿用了旧名、抄错了编码，请确认）")
                    yield Violation(row.at.child("名称"), message,
                                    (Related(old.at.child("名称"), f"{file_words(prior)}{theirs.label}{code} {old.name}"),),
                                    key=f"BL805:名称:{table.key}:{code}")
                continue
            moved = [c for c in by_name.get(_norm(row.name), []) if c not in mine]
            if len(moved) == 1:
                old = before[moved[0]]
                message = (f"{table.label}“{row.name}”编码为 {code}，而{file_words(prior)}同名科目编码为 {moved[0]}"
                           "（科目改码，或抄错了编码，请确认）")
                yield Violation(row.at.child("编码"), message,
                                (Related(old.at.child("编码"), f"{file_words(prior)}{theirs.label}{moved[0]} {old.name}"),),
                                key=f"BL805:编码:{table.key}:{code}")
