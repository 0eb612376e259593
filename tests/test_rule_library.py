"""The check-function library that declarative rule entries name (budgetlint/rules/library.py).

An entry naming an unknown function, or leaving out a key its function reads, is a load error that names the
rule file and entry; the narrative functions read the vocabulary by rule id while the finding keys keep the
catalogue code (baselines and SARIF/GitLab fingerprints are made from them).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from budgetlint.rule import RuleLoadError, load_rules
from budgetlint.rules.declarative import rule_from_entry
from budgetlint.rules.library import LIBRARY
from budgetlint.rules.narrative.vocabulary import vocabulary
from conftest import EXAMPLE, lint

DOC = {"why": "为什么写这条。", "fails": "表格: {}", "passes": "表格: {}", "severity": "error"}


def entry(**fields: Any) -> dict[str, Any]:
    return {"id": "BL990", "name": "probe", "title": "探针", **DOC, **fields}


def test_an_unknown_function_is_a_load_error_naming_the_entry_and_the_choices() -> None:
    with pytest.raises(RuleLoadError, match=r"x\.yaml BL990: 未知的检查函数“sums”：check 必须是 sum、equal"):
        rule_from_entry(entry(check="sums", total="收支总表/收入/收入总计", addends=[]), "x.yaml")


def test_a_missing_key_is_a_load_error_naming_the_key() -> None:
    with pytest.raises(RuleLoadError, match=r"检查函数 sum 需要键“addends”（它读取 total、addends）"):
        rule_from_entry(entry(check="sum", total="收支总表/收入/收入总计"), "x.yaml")
    with pytest.raises(RuleLoadError, match=r"检查函数 equal 需要键“stated”“source”"):
        rule_from_entry(entry(identities=[{"check": "equal"}]), "x.yaml")
    with pytest.raises(RuleLoadError, match=r"检查函数 restated-in-narrative 需要键“catalogue”"):
        rule_from_entry(entry(check="restated-in-narrative"), "x.yaml")


def test_a_narrative_function_needs_a_catalogue_code_and_takes_no_rows() -> None:
    with pytest.raises(RuleLoadError, match="需要 catalogue"):
        rule_from_entry(entry(check="summed-in-narrative", catalogue=[]), "x.yaml")
    with pytest.raises(RuleLoadError, match="rows 只用于表格单元格的检查函数"):
        rule_from_entry(entry(check="summed-in-narrative", catalogue=["C12"], tables=["项目表"], rows=["行"]), "x.yaml")


def test_a_rules_dir_entry_with_an_unknown_function_fails_loading_with_its_file(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        "- id: XY001\n  name: mine\n  title: 我的规则\n  severity: error\n  check: greater\n"
        "  why: 说明\n  fails: '表格: {}'\n  passes: '表格: {}'\n", encoding="utf-8")
    with pytest.raises(RuleLoadError, match=re.escape(str(tmp_path / "mine.yaml")) + " XY001: 未知的检查函数“greater”"):
        load_rules([tmp_path])


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_every_function_documents_what_it_judges_and_its_keys_in_chinese(name: str) -> None:
    function = LIBRARY[name]
    assert re.search(r"[\u4e00-\u9fff]", function.doc.split("\n")[0]), "第一行：它判断什么（中文）"
    assert "条目键" in function.doc
    for key in function.keys:
        assert f"`{key}`" in function.doc


# BL311 and BL312 were shims too, but have since grown checks of their own (the 决算's 机关运行经费 and 中小企业
# amounts): they stay Python and call the library under their own id, as BL310 does.
SHIMS = ("BL301", "BL302", "BL303", "BL305", "BL307", "BL308", "BL309", "BL314")


def test_the_former_shim_rules_are_entries_naming_a_narrative_function() -> None:
    by_id = {rule.id: rule for rule in load_rules()}
    assert [by_id[i].module for i in SHIMS] == [f"rules.d/narrative.yaml#{i}" for i in SHIMS]
    assert not list(Path(__file__).resolve().parent.parent.glob("rules.d/bl30[1235789]_*.py"))


def test_narrative_findings_keep_the_catalogue_code_as_their_key_prefix() -> None:
    """BL312 reads vocabulary entries `规则: BL312`; its findings' keys still start with C12 (baselines)."""
    result = lint(EXAMPLE.read_text(encoding="utf-8"), only={"BL312"})
    keys = [f.key for f in result.findings if f.rule_id == "BL312"]
    assert keys and all(k.startswith("C12:/正文/") for k in keys)


def test_the_vocabulary_is_keyed_by_rule_id() -> None:
    topics = vocabulary().topics
    rules = {entry.rule for topic in topics.values() for entry in topic.entries.values() if entry.rule}
    rules |= {identity.rule for topic in topics.values() for identity in topic.identities}
    assert rules and all(re.fullmatch(r"BL\d{3}", rule) for rule in rules), rules
    assert {"BL301", "BL309", "BL312", "BL314"} <= rules


def test_a_profile_naming_a_catalogue_code_still_reaches_the_rule() -> None:
    """A 叙述词表 written before the rekey (`规则: C11`) is read as BL311, not left unchecked in silence."""
    extension = {"主题": {"机关运行经费": {"数字": {"运行费": {"别名": ["运行费"], "单元格": [["三公经费表", "本年", "机关运行经费"]],
                                                         "规则": "C11"}}},
                         "政府采购": {"恒等式": [{"规则": "C12", "总数": "政府采购", "分项": ["货物", "工程", "服务"]}]}}}
    topics = vocabulary(extension).topics
    assert topics["机关运行经费"].entries["运行费"].rule == "BL311"
    assert [i.rule for i in topics["政府采购"].identities] == ["BL312"]
