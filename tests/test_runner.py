"""Checking many files: -j N gives the same report as -j 1, and what the CLI keeps of each file is small."""

from __future__ import annotations

import importlib
import statistics
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetlint.cli import main
from budgetlint.engine import lint_file
from budgetlint.rule import load_rules
from budgetlint.runner import MIN_FILES_PER_WORKER, slim, workers_for
from conftest import CLEAN, EXAMPLE

unit_slip = importlib.import_module("budgetlint.rules_d.bl602_unit_slip")


@pytest.fixture
def many(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Enough files for two workers: contradictions, clean files and one that cannot be read."""
    monkeypatch.chdir(tmp_path)
    for i in range(2 * MIN_FILES_PER_WORKER + 1):
        source = EXAMPLE if i % 2 else CLEAN
        (tmp_path / f"d{i:02d}.yaml").write_bytes(source.read_bytes())
    (tmp_path / "d99.yaml").write_text("格式版本: [1\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("fmt", ["json", "text", "sarif"])
def test_parallel_report_is_identical(many: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    assert workers_for(10, 2) == 2
    reports = {}
    for jobs in ("1", "2"):
        code = main(["check", "--no-config", "-f", fmt, "-j", jobs, "."])
        reports[jobs] = (code, capsys.readouterr().out)
    assert reports["1"] == reports["2"]
    assert reports["1"][0] == 2  # the unreadable file still decides the exit code
    assert "BL211" in reports["1"][1] and "BL001" in reports["1"][1]


def test_jobs_must_be_positive(many: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-config", "-j", "0", "."]) == 2
    assert "-j/--jobs 应是正整数" in capsys.readouterr().err


def test_few_files_stay_in_process() -> None:
    assert workers_for(2 * MIN_FILES_PER_WORKER - 1, 8) == 1
    assert workers_for(1000, 1) == 1
    assert workers_for(1000, 2) == 2


def test_slim_keeps_findings_and_their_lines_only() -> None:
    result = lint_file(str(EXAMPLE), load_rules())
    assert result.smap is not None and result.disclosure is not None
    checked = slim(result)
    assert checked.result.findings == result.findings and checked.result.smap is None
    assert checked.lines is not None and len(checked.lines) == len(result.smap.lines)
    for finding in result.findings:
        assert checked.lines[finding.span.line - 1] == result.smap.lines[finding.span.line - 1]
    kept = sum(1 for i in range(len(checked.lines)) if checked.lines[i])
    assert kept <= len(result.findings)


@given(st.lists(st.decimals(min_value=0, max_value=10**6, places=2), min_size=3, max_size=40), st.data())
def test_unit_slip_median_of_others_is_statistics_median(values: list[Decimal], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(values) - 1))
    others = values[:index] + values[index + 1:]
    assert unit_slip._others(sorted(values), values[index]) == (statistics.median(others), max(others))
