"""Reporters: pure functions from a :class:`Report` to text. They never print."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from budgetlint.finding import Finding, Severity
from budgetlint.rule import RuleMeta


@dataclass(frozen=True, slots=True)
class Report:
    findings: tuple[Finding, ...]
    files_checked: int
    unreadable_files: int = 0
    skipped_files: int = 0  # schema errors: semantic rules skipped
    suppressed: int = 0
    rules: Mapping[str, RuleMeta] = field(default_factory=dict)
    docs: Mapping[str, str] = field(default_factory=dict)  # rule id → doc text (SARIF help)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def summary(self) -> dict[str, int]:
        return {
            "files": self.files_checked,
            "errors": self.count(Severity.ERROR),
            "warnings": self.count(Severity.WARNING),
            "infos": self.count(Severity.INFO),
            "suppressed": self.suppressed,
            "unreadable_files": self.unreadable_files,
            "skipped_files": self.skipped_files,
        }


Reporter = Callable[[Report, bool], str]


def _registry() -> dict[str, Reporter]:
    from budgetlint.reporters import json_report, parsable

    return {"parsable": parsable.render, "json": json_report.render}


def reporter(name: str) -> Reporter:
    return _registry()[name]


def names() -> list[str]:
    return sorted(_registry())
