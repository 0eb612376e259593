"""``budgetlint claims``: the per-section listing of what was extracted and what it matched."""

from __future__ import annotations

import json

import pytest

from budgetlint.cli import main
from conftest import EXAMPLE


def test_text_listing_names_cells_and_reasons(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "176:11 一、收入支出预算总体情况说明（主题：收支总体）" in out
    assert "177:13 金额 收入总计 293.68 万元 → 预算01表（收支总表）收入总计 293.68 万元（一致，BL301）" in out
    assert "200:19 金额 一般公共预算收支预算 112.08 万元 → 预算04表（财政拨款收支总表）支出合计 一般公共预算 293.68 万元（不一致，BL304）" in out
    assert "212:24 金额 科学技术支出 235.72 万元 → 功能分类 206（科学技术支出）" in out
    assert "179:25 增减 支出 197.26 万元 204.58% → 本年数 支出总计 293.68 万元" in out
    assert "162:25 年份 2022 年度部门预算 → 本年" in out


def test_json_listing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", str(EXAMPLE), "--format", "json"]) == 0
    sections = json.loads(capsys.readouterr().out)
    procurement = next(s for s in sections if s["主题"] == "政府采购")
    assert [row["数字"] for row in procurement["陈述"] if row["类型"] == "金额"] == ["1.50 万元", "0.50 万元", "0.00 万元", "0.00 万元"]


def test_unreadable_file_is_exit_2_without_traceback(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [1,\n", encoding="utf-8")
    assert main(["claims", str(bad)]) == 2
    assert main(["claims", str(tmp_path / "missing.yaml")]) == 2
    assert "Traceback" not in capsys.readouterr().err
