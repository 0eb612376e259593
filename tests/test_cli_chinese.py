"""The command line speaks Chinese: argparse's usage, section titles, -h help and errors included."""

from __future__ import annotations

import argparse
import gettext
import unicodedata

import pytest

from budgetlint.cli import main

COMMANDS = [[], ["check"], ["claims"], ["lsp"], ["rules"], ["rule"]]
# argparse's English that used to appear around budgetlint's Chinese help
ENGLISH = ("usage:", "positional arguments", "options:", "optional arguments", "show this help", "show program's",
           "error:", "invalid", "required", "unrecognized", "expected", "argument", "choose from")


def columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in line)


def help_of(command: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as stop:
        main([*command, "--help"])
    assert stop.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "budgetlint")
def test_help_is_chinese_and_fits_the_terminal(command: list[str], capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    text = help_of(command, capsys)
    assert text.startswith("用法：budgetlint")
    assert "选项:" in text and "显示此帮助并退出" in text
    for word in ENGLISH:
        assert word not in text
    # Chinese characters take two columns: the help is wrapped by columns, not characters
    assert max(columns(line) for line in text.splitlines()) <= 80


def test_help_column_is_straight_with_chinese_option_names(capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    text = help_of(["check"], capsys)
    starts = {columns(line.split("  ", 1)[0]) + 2 + (len(line.split("  ", 1)[1]) - len(line.split("  ", 1)[1].lstrip()))
              for line in text.splitlines() if line.startswith("  --") and "  " in line.strip()}
    assert len(starts) == 1, text  # every help text on an option's line starts in the same column


@pytest.mark.parametrize(("argv", "expected"), [
    (["check", "-j", "x"], "参数 --jobs/-j：'x' 不是有效的整数"),
    (["check", "--max-findings", "两个"], "不是有效的整数"),
    (["chek"], "无效的选择：'chek'（可选："),
    (["claims"], "缺少必需的参数：文件"),
    (["check", "--bogus"], "无法识别的参数：--bogus"),
    (["check", "--config", "a.toml", "--no-config"], "不能与参数 --config 同时使用"),
    (["check", "--color", "sometimes"], "无效的选择：'sometimes'"),
    (["check", "--baseline"], "需要一个值"),
])
def test_argparse_errors_are_chinese(argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("用法：budgetlint")
    assert ": 错误：" in err and expected in err
    for word in ("usage:", "error:", "invalid", "required", "unrecognized", "expected one", "not allowed"):
        assert word not in err


def test_other_argparse_users_keep_their_language(capsys: pytest.CaptureFixture[str]) -> None:
    help_of(["check"], capsys)
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
    assert argparse.ngettext is gettext.ngettext
    assert "usage: other" in argparse.ArgumentParser(prog="other").format_usage()
