"""Suppressions: inline YAML comments with a mandatory reason, and per-file-ignores from the configuration.

Forms (the reason after ``--`` is required: a public-finance audit trail must say why)::

    部门预算总额: 291.38  # budgetlint: disable-line=BL211 -- 原文如此，已向财政局核实
    # budgetlint: disable-next-line=BL211,BL212 -- 原文如此
    # budgetlint: disable-file=BL3 -- 历史文件，叙述不再维护

A directive names rule ids or id prefixes. It matches a finding whose primary span starts on the
target line (``disable-file``: anywhere in the file). A directive without a reason, or one that cannot
be read, is a BL004 finding and suppresses nothing; a directive that suppresses nothing is BL003.

PyYAML drops comments, so they are found in the text: a ``#`` starts a comment when it is at the
start of a line or after whitespace, and not inside a scalar. The loader's source map knows where
every key and scalar is (quoted, multi-line or block), so the scan uses those spans instead of
re-implementing YAML's quoting rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from budgetlint.finding import Finding, Severity, Span
from budgetlint.loader.sourcemap import SourceMap
from budgetlint.rule import BUILTIN_META

# Findings that say the file could not be checked at all (or not by the rules: BL005, BL006), or that
# are about suppressions themselves: a comment must not be able to hide them.
UNSUPPRESSIBLE = frozenset({"BL001", "BL003", "BL004", "BL005", "BL006", "BL009"})
KINDS = ("disable-line", "disable-next-line", "disable-file")
# Start-up: the patterns are compiled by re (and cached there) when the first comment is read, since
# most disclosures have none.
_DIRECTIVE = r"\s*budgetlint\s*:(?P<rest>.*)\Z"
_HEAD = r"\s*(?P<kind>[a-z-]+)\s*=\s*(?P<ids>[A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)*)\s*\Z"
_SELECTOR = r"[A-Z]{2,4}[0-9]{0,3}\Z"


class Comment(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based column of '#'
    text: str  # after '#'
    own_line: bool  # nothing but whitespace before it


class Directive(NamedTuple):
    kind: str
    selectors: tuple[str, ...]
    reason: str
    span: Span  # the comment
    target: int | None  # the line it applies to; None for disable-file


def selector_matches(rule_id: str, rule_name: str, selector: str) -> bool:
    """A selector is an id prefix (BL2 matches BL211) or the exact rule name."""
    return rule_id.startswith(selector) or selector == rule_name


# ---------------------------------------------------------------------------------------------
# finding comments


def _masks(smap: SourceMap, wanted: frozenset[int]) -> dict[int, list[tuple[int, int]]]:
    """For the ``wanted`` lines, the [start, end) columns (1-based) covered by keys and scalar values."""
    masks: dict[int, list[tuple[int, int]]] = {}
    for info in smap.touching(wanted):
        spans = [info.key] if info.key is not None else []
        if not info.container:
            value = info.value
            if info.style in ("|", ">"):
                # The block's content starts on the next line; the indicator line may carry a comment.
                value = Span(value.line + 1, 1, value.end_line, value.end_column)
            spans.append(value)
        for span in spans:
            for line in range(span.line, span.end_line + 1):
                if line not in wanted:
                    continue
                start = span.column if line == span.line else 1
                end = span.end_column if line == span.end_line else 1 << 30
                if end > start:
                    masks.setdefault(line, []).append((start, end))
    return masks


def _hash_lines(lines: Sequence[str]) -> frozenset[int]:
    """Lines with a '#' that could start a comment (first on the line or after whitespace)."""
    found = set()
    for number, line in enumerate(lines, start=1):
        if "#" in line and any(i == 0 or line[i - 1].isspace() for i, char in enumerate(line) if char == "#"):
            found.add(number)
    return frozenset(found)


def find_comments(lines: Sequence[str], smap: SourceMap) -> list[Comment]:
    """Every YAML comment in the file, outside keys and scalars.

    Only the few lines with a candidate '#' are masked: building masks for every node of the file
    cost more than the rest of the suppression pass.
    """
    candidates = _hash_lines(lines)
    masks = _masks(smap, candidates)
    comments = []
    for number in sorted(candidates):
        line = lines[number - 1]
        covered = masks.get(number, ())
        for index, char in enumerate(line):
            column = index + 1
            if char != "#" or (index > 0 and not line[index - 1].isspace()):
                continue
            if any(start <= column < end for start, end in covered):
                continue
            comments.append(Comment(number, column, line[index + 1:].rstrip("\r"), not line[:index].strip()))
            break
    return comments


# ---------------------------------------------------------------------------------------------
# reading directives


class _Bad(NamedTuple):
    span: Span
    message: str


def _comment_span(comment: Comment) -> Span:
    return Span(comment.line, comment.column, comment.line, comment.column + 1 + len(comment.text))


def _next_code_line(comment: Comment, comment_lines: frozenset[int], lines: Sequence[str]) -> int | None:
    for number in range(comment.line + 1, len(lines) + 1):
        if lines[number - 1].strip() and number not in comment_lines:
            return number
    return None


def _parse(comment: Comment, known: Iterable[str], comment_lines: frozenset[int],
           lines: Sequence[str]) -> Directive | _Bad | None:
    match = re.match(_DIRECTIVE, comment.text)
    if match is None:
        return None
    span = _comment_span(comment)
    head_text, dashes, reason = match.group("rest").partition("--")
    head = re.match(_HEAD, head_text)
    form = "“# budgetlint: disable-line=BL211 -- 理由”"
    if head is None or head.group("kind") not in KINDS:
        return _Bad(span, f"无法识别的抑制注释“#{comment.text.strip()}”：应写作 {form}，"
                          f"可用的形式：{'、'.join(KINDS)}；此注释不抑制任何发现")
    kind = head.group("kind")
    selectors = tuple(s.strip().upper() for s in head.group("ids").split(","))
    unknown = [s for s in selectors if not re.match(_SELECTOR, s) or not any(k.startswith(s) for k in known)]
    if unknown:
        return _Bad(span, f"抑制注释里的“{'、'.join(unknown)}”不是已有的规则编号或前缀；此注释不抑制任何发现")
    if not dashes or not reason.strip() or re.fullmatch(_PLACEHOLDER, reason.strip()):
        return _Bad(span, f"抑制注释 {kind}={','.join(selectors)} 缺少理由：请在“--”后写明为什么不改正"
                          f"（如 {form}）；此注释不抑制任何发现")
    if kind == "disable-line" and comment.own_line:
        return _Bad(span, "disable-line 写在单独一行，抑制不到任何数据：请写在该行行尾，或改用 disable-next-line")
    if kind == "disable-next-line" and not comment.own_line:
        return _Bad(span, "disable-next-line 应单独成行写在要抑制的那一行之上；行尾请用 disable-line")
    target: int | None = comment.line
    if kind == "disable-next-line":
        target = _next_code_line(comment, comment_lines, lines)
    elif kind == "disable-file":
        target = None
    return Directive(kind, selectors, reason.strip(), span, target)


# The editor's quick fix inserts “<理由>”: an unfilled placeholder is not a reason (audit trail).
_PLACEHOLDER = r"(?i)[<‹《]\s*理由\s*[>›》]|TODO"


def read_directives(lines: Sequence[str], smap: SourceMap, known: Iterable[str]) -> tuple[list[Directive], list[_Bad]]:
    comments = find_comments(lines, smap)
    comment_lines = frozenset(c.line for c in comments if c.own_line)
    known = tuple(known)
    directives: list[Directive] = []
    bad: list[_Bad] = []
    for comment in comments:
        parsed = _parse(comment, known, comment_lines, lines)
        if isinstance(parsed, Directive):
            directives.append(parsed)
        elif isinstance(parsed, _Bad):
            bad.append(parsed)
    return directives, bad


# ---------------------------------------------------------------------------------------------
# applying


class Outcome(NamedTuple):
    findings: tuple[Finding, ...]
    suppressed: int


class Policy(NamedTuple):
    """What of the configuration suppression needs (kept apart from EngineConfig to avoid a cycle)."""

    enabled: frozenset[str] | None
    severity: Mapping[str, Severity]
    file_ignores: tuple[str, ...]
    rule_names: Mapping[str, str]  # every known id → name


def _directive_hits(directive: Directive, finding: Finding) -> bool:
    if finding.rule_id in UNSUPPRESSIBLE:
        return False
    if directive.target is not None and finding.span.line != directive.target:
        return False
    return any(finding.rule_id.startswith(s) for s in directive.selectors)


def _builtin(file: str, rule_id: str, span: Span, message: str, policy: Policy) -> Finding | None:
    if policy.enabled is not None and rule_id not in policy.enabled:
        return None
    meta = BUILTIN_META[rule_id]
    return Finding(file, span, rule_id, policy.severity.get(rule_id, meta.severity), message, meta.name)


def _unused_message(directive: Directive, selector: str) -> str:
    where = "本文件" if directive.target is None else f"第 {directive.target} 行"
    written = f"{directive.kind}={','.join(directive.selectors)}"
    return f"抑制注释（{written}）没有抑制任何发现：{where}没有 {selector} 的发现，可以删除{'此注释' if len(directive.selectors) == 1 else '这个编号'}"


def _could_fire(selector: str, policy: Policy) -> bool:
    """An unused selector is reported only if some rule it names is enabled (else we cannot know)."""
    ids = [rule_id for rule_id in policy.rule_names if rule_id.startswith(selector)]
    return any(policy.enabled is None or rule_id in policy.enabled for rule_id in ids)


def apply(file: str, findings: Sequence[Finding], lines: Sequence[str] | None, smap: SourceMap | None,
          policy: Policy) -> Outcome:
    """Drop suppressed findings, add BL003/BL004, then apply per-file-ignores; count what was dropped."""
    kept = list(findings)
    extra: list[Finding | None] = []
    suppressed = 0
    if lines is not None and smap is not None:
        directives, bad = read_directives(lines, smap, policy.rule_names)
        used: set[tuple[int, str]] = set()
        remaining = []
        for finding in kept:
            hit = next((d for d in directives if _directive_hits(d, finding)), None)
            if hit is None:
                remaining.append(finding)
                continue
            suppressed += 1
            used.update((id(hit), s) for s in hit.selectors if finding.rule_id.startswith(s))
        kept = remaining
        extra = [_builtin(file, "BL004", b.span, b.message, policy) for b in bad]
        extra += [_builtin(file, "BL003", d.span, _unused_message(d, s), policy)
                  for d in directives for s in d.selectors if (id(d), s) not in used and _could_fire(s, policy)]
    kept += [f for f in extra if f is not None]
    if policy.file_ignores:
        before = len(kept)
        kept = [f for f in kept if f.rule_id in ("BL001", "BL009")
                or not any(selector_matches(f.rule_id, f.rule_name, s) for s in policy.file_ignores)]
        suppressed += before - len(kept)
    return Outcome(tuple(sorted(kept)), suppressed)
