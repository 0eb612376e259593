"""The real server over stdio, driven as VS Code, Neovim and Emacs (see conftest.py)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from lsp_support import TIMEOUT, Session, apply_edits, client, example, only, session  # noqa: F401 (fixtures)
from lsprotocol import types as lsp

from budgetlint.engine import lint_text
from budgetlint.rule import load_rules

pytestmark = pytest.mark.asyncio

FIGURE = "291.38"  # 整体绩效目标表 部门预算总额 in the example; 收支总表 支出总计 is 293.68


async def test_diagnostic_range_is_the_figure_with_the_other_side_related(session: Session, example: Path) -> None:
    uri = session.open(example)
    diagnostic = only(await session.diagnostics(uri), "BL211")
    assert session.text_at(uri, diagnostic.range) == FIGURE
    assert diagnostic.severity == lsp.DiagnosticSeverity.Error
    assert diagnostic.source == "budgetlint"
    assert diagnostic.code_description is not None
    assert diagnostic.code_description.href == "https://budgetlint.dev/rules/BL211"
    assert "291.38" in diagnostic.message and "293.68" in diagnostic.message
    if session.name == "emacs":  # eglot declares no relatedInformation support: the place is in the message
        assert diagnostic.related_information is None
        assert "相关位置：第 400 行" in diagnostic.message
        return
    assert diagnostic.related_information is not None
    (related,) = diagnostic.related_information
    assert related.location.uri == uri
    assert session.text_at(uri, related.location.range) == "293.68"
    assert "支出总计" in related.message


async def test_correcting_the_figure_clears_its_diagnostic(session: Session, example: Path) -> None:
    uri = session.open(example)
    before = await session.diagnostics(uri)
    wrong = only(before, "BL211")
    session.replace(uri, wrong.range, "293.68")
    after = await session.diagnostics(uri)
    assert "BL211" not in {d.code for d in after}
    # the example's other contradictions are still reported: only the corrected one went away
    assert {d.code for d in before} - {"BL211"} <= {d.code for d in after}


async def test_a_syntax_error_is_reported_and_the_server_keeps_serving(session: Session, example: Path) -> None:
    uri = session.open(example)
    good = session.texts[uri]
    only(await session.diagnostics(uri), "BL211")
    broken = good.replace("部门: 新乡市卫滨区科技和工业信息化局\n", "部门: 新乡市: 局\n", 1)
    session.replace(uri, None, broken)
    error = only(await session.diagnostics(uri), "BL001")
    assert error.severity == lsp.DiagnosticSeverity.Error
    assert error.range.start.line == 6  # line 7: 部门: 新乡市: 局
    assert session.text_at(uri, error.range) == ":"
    session.replace(uri, None, good)
    only(await session.diagnostics(uri), "BL211")


async def test_columns_after_characters_outside_the_bmp(session: Session, example: Path) -> None:
    # 𠀀 (U+20000, CJK Extension B) is 2 UTF-16 units, 4 UTF-8 bytes, 1 code point
    text = example.read_text(encoding="utf-8").replace(
        "  - 名称: 新乡市卫滨区科技和工业信息化局本级\n", "  - {名称: 𠀀𠀀科技局本级, 编码: abc}\n", 1)
    uri = session.open(example, text)
    schema = only(await session.diagnostics(uri), "BL002")
    assert session.text_at(uri, schema.range) == "abc"
    # 22 code points precede "abc": 2 of them non-BMP (+1 UTF-16 unit each), 9 BMP CJK (3 bytes) and 11 ASCII
    columns = {"utf-16": 24, "utf-8": 11 + 9 * 3 + 2 * 4, "utf-32": 22}
    assert schema.range.start.character == columns[session.encoding]


async def test_suppression_code_action_suppresses_the_finding(session: Session, example: Path) -> None:
    uri = session.open(example)
    diagnostic = only(await session.diagnostics(uri), "BL211")
    actions = await asyncio.wait_for(session.client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri), range=diagnostic.range,
        context=lsp.CodeActionContext(diagnostics=[diagnostic]))), TIMEOUT)
    assert actions
    (action,) = [a for a in actions if isinstance(a, lsp.CodeAction) and "BL211" in a.title]
    assert action.kind == lsp.CodeActionKind.QuickFix
    assert action.edit is not None
    edits = _edits(action.edit, uri)
    assert [e.new_text for e in edits] == ["  # budgetlint: disable-line=BL211 -- <理由>"]
    # the editor applies the edit; the user writes the reason
    fixed = apply_edits(session.texts[uri], edits, session.encoding).replace("<理由>", "原文如此，已向财政局核实")
    assert "部门预算总额: 291.38  # budgetlint: disable-line=BL211 -- 原文如此" in fixed
    result = lint_text(str(example), fixed, load_rules())
    assert "BL211" not in {f.rule_id for f in result.findings}
    assert not {"BL003", "BL004"} & {f.rule_id for f in result.findings}
    assert result.suppressed == 1
    session.replace(uri, None, fixed)
    assert "BL211" not in {d.code for d in await session.diagnostics(uri)}


def _edits(edit: lsp.WorkspaceEdit, uri: str) -> list[lsp.TextEdit]:
    if edit.document_changes:
        (change,) = edit.document_changes
        assert isinstance(change, lsp.TextDocumentEdit) and change.text_document.uri == uri
        return [e for e in change.edits if isinstance(e, lsp.TextEdit)]
    assert edit.changes is not None
    return list(edit.changes[uri])


async def test_hover_explains_the_arithmetic_and_the_rule(session: Session, example: Path) -> None:
    uri = session.open(example)
    diagnostic = only(await session.diagnostics(uri), "BL211")
    hover = await asyncio.wait_for(session.client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri), position=diagnostic.range.start)), TIMEOUT)
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    value = hover.contents.value
    assert "291.38 − 293.68 = -2.30" in value  # the arithmetic (Finding.detail)
    assert "第 400 行：预算01表（收支总表）支出总计 293.68 万元" in value  # the related figure
    assert "整体绩效目标表（河南预算11表）重述整个部门的预算规模" in value  # the rule's doc
    assert hover.range == diagnostic.range


async def test_yaml_that_is_not_a_disclosure_gets_no_diagnostics(session: Session, tmp_path: Path) -> None:
    workflow = tmp_path / "ci.yaml"
    workflow.write_text("on: [push]\njobs: {}\n", encoding="utf-8")
    uri = session.open(workflow)
    assert await session.diagnostics(uri) == []
