"""The corpus PDFs imported once per test session (reading a PDF is the slow step: ~1.5 s CPU for 30 pages).

A module, not a conftest.py: tests/conftest.py is imported by name (`from conftest import …`) by the tests.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "shanghai-putuo"


@functools.lru_cache(maxsize=1)
def _read_corpus() -> dict[str, Any]:
    from budgetlint.importer.document import build_document, detect_profile
    from budgetlint.importer.pdf import read_pdf

    out: dict[str, Any] = {}
    for path in sorted(CORPUS.glob("*.pdf")):
        grids = read_pdf(path, source=path.name)
        profile = detect_profile(grids)
        out[path.name] = (profile, build_document(grids, profile, path.name))
    return out


@pytest.fixture(scope="module")
def corpus_imports() -> dict[str, Any]:
    """File name → (detected profile, Imported) for every PDF of ../shared/corpus/shanghai-putuo; read once
    per test run whichever module asks first (a fixture imported into two modules is two fixtures)."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    pytest.importorskip("pdfplumber")
    return _read_corpus()
