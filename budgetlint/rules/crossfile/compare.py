"""What the cross-file rules (rules.d/bl8xx, catalogue group E) share: naming the other file, walking a
table's amount cells, comparing one figure across two files by its printed precision.

The other file comes from :mod:`budgetlint.rules.crossfile.repository`; its pointers carry its own path, so every related
location of a finding here points into that file (the engine resolves it with that file's source map).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from budgetlint.arith import compare_equal, fmt
from budgetlint.rules.tables.identity_checks import Money
from budgetlint.finding import Related, Violation
from budgetlint.model import Amount, is_figure
from budgetlint.rules.crossfile.repository import Identity, Loaded

_HEADER = frozenset({"编号", "标题", "部门", "年度", "单位", "说明", "部门名称"})


def file_words(other: Loaded) -> str:
    """“2023 年度预算（2023.yaml）”: how a message names the other disclosure."""
    identity: Identity = other.identity
    who = f"单位 {identity.unit} " if identity.unit else ""
    return f"{who}{identity.year} 年度{identity.kind}（{other.doc.file}）"


def amount_paths(data: Mapping[str, Any], path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Paths of the amount cells of a table's mappings (lists of detail rows are matched by code elsewhere)."""
    for key, value in data.items():
        if not path and key in _HEADER:
            continue
        if isinstance(value, Mapping):
            yield from amount_paths(value, (*path, str(key)))
        elif value is None or is_figure(value):
            yield (*path, str(key))


def restated_across(stated: Amount, stated_label: str, source: Amount, source_label: str, *, key: str,
                    relation: str = "不一致", advisory: bool = False, note: str = "") -> Violation | None:
    """EQ across files: ``stated`` (this file) restates ``source`` (the other file). Quiet when equal at the
    printed precision; a figure printed at a coarser precision is judged by 四舍五入 of the finer one."""
    if stated.blank and source.blank:
        return None
    verdict = compare_equal(stated.printed, source.printed)
    if verdict.exact:
        return None
    money = Money.of(stated, source)
    direction = "多" if verdict.difference > 0 else "少"
    message = (f"{stated_label} {stated.show()}，与{source_label} {source.show()}{relation}"
               f"（{direction} {money(abs(verdict.difference))}）{note}")
    detail = f"{stated.text or 0} − {source.text or 0} = {fmt(verdict.difference)}；同一数字在两个文件中应完全相等"
    return Violation(stated.at, message, (Related(source.at, f"{source_label} {source.show()}"),),
                     detail=detail, key=key, advisory=advisory)

