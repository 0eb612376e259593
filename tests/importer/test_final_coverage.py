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
from budgetlint.narrative.coverage import coverage
from budgetlint.narrative.sections import narrative

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
    # a change without the prior year's figure: the prior year's file checks it (repository mode, BL802)
    assert all("需要上年文件才能检查" in f.how for f in unchecked if f.kind == "增减")
    assert cover.checked / cover.total > 0.89, cover.share()


def test_the_official_template_has_prose_but_no_figure(corpus_imports: dict[str, Any]) -> None:
    doc = _document(corpus_imports, "template-2024-bumen-juesuan.pdf")
    sections = list(narrative(doc))
    assert len(sections) > 10 and any("XXX万元" in ns.section.text for ns in sections)
    assert coverage(doc).total == 0
