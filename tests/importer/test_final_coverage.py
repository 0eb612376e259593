"""Coverage of the narrative reader on the real 部门决算 of the corpus (issue 15 items 7–9).

`budgetlint check --coverage` on the imported planning and socialwork 决算: what is not checked says exactly
why (a figure that needs the prior year's file, a 绩效 stage, a count no table prints …) — never the generic
“not in the vocabulary” or “section topic not recognised”. The official template's 说明 is placeholders
(“支出决算为XXX万元”): it has prose but no figure, so it has nothing to cover.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from corpus_fixture import corpus_imports  # noqa: F401 (a fixture)

from budgetlint.engine import EngineConfig, lint_text
from budgetlint.rules.narrative.coverage import coverage
from budgetlint.rules.narrative.sections import narrative

FINALS = ("planning-2024-bumen-juesuan.pdf", "socialwork-2024-bumen-juesuan.pdf")
GENERIC = ("词表中没有这一说法", "章节主题未识别", "找不到金额或基数", "不是占比或增长率")


def _document(corpus_imports: dict[str, Any], name: str) -> Any:
    from budgetlint.importer.command import render

    _, imported = corpus_imports[name]
    text = render(imported, Path("/tmp") / "x.yaml", Path(name))
    result = lint_text(name, text, (), EngineConfig())
    assert result.disclosure is not None
    return result.disclosure


@pytest.mark.parametrize("name", FINALS)
def test_every_unchecked_figure_of_a_final_says_why(corpus_imports: dict[str, Any], name: str) -> None:
    doc = _document(corpus_imports, name)
    cover = coverage(doc)
    unchecked = list(cover.unchecked())
    assert not [f"{f.kind} {f.number.text}：{f.how}" for f in unchecked if any(g in f.how for g in GENERIC)]
    # a change without the prior year's figure: a 决算 prints this year only (BL802 reads 预算 changes only);
    # one whose subject the vocabulary does not know (“项目支出……较上一度增加”) is the reader's gap, and says so
    assert all("决算只印本年数" in f.how or f.how.startswith("增减的主语不在词表中") for f in unchecked if f.kind == "增减")
    assert cover.checked / cover.total > 0.88, cover.share()  # planning 88.7 %, socialwork 90.9 % (issue goal: 90 %)


def test_the_official_template_has_prose_but_no_figure(corpus_imports: dict[str, Any]) -> None:
    doc = _document(corpus_imports, "template-2024-bumen-juesuan.pdf")
    sections = list(narrative(doc))
    assert len(sections) > 10 and any("XXX万元" in ns.section.text for ns in sections)
    assert coverage(doc).total == 0


@pytest.mark.parametrize("name", FINALS)
def test_no_change_of_a_final_is_counted_as_compared_with_a_prior_year_cell(corpus_imports: dict[str, Any], name: str) -> None:
    """The vocabulary's 上年 cells are the 预算 三公经费表's; a 决算 prints no prior year, so BL319 compares
    nothing — “2024 年度“三公”经费财政拨款支出决算数比 2023 年度减少 0.15 万元” was counted as checked."""
    doc = _document(corpus_imports, name)
    changes = [f for f in coverage(doc).figures if f.kind == "增减"]
    assert changes and not [f.number.text for f in changes if f.how == "与表中上年数比较方向"]
