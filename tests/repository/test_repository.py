"""Repository mode (issue 16): identities, the index, and a constructed pair per cross-file rule that
fires and stays quiet, checked through the CLI so that every front end's related locations are seen.

Pairs are made by editing the clean fixtures' text (so the other file's lines are real lines of YAML):
the expected line of a related location is found in that text, not hard-coded.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, SHARED_DATA

from budgetlint.cli import main
from budgetlint.rules.crossfile.repository import Identity, Repository, identity_of, scan_identity
from budgetlint.loader.yaml_reader import load_yaml

HENAN = (ROOT / "tests" / "fixtures" / "clean-henan-2023.yaml").read_text(encoding="utf-8")
SHANGHAI = (ROOT / "tests" / "fixtures" / "clean-shanghai-2024.yaml").read_text(encoding="utf-8")
NATIONAL = (ROOT / "tests" / "fixtures" / "clean-national-2024.yaml").read_text(encoding="utf-8")
JUESUAN = (ROOT / "tests" / "fixtures" / "clean-national-juesuan-2023.yaml").read_text(encoding="utf-8")


def top(text: str, key: str, value: str) -> str:
    """Set a top-level key (column 0), adding it after 部门 when absent."""
    pattern = re.compile(rf"^{key}:.*$", re.MULTILINE)
    if pattern.search(text):
        return pattern.sub(lambda _: f"{key}: {value}", text, count=1)
    return re.sub(r"^(部门:.*)$", lambda m: f"{m.group(1)}\n{key}: {value}", text, count=1, flags=re.MULTILINE)


def line_of(text: str, needle: str, after: str = "") -> int:
    start = text.index(after) if after else 0
    return text[:text.index(needle, start)].count("\n") + 1


@pytest.fixture
def run(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    monkeypatch.chdir(tmp_path)
    # the related files are found under the configured root, as in a pre-commit run on changed files
    (tmp_path / ".budgetlint.toml").write_text('roots = ["."]\n', encoding="utf-8")

    def check(*args: str) -> tuple[int, dict[str, object]]:
        code = main(["check", "-f", "json", "-j", "1", *args])
        return code, json.loads(capsys.readouterr().out)

    yield check


def findings(report: dict[str, object], rule: str) -> list[dict[str, object]]:
    return [f for f in report["findings"] if f["rule"] == rule]  # type: ignore[index,union-attr]


# -- identities and the index --------------------------------------------------------------------

@pytest.mark.parametrize("path", sorted([*(ROOT / "examples").glob("*.yaml"), *(ROOT / "tests" / "fixtures").glob("*.yaml")]),
                         ids=lambda p: p.name)
def test_scanned_identity_is_the_loaded_identity(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    loaded = load_yaml(text)
    assert loaded.document is not None
    assert scan_identity(text) == identity_of(loaded.document.data)


def test_unit_file_identity_names_its_department() -> None:
    text = top(top(SHANGHAI, "部门", "上海市某区档案馆"), "所属部门", "上海市某区档案局")
    assert scan_identity(text) == Identity("上海市某区档案局", 2024, "预算", "上海市某区档案馆")
    # a unit named as its department (本部): still a unit file, not a second claim to the department's identity
    same = Identity("上海市某区档案局", 2024, "预算", "上海市某区档案局")
    assert scan_identity(top(SHANGHAI, "所属部门", "上海市某区档案局")) == same


def test_the_scan_declines_what_it_cannot_read_and_the_index_loads_it(tmp_path: Path) -> None:
    flow = tmp_path / "flow.yaml"
    flow.write_text(top(HENAN, "部门", '"新乡市卫滨区\\u79d1技和工业信息化局"'), encoding="utf-8")
    assert scan_identity(flow.read_text(encoding="utf-8")) is False  # an escape: not read by the scan
    repository = Repository([str(flow)])
    assert repository.paths_of(Identity("新乡市卫滨区科技和工业信息化局", 2023, "预算")) == [str(flow)]


# -- BL801 ---------------------------------------------------------------------------------------

def test_two_files_with_one_identity_are_a_finding_on_both(tmp_path: Path, run) -> None:
    (tmp_path / "a.yaml").write_text(HENAN, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(HENAN, encoding="utf-8")
    code, report = run("a.yaml", "b.yaml")
    found = findings(report, "BL801")
    assert code == 1 and sorted(f["file"] for f in found) == ["a.yaml", "b.yaml"]
    for finding in found:
        other = "b.yaml" if finding["file"] == "a.yaml" else "a.yaml"
        assert [(r["file"], r["line"]) for r in finding["related"]] == [(other, line_of(HENAN, "部门:"))]


def test_an_unusable_related_file_is_said_not_skipped(tmp_path: Path, run) -> None:
    (tmp_path / "2023.yaml").write_text(HENAN, encoding="utf-8")
    (tmp_path / "2022.yaml").write_text(top(HENAN, "年度", "2022").replace("金额单位: 万元", "金额单位: 千元", 1), encoding="utf-8")
    _code, report = run("2023.yaml", "2022.yaml")
    (note,) = findings(report, "BL801")
    assert note["file"] == "2023.yaml" and note["severity"] == "info" and "2022.yaml" in note["message"]


# -- BL802 ---------------------------------------------------------------------------------------

def henan_2022(income: str = "96.42") -> str:
    """The 2022 file the 2023 narrative implies: 收入/支出总计 96.42, 一般公共预算 96.42, 公用经费 6.35."""
    text = top(HENAN, "年度", "2022")
    text = re.sub(r"(收入总计: )293\.68", rf"\g<1>{income}", text, count=1)
    text = re.sub(r"(支出总计: )293\.68", r"\g<1>96.42", text, count=1)
    text = re.sub(r"(支出合计: \{合计: )293\.68(, 一般公共预算: )293\.68", r"\g<1>96.42\g<2>96.42", text, count=1)
    return text.replace("公用经费: 7.22}", "公用经费: 6.35}", 1)


def test_prior_year_narrative_figures_agree_with_last_years_file(tmp_path: Path, run) -> None:
    (tmp_path / "2023.yaml").write_text(HENAN, encoding="utf-8")
    (tmp_path / "2022.yaml").write_text(henan_2022(), encoding="utf-8")
    _code, report = run("2023.yaml")
    assert findings(report, "BL802") == [], findings(report, "BL802")


def test_prior_year_narrative_figure_against_last_years_file_fires(tmp_path: Path, run) -> None:
    (tmp_path / "2023.yaml").write_text(HENAN, encoding="utf-8")
    prior = henan_2022(income="100.00")
    (tmp_path / "2022.yaml").write_text(prior, encoding="utf-8")
    code, report = run("2023.yaml", "--select", "BL802")
    (finding,) = findings(report, "BL802")
    # 293.68 − 197.26 = 96.42 against 100.00: recomputed, not copied from the message
    assert code == 1 and "96.42" in finding["message"] and "100.00" in finding["message"]
    assert finding["line"] == line_of(HENAN, "收入增加 197.26")
    assert ("2022.yaml", line_of(prior, "收入总计: 100.00")) in [(r["file"], r["line"]) for r in finding["related"]]


def test_table_prior_year_column_against_last_years_file(tmp_path: Path, run) -> None:
    # last year's 公用经费 (T8) is the 197.25 the narrative's “减少 4.09 万元” implies
    prior = top(SHANGHAI, "年度", "2023").replace("公用经费: 1931632.16}", "公用经费: 1972500.00}", 1)
    # last year's 本年 row is this year's 上年 row: 19.10 and its items
    prior = prior.replace("本年: {合计: 18.60, 因公出国境费: null, 公务用车购置及运行费: {小计: 15.60, 公务用车购置费: null, "
                          "公务用车运行费: 15.60}, 公务接待费: 3.00, 机关运行经费: 193.16}",
                          "本年: {合计: 19.10, 因公出国境费: null, 公务用车购置及运行费: {小计: 16.10, 公务用车购置费: null, "
                          "公务用车运行费: 16.10}, 公务接待费: 3.00, 机关运行经费: 197.25}", 1)
    (tmp_path / "2024.yaml").write_text(SHANGHAI, encoding="utf-8")
    (tmp_path / "2023.yaml").write_text(prior, encoding="utf-8")
    _, report = run("2024.yaml", "--select", "BL802")
    assert findings(report, "BL802") == []
    (tmp_path / "2023.yaml").write_text(prior.replace("机关运行经费: 197.25}", "机关运行经费: 197.52}", 1), encoding="utf-8")
    _code, report = run("2024.yaml", "--select", "BL802")
    (finding,) = findings(report, "BL802")
    assert "197.25" in finding["message"] and "197.52" in finding["message"] and "少 0.27 万元" in finding["message"]
    assert finding["related"][0]["file"] == "2023.yaml"


# -- BL803 ---------------------------------------------------------------------------------------

def shanghai_units(tmp_path: Path, archive_visits: str = "1.00") -> None:
    """部门 上海市某区档案局 = 本级 + 档案馆; the 三公 row is split 2.00 + 1.00 (公务接待费 3.00)."""
    department = SHANGHAI
    for name, visits in (("上海市某区档案局（本级）", "2.00"), ("上海市某区档案馆", archive_visits)):
        unit = top(top(SHANGHAI, "部门", name), "所属部门", "上海市某区档案局")
        unit = unit.replace("公务接待费: 3.00, 机关运行经费: 193.16}", f"公务接待费: {visits}, 机关运行经费: 193.16}}", 1)
        (tmp_path / f"{name}.yaml").write_text(unit, encoding="utf-8")
    (tmp_path / "部门.yaml").write_text(department, encoding="utf-8")


def test_department_is_the_sum_of_its_units(tmp_path: Path, run) -> None:
    shanghai_units(tmp_path, archive_visits="1.50")
    _code, report = run("部门.yaml", "--select", "BL803")
    messages = [f["message"] for f in findings(report, "BL803")]
    # every cell is doubled by two copies except 公务接待费 (2.00 + 1.50 against 3.00): the rule fires on each
    assert any("公务接待费" in m and "3.50" in m for m in messages), messages
    related_files = {r["file"] for f in findings(report, "BL803") for r in f["related"]}
    assert related_files == {"上海市某区档案局（本级）.yaml", "上海市某区档案馆.yaml"}


def test_department_consolidation_without_every_unit_file_is_said_not_concluded(tmp_path: Path, run) -> None:
    shanghai_units(tmp_path)
    os.remove(tmp_path / "上海市某区档案馆.yaml")
    _, report = run("部门.yaml", "--select", "BL803")
    (note,) = findings(report, "BL803")  # not checked, and said so
    assert note["severity"] == "info" and "上海市某区档案馆" in note["message"] and "未与单位文件之和核对" in note["message"]
    os.remove(tmp_path / "上海市某区档案局（本级）.yaml")  # no unit file at all: the common case, nothing to say
    _, report = run("部门.yaml", "--select", "BL803")
    assert findings(report, "BL803") == []


# -- BL804, BL805, BL806 -------------------------------------------------------------------------

def test_final_accounts_initial_budget_against_the_budget_file(tmp_path: Path, run) -> None:
    (tmp_path / "预算.yaml").write_text(HENAN, encoding="utf-8")
    (tmp_path / "决算.yaml").write_text(JUESUAN, encoding="utf-8")
    _, report = run("决算.yaml", "--select", "BL804")
    assert findings(report, "BL804") == []
    wrong = JUESUAN.replace("年初预算数: {合计: 293.68,", "年初预算数: {合计: 239.68,", 1)
    (tmp_path / "决算.yaml").write_text(wrong, encoding="utf-8")
    _code, report = run("决算.yaml", "--select", "BL804")
    (finding,) = findings(report, "BL804")
    assert "239.68" in finding["message"] and finding["line"] == line_of(wrong, "239.68")
    assert {r["file"] for r in finding["related"]} == {"预算.yaml"}


def test_renamed_function_class_is_info(tmp_path: Path, run) -> None:
    (tmp_path / "2024.yaml").write_text(NATIONAL, encoding="utf-8")
    (tmp_path / "2023.yaml").write_text(top(NATIONAL, "年度", "2023"), encoding="utf-8")
    code, report = run("2024.yaml", "--select", "BL805")
    assert findings(report, "BL805") == []
    renamed = top(NATIONAL, "年度", "2023").replace("名称: 民政管理事务,", "名称: 民政管理事务支出,", 1)
    (tmp_path / "2023.yaml").write_text(renamed, encoding="utf-8")
    code, report = run("2024.yaml", "--select", "BL805")
    (finding,) = findings(report, "BL805")
    assert code == 0 and finding["severity"] == "info" and "民政管理事务支出" in finding["message"]
    assert (finding["related"][0]["file"], finding["related"][0]["line"]) == \
        ("2023.yaml", line_of(renamed, "名称: 民政管理事务支出,"))


def test_unit_file_listed_by_its_department(tmp_path: Path, run) -> None:
    shanghai_units(tmp_path)
    _, report = run("上海市某区档案馆.yaml", "--select", "BL806")
    assert findings(report, "BL806") == []
    renamed = top(top(SHANGHAI, "部门", "上海市某区档案馆（新）"), "所属部门", "上海市某区档案局")
    (tmp_path / "上海市某区档案馆.yaml").write_text(renamed, encoding="utf-8")
    _code, report = run("上海市某区档案馆.yaml", "--select", "BL806")
    (finding,) = findings(report, "BL806")
    assert "上海市某区档案馆（新）" in finding["message"] and finding["related"][0]["file"] == "部门.yaml"


# -- modes and front ends ------------------------------------------------------------------------

def test_related_files_are_read_only_and_per_file_mode_has_no_cross_file_findings(tmp_path: Path, run) -> None:
    (tmp_path / "2023.yaml").write_text(HENAN, encoding="utf-8")
    (tmp_path / "2022.yaml").write_text(henan_2022(income="100.00").replace("编号: 预算11表", "编号: 预算99表", 1),
                                        encoding="utf-8")
    _, report = run("2023.yaml")
    assert {f["file"] for f in report["findings"]} == {"2023.yaml"}  # 2022.yaml's BL013 is not reported
    _code, report = run("2023.yaml", "--no-repository")
    assert [f for f in report["findings"] if f["rule"].startswith("BL8")] == []


def test_roots_find_related_files_outside_the_checked_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "公开" / "2022").mkdir(parents=True)
    (tmp_path / "公开" / "2023").mkdir()
    (tmp_path / "公开" / "2023" / "a.yaml").write_text(HENAN, encoding="utf-8")
    (tmp_path / "公开" / "2022" / "a.yaml").write_text(henan_2022(income="100.00"), encoding="utf-8")
    (tmp_path / ".budgetlint.toml").write_text('roots = ["公开"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "-f", "parsable", "--select", "BL802", "公开/2023/a.yaml"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("公开/2023/a.yaml:") and "\n  公开/2022/a.yaml:" in out


def test_sarif_related_locations_carry_the_other_files_uri(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = SHARED_DATA / "sarif-schema-2.1.0.json"
    if not schema_path.exists():
        pytest.skip("需要 ../shared/data/sarif-schema-2.1.0.json")
    (tmp_path / "2023.yaml").write_text(HENAN, encoding="utf-8")
    (tmp_path / "2022.yaml").write_text(henan_2022(income="100.00"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["check", "--no-config", "-f", "sarif", "--select", "BL802", "2023.yaml", "2022.yaml"])
    sarif = json.loads(capsys.readouterr().out)
    jsonschema.validate(sarif, json.loads(schema_path.read_text(encoding="utf-8")))
    (result,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "BL802"]
    uris = [r["physicalLocation"]["artifactLocation"]["uri"] for r in result["relatedLocations"]]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "2023.yaml"
    assert "2022.yaml" in uris


def test_github_annotation_is_on_the_checked_file_with_the_other_file_named(tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str],
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "2023.yaml").write_text(HENAN, encoding="utf-8")
    (tmp_path / "2022.yaml").write_text(henan_2022(income="100.00"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["check", "--no-config", "-f", "github", "--select", "BL802", "2023.yaml", "2022.yaml"])
    out = capsys.readouterr().out
    assert out.startswith("::error file=2023.yaml,") and "2022.yaml:" in out


def test_workers_see_the_repository_and_reports_keep_file_order(tmp_path: Path, run) -> None:
    names = []
    for number in range(5):  # 10 files: enough for two worker processes (runner.MIN_FILES_PER_WORKER)
        department = f"新乡市卫滨区测试{number}局"
        for year, text in (("2023", HENAN), ("2022", henan_2022(income="100.00"))):
            path = tmp_path / f"{year}-{number}.yaml"  # a 2023 file is named before its 2022 file
            path.write_text(top(text, "部门", department), encoding="utf-8")
            names.append(path.name)
    _, serial = run(*names, "--select", "BL802")
    _code, parallel = run(*names, "--select", "BL802", "-j", "2")
    assert parallel["findings"] == serial["findings"]
    assert sorted({f["file"] for f in findings(parallel, "BL802")}) == [f"2023-{n}.yaml" for n in range(5)]


def test_processing_order_puts_related_files_first(tmp_path: Path) -> None:
    files = []
    for name, year, kind in (("a.yaml", "2023", "决算"), ("b.yaml", "2023", "预算"), ("c.yaml", "2022", "预算")):
        (tmp_path / name).write_text(top(top(HENAN, "年度", year), "类型", kind), encoding="utf-8")
        files.append(str(tmp_path / name))
    assert [files[i] for i in Repository(files).processing_order(files)] == [files[2], files[1], files[0]]


def test_text_format_names_the_other_file_in_its_related_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    prior = henan_2022(income="100.00")
    (tmp_path / "2023.yaml").write_text(HENAN, encoding="utf-8")
    (tmp_path / "2022.yaml").write_text(prior, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["check", "--no-config", "-f", "text", "--color", "never", "--select", "BL802", "2023.yaml", "2022.yaml"])
    out = capsys.readouterr().out
    assert f"相关 2022.yaml:{line_of(prior, '收入总计: 100.00')}:" in out and f"相关 2023.yaml:{line_of(HENAN, '计 293.68')}:" in out


def test_a_change_compared_with_another_year_is_not_checked_against_last_year(tmp_path: Path, run) -> None:
    # §一 compares with 2019 (its second clause, “支出增加 197.26 万元”, shares that base); §四 with 2022
    text = HENAN.replace("与 2022 年预算相", "与 2019 年预算相", 1)
    (tmp_path / "2023.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "2022.yaml").write_text(top(HENAN, "年度", "2022"), encoding="utf-8")
    _, report = run("2023.yaml", "--select", "BL802")
    lines = sorted(f["line"] for f in findings(report, "BL802"))
    first, fourth = line_of(text, "一、收入支出预算总体情况说明"), line_of(text, "四、财政拨款收入支出总体情况说明")
    assert lines and all(line > fourth for line in lines) and not any(first < line < fourth for line in lines)


def test_the_bundled_examples_are_distinct_disclosures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-config", "-f", "json", "--select", "BL8", str(ROOT / "examples")]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []


def test_unit_identity_says_nothing_when_the_department_lists_no_units(tmp_path: Path, run) -> None:
    # found on the imported 商务委员会 pair: the importer writes no 包含单位, which is optional
    shanghai_units(tmp_path)
    department = (tmp_path / "部门.yaml").read_text(encoding="utf-8")
    units = department[department.index("包含单位:"):department.index("附件标题:")]
    (tmp_path / "部门.yaml").write_text(department.replace(units, "", 1), encoding="utf-8")
    renamed = top(top(SHANGHAI, "部门", "上海市某区档案馆（新）"), "所属部门", "上海市某区档案局")
    (tmp_path / "上海市某区档案馆.yaml").write_text(renamed, encoding="utf-8")
    _, report = run("上海市某区档案馆.yaml", "--select", "BL806")
    assert findings(report, "BL806") == []
