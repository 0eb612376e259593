"""Regional profiles are data: validated on load, inheritable, and enough to check a new region's tables.

Each shipped profile has an example whose only findings are its planted contradictions (listed in
examples/README.md), each reported at the wrong figure; its clean twin under tests/fixtures/ has none
(test_rule_docs.test_clean_fixture_is_clean). A toy profile written in a temporary directory checks a
disclosure written for it with no code change.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from budgetlint.engine import EngineConfig, FileResult, lint_bytes, lint_text
from budgetlint.finding import Severity
from budgetlint.rules.narrative.sections import doc_vocabulary
from budgetlint.rules.narrative.vocabulary import vocabulary
from budgetlint.profile import ProfileError, builtin_ids, load_profile
from budgetlint.rule import load_rules
from budgetlint.source import Span, load_yaml
from conftest import ROOT

EXAMPLES = ROOT / "examples"
FIXTURES = ROOT / "tests" / "fixtures"
# Rules whose findings these tests pin exactly; narrative rules (BL3xx/BL4xx) may only add findings on planted lines.
PINNED = ("BL0", "BL1", "BL2", "BL5", "BL6")


def figure(lines: list[str], span: Span) -> str:
    return lines[span.line - 1][span.column - 1 : span.end_column - 1] if span.line == span.end_line else ""


def lint_file(path: Path) -> tuple[FileResult, list[str]]:
    data = path.read_bytes()
    return lint_bytes(str(path), data, load_rules()), data.decode("utf-8").split("\n")


def pinned(result: FileResult, lines: list[str]) -> list[tuple[str, str, str]]:
    return [(f.rule_id, f.severity.label, figure(lines, f.span)) for f in result.findings if f.rule_id.startswith(PINNED)]


# (example, profile, [(rule, severity, text at the reported span)]) — the planted contradictions of examples/README.md
PLANTED = [
    ("shanghai-2024-district-archives.yaml", "shanghai", [
        ("BL107", "error", "4500000.00"),  # T3 项目支出 特定目标类 3030000.00 (should be 3300000.00)
        ("BL114", "error", "18.60"),  # T9 公务接待费 typed in 元 (30000.00) breaks the 三公 sum …
        ("BL602", "warning", "30000.00"),  # … and is reported as a likely unit slip at the figure
        ("BL603", "warning", "203.16"),  # T9 机关运行经费 > T8 公用经费 1931632.16 元 (193.16 万元)
    ]),
    ("shanghai-2024-unit-archives.yaml", "shanghai-unit", [("BL010", "error", "表格")]),  # T7 omitted
    ("sichuan-2024-huimin-bangfu.yaml", "sichuan", [
        ("BL521", "error", "317.45"),  # 表2-1 合计 vs 表2 本年支出
        ("BL523", "error", "80.00"),  # 表3-2 项目 3.00 + 50.00 ≠ 80.00
        ("BL013", "warning", "表4"),  # 表4-1 numbered 表4
    ]),
    ("national-2024-budget-huimin-bangfu.yaml", "national", [("BL011", "error", "政府性基金支出表")]),
]


@pytest.mark.parametrize(("name", "profile", "expected"), PLANTED, ids=[p[0] for p in PLANTED])
def test_example_reports_exactly_its_planted_contradictions(name: str, profile: str, expected: list[tuple[str, str, str]]) -> None:
    result, lines = lint_file(EXAMPLES / name)
    assert result.disclosure is not None and result.disclosure.profile.id == profile
    assert sorted(pinned(result, lines)) == sorted(expected)
    assert_only_planted(result, lines, CLEAN_TWIN[name])


CLEAN_TWIN = {
    "shanghai-2024-district-archives.yaml": "clean-shanghai-2024.yaml",
    "shanghai-2024-unit-archives.yaml": "clean-shanghai-unit-2024.yaml",
    "sichuan-2024-huimin-bangfu.yaml": "clean-sichuan-2024.yaml",
    "national-2024-budget-huimin-bangfu.yaml": "clean-national-2024.yaml",
    "national-2023-juesuan-weibin-kjgxj.yaml": "clean-national-juesuan-2023.yaml",
}


def assert_only_planted(result: FileResult, lines: list[str], twin: str) -> None:
    """Other rules (the narrative checks) may report a planted contradiction too, but nothing else:
    each of their findings, or one of its related locations, is on a line that differs from the clean twin."""
    clean = set((FIXTURES / twin).read_text(encoding="utf-8").split("\n"))
    changed = {i + 1 for i, line in enumerate(lines) if line not in clean}
    for finding in result.findings:
        if finding.rule_id.startswith(PINNED):
            continue  # pinned exactly by the caller
        touched = {finding.span.line, *(r.span.line for r in finding.related)}
        assert touched & changed, f"{finding.rule_id} 报告了埋入矛盾之外的问题：{finding.message}"


def test_every_shipped_profile_has_an_example_and_a_clean_twin() -> None:
    used: dict[str, list[str]] = {}
    for path in sorted(EXAMPLES.glob("*.yaml")):
        loaded = load_yaml(path.read_text(encoding="utf-8")).document
        assert loaded is not None
        used.setdefault(str(loaded.data["规范"]), []).append(path.name)
    assert set(builtin_ids()) <= set(used), f"没有示例的规范：{set(builtin_ids()) - set(used)}"
    clean_profiles = {str(load_yaml(p.read_text(encoding="utf-8")).document.data["规范"])  # type: ignore[union-attr]
                      for p in FIXTURES.glob("clean-*.yaml")}
    assert set(builtin_ids()) <= clean_profiles


def test_regional_numbers_and_titles_name_the_tables_in_messages() -> None:
    result, _ = lint_file(EXAMPLES / "sichuan-2024-huimin-bangfu.yaml")
    finding = next(f for f in result.findings if f.rule_id == "BL521")
    assert finding.message == ("表2-1（财政拨款支出经济分类表）合计 317.45 万元，与表2（财政拨款收支总表）本年支出 合计 "
                               "326.45 万元不一致（少 9.00 万元）")


def test_yuan_tables_are_compared_with_wan_tables_by_rounding_half_up() -> None:
    """Shanghai: T8 公用经费 1931632.16 元 restated as 193.16 万元 passes; 203.16 万元 is reported with the conversion."""
    result, _ = lint_file(EXAMPLES / "shanghai-2024-district-archives.yaml")
    finding = next(f for f in result.findings if f.rule_id == "BL603")
    assert "公用经费 1931632.16 元（折合 193.16 万元），超出 10.00 万元" in finding.message
    clean, _ = lint_file(FIXTURES / "clean-shanghai-2024.yaml")
    assert [f for f in clean.findings if f.rule_id == "BL603"] == []


# ---------------------------------------------------------------------------------------------
# profiles as data


def test_builtin_profiles_load_and_state_their_conventions() -> None:
    shanghai = load_profile("shanghai")
    assert shanghai.table_unit("收支总表") == "元" and shanghai.table_unit("三公经费表") == "万元"
    assert shanghai.tables["三公经费表"].column_label("本年/机关运行经费") == "机关运行经费预算数"
    assert load_profile("henan").code_for_ordinal(21) == "221"
    assert load_profile("sichuan").yb_scope == "当年拨款" and len(load_profile("sichuan").mandatory) == 14
    final = load_profile("national-juesuan")
    assert final.kind == "决算" and len(final.mandatory) == 9


def test_unit_variant_inherits_the_department_profile() -> None:
    unit, department = load_profile("shanghai-unit"), load_profile("shanghai")
    assert unit.parents == ("shanghai",)
    assert unit.mandatory == department.mandatory
    assert unit.tables["收支总表"].title == "单位财务收支预算总表"
    assert unit.tables["收支总表"].number == "T1" and unit.table_unit("收支总表") == "元"  # inherited


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


TOY_PROFILE = """\
    id: toy-county
    名称: 玩具县部门预算（甲乙两表）
    继承: national
    金额单位: 元
    功能分类序号: {六: 206, 二十一: 221}
    叙述词表:
      主题:
        政府采购:
          数字:
            货物: {别名: [采办物资]}
    表格:
      收支总表: {编号: 甲表, 标题: 部门收支表, 必备: true, 单位: 元}
      三公经费表: {编号: 乙表, 标题: 三公经费表, 必备: true, 单位: 元}
      收入表: null
      支出表: null
      财政拨款收支总表: null
      一般公共预算支出表: null
      一般公共预算基本支出表: null
      政府性基金支出表: null
      国有资本经营预算支出表: null
      项目支出表: null
      整体绩效目标表: null
      项目绩效目标表: null
      支出经济分类汇总表: null
    """

TOY_DISCLOSURE = """\
    格式版本: 1
    部门: 玩具县示例局
    年度: 2024
    类型: 预算
    规范: toy-county
    金额单位: 元
    表格:
      收支总表:
        编号: 甲表
        标题: 2024 年部门收支表
        收入: {一般公共预算: 1500000.00, 本年收入合计: 1500000.00, 收入总计: 1500000.00}
        支出:
          功能分类:
            - {项目: 六、科学技术支出, 金额: 1400000.00}
            - {项目: 二十一、住房保障支出, 金额: 100000.00}
          本年支出合计: 1500000.00
          支出总计: 1500000.00
      三公经费表:
        编号: 乙表
        本年: {合计: 12000.00, 公务接待费: 12000.00}
    """


def test_a_repository_adds_its_own_profile_without_code(tmp_path: Path) -> None:
    write(tmp_path, "toy-county.yaml", TOY_PROFILE)
    config = EngineConfig(profile_dirs=(str(tmp_path),))
    text = textwrap.dedent(TOY_DISCLOSURE)
    result = lint_text("toy.yaml", text, load_rules(), config)
    assert [f"{f.rule_id} {f.message}" for f in result.findings] == []
    doc = result.disclosure
    assert doc is not None and doc.profile.parents == ("national",)
    # 叙述词表 extends the narrative vocabulary (the schema refused this documented key before).
    assert doc.profile.narrative_vocabulary == {"主题": {"政府采购": {"数字": {"货物": {"别名": ["采办物资"]}}}}}
    extended = doc_vocabulary(doc).match("政府采购", "采办物资")
    assert extended is not None and extended[0].key == "货物"
    assert vocabulary().match("政府采购", "采办物资") is None  # the alias came from the profile
    rows = doc.tables["收支总表"].rows("支出", "功能分类")
    assert [doc.function_class_code(r) for r in rows] == ["206", "221"]  # from the profile's ordinal map

    broken = text.replace("本年支出合计: 1500000.00", "本年支出合计: 1510000.00").replace("编号: 乙表", "编号: 丙表")
    broken = broken.replace("  三公经费表:\n", "  三公经费表:\n    单位: 万元\n")
    result = lint_text("toy.yaml", broken, load_rules(), config)
    lines = broken.split("\n")
    found = {(f.rule_id, figure(lines, f.span)) for f in result.findings}
    assert ("BL102", "1500000.00") in found  # 支出总计 ≠ 本年支出合计: the region's 元 amounts, exactly
    assert ("BL013", "丙表") in found  # numbered against the toy profile
    assert ("BL601", "万元") in found  # the toy profile says 乙表 is in 元
    message = next(f.message for f in result.findings if f.rule_id == "BL013")
    assert "玩具县部门预算（甲乙两表）" in message and "乙表" in message

    missing = text.split("  三公经费表:")[0]
    result = lint_text("toy.yaml", missing, load_rules(), config)
    assert [f.message for f in result.findings if f.rule_id == "BL010"] == [
        "缺少乙表（三公经费表）：地区规范“玩具县部门预算（甲乙两表）”要求公开此表；没有数据时也应公开空表并说明"]


@pytest.mark.parametrize(("text", "words"), [
    ("id: bad\n名称: 坏规范\n表格: {收支总表: {编号: 表一, 必须: true}}\n", ["bad.yaml", "表格/收支总表", "未知的键“必须”"]),
    ("id: bad\n名称: 坏规范\n表格: {收支总账: {编号: 表一}}\n", ["bad.yaml", "未知的表名", "收支总表"]),
    ("id: bad\n名称: 坏规范\n类型: 结算\n", ["bad.yaml", "类型", "预算、决算"]),
    ("id: other\n名称: 坏规范\n", ["bad.yaml", "“id”是“other”", "文件名“bad”"]),
    ("id: bad\n名称: 坏规范\n继承: bad\n", ["bad.yaml", "继承", "循环"]),
    ("id: bad\n名称: [\n", ["bad.yaml"]),
    ("id: bad\n名称: 坏规范\n词表: {}\n", ["bad.yaml", "“词表”已不再使用", "叙述词表"]),
])
def test_a_broken_profile_is_a_chinese_error_naming_file_and_key(tmp_path: Path, text: str, words: list[str]) -> None:
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as error:
        load_profile("bad", (str(tmp_path),))
    for word in words:
        assert word in str(error.value)


def test_engine_reports_a_broken_profile_at_the_profile_key(tmp_path: Path) -> None:
    (tmp_path / "toy-county.yaml").write_text("id: toy-county\n名称: 玩具\n表格: {收支总表: {单位: 美元}}\n", encoding="utf-8")
    result = lint_text("toy.yaml", textwrap.dedent(TOY_DISCLOSURE), load_rules(), EngineConfig(profile_dirs=(str(tmp_path),)))
    assert [(f.rule_id, f.severity, f.span.line) for f in result.findings] == [("BL006", Severity.WARNING, 1),
                                                                                ("BL002", Severity.ERROR, 5)]
    assert "toy-county.yaml" in result.findings[1].message and "表格/收支总表/单位" in result.findings[1].message
