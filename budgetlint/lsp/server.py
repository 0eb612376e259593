"""The budgetlint language server (pygls 2.x, stdio).

Flow per document: didOpen/didSave lint at once; didChange lints at once after a pause in typing and
otherwise after a short trailing debounce, so a burst of edits costs one check. The lint
runs in a worker thread on a snapshot of the editor's buffer (never the file on disk), so the event
loop keeps reading edits while a check runs; a result whose document version is no longer current
is dropped, and the newer edit's own check publishes. Results are cached per document text, so a
pull request, a hover and a code action for the same text share one lint.

Repository mode: a disclosure is also judged against the other disclosures of its 部门 (last year's
figures, a unit against its 部门), and an open buffer stands for its file. So when the text of one
open disclosure changes — an edit, or an opened buffer that differs from the file on disk — the
other open disclosures of the same 部门 are checked again (pushed after the debounce, or the client is
asked to pull again), and their diagnostics never keep judging the old text.

Push or pull: a client that can pull diagnostics (``textDocument.diagnostic`` — Neovim ≥ 0.10,
recent VS Code) shows pushed and pulled diagnostics side by side, i.e. twice (neovim/neovim#29927);
so such a client is only answered when it pulls, and every other client gets pushes. The
initialization option ``diagnosticMode`` ("auto" | "push" | "pull") overrides this, ``debounceMs``
sets the debounce.

Files that do not declare ``格式版本`` near the top (CI configs, other YAML the editor opens) are
left alone, as ``budgetlint check DIR`` does. Each file is checked with the configuration found
above it (:mod:`budgetlint.lsp.project`), so the editor and ``budgetlint check`` agree.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, Final

from lsprotocol import types as lsp
from pygls import uris
from pygls.capabilities import get_capability
from pygls.lsp.server import LanguageServer

from budgetlint import __version__
from budgetlint.engine import FileResult, file_is_json, lint_bytes, lint_text
from budgetlint.finding import Finding, Severity, Span
from budgetlint.lsp.positions import UTF16, LineIndex, LspPosition
from budgetlint.lsp.project import Project, Projects
from budgetlint.lsp.quickfix import suppression
from budgetlint.lsp.render import SOURCE, finding_doc_url, hover_text, message_with_related
from budgetlint.discover import discover
from budgetlint.rules.crossfile.repository import Repository, activated, closed, for_editor, scan_identity
from budgetlint.rule import BUILTIN_META, Rule
from budgetlint.skipped import looks_like_disclosure

logger = logging.getLogger("budgetlint.lsp")

DEBOUNCE_SECONDS: Final = 0.05
MAX_DEBOUNCE_MS: Final = 5000
LINT_WORKERS: Final = 2
HEAD_CHARS: Final = 65536  # as far into a buffer as discovery looks for 格式版本
DIAGNOSTIC_IDENTIFIER: Final = "budgetlint"
QUICKFIX: Final = "quickfix"

_SEVERITY: Final = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
# An unused suppression comment is dead text: clients render it faded.
_UNNECESSARY: Final = frozenset({"BL003"})


@dataclass(frozen=True, slots=True)
class Settings:
    """What was negotiated with the client at initialize."""

    push: bool = True
    debounce: float = DEBOUNCE_SECONDS
    related_information: bool = True
    markdown: bool = True
    unnecessary_tag: bool = False
    document_changes: bool = False
    refresh: bool = False


@dataclass(frozen=True, slots=True)
class Analysis:
    """One lint of one buffer snapshot, with the diagnostics built for the negotiated encoding."""

    uri: str
    version: int | None
    text: str
    result: FileResult
    index: LineIndex
    pairs: tuple[tuple[Finding, lsp.Diagnostic], ...]
    result_id: str
    project: Project

    @property
    def diagnostics(self) -> list[lsp.Diagnostic]:
        return [diagnostic for _, diagnostic in self.pairs]


def negotiate(params: lsp.InitializeParams) -> Settings:
    caps = params.capabilities
    options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
    can_pull = get_capability(caps, "text_document.diagnostic") is not None
    mode = options.get("diagnosticMode")
    push = {"push": True, "pull": False}.get(mode if isinstance(mode, str) else "auto", not can_pull)
    debounce = DEBOUNCE_SECONDS
    raw = options.get("debounceMs")
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 0 <= raw <= MAX_DEBOUNCE_MS:
        debounce = raw / 1000
    tags = get_capability(caps, "text_document.publish_diagnostics.tag_support.value_set", []) or []
    formats = get_capability(caps, "text_document.hover.content_format", None)
    return Settings(
        push=push,
        debounce=debounce,
        related_information=bool(get_capability(caps, "text_document.publish_diagnostics.related_information", False)
                                 or get_capability(caps, "text_document.diagnostic.related_information", False)),
        markdown=formats is None or lsp.MarkupKind.Markdown in formats,
        unnecessary_tag=lsp.DiagnosticTag.Unnecessary in tags,
        document_changes=bool(get_capability(caps, "workspace.workspace_edit.document_changes", False)),
        refresh=bool(get_capability(caps, "workspace.diagnostics.refresh_support", False)),
    )


def document_file(uri: str, language_id: str | None) -> str:
    """The path budgetlint reports for a buffer; unsaved buffers get a name that picks the loader."""
    path = uris.to_fs_path(uri)
    if path:
        return path
    return "untitled.json" if language_id == "json" else "untitled.yaml"


def lsp_range(index: LineIndex, span: Span) -> lsp.Range:
    start, end = index.range(span)
    return lsp.Range(lsp.Position(start.line, start.character), lsp.Position(end.line, end.character))


def _value(kind: Any) -> str:
    """The protocol string of an lsprotocol enum member or of a plain string (str() gives the member name)."""
    return str(getattr(kind, "value", kind))


def wants_quickfix(only: Sequence[Any] | None) -> bool:
    """Whether a code action request restricted to ``only`` kinds admits "quickfix" (kinds are hierarchical)."""
    if not only:
        return True
    return any(not kind or QUICKFIX == kind or QUICKFIX.startswith(f"{kind}.") for kind in map(_value, only))


def touches(span: Span, start: tuple[int, int], end: tuple[int, int]) -> bool:
    """Whether ``span`` meets the (line, column) range [start, end], ends included (a cursor after a figure)."""
    return (span.line, span.column) <= end and start <= (span.end_line, span.end_column)


def editor_repository(project: Project, file: str) -> Repository:
    """Repository mode in the editor: the configured roots, else the configuration's directory, else the file's."""
    config = project.session.config
    roots = config.roots or ((config.path.parent,) if config.path is not None
                             else (os.path.dirname(os.path.abspath(file)),))
    return for_editor(roots, project.engine, lambda paths: discover(list(paths))[0])


class BudgetLanguageServer(LanguageServer):
    def __init__(self, rules: Sequence[Rule]) -> None:
        super().__init__("budgetlint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.projects = Projects(rules)
        self.shown_errors: set[str] = set()
        self.settings = Settings()
        self.lint_pool = ThreadPoolExecutor(LINT_WORKERS, thread_name_prefix="budgetlint-lint")
        self.analyses: dict[str, Analysis] = {}
        self.running: dict[str, tuple[str, asyncio.Future[Analysis]]] = {}
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self.last_change: dict[str, float] = {}
        self.tasks: set[asyncio.Task[None]] = set()
        self.result_ids = itertools.count(1)
        self.judged_text: dict[str, str] = {}  # uri → the text others were last checked against

    # -- linting ---------------------------------------------------------------------------------

    def lint(self, file: str, text: str, project: Project) -> FileResult:
        """Runs in a worker thread. Never raises: the server must outlive any input."""
        if not looks_like_disclosure(text[:HEAD_CHARS].encode("utf-8", "surrogatepass")):  # as `check DIR` decides
            return FileResult(file, ())
        try:
            config = project.engine(file)
            data = text.encode("utf-8", "surrogatepass")
            with activated(editor_repository(project, file)):  # cross-file rules see the project's disclosures
                if len(data) > config.max_bytes:  # lint_bytes reports the size limit as BL001, as check does
                    return lint_bytes(file, data, project.rules, config)
                return lint_text(file, text, project.rules, config)
        except Exception as error:  # lint_text does not raise for bad input; this is a budgetlint bug
            logger.exception("lint failed for %s", file)
            meta = BUILTIN_META["BL009"]
            message = f"budgetlint 检查此文件时出错：{type(error).__name__}: {error}。请报告此问题。"
            finding = Finding(file, Span.point(1, 1), "BL009", Severity.ERROR, message, meta.name)
            return FileResult(file, (finding,), internal_error=True)

    def analyse_snapshot(self, uri: str, version: int | None, text: str, language_id: str | None) -> Analysis:
        """Runs in a worker thread: lint, then build the diagnostics (also off the event loop)."""
        file = document_file(uri, language_id)
        project = self.projects.for_file(uris.to_fs_path(uri))
        result = self.lint(file, text, project)
        index = LineIndex(text, _value(self.workspace.position_encoding or UTF16))
        pairs = tuple((f, self.diagnostic(f, index, uri, file)) for f in result.findings)
        return Analysis(uri, version, text, result, index, pairs, str(next(self.result_ids)), project)

    async def analyse(self, uri: str) -> Analysis | None:
        """The analysis of the buffer as it is now (cached by text; a running lint of it is shared)."""
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return None
        text, version = document.source, document.version
        cached = self.analyses.get(uri)
        if cached is not None and cached.text == text:
            if cached.version != version:
                cached = self.analyses[uri] = replace(cached, version=version)
            return cached
        running = self.running.get(uri)
        if running is None or running[0] != text:
            loop = asyncio.get_running_loop()
            future = loop.run_in_executor(self.lint_pool, self.analyse_snapshot, uri, version, text,
                                          document.language_id)
            running = self.running[uri] = (text, future)
            future.add_done_callback(lambda done: self._finished(uri, done))
        analysis = replace(await asyncio.shield(running[1]), version=version)
        self.tell(analysis.project.error)
        current = self.workspace.text_documents.get(uri)
        if current is not None and current.source == text:
            self.analyses[uri] = analysis
            self.counterparts_changed(uri, text)
        return analysis

    def counterparts_changed(self, uri: str, text: str) -> None:
        """``uri`` was checked with ``text``: if others of its 部门 last saw another text, check them again.

        Called after the changed document's own check, so its text is in the repository when the others
        run. Only a text change triggers it — not a re-check caused by this very refresh — so two
        related documents never ping-pong.
        """
        before = self.judged_text.get(uri)
        if before is None:  # just opened: the others have been reading the file on disk
            before = _read(uris.to_fs_path(uri) or "") or ""
        self.judged_text[uri] = text
        if before != text:
            self.check_others(uri, text)

    def check_others(self, uri: str, text: str) -> None:
        """Check the other open disclosures of the 部门 that ``text`` declares again."""
        identity = scan_identity(text[:HEAD_CHARS])
        if not identity:
            return
        stale = [other for other, document in self.workspace.text_documents.items()
                 if other != uri and _same_department(document.source, identity.department)]
        for other in stale:
            self.analyses.pop(other, None)
            self.schedule(other, self.settings.debounce)
        if stale and not self.settings.push and self.settings.refresh:
            self.workspace_diagnostic_refresh(None)

    def tell(self, error: str | None) -> None:
        """Show a configuration problem once per message (it would otherwise repeat at every edit)."""
        if error is None or error in self.shown_errors:
            return
        self.shown_errors.add(error)
        logger.warning("%s", error)
        self.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Warning, message=f"budgetlint：{error}"))

    def _finished(self, uri: str, future: asyncio.Future[Analysis]) -> None:
        if self.running.get(uri, ("", None))[1] is future:
            del self.running[uri]

    def current_version(self, uri: str) -> int | None:
        document = self.workspace.text_documents.get(uri)
        return document.version if document is not None else None

    # -- diagnostics -----------------------------------------------------------------------------

    def diagnostic(self, finding: Finding, index: LineIndex, uri: str, file: str) -> lsp.Diagnostic:
        message, related = finding.message, None
        if finding.related and self.settings.related_information:
            related = [
                lsp.DiagnosticRelatedInformation(
                    location=self.location(r.file, r.span, uri, file, index), message=r.message)
                for r in finding.related
            ]
        elif finding.related:
            message = message_with_related(finding)
        faded = finding.rule_id in _UNNECESSARY and self.settings.unnecessary_tag
        tags = [lsp.DiagnosticTag.Unnecessary] if faded else None
        link = finding_doc_url(finding)
        return lsp.Diagnostic(
            range=lsp_range(index, finding.span),
            message=message,
            severity=_SEVERITY[finding.severity],
            code=finding.rule_id,
            code_description=lsp.CodeDescription(href=link) if link else None,
            source=SOURCE,
            related_information=related,
            tags=tags,
        )

    def location(self, path: str, span: Span, uri: str, file: str, index: LineIndex) -> lsp.Location:
        """A related location; in another file its columns are converted with that file's text."""
        if path == file:
            return lsp.Location(uri=uri, range=lsp_range(index, span))
        other_uri = uris.from_fs_path(os.path.abspath(path)) or uri
        other = self.workspace.text_documents.get(other_uri)
        text = other.source if other is not None else _read(path)
        if text is None:  # cannot read it: keep the line, point at its start
            start = lsp.Position(max(span.line - 1, 0), 0)
            return lsp.Location(uri=other_uri, range=lsp.Range(start, start))
        return lsp.Location(uri=other_uri, range=lsp_range(LineIndex(text, index.encoding), span))

    def schedule(self, uri: str, delay: float) -> None:
        """(Re)start the debounce timer for ``uri``; push mode only."""
        if not self.settings.push:
            return
        pending = self.timers.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self.timers[uri] = asyncio.get_running_loop().call_later(delay, self._start_publish, uri)

    def changed(self, uri: str) -> None:
        """An edit: check at once after a pause in typing, else wait for the burst to end.

        A lone edit (none within the debounce window, no check of this document running) is checked
        immediately, so a corrected figure clears its diagnostic without waiting; edits in quick
        succession restart a trailing timer, so a burst (typing, paste, undo steps) costs one check.
        """
        now = asyncio.get_running_loop().time()
        last, self.last_change[uri] = self.last_change.get(uri), now
        burst = (last is not None and now - last < self.settings.debounce) or uri in self.running
        self.schedule(uri, self.settings.debounce if burst else 0)

    def _start_publish(self, uri: str) -> None:
        self.timers.pop(uri, None)
        task = asyncio.ensure_future(self.publish(uri))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def publish(self, uri: str) -> None:
        analysis = await self.analyse(uri)
        if analysis is None or analysis.version != self.current_version(uri):
            return  # closed, or edited meanwhile: that edit's own check publishes
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=analysis.diagnostics, version=analysis.version))

    def forget(self, uri: str) -> None:
        pending = self.timers.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self.analyses.pop(uri, None)
        self.last_change.pop(uri, None)
        self.judged_text.pop(uri, None)
        closed(uris.to_fs_path(uri) or uri)  # repository mode: a closed buffer no longer stands for the file

    # -- requests --------------------------------------------------------------------------------

    async def pull(self, uri: str, previous: str | None) -> lsp.DocumentDiagnosticReport:
        analysis = await self.analyse(uri)
        if analysis is None:
            return lsp.RelatedFullDocumentDiagnosticReport(items=[])
        if previous == analysis.result_id:
            return lsp.RelatedUnchangedDocumentDiagnosticReport(result_id=analysis.result_id)
        return lsp.RelatedFullDocumentDiagnosticReport(items=analysis.diagnostics, result_id=analysis.result_id)

    async def hover(self, uri: str, position: lsp.Position) -> lsp.Hover | None:
        analysis = await self.analyse(uri)
        if analysis is None:
            return None
        point = analysis.index.from_lsp(LspPosition(position.line, position.character))
        found = [f for f in analysis.result.findings if touches(f.span, point, point)]
        if not found:
            return None
        kind = lsp.MarkupKind.Markdown if self.settings.markdown else lsp.MarkupKind.PlainText
        text = hover_text(found, analysis.project.book, self.settings.markdown)
        return lsp.Hover(contents=lsp.MarkupContent(kind=kind, value=text),
                         range=lsp_range(analysis.index, found[0].span))

    async def code_actions(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        if not wants_quickfix(params.context.only):
            return None
        analysis = await self.analyse(params.text_document.uri)
        if analysis is None or file_is_json(analysis.result.file):
            return None
        index = analysis.index
        start = index.from_lsp(LspPosition(params.range.start.line, params.range.start.character))
        end = index.from_lsp(LspPosition(params.range.end.line, params.range.end.character))
        # Each candidate edit is verified by reloading the text: keep that off the event loop.
        return await asyncio.get_running_loop().run_in_executor(self.lint_pool, self.suppressions, analysis, start, end)

    def suppressions(self, analysis: Analysis, start: tuple[int, int], end: tuple[int, int]) -> list[lsp.CodeAction]:
        actions = []
        for finding, diagnostic in analysis.pairs:
            if not touches(finding.span, start, end):
                continue
            insertion = suppression(analysis.text, finding)
            if insertion is None:
                continue
            at = analysis.index.to_lsp(insertion.line, insertion.column)
            position = lsp.Position(at.line, at.character)
            edit = lsp.TextEdit(range=lsp.Range(position, position), new_text=insertion.text)
            actions.append(lsp.CodeAction(title=insertion.title, kind=lsp.CodeActionKind.QuickFix,
                                          diagnostics=[diagnostic], edit=self.workspace_edit(analysis, edit)))
        return actions

    def workspace_edit(self, analysis: Analysis, edit: lsp.TextEdit) -> lsp.WorkspaceEdit:
        if self.settings.document_changes:
            document = lsp.OptionalVersionedTextDocumentIdentifier(uri=analysis.uri, version=analysis.version)
            return lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(text_document=document, edits=[edit])])
        return lsp.WorkspaceEdit(changes={analysis.uri: [edit]})


def _same_department(text: str, department: str) -> bool:
    identity = scan_identity(text[:HEAD_CHARS])
    return bool(identity) and identity.department == department  # type: ignore[union-attr]


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None


def create_server(rules: Sequence[Rule]) -> BudgetLanguageServer:
    server = BudgetLanguageServer(rules)

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: BudgetLanguageServer, params: lsp.InitializeParams) -> None:
        ls.settings = negotiate(params)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: BudgetLanguageServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: BudgetLanguageServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.changed(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: BudgetLanguageServer, params: lsp.DidSaveTextDocumentParams) -> None:
        # Same text, but profiles or rule files on disk may have changed: lint afresh.
        ls.forget(params.text_document.uri)
        ls.schedule(params.text_document.uri, 0)
        if not ls.settings.push and ls.settings.refresh:
            ls.workspace_diagnostic_refresh(None)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: BudgetLanguageServer, params: lsp.DidCloseTextDocumentParams) -> None:
        judged = ls.judged_text.get(params.text_document.uri)
        ls.forget(params.text_document.uri)
        on_disk = _read(uris.to_fs_path(params.text_document.uri) or "")
        if judged is not None and judged != on_disk:  # unsaved text closed: the others read the file again
            ls.check_others(params.text_document.uri, judged)
        if ls.settings.push:
            cleared = lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
            ls.text_document_publish_diagnostics(cleared)

    @server.feature(lsp.TEXT_DOCUMENT_DIAGNOSTIC,
                    lsp.DiagnosticOptions(identifier=DIAGNOSTIC_IDENTIFIER, inter_file_dependencies=True,
                                          workspace_diagnostics=False))
    async def diagnostic(ls: BudgetLanguageServer, params: lsp.DocumentDiagnosticParams) -> Any:
        return await ls.pull(params.text_document.uri, params.previous_result_id)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    async def hover(ls: BudgetLanguageServer, params: lsp.HoverParams) -> lsp.Hover | None:
        return await ls.hover(params.text_document.uri, params.position)

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    async def code_action(ls: BudgetLanguageServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        return await ls.code_actions(params)

    @server.feature(lsp.SHUTDOWN)
    def shutdown(ls: BudgetLanguageServer, params: None) -> None:
        ls.lint_pool.shutdown(wait=False, cancel_futures=True)

    return server
