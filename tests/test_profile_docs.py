"""Each built-in profile's expectations are written down (docs/profiles/, generated from the profile data),
and BL013 says which number and title the profile expects."""

from __future__ import annotations

import re
from typing import Any

import pytest

from budgetlint.engine import EngineConfig, lint_text
from budgetlint.profile import builtin_ids, load_profile
from budgetlint.profiledoc import documents
from budgetlint.rule import load_rules
from budgetlint.source import load_yaml
from conftest import ROOT, deep_merge, to_json_text

DOCS = ROOT / "docs" / "profiles"
NATIONAL = ROOT / "tests" / "fixtures" / "clean-national-2024.yaml"
HENAN = ROOT / "tests" / "fixtures" / "clean-henan-2023.yaml"


def test_docs_profiles_are_generated_from_the_profile_data() -> None:
    expected = documents()
    actual = {path.name: path.read_text(encoding="utf-8") for path in DOCS.glob("*.md")}
    assert sorted(actual) == sorted(expected), "run `python -m budgetlint.profiledoc`"
    for name, text in expected.items():
        assert actual[name] == text, f"docs/profiles/{name} is stale: run `python -m budgetlint.profiledoc`"


@pytest.mark.parametrize("profile_id", builtin_ids())
def test_every_table_number_title_and_heading_is_documented(profile_id: str) -> None:
    profile = load_profile(profile_id)
    text = (DOCS / f"{profile_id}.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([^`]+)` \| ([^|]+) \| ([^|]+) \| (是|否) \|", text, re.M)
    assert [(key, number, title, flag == "是") for key, number, title, flag in rows] == [
        (key, t.number, t.title, t.mandatory) for key, t in profile.tables.items()]
    from budgetlint.rules.narrative.vocabulary import vocabulary

    for _topic, words in vocabulary(profile.narrative_vocabulary or None).titles:
        assert all(word in text for word in words)
    for titles in profile.section_titles.values():
        assert all(title in text for title in titles)
    # the skeleton numbers every table as the profile does
    skeleton = re.search(r"```yaml\n(.*?)```", text, re.S)
    assert skeleton is not None
    numbers = re.findall(r"^    编号: (.+)$", skeleton.group(1), re.M)
    assert numbers == [t.number for t in profile.tables.values()]


def lint_patched(path: Any, patch: dict[str, Any]) -> list[str]:
    data = load_yaml(path.read_text(encoding="utf-8")).document.data  # type: ignore[union-attr]
    text = to_json_text(deep_merge(data, patch))
    result = lint_text("t.json", text, load_rules(), EngineConfig(enabled=frozenset({"BL013"})))
    return [f.message for f in result.findings]


def test_bl013_says_the_expected_number_and_title() -> None:
    # a first national file numbered the way many provinces print it (表1, 表2 …)
    assert lint_patched(NATIONAL, {"表格": {"收支总表": {"编号": "表1"}}}) == [
        "“收支总表”的编号是“表1”，应为“部门收支总表”：地区规范“全国参考表（部门预算）”中此表是“部门收支总表”"]
    assert lint_patched(HENAN, {"表格": {"支出表": {"编号": "预算05表"}}}) == [
        "“支出表”的编号是“预算05表”，应为“预算03表”：地区规范“河南省部门预算（预算01表–预算12表）”中此表是"
        "“预算03表”（部门支出预算表）"]


def test_the_documented_numbers_give_no_bl013() -> None:
    """What a user copies from docs/profiles/national.md is what BL013 accepts."""
    text = (DOCS / "national.md").read_text(encoding="utf-8")
    documented = dict(re.findall(r"^\| `([^`]+)` \| ([^|]+) \|", text, re.M))
    data = load_yaml(NATIONAL.read_text(encoding="utf-8")).document.data  # type: ignore[union-attr]
    patch = {"表格": {key: {"编号": documented[key]} for key in data["表格"]}}
    assert lint_patched(NATIONAL, patch) == []
