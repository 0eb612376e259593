"""Issue 15 item 8: every run can show which narrative figures were checked and which were not read."""

from __future__ import annotations

import json
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
    assert all(set(s["覆盖"]) == {"数字", "已检查"} for s in sections)
    assert sum(s["覆盖"]["数字"] for s in sections) > sum(s["覆盖"]["已检查"] for s in sections) > 0


def test_check_coverage_summary_on_stderr(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    main(["check", "--no-config", "--coverage", "-f", "parsable", str(EXAMPLE)])
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines[0].startswith(f"{EXAMPLE}：叙述数字 ") and "已检查" in lines[0] and "未检查" in lines[0]
    assert all(line.startswith("  ") and "不检查" in line for line in lines[1:])
    assert "叙述数字" not in captured.out  # the report itself stays machine-readable
