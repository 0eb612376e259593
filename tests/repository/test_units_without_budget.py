"""A unit listed in 包含单位 with 备注 “不单列预算” has no budget — and no file — of its own (its figures are in
the 本级's): BL803 sums the 部门 against the other units' files without waiting for a file that never comes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from budgetlint.cli import main

DEPARTMENT = "上海市某区商务委员会"


def disclosure(kind: str, staff: str, units: str = "") -> str:
    identity = units if kind == "部门" else f"所属部门: {DEPARTMENT}\n"
    return (f"格式版本: 1\n部门: {DEPARTMENT}\n{identity}年度: 2025\n类型: 预算\n"
            f"规范: {'shanghai' if kind == '部门' else 'shanghai-unit'}\n金额单位: 元\n表格:\n  一般公共预算基本支出表:\n"
            f"    编号: T8\n    合计行: {{合计: 150.00, 人员经费: {staff}, 公用经费: 50.00}}\n")


UNITS = (f"包含单位:\n  - {{名称: {DEPARTMENT}, 备注: 本部}}\n"
         "  - {名称: 上海市某区中小企业服务中心, 备注: 不单列预算，并入本级}\n")


def check(tmp_path: Path, capsys: pytest.CaptureFixture[str], unit_staff: str) -> list[dict[str, str]]:
    (tmp_path / "部门.yaml").write_text(disclosure("部门", "100.00", UNITS), encoding="utf-8")
    (tmp_path / "单位.yaml").write_text(disclosure("单位", unit_staff), encoding="utf-8")
    main(["check", "--no-config", "-f", "json", "--select", "BL803,BL806", str(tmp_path / "部门.yaml"),
          str(tmp_path / "单位.yaml")])
    return json.loads(capsys.readouterr().out)["findings"]


def test_a_unit_without_its_own_budget_is_not_waited_for(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Before: “包含单位中 1 个单位没有（唯一的）单位文件：上海市某区中小企业服务中心；部门汇总数未与单位文件之和核对”
    (info), and the sum was never formed."""
    assert check(tmp_path, capsys, "100.00") == []
    (found,) = check(tmp_path, capsys, "90.00")
    assert found["rule"] == "BL803" and "人员经费 100.00" in found["message"] and "90.00" in found["message"]
