"""标题中的年份与公开年度不一致。

为什么
    附件标题、各部分标题、各节标题写的是本年度的预算（决算）：2024 年的部门决算里出现
    “2023 年度一般公共预算财政拨款支出决算情况说明”，几乎总是套用上年文本时漏改。
    只检查标题；正文里的上年年份（“与 2023 年度决算相比”）是正当的比较，由 BL322 按说法判断。
    不报告：书名号《》中的文件名、年份区间（“2021—2025 年”）、比较的年份（“与 2023 年预算持平”）、资产时点（预算为上年末，决算为本年末，
    如“截至 2023 年 12 月 31 日国有资产占用情况”）、预算中标题写明“执行”的上年年份。级别为警告。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 一、2022 年收入支出预算总体情况说明
            主题: 收支总体
            文本: |
              2023 年收入总计 293.68 万元，支出总计 293.68 万元。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 一、2023 年收入支出预算总体情况说明
            主题: 收支总体
            文本: |
              2023 年收入总计 293.68 万元，支出总计 293.68 万元。
          - 标题: 二、截至 2022 年 12 月 31 日国有资产占用情况
            主题: 国有资产
            文本: |
              无。
    ```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.rules.text import text_blocks, violation
from budgetlint.model import Disclosure
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL705",
    name="heading-year",
    title="标题中的年份 = 公开年度",
    severity=Severity.WARNING,
)

Options = NoOptions  # this rule has no options

_DIGITS = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)})
_YEAR = re.compile(r"(?<![\d〔\[［(（【])(?P<year>\d{4})\s*年度?")
_RANGE_BEFORE = re.compile(r"\d{4}\s*年?\s*[-—－~～至到]\s*$")
_RANGE_AFTER = re.compile(r"\s*年?度?\s*[-—－~～至到]\s*\d{4}")
_ASSET_AFTER = re.compile(r"\s*年度?\s*(?:末|年末|底|年底|12\s*月\s*31\s*日|12\s*月末)")
_AS_OF_BEFORE = re.compile(r"截[至止]\s*$")
_COMPARED_BEFORE = re.compile(r"(?:与|同|比|较|对比)\s*$")


def _allowed(doc: Disclosure, heading: str, start: int, end: int, year: int) -> bool:
    if year == doc.year:
        return True
    if heading.count("《", 0, start) > heading.count("》", 0, start):
        return True  # a cited title keeps its own year
    if _RANGE_BEFORE.search(heading[:start]) or _RANGE_AFTER.match(heading, end - 1 if heading[end - 1] in "年度" else end):
        return True
    if _COMPARED_BEFORE.search(heading[:start]):
        return True  # “与 2024 年预算持平”: a comparison names the other year on purpose
    asset = _ASSET_AFTER.match(heading, start + 4) or _AS_OF_BEFORE.search(heading[:start])
    asset_year = doc.year if doc.kind == "决算" else doc.year - 1
    if asset and year == asset_year:
        return True
    return doc.kind != "决算" and year == doc.year - 1 and "执行" in heading


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    if doc.year <= 0:
        return
    for block in text_blocks(doc):
        if not block.heading:
            continue
        heading = block.text.translate(_DIGITS)  # one character for one: offsets stay
        for match in _YEAR.finditer(heading):
            year = int(match.group("year"))
            if not 1990 <= year <= 2100 or _allowed(doc, heading, match.start(), match.end(), year):
                continue
            yield violation(block, match.start("year"), match.end(),
                            f"标题中的“{match.group()}”与公开年度 {doc.year} 不一致（{doc.year} 年{doc.kind}）", code="BL705")
