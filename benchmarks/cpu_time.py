"""CPU time of a whole check per file (a figure, not a test), for comparing two checkouts on a shared machine.

    python benchmarks/corpus.py /tmp/bl-corpus -n 300
    python benchmarks/cpu_time.py /tmp/bl-corpus -n 150

``time.process_time`` counts only this process's CPU time, so other processes on the machine (CI
workers, editors, other checks) change the figure far less than they change wall time, which
benchmarks/breakdown.py reports. Prints ms per file for each of three passes over distinct files and
their minimum, for files without findings (``*-clean.yaml``) and with the example's (``*-example.yaml``).
Run it from each checkout with that checkout's interpreter to compare them.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from budgetlint.engine import lint_bytes  # noqa: E402
from budgetlint.rule import load_rules  # noqa: E402
from budgetlint.runner import GC_THRESHOLD  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="a directory made by benchmarks/corpus.py")
    parser.add_argument("-n", type=int, default=150, help="files of each kind (default 150)")
    args = parser.parse_args()
    gc.set_threshold(*GC_THRESHOLD)  # as `budgetlint check` runs
    rules = load_rules()
    for kind in ("clean", "example"):
        raw = [(str(p), p.read_bytes()) for p in sorted(args.corpus.glob(f"*-{kind}.yaml"))[: args.n]]
        if not raw:
            continue
        lint_bytes(*raw[0], rules)  # first-use costs (schema, profile, vocabulary) are start-up
        passes = []
        for _ in range(3):
            began = time.process_time()
            for name, data in raw:
                lint_bytes(name, data, rules)
            passes.append((time.process_time() - began) / len(raw) * 1000)
        print(f"{kind} ({len(raw)} files), CPU ms per file: {' '.join(f'{p:.2f}' for p in passes)}  min {min(passes):.2f}")


if __name__ == "__main__":
    main()
