"""The check functions a declarative rule entry names (``check: sum``), registered here by name.

A declarative entry (rules.d/*.yaml) says which cells or which vocabulary entries to compare and names one
of these functions for the judgement; anything that needs more logic is a Python rule, which may call the
same functions (BL310 calls :func:`restated_in_narrative` by its own rule id). Each function's docstring is
its user documentation: docs/rules.md has a section generated from them (``budgetlint.docgen``), in Chinese,
saying what it judges and which entry keys it takes. :func:`function` turns an unknown name or a missing key
into a :class:`~budgetlint.rule.RuleLoadError` that names the rule file and the entry.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from budgetlint.finding import Violation
from budgetlint.model import Disclosure
from budgetlint.rule import RuleLoadError
from budgetlint.rules.narrative.checks import identities, restatements
from budgetlint.rules.tables.identity_checks import Term, not_greater, restated, summed

Raw = Decimal | int | None  # a cell's value in 万元 straight from the data; None: blank or not a figure


class Function(NamedTuple):
    """One check function of the library."""

    name: str  # what an entry writes after ``check:``
    keys: tuple[str, ...]  # the entry keys it reads, each required
    doc: str  # Chinese: what it judges and which keys it takes (docs/rules.md)
    judge: Callable[..., Any]
    # Cell functions (judged on table cells): the exact test on raw values that lets most documents pass
    # without building a message; None for a narrative function (judged on the document's narrative).
    plainly_holds: Callable[[Raw, Sequence[Raw]], bool] | None = None
    lists: tuple[str, ...] = ()  # the keys whose value is a list of cell paths (the others name one cell)

    @property
    def on_cells(self) -> bool:
        return self.plainly_holds is not None


LIBRARY: dict[str, Function] = {}


def _register(name: str, keys: tuple[str, ...], plainly_holds: Callable[[Raw, Sequence[Raw]], bool] | None = None,
              lists: tuple[str, ...] = ()) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def add(judge: Callable[..., Any]) -> Callable[..., Any]:
        LIBRARY[name] = Function(name, keys, inspect.cleandoc(judge.__doc__ or ""), judge, plainly_holds, lists)
        return judge
    return add


def function(raw: Mapping[str, Any], where: str) -> Function:
    """The function an entry (or one of its ``identities``) names, its keys checked; else a load error."""
    name = raw.get("check")
    found = LIBRARY.get(name) if isinstance(name, str) else None
    if found is None:
        raise RuleLoadError(f"{where}: 未知的检查函数“{name}”：check 必须是 {'、'.join(LIBRARY)} 之一")
    missing = [key for key in found.keys if key not in raw]
    if missing:
        raise RuleLoadError(f"{where}: 检查函数 {found.name} 需要键“{'”“'.join(missing)}”（它读取 {'、'.join(found.keys)}）")
    return found


# ------------------------------------------------------------------------------ table cells (rules.d/*.yaml)
# The exact tests: exact equality is what the full judgement calls “exact”; anything else (a rounding tail
# included) goes to the judgement, which builds the message.
def _sum_holds(total: Raw, addends: Sequence[Raw]) -> bool:
    present = [v for v in addends if v is not None]
    return total is None or not present or total == sum(present, Decimal(0))


def _equal_holds(stated: Raw, source: Sequence[Raw]) -> bool:
    return stated is None or source[0] is None or stated == source[0]


def _not_greater_holds(part: Raw, whole: Sequence[Raw]) -> bool:
    return part is None or whole[0] is None or part <= whole[0]


@_register("sum", ("total", "addends"), _sum_holds, lists=("addends",))
def sum_of_cells(total: Term, addends: Sequence[Term]) -> Violation | None:
    """合计 = 各项之和（表格单元格）。

    各项之和与合计的差超出打印精度带来的四舍五入误差时报告（在误差之内只作提示），位置在合计上，各项为相关位置。
    空白的项不计入；合计空白或各项全部空白时不判断。

    条目键：`total`（合计的单元格路径），`addends`（各项的单元格路径列表）。
    """
    return summed(total, list(addends))


@_register("equal", ("stated", "source"), _equal_holds)
def equal_cells(stated: Term, source: Sequence[Term]) -> Violation | None:
    """同一数字的重述：两个单元格必须相等（表格单元格）。

    换算成同一单位后比较；精度不同时把细的四舍五入到粗的，仍不相等就报告。位置在重述的一方（`stated`），
    被重述的单元格是相关位置。任一方空白时不判断。

    条目键：`stated`（重述方的单元格路径），`source`（被重述的单元格路径）。
    """
    return restated(stated, source[0])


@_register("not-greater", ("part", "whole"), _not_greater_holds)
def part_not_greater(part: Term, whole: Sequence[Term]) -> Violation | None:
    """部分不大于整体（表格单元格）。

    按印出的数字比较，部分大于整体就报告，位置在部分上，整体是相关位置。任一方空白时不判断。

    条目键：`part`（部分的单元格路径），`whole`（整体的单元格路径）。
    """
    return not_greater(part, whole[0])


# ---------------------------------------------------------------------- the narrative (vocabulary by rule id)
@_register("restated-in-narrative", ("catalogue",))
def restated_in_narrative(doc: Disclosure, rule: str, code: str) -> Iterator[Violation]:
    """叙述中的数字重述表格单元格：必须相等。

    叙述词表（budgetlint/rules/narrative/vocabulary.yaml，地区规范的 `叙述词表` 可追加）中 `规则` 为本条规则编号的
    说法，在情况说明中出现时，与它的单元格比较（上年数、年初预算数等只与词表为该期间写明的单元格比较）。
    换算单位后必须相等（空白单元格按 0 比较），否则报告在叙述中的数字上，单元格为相关位置；表格没有公开时
    不判断。原文跨行断开、拼接方式不唯一的数字只作提示。

    条目键：`catalogue`（规则目录编号；第一个编号是发现标识的前缀，基线靠它识别同一发现）。
    """
    return restatements(doc, rule, code)


@_register("summed-in-narrative", ("catalogue",))
def summed_in_narrative(doc: Disclosure, rule: str, code: str) -> Iterator[Violation]:
    """叙述内部的加总：同一节中写出的总数 = 写出的分项之和。

    叙述词表中 `规则` 为本条规则编号的 `恒等式`（总数、分项、可选分项、完整）：分项之和大于总数总是矛盾；
    `完整: true` 且分项全部写出时，小于总数也是矛盾。金额按打印精度判断尾差，个数（车辆等）必须精确相等。
    只取总数之后写出的分项；报告在总数上，分项为相关位置。

    条目键：`catalogue`（规则目录编号；第一个编号是发现标识的前缀，基线靠它识别同一发现）。
    """
    return identities(doc, rule, code)
