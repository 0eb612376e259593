"""A reader that stops early (``budgetlint rules | head``) ends the run quietly, as it does other Unix tools.

The reading end of the pipe is closed before budgetlint writes anything, so every write meets a
closed pipe (EPIPE; Python ignores SIGPIPE and raises BrokenPipeError): without the handling in
``cli.main`` each of these commands ended in a traceback, or in "Exception ignored … BrokenPipeError"
when the error came up in the interpreter's last flush.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from budgetlint.cli import EXIT_CLOSED_PIPE
from conftest import EXAMPLE, ROOT

pytestmark = pytest.mark.skipif(os.name != "posix", reason="需要 POSIX 管道语义")

COMMANDS = {
    "rules": ["rules", "--no-config"],
    "rule": ["rule", "BL211", "--no-config"],
    "check-text": ["check", "--no-config", "-f", "text", "-j", "1", str(EXAMPLE)],
    "check-json": ["check", "--no-config", "-f", "json", "-j", "1", str(EXAMPLE)],
    "claims": ["claims", str(EXAMPLE)],
    "help": ["--help"],
    "check-help": ["check", "--help"],
}


def run_into_closed_pipe(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first byte is written
    try:
        return subprocess.run([sys.executable, "-m", "budgetlint", *args], stdout=write_end, stderr=subprocess.PIPE,
                              cwd=ROOT, timeout=120, check=False)
    finally:
        os.close(write_end)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_closed_pipe_ends_quietly(name: str) -> None:
    result = run_into_closed_pipe(COMMANDS[name])
    assert result.stderr.decode("utf-8", "replace") == ""
    # argparse ignores a failed write of its help text and exits 0; whatever budgetlint writes itself
    # ends with the shell's code for a closed pipe.
    assert result.returncode == (0 if name.endswith("help") else EXIT_CLOSED_PIPE)


def test_reader_that_stops_after_some_lines() -> None:
    """The ordinary case: ``budgetlint rules | head -n 3`` — the first lines arrive, then a quiet end."""
    process = subprocess.Popen([sys.executable, "-m", "budgetlint", "rules", "--no-config"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, cwd=ROOT)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()
    error = process.stderr.read()
    code = process.wait(timeout=120)
    process.stderr.close()
    assert first.startswith(b"BL001 ")
    assert error == b""
    assert code in (0, EXIT_CLOSED_PIPE)  # 0: everything fitted in the pipe before it was closed
