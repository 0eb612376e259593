"""句子被截断：“主要原因是。”，或说明在“主要原因是”处结束。

为什么
    “主要原因是”“主要用于”之后直接是句号、分号，或者整段文字在这里结束，说明原因（用途）没有写完
    ——常见于删去旧年度原因后忘了写新的。读者看到的是一句没说完的话，增减也就等于没有解释。
    后面另起一段写原因（“主要原因是：”换行后列出 1、2、3）不算截断：只有紧跟句号/分号、或在整个文本块的
    末尾结束时才报告。级别为警告。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 一、收入支出预算总体情况说明
            主题: 收支总体
            文本: |
              2023 年收入总计 293.68 万元，支出总计 293.68 万元。与 2022 年相比，收、支总计各增加 197.26 万元，增长 204.58%，主要原因是。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 一、收入支出预算总体情况说明
            主题: 收支总体
            文本: |
              2023 年收入总计 293.68 万元，支出总计 293.68 万元。与 2022 年相比，收、支总计各增加 197.26 万元，增长 204.58%，主要原因是：
              上年结转资金增加。
    ```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.hygiene import all_text, excerpt, text_blocks, violation
from budgetlint.model import Disclosure
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL703",
    name="cut-off-sentence",
    title="句子被截断（“主要原因是。”）",
    severity=Severity.WARNING,
)

Options = NoOptions  # this rule has no options

# The words that announce what must follow them; a sentence mark or the end of the block right after
# them (an optional colon and spaces between) means nothing followed.
_ANNOUNCE = r"(?:主要)?原因(?:是|为|主要是|主要为|在于)|主要用于|主要是由于|主要是因为"
_WORDS = re.compile(_ANNOUNCE)
_CUT = re.compile(rf"(?=[主原])(?P<words>{_ANNOUNCE})[：:]?[ \t\u3000]*(?:(?P<mark>[。；;])|\s*\Z)")


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    if not _WORDS.search(all_text(doc)):  # one scan of all the text first
        return
    for block in text_blocks(doc):
        if block.heading:
            continue
        for match in _CUT.finditer(block.text):
            start, end = match.start("words"), match.end("words")
            where = f"后面直接是“{match.group('mark')}”" if match.group("mark") else "之后文字就结束了"
            yield violation(block, start, end, f"“{match.group('words')}”{where}（{excerpt(block.text, start, match.end())}），句子没有写完",
                            code="BL703")
