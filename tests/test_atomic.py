"""Reports and baselines are written atomically, yet with the mode an ordinary write would give them.

``tempfile.mkstemp`` creates its file with mode 0600 whatever the umask; renamed into place, a report
that CI uploads or a colleague reads became private to its writer. An ordinary ``open(path, "w")``
gives a new file 0666 minus the umask and keeps an existing file's mode: so does budgetlint now.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from budgetlint.atomic import write_text_atomic
from budgetlint.cli import main
from conftest import CLEAN

pytestmark = pytest.mark.skipif(os.name != "posix", reason="文件权限位只在 POSIX 上有意义")


@pytest.fixture
def umask() -> Iterator[None]:
    """Runs the test under umask 027 (group may read, others nothing) and restores the previous one."""
    previous = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask")
def test_new_file_gets_the_mode_of_an_ordinary_write(tmp_path: Path) -> None:
    ordinary = tmp_path / "ordinary.txt"
    ordinary.write_text("x", encoding="utf-8")
    write_text_atomic(tmp_path / "report.txt", "报告\n")
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == "报告\n"
    assert mode(tmp_path / "report.txt") == mode(ordinary) == 0o640


@pytest.mark.usefixtures("umask")
def test_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "baseline.json"
    target.write_text("{}", encoding="utf-8")
    target.chmod(0o604)
    write_text_atomic(target, "[]")
    assert target.read_text(encoding="utf-8") == "[]" and mode(target) == 0o604


@pytest.mark.usefixtures("umask")
def test_check_output_file_is_readable_by_the_group(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.yaml").write_bytes(CLEAN.read_bytes())
    assert main(["check", "--no-config", "good.yaml", "-f", "sarif", "-o", "report.sarif",
                 "--output-format", "junit:report.xml"]) == 0
    capsys.readouterr()
    assert mode(tmp_path / "report.sarif") == 0o640 and mode(tmp_path / "report.xml") == 0o640
