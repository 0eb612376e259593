"""The "suppress this finding" code action: which comment to write, and where.

The grammar is :mod:`budgetlint.suppress`'s (a reason after ``--`` is required):

* ``# budgetlint: disable-line=BL211 -- <理由>`` at the end of the finding's line — the usual case;
* ``# budgetlint: disable-next-line=BL211 -- <理由>`` on its own line above it — when the line already
  carries a comment (a second ``#`` would only extend that comment's text);
* ``# budgetlint: disable-file=BL211 -- <理由>`` at the top of the file — when the finding sits inside a
  block scalar (narrative ``文本: |``) or a multi-line string, where any comment becomes text.

Instead of re-implementing YAML's rules for where a comment may go, each candidate edit is applied
and the result reloaded: an edit is used only if the data is unchanged. An existing directive of the
same kind is extended (``disable-line=BL211,BL212``) rather than duplicated. No pygls import here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final

from budgetlint.finding import Finding
from budgetlint.loader.document import LoadResult
from budgetlint.loader.yaml_reader import load_yaml
from budgetlint.suppress import UNSUPPRESSIBLE, Comment, find_comments

REASON_PLACEHOLDER: Final = "<理由>"
_IDS = r"(?P<ids>[A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)*)"


@dataclass(frozen=True, slots=True)
class Insertion:
    """Insert ``text`` before 1-based code-point ``column`` of 1-based ``line``; ``title`` names the action."""

    title: str
    line: int
    column: int
    text: str

    def apply(self, text: str) -> str:
        """The document with this insertion made (what the client does with the code action's edit)."""
        lines = text.split("\n")
        target = lines[self.line - 1]
        lines[self.line - 1] = target[: self.column - 1] + self.text + target[self.column - 1:]
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class _Document:
    text: str
    lines: list[str]  # split on "\n" as the loader does; a "\r" stays at the end of its line
    data: Any
    comments: dict[int, Comment]
    newline: str


def suppression(text: str, finding: Finding) -> Insertion | None:
    """The edit that suppresses ``finding``, or None (JSON, unsuppressible rules, unparsable text)."""
    if finding.rule_id in UNSUPPRESSIBLE or finding.file.lower().endswith(".json"):
        return None
    document = _document(text)
    if document is None:
        return None
    for candidate in _candidates(document, finding):
        if _keeps_data(document, candidate):
            return candidate
    return None


def _document(text: str) -> _Document | None:
    loaded = load_yaml(text)
    if loaded.problems or loaded.document is None:
        return None
    lines = text.split("\n")
    comments = {c.line: c for c in find_comments(lines, loaded.document.smap)}
    return _Document(text, lines, loaded.document.data, comments, "\r\n" if "\r\n" in text else "\n")


def _keeps_data(document: _Document, candidate: Insertion) -> bool:
    reloaded: LoadResult = load_yaml(candidate.apply(document.text))
    return not reloaded.problems and reloaded.document is not None and reloaded.document.data == document.data


def _directive(rule_id: str, kind: str) -> str:
    return f"# budgetlint: {kind}={rule_id} -- {REASON_PLACEHOLDER}"


def _extend(comment: Comment | None, kind: str, rule_id: str, title: str) -> Insertion | None:
    """Add ``rule_id`` to an existing directive of ``kind`` in ``comment`` (None if it is not one)."""
    if comment is None:
        return None
    match = re.match(rf"\s*budgetlint\s*:\s*{re.escape(kind)}\s*=\s*{_IDS}", comment.text)
    if match is None:
        return None
    ids = [part.strip().upper() for part in match.group("ids").split(",")]
    if rule_id in ids:
        return None
    # comment.column is the '#'; the comment text starts one column later
    return Insertion(title, comment.line, comment.column + 1 + match.end("ids"), f",{rule_id}")


def _candidates(document: _Document, finding: Finding) -> Iterator[Insertion]:
    rule_id, line = finding.rule_id, finding.span.line
    if not 1 <= line <= len(document.lines):
        return
    yield from _same_line(document, rule_id, line)
    yield from _line_above(document, rule_id, line)
    yield from _file_level(document, rule_id)


def _same_line(document: _Document, rule_id: str, line: int) -> Iterator[Insertion]:
    title = f"在本行行尾添加抑制注释：忽略 {rule_id}（请填写理由）"
    comment = document.comments.get(line)
    if comment is not None:
        extended = _extend(comment, "disable-line", rule_id, f"在本行已有的抑制注释中加入 {rule_id}（请确认理由）")
        if extended is not None:
            yield extended
        return  # another comment already ends this line
    content = document.lines[line - 1].rstrip("\r")
    yield Insertion(title, line, len(content) + 1, "  " + _directive(rule_id, "disable-line"))


def _line_above(document: _Document, rule_id: str, line: int) -> Iterator[Insertion]:
    above = document.comments.get(line - 1)
    if above is not None and above.own_line:
        extended = _extend(above, "disable-next-line", rule_id, f"在上一行已有的抑制注释中加入 {rule_id}（请确认理由）")
        if extended is not None:
            yield extended
    content = document.lines[line - 1]
    indent = content[: len(content) - len(content.lstrip(" "))]
    title = f"在上一行添加抑制注释：忽略下一行的 {rule_id}（请填写理由）"
    yield Insertion(title, line, 1, indent + _directive(rule_id, "disable-next-line") + document.newline)


def _file_level(document: _Document, rule_id: str) -> Iterator[Insertion]:
    why = "该处位于文本块或多行字符串内，行内注释会变成文本"
    for line in sorted(document.comments):
        extended = _extend(document.comments[line], "disable-file", rule_id,
                           f"在文件级抑制注释中加入 {rule_id}：整个文件忽略它（{why}；请确认理由）")
        if extended is not None:
            yield extended
            return
    title = f"在文件开头添加文件级抑制注释：整个文件忽略 {rule_id}（{why}；请填写理由）"
    yield Insertion(title, 1, 1, _directive(rule_id, "disable-file") + document.newline)
