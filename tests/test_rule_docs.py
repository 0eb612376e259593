"""Rule docs are executed, so they cannot drift from the code; and every rule keeps the rule contract.

Each rule's 错误示例 fragment is deep-merged into the clean fixture and must make that rule (alone
enabled) fire; each 正确示例 must not. ``budgetlint rule ID`` prints the same doc.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest

from budgetlint.cli import main
from budgetlint.engine import EngineConfig, lint_text
from budgetlint.rules.crossfile.repository import Repository, activated
from budgetlint.rule import BUILTIN_META, RULE_ID, Rule, load_rules
from budgetlint.source import load_yaml
from conftest import CLEAN, ROOT, deep_merge, to_json_text

SECTIONS = ("为什么", "错误示例", "正确示例")
_FENCE = re.compile(r"```ya?ml\n(.*?)```", re.DOTALL)
RULES = load_rules()


def sections(doc: str) -> dict[str, str]:
    """Headers are unindented lines; a section's body is everything indented under it."""
    result: dict[str, str] = {}
    current = None
    for line in inspect.cleandoc(doc).splitlines():
        if line and not line[0].isspace():
            current = line.split("（")[0].strip()
            result[current] = ""
        elif current is not None:
            result[current] += line + "\n"
    return result


def examples(rule: Rule, section: str) -> list[Any]:
    body = inspect.cleandoc(sections(rule.doc).get(section, ""))
    fragments = []
    for block in _FENCE.findall(body):
        loaded = load_yaml(block)
        assert loaded.document is not None and not loaded.problems, f"{rule.id} {section} 示例不是有效 YAML：{loaded.problems}"
        fragments.append(loaded.document.data)
    return fragments


_BASE_LINE = re.compile(r"^\s*示例基础[:：]\s*(\S+)\s*$", re.MULTILINE)
_BASES: dict[Path, Any] = {}


def base_path(rule: Rule) -> Path:
    """The clean disclosure a rule's examples apply to: the Henan fixture unless the doc names another."""
    match = _BASE_LINE.search(rule.doc)
    return ROOT / match.group(1) if match else CLEAN


def base_data(rule: Rule) -> Any:
    path = base_path(rule)
    if path not in _BASES:
        if not path.exists():
            pytest.fail(f"{path} 不存在：{rule.id} 的示例以它为底")
        loaded = load_yaml(path.read_text(encoding="utf-8"))
        assert loaded.document is not None and not loaded.problems
        _BASES[path] = loaded.document.data
    return _BASES[path]


_RELATED_BASE = re.compile(r"^\s*相关文件基础[:：]\s*(\S+)\s*$", re.MULTILINE)


def related_base(rule: Rule) -> Any:
    """The base of a cross-file rule's 相关文件 fragments: the example's base unless the doc names another."""
    match = _RELATED_BASE.search(rule.doc)
    if not match:
        return base_data(rule)
    loaded = load_yaml((ROOT / match.group(1)).read_text(encoding="utf-8"))
    assert loaded.document is not None and not loaded.problems
    return loaded.document.data


def _fired(rule: Rule, data: Any) -> list[str]:
    # to_json_text keeps every Decimal exactly as printed; JSON is YAML, so the YAML loader reads it back.
    # A cross-file rule's doc has a 相关文件 section: each fragment, merged into the same base, is another
    # disclosure of the repository the example is checked in (written to a temporary directory).
    with tempfile.TemporaryDirectory() as directory:
        others = []
        for number, fragment in enumerate(examples(rule, "相关文件")):
            path = Path(directory) / f"related-{number}.yaml"
            path.write_text(to_json_text(deep_merge(related_base(rule), fragment)), encoding="utf-8")
            others.append(str(path))
        with activated(Repository(others) if others else None):
            result = lint_text("example.yaml", to_json_text(data), RULES, EngineConfig(enabled=frozenset({rule.id})))
    problems = [f"{f.rule_id}: {f.message}" for f in result.findings if f.rule_id in ("BL001", "BL002")]
    assert not problems, f"{rule.id} 的示例合并后不是有效的公开文件：{problems}"
    return [f.message for f in result.findings if f.rule_id == rule.id]


@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "fixtures").glob("clean-*.yaml")), ids=lambda p: p.name)
def test_clean_fixture_is_clean(path: Path) -> None:
    result = lint_text(path.name, path.read_text(encoding="utf-8"), RULES)
    assert [f"{f.rule_id} {f.message}" for f in result.findings] == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_failing_example_fires(rule: Rule) -> None:
    clean_data = base_data(rule)
    fragments = examples(rule, "错误示例")
    assert fragments, f"{rule.id} 的“错误示例”没有 ```yaml 代码块"
    for fragment in fragments:
        assert _fired(rule, deep_merge(clean_data, fragment)), f"{rule.id} 的错误示例没有触发规则：{fragment}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_passing_example_is_quiet(rule: Rule) -> None:
    clean_data = base_data(rule)
    fragments = examples(rule, "正确示例")
    assert fragments, f"{rule.id} 的“正确示例”没有 ```yaml 代码块"
    for fragment in fragments:
        assert _fired(rule, deep_merge(clean_data, fragment)) == [], f"{rule.id} 的正确示例触发了规则"


# ---------------------------------------------------------------------------------------------
# the rule contract


def test_ids_and_names_are_unique() -> None:
    ids = [r.id for r in RULES] + list(BUILTIN_META)
    names = [r.meta.name for r in RULES] + [m.name for m in BUILTIN_META.values()]
    assert len(ids) == len(set(ids))
    assert len(names) == len(set(names))
    assert all(RULE_ID.match(i) for i in ids)
    assert all(re.fullmatch(r"[a-z][a-z0-9-]*", n) for n in names)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_docstring_sections_and_options(rule: Rule) -> None:
    found = sections(rule.doc)
    missing = [s for s in SECTIONS if not found.get(s, "").strip()]
    assert not missing, f"{rule.id} 的文档缺少：{'、'.join(missing)}"
    options = rule.options_type()  # every field has a default
    assert dataclasses.is_dataclass(options)
    fields = [f.name for f in dataclasses.fields(rule.options_type)]
    if fields:  # a rule with options must document each one
        text = found.get("选项", "")
        undocumented = [name for name in fields if name not in text and name.replace("_", "-") not in text]
        assert not undocumented, f"{rule.id} 的“选项”没有说明：{undocumented}"
    assert rule.meta.title and rule.meta.severity


def test_rule_command_prints_the_doc(capsys: pytest.CaptureFixture[str]) -> None:
    rule = next(r for r in RULES if r.id == "BL211")
    assert main(["rule", "bl211", "--no-config"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("BL211 overall-performance-total（error）\n")
    for section in SECTIONS:
        assert f"\n{section}\n" in out
    assert "选项" in out  # generated from Options when the docstring has no section
    assert examples(rule, "错误示例")[0]["表格"]["整体绩效目标表"]["预算情况"]["部门预算总额"] is not None


def test_rule_command_accepts_name_and_rejects_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", "overall-performance-total", "--no-config"]) == 0
    assert main(["rule", "BL999", "--no-config"]) == 2
    assert "没有规则“BL999”" in capsys.readouterr().err


def test_rules_command_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--no-config"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(RULES) + len(BUILTIN_META)
    bl211 = next(line for line in lines if line.startswith("BL211 "))
    assert bl211.split()[:3] == ["BL211", "overall-performance-total", "error"]
    assert bl211.endswith("整体绩效目标表部门预算总额 = 收支总表支出总计")
