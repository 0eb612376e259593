"""Generate a benchmark corpus of disclosures from the Henan example (with contradictions) and its clean copy.

    python benchmarks/corpus.py OUT_DIR -n 2000 [--size 1|4|16] [--seed 1]
    python benchmarks/corpus.py OUT_DIR --repository 200x5     # 200 departments × 5 years × 预算/决算

Each file is one of the two sources with:

* **figures** scaled by an integer factor (2…40): every amount cell of the tables, every 万元/元/亿元
  figure of the narrative text (found with budgetlint's own tokenizer, so figures broken across a
  line are scaled too) and every “…万元” inside a table string (cost caps such as “≤5万元”). An integer
  factor keeps every sum, share and growth rate exact, so a clean source stays clean;
* **names** varied: the district (卫滨区 → one of a list) and a department serial number;
* **size** (``--size 4``/``16``): each project of 项目绩效目标表 and each row of 整体绩效目标表 绩效指标
  repeated; a project's amounts are split over its copies to the cent, so the table totals still hold.

About a third of the files come from the example (they carry its contradictions); the rest are clean.
Nothing here is timed: benchmarks/run.py measures.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from budgetlint.rules.narrative.numbers import AMOUNT_UNITS, tokenize  # noqa: E402
from budgetlint.source import SourceMap, load_yaml  # noqa: E402

EXAMPLE = ROOT / "examples" / "henan-2023-weibin-kjgxj.yaml"
CLEAN = ROOT / "tests" / "fixtures" / "clean-henan-2023.yaml"
DISTRICTS = ("卫滨区", "红旗区", "牧野区", "凤泉区", "新华区", "长垣区", "高新区", "平原区", "经开区", "东区")
# “≤5万元”, “≤20 万”: a 万元 figure inside a table string (not 万人 / 万企)
_WAN_IN_STRING = re.compile(r"(\d+(?:\.\d+)?)(\s*)(万元|万(?![人企]))")
_CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Source:
    text: str
    lines: list[str]
    smap: SourceMap
    data: Any


def read(path: Path) -> Source:
    text = path.read_text(encoding="utf-8")
    loaded = load_yaml(text)
    assert loaded.document is not None and not loaded.problems, path
    return Source(text, text.split("\n"), loaded.document.smap, loaded.document.data)


def scaled(raw: str, factor: int) -> str:
    """``raw`` (a printed figure) times ``factor``, printed with the same number of decimals."""
    value = Decimal(raw.replace(",", "")) * factor
    places = len(raw.split(".")[1]) if "." in raw else 0
    return f"{value:.{places}f}"


def _walk(data: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _walk(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _walk(value, (*path, index))


def _replace_on_line(lines: list[str], edits: list[tuple[int, int, int, str]]) -> None:
    """Apply (line, start column, end column, text) edits; 1-based lines, 0-based columns, right to left."""
    for line, start, end, text in sorted(edits, reverse=True):
        source = lines[line - 1]
        lines[line - 1] = source[:start] + text + source[end:]


def _table_edits(src: Source, factor: int) -> list[tuple[int, int, int, str]]:
    edits = []
    for path, value in _walk(src.data.get("表格", {}), ("表格",)):
        info = src.smap.info(path)
        if info is None or info.container:
            continue
        span = info.value
        if isinstance(value, Decimal) and info.style is None and path[-1] != "年度":
            raw = src.lines[span.line - 1][span.column - 1: span.end_column - 1]
            edits.append((span.line, span.column - 1, span.end_column - 1, scaled(raw, factor)))
        elif isinstance(value, str) and span.line == span.end_line and _WAN_IN_STRING.search(value):
            raw = src.lines[span.line - 1][span.column - 1: span.end_column - 1]
            new = _WAN_IN_STRING.sub(lambda m: scaled(m.group(1), factor) + m.group(2) + m.group(3), raw)
            edits.append((span.line, span.column - 1, span.end_column - 1, new))
    return edits


def _scale_block(text: str, factor: int) -> str:
    """Scale the amounts of a narrative text value; a figure broken across lines keeps its break."""
    pieces, last = [], 0
    for number in tokenize(text)[1]:
        if number.unit not in AMOUNT_UNITS:
            continue
        original = text[number.start: number.end]
        new = scaled(number.text, factor)
        if "\n" in original:  # “10\n    0 万元”: keep the break before as many trailing characters
            head, _, tail = original.partition("\n")
            tail_digits = len(tail.strip())
            cut = len(new) - tail_digits
            new = new[:cut] + "\n" + tail[: len(tail) - len(tail.lstrip())] + new[cut:]
        pieces += [text[last: number.start], new]
        last = number.end
    pieces.append(text[last:])
    return "".join(pieces)


def _narrative_blocks(src: Source, factor: int) -> dict[int, list[str]]:
    """First source line of each literal narrative block → its new lines."""
    blocks = {}
    for path, value in _walk(src.data.get("正文", {}), ("正文",)):
        info = src.smap.info(path)
        if not isinstance(value, str) or info is None or info.style != "|":
            continue
        first = info.value.line + 1  # the line after the “|” indicator
        old = value.rstrip("\n").split("\n")
        indent = next(len(line) - len(line.lstrip(" ")) for line in src.lines[first - 1:] if line.strip())
        new = _scale_block(value, factor).rstrip("\n").split("\n")
        assert len(new) == len(old), path
        blocks[first] = [(" " * indent + line) if line else "" for line in new]
    return blocks


def _split_amount(raw: str, copies: int) -> list[str]:
    """``raw`` split into ``copies`` printed parts that add up to it exactly (to the cent)."""
    total = Decimal(raw)
    share = (total / copies).quantize(_CENT, rounding=ROUND_DOWN)
    return [f"{total - share * (copies - 1):.2f}"] + [f"{share:.2f}"] * (copies - 1)


def _grown_items(src: Source, lines: list[str], path: tuple[Any, ...], copies: int, project: bool) -> list[str]:
    """The source lines of a block list, each item repeated ``copies`` times."""
    out: list[str] = []
    for index, item in enumerate(_get(src.data, path)):
        info = src.smap.info((*path, index))
        assert info is not None
        chunk = lines[info.value.line - 1: _last_line(src, info.value)]
        for copy in range(copies):
            out += _project_copy(chunk, item, copy, copies) if project else chunk
    return out


def _last_line(src: Source, span: Any) -> int:
    """Last line of a block list item: its end mark sits where the next item (or key) starts."""
    before_end = src.lines[span.end_line - 1][: span.end_column - 1]
    return span.end_line - 1 if not before_end.strip() else span.end_line


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


_PROJECT_AMOUNT = re.compile(r"^(\s*(?:资金总额|政府预算资金|财政专户管理资金|单位资金): )(\d+\.\d+)\s*$")


def _project_copy(chunk: list[str], item: dict[str, Any], copy: int, copies: int) -> list[str]:
    out = []
    for line in chunk:
        amount = _PROJECT_AMOUNT.match(line)
        if amount:
            line = amount.group(1) + _split_amount(amount.group(2), copies)[copy]
        elif "成本" in line and _WAN_IN_STRING.search(line):  # the cost cap follows the project's amount
            line = _WAN_IN_STRING.sub(lambda m: _split_amount(m.group(1), copies)[copy] + m.group(2) + m.group(3), line)
        elif copy and "项目名称:" in line:
            line = f"{line}（第 {copy + 1} 批）"
        elif copy and "项目编码:" in line:
            line = line.rstrip('"') + f'{copy + 1:02d}"'
        out.append(line)
    return out


def _grow(src: Source, lines: list[str], size: int) -> list[str]:
    """Repeat the project entries and the indicator rows ``size`` times (the lines were already edited in place)."""
    if size == 1:
        return lines
    regions = []
    for path, project in ((("表格", "项目绩效目标表", "项目"), True), (("表格", "整体绩效目标表", "绩效指标"), False)):
        info = src.smap.info(path)
        if info is None:
            continue
        first = src.smap.info((*path, 0))
        assert first is not None
        count = len(_get(src.data, path))
        last = src.smap.info((*path, count - 1))
        assert last is not None
        end = _last_line(src, last.value)
        regions.append((first.value.line, end, _grown_items(src, lines, path, size, project)))
    out = list(lines)
    for start, end, new in sorted(regions, reverse=True):
        out[start - 1: end] = new
    return out


def disclosure(src: Source, factor: int, district: str, serial: int, size: int) -> str:
    lines = list(src.lines)
    _replace_on_line(lines, _table_edits(src, factor))
    for first, new in _narrative_blocks(src, factor).items():
        lines[first - 1: first - 1 + len(new)] = new
    lines = _grow(src, lines, size)
    text = "\n".join(lines).replace("卫滨区", district)
    return text.replace("科技和工业信息化局", f"科技和工业信息化{serial}局") if serial else text


def generate(out: Path, count: int, size: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    sources = (read(EXAMPLE), read(CLEAN))
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        src = sources[0] if i % 3 == 0 else sources[1]  # a third carry the example's contradictions
        factor, district, _serial = rng.randint(2, 40), rng.choice(DISTRICTS), rng.randint(0, 99)
        # a serial per file: each file its own department (repository mode reports two files of one identity)
        text = disclosure(src, factor, district, i + 1, size)
        path = out / f"d{i:05d}-{'example' if i % 3 == 0 else 'clean'}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


FINAL = ROOT / "tests" / "fixtures" / "clean-national-juesuan-2023.yaml"
_YEARS = re.compile(r"20(22|23)(?=\s*年|\n|$)", re.MULTILINE)


def _moved(text: str, year: int) -> str:
    """The 2023 source as year ``year``: 2023 → year, 2022 (上年) → year − 1 (years followed by 年 or alone on
    a line, as in 年度: 2023; amounts never end a line with a bare 2023)."""
    return _YEARS.sub(lambda m: str(year if m.group(1) == "23" else year - 1), text)


def generate_repository(out: Path, departments: int, years: int, seed: int, comparisons: bool = True) -> list[Path]:
    """A disclosure repository: ``departments`` × ``years`` (from 2021) × {预算, 决算}, one directory per
    department, each file declaring its identity; one scale factor per department, so that a department's
    files restate one another's figures as a real repository's do (repository mode has work to do).

    The copies of one source do not agree across years (last year's file holds this year's figures), so each
    “与上年相比增加 X” of a 预算 is a true cross-file finding (BL802). ``comparisons=False`` names 2019 as the
    year compared with, which no file of the repository is: the same files with nothing to report across
    files, to measure what the index and the cross-file rules cost by themselves."""
    rng = random.Random(seed)
    budget, final = read(CLEAN), read(FINAL)
    paths = []
    for d in range(departments):
        factor, district = rng.randint(2, 40), DISTRICTS[d % len(DISTRICTS)]
        texts = {"预算": disclosure(budget, factor, district, d + 1, 1), "决算": disclosure(final, factor, district, d + 1, 1)}
        folder = out / f"dept-{d:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        for year in range(2021, 2021 + years):
            for kind, text in texts.items():
                path = folder / f"{year}-{kind}.yaml"
                moved = _moved(text, year)
                if not comparisons:
                    moved = re.sub(r"与(\s*)\d{4}(\s*)年", r"与\g<1>2019\g<2>年", moved)
                path.write_text(moved, encoding="utf-8")
                paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", type=int, default=2000, help="number of files (default 2000)")
    parser.add_argument("--size", type=int, default=1, help="size factor: 1, 4 or 16 (default 1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repository", metavar="DEPTSxYEARS", default=None,
                        help="a repository instead: e.g. 200x5 = 200 departments × 5 years × 2 kinds (预算, 决算)")
    args = parser.parse_args()
    if args.repository:
        count, years = (int(part) for part in args.repository.split("x"))
        paths = generate_repository(args.out, count, years, args.seed)
    else:
        paths = generate(args.out, args.n, args.size, args.seed)
    total = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} files, {total / 1e6:.1f} MB, in {args.out}")


if __name__ == "__main__":
    main()
