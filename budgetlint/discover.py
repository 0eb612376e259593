"""From command-line paths to the list of files to check.

A file named on the command line is always checked. Inside a directory, budgetlint checks the
*.yaml, *.yml and *.json files that declare ``格式版本`` or whose top-level keys are a disclosure's
(部门、年度、表格…: a disclosure with a misspelt or missing declaration is then reported, BL005, not
passed over), so CI configs and other YAML in a disclosure repository are left alone. Hidden
directories and node_modules are skipped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from budgetlint.skipped import HEAD_BYTES, declares_format, looks_like_disclosure

__all__ = ["SUFFIXES", "declares_format", "discover"]

SUFFIXES = (".yaml", ".yml", ".json")
_SKIP_DIRS = {"node_modules", "__pycache__", "venv", ".venv"}


def _looks_like_disclosure(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return True  # let the loader report the read error with its location
    return looks_like_disclosure(head)


def _walk(directory: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIP_DIRS)
        for name in sorted(files):
            path = Path(root) / name
            if path.suffix.lower() in SUFFIXES and _looks_like_disclosure(path):
                yield path


def discover(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """(files to check, paths that do not exist)."""
    files: list[str] = []
    missing: list[str] = []
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates = [str(p) for p in _walk(path)]
        elif path.is_file():
            candidates = [raw]
        else:
            missing.append(raw)
            continue
        for candidate in candidates:
            if candidate not in seen:
                seen.add(candidate)
                files.append(candidate)
    return files, missing
