"""JUnit XML: one test suite per file, one test case per finding, one passing case per clean file.

Only findings at or above the run's fail level are failed test cases: CI servers turn their test view
red for every <failure>, and a job that passed (exit code 0) must not show failed tests. A finding
below the fail level is a passing test case that carries the finding in <system-out>.

CI servers (GitLab ``artifacts:reports:junit``, Jenkins, Azure) show these as test results. The XML is
built with ElementTree so quotes, ``&``, ``<`` and line breaks in messages and paths are escaped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import groupby

from budgetlint.finding import Finding
from budgetlint.reporters import Report
from budgetlint.reporters.text import LABELS

# Characters XML 1.0 cannot carry at all, even escaped; a disclosure could contain them in a string.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _line(f: Finding) -> str:
    related = "".join(f"\n相关 {r.file}:{r.span.line}:{r.span.column}：{r.message}" for r in f.related)
    return _x(f"{f.file}:{f.span.line}:{f.span.column}: {LABELS[f.severity]} [{f.rule_id}] {f.message}{related}")


def render(report: Report, color: bool = False) -> str:
    def fails(f: Finding) -> bool:
        return f.severity >= report.fail_level

    root = ET.Element("testsuites", name="budgetlint", tests=str(max(len(report.findings), 1)),
                      failures=str(sum(map(fails, report.findings))))
    for file, group in groupby(report.findings, key=lambda f: f.file):
        findings = list(group)
        suite = ET.SubElement(root, "testsuite", name=_x(file), tests=str(len(findings)),
                              failures=str(sum(map(fails, findings))))
        for f in findings:
            case = ET.SubElement(suite, "testcase", name=f"{f.rule_id} {f.rule_name} {f.span.line}:{f.span.column}",
                                 classname=_x(file), file=_x(file), line=str(f.span.line))
            if fails(f):
                ET.SubElement(case, "failure", message=_x(f.message), type=f.severity.label).text = _line(f)
            else:
                ET.SubElement(case, "system-out").text = _line(f)
    if not report.findings:
        suite = ET.SubElement(root, "testsuite", name="budgetlint", tests="1", failures="0")
        ET.SubElement(suite, "testcase", name=f"检查了 {report.files_checked} 个文件，没有发现问题", classname="budgetlint")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
