"""Server wiring without a running server: negotiation, texts, the optional dependency."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest
from conftest import EXAMPLE, ROOT
from lsprotocol import types as lsp
from pytest_lsp import client_capabilities

from budgetlint.finding import Finding, RelatedLocation, Severity
from budgetlint.lsp import run_server
from budgetlint.lsp.render import doc_markdown, message_with_related
from budgetlint.lsp.server import DEBOUNCE_SECONDS, negotiate, wants_quickfix
from budgetlint.source import Span


def _init(client: str, options: object = None) -> lsp.InitializeParams:
    return lsp.InitializeParams(capabilities=client_capabilities(client), initialization_options=options)


@pytest.mark.parametrize(("client", "push"), [
    ("visual-studio-code", True),  # 1.65 cannot pull
    ("neovim@v0.9.1", True),
    ("neovim", False),  # ≥ 0.10 pulls: pushing as well would show every finding twice
    ("emacs", True),
])
def test_push_only_to_clients_that_cannot_pull(client: str, push: bool) -> None:
    assert negotiate(_init(client)).push is push


def test_initialization_options_override_mode_and_debounce() -> None:
    settings = negotiate(_init("neovim", {"diagnosticMode": "push", "debounceMs": 200}))
    assert settings.push and settings.debounce == 0.2
    ignored = negotiate(_init("visual-studio-code", {"diagnosticMode": "sometimes", "debounceMs": "fast"}))
    assert ignored.push and ignored.debounce == DEBOUNCE_SECONDS
    assert not negotiate(_init("neovim", {"diagnosticMode": ["push"], "debounceMs": -1})).push


def test_related_information_and_tags_follow_the_client() -> None:
    assert negotiate(_init("visual-studio-code")).related_information
    emacs = negotiate(_init("emacs"))
    assert not emacs.related_information and emacs.unnecessary_tag


def test_rule_doc_sections_become_markdown_headings_not_code_blocks() -> None:
    doc = "标题一句。\n\n为什么\n    说明文字。\n\n错误示例\n    ```yaml\n    a: 1\n    ```\n"
    assert doc_markdown(doc) == "标题一句。\n\n**为什么**\n\n说明文字。\n\n**错误示例**\n\n```yaml\na: 1\n```"


def test_related_places_go_into_the_message_for_clients_without_related_information() -> None:
    related = (RelatedLocation("a.yaml", Span(400, 13, 400, 19), "支出总计 293.68 万元"),
               RelatedLocation("b.yaml", Span(3, 1, 3, 2), "上年数"))
    finding = Finding("a.yaml", Span(574, 15, 574, 21), "BL211", Severity.ERROR, "不一致", related=related)
    assert message_with_related(finding) == "不一致（相关位置：第 400 行：支出总计 293.68 万元；b.yaml 第 3 行：上年数）"


def test_without_pygls_the_server_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "pygls", None)  # makes "import pygls" raise ImportError
    assert run_server(argparse.Namespace(stdio=True)) == 2
    # budgetlint is not published: the command names the lsp extra's own packages, as pyproject.toml has them
    try:
        import tomllib
    except ImportError:  # Python 3.10: the same parser, a dependency there
        import tomli as tomllib  # type: ignore[no-redef]

    extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]["lsp"]
    assert "pip install " + " ".join(f"'{requirement}'" for requirement in extra) in capsys.readouterr().err


def test_check_never_imports_pygls() -> None:
    code = ("import sys; from budgetlint.cli import main; main(['check', sys.argv[1]]); "
            "print(sorted(m for m in sys.modules "
            "if m.split('.')[0] in ('pygls', 'lsprotocol') or m.startswith('budgetlint.lsp')))")
    out = subprocess.run([sys.executable, "-c", code, str(EXAMPLE)], capture_output=True, text=True, check=False)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stderr


@pytest.mark.parametrize(("only", "wanted"), [
    (None, True),
    ([lsp.CodeActionKind.QuickFix], True),
    (["quickfix"], True),
    ([lsp.CodeActionKind.Empty], True),  # "" is the root of every kind
    ([lsp.CodeActionKind.Source, lsp.CodeActionKind.Refactor], False),
    (["quickfix.budgetlint"], False),  # a narrower kind than ours
])
def test_code_action_kind_filter(only: list[str] | None, wanted: bool) -> None:
    assert wants_quickfix(only) is wanted
