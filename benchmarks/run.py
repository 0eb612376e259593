"""Every performance figure of issue 7, side by side in one run, each with its ratio and target.

    /work/venv/bin/python benchmarks/run.py                      # everything, about 10 minutes on 2 cores
    /work/venv/bin/python benchmarks/run.py --parts startup,throughput -n 500

Parts (``--parts``, comma-separated; default all):

* ``throughput``: in one process, budgetlint's full check of each file (``lint_bytes``, every rule) against
  ``yaml.compose(text, Loader=yaml.CSafeLoader)`` of the same file, interleaved every 10 files in rotating
  order; median of 3 repeats. Target ≤ 1.5×.
* ``commands``: whole commands on the N files: an anchor script that composes every file, ``budgetlint
  check -j 1`` and ``budgetlint check -j 2`` (interleaved, median of 2). Targets: -j 2 ≥ 1.7× faster than
  -j 1; peak RSS < 200 MB.
* ``peers``: ``check-jsonschema --schemafile`` (our schema) and ``yamllint -d relaxed`` against
  ``budgetlint check`` at its default settings (``-j`` = number of cores), and against ``-j 1``, on the
  first ``--peer-n`` files (the peers once each, they take minutes; budgetlint the median of 5 runs).
  Targets ≥ 10× and ≥ 20× faster.
* ``startup``: ``budgetlint check ONE_FILE`` against ``python -c "import yaml"``, and ``budgetlint --version``
  against ``python -c pass`` (15 interleaved runs, median). Target ≤ 2×.
* ``growth``: seconds per file for 100, 1,000 and 10,000 files and for files 1×, 4× and 16× the example's
  project and indicator tables (in process, compose measured alongside). Linear: the per-file (per-MB)
  cost stays flat.

Byte code: the workplace sets PYTHONDONTWRITEBYTECODE=1, so an editable checkout recompiles budgetlint at
every start. Installed packages have .pyc files (pip writes them), so command runs here use
PYTHONPYCACHEPREFIX under the work directory, warmed by one run, to measure what users run.

The corpus comes from benchmarks/corpus.py (seed 1). Nothing here is a test: it prints figures.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402

BIN = Path(sys.executable).parent
PARTS = ("throughput", "commands", "peers", "startup", "growth")
ANCHOR = """import sys, pathlib, yaml
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.yaml")):
    yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""


@dataclass(frozen=True, slots=True)
class Figure:
    what: str
    value: str
    ratio: float | None  # against the reference
    reference: str
    target: str
    met: bool | None


def show(figures: Sequence[Figure]) -> None:
    print()
    print(f"{'measurement':<58} {'value':>14} {'ratio':>8}  {'reference':<34} {'target':<14} met")
    for f in figures:
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else ""
        met = "" if f.met is None else ("yes" if f.met else "NO")
        print(f"{f.what:<58} {f.value:>14} {ratio:>8}  {f.reference:<34} {f.target:<14} {met}")
    sys.stdout.flush()


# ---------------------------------------------------------------------------------------------
# in-process


def _interleaved(files: Sequence[Path], candidates: dict[str, Callable[[str, bytes], object]], repeats: int,
                 block: int = 10) -> dict[str, float]:
    """Median over repeats of each candidate's total seconds; candidates take turns every ``block`` files."""
    data = [(str(p), p.read_bytes()) for p in files]
    gc.collect()
    gc.freeze()  # the inputs are long-lived: keep the collector from walking them
    totals: dict[str, list[float]] = {name: [] for name in candidates}
    names = list(candidates)
    for repeat in range(repeats):
        spent = dict.fromkeys(names, 0.0)
        for start in range(0, len(data), block):
            chunk = data[start: start + block]
            turn = (start // block + repeat) % len(names)
            for name in names[turn:] + names[:turn]:
                run = candidates[name]
                began = time.perf_counter()
                for path, raw in chunk:
                    run(path, raw)
                spent[name] += time.perf_counter() - began
        for name in names:
            totals[name].append(spent[name])
    gc.unfreeze()
    return {name: statistics.median(values) for name, values in totals.items()}


def _engine() -> tuple[Callable[[str, bytes], object], Callable[[str, bytes], object]]:
    import yaml

    from budgetlint.engine import EngineConfig, lint_bytes
    from budgetlint.rule import load_rules

    rules, config = load_rules(), EngineConfig()

    def compose(path: str, raw: bytes) -> object:
        return yaml.compose(raw.decode("utf-8"), Loader=yaml.CSafeLoader)

    from budgetlint.runner import GC_THRESHOLD

    def lint(path: str, raw: bytes) -> object:
        # as `budgetlint check` runs it (budgetlint.runner): the collector's first-generation threshold raised
        previous = gc.get_threshold()
        gc.set_threshold(*GC_THRESHOLD)
        try:
            return lint_bytes(path, raw, rules, config)
        finally:
            gc.set_threshold(*previous)

    return compose, lint


def throughput(files: Sequence[Path]) -> list[Figure]:
    compose, lint = _engine()
    lint(str(files[0]), files[0].read_bytes())  # first-use costs (schema, profile, vocabulary) are start-up
    times = _interleaved(files, {"compose": compose, "budgetlint": lint}, repeats=3)
    ratio = times["budgetlint"] / times["compose"]
    mb = sum(p.stat().st_size for p in files) / 1e6
    return [
        Figure(f"compose (CSafeLoader), {len(files)} files, {mb:.1f} MB", f"{times['compose']:.2f} s", None, "", "", None),
        Figure(f"budgetlint lint_bytes, every rule, {len(files)} files", f"{times['budgetlint']:.2f} s", ratio,
               "compose, same files", "≤ 1.5×", ratio <= 1.5),
    ]


# ---------------------------------------------------------------------------------------------
# whole commands


def _env(cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def _timed(command: Sequence[str], env: dict[str, str]) -> tuple[float, int]:
    """(wall seconds, peak RSS in kB of the command and its workers)."""
    began = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env) as process:
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - began, usage.ru_maxrss


def _runs(commands: dict[str, list[str]], env: dict[str, str], repeats: int) -> dict[str, tuple[float, int]]:
    """Median wall time and largest peak RSS per command, the commands interleaved in rotating order."""
    names = list(commands)
    walls: dict[str, list[float]] = {n: [] for n in names}
    peaks: dict[str, int] = dict.fromkeys(names, 0)
    for repeat in range(repeats):
        turn = repeat % len(names)
        for name in names[turn:] + names[:turn]:
            wall, rss = _timed(commands[name], env)
            walls[name].append(wall)
            peaks[name] = max(peaks[name], rss)
    return {n: (statistics.median(walls[n]), peaks[n]) for n in names}


def _budgetlint(*args: str) -> list[str]:
    return [str(BIN / "budgetlint"), "check", *args, "--no-config", "--format", "parsable"]


def commands(directory: Path, count: int, work: Path) -> list[Figure]:
    anchor = work / "anchor_compose.py"
    anchor.write_text(ANCHOR, encoding="utf-8")
    env = _env(work / "pycache")
    subprocess.run(_budgetlint(str(directory), "-j", "1"), env=env, capture_output=True)  # warm .pyc and page cache
    found = _runs({"anchor": [sys.executable, str(anchor), str(directory)],
                   "j1": _budgetlint(str(directory), "-j", "1"),
                   "j2": _budgetlint(str(directory), "-j", "2")}, env, repeats=2)
    (anchor_s, _), (j1, j1_rss), (j2, j2_rss) = found["anchor"], found["j1"], found["j2"]
    speedup = j1 / j2
    return [
        Figure(f"anchor_compose.py DIR ({count} files, whole command)", f"{anchor_s:.2f} s", None, "", "", None),
        Figure(f"budgetlint check DIR -j 1 ({count} files)", f"{j1:.2f} s", j1 / anchor_s, "anchor_compose.py", "(≤ 1.5×)",
               None),
        Figure(f"budgetlint check DIR -j 2 ({count} files)", f"{j2:.2f} s", j2 / anchor_s, "anchor_compose.py", "", None),
        Figure("parallel speed-up, -j 2 against -j 1", f"{speedup:.2f}×", speedup, "budgetlint -j 1", "≥ 1.7×",
               speedup >= 1.7),
        Figure(f"peak RSS, budgetlint -j 1, {count} files", f"{j1_rss / 1024:.0f} MB", None, "", "< 200 MB",
               j1_rss / 1024 < 200),
        Figure(f"peak RSS per process, budgetlint -j 2, {count} files", f"{j2_rss / 1024:.0f} MB", None, "", "< 200 MB",
               j2_rss / 1024 < 200),
    ]


def peers(directory: Path, count: int, total: int, work: Path) -> list[Figure]:
    """The issue compares "at their and our default settings": budgetlint's default is -j (number of
    cores); the single-process figure (-j 1) is printed beside it."""
    files = sorted(str(p) for p in directory.glob("*.yaml"))[:count]
    env = _env(work / "pycache")
    schema = ROOT / "schemas" / "disclosure-v1.schema.json"
    # budgetlint takes about a second here: median of 5 interleaved runs (the peers, at 13–17 s, run once).
    ours_runs = _runs({"default": _budgetlint(*files), "j1": _budgetlint(*files, "-j", "1")}, env, repeats=5)
    ours, ours_j1 = ours_runs["default"][0], ours_runs["j1"][0]
    cjs, _ = _timed([str(BIN / "check-jsonschema"), "--schemafile", str(schema), *files], env)
    yl, _ = _timed([str(BIN / "yamllint"), "-d", "relaxed", *files], env)
    scale = f"{count} files" + (f" (of {total}; peers are slow)" if count < total else "")
    return [
        Figure(f"budgetlint check (default -j {os.cpu_count()}), {scale}", f"{ours:.2f} s", None, "", "", None),
        Figure(f"budgetlint check -j 1, {scale}", f"{ours_j1:.2f} s", None, "", "", None),
        Figure(f"check-jsonschema --schemafile, {scale}", f"{cjs:.2f} s", cjs / ours, "budgetlint, default (faster by)",
               "≥ 10×", cjs / ours >= 10),
        Figure("  … against budgetlint -j 1", "", cjs / ours_j1, "budgetlint -j 1 (faster by)", "", None),
        Figure(f"yamllint -d relaxed, {scale}", f"{yl:.2f} s", yl / ours, "budgetlint, default (faster by)", "≥ 20×",
               yl / ours >= 20),
        Figure("  … against budgetlint -j 1", "", yl / ours_j1, "budgetlint -j 1 (faster by)", "", None),
    ]


def startup(one: Path, work: Path, runs: int = 15) -> list[Figure]:
    env = _env(work / "pycache")
    found = _runs({"pass": [sys.executable, "-c", "pass"],
                   "yaml": [sys.executable, "-c", "import yaml"],
                   "one": _budgetlint(str(one), "-j", "1"),
                   "version": [str(BIN / "budgetlint"), "--version"]}, env, repeats=runs)
    ms = {name: wall * 1000 for name, (wall, _) in found.items()}
    return [
        Figure('python -c "import yaml"', f"{ms['yaml']:.0f} ms", None, "", "", None),
        Figure("budgetlint check ONE_FILE (example, 51 KB)", f"{ms['one']:.0f} ms", ms["one"] / ms["yaml"],
               'python -c "import yaml"', "≤ 2×", ms["one"] / ms["yaml"] <= 2),
        Figure("budgetlint --version", f"{ms['version']:.0f} ms", ms["version"] / ms["pass"], 'python -c "pass"',
               "≤ 1.5×", ms["version"] / ms["pass"] <= 1.5),
    ]


def growth(work: Path, counts: Sequence[int], sizes: Sequence[int], size_n: int) -> list[Figure]:
    compose, lint = _engine()
    figures = []
    base: float | None = None
    for count in counts:
        directory = work / f"growth-n{count}"
        files = _corpus(directory, count, 1)
        times = _interleaved(files, {"compose": compose, "budgetlint": lint}, repeats=1, block=50)
        per_file = times["budgetlint"] / count * 1000
        base = base or per_file
        figures.append(Figure(f"growth in files: {count} files", f"{per_file:.2f} ms/file", per_file / base,
                              f"ms/file at {counts[0]} files", "flat (linear)", None))
    base = None
    for size in sizes:
        directory = work / f"growth-size{size}"
        files = _corpus(directory, size_n, size)
        mb = sum(p.stat().st_size for p in files) / 1e6
        times = _interleaved(files, {"compose": compose, "budgetlint": lint}, repeats=1, block=20)
        per_mb = times["budgetlint"] / mb
        base = base or per_mb
        figures.append(Figure(f"growth in size: {size}× ({mb / size_n * 1000:.0f} KB/file), lint ÷ compose "
                              f"{times['budgetlint'] / times['compose']:.2f}", f"{per_mb:.3f} s/MB", per_mb / base,
                              "s/MB at 1×", "flat (linear)", None))
    return figures


def _corpus(directory: Path, count: int, size: int) -> list[Path]:
    existing = sorted(directory.glob("*.yaml"))
    if len(existing) == count:
        return existing
    return corpus.generate(directory, count, size, seed=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=2000, help="files for throughput, commands (default 2000)")
    parser.add_argument("--peer-n", type=int, default=200, help="files for the slow peers (default 200)")
    parser.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated, from {', '.join(PARTS)}")
    parser.add_argument("--growth-counts", default="100,1000,10000")
    parser.add_argument("--growth-sizes", default="1,4,16")
    parser.add_argument("--size-n", type=int, default=100, help="files per size factor in the growth part")
    parser.add_argument("--work", type=Path, default=None, help="corpus and cache directory (default: a temp dir)")
    args = parser.parse_args()
    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    work = args.work or Path(tempfile.mkdtemp(prefix="budgetlint-bench-"))
    main_dir = work / f"corpus-n{args.n}"
    files = _corpus(main_dir, args.n, 1)
    mb = sum(p.stat().st_size for p in files) / 1e6
    print(f"corpus: {len(files)} files, {mb:.1f} MB in {main_dir}; Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs")
    figures: list[Figure] = []
    for part in parts:
        began = time.perf_counter()
        if part == "throughput":
            figures += throughput(files)
        elif part == "commands":
            figures += commands(main_dir, len(files), work)
        elif part == "peers":
            figures += peers(main_dir, min(args.peer_n, len(files)), len(files), work)
        elif part == "startup":
            figures += startup(corpus.EXAMPLE, work)
        elif part == "growth":
            figures += growth(work, [int(c) for c in args.growth_counts.split(",")],
                              [int(s) for s in args.growth_sizes.split(",")], args.size_n)
        print(f"  {part}: {time.perf_counter() - began:.0f} s", file=sys.stderr)
    show(figures)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"\n(benchmark process peak RSS {usage.ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
