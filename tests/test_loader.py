"""The loader split by job (budgetlint/loader/): the fast path is a batch-run accelerator with no side effect elsewhere.

rapidyaml prints its parse errors on file descriptor 2, so the fast path silences that descriptor while it
parses; the language server lints on two threads and logs to stderr, so outside ``fast.batch()`` (which only
``budgetlint check`` enters) nothing may take the fast path, and without rapidyaml every finding is the same.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from budgetlint.engine import EngineConfig, lint_text
from budgetlint.loader import fast
from budgetlint.loader.datafile import load_data
from budgetlint.rule import load_rules

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "henan-2023-weibin-kjgxj.yaml"
# rapidyaml refuses this text (and would print why on descriptor 2); libyaml refuses it too.
REFUSED = "a: [b\nc: d\n"


def _record_fast_path(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make any use of the fast path visible: reading, loading and the call that swaps descriptor 2."""
    calls: list[str] = []
    for name in ("read", "load", "_emit_json"):
        real = getattr(fast, name)

        def recorded(*args: object, _name: str = name, _real: object = real) -> object:
            calls.append(_name)
            return _real(*args)  # type: ignore[operator]

        monkeypatch.setattr(fast, name, recorded)
    return calls


def test_outside_a_batch_run_the_engine_and_data_files_use_the_full_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _record_fast_path(monkeypatch)
    rules = load_rules()
    text = EXAMPLE.read_text(encoding="utf-8")
    result = lint_text(str(EXAMPLE), text, rules, EngineConfig())
    assert result.findings and result.disclosure is not None
    assert lint_text("bad.yaml", REFUSED, rules).unreadable
    assert load_data("a: 1\n", "test.yaml") == {"a": 1}
    assert calls == []
    if fast.available():  # the recorder sees a batch run's use, so the empty list above means something
        with fast.batch():
            lint_text("bad.yaml", REFUSED, rules)
        assert calls == ["load", "read", "_emit_json"]


def test_the_language_servers_lint_threads_never_take_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pygls")
    from budgetlint.lsp.server import BudgetLanguageServer

    calls = _record_fast_path(monkeypatch)
    rules = load_rules()
    server = BudgetLanguageServer(rules)
    try:
        for file, text in ((str(EXAMPLE), EXAMPLE.read_text(encoding="utf-8")), ("bad.yaml", "格式版本: 1\n" + REFUSED)):
            project = server.projects.for_file(file)
            result = server.lint_pool.submit(server.lint, file, text, project).result(timeout=120)
            assert result.findings
    finally:
        server.lint_pool.shutdown()
    assert calls == []


@pytest.mark.skipif(not fast.available(), reason="rapidyaml is not installed")
def test_a_batch_run_takes_the_fast_path_and_a_thread_it_starts_does_not() -> None:
    seen: dict[str, bool] = {}
    with fast.batch():
        seen["batch"] = fast.active()
        worker = threading.Thread(target=lambda: seen.__setitem__("thread", fast.active()))
        worker.start()
        worker.join()
    seen["after"] = fast.active()
    assert seen == {"batch": True, "thread": False, "after": False}


def _active(_: object) -> bool:
    return fast.active()


@pytest.mark.skipif(not fast.available() or not hasattr(os, "fork"), reason="rapidyaml or fork is not available")
def test_workers_forked_by_a_batch_run_take_the_fast_path_too() -> None:
    import multiprocessing

    with fast.batch(), multiprocessing.get_context("fork").Pool(2) as pool:
        assert pool.map(_active, range(4)) == [True] * 4


@pytest.mark.skipif(not fast.available(), reason="rapidyaml is not installed")
def test_overlapping_refusals_leave_stderr_where_it_was() -> None:
    """Two threads in batch runs of their own: descriptor 2 is restored to the same file after both."""
    before = os.fstat(2)

    def refuse_many() -> None:
        with fast.batch():
            for _ in range(200):
                assert fast.read(REFUSED) is fast.DECLINED

    threads = [threading.Thread(target=refuse_many) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    after = os.fstat(2)
    assert (after.st_dev, after.st_ino) == (before.st_dev, before.st_ino)


def _check_json(paths: list[str], block_rapidyaml: bool) -> tuple[str, str, int]:
    """``budgetlint check -f json`` in a fresh interpreter, optionally as if rapidyaml were not installed."""
    block = "sys.modules['ryml'] = None; " if block_rapidyaml else ""  # makes `import ryml` raise ImportError
    code = f"import sys; {block}from budgetlint.cli import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run([sys.executable, "-c", code, "check", "--no-config", "-f", "json", "-j", "1", *paths],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=600)
    return done.stdout, done.stderr, done.returncode


def test_without_rapidyaml_the_findings_are_identical_and_nothing_is_printed() -> None:
    paths = ["examples", "tests/fixtures", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "bad_inputs").iterdir())]
    with_fast = _check_json(paths, block_rapidyaml=False)
    without = _check_json(paths, block_rapidyaml=True)
    assert without[1] == "" and with_fast[1] == ""
    assert json.loads(without[0])["findings"], "the run must have findings to compare"
    assert without == with_fast
