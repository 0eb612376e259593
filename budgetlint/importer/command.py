"""`budgetlint import FILE.pdf [-o OUT.yaml] [--profile P] [--allow-partial]`.

Exit codes: 0 imported completely; 1 something printed could not be placed (the findings say where; the
file is still written with --allow-partial, and not written without it); 3 the input cannot be read
(not a PDF, damaged, no text layer, no known layout) — a Chinese message with the file and page, never a
traceback and never a partial output file; 2 usage errors (as every budgetlint command).
"""

from __future__ import annotations

import sys

# Start-up: `budgetlint --version` and `check` build this parser, so module level stays at sys; the rest is
# imported by `import` itself. Not typing.TYPE_CHECKING (importing typing costs ~2 ms): the idiom of cli.py.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from pathlib import Path
    from typing import Any

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3


class ImportFailure(Exception):
    """The input cannot be imported at all (message in Chinese, with the location)."""


def add_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "import",
        help="把已公开的 PDF（文字版）或导出的 Excel 工作簿（.xlsx）导入为格式 v1 的 YAML 文件",
        description="读取已公开的部门预算/决算 PDF 或导出的 Excel 工作簿，按地区规范识别每张表和叙述部分，写出格式 v1 的 YAML 文件。",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="PDF 或 Excel（.xlsx）文件（可多个）")
    parser.add_argument("-o", "--output", help="输出文件（只导入一个文件时）；默认与输入同名、扩展名 .yaml")
    parser.add_argument("--profile", help="地区规范 id（默认按文件中的表名自动识别）")
    parser.add_argument("--allow-partial", action="store_true", help="有无法归位的内容时仍写出文件（退出码仍为 1）")


def read_grids(path: Path) -> tuple[list[Any], tuple[Any, ...]]:
    """The file's grids and what its reader had to say (the Excel reader's warnings on cells)."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from .pdf import PdfReadError, read_pdf

        try:
            grids = read_pdf(path, source=str(path))
        except PdfReadError as error:
            raise ImportFailure(f"{path}: {error}") from error
        if not any(row.cells for grid in grids for row in grid.rows):
            raise ImportFailure(f"{path}: PDF 没有文字层（可能是扫描件），无法导入；请先做文字识别（OCR）")
        return grids, ()
    if suffix in (".xlsx", ".xlsm", ".xls"):  # .xls: the reader says how to save it as .xlsx (or reads a renamed one)
        from .xlsx import WorkbookError, read_xlsx

        try:
            workbook = read_xlsx(path, source=str(path))
        except WorkbookError as error:  # its message already names the file, sheet and cell
            raise ImportFailure(str(error)) from error
        return list(workbook.grids), workbook.findings
    raise ImportFailure(f"{path}: 不支持的文件类型“{suffix or '无扩展名'}”，请提供 PDF 或 Excel（.xlsx）文件")


def import_file(path: Path, profile: str | None) -> Any:
    """Read, map and serialise one file: (yaml text, findings, profile id). Raises ImportFailure."""
    from ..profile import ProfileError
    from .document import ProfileNotDetected, build_document, detect_profile

    if not path.is_file():
        raise ImportFailure(f"{path}: 文件不存在")
    grids, read_findings = read_grids(path)
    try:
        profile_id = profile or detect_profile(grids)
        imported = build_document(grids, profile_id, str(path))
        if read_findings:
            from dataclasses import replace

            imported = replace(imported, findings=(*read_findings, *imported.findings))
    except ProfileNotDetected as error:
        raise ImportFailure(f"{path}: {error}") from error
    except ProfileError as error:
        raise ImportFailure(f"{path}: {error}") from error
    return imported


def render(imported: Any, out_path: Path, source: Path) -> str:
    import os

    from .writer import to_yaml

    schema = _schema_path()
    modeline = os.path.relpath(schema, out_path.resolve().parent) if schema else None
    where = "页码 = PDF 页码" if source.suffix.lower() == ".pdf" else "单元格 = 工作簿中的“工作表!单元格”"
    comments = [f"由 budgetlint import 从 {source.name} 导入（规范 {imported.profile}）；{where}。"]
    return to_yaml(imported.data, modeline=modeline, comments=comments)


def _schema_path() -> str | None:
    from pathlib import Path

    here = Path(__file__).resolve().parent.parent
    for candidate in (here.parent / "schemas" / "disclosure-v1.schema.json", here / "schemas" / "disclosure-v1.schema.json"):
        if candidate.is_file():
            return str(candidate)
    return None




def schema_problems(text: str, name: str) -> list[str]:
    """The written file read back by budgetlint itself: any load or schema problem (a defect of the
    importer) is reported instead of writing a file that `budgetlint check` would refuse."""
    from ..engine import EngineConfig, lint_text

    result = lint_text(name, text, (), EngineConfig())
    return [f"{f.rule_id} 第 {f.span.line} 行：{f.message}" for f in result.findings if f.rule_id in ("BL001", "BL002")]


def run_import(args: argparse.Namespace) -> int:
    import time
    from dataclasses import replace
    from pathlib import Path

    files = [Path(f) for f in args.files]
    if args.output and len(files) > 1:
        sys.stderr.write("budgetlint: 错误：-o 只能用于导入单个文件\n")
        return EXIT_USAGE
    progress = len(files) > 1 and sys.stderr.isatty()
    worst = EXIT_OK
    for number, path in enumerate(files, start=1):
        started = time.perf_counter()
        if progress:
            sys.stderr.write(f"\r[{number}/{len(files)}] {path.name} …")
            sys.stderr.flush()
        out_path = Path(args.output) if args.output else path.with_suffix(".yaml")
        try:
            if out_path.resolve() == path.resolve():
                raise ImportFailure(f"{path}: 输出文件不能覆盖输入文件")
            imported = import_file(path, args.profile)
            text = render(imported, out_path, path)
        except ImportFailure as error:
            if progress:
                sys.stderr.write("\n")
            sys.stderr.write(f"budgetlint: 错误：{error}\n")
            worst = max(worst, EXIT_UNREADABLE)
            continue
        except Exception as error:  # a defect of budgetlint, not of the file: said so, never a traceback
            if progress:
                sys.stderr.write("\n")
            sys.stderr.write(f"budgetlint: 错误：{path}: 导入时出现内部错误（{type(error).__name__}: {error}）；"
                             "这不是文件的问题，请报告此问题\n")
            worst = max(worst, EXIT_USAGE)
            continue
        problems = schema_problems(text, str(out_path))
        if problems:
            from .grid import ImportFinding, Origin

            imported = replace(imported, findings=(*imported.findings, *(
                ImportFinding(Origin(str(path)), "导入结果不符合公开文件格式（这是 budgetlint 的缺陷，请报告）", text=p)
                for p in problems)))
        errors = [f for f in imported.findings if f.severity == "error"]
        if progress:
            sys.stderr.write("\n")
        for finding in imported.findings:
            level = "错误" if finding.severity == "error" else "提示"
            sys.stdout.write(f"{finding.render()} [{level}]\n")
        if errors and not args.allow_partial:
            sys.stderr.write(f"budgetlint: {path}：{len(errors)} 处内容无法归位，未写出文件（用 --allow-partial 仍写出）\n")
            worst = max(worst, EXIT_PARTIAL)
            continue
        from ..atomic import write_text_atomic

        write_text_atomic(out_path, text)
        elapsed = time.perf_counter() - started
        tables = len(imported.data.get("表格", {}))
        sys.stderr.write(f"budgetlint: {path} → {out_path}（规范 {imported.profile}，{tables} 张表，{elapsed:.1f} 秒）\n")
        if errors:
            worst = max(worst, EXIT_PARTIAL)
    return worst
