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
from budgetlint.rules.text import all_text, excerpt, text_blocks, violation
from budgetlint.model import Disclosure
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL703",
    name="cut-off-sentence",
    title="句子被截断（“主要原因是。”）",
    severity=Severity.WARNING,
)

Options = NoOptions  # this rule has no options

# The words that announce what must follow them; a sentence mark right after them (an optional colon
# and spaces between), or the end of the block, means nothing followed.
_ANNOUNCE = r"(?:主要)?原因(?:是|为|主要是|主要为|在于)|主要用于|主要是由于|主要是因为"
_CUT_BY_MARK = re.compile(rf"(?=[主原])(?P<words>{_ANNOUNCE})[：:]?[ \t\u3000]*(?P<mark>[。；;])")
_CUT_AT_END = re.compile(rf"(?P<words>{_ANNOUNCE})[：:]?\s*\Z")
# Whether _CUT_BY_MARK matches anywhere, as two patterns that each open with literal words (the regex
# engine skips to those; the lookahead above lets it skip nothing): every announcement starts with 原因 or
# with 主要, and one starting “主要原因” matches from its 原因 too.
_ANY_CUT_BY_MARK = (re.compile(r"原因(?:是|为|主要是|主要为|在于)[：:]?[ \t\u3000]*[。；;]"),
                    re.compile(r"主要(?:用于|是由于|是因为)[：:]?[ \t\u3000]*[。；;]"))
# Where the words can start at a block's end: the longest announcement (7 characters) and a colon, after
# trailing spaces are left out. Searching from there keeps the end check off the rest of the block.
_TAIL = 8


def _cuts(text: str, by_mark: bool) -> Iterator[re.Match[str]]:
    if by_mark:
        yield from _CUT_BY_MARK.finditer(text)
    at_end = _CUT_AT_END.search(text, max(0, len(text.rstrip()) - _TAIL))
    if at_end is not None:
        yield at_end


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    # one scan of all the text for the words followed by a mark; each block's end is looked at alone
    text = all_text(doc)
    by_mark = any(pattern.search(text) is not None for pattern in _ANY_CUT_BY_MARK)
    for block in text_blocks(doc):
        if block.heading:
            continue
        for match in _cuts(block.text, by_mark):
            start, end = match.start("words"), match.end("words")
            mark = match.groupdict().get("mark")
            where = f"后面直接是“{mark}”" if mark else "之后文字就结束了"
            yield violation(block, start, end, f"“{match.group('words')}”{where}（{excerpt(block.text, start, match.end())}），句子没有写完",
                            code="BL703")
