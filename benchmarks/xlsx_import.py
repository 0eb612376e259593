"""Excel import figures (issue 14): reading and importing workbooks laid out like the corpus tables, and how fast
hostile workbooks are refused. Prints figures; asserts nothing (no timed tests).

    .venv/bin/python benchmarks/xlsx_import.py        # needs ../shared/corpus (the workbooks are built from it)

The workbooks are built at run time from the corpus PDFs' own pages by tests/importer/xlsx_builders.py (one
sheet per table, merged headers, split 类/款/项 codes, amounts as formatted number cells).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "importer"))

from openpyxl import Workbook  # noqa: E402
from xlsx_builders import workbook_from_grids  # noqa: E402

from budgetlint.importer.command import import_file  # noqa: E402
from budgetlint.importer.pdf import read_pdf  # noqa: E402
from budgetlint.importer.xlsx import WorkbookError, read_xlsx  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "shanghai-putuo"


def median_ms(action: object, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def refused_ms(path: Path) -> float:
    start = time.perf_counter()
    try:
        read_xlsx(path)
    except WorkbookError:
        return (time.perf_counter() - start) * 1000
    raise SystemExit(f"{path} was not refused")


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="xlsx-bench-"))
    for pdf in sorted(CORPUS.glob("*.pdf")):
        workbook = workbook_from_grids(read_pdf(pdf), work / f"{pdf.stem}.xlsx")
        cells = sum(len(row.cells) for grid in read_xlsx(workbook).grids for row in grid.rows)
        read = median_ms(lambda path=workbook: read_xlsx(path))
        whole = median_ms(lambda path=workbook: import_file(path, None))
        print(f"{pdf.stem}: {workbook.stat().st_size // 1024} KB, {cells} cells — read {read:.0f} ms, "
              f"import (read + map) {whole:.0f} ms (median of 5)")
    bomb = work / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            for _ in range(1024):
                member.write(b"\0" * (1 << 20))
    print(f"1 GiB of zeros in a {bomb.stat().st_size // 1024} KB zip: refused in {refused_ms(bomb):.0f} ms")
    far = Workbook()
    far.active["A1"] = "标题"
    far.active.cell(1_048_576, 16_384, 1)
    far.save(work / "far.xlsx")
    print(f"a value at XFD1048576: refused in {refused_ms(work / 'far.xlsx'):.0f} ms")


if __name__ == "__main__":
    main()
