"""Engine: stamping, severities, rule selection, crash isolation, rule discovery and its contract."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from budgetlint.engine import EngineConfig, OptionsError, lint_text
from budgetlint.finding import Severity
from budgetlint.rule import RuleLoadError, load_rules
from conftest import CLEAN, deep_merge, to_json_text
from budgetlint.source import load_yaml

BASE = load_yaml(CLEAN.read_text(encoding="utf-8")).document.data  # type: ignore[union-attr]


def patched(patch: dict) -> str:
    return to_json_text(deep_merge(BASE, patch))


WRONG_TOTAL = {"表格": {"整体绩效目标表": {"预算情况": {"部门预算总额": "__"}}}}


def with_total(value: str) -> str:
    return patched(WRONG_TOTAL).replace('"__"', value)


def test_clean_disclosure_has_no_findings() -> None:
    result = lint_text("clean.json", patched({}), load_rules())
    assert [f for f in result.findings if f.severity > Severity.INFO] == []


def test_severity_override_and_selection() -> None:
    text = with_total("291.38")
    default = lint_text("a.json", text, load_rules(), EngineConfig(enabled=frozenset({"BL211"})))
    assert [(f.rule_id, f.severity) for f in default.findings] == [("BL211", Severity.ERROR)]
    lowered = lint_text("a.json", text, load_rules(),
                        EngineConfig(enabled=frozenset({"BL211"}), severity={"BL211": Severity.WARNING}))
    assert [f.severity for f in lowered.findings] == [Severity.WARNING]
    none = lint_text("a.json", text, load_rules(), EngineConfig(enabled=frozenset({"BL212"})))
    assert none.findings == ()


def test_finding_key_does_not_depend_on_lines() -> None:
    text = with_total("291.38")
    config = EngineConfig(enabled=frozenset({"BL211"}))
    first = lint_text("a.json", text, load_rules(), config).findings[0]
    shifted = lint_text("a.json", "\n\n\n" + text, load_rules(), config).findings[0]
    assert first.key == shifted.key and first.span.line + 3 == shifted.span.line


def test_schema_errors_stop_semantic_rules() -> None:
    text = patched({"表格": {"收支总表": {"收入": {"收入总计": "293.68 万元"}}}})
    result = lint_text("a.json", text, load_rules())
    assert result.skipped_rules
    # BL006 says so on the file, in every format (issue 12 item 4)
    assert {f.rule_id for f in result.findings} == {"BL002", "BL006"}
    (schema,) = [f for f in result.findings if f.rule_id == "BL002"]
    assert "应为空（null）或数字" in schema.message


def test_unknown_profile_is_a_located_error() -> None:
    text = patched({"规范": "atlantis"})
    result = lint_text("a.json", text, load_rules())
    not_run, finding = result.findings  # BL006 (the rules did not run) sits at 1:1, before the error
    assert not_run.rule_id == "BL006" and not_run.span.line == 1
    assert finding.rule_id == "BL002" and "未知的地区规范“atlantis”" in finding.message
    assert finding.span.line == text.split("\n").index(next(l for l in text.split("\n") if "atlantis" in l)) + 1


def test_unknown_option_names_the_rule_and_key() -> None:
    with pytest.raises(OptionsError, match="BL216 没有选项“tolerance”"):
        lint_text("a.json", patched({}), load_rules(), EngineConfig(options={"BL216": {"tolerance": "0.01"}}))


def write_rule(directory: Path, name: str, body: str) -> None:
    (directory / name).write_text(textwrap.dedent(body), encoding="utf-8")


CRASHING_RULE = '''
    """总是崩溃的规则（测试用）。

    为什么
        测试内部错误的处理。
    """
    from dataclasses import dataclass
    from budgetlint.finding import Severity
    from budgetlint.rule import RuleMeta

    META = RuleMeta(id="XT901", name="always-crashes", title="崩溃", severity=Severity.ERROR)

    @dataclass(frozen=True)
    class Options:
        pass

    def check(doc, opts):
        raise ZeroDivisionError("boom")
        yield
'''


def test_a_crashing_rule_is_an_internal_error_and_the_others_still_run(tmp_path: Path) -> None:
    write_rule(tmp_path, "xt901_always_crashes.py", CRASHING_RULE)
    rules = load_rules([tmp_path])
    result = lint_text("a.json", with_total("291.38"), rules)
    ids = [f.rule_id for f in result.findings]
    assert "BL009" in ids and "BL211" in ids
    crash = next(f for f in result.findings if f.rule_id == "BL009")
    assert "XT901" in crash.message and "ZeroDivisionError" in crash.message
    assert result.internal_error


def test_rule_contract_is_enforced_with_the_module_named(tmp_path: Path) -> None:
    write_rule(tmp_path, "xt902_no_meta.py", '"""doc"""\n')
    with pytest.raises(RuleLoadError, match="xt902_no_meta.py: 缺少 META"):
        load_rules([tmp_path])


def test_declarative_rules_from_a_configured_directory(tmp_path: Path) -> None:
    (tmp_path / "local.yaml").write_text(textwrap.dedent("""
        - id: XT100
          name: local-three-public-cap
          title: 三公经费合计不超过 1 万元（本地规则示例）
          severity: warning
          check: not-greater
          part: 三公经费表/本年/合计
          whole: 三公经费表/本年/公务用车购置及运行费/公务用车运行费
          why: 示例
          fails: "{}"
          passes: "{}"
    """), encoding="utf-8")
    rules = load_rules([tmp_path])
    assert "XT100" in [r.id for r in rules]


def test_builtin_rules_have_unique_ids_names_and_docs() -> None:
    rules = load_rules()
    assert len({r.id for r in rules}) == len(rules)
    assert len({r.meta.name for r in rules}) == len(rules)
    for rule in rules:
        assert "为什么" in rule.doc and "错误示例" in rule.doc and "正确示例" in rule.doc, rule.id
        assert rule.meta.title and rule.meta.severity in Severity
