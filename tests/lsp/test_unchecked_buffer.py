"""The language server decides which buffers are disclosures as ``budgetlint check DIR`` does (issue 12 item 3):
a disclosure whose 格式版本 is misspelt shows BL005 at the key instead of nothing at all."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from conftest import CLEAN
from lsp_support import SERVER, Session, only, start
from pytest_lsp import LanguageClient

pytestmark = pytest.mark.asyncio


@pytest_lsp.fixture(config=SERVER, params=["visual-studio-code"])
async def client(lsp_client: LanguageClient, request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[None]:
    lsp_client.session = await start(lsp_client, request.param, tmp_path)  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def session(client: LanguageClient) -> Session:
    return client.session  # type: ignore[attr-defined,no-any-return]


async def test_misspelt_declaration_is_shown_at_the_key(session: Session, tmp_path: Path) -> None:
    text = CLEAN.read_text(encoding="utf-8").replace("格式版本: 1\n", "格式版板: 1\n", 1)
    target = tmp_path / "typo.yaml"
    target.write_text(text, encoding="utf-8")
    uri = session.open(target)
    diagnostics = await session.diagnostics(uri)
    found = only(diagnostics, "BL005")
    assert session.text_at(uri, found.range) == "格式版板"
    assert "语义规则未运行" in only(diagnostics, "BL006").message
