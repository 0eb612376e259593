"""Starting a disclosure: ``budgetlint schema``, ``profile list|show`` and ``init`` for every built-in profile."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, lint

from budgetlint.cli import main
from budgetlint.profile import builtin_ids, load_profile
from budgetlint.skeleton import SkeletonRequest, chinese_ordinal, render_skeleton, scalar
from budgetlint.source import load_yaml
from budgetlint.tableshape import table_fields

PROFILES = builtin_ids()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def skeleton(profile_id: str, department: str = "上海市普陀区档案局", year: int = 2025) -> str:
    return render_skeleton(SkeletonRequest(load_profile(profile_id), year, department, "disclosure-v1.schema.json"))


# --- schema --------------------------------------------------------------------------------------


def test_schema_prints_the_shipped_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert json.loads(out) == json.loads((ROOT / "schemas" / "disclosure-v1.schema.json").read_text(encoding="utf-8"))
    code, out, _ = run(capsys, "schema", "--profile-schema")
    assert code == 0 and json.loads(out)["title"].startswith("budgetlint 地区规范")


# --- profile list / show -------------------------------------------------------------------------


def test_profile_list_names_every_builtin_profile(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "profile", "list", "--no-config")
    assert code == 0
    listed = [line.split()[0] for line in out.splitlines()]
    assert listed == PROFILES
    henan = next(line for line in out.splitlines() if line.startswith("henan "))
    assert "12 张表（12 张必备）" in henan and "河南省部门预算" in henan


def test_profile_list_includes_a_configured_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "toy-county.yaml").write_text(
        "id: toy-county\n名称: 玩具县\n类型: 预算\n继承: national\n", encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    code, out, _ = run(capsys, "profile", "list", "--no-config", "--profile-dir", str(tmp_path))
    assert code == 0
    assert any(line.startswith("toy-county ") and "玩具县" in line for line in out.splitlines())
    # A profile that cannot be read is named with the reason, not left out.
    assert any(line.startswith("broken ") and "无法读取" in line for line in out.splitlines())


@pytest.mark.parametrize("profile_id", PROFILES)
def test_profile_show_prints_every_table_and_heading(profile_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    profile = load_profile(profile_id)
    code, out, _ = run(capsys, "profile", "show", profile_id, "--no-config")
    assert code == 0
    positions = []
    for key, entry in profile.tables.items():
        header = f"  {entry.number}  {entry.title}\n"
        assert header in out
        positions.append(out.index(header))
        need = "必备" if entry.mandatory else "可选"
        assert f"格式中的键：表格.{key}    {need}" in out
        for path, printed in entry.columns.items():
            assert f"印刷列名：{path} →“{printed}”" in out
    assert positions == sorted(positions), "tables in the profile's (printed) order"
    for topic, titles in profile.section_titles.items():
        assert f"  {topic}：{' 或 '.join(titles)}\n" in out
    assert "  正文.情况说明：第二部分" in out and "  正文.名词解释：第三部分 名词解释\n" in out


def test_profile_show_columns_come_from_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "profile", "show", "shanghai", "--no-config")[1]
    # Every amount key of the 三公 row, in schema order; optional keys marked.
    row = next(f for f in table_fields("三公经费表") if f.key == "本年")
    own = "、".join(f.key for f in row.children if f.kind == "amount")
    assert f"      本年：{own}\n" in out
    assert "用事业基金弥补收支差额（可选）" in out
    # 明细 rows with the same columns as 合计行 are printed once.
    assert "      明细（每行一条）：列同合计行；每行另有 " in out
    assert "页码" not in out and "单元格" not in out, "import provenance is not a column to fill in"
    assert "金额单位：万元" in out.split("T9")[1] and "金额单位：元" in out.split("T9")[0]


def test_profile_show_unknown_profile_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "profile", "show", "atlantis", "--no-config")
    assert code == 2 and out == "" and "未知的地区规范“atlantis”" in err


# --- init ----------------------------------------------------------------------------------------


def test_chinese_ordinals_and_scalars() -> None:
    assert [chinese_ordinal(n) for n in (1, 9, 10, 11, 20, 34)] == ["一", "九", "十", "十一", "二十", "三十四"]
    assert scalar("上海市普陀区商务委员会") == "上海市普陀区商务委员会"
    assert scalar("A: b # c") == '"A: b # c"' and scalar("2025") == '"2025"' and scalar("null") == '"null"'


@pytest.mark.parametrize("profile_id", PROFILES)
def test_init_skeleton_loads_and_gets_only_the_empty_table_notes(profile_id: str) -> None:
    profile = load_profile(profile_id)
    text = skeleton(profile_id)
    assert text.startswith("# yaml-language-server: $schema=disclosure-v1.schema.json\n")
    result = lint(text, f"{profile_id}.yaml")
    assert not result.unreadable and not result.skipped_rules
    # An empty skeleton is not yet a disclosure: each mandatory table is empty without a 说明 (BL011), and
    # nothing else — no schema error, no missing table, no narrative finding on empty text.
    assert {f.rule_id for f in result.findings} == {"BL011"}
    assert sorted(f.json_path for f in result.findings) == sorted(("表格", key) for key in profile.mandatory)
    data = load_yaml(text).document.data
    assert list(data["表格"]) == list(profile.mandatory), "every mandatory table, in the profile's order"
    assert data["部门"] == "上海市普陀区档案局" and data["年度"] == 2025 and data["类型"] == profile.kind
    for key in profile.mandatory:
        assert data["表格"][key]["编号"] == profile.tables[key].number
        assert data["表格"][key].get("单位") == profile.table_unit(key)


def _uncomment(text: str) -> str:
    """Every commented key of the skeleton turned on (list keys stay off: they need rows)."""
    pattern = re.compile(r'^(\s*)# (\s*)(\S+:(?: null| "")?)(  # .*)$')
    lines = text.splitlines()
    out = []
    for number, line in enumerate(lines):
        match = pattern.match(line)
        if match and "每行一条" not in line and not match.group(3).startswith(("说明", "包含单位", "附件标题")):
            indent = match.group(1) + match.group(2)
            following = pattern.match(lines[number + 1]) if number + 1 < len(lines) else None
            opens_group = following is not None and len(following.group(1) + following.group(2)) > len(indent)
            if match.group(3).endswith(":") and not opens_group:
                out.append(line)  # a code key: no placeholder value is a valid code
                continue
            line = f"{indent}{match.group(3)}{match.group(4)}"
        out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("profile_id", PROFILES)
def test_init_commented_keys_are_the_schema_keys_in_place(profile_id: str) -> None:
    """The comments are not prose about keys: uncommented, they are valid keys where they stand."""
    text = _uncomment(skeleton(profile_id))
    assert text != skeleton(profile_id), "something was uncommented"
    result = lint(text, f"{profile_id}.yaml")
    assert not result.skipped_rules, [f.message for f in result.findings if f.rule_id == "BL002"]


def test_init_skeleton_quotes_a_department_name_that_yaml_would_misread() -> None:
    data = load_yaml(skeleton("shanghai", department="某局: 2025 # 试")).document.data
    assert data["部门"] == "某局: 2025 # 试" and data["表格"]["收支总表"]["部门"] == "某局: 2025 # 试"


def test_another_regions_keys_are_commented_out() -> None:
    """Keys the schema describes as Shanghai's are active in a Shanghai skeleton, commented out elsewhere."""
    henan = load_yaml(skeleton("henan")).document.data["表格"]
    shanghai = load_yaml(skeleton("shanghai")).document.data["表格"]
    assert "财政拨款收入" not in henan["收支总表"]["收入"] and "机关运行经费" not in henan["三公经费表"]["本年"]
    assert "支出总计分列" not in henan["收支总表"]["支出"]
    assert "# 财政拨款收入: null" in skeleton("henan")  # still one # away
    assert "财政拨款收入" in shanghai["收支总表"]["收入"] and "机关运行经费" in shanghai["三公经费表"]["本年"]
    national = load_yaml(skeleton("national-juesuan")).document.data["表格"]["国有资本经营预算财政拨款支出决算表"]
    assert set(national["合计行"]) == {"合计", "基本支出", "项目支出"}
    juesuan = load_yaml(skeleton("shanghai-juesuan")).document.data["表格"]["国有资本经营预算财政拨款支出决算表"]
    assert {"年初结转和结余", "本年收入", "本年支出", "年末结转和结余"} <= set(juesuan["合计行"])


def test_unit_profiles_say_unit() -> None:
    assert load_yaml(skeleton("shanghai-unit")).document.data["正文"]["情况说明"]["标题"] == "上海市普陀区档案局2025年度单位预算情况说明"
    assert load_yaml(skeleton("shanghai")).document.data["正文"]["情况说明"]["标题"] == "上海市普陀区档案局2025年度部门预算情况说明"


def test_henan_sections_after_other_matters_are_its_subsections() -> None:
    data = load_yaml(skeleton("henan")).document.data
    sections = data["正文"]["情况说明"]["章节"]
    assert sections[-1]["标题"] == "九、其他重要事项情况说明"
    assert [s["主题"] for s in sections[-1]["小节"]] == ["机关运行经费", "政府采购", "绩效目标", "国有资产", "专项转移支付"]
    assert sections[-1]["小节"][0]["标题"] == "（一）行政（事业）单位运行经费情况"


def test_init_writes_a_file_and_never_overwrites_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "2025.yaml"
    args = ["init", "--no-config", "--profile", "shanghai", "--year", "2025", "--kind", "预算",
            "--department", "上海市普陀区商务委员会", "-o", str(target)]
    code, out, err = run(capsys, *args)
    assert code == 0 and out == "" and "已写入空白公开文件" in err
    first = target.read_text(encoding="utf-8")
    assert "部门: 上海市普陀区商务委员会" in first
    target.write_text("已经在填的文件\n", encoding="utf-8")
    code, _, err = run(capsys, *args)
    assert code == 2 and "已存在" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "已经在填的文件\n"
    code, _, _ = run(capsys, *args, "--force")
    assert code == 0 and target.read_text(encoding="utf-8") == first
    assert [p.name for p in tmp_path.iterdir()] == ["2025.yaml"], "no temporary file left behind"


def test_init_to_stdout_and_with_a_schema_path(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "init", "--no-config", "--profile", "national-juesuan", "--year", "2024", "--kind", "决算",
                       "--department", "某局", "--schema", "../schemas/disclosure-v1.schema.json")
    assert code == 0 and out.startswith("# yaml-language-server: $schema=../schemas/disclosure-v1.schema.json\n")
    assert "收入支出决算总表:" in out


@pytest.mark.parametrize("args, message", [
    (["--profile", "shanghai", "--year", "2025", "--kind", "决算"], "用于预算，而 --kind 是决算"),
    (["--profile", "shanghai", "--year", "25", "--kind", "预算"], "不像公开年度"),
    (["--profile", "atlantis", "--year", "2025", "--kind", "预算"], "未知的地区规范"),
])
def test_init_usage_errors(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "init", "--no-config", "--department", "某局", *args)
    assert code == 2 and out == "" and message in err
