"""GitHub Actions workflow commands: one annotation per finding, most severe first.

``::error file=F,line=L,endLine=EL,col=C,endColumn=EC,title=T::message``. Escaping follows the
runner (actions/toolkit ``command.ts``): data ``%``→``%25``, CR→``%0D``, LF→``%0A``; property values the
same plus ``:``→``%3A`` and ``,``→``%2C``. ``col``/``endColumn`` are given only when the span is on one
line (GitHub ignores them otherwise).

GitHub shows only 10 error and 10 warning annotations per step (50 per job), so findings are sorted by
severity, the full list is printed in a log group, and :func:`step_summary` gives the Markdown
that the CLI appends to ``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

import hashlib

from budgetlint.finding import Finding, Severity
from budgetlint.reporters import Report, parsable
from budgetlint.reporters.text import LABELS, summary_line

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
ANNOTATIONS_SHOWN = 10  # per severity per step
SUMMARY_LIMIT = 1024 * 1024 - 4096  # GitHub rejects a step summary over 1 MiB; keep room for the footer


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    props = [("file", f.file), ("line", str(f.span.line)), ("endLine", str(f.span.end_line))]
    if f.span.line == f.span.end_line:
        props += [("col", str(f.span.column)), ("endColumn", str(f.span.end_column))]
    props.append(("title", f"{f.rule_id} {f.rule_name}".strip()))
    message = f.message + "".join(f"\n相关 {r.file}:{r.span.line}:{r.span.column}：{r.message}" for r in f.related)
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMANDS[f.severity]} {rendered}::{escape_data(message)}"


def render(report: Report, color: bool = False) -> str:
    lines = [annotation(f) for f in report.by_severity()]
    listing = parsable.render(report)
    if listing:
        # A message may contain a line break followed by "::" (the text comes from the disclosure,
        # i.e. from a pull request); stop-commands keeps the runner from executing such a line.
        # The token is derived from the listing, so it cannot occur in it and the output stays stable.
        token = "budgetlint-" + hashlib.sha256(listing.encode("utf-8")).hexdigest()[:20]
        lines += ["::group::budgetlint 完整列表", f"::stop-commands::{token}", *listing.rstrip("\n").split("\n"),
                  f"::{token}::", "::endgroup::"]
    capped = any(report.count(s) > ANNOTATIONS_SHOWN for s in (Severity.ERROR, Severity.WARNING))
    if capped:
        lines.append(f"budgetlint：GitHub 每个步骤只显示前 {ANNOTATIONS_SHOWN} 条错误和 {ANNOTATIONS_SHOWN} 条警告注释；"
                     "完整列表见上面的“budgetlint 完整列表”和作业摘要（Job summary）。")
    lines.append(summary_line(report))
    return "".join(line + "\n" for line in lines)


def _cell(text: str) -> str:
    """A Markdown table cell: pipes escaped, line breaks as <br>, HTML-significant characters escaped."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def step_summary(report: Report) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: every finding, most severe first (truncated only at GitHub's 1 MiB)."""
    head = ["## budgetlint", "", summary_line(report), ""]
    if not report.findings:
        return "\n".join(head) + "\n"
    head += ["| 级别 | 规则 | 位置 | 说明 |", "| --- | --- | --- | --- |"]
    rows: list[str] = []
    size = sum(len(line.encode()) + 1 for line in head)
    findings = report.by_severity()
    for index, f in enumerate(findings):
        related = "".join(f"<br>相关 {_cell(f'{r.file}:{r.span.line}:{r.span.column}')}：{_cell(r.message)}" for r in f.related)
        row = (f"| {LABELS[f.severity]} | {f.rule_id} {f.rule_name} | {_cell(f'{f.file}:{f.span.line}:{f.span.column}')} "
               f"| {_cell(f.message)}{related} |")
        size += len(row.encode()) + 1
        if size > SUMMARY_LIMIT:
            rows += ["", f"（摘要已达 GitHub 上限，另有 {len(findings) - index} 个发现未列出；请下载 SARIF 或查看日志。）"]
            break
        rows.append(row)
    return "\n".join(head + rows) + "\n"
