"""Repository mode in the editor: a cross-file finding's related information points into the other
disclosure, on disk or opened (its unsaved text is what the rule reads)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from conftest import CLEAN
from lsp_support import CLIENTS, SERVER, TIMEOUT, Session, only, start
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

pytestmark = pytest.mark.asyncio


@pytest_lsp.fixture(config=SERVER, params=CLIENTS)
async def client(lsp_client: LanguageClient, request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[None]:
    lsp_client.session = await start(lsp_client, request.param, tmp_path)  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def session(client: LanguageClient) -> Session:
    return client.session  # type: ignore[attr-defined,no-any-return]


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """2023 (clean) and 2022 whose 收入总计 100.00 contradicts 2023's “收入增加 197.26” (293.68 − 197.26 = 96.42)."""
    text = CLEAN.read_text(encoding="utf-8")
    (tmp_path / ".budgetlint.toml").write_text('select = ["BL802"]\n', encoding="utf-8")
    current, prior = tmp_path / "2023.yaml", tmp_path / "2022.yaml"
    current.write_text(text, encoding="utf-8")
    # the other figures are those the 2023 narrative implies (支出 96.42, 一般公共预算 96.42, 公用经费 6.35)
    last = text.replace("年度: 2023\n", "年度: 2022\n", 1).replace("收入总计: 293.68", "收入总计: 100.00", 1)
    last = last.replace("支出总计: 293.68", "支出总计: 96.42", 1).replace("公用经费: 7.22}", "公用经费: 6.35}", 1)
    last = last.replace("支出合计: {合计: 293.68, 一般公共预算: 293.68", "支出合计: {合计: 96.42, 一般公共预算: 96.42", 1)
    prior.write_text(last, encoding="utf-8")
    return current, prior


async def test_related_information_points_into_the_file_on_disk(session: Session, pair: tuple[Path, Path]) -> None:
    current, prior = pair
    uri = session.open(current)
    diagnostic = only(await session.diagnostics(uri), "BL802")
    assert session.text_at(uri, diagnostic.range) == "197.26"
    if session.name == "emacs":  # no relatedInformation support: the other file is named in the message
        assert "2022.yaml" in diagnostic.message and diagnostic.related_information is None
        return
    assert diagnostic.related_information is not None
    other = [r for r in diagnostic.related_information if r.location.uri == prior.as_uri()]
    assert len(other) == 1 and "收入总计" in other[0].message
    session.texts[prior.as_uri()] = prior.read_text(encoding="utf-8")  # the oracle reads the other file's text
    assert session.text_at(prior.as_uri(), other[0].location.range) == "100.00"


async def test_an_opened_related_document_is_read_unsaved(session: Session, pair: tuple[Path, Path]) -> None:
    current, prior = pair
    uri = session.open(current)
    only(await session.diagnostics(uri), "BL802")
    fixed = prior.read_text(encoding="utf-8").replace("收入总计: 100.00", "收入总计: 96.42", 1)
    prior_uri = session.open(prior, fixed)  # corrected in the editor, not saved
    await session.diagnostics(prior_uri)
    session.replace(uri, None, session.texts[uri] + "\n")  # any edit: 2023 is checked again
    assert [d for d in await session.diagnostics(uri) if d.code == "BL802"] == []


async def test_closing_an_unsaved_related_document_brings_back_the_file_on_disk(session: Session,
                                                                                 pair: tuple[Path, Path]) -> None:
    current, prior = pair
    uri = session.open(current)
    fixed = prior.read_text(encoding="utf-8").replace("收入总计: 100.00", "收入总计: 96.42", 1)
    prior_uri = session.open(prior, fixed)
    await session.diagnostics(prior_uri)
    session.replace(uri, None, session.texts[uri] + "\n")
    assert [d for d in await session.diagnostics(uri) if d.code == "BL802"] == []
    session.client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(prior_uri)))
    session.replace(uri, None, session.texts[uri] + "\n")  # the edit in 2022 was never saved
    only(await session.diagnostics(uri), "BL802")


async def _published_after(session: Session, uri: str, seen: int) -> list[lsp.Diagnostic]:
    """The diagnostics of the first publish for ``uri`` after the first ``seen`` publishes (push clients)."""
    async def wait() -> list[lsp.Diagnostic]:
        while True:
            mine = [p for p in session.client.published if p.uri == uri]  # type: ignore[attr-defined]
            if len(mine) > seen:
                return list(mine[seen].diagnostics)
            await asyncio.sleep(0.01)
    return await asyncio.wait_for(wait(), TIMEOUT)


def _publishes(session: Session, uri: str) -> int:
    return len([p for p in session.client.published if p.uri == uri])  # type: ignore[attr-defined]


async def test_correcting_the_related_document_clears_the_open_one_without_touching_it(
        session: Session, pair: tuple[Path, Path]) -> None:
    """Before this, 2023 kept its BL802 until it was edited itself, though it judged 2022's old figure."""
    current, prior = pair
    uri = session.open(current)
    only(await session.diagnostics(uri), "BL802")
    seen = _publishes(session, uri)
    fixed = prior.read_text(encoding="utf-8").replace("收入总计: 100.00", "收入总计: 96.42", 1)
    prior_uri = session.open(prior, fixed)  # corrected in the editor, not saved; 2023 is not edited
    await session.diagnostics(prior_uri)
    after = await session.diagnostics(uri) if session.pull else await _published_after(session, uri, seen)
    assert [d for d in after if d.code == "BL802"] == []
    seen = _publishes(session, uri)
    # closing the unsaved correction: 2023 is judged against the file on disk again
    session.client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(prior_uri)))
    if session.pull:
        await asyncio.sleep(0.2)  # the close is a notification: let the server handle it before pulling
        after = await session.diagnostics(uri)
    else:
        after = await _published_after(session, uri, seen)
    only(after, "BL802")


async def test_opening_the_related_file_as_it_is_on_disk_does_not_check_the_others_again(
        session: Session, pair: tuple[Path, Path]) -> None:
    current, prior = pair
    uri = session.open(current)
    await session.diagnostics(uri)
    seen = _publishes(session, uri)
    await session.diagnostics(session.open(prior))
    await asyncio.sleep(0.3)  # a re-check would publish within the debounce (50 ms) and a lint
    assert _publishes(session, uri) == seen
