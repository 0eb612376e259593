"""``budgetlint lsp``: the language server. Needs the optional extra ``budgetlint[lsp]`` (pygls 2.x).

Nothing here imports pygls at module level, so ``budgetlint check`` never pays for it.
"""

from __future__ import annotations

import argparse
import logging
import sys

EXIT_ERROR = 2


def run_server(args: argparse.Namespace) -> int:
    """Serve LSP over stdio until the client says exit; 2 if pygls is missing or the rules do not load."""
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        # budgetlint is not on PyPI: name the extra's own packages, which install into any environment
        sys.stderr.write("budgetlint: 错误：语言服务器需要 pygls，请在安装 budgetlint 的环境中安装："
                         "pip install 'pygls>=2.0,<3' 'lsprotocol>=2024.0.0'\n")
        return EXIT_ERROR
    from budgetlint.lsp.server import create_server
    from budgetlint.rule import RuleLoadError, load_rules

    try:
        rules = load_rules()
    except RuleLoadError as error:
        sys.stderr.write(f"budgetlint: 错误：规则加载失败：{error}\n")
        return EXIT_ERROR
    # stdout carries the protocol: everything else goes to stderr, which editors show as the server log.
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="budgetlint-lsp %(levelname)s %(message)s")
    create_server(rules).start_io()
    return 0
