"""Baseline: keyed by rule, data path and message values, not line numbers; disappeared entries do not fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from budgetlint.cli import main
from conftest import EXAMPLE


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITLAB_CI", raising=False)
    (tmp_path / "公开").mkdir()
    (tmp_path / "公开" / "d.yaml").write_bytes(EXAMPLE.read_bytes())
    return tmp_path


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = main(["check", "公开", "--no-config", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def test_write_then_only_new_findings_fail(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, first = check(capsys)
    assert code == 1 and first["findings"]
    code, written = check(capsys, "--baseline", "budgetlint-baseline.json", "--write-baseline")
    assert code == 0 and written["findings"] == [] and written["summary"]["baselined"] == len(first["findings"])
    stored = json.loads((repo / "budgetlint-baseline.json").read_text(encoding="utf-8"))
    assert stored["version"] == 1
    assert {e["file"] for e in stored["findings"]} == {"公开/d.yaml"}  # relative to the baseline's directory
    assert all("line" not in e for e in stored["findings"])

    # Lines moved: still the same findings, nothing reported.
    path = repo / "公开" / "d.yaml"
    path.write_text("# 新增的注释行\n# 又一行\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    code, moved = check(capsys, "--baseline", "budgetlint-baseline.json")
    assert code == 0 and moved["findings"] == [] and moved["summary"]["baselined"] == len(first["findings"])

    # A figure changes: the findings about it are new (different values), the others stay baselined.
    path.write_text(path.read_text(encoding="utf-8").replace("部门预算总额: 291.38", "部门预算总额: 291.00"), encoding="utf-8")
    code, changed = check(capsys, "--baseline", "budgetlint-baseline.json")
    assert code == 1 and "BL211" in [f["rule"] for f in changed["findings"]]
    assert all("291.00" in f["message"] for f in changed["findings"])
    assert changed["summary"]["baselined"] == len(first["findings"]) - 1


def test_fixed_findings_leave_the_baseline_without_failing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    check(capsys, "--baseline", "b.json", "--write-baseline")
    (repo / "公开" / "d.yaml").write_bytes((Path(__file__).parent / "fixtures" / "clean-henan-2023.yaml").read_bytes())
    code, body = check(capsys, "--baseline", "b.json")
    assert code == 0 and body["findings"] == [] and body["summary"]["baselined"] == 0


def test_baseline_works_from_another_directory(repo: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    check(capsys, "--baseline", "b.json", "--write-baseline")
    monkeypatch.chdir(repo / "公开")
    code = main(["check", "d.yaml", "--no-config", "--format", "json", "--baseline", "../b.json"])
    assert code == 0 and json.loads(capsys.readouterr().out)["findings"] == []


def test_missing_baseline_reports_everything(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, body = check(capsys, "--baseline", "none.json")
    assert code == 1 and body["summary"]["baselined"] == 0


@pytest.mark.parametrize("content", ["{", '{"version": 9, "findings": []}', '{"version": 1, "findings": [{"file": 1}]}'])
def test_malformed_baseline_exits_2(repo: Path, capsys: pytest.CaptureFixture[str], content: str) -> None:
    (repo / "b.json").write_text(content, encoding="utf-8")
    assert main(["check", "公开", "--no-config", "--baseline", "b.json"]) == 2
    assert "基线文件 b.json" in capsys.readouterr().err


def test_write_baseline_needs_a_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "公开", "--no-config", "--write-baseline"]) == 2
    assert "--write-baseline 需要同时给出 --baseline" in capsys.readouterr().err
