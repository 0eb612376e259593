"""The seven real PDFs of ../shared/corpus: every one imports, schema-valid, and exactly.

Exactness is proved against the PDF's own text, read here independently of the importer's table logic:
pdfplumber's page.extract_text(), split into tokens, amounts told from classification codes by where they
are printed (see _page_amounts). The PDFs are data: they are read from the shared folder and the tests
skip when it is absent; nothing of them is copied into the project.
"""

from __future__ import annotations

import json

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

import pytest
from corpus_fixture import corpus_imports  # noqa: F401 (a fixture)

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "shanghai-putuo"
FILES = {
    "commerce-2025-bumen-yusuan.pdf": "shanghai",
    "commerce-2025-danwei-yusuan.pdf": "shanghai-unit",
    "wanli-street-2024-bumen-yusuan.pdf": "shanghai",
    "wanli-street-2025-bumen-yusuan.pdf": "shanghai",
    "socialwork-2024-bumen-juesuan.pdf": "shanghai-juesuan",
    "planning-2024-bumen-juesuan.pdf": "shanghai-juesuan",
    "template-2024-bumen-juesuan.pdf": "shanghai-juesuan",
}

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
pdfplumber = pytest.importorskip("pdfplumber")

_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_CODE_SHAPED = re.compile(r"^(?:\d{2}|\d{3}|\d{5}|\d{7})$")


def _line_amounts(tokens: list[str]) -> Iterator[Decimal]:
    """The amounts of one printed line. A number is a classification code, not an amount, when it is
    code-shaped (2, 3, 5 or 7 digits, no separator or decimals) and either opens the line (possibly after
    other codes: "201 13 01 行政运行 …") or is followed by a name ("30201 办公费 84.62"); a single digit
    right after a code is a code printed without its leading zero; four digits followed by "年" are a year."""
    leading = True
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if not _NUMBER.match(token):
            leading = False
            continue
        if following.startswith("年") and re.match(r"^\d{4}$", token):
            leading = False
            continue
        if _CODE_SHAPED.match(token) and (leading or (following and not _NUMBER.match(following))):
            continue
        if leading and index > 0 and re.fullmatch(r"\d", token):
            continue  # a 款/项 code printed without its leading zero, after the 类 code: "301 2 津贴补贴"
        leading = False
        yield Decimal(token.replace(",", ""))


def _page_amounts(page: Any) -> Counter[Decimal]:
    counter: Counter[Decimal] = Counter()
    for line in (page.extract_text() or "").splitlines():
        counter.update(_line_amounts(line.split()))
    return counter


def _imported_amounts(value: Any) -> Iterator[Decimal]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("页码", "年度", "编码", "政府经济分类编码"):
                continue
            yield from _imported_amounts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _imported_amounts(item)
    elif isinstance(value, Decimal):
        yield value


@pytest.fixture(scope="module")
def imported(corpus_imports: dict[str, Any]) -> dict[str, Any]:
    return corpus_imports


@pytest.mark.parametrize("name", sorted(FILES))
def test_profile_is_detected_and_nothing_is_left_unplaced(imported: dict[str, Any], name: str) -> None:
    profile, result = imported[name]
    assert profile == FILES[name]
    assert [f.render() for f in result.findings if f.severity == "error"] == []
    assert len(result.data["表格"]) == 9


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_printed_amount_of_every_table_page_is_imported_once(imported: dict[str, Any], name: str) -> None:
    _, result = imported[name]
    with pdfplumber.open(str(CORPUS / name)) as pdf:
        for key, pages in result.table_pages.items():
            printed: Counter[Decimal] = Counter()
            for page in pages:
                printed += _page_amounts(pdf.pages[int(page) - 1])
            got = Counter(_imported_amounts(result.data["表格"][key]))
            # Counter equality by value: Decimal("0") == Decimal("0.00"), but "0.00" and "0" are each one cell
            assert got == printed, f"{name} {key} pages {pages}: missing {printed - got}, extra {got - printed}"


def _narrative_strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _narrative_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _narrative_strings(item)
    elif isinstance(value, str):
        yield value


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_line_of_the_narrative_pages_is_kept_verbatim(imported: dict[str, Any], name: str) -> None:
    _, result = imported[name]
    table_pages = {int(p) for pages in result.table_pages.values() for p in pages}
    kept_lines: Counter[str] = Counter()
    for key in ("封面", "目录", "部分标题", "正文", "包含单位"):
        for text in _narrative_strings(result.data.get(key)):
            kept_lines.update("".join(line.split()) for line in text.split("\n") if line.strip())
    with pdfplumber.open(str(CORPUS / name)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            if number in table_pages:
                continue
            for line in (page.extract_text() or "").splitlines():
                bare = "".join(line.split())
                if not bare:
                    continue
                # a units table row is printed "1 单位名称 备注": its cells are kept as 名称/备注
                assert kept_lines[bare] > 0 or _units_row_kept(bare, result) or _labelled(bare, result.data), (
                    f"{name} 第 {number} 页：{line}"
                )


def _labelled(bare: str, data: dict[str, Any]) -> bool:
    """Lines kept as a key and its value: "目 录" is the key 目录, "预算主管部门：X" is 封面.主管部门."""
    if bare == "目录":
        return "目录" in data
    if bare.isdigit():
        return 0 < int(bare) <= len(data.get("包含单位", ()))  # a 序号 of the units table: the list order
    cover = data.get("封面", {})
    return bare in (f"预算主管部门：{cover.get('主管部门')}", f"主管部门：{cover.get('主管部门')}",
                    f"预算单位：{cover.get('预算单位')}")


def _units_row_kept(bare: str, result: Any) -> bool:
    """A row of the units table ("序号 单位名称 备注"): its unit is in 包含单位 — the name, with the bracketed role
    printed after it kept as 备注 ("…局（本级）" is 名称 …局, 备注 本级) — while the page text splits a name that
    wraps in its cell over several lines (the first with the 序号 in front). A template's "。。。" row is no unit:
    it is an import finding quoting the row."""
    if bare == "序号单位名称备注":
        return True
    rest = re.sub(r"^\d+", "", bare)
    printed = []
    for unit in result.data.get("包含单位", ()):
        name = "".join(unit["名称"].split())
        printed += [name, f"{name}（{unit['备注']}）"] if "备注" in unit else [name]
    if len(rest) >= 2 and any(rest in form for form in printed):
        return True
    return any(f.text and "".join(f.text.split()) == bare for f in result.findings if "省略行" in f.message)


@pytest.mark.parametrize(
    ("name", "department"),
    [
        ("commerce-2025-bumen-yusuan.pdf", "上海市普陀区商务委员会"),  # 预算主管部门：…
        ("commerce-2025-danwei-yusuan.pdf", "上海市普陀区商务委员会"),  # 预算单位：…
        ("planning-2024-bumen-juesuan.pdf", "上海市普陀区规划和自然资源局"),  # a cover title wrapped over two lines
        ("socialwork-2024-bumen-juesuan.pdf", "中共上海市普陀区委社会工作部"),
    ],
)
def test_department_and_year_come_from_the_cover(imported: dict[str, Any], name: str, department: str) -> None:
    _, result = imported[name]
    assert result.data["部门"] == department
    assert result.data["年度"] == int(name.split("-")[-3])


def test_a_unit_budget_declares_its_department_and_the_pair_checks_together(imported: dict[str, Any],
                                                                         tmp_path: Path) -> None:
    """商务委员会 2025: the 单位预算 (cover "预算单位：上海市普陀区商务委员会", the 本部) and the 部门预算 print the same
    name. Without 所属部门 they claimed one identity and repository mode gave BL801 on both real files."""
    from budgetlint.cli import main
    from budgetlint.importer.command import render

    unit, department = imported["commerce-2025-danwei-yusuan.pdf"][1], imported["commerce-2025-bumen-yusuan.pdf"][1]
    assert unit.data["所属部门"] == unit.data["部门"] == "上海市普陀区商务委员会"
    assert "所属部门" not in department.data
    for name, result in (("unit.yaml", unit), ("department.yaml", department)):
        (tmp_path / name).write_text(render(result, tmp_path / name, Path(name)), encoding="utf-8")
    out = tmp_path / "report.json"
    main(["check", "--no-config", "-f", "json", "-o", str(out), str(tmp_path / "unit.yaml"), str(tmp_path / "department.yaml")])
    report = json.loads(out.read_text(encoding="utf-8"))
    findings = report["findings"] if isinstance(report, dict) else report
    assert [f for f in findings if str(f.get("rule") or f.get("rule_id") or f.get("ruleId")).startswith("BL80")] == []


def _same(a: Any, b: Any) -> bool:
    """Equal, and every amount written as printed (0.00 stays 0.00, not 0)."""
    if isinstance(a, dict):
        return isinstance(b, dict) and list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, Decimal):
        # an amount printed without decimals ("25") is written 25 and read back as the integer 25
        return isinstance(b, (Decimal, int)) and not isinstance(b, bool) and str(a) == str(b)
    return type(a) is type(b) and a == b


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_written_yaml_reads_back_as_the_imported_data(imported: dict[str, Any], name: str) -> None:
    from budgetlint.importer.command import render
    from budgetlint.source import load_yaml

    _, result = imported[name]
    text = render(result, Path("/tmp/x.yaml"), Path(name))
    loaded = load_yaml(text)
    assert loaded.document is not None and not loaded.problems
    assert _same(result.data, loaded.document.data)


def test_part_headings_of_a_final_account_in_printed_order(imported: dict[str, Any]) -> None:
    # the tables part is headed on its first table page ("上海市规划和自然资源局 2024 年度部门决算表", printed above
    # the first table's title): it is kept between the first and the third part, not dropped
    _, result = imported["planning-2024-bumen-juesuan.pdf"]
    assert [title.split("\n")[0][:4] for title in result.data["部分标题"]] == ["第一部分", "上海市规", "第三部分", "第四部分"]
    assert result.data["部分标题"][1] == "上海市规划和自然资源局 2024 年度部门决算表"


@pytest.mark.parametrize("name", sorted(FILES))
def test_imported_files_take_the_fast_path_and_check_the_same_either_way(imported: dict[str, Any], name: str) -> None:
    from budgetlint.engine import EngineConfig, lint_bytes
    from budgetlint.loader import fast as fastload
    from budgetlint.importer.command import render
    from budgetlint.rule import load_rules
    from budgetlint.source import load_yaml

    _, result = imported[name]
    text = render(result, Path("/tmp/x.yaml"), Path(name))
    if not fastload.available():
        pytest.skip("rapidyaml is not installed")
    data = fastload.read(text)
    assert data is not fastload.DECLINED  # the writer writes nothing the fast reader declines
    full = load_yaml(text).document
    assert full is not None and fastload.same_data(data, full.data)
    rules = load_rules()
    with fastload.batch():  # the fast path is taken inside a batch run only (budgetlint check)
        fast = lint_bytes(name, text.encode(), rules, EngineConfig()).findings
    assert fast == lint_bytes(name, text.encode(), rules, EngineConfig(fast_load=False)).findings
