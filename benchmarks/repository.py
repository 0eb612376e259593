"""Repository mode against per-file mode on a generated repository (issue 16, item 5).

    python benchmarks/repository.py [--departments 200] [--years 5] [--repeats 3] [-j 1]

Generates 200 departments × 5 years × {预算, 决算} = 2,000 disclosures twice (benchmarks/corpus.py):
once as generated — last year's file does not hold the figures this year's “与上年相比” implies, so
repository mode reports a true cross-file finding for each (and locates it in both files) — and once
with the comparisons aimed at a year outside the repository (nothing to report across files: the cost of
the index and the cross-file rules alone). Each corpus is checked with ``--no-repository`` (per-file
mode) and without (repository mode: the index over all files, related files from the cache), the runs
interleaved; the medians of wall time and of CPU time (user + system, of the command and its workers:
steadier than wall time on a shared machine) are printed with the ratio. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
BIN = Path(sys.executable).parent

from corpus import generate_repository


def timed(command: list[str]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, number of output lines) of one run."""
    began = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as process:
        out = process.stdout.read() if process.stdout else b""
        _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - began, usage.ru_utime + usage.ru_stime, out.count(b"\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--departments", type=int, default=200)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("-j", "--jobs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        for comparisons in (True, False):
            directory = Path(work) / ("as-generated" if comparisons else "no-cross-file-findings")
            files = generate_repository(directory, args.departments, args.years, 1, comparisons)
            base = [str(BIN / "budgetlint"), "check", str(directory), "--no-config", "-f", "parsable", "-j", str(args.jobs)]
            modes = {"per-file": [*base, "--no-repository"], "repository": base}
            subprocess.run(modes["repository"], capture_output=True, check=False)  # warm the page cache and .pyc
            runs: dict[str, list[tuple[float, float, int]]] = {name: [] for name in modes}
            for repeat in range(args.repeats):
                for name in (list(modes) if repeat % 2 == 0 else list(reversed(modes))):
                    runs[name].append(timed(modes[name]))
            wall = {n: statistics.median(r[0] for r in runs[n]) for n in modes}
            cpu = {n: statistics.median(r[1] for r in runs[n]) for n in modes}
            lines = {n: runs[n][0][2] for n in modes}
            print(f"{directory.name}: {len(files)} files, -j {args.jobs}, median of {args.repeats}")
            for name in modes:
                print(f"  {name:<10} wall {wall[name]:6.2f} s   cpu {cpu[name]:6.2f} s   output lines {lines[name]}")
            print(f"  repository / per-file: wall {wall['repository'] / wall['per-file']:.2f}×, "
                  f"cpu {cpu['repository'] / cpu['per-file']:.2f}× (target ≤ 1.3×)")


if __name__ == "__main__":
    main()
