"""Atomic file writes: a report or baseline is either the old file or the complete new one.

The temporary file that ``tempfile.mkstemp`` creates is private (mode 0600) whatever the umask; once
renamed into place it would make every report private to its writer, where an ordinary write gives a
new file 0666 less the umask and leaves an existing file's mode alone. The temporary file is given
that mode before the rename, so the atomic write is seen as an ordinary one.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def _umask() -> int:
    """The process umask. Linux shows it in /proc (read-only); elsewhere it can only be read by setting it."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    current = os.umask(0o022)  # set and put back at once: there is no other portable way to read it
    os.umask(current)
    return current


def _ordinary_mode(target: Path) -> int:
    """The mode ``open(target, "w")`` would leave: an existing file's own, else 0666 less the umask."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return 0o666 & ~_umask()


def write_text_atomic(path: str | Path, text: str) -> None:
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            if hasattr(os, "fchmod"):  # not on Windows, where files have no such mode bits
                os.fchmod(handle.fileno(), _ordinary_mode(target))
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
