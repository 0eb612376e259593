"""Helpers for the end-to-end tests: a real ``budgetlint lsp`` process driven by pytest-lsp's client.

Not a conftest.py: test modules import ``conftest`` by name (tests/conftest.py), and a second
conftest.py on sys.path would shadow it.

Positions are checked against an oracle written independently of budgetlint.lsp.positions: it
slices the line encoded in the negotiated encoding, the way a client does.
"""

from __future__ import annotations

import asyncio
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

TIMEOUT = 30.0  # a safety net against a hung server, not a speed assertion
_CODECS = {"utf-8": ("utf-8", 1), "utf-16": ("utf-16-le", 2), "utf-32": ("utf-32-le", 4)}
# pytest-lsp's bundled capability files: VS Code 1.65 pushes (utf-16), Neovim 0.11 pulls (utf-8 first),
# Emacs 29 eglot pushes, prefers utf-32 and has no relatedInformation support.
CLIENTS = ("visual-studio-code", "neovim", "emacs")


def _record(client: LanguageClient, params: lsp.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)  # type: ignore[attr-defined]


def make_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every publish (with its version) instead of only the last."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []  # type: ignore[attr-defined]
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _record})
    return client


# Where the repository's docs/ are on the web (budgetlint.links): a test checkout installed from a directory
# has no such address, so the server is told one, as an intranet deployment would.
DOCS_URL = "https://git.example.gov.cn/caizheng/budgetlint/-/blob/v0.1.0/docs"
SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "budgetlint", "lsp", "--stdio"],
                            client_factory=make_client, server_env={**os.environ, "BUDGETLINT_DOCS_URL": DOCS_URL})


def offset(text: str, position: lsp.Position, encoding: str) -> int:
    """Code-point offset in ``text`` of an LSP position (test oracle)."""
    lines = text.split("\n")
    before = sum(len(line) + 1 for line in lines[: position.line])
    codec, width = _CODECS[encoding]
    units = lines[position.line].encode(codec)[: position.character * width]
    return before + len(units.decode(codec))


def text_at(text: str, where: lsp.Range, encoding: str) -> str:
    return text[offset(text, where.start, encoding): offset(text, where.end, encoding)]


def apply_edits(text: str, edits: list[lsp.TextEdit], encoding: str) -> str:
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = offset(text, edit.range.start, encoding), offset(text, edit.range.end, encoding)
        text = text[:start] + edit.new_text + text[end:]
    return text


@dataclass
class Session:
    """One initialized client/server pair and the documents it has open."""

    client: LanguageClient
    name: str
    encoding: str
    pull: bool
    versions: dict[str, int] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    def open(self, path: Path, text: str | None = None) -> str:
        uri = path.as_uri()
        text = path.read_text(encoding="utf-8") if text is None else text
        self.versions[uri], self.texts[uri] = 1, text
        self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
        return uri

    def replace(self, uri: str, where: lsp.Range | None, new_text: str) -> None:
        """An edit as the editor sends it: a range replacement, or the whole text when ``where`` is None."""
        self.versions[uri] += 1
        if where is None:
            change: Any = lsp.TextDocumentContentChangeWholeDocument(text=new_text)
            self.texts[uri] = new_text
        else:
            change = lsp.TextDocumentContentChangePartial(range=where, text=new_text)
            self.texts[uri] = apply_edits(self.texts[uri], [lsp.TextEdit(where, new_text)], self.encoding)
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]), [change]))

    async def diagnostics(self, uri: str) -> list[lsp.Diagnostic]:
        """Diagnostics for the current version: pulled, or awaited as a publish carrying that version."""
        if self.pull:
            report = await asyncio.wait_for(self.client.text_document_diagnostic_async(
                lsp.DocumentDiagnosticParams(text_document=lsp.TextDocumentIdentifier(uri))), TIMEOUT)
            assert isinstance(report, lsp.RelatedFullDocumentDiagnosticReport)
            return list(report.items)
        version = self.versions[uri]
        published = await asyncio.wait_for(self._published(uri, version), TIMEOUT)
        return list(published.diagnostics)

    async def _published(self, uri: str, version: int) -> lsp.PublishDiagnosticsParams:
        while True:
            for params in reversed(self.client.published):  # type: ignore[attr-defined]
                if params.uri == uri and params.version == version:
                    return params
            await asyncio.sleep(0.01)

    def text_at(self, uri: str, where: lsp.Range) -> str:
        return text_at(self.texts[uri], where, self.encoding)


def only(diagnostics: list[lsp.Diagnostic], code: str) -> lsp.Diagnostic:
    found = [d for d in diagnostics if d.code == code]
    assert len(found) == 1, [(d.code, d.message) for d in diagnostics]
    return found[0]


async def start(client: LanguageClient, name: str, root: Path) -> Session:
    result = await client.initialize_session(lsp.InitializeParams(
        capabilities=client_capabilities(name), root_uri=root.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(uri=root.as_uri(), name="disclosures")]))
    negotiated = result.capabilities.position_encoding or "utf-16"
    encoding = str(getattr(negotiated, "value", negotiated))  # an enum member or a plain string
    pull = client.capabilities is not None and client.capabilities.text_document is not None \
        and client.capabilities.text_document.diagnostic is not None
    return Session(client, name, encoding, pull)
