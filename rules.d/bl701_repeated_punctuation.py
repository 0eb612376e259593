"""文字中标点重复（“。。”“，，”“，。”等）。

为什么
    两个句读标点连在一起（“。。”“，，”“；。”“、，”）几乎总是删改文字时留下的残迹，
    公开前应当删去一个。只检查中文句读标点（。，；：、），省略号“……”、破折号“——”等成对使用的
    标点不在其内；标点之间的换行和空格也算相连（PDF 转录常在标点处断行）。
    级别为警告：不影响数字，但公开文本中的这类错误会被读者当作不认真。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 一、收入支出预算总体情况说明
            主题: 收支总体
            文本: |
              2023 年收入总计 293.68 万元，支出总计 293.68 万元。。与 2022 年相比，收、支总计各增加 197.26 万元，增长 204.58%，主要原因是上年结转增加。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 一、收入支出预算总体情况说明
            主题: 收支总体
            文本: |
              2023 年收入总计 293.68 万元，支出总计 293.68 万元。与 2022 年相比，收、支总计各增加 197.26 万元，增长 204.58%，主要原因是上年结转增加。
    ```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.rules.text import all_text, excerpt, text_blocks, violation
from budgetlint.model import Disclosure
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL701",
    name="repeated-punctuation",
    title="文字中句读标点重复（“。。”“，，”）",
    severity=Severity.WARNING,
)

Options = NoOptions  # this rule has no options

# Two or more sentence/clause marks in a row, spaces and line breaks between them allowed.
_REPEATED = re.compile(r"[。，；：、](?:[ \t\u3000\n]*[。，；：、])+")


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    if not _REPEATED.search(all_text(doc)):  # one scan of all the text first: almost always nothing
        return
    for block in text_blocks(doc):
        for match in _REPEATED.finditer(block.text):
            marks = re.sub(r"\s", "", match.group())
            yield violation(block, match.start(), match.end(), f"标点“{marks}”重复（{excerpt(block.text, match.start(), match.end())}），应删去多余的标点",
                            code="BL701")
