"""GitLab Code Quality report (a subset of the Code Climate format), for ``artifacts:reports:codequality``.

Each issue needs ``description``, ``check_name``, ``fingerprint``, ``severity`` (info, minor, major,
critical, blocker) and ``location.path`` with ``location.lines.begin``. GitLab compares reports of the
source and target branch by fingerprint, so it must not depend on line numbers.
"""

from __future__ import annotations

import json
from typing import Any

from budgetlint.finding import Finding, Severity, fingerprint
from budgetlint.reporters import Report

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def issue(f: Finding) -> dict[str, Any]:
    related = "".join(f"\n相关 {r.file}:{r.span.line}:{r.span.column}：{r.message}" for r in f.related)
    return {
        "type": "issue",
        "description": f"{f.rule_id} {f.message}{related}",
        "check_name": f.rule_id,
        "fingerprint": fingerprint(f),
        "severity": SEVERITIES[f.severity],
        "categories": ["Bug Risk"],
        "location": {"path": f.file, "lines": {"begin": f.span.line, "end": f.span.end_line}},
    }


def render(report: Report, color: bool = False) -> str:
    return json.dumps([issue(f) for f in report.findings], ensure_ascii=False, indent=2) + "\n"
