"""括号、引号、书名号不成对。

为什么
    “（”没有“）”、“《”没有“》”、“”没有另一半，或左右不是同一种（“（……】”），说明文字在编辑时被截断或
    误删；括号里的“其中”列表在哪里结束、书名号里的文件名到哪里为止，都因此读不准。
    每个文本块、每个标题单独检查。“1）”“（2”这类编号用的半个括号不算：只在编号位置（行首或句读标点之后的
    一两位数字、字母或汉字序号）出现的单个右括号被视为编号。直引号 " 无法分左右，不检查。
    级别为警告。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 七、“三公”经费支出情况说明
            主题: 三公经费
            文本: |
              2023 年“三公”经费预算为 1.30 万元，比 2022 年增加 0.30 万元，增长 30.00%，主要原因是车辆维修。
              （一）因公出国（境费 0.00 万元，与 2022 年相比持平。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 七、“三公”经费支出情况说明
            主题: 三公经费
            文本: |
              2023 年“三公”经费预算为 1.30 万元，比 2022 年增加 0.30 万元，增长 30.00%，主要原因是车辆维修。
              （一）因公出国（境）费 0.00 万元，与 2022 年相比持平。1）2）两项为编号。
    ```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.hygiene import TextBlock, excerpt, text_blocks, violation
from budgetlint.model import Disclosure
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL702",
    name="unbalanced-brackets",
    title="括号、引号、书名号不成对",
    severity=Severity.WARNING,
)

Options = NoOptions  # this rule has no options

_PAIRS = {"(": ")", "“": "”", "‘": "’", "《": "》", "【": "】", "〔": "〕", "[": "]", "〈": "〉", "「": "」"}
# Full- and half-width forms of one bracket pair with each other: real documents print “（款)” and the
# reader is not misled, so only the width is normalised (one character for one: offsets stay).
_WIDTH = str.maketrans({"（": "(", "）": ")", "［": "[", "］": "]"})
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
_KIND = {"(": "括号", "[": "方括号", "“": "引号", "‘": "引号", "《": "书名号", "【": "方头括号", "〔": "六角括号", "〈": "书名号", "「": "引号"}
# A lone closing bracket used as a list number: “1）”, “a)”, “十）” at a line start or after a mark.
_NUMBERING = re.compile(r"(?:^|(?<=[\s。，；：、)）]))(?:\d{1,2}|[a-zA-Z]|[一二三四五六七八九十]{1,3})[)）]")


def _problems(block: TextBlock) -> Iterator[tuple[int, str]]:
    """(offset, message) for every bracket that has no partner, in text order."""
    text = block.text.translate(_WIDTH)
    shown = block.text
    numbering = {m.end() - 1 for m in _NUMBERING.finditer(text)}
    stack: list[tuple[int, str]] = []
    for index, ch in enumerate(text):
        if ch in _PAIRS:
            stack.append((index, ch))
        elif ch in _CLOSERS:
            if index in numbering and not (stack and stack[-1][1] == _CLOSERS[ch]):
                continue
            if stack and stack[-1][1] == _CLOSERS[ch]:
                stack.pop()
            elif stack and any(open_ == _CLOSERS[ch] for _, open_ in stack):
                # an inner bracket was left open: report it, then close the matching outer one
                while stack[-1][1] != _CLOSERS[ch]:
                    at, _open = stack.pop()
                    yield at, f"左{_KIND[_open]}“{shown[at]}”没有配对的右{_KIND[_open]}"
                stack.pop()
            elif stack:
                at, open_ = stack[-1]
                yield index, f"“{shown[index]}”与前面的“{shown[at]}”不是一对"
                stack.pop()
            else:
                yield index, f"右{_KIND[_CLOSERS[ch]]}“{shown[index]}”前面没有配对的左{_KIND[_CLOSERS[ch]]}"
    for at, _open in stack:
        yield at, f"左{_KIND[_open]}“{shown[at]}”没有配对的右{_KIND[_open]}"


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for block in text_blocks(doc):
        for at, problem in sorted(_problems(block)):
            yield violation(block, at, at + 1, f"{problem}（{excerpt(block.text, at, at + 1)}）", code="BL702")
