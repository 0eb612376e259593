"""Which period a narrative figure or year speaks of: its *role* (issue 15 item 2).

Real prose compares across periods in one sentence: “2023年当年预算执行数为60.13万元，2024年预算安排
25.77万元，比2023年预算执行数减少57.14%”; a 决算 states the 年初预算 next to the 决算 of the same item.
A figure is tied to a table cell, added into a breakdown or judged against the disclosure's year only
under its role, so a prior-year or budget-side figure is never read as this year's.

Roles (shown by ``budgetlint claims``):

* ``""`` — this period's own figure (预算/预算安排 in a 预算, 决算/支出决算 in a 决算);
* ``决算`` — a figure the text calls 决算 (this period in a 决算; a prior year's in a 预算);
* ``年初预算``, ``调整预算`` (调整预算/全年预算), ``预算`` (a bare “预算为”) — the budget side of a 决算,
  this period's own figure in a 预算 (年初预算, 预算);
* ``上年执行`` (当年预算执行数, 上年执行数), ``上年预算``, ``上年决算`` — the prior year compared with;
* ``总投资`` — a project's total over its implementation period (several years), never this period's.

Pure text functions: the document's kind and year are applied by the callers.
"""

from __future__ import annotations

import re

# The role word nearest before a figure names it: “一般公共预算财政拨款支出年初预算为 10210.34 万元”.
# “一般公共预算” is a fund, not a period, so the bare word 预算 is never a role.
_ROLE_WORDS = re.compile(
    r"(?P<prior_exec>(?:当年)?预算执行数|上年(?:度)?执行数?|执行数)"
    r"|(?P<prior_budget>上年(?:度)?预算数?|上一年度?预算数?)"
    r"|(?P<prior_final>上年(?:度)?决算数?)"
    r"|(?P<initial>年初预算数?)"
    r"|(?P<adjusted>调整(?:后)?预算数?|全年预算数?)"
    r"|(?P<final>决算数?)"
    # a project's total over its whole implementation period (“实施期限为2024年至2026年，总投资600.00万元”):
    # never this period's figure, nor a part of this period's total
    r"|(?P<multiyear>总投资(?:额|金额)?)"
    # a bare “预算为” ending the label (“公务用车运行维护费支出预算为 1.30 万元”): the budget side — this
    # period's figure in a 预算, the 预算数 column in a 决算; never the fund name “一般公共预算”
    r"|(?P<budget>(?<!一般公共)(?<!基金)预算数?(?:为|是)?$)"
)
_ROLE_OF_GROUP = {"prior_exec": "上年执行", "prior_budget": "上年预算", "prior_final": "上年决算",
                  "initial": "年初预算", "adjusted": "调整预算", "final": "决算", "budget": "预算",
                  "multiyear": "总投资"}

PRIOR_ROLES = frozenset({"上年执行", "上年预算", "上年决算"})
BUDGET_SIDE_ROLES = frozenset({"年初预算", "调整预算"})


def amount_role(label: str) -> str:
    """The role of the figure a label names: the last role word in the label, else ``""``."""
    last = None
    for last in _ROLE_WORDS.finditer(label):
        pass
    return _ROLE_OF_GROUP[last.lastgroup] if last is not None and last.lastgroup else ""


_PART_OF = {"": {"", "决算", "预算"}, "决算": {"", "决算"}, "预算": {"", "预算", "年初预算"},
            "年初预算": {"", "预算", "年初预算"}}


def can_be_part(item_role: str, head_role: str) -> bool:
    """Whether a figure can be a part of a total: an unmarked part takes its total's role; a marked part
    must have the total's period (a 年初预算 is never a part of a 决算 total, nor the reverse). Rules that
    know the document's kind narrow this further with :func:`is_current`."""
    return item_role == "" or item_role in _PART_OF.get(head_role, {head_role})


def is_current(role: str, kind: str) -> bool:
    """Whether a figure of ``role`` is this disclosure's own figure: in a 预算 the 年初预算 is the budget
    itself and a 决算 is a prior year's; in a 决算 the 决算 is its own and the 年初预算 is not."""
    if role == "":
        return True
    if kind == "决算":
        return role == "决算"
    return role in ("年初预算", "预算")


def role_text(role: str, kind: str) -> str:
    """How the claims view names a role."""
    if role == "":
        return "本年" + kind
    if role == "决算" and kind == "决算":
        return "本年决算"
    if role == "决算":
        return "以前年度决算"
    if role in ("年初预算", "预算") and kind == "预算":
        return "本年预算"
    if role == "预算":
        return "预算数"
    return role
