"""Where a check's time goes, step by step, over distinct files of a corpus (a figure, not a test).

    /work/venv/bin/python benchmarks/corpus.py /tmp/bl-corpus -n 300
    /work/venv/bin/python benchmarks/breakdown.py /tmp/bl-corpus -n 150

Files are never repeated: tokenizing and claim extraction are cached per text, so timing one file
again and again measures a warm cache (3.7 ms where distinct files cost 7.8 ms each, when this was
written). Prints ms per file for files without findings (``*-clean.yaml``) and with the example's
findings (``*-example.yaml``).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from budgetlint import source  # noqa: E402
from budgetlint.loader import fast as fastload  # noqa: E402
from budgetlint.engine import EngineConfig, Resolver, lint_bytes, run_rules  # noqa: E402
from budgetlint.model import build  # noqa: E402
from budgetlint.profile import load_profile  # noqa: E402
from budgetlint.rule import load_rules  # noqa: E402
from budgetlint.runner import GC_THRESHOLD  # noqa: E402
from budgetlint.schema import validate  # noqa: E402


def per_file(step: Callable[..., Any], items: Sequence[tuple[Any, ...]]) -> tuple[float, list[Any]]:
    began = time.perf_counter()
    results = [step(*item) for item in items]
    return (time.perf_counter() - began) / len(items) * 1000, results


def breakdown(files: Sequence[Path]) -> list[tuple[str, float]]:
    rules = load_rules()
    raw = [(str(p), p.read_bytes()) for p in files]
    texts = [(name, data.decode("utf-8")) for name, data in raw]
    lint_bytes(*raw[0], rules)  # first-use costs (schema, profile, vocabulary) are start-up
    rows = []
    ms, _ = per_file(lambda name, text: yaml.compose(text, Loader=yaml.CSafeLoader), texts)
    rows.append(("CSafeLoader compose (the reference)", ms))
    ms, documents = per_file(lambda name, text: fastload.load(text), texts)
    rows.append(("fast path read (rapidyaml → JSON → data)", ms))
    if any(d is None for d in documents):
        raise SystemExit("some files take the full loader: this breakdown assumes the fast path")
    ms, _ = per_file(lambda d: list(validate(d.data, d.smap)), [(d,) for d in documents])
    rows.append(("schema", ms))
    profile = load_profile(str(documents[0].data["规范"]), ())
    ms, models = per_file(lambda name, d: build(d.data, name, profile), list(zip([n for n, _ in raw], documents)))
    rows.append(("model build", ms))
    ms, _ = per_file(lambda m, d: run_rules(m, rules, EngineConfig(), Resolver(d.smap)), list(zip(models, documents)))
    rows.append(("rules, incl. narrative extraction and locating findings", ms))
    ms, _ = per_file(lambda name, text: source.compose_yaml(text), texts)
    rows.append(("  (libyaml compose alone, which locating a finding needs)", ms))
    ms, _ = per_file(lambda name, data: lint_bytes(name, data, rules), raw)
    rows.append(("whole lint_bytes", ms))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="a directory made by benchmarks/corpus.py")
    parser.add_argument("-n", type=int, default=150, help="files of each kind (default 150)")
    args = parser.parse_args()
    gc.set_threshold(*GC_THRESHOLD)  # as `budgetlint check` runs
    for kind in ("clean", "example"):
        files = sorted(args.corpus.glob(f"*-{kind}.yaml"))[: args.n]
        if not files:
            continue
        print(f"{kind} ({len(files)} files), ms per file:")
        with fastload.batch():  # as `budgetlint check` runs
            rows = breakdown(files)
        for what, ms in rows:
            print(f"  {what:<60} {ms:6.2f}")


if __name__ == "__main__":
    main()
