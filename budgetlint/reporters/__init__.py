"""Reporters: pure functions from a :class:`Report` to text. They never print."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

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
    baselined: int = 0  # findings present in the baseline, not reported
    omitted: int = 0  # findings beyond limits.max-findings, not printed (still counted for the exit code)
    sources: Mapping[str, Sequence[str]] = field(default_factory=dict)  # file → its lines (text reporter)
    # Findings at or above it fail the run (exit code 1); JUnit marks only those as failed tests.
    fail_level: Severity = Severity.ERROR
    # The run's exit code (0, 1, 2), known before the reports are written: SARIF's invocation says whether the
    # run could check everything (2: unreadable input or an internal error).
    exit_code: int = 0

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
            "baselined": self.baselined,
            "omitted": self.omitted,
        }

    def by_severity(self) -> list[Finding]:
        """Most severe first, then file and position (CI surfaces that cap the number shown)."""
        return sorted(self.findings, key=lambda f: (-f.severity, f))


Reporter = Callable[[Report, bool], str]


class Output(NamedTuple):
    """One report a run writes: a format name and where to (the CLI's --format/-o and --output-format).

    Defined here rather than in budgetlint.cli, which ``budgetlint --version`` imports alone (start-up).
    """

    format: str
    path: str | None  # None: standard output


# name → module: a run imports only the reporters it writes (sarif, junit and github pull in
# hashlib, xml and urllib, which a plain run does not need).
_MODULES = {"text": "text", "parsable": "parsable", "json": "json_report", "sarif": "sarif", "github": "github",
            "gitlab": "gitlab", "junit": "junit"}


def reporter(name: str) -> Reporter:
    from importlib import import_module

    render: Reporter = import_module(f"budgetlint.reporters.{_MODULES[name]}").render
    return render


def names() -> list[str]:
    return sorted(_MODULES)
