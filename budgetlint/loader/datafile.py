"""budgetlint's own data files (profiles, declarative rules, vocabularies, code lists), read by the disclosure readers."""

from __future__ import annotations

from typing import Any

from budgetlint.loader import fast
from budgetlint.loader.yaml_reader import load_yaml


class DataFileError(Exception):
    """A data file of budgetlint's own (profile, declarative rules, vocabulary) that cannot be read cleanly."""


def load_data(text: str, origin: str) -> Any:
    """The data of a YAML data file, or :class:`DataFileError` naming ``origin:line:col`` and the problem.

    One reader for every data file budgetlint loads (profiles, rules.d/*.yaml, vocabularies, code lists):
    the same loaders as disclosures, so the same traps (octal codes, aliases, duplicate keys) are refused.
    A data file is read at every start, so inside a batch run the fast path is tried first
    (budgetlint.loader.fast, which declines whatever it could read differently).
    """
    if fast.active():
        data = fast.read(text)
        if data is not fast.DECLINED:
            return data
    loaded = load_yaml(text)
    if loaded.document is not None and not loaded.problems:
        return loaded.document.data
    problem = loaded.problems[0] if loaded.problems else None
    where = f":{problem.span.line}:{problem.span.column}" if problem else ""
    raise DataFileError(f"{origin}{where}: {problem.message if problem else '无法读取'}")
