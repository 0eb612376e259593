"""What the language server says in words: hover text, rule documentation, related figures.

Pure functions over :class:`Finding` (no pygls), so they are tested without a client.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

from budgetlint.finding import Finding, RelatedLocation
from budgetlint.rule import BUILTIN_META, Rule, RuleMeta

SOURCE: Final = "budgetlint"


def finding_doc_url(finding: Finding) -> str | None:
    """The rule's section of docs/rules.md in the repository budgetlint came from; None when that is unknown
    (budgetlint.links: no site publishes the docs, so no link is better than one to nowhere)."""
    from budgetlint.links import rule_doc_url

    return rule_doc_url(finding.rule_id, finding.rule_name)


class RuleBook:
    """Meta and documentation of every rule id a finding may carry (built-in ids included)."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.metas: dict[str, RuleMeta] = {**BUILTIN_META, **{r.id: r.meta for r in rules}}
        self.docs: dict[str, str] = {r.id: r.doc for r in rules}

    def heading(self, rule_id: str) -> str:
        meta = self.metas.get(rule_id)
        if meta is None:
            return rule_id
        return f"{meta.id} {meta.name}（{meta.severity.label}）：{meta.title}"

    def doc(self, rule_id: str) -> str:
        """The rule's user documentation (module docstring), or its title for engine-built findings."""
        doc = self.docs.get(rule_id, "").strip()
        if doc:
            return doc
        meta = self.metas.get(rule_id)
        return meta.title if meta else ""


def doc_markdown(doc: str) -> str:
    """A rule docstring as Markdown: unindented lines after the summary are headings, bodies dedented.

    Rule docstrings indent section bodies by four spaces, which Markdown would render as code.
    """
    out: list[str] = []
    for number, line in enumerate(doc.strip("\n").splitlines()):
        if line.startswith("    "):
            out.append(line[4:])
        elif number > 0 and line.strip():
            out.append(f"**{line.strip()}**")
            out.append("")
        else:
            out.append(line)
    return "\n".join(out)


def related_words(related: RelatedLocation, same_file: bool) -> str:
    where = f"第 {related.span.line} 行" if same_file else f"{related.file} 第 {related.span.line} 行"
    return f"{where}：{related.message}"


def message_with_related(finding: Finding) -> str:
    """For clients without relatedInformation support: the other side of the contradiction in the text."""
    if not finding.related:
        return finding.message
    places = "；".join(related_words(r, r.file == finding.file) for r in finding.related)
    return f"{finding.message}（相关位置：{places}）"


def hover_text(findings: Iterable[Finding], book: RuleBook, markdown: bool) -> str:
    """Hover over a finding: what disagrees, the arithmetic behind it, the related figures, the rule's doc."""
    return ("\n\n---\n\n" if markdown else "\n\n").join(_one_hover(f, book, markdown) for f in findings)


def _one_hover(finding: Finding, book: RuleBook, markdown: bool) -> str:
    bold = (lambda s: f"**{s}**") if markdown else (lambda s: s)
    parts = [bold(book.heading(finding.rule_id)), finding.message]
    if finding.detail:
        parts.append(f"{bold('计算')}：{finding.detail}")
    if finding.related:
        items = [f"- {related_words(r, r.file == finding.file)}" for r in finding.related]
        parts.append(bold("相关数字") + "\n" + "\n".join(items))
    doc = book.doc(finding.rule_id)
    if doc:
        parts.append(doc_markdown(doc) if markdown else doc)
    link = finding_doc_url(finding) if markdown else None
    if link:
        parts.append(f"[规则文档]({link})")
    return "\n\n".join(parts)
