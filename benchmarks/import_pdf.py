"""Time `budgetlint import` on a 30-page published PDF, in one process (one core).

    python benchmarks/import_pdf.py [FILE.pdf] [--runs N]

Default file: ../shared/corpus/shanghai-putuo/planning-2024-bumen-juesuan.pdf (30 pages, 9 tables,
the largest of the corpus). Prints the median and the best of N runs for each step — reading the pages
(pdfplumber: characters and ruling lines → grids), mapping the tables and the narrative, writing YAML —
and the whole. Target: < 2 s for 30 pages. A figure, not a test: the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT = ROOT / ".." / "shared" / "corpus" / "shanghai-putuo" / "planning-2024-bumen-juesuan.pdf"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", nargs="?", default=str(DEFAULT))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    from budgetlint.importer.command import render
    from budgetlint.importer.document import build_document, detect_profile
    from budgetlint.importer.pdf import read_pdf

    path = Path(args.file)
    steps: dict[str, list[float]] = {"read (pdf → grids)": [], "map (tables, narrative)": [], "write (YAML)": [], "total": []}
    pages = 0
    cpu: list[float] = []
    for _ in range(args.runs):
        c0 = time.process_time()
        t0 = time.perf_counter()
        grids = read_pdf(path)
        t1 = time.perf_counter()
        imported = build_document(grids, detect_profile(grids), str(path))
        t2 = time.perf_counter()
        render(imported, Path("out.yaml"), path)
        t3 = time.perf_counter()
        cpu.append(time.process_time() - c0)
        pages = len(grids)
        for name, value in zip(steps, (t1 - t0, t2 - t1, t3 - t2, t3 - t0)):
            steps[name].append(value)
    print(f"{path.name}: {pages} pages, {args.runs} runs, one core (Python {sys.version.split()[0]})")
    for name, values in steps.items():
        print(f"  {name:<26} median {statistics.median(values):6.3f} s   best {min(values):6.3f} s")
    # CPU time of this process: what one core spends, whatever else the machine is running
    print(f"  {'total, CPU time':<26} median {statistics.median(cpu):6.3f} s   best {min(cpu):6.3f} s")
    per_30 = statistics.median(steps["total"]) / pages * 30
    per_30_cpu = statistics.median(cpu) / pages * 30
    print(f"  per 30 pages: {per_30:.2f} s wall, {per_30_cpu:.2f} s CPU (target < 2 s); load average "
          f"{os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
