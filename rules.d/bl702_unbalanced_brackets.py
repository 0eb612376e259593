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
from budgetlint.rules.text import TextBlock, all_text, excerpt, text_blocks, violation
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
# reader is not misled, so only the width is normalised, bracket by bracket.
_WIDTH = {"（": "(", "）": ")", "［": "[", "］": "]"}
_WIDE = {narrow: wide for wide, narrow in _WIDTH.items()}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
_ANY_BRACKET = re.compile("[()“”‘’《》【】〔〕\\[\\]〈〉「」（）［］]")
_KIND = {"(": "括号", "[": "方括号", "“": "引号", "‘": "引号", "《": "书名号", "【": "方头括号", "〔": "六角括号", "〈": "书名号", "「": "引号"}
# A lone closing bracket used as a list number: “1）”, “a)”, “十）” at a line start or after a mark.
_NUMBERING = re.compile(r"(?:^|(?<=[\s。，；：、)）]))(?:\d{1,2}|[a-zA-Z]|[一二三四五六七八九十]{1,3})[)）]")


def _count(text: str, bracket: str) -> int:
    """Occurrences of a bracket in both widths (the full-width form of “(” is “（”)."""
    wide = _WIDE.get(bracket)
    return text.count(bracket) + (text.count(wide) if wide else 0)


def _balanced(text: str) -> bool:
    """Every pair occurs as often opened as closed: almost every text. An out-of-order pair with equal
    counts (“）……（”) is left unreported rather than paid for in every text."""
    return all(_count(text, open_) == _count(text, close) for open_, close in _PAIRS.items())


def _problems(block: TextBlock) -> Iterator[tuple[int, str]]:
    """(offset, message) for every bracket that has no partner, in text order."""
    shown = block.text
    if _balanced(shown):
        return
    numbering: set[int] | None = None  # list-number brackets, found only when a lone closer needs it
    stack: list[tuple[int, str]] = []
    # only the brackets are visited: a loop over every character cost more than the rest of the rule
    for match in _ANY_BRACKET.finditer(shown):
        index, ch = match.start(), _WIDTH.get(match.group(), match.group())
        if ch in _PAIRS:
            stack.append((index, ch))
        elif ch in _CLOSERS:
            if not (stack and stack[-1][1] == _CLOSERS[ch]):
                if numbering is None:
                    numbering = {m.end() - 1 for m in _NUMBERING.finditer(shown)}
                if index in numbering:
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
    if _balanced(all_text(doc)):
        return
    for block in text_blocks(doc):
        for at, problem in sorted(_problems(block)):
            yield violation(block, at, at + 1, f"{problem}（{excerpt(block.text, at, at + 1)}）", code="BL702")
