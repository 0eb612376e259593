"""Fixtures: a real ``budgetlint lsp`` process per test, initialized as VS Code, Neovim and Emacs in turn."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_lsp
from lsp_support import CLIENTS, EXAMPLE, SERVER, Session, start
from pytest_lsp import LanguageClient


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
