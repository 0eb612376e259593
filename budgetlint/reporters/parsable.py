"""One finding per line, gcc style: ``path:line:col: severity: message [RULE-ID]``.

Each related location follows as an indented ``  path:line:col: note: message`` line. Vim's
errorformat, Emacs compilation-mode and VS Code's ``$gcc`` problem matcher read this form.
"""

from __future__ import annotations

from budgetlint.reporters import Report


def render(report: Report, color: bool = False) -> str:
    lines: list[str] = []
    for f in report.findings:
        lines.append(f"{f.file}:{f.span.line}:{f.span.column}: {f.severity.label}: {f.message} [{f.rule_id}]")
        for r in f.related:
            lines.append(f"  {r.file}:{r.span.line}:{r.span.column}: note: {r.message}")
    return "".join(line + "\n" for line in lines)
