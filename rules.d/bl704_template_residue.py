"""模板残留：“增加（减少）”“XX局”“××”“某某”“（部门名称）”。

为什么
    部门预算、决算说明多由上级下发的模板改写而成。模板里供选择的“增加（减少）”“增长（下降）”、
    占位的“XX局”“××万元”“某某”“（单位名称）”如果留在公开文本里，说明这一处没有按本部门的实际情况填写，
    其中的数字和方向也就不可信。标题和正文都检查。单独一个“某”（“某县”）不算：只有成对的占位符才报告。
    级别为警告。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 七、“三公”经费支出情况说明
            主题: 三公经费
            文本: |
              2023 年“三公”经费预算为 1.30 万元，比 2022 年增加（减少）0.30 万元，主要原因是车辆维修。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 七、“三公”经费支出情况说明
            主题: 三公经费
            文本: |
              2023 年“三公”经费预算为 1.30 万元，比 2022 年增加 0.30 万元，主要原因是车辆维修。行政（事业）单位运行经费按规定列支。
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
    id="BL704",
    name="template-residue",
    title="模板残留（“增加（减少）”“XX局”“××”“某某”）",
    severity=Severity.WARNING,
)

Options = NoOptions  # this rule has no options

_BRACKET_OPEN, _BRACKET_CLOSE = "[（(]", "[）)]"
# Every residue contains one of these; searching for them first is five times cheaper than the full
# pattern, which then runs only on the few texts that have one.
_MAYBE = re.compile(r"[XxＸｘ×＊*某□/／]|[（(]\s*(?:减|增|下|降|上|部门|单位|项目)")
# _MAYBE's two branches tested apart over a document's text (a third of the time of the alternation, which
# the regex engine cannot skip through): its characters with `in`, its brackets with a pattern that opens
# with a character set the engine skips to
_MAYBE_CHARACTERS = "XxＸｘ×＊*某□/／"
_MAYBE_BRACKET = re.compile(r"[（(]\s*(?:减|增|下|降|上|部门|单位|项目)")
_RESIDUE = re.compile(
    # a choice the template left to the author: 增加（减少）, 增长(下降), 上升（下降）, 增加/减少
    rf"(?P<choice>(?:增加|增长|上升|提高){_BRACKET_OPEN}\s*(?:减少|下降|降低){_BRACKET_CLOSE}"
    rf"|(?:减少|下降|降低){_BRACKET_OPEN}\s*(?:增加|增长|上升){_BRACKET_CLOSE}"
    r"|(?:增加|增长)\s*[/／]\s*(?:减少|下降))"
    # placeholders: XX, ×× (not inside a Latin word), 某某, ＊＊, □□, （部门名称）
    r"|(?P<placeholder>(?<![A-Za-z])[XxＸｘ]{2,}(?![A-Za-z])|[×＊*]{2,}|某某|□{2,}"
    rf"|{_BRACKET_OPEN}\s*(?:部门|单位|项目)名称\s*{_BRACKET_CLOSE})"
)


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    text = all_text(doc)
    if not any(character in text for character in _MAYBE_CHARACTERS) and not _MAYBE_BRACKET.search(text):
        return
    for block in text_blocks(doc):
        if not _MAYBE.search(block.text):
            continue
        for match in _RESIDUE.finditer(block.text):
            kind = "供选择的措辞" if match.group("choice") else "占位符"
            shown = excerpt(block.text, match.start(), match.end())
            yield violation(block, match.start(), match.end(),
                            f"模板{kind}“{match.group()}”没有按实际情况改写（{shown}）", code="BL704")
