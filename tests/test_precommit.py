"""The published pre-commit hooks, run by the real pre-commit from this checkout (``pre-commit try-repo``).

pre-commit builds a virtual environment from the checkout (pip installs budgetlint and its
dependencies), so these tests need the network or a warm pip cache; they are skipped when the
``pre-commit`` or ``git`` executable is missing. ``try-repo`` includes uncommitted changes to
*tracked* files only: a new module must be committed (or at least staged) to be part of the hook.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import CLEAN, EXAMPLE, ROOT

PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
pytestmark = pytest.mark.skipif(not Path(PRE_COMMIT).exists() or shutil.which("git") is None,
                                reason="需要 pre-commit 和 git")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=_env())


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GITLAB_", "GIT_"))}
    env.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.com", NO_COLOR="1")
    return env


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A throwaway disclosure repository: one file with contradictions, one clean, one unrelated YAML."""
    path = tmp_path_factory.mktemp("disclosures")
    git(path, "init", "-q", ".")
    shutil.copy(EXAMPLE, path / "bad.yaml")
    shutil.copy(CLEAN, path / "good.yaml")
    # a disclosure whose 格式版本 is misspelt: reported (BL005), no longer passed over as unrelated YAML
    (path / "typo.yaml").write_text(CLEAN.read_text(encoding="utf-8").replace("格式版本: 1", "格式版板: 1", 1),
                                    encoding="utf-8")
    (path / "ci.yml").write_text("jobs: {}\n", encoding="utf-8")
    git(path, "add", ".")
    git(path, "commit", "-q", "-m", "disclosures")
    return path


def try_repo(repo: Path, hook: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PRE_COMMIT, "try-repo", str(ROOT), hook, *args], cwd=repo, capture_output=True,
                          text=True, env=_env(), timeout=600)


def test_manifest_declares_both_hooks() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(hooks) == {"budgetlint", "budgetlint-all"}
    assert hooks["budgetlint"]["types_or"] == ["yaml", "json"]
    assert hooks["budgetlint-all"]["pass_filenames"] is False and "manual" in hooks["budgetlint-all"]["stages"]


def test_hook_fails_on_a_contradiction(repo: Path) -> None:
    result = try_repo(repo, "budgetlint", "--files", "bad.yaml", "ci.yml")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "- exit code: 1" in result.stdout, result.stdout  # findings, not a usage or internal error (2)
    assert "bad.yaml:" in result.stdout and "[BL211]" in result.stdout
    assert "ci.yml" not in result.stdout.split("hook id: budgetlint", 1)[1]  # not a disclosure: skipped


def test_hook_passes_on_a_clean_disclosure(repo: Path) -> None:
    result = try_repo(repo, "budgetlint", "--files", "good.yaml", "ci.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_hook_reports_a_misspelt_format_declaration(repo: Path) -> None:
    result = try_repo(repo, "budgetlint", "--files", "typo.yaml", "ci.yml")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "- exit code: 1" in result.stdout, result.stdout
    assert "typo.yaml:" in result.stdout and "[BL005]" in result.stdout and "“格式版板”是不是“格式版本”" in result.stdout
    assert "ci.yml" not in result.stdout.split("hook id: budgetlint", 1)[1]


def test_whole_repository_hook(repo: Path, tmp_path: Path) -> None:
    result = try_repo(repo, "budgetlint-all", "--all-files", "--hook-stage", "manual")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "- exit code: 1" in result.stdout, result.stdout
    assert "bad.yaml:" in result.stdout and "[BL211]" in result.stdout
    clean = tmp_path / "clean-repo"
    shutil.copytree(repo, clean)
    git(clean, "rm", "-q", "bad.yaml", "typo.yaml")
    git(clean, "commit", "-q", "-m", "fixed")
    result = try_repo(clean, "budgetlint-all", "--all-files", "--hook-stage", "manual")
    assert result.returncode == 0, result.stdout + result.stderr


def test_changed_file_of_a_pair_gets_the_cross_file_finding(tmp_path: Path) -> None:
    """Only 2023.yaml changed: budgetlint finds 2022.yaml under the configured root, reads it and reports
    the contradiction between them on 2023.yaml (repository mode, docs/repository.md)."""
    path = tmp_path / "pair"
    path.mkdir()
    git(path, "init", "-q", ".")
    text = CLEAN.read_text(encoding="utf-8")
    prior = text.replace("年度: 2023\n", "年度: 2022\n", 1).replace("收入总计: 293.68", "收入总计: 100.00", 1)
    (path / "2022.yaml").write_text(prior, encoding="utf-8")
    (path / "2023.yaml").write_text(text, encoding="utf-8")
    (path / ".budgetlint.toml").write_text('roots = ["."]\nselect = ["BL802"]\n', encoding="utf-8")
    git(path, "add", ".")
    git(path, "commit", "-q", "-m", "pair")
    result = try_repo(path, "budgetlint", "--files", "2023.yaml")
    assert result.returncode == 1, result.stdout + result.stderr
    hook = result.stdout.split("hook id: budgetlint", 1)[1]
    assert "2023.yaml:" in hook and "[BL802]" in hook and "100.00" in hook
    line = prior[:prior.index("收入总计: 100.00")].count("\n") + 1
    assert f"2022.yaml:{line}:" in hook  # the related location, in the file that was not changed
    assert not any(record.startswith("2022.yaml:") for record in hook.splitlines())  # read-only: no finding on it
    result = try_repo(path, "budgetlint-all", "--all-files", "--hook-stage", "manual")
    assert result.returncode == 1 and "[BL802]" in result.stdout, result.stdout + result.stderr
