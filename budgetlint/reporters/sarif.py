"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

What GitHub needs (docs on SARIF support for code scanning): ``tool.driver.rules`` with descriptions
and help (it builds the alert page from them), stable ``ruleId``s, consistent relative paths,
``partialFingerprints`` for matching alerts across runs (ours come from ``Finding.key`` and the
message values, so they do not change when lines move) and an explicit ``columnKind``: our columns
count code points, which matters for CJK text (GitHub would otherwise assume UTF-16 code units).
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from budgetlint import __version__
from budgetlint.finding import Finding, Severity, Span, fingerprint, json_pointer
from budgetlint.links import rule_doc_url
from budgetlint.reporters import Report
from budgetlint.rule import RuleMeta

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT = "budgetlint/v1"


def artifact_uri(path: str) -> str:
    """A relative URI reference for a path (percent-encoded: CJK, spaces, '%', ',' and ':' are legal in names)."""
    posix = PureWindowsPath(path).as_posix() if "\\" in path else path
    if PurePosixPath(posix).is_absolute():
        return "file://" + quote(posix, safe="/")
    # quote() also encodes ':', so a first segment such as "a:b.yaml" cannot read as a URI scheme.
    return quote(posix, safe="/")


def _region(span: Span) -> dict[str, int]:
    return {"startLine": span.line, "startColumn": span.column, "endLine": span.end_line, "endColumn": span.end_column}


def _physical(file: str, span: Span) -> dict[str, Any]:
    return {"artifactLocation": {"uri": artifact_uri(file)}, "region": _region(span)}


def _rule(meta: RuleMeta, doc: str) -> dict[str, Any]:
    help_text = doc.strip() or meta.title
    rule: dict[str, Any] = {
        "id": meta.id,
        "name": meta.name,
        "shortDescription": {"text": meta.title},
        "fullDescription": {"text": meta.title},
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": LEVELS[meta.severity]},
        "properties": {"tags": list(meta.tables)},
    }
    # The rule's section of docs/rules.md, where the repository is known (budgetlint.links); SARIF wants an
    # absolute URI, so without one there is no helpUri and the help text above carries the doc alone.
    link = rule_doc_url(meta.id, meta.name)
    if link:
        rule["helpUri"] = link
    return rule


def _result(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    location: dict[str, Any] = {"physicalLocation": _physical(f.file, f.span)}
    if f.json_path:
        location["logicalLocations"] = [{"fullyQualifiedName": json_pointer(f.json_path), "kind": "member"}]
    result: dict[str, Any] = {
        "ruleId": f.rule_id,
        "level": LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT: fingerprint(f)},
    }
    if f.rule_id in index:
        result["ruleIndex"] = index[f.rule_id]
    if f.related:
        result["relatedLocations"] = [
            {"id": number, "physicalLocation": _physical(r.file, r.span), "message": {"text": r.message}}
            for number, r in enumerate(f.related, start=1)
        ]
    if f.detail:
        result["properties"] = {"detail": f.detail}
    return result


# Findings that mean a file was not (fully) checked: the reasons for exit code 2.
NOT_CHECKED = ("BL001", "BL009")
EXIT_ERROR = 2  # budgetlint.cli.EXIT_ERROR (not imported: the reporters do not depend on the command line)


def _invocation(report: Report, index: dict[str, int]) -> dict[str, Any]:
    """How the run went: exit code 2 (unreadable input, an internal error) is an unsuccessful execution.

    Exit code 1 is a successful run that found problems (SARIF: executionSuccessful reports the tool, not
    the code it checked). Each file that was not checked is also a notification, so a viewer that shows
    the tool's health rather than its results still sees it.
    """
    invocation: dict[str, Any] = {"executionSuccessful": report.exit_code != EXIT_ERROR, "exitCode": report.exit_code}
    if report.exit_code != EXIT_ERROR:
        return invocation
    invocation["exitCodeDescription"] = "有文件无法读取或检查时出现内部错误，这些文件没有检查完"
    notes = []
    for f in report.findings:
        if f.rule_id not in NOT_CHECKED:
            continue
        rule: dict[str, Any] = {"id": f.rule_id}
        if f.rule_id in index:
            rule["index"] = index[f.rule_id]
        notes.append({"level": "error", "message": {"text": f.message}, "associatedRule": rule,
                      "locations": [{"physicalLocation": _physical(f.file, f.span)}]})
    if not notes:  # the findings that explain it were left out by limits.max-findings
        notes.append({"level": "error", "message": {"text": "有文件无法读取或检查时出现内部错误（相应的发现超出了输出上限，未列出）"}})
    invocation["toolExecutionNotifications"] = notes
    return invocation


def document(report: Report) -> dict[str, Any]:
    metas = [report.rules[key] for key in sorted(report.rules)]
    index = {meta.id: number for number, meta in enumerate(metas)}
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "budgetlint",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [_rule(meta, report.docs.get(meta.id, "")) for meta in metas],
        }},
        "invocations": [_invocation(report, index)],
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index) for f in report.findings],
        "properties": {"summary": report.summary()},
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(report: Report, color: bool = False) -> str:
    return json.dumps(document(report), ensure_ascii=False, indent=2) + "\n"
