"""Checking many files for the CLI: in this process or spread over worker processes, in file order.

Why results are slimmed: a run over thousands of disclosures must not hold every document. Each
file's model and source map are dropped as soon as it is checked; only its findings, counts and the
source lines its findings point at (for the text reporter's snippets) are kept. That is also all a
worker sends back, so the pickling cost does not grow with the file.

Why ``fork``: workers inherit the loaded rules, profiles and compiled schema instead of importing
and compiling them again (about 100 ms per worker with ``spawn``/``forkserver``, Python 3.14's
default). Where ``fork`` is not available (Windows) the files are checked in this process.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import NamedTuple, overload

from budgetlint.engine import EngineConfig, FileResult, lint_file
from budgetlint.rule import Rule

# A pool costs about 15 ms to start and stop plus pickling per file; below this many files per
# worker it does not pay for itself.
MIN_FILES_PER_WORKER = 4
MAX_CHUNK = 16


class Excerpt(Sequence[str]):
    """The lines of a file that findings point at, standing in for all of its lines (others read as '')."""

    __slots__ = ("_count", "_kept")

    def __init__(self, count: int, kept: Mapping[int, str]) -> None:
        self._count = count
        self._kept = dict(kept)  # 0-based index → line

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._count))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        return self._kept.get(index, "")


class Checked(NamedTuple):
    """One file's outcome as the CLI keeps it: the result without model and source map, and its excerpt."""

    result: FileResult
    lines: Excerpt | None  # None: the file was not loaded


def slim(result: FileResult) -> Checked:
    lines: Excerpt | None = None
    if result.smap is not None:
        source = result.smap.lines
        wanted = {f.span.line - 1 for f in result.findings if 1 <= f.span.line <= len(source)}
        lines = Excerpt(len(source), {i: source[i] for i in wanted})
    return Checked(replace(result, disclosure=None, smap=None), lines)


ConfigFor = Callable[[str], EngineConfig]


class Job(NamedTuple):
    rules: tuple[Rule, ...]
    config_for: ConfigFor  # the engine configuration of one file (per-file-ignores depend on the path)


_job: Job | None = None  # set in each worker by _start (inherited through fork, never pickled)


def _start(job: Job) -> None:
    global _job
    _job = job


def _check(path: str) -> Checked:
    assert _job is not None
    return slim(lint_file(path, _job.rules, _job.config_for(path)))


def default_jobs() -> int:
    """The cores this process may run on (the container's share, not the host's)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def workers_for(files: int, jobs: int) -> int:
    """How many processes to use: 1 (this one) unless each worker gets enough files to pay for itself."""
    if jobs < 2 or not hasattr(os, "fork"):
        return 1
    return max(1, min(jobs, files // MIN_FILES_PER_WORKER))


# Checking a file allocates tens of thousands of short-lived, acyclic objects (nodes, Decimals, amounts) that
# reference counting frees; with the default threshold (700) the cyclic collector runs dozens of times per
# file for nothing — about 15 % of the run time. A larger first-generation threshold keeps it for real
# cycles; memory stays bounded because each file's objects are freed when it is done.
GC_THRESHOLD = (20_000, 20, 20)


def check_files(files: Sequence[str], job: Job, jobs: int) -> Iterator[Checked]:
    """Each file's outcome, in the order of ``files``; raises what ``lint_file`` raises (OptionsError)."""
    previous = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield from _check_files(files, job, jobs)
    finally:
        gc.set_threshold(*previous)


def _check_files(files: Sequence[str], job: Job, jobs: int) -> Iterator[Checked]:
    workers = workers_for(len(files), jobs)
    if workers == 1:
        _start(job)
        gc.freeze()  # the rules, profiles and schema loaded so far live for the whole run
        try:
            yield from map(_check, files)
        finally:
            gc.unfreeze()
        return
    chunk = max(1, min(MAX_CHUNK, len(files) // (workers * 8)))
    # Objects alive now (rules, profiles, the schema) are never garbage: keep the collector from
    # walking them in every worker, which would also copy their pages.
    import multiprocessing  # only here: a one-file run does not need it

    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_start, initargs=(job,)) as pool:
            yield from pool.imap(_check, files, chunksize=chunk)
    finally:
        gc.unfreeze()
