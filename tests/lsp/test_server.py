"""The real server over stdio, driven as VS Code, Neovim and Emacs (helpers in lsp_support.py)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from conftest import EXAMPLE, ROOT
from lsp_support import CLIENTS, DOCS_URL, SERVER, TIMEOUT, Session, apply_edits, only, start
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from budgetlint.engine import lint_text
from budgetlint.rule import load_rules
from budgetlint.source import load_yaml

pytestmark = pytest.mark.asyncio

FIGURE = "291.38"  # 整体绩效目标表 部门预算总额 in the example; 收支总表 支出总计 is 293.68


@pytest_lsp.fixture(config=SERVER, params=CLIENTS)
async def client(lsp_client: LanguageClient, request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[None]:
    lsp_client.session = await start(lsp_client, request.param, tmp_path)  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def session(client: LanguageClient) -> Session:
    return client.session  # type: ignore[attr-defined,no-any-return]


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the transcribed example, so the server sees a real file path (never written to)."""
    copy = tmp_path / EXAMPLE.name
    copy.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return copy


async def test_diagnostic_range_is_the_figure_with_the_other_side_related(session: Session, example: Path) -> None:
    uri = session.open(example)
    diagnostic = only(await session.diagnostics(uri), "BL211")
    assert session.text_at(uri, diagnostic.range) == FIGURE
    assert diagnostic.severity == lsp.DiagnosticSeverity.Error
    assert diagnostic.source == "budgetlint"
    assert diagnostic.code_description is not None
    # the rule's section of docs/rules.md in the repository (docgen's heading ``## BL211 overall-performance-total``)
    assert diagnostic.code_description.href == f"{DOCS_URL}/rules.md#bl211-overall-performance-total"
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


async def test_quick_edits_publish_in_version_order_and_end_with_the_last_text(session: Session, example: Path) -> None:
    if session.pull:
        pytest.skip("a pulling client asks for the version it has")
    uri = session.open(example)
    wrong = only(await session.diagnostics(uri), "BL211")
    for figure in ("293.68", "291.38", "293.68", "291.38", "293.68"):  # typed faster than a check takes
        session.replace(uri, wrong.range, figure)
    assert "BL211" not in {d.code for d in await session.diagnostics(uri)}  # the last text: corrected
    versions = [p.version for p in session.client.published if p.uri == uri]  # type: ignore[attr-defined]
    assert versions == sorted(versions) and versions[-1] == session.versions[uri]  # no stale result after it


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


async def test_bad_inputs_never_stop_the_server(session: Session, example: Path, tmp_path: Path) -> None:
    if session.name != "visual-studio-code":
        pytest.skip("the server's robustness does not depend on the client")
    opened = 0
    for bad in sorted((ROOT / "tests" / "bad_inputs").iterdir()):
        try:
            text = bad.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue  # an editor shows such a file in another encoding or as binary; nothing to send
        # a leading comment makes each one a disclosure candidate without changing its YAML/JSON meaning
        target = tmp_path / bad.name
        uri = session.open(target, text if bad.suffix == ".json" else "# 格式版本\n" + text)
        await session.diagnostics(uri)
        opened += 1
    assert opened > 10
    only(await session.diagnostics(session.open(example)), "BL211")


async def test_columns_after_characters_outside_the_bmp(session: Session, example: Path) -> None:
    # 𠀀 (U+20000, CJK Extension B) is 2 UTF-16 units, 4 UTF-8 bytes, 1 code point
    text = example.read_text(encoding="utf-8").replace(
        "  - 名称: 新乡市卫滨区科技和工业信息化局本级\n", "  - {名称: 𠀀𠀀科技局本级, 编码: abc}\n", 1)
    uri = session.open(example, text)
    schema = only(await session.diagnostics(uri), "BL002")
    assert session.text_at(uri, schema.range) == "abc"
    # 22 code points precede "abc": 2 of them non-BMP (+1 UTF-16 unit each), 9 BMP CJK (3 bytes) and 11 ASCII
    columns = {"utf-16": 24, "utf-8": 11 + 9 * 3 + 2 * 4, "utf-32": 22}
    # each client got its first preference: VS Code offers none (UTF-16), Neovim 0.11 UTF-8, eglot UTF-32
    assert session.encoding == {"visual-studio-code": "utf-16", "neovim": "utf-8", "emacs": "utf-32"}[session.name]
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


async def test_finding_inside_a_narrative_block_gets_a_file_level_suppression(session: Session, example: Path) -> None:
    uri = session.open(example)
    blocks = _literal_block_lines(session.texts[uri])
    narrative = [d for d in await session.diagnostics(uri) if d.range.start.line + 1 in blocks]
    assert narrative, "the example's narrative contradicts its tables (e.g. 政府采购 1.50 与货物 0.50)"
    diagnostic = narrative[0]
    actions = await asyncio.wait_for(session.client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri), range=diagnostic.range,
        context=lsp.CodeActionContext(diagnostics=[diagnostic]))), TIMEOUT)
    (action,) = [a for a in actions or [] if isinstance(a, lsp.CodeAction) and str(diagnostic.code) in a.title]
    assert "文件级" in action.title and "文本块" in action.title
    assert action.edit is not None
    (edit,) = _edits(action.edit, uri)
    assert edit.range.start == lsp.Position(0, 0)
    assert edit.new_text == f"# budgetlint: disable-file={diagnostic.code} -- <理由>\n"
    fixed = apply_edits(session.texts[uri], [edit], session.encoding).replace("<理由>", "叙述照录原文")
    remaining = {f.rule_id for f in lint_text(str(example), fixed, load_rules()).findings}
    assert diagnostic.code not in remaining and not {"BL003", "BL004"} & remaining


def _literal_block_lines(text: str) -> set[int]:
    """1-based lines holding the content of literal block scalars (文本: |)."""
    loaded = load_yaml(text)
    assert loaded.document is not None
    return {line for info in loaded.document.smap.nodes.values() if info.style == "|"
            for line in range(info.value.line + 1, info.value.end_line)}


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


async def test_the_project_configuration_applies_to_buffers(session: Session, example: Path) -> None:
    (example.parent / ".budgetlint.toml").write_text('ignore = ["BL211"]\nseverity = { BL216 = "warning" }\n',
                                                     encoding="utf-8")
    uri = session.open(example)
    diagnostics = await session.diagnostics(uri)
    assert "BL211" not in {d.code for d in diagnostics}
    assert only(diagnostics, "BL216").severity == lsp.DiagnosticSeverity.Warning


async def test_a_broken_configuration_is_shown_once_and_defaults_apply(session: Session, example: Path) -> None:
    (example.parent / ".budgetlint.toml").write_text('ignroe = ["BL211"]\n', encoding="utf-8")
    uri = session.open(example)
    only(await session.diagnostics(uri), "BL211")
    session.replace(uri, None, session.texts[uri] + "\n")
    await session.diagnostics(uri)
    shown = [m.message for m in session.client.messages if "ignroe" in m.message]
    assert len(shown) == 1 and "已按默认设置检查" in shown[0]
