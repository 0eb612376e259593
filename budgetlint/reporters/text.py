"""Text for people: findings grouped by file, the source line with a marker under the figure.

::

    examples/示例.yaml
      574:15  错误  BL211  预算11表（整体绩效目标表）部门预算总额 291.38 万元，与……不一致（少 2.30 万元）
         574 |       部门预算总额: 291.38
             |                     ^^^^^^
        相关 examples/示例.yaml:400:13  预算01表（收支总表）支出总计 293.68 万元

The marker is placed by display width (CJK characters take two terminal columns), so it sits under
the figure even after Chinese keys. Colour only when asked for (the CLI decides: TTY and no NO_COLOR).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from itertools import groupby

from budgetlint.finding import Finding, Severity
from budgetlint.reporters import Report

LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}
_BOLD, _DIM = "1", "2"


def width(text: str) -> int:
    """Terminal columns: East Asian wide and fullwidth characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


class _Paint:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text


def _indent_rest(text: str, pad: str) -> str:
    """Continue a multi-line message under its first line."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\n" + pad)


def _snippet(f: Finding, lines: Sequence[str], paint: _Paint) -> list[str]:
    if not 1 <= f.span.line <= len(lines):
        return []
    source = lines[f.span.line - 1].rstrip("\r").replace("\t", " ")
    start = min(max(f.span.column - 1, 0), len(source))
    end = f.span.end_column - 1 if f.span.end_line == f.span.line else len(source)
    end = min(max(end, start + 1), max(len(source), start + 1))
    gutter = f"{f.span.line:>6} | "
    marker = " " * width(source[:start]) + "^" * max(width(source[start:end]), 1)
    return [paint(_DIM, gutter) + source, paint(_DIM, " " * (len(gutter) - 2) + "| ") + paint(_COLOURS[f.severity], marker)]


def _finding(f: Finding, report: Report, paint: _Paint) -> list[str]:
    label = LABELS[f.severity]
    head = f"  {f.span.line}:{f.span.column}  "
    pad = " " * (len(head) + width(label) + 2 + len(f.rule_id) + 2)
    out = [head + paint(_COLOURS[f.severity], label) + "  " + paint(_BOLD, f.rule_id) + "  " + _indent_rest(f.message, pad)]
    out += _snippet(f, report.sources.get(f.file, ()), paint)
    for r in f.related:
        where = f"{r.file}:{r.span.line}:{r.span.column}"
        out.append(paint(_DIM, f"    相关 {where}") + "  " + _indent_rest(r.message, "      "))
    return out


def summary_line(report: Report) -> str:
    s = report.summary()
    if report.findings:
        text = f"检查了 {s['files']} 个文件：错误 {s['errors']} 个，警告 {s['warnings']} 个，提示 {s['infos']} 个"
    else:
        text = f"检查了 {s['files']} 个文件，没有发现问题"
    extras = [f"已抑制 {s['suppressed']} 个" if s["suppressed"] else "",
              f"基线中已有 {s['baselined']} 个" if s["baselined"] else "",
              f"{s['unreadable_files']} 个文件无法读取" if s["unreadable_files"] else "",
              f"{s['skipped_files']} 个文件因结构错误未运行语义规则" if s["skipped_files"] else "",
              f"另有 {s['omitted']} 个发现未显示（limits.max-findings）" if s["omitted"] else ""]
    extras = [e for e in extras if e]
    return text + ("；" + "；".join(extras) if extras else "") + "。"


def render(report: Report, color: bool = False) -> str:
    paint = _Paint(color)
    lines: list[str] = []
    for file, group in groupby(report.findings, key=lambda f: f.file):
        lines.append(paint(_BOLD + ";4", file))
        for f in group:
            lines += _finding(f, report, paint)
        lines.append("")
    lines.append(summary_line(report))
    return "".join(line + "\n" for line in lines)
