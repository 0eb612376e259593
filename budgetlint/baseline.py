"""Baseline: adopt budgetlint on an existing repository and fail only on new findings.

An entry identifies a finding by file, rule id, data path (JSON pointer, via ``Finding.key``) and the
numbers in its message — never by line number, so inserting a line above does not "create" a
finding, while changing a figure does (the old contradiction is gone, a new one is reported).
Entries are counted: two identical findings need two entries. Entries whose finding has
disappeared are simply unused; they never fail a run. Paths are stored relative to the baseline
file's directory, so the baseline works from any working directory.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The identity of a finding is a value (budgetlint.finding), shared with the SARIF and GitLab reporters.
from budgetlint.finding import Finding, finding_key, fingerprint, message_values

__all__ = ["BaselineError", "Entry", "entry_for", "finding_key", "fingerprint", "load", "message_values", "render",
           "split"]

VERSION = 1


class BaselineError(Exception):
    """An unreadable or malformed baseline file (exit code 2)."""


@dataclass(frozen=True, slots=True)
class Entry:
    file: str  # relative to the baseline's directory, '/'-separated
    rule: str
    key: str  # Finding.key, or rule:pointer
    values: tuple[str, ...]  # the numbers in the message, in order


def _relative(file: str, root: Path) -> str:
    absolute = Path(os.path.abspath(file))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return absolute.as_posix()


def entry_for(finding: Finding, root: Path) -> Entry:
    return Entry(_relative(finding.file, root), finding.rule_id, finding_key(finding), message_values(finding.message))


def _root(path: str | Path) -> Path:
    return Path(os.path.abspath(path)).parent


def load(path: str | Path) -> Counter[Entry]:
    """Entries of a baseline file; a missing file is an empty baseline (the first --write-baseline creates it)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return Counter()
    except (OSError, UnicodeDecodeError) as error:
        raise BaselineError(f"无法读取基线文件 {path}：{error}") from None
    try:
        body = json.loads(text)
        if body.get("version") != VERSION:
            raise BaselineError(f"基线文件 {path} 的版本 {body.get('version')!r} 不受支持（应为 {VERSION}）")
        return Counter(_entry(item) for item in body["findings"])
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise BaselineError(f"基线文件 {path} 格式错误：{error}；可用 --write-baseline 重新生成") from None


def _entry(item: dict[str, Any]) -> Entry:
    values = item["values"]
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise TypeError("values 应是字符串列表")
    return Entry(str(item["file"]), str(item["rule"]), str(item["key"]), tuple(values))


def render(findings: Sequence[Finding], path: str | Path) -> str:
    """Baseline file text for ``findings``; the message is kept for the reviewer, not for matching."""
    root = _root(path)
    items = [{**_as_dict(entry_for(f, root)), "message": f.message} for f in findings]
    items.sort(key=lambda item: (item["file"], item["rule"], item["key"], item["values"]))
    return json.dumps({"version": VERSION, "findings": items}, ensure_ascii=False, indent=2) + "\n"


def _as_dict(entry: Entry) -> dict[str, Any]:
    return {"file": entry.file, "rule": entry.rule, "key": entry.key, "values": list(entry.values)}


def split(findings: Sequence[Finding], entries: Counter[Entry], path: str | Path) -> tuple[list[Finding], int]:
    """(findings not in the baseline, number of findings the baseline absorbed)."""
    root = _root(path)
    budget = Counter(entries)
    new: list[Finding] = []
    absorbed = 0
    for finding in findings:
        entry = entry_for(finding, root)
        if budget[entry] > 0:
            budget[entry] -= 1
            absorbed += 1
        else:
            new.append(finding)
    return new, absorbed
