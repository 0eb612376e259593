"""Links to a rule's documentation (SARIF ``helpUri``, the language server's ``codeDescription``).

No web site publishes budgetlint's documentation: a rule's doc is the section of ``docs/rules.md`` in
the repository budgetlint was installed from. A link is therefore made only when that repository is
known, and never to an address that may not exist; without a link, SARIF's ``help`` and the editor's
hover still carry the whole doc. Where the repository is known from, first match wins:

1. ``BUDGETLINT_DOCS_URL``: the web address of the repository's ``docs/`` folder, for hosts whose URL
   layout budgetlint cannot know (an intranet GitLab or Gitea), e.g.
   ``https://git.example.gov.cn/caizheng/budgetlint/-/blob/v0.1.0/docs``.
2. An install from a git URL (``pip install git+https://github.com/ORG/budgetlint@v0.1.0``): pip
   records the URL and the commit (PEP 610, ``direct_url.json``); on github.com, gitlab.com and
   gitee.com the doc of exactly that commit has a known address.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from functools import lru_cache
from urllib.parse import urlsplit

RULES_DOC = "rules.md"  # inside docs/
# Blob URL layout per public host: {repository}/{blob}/{commit}/{path}.
_BLOB = {"github.com": "blob", "gitlab.com": "-/blob", "gitee.com": "blob"}


def heading_anchor(rule_id: str, name: str) -> str:
    """The fragment GitHub, GitLab and Gitee give the heading ``## BL211 name`` that docgen writes.

    Their rule: lower case, spaces to hyphens, punctuation other than hyphens dropped; rule ids and
    names are ASCII letters, digits and hyphens, so the fragment is ``bl211-name``.
    """
    return f"{rule_id.lower()}-{name}"


def docs_base_from_direct_url(text: str) -> str | None:
    """The web address of ``docs/`` at the installed commit, from a PEP 610 ``direct_url.json``; None if unknown."""
    try:
        record = json.loads(text)
    except ValueError:
        return None
    vcs = record.get("vcs_info") if isinstance(record, dict) else None
    if not isinstance(vcs, dict) or vcs.get("vcs") != "git" or not isinstance(vcs.get("commit_id"), str):
        return None
    url = str(record.get("url", ""))
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    # https://github.com/ORG/REPO(.git) and ssh://git@github.com/ORG/REPO(.git) name the same repository.
    if host not in _BLOB or parts.scheme not in ("https", "http", "ssh", "git+ssh"):
        return None
    path = parts.path.rstrip("/").removesuffix(".git").strip("/")
    if path.count("/") < 1:
        return None
    return f"https://{host}/{path}/{_BLOB[host]}/{vcs['commit_id']}/docs"


@lru_cache(maxsize=1)
def _installed_docs_base() -> str | None:
    from importlib import metadata  # only a SARIF report or the language server links to docs

    try:
        text = metadata.distribution("budgetlint").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    return docs_base_from_direct_url(text) if text else None


def docs_base(env: Mapping[str, str] | None = None) -> str | None:
    """The web address of the repository's ``docs/`` folder, or None when nothing says where it is."""
    configured = (os.environ if env is None else env).get("BUDGETLINT_DOCS_URL", "").strip()
    if configured:
        return configured.rstrip("/")
    return _installed_docs_base()


def rule_doc_url(rule_id: str, name: str, env: Mapping[str, str] | None = None) -> str | None:
    """The address of a rule's doc in docs/rules.md, or None when the repository is not known.

    Engine findings (BL001–BL009) have a row in the table at the top of the page; those with a doc of
    their own (budgetlint.rule.BUILTIN_DOCS) also have a section.
    """
    from budgetlint.rule import BUILTIN_DOCS, BUILTIN_META

    base = docs_base(env)
    if base is None:
        return None
    page = f"{base}/{RULES_DOC}"
    if rule_id in BUILTIN_META and rule_id not in BUILTIN_DOCS:
        return page
    return f"{page}#{heading_anchor(rule_id, name)}"
