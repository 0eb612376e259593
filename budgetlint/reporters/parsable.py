"""One finding per line, gcc style: ``path:line:col: severity: message [RULE-ID]``.

Each related location follows as an indented ``  path:line:col: note: message`` line. Vim's
errorformat, Emacs compilation-mode and VS Code's ``$gcc`` problem matcher read this form. A line
break inside a message (narrative text can carry one) would start a bogus record for those
parsers, so it is printed as a space: the form stays one record per line.
"""

from __future__ import annotations

import re

from budgetlint.reporters import Report

_BREAK = re.compile(r"\r\n|\r|\n")


def one_line(text: str) -> str:
    return _BREAK.sub(" ", text)


def render(report: Report, color: bool = False) -> str:
    lines: list[str] = []
    for f in report.findings:
        lines.append(f"{f.file}:{f.span.line}:{f.span.column}: {f.severity.label}: {one_line(f.message)} [{f.rule_id}]")
        for r in f.related:
            lines.append(f"  {r.file}:{r.span.line}:{r.span.column}: note: {one_line(r.message)}")
    return "".join(line + "\n" for line in lines)
