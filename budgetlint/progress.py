"""Progress of a long run on a terminal: one line on stderr, files done / total and the current file.

Why only on a terminal: a log (CI, a pipe, a file, pre-commit's captured output) would keep every
redraw as text, so the line is drawn only when stderr is a terminal and no CI variable is set, and
never on standard output, where the report goes. Why after a delay: a run that ends within
:data:`DELAY` seconds prints nothing at all, as before; only a run long enough to leave a person
waiting shows the line. The line is erased before the report is written, so it never mixes with it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import IO, TypeVar

T = TypeVar("T")

DELAY = 0.5  # seconds before the line first appears
INTERVAL = 0.1  # seconds between redraws: enough for a person, and a run of small files is not slowed by them
# Variables that CI services set (GitHub Actions, GitLab CI, Jenkins, Azure Pipelines …): never draw there,
# even where the service gives the job a pseudo-terminal.
CI_VARIABLES = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILD_NUMBER", "TF_BUILD")
_ERASE = "\r\x1b[K"  # back to the line's start, clear to its end


def wanted(stream: IO[str], env: Mapping[str, str]) -> bool:
    """Whether to draw progress on ``stream``: a terminal that can erase a line, outside CI."""
    try:
        if not stream.isatty():
            return False
    except (AttributeError, ValueError, OSError):  # closed or not a real stream
        return False
    if env.get("TERM") == "dumb":
        return False
    return not any(env.get(name) for name in CI_VARIABLES)


class Progress:
    """Draws ``检查中 12/2000：path`` on one line of ``stream``, at most every :data:`INTERVAL` seconds."""

    def __init__(self, total: int, stream: IO[str], clock: Callable[[], float] = time.monotonic,
                 columns: int | None = None) -> None:
        self.total = total
        self.stream = stream
        self.clock = clock
        self.columns = columns if columns is not None else _columns(stream)
        self.started = clock()
        self.last_drawn: float | None = None
        self.drawn = False

    def update(self, done: int, current: str | None) -> None:
        now = self.clock()
        if now - self.started < DELAY:
            return
        if self.last_drawn is not None and now - self.last_drawn < INTERVAL:
            return
        self.last_drawn = now
        line = f"检查中 {done}/{self.total}" + (f"：{current}" if current else "")
        self._write(_ERASE + _fit(line, self.columns - 1))  # one column spare: no wrap at the terminal's edge
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self._write(_ERASE)
            self.drawn = False

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # the terminal went away: progress is not worth failing the run for
            pass


def track(results: Iterable[T], files: Sequence[str], stream: IO[str], env: Mapping[str, str] | None = None,
          clock: Callable[[], float] = time.monotonic) -> Iterator[T]:
    """``results`` (one per file, in the order of ``files``) unchanged, drawing progress as they come."""
    if not wanted(stream, os.environ if env is None else env):
        yield from results
        return
    progress = Progress(len(files), stream, clock)
    try:
        for done, result in enumerate(results, 1):
            progress.update(done, files[done] if done < len(files) else None)
            yield result
    finally:
        progress.close()


def _columns(stream: IO[str]) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return 80


def _width(ch: str) -> int:
    import unicodedata  # only when a line is drawn

    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _fit(line: str, columns: int) -> str:
    """The line cut to ``columns`` terminal columns (CJK characters take two), keeping the end of a long path."""
    widths = [_width(ch) for ch in line]
    if sum(widths) <= columns:
        return line
    head_end = line.find("：") + 1 if "：" in line else 0
    head = line[:head_end]
    room = columns - sum(widths[:head_end]) - 2  # the ellipsis: two columns in a CJK terminal (ambiguous width)
    tail: list[str] = []
    for ch, w in zip(reversed(line[head_end:]), reversed(widths[head_end:])):
        if room - w < 0:
            break
        room -= w
        tail.append(ch)
    return head + "…" + "".join(reversed(tail))
