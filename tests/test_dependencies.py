"""Dependency bounds are the ones the suite passes with, and CI tests the lowest jsonschema-rs.

jsonschema-rs below 0.41 either refuses Decimal amounts (every file: “内部错误：ValueError: Unsupported type”)
or names its error kinds differently (English messages at the wrong place): the suite fails there. .ci/run
runs the suite a second time in .venv-lowest with the lower bound that pyproject.toml declares.
"""

from __future__ import annotations

import subprocess
from importlib import metadata

from packaging.requirements import Requirement
from packaging.version import Version

from conftest import ROOT


def jsonschema_rs() -> Requirement:
    (requirement,) = [Requirement(r) for r in metadata.requires("budgetlint") or []
                      if Requirement(r).name.replace("_", "-") == "jsonschema-rs"]
    return requirement


def lower_bound(requirement: Requirement) -> Version:
    (bound,) = [Version(s.version) for s in requirement.specifier if s.operator == ">="]
    return bound


def test_installed_jsonschema_rs_is_within_the_declared_bounds() -> None:
    requirement = jsonschema_rs()
    assert requirement.specifier.contains(metadata.version("jsonschema_rs"))
    assert lower_bound(requirement) >= Version("0.41")  # the lowest release the suite passes with
    assert any(s.operator == "<" for s in requirement.specifier)  # a 0.x API: the newest minor tested


def test_ci_runs_the_suite_with_the_lowest_jsonschema_rs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert '"jsonschema-rs==$lowest"' in ci and ".venv-lowest/bin/python -m pytest" in ci
    # the line that finds the bound, run as CI runs it, gives pyproject's lower bound
    (line,) = [text for text in ci.splitlines() if text.startswith("lowest=")]
    found = subprocess.run(["bash", "-c", f"{line}; echo \"$lowest\""], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.strip()
    assert Version(found) == lower_bound(jsonschema_rs())
