"""Issue 15 item 8: every run can show which narrative figures were checked and which were not read."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from budgetlint.cli import main
from budgetlint.engine import EngineConfig, lint_text
from budgetlint.rules.narrative.coverage import coverage
from budgetlint.rules.narrative.sections import narrative
from budgetlint.source import load_yaml
from conftest import CLEAN, EXAMPLE, ROOT, deep_merge, to_json_text

BUDGET = load_yaml(CLEAN.read_text(encoding="utf-8")).document.data  # type: ignore[union-attr]
FINAL = load_yaml((ROOT / "tests" / "fixtures" / "clean-national-juesuan-2023.yaml").read_text(encoding="utf-8")).document.data  # type: ignore[union-attr]


def doc_with(base: object, title: str, text: str, topic: str | None = None):  # type: ignore[no-untyped-def]
    item = {"标题": title, "文本": text, **({"主题": topic} if topic else {})}
    data = deep_merge(base, {"正文": {"情况说明": {"章节": [item]}}})
    result = lint_text("t.json", to_json_text(data), (), EngineConfig(enabled=frozenset()))
    assert result.disclosure is not None
    return result.disclosure


def test_each_figure_is_checked_or_says_why_not() -> None:
    doc = doc_with(BUDGET, "七、“三公”经费预算情况说明",
                   "2023 年“三公”经费预算 1.30 万元，其中：因公出国（境）费 0.00 万元；公务接待费 0.00 万元；"
                   "公务用车购置及运行费 1.30 万元。另安排会议费 3.00 万元。\n", topic="三公经费")
    found = {f.number.show(): (f.checked, f.how) for f in coverage(doc).figures}
    assert found["1.30 万元"][0] is True and found["1.30 万元"][1].startswith("表格 ")
    assert found["3.00 万元"] == (False, "词表中没有这一说法，不检查")  # not read, and it says so


def test_prior_year_figures_say_they_have_no_cell() -> None:
    doc = doc_with(BUDGET, "四、部门预算编制说明", "2022年当年预算执行数为60.13万元，另有其他 3.00 万元。\n")
    mine = [f for f in coverage(doc).figures if f.section.section.title == "四、部门预算编制说明"]
    assert [(f.checked, f.how) for f in mine][0] == (False, "上年执行数，没有对应的表格单元格，不检查")


def test_comparisons_count_as_checked() -> None:
    doc = doc_with(BUDGET, "四、部门预算编制说明",
                   "2022年当年预算执行数为60.13万元，2023年预算安排25.77万元，比2022年预算执行数减少57.14%。主要原因是：调整。\n")
    mine = [f for f in coverage(doc).figures if f.section.section.title == "四、部门预算编制说明"]
    assert [(f.number.show(), f.checked, f.how) for f in mine] == [
        ("60.13 万元", True, "两年比较（A、B 与增减）"), ("25.77 万元", True, "两年比较（A、B 与增减）"),
        ("57.14%", True, "两年比较（A、B 与增减）")]


def test_sections_are_recognised_from_the_profile_headings() -> None:
    # no 主题: the national 决算 profile prints this heading; the vocabulary's own title words do not match it
    doc = doc_with(FINAL, "五、一般公共预算财政拨款支出决算情况说明", "一般公共预算财政拨款支出 294.76 万元。\n")
    assert [ns.topic for ns in narrative(doc) if ns.section.title.startswith("五、一般公共预算财政拨款")] == ["一般公共预算支出"]


def test_claims_view_marks_every_figure_and_sums_up(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "177:13 金额 收入总计 293.68 万元 → 预算01表（收支总表）收入总计 293.68 万元（一致，BL301）；期间：本年预算（2023 年）；检查：已检查（表格 预算01表（收支总表）收入总计）" in out
    assert out.splitlines()[-1].startswith("叙述数字 ") and "已检查" in out.splitlines()[-1]
    assert "未检查（" in out


def test_claims_json_has_per_section_coverage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", str(EXAMPLE), "--format", "json"]) == 0
    sections = json.loads(capsys.readouterr().out)
    assert all(set(s["覆盖"]) == {"数字", "已检查", "读者没读懂", "文件中没有可比对的数"} for s in sections)
    # every figure is checked or one of the two gaps (issue 15 item 7): nothing falls between them
    assert all(sum(s["覆盖"][k] for k in ("已检查", "读者没读懂", "文件中没有可比对的数")) == s["覆盖"]["数字"] for s in sections)
    assert sum(s["覆盖"]["数字"] for s in sections) > sum(s["覆盖"]["已检查"] for s in sections) > 0


def test_check_coverage_summary_on_stderr(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    main(["check", "--no-config", "--coverage", "-f", "parsable", str(EXAMPLE)])
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines[0].startswith(f"{EXAMPLE}：叙述数字 ") and "已检查" in lines[0] and "未检查" in lines[0]
    # the summary gives both kinds of gap; each figure is listed under its kind, with its reason
    assert re.search(r"：读者没读懂 \d+ 个，文件中没有可比对的数 \d+ 个$", lines[0]), lines[0]
    headers = [line for line in lines[1:] if not line.startswith("    ")]
    assert headers and all(re.fullmatch(r"  (读者没读懂|文件中没有可比对的数)（\d+ 个）：", h) for h in headers)
    assert all(line.startswith("    ") and "：" in line for line in lines[1:] if line not in headers)
    assert "叙述数字" not in captured.out  # the report itself stays machine-readable


SHANGHAI = load_yaml((ROOT / "tests" / "fixtures" / "clean-shanghai-2024.yaml").read_text(encoding="utf-8")).document.data  # type: ignore[union-attr]
_GRANT_CHANGE = "2025年，某区档案局收入预算1,863.75万元，其中：财政拨款收入1,863.75万元，比2024年预算增加100.00万元。\n"


def _two_years(tmp_path: Path, prior_income: str) -> tuple[Path, Path]:
    """This year's file (2025) states a change against 2024 without printing 2024's figure; last year's file
    holds the T4 收入合计 the change implies (or not)."""
    from decimal import Decimal

    income = Decimal(prior_income)
    prior = deep_merge(SHANGHAI, {"表格": {"财政拨款收支总表": {"收入": {"收入合计": income, "本年收入": {"合计": income}}}}})
    current = deep_merge(SHANGHAI, {"年度": 2025, "正文": {"情况说明": {"章节": [{"标题": "2025年部门预算编制说明", "文本": _GRANT_CHANGE}]}}})
    old, new = tmp_path / "2024.json", tmp_path / "2025.json"
    old.write_text(to_json_text(prior), encoding="utf-8")
    new.write_text(to_json_text(current), encoding="utf-8")
    return old, new


def test_a_change_without_last_years_figure_needs_last_years_file(tmp_path: Path) -> None:
    """Issue 15 item 6: in one file “比2024年预算增加 100.00 万元” cannot be checked, and the coverage says what
    would check it; with last year's file in the repository BL802 compares it, and the coverage counts it."""
    from budgetlint.cli_claims import coverage_report

    old, new = _two_years(tmp_path, "17637452.16")
    alone = coverage_report([str(new)])  # no repository mode: --no-repository
    assert "增减 100.00 万元：只写了增减、没有写出上年数，本文件中没有上年单元格：需要上年预算文件才能检查（仓库模式，BL802）" in alone
    assert "文件中没有可比对的数（1 个）" in alone
    together = coverage_report([str(new), str(old)], roots=[])
    mine = together.split(f"{old}：")[0]
    assert "100.00 万元" not in mine and "未检查 0 个" in mine, mine


def test_a_change_bl802_finds_wrong_is_counted_as_checked_too(tmp_path: Path) -> None:
    """The coverage counts what BL802 compared, whether the figures agree or not (here they do not)."""
    from budgetlint.cli_claims import coverage_report

    old, new = _two_years(tmp_path, "17000000.00")
    together = coverage_report([str(new), str(old)], roots=[])
    assert "100.00 万元" not in together.split(f"{old}：")[0]
    assert main(["check", "--no-config", "-f", "parsable", str(new), str(old)]) == 1


NATIONAL = load_yaml((ROOT / "tests" / "fixtures" / "clean-national-2024.yaml").read_text(encoding="utf-8")).document.data  # type: ignore[union-attr]
_PERFORMANCE = "2024年度，本部门编报绩效目标的项目共2个，涉及项目预算资金80.00万元。\n"


@pytest.mark.parametrize(("base", "patch", "expected"), [
    # Shanghai publishes no 项目绩效目标表: nothing in the file to compare with, and the coverage says why
    (SHANGHAI, {}, {(False, "文件中没有可比对的数", "本文件没有公开项目绩效目标表，编报绩效目标的项目个数没有可比对的数"),
                    (False, "文件中没有可比对的数", "本文件没有公开项目绩效目标表，编报绩效目标的项目资金没有可比对的数")}),
    # a complete table (合计 = Σ projects): both compared (BL717)
    (NATIONAL, {}, {(True, "", "项目支出绩效目标表（项目绩效目标表）的项目个数（2 个）"),
                    (True, "", "项目支出绩效目标表（项目绩效目标表）合计行（资金总额或政府预算资金）")}),
    # a table with some projects only: not compared, and said so
    (NATIONAL, {"表格": {"项目绩效目标表": {"合计行": {"资金总额": 120}}}},
     {(False, "文件中没有可比对的数", "项目绩效目标表只公开了部分项目（合计行的资金总额不等于各项目之和），编报绩效目标的项目没有可比对的数")}),
])
def test_performance_figures_against_the_project_table(base: object, patch: object, expected: set[tuple[bool, str, str]]) -> None:
    """Issue 15 item 3: what the tables give for “编报绩效目标的项目共N个，涉及项目预算资金X万元”, by profile."""
    doc = doc_with(deep_merge(base, patch), "十、绩效目标设置情况", _PERFORMANCE, topic="绩效目标")
    mine = {(f.checked, f.gap, f.how) for f in coverage(doc).figures if f.section.section.title == "十、绩效目标设置情况"}
    assert mine == expected
