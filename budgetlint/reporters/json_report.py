"""Versioned JSON: ``{"version": 1, "findings": [...], "summary": {...}}`` for tools and editor plugins."""

from __future__ import annotations

import json
from typing import Any

from budgetlint.finding import Finding, json_pointer
from budgetlint.reporters import Report

VERSION = 1


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule_id,
        "name": f.rule_name,
        "severity": f.severity.label,
        "message": f.message,
        "file": f.file,
        "line": f.span.line,
        "column": f.span.column,
        "end_line": f.span.end_line,
        "end_column": f.span.end_column,
        "path": json_pointer(f.json_path),
        "related": [
            {"file": r.file, "line": r.span.line, "column": r.span.column, "end_line": r.span.end_line,
             "end_column": r.span.end_column, "message": r.message}
            for r in f.related
        ],
        "detail": f.detail,
    }


def render(report: Report, color: bool = False) -> str:
    body = {"version": VERSION, "findings": [finding_dict(f) for f in report.findings], "summary": report.summary()}
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
