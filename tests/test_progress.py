"""Progress on a terminal, never in a pipe or CI (issue 12 item 13).

The terminal is a fake (a StringIO whose isatty() answers as told) and so is the clock, so nothing
here depends on how fast the machine is.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from budgetlint import progress
from budgetlint.cli import main
from budgetlint.progress import Progress, track, wanted
from conftest import CLEAN


class Terminal(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


class Clock:
    """Advances by ``step`` seconds each time it is read."""

    def __init__(self, step: float) -> None:
        self.now = 0.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


FILES = [f"公开/{i:02}.yaml" for i in range(5)]


def test_terminal_shows_files_done_total_and_the_current_file() -> None:
    screen = Terminal(tty=True)
    assert list(track(iter(range(5)), FILES, screen, env={}, clock=Clock(1.0))) == [0, 1, 2, 3, 4]
    drawn = screen.getvalue()
    assert "\r\x1b[K检查中 1/5：公开/01.yaml" in drawn
    assert "\r\x1b[K检查中 4/5：公开/04.yaml" in drawn and "\r\x1b[K检查中 5/5" in drawn
    assert drawn.endswith("\r\x1b[K")  # erased before the report is written
    assert "\n" not in drawn  # one line, redrawn in place


@pytest.mark.parametrize("env", [{}, {"CI": "true"}, {"GITHUB_ACTIONS": "true"}, {"GITLAB_CI": "true"}])
def test_pipe_gets_nothing(env: dict[str, str]) -> None:
    piped = Terminal(tty=False)
    assert list(track(iter(range(5)), FILES, piped, env=env, clock=Clock(1.0))) == [0, 1, 2, 3, 4]
    assert piped.getvalue() == ""


@pytest.mark.parametrize("env", [{"CI": "true"}, {"GITHUB_ACTIONS": "true"}, {"GITLAB_CI": "true"}, {"TERM": "dumb"}])
def test_ci_with_a_pseudo_terminal_gets_nothing(env: dict[str, str]) -> None:
    assert not wanted(Terminal(tty=True), env)
    screen = Terminal(tty=True)
    list(track(iter(range(5)), FILES, screen, env=env, clock=Clock(1.0)))
    assert screen.getvalue() == ""


def test_short_run_prints_nothing() -> None:
    screen = Terminal(tty=True)
    list(track(iter(range(5)), FILES, screen, env={}, clock=Clock(progress.DELAY / 10)))
    assert screen.getvalue() == ""


def test_redraws_are_spaced() -> None:
    screen = Terminal(tty=True)
    # past the delay, then 1000 files in the time of about 10 redraws
    clock = Clock(progress.INTERVAL / 100)
    clock.now = progress.DELAY
    files = [f"{i}.yaml" for i in range(1000)]
    list(track(iter(range(1000)), files, screen, env={}, clock=clock))
    assert 5 <= screen.getvalue().count("检查中") <= 15


def test_long_path_is_cut_to_the_terminal_width_keeping_its_end() -> None:
    screen = Terminal(tty=True)
    bar = Progress(3, screen, clock=Clock(1.0), columns=30)
    bar.update(1, "公开/" + "很长的目录名" * 10 + "/2023.yaml")
    line = screen.getvalue().removeprefix("\r\x1b[K")
    assert line.startswith("检查中 1/3：…") and line.endswith("/2023.yaml")
    assert sum(2 if "\u4e00" <= ch <= "\u9fff" or ch in "：…" else 1 for ch in line) <= 29


def test_check_draws_on_a_terminal_stderr_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    for name in progress.CI_VARIABLES + ("TERM",):
        monkeypatch.delenv(name, raising=False)
    for i in range(3):
        (tmp_path / f"{i}.yaml").write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "INTERVAL", 0.0)
    screen = Terminal(tty=True)
    monkeypatch.setattr("sys.stderr", screen)
    # three copies of one disclosure: repository mode says so (BL801), which is not what this test is about
    assert main(["check", "--no-config", "-j", "1", "-f", "parsable", "--ignore", "BL801", "."]) == 0
    assert "检查中 1/3：1.yaml" in screen.getvalue() and "检查中 3/3" in screen.getvalue()
    assert "检查中" not in capsys.readouterr().out
    piped = Terminal(tty=False)
    monkeypatch.setattr("sys.stderr", piped)
    assert main(["check", "--no-config", "-j", "1", "-f", "parsable", "--ignore", "BL801", "."]) == 0
    assert piped.getvalue() == ""
