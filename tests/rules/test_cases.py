"""A rule's cases, one file per rule: ``tests/rules/cases/BLNNN.yaml``, all run by this one runner.

A case file reads as the rule's documentation by example::

    rule: BL011
    base: tests/fixtures/clean-henan-2023.yaml   # optional: else the rule doc's 示例基础 (or the Henan fixture)
    cases:
      - doc: 错误示例          # case 0: the rule doc's own examples, run with their expected findings
        expect:
          - {path: /表格/政府性基金支出表, severity: error, message: "…"}
      - doc: 正确示例
        expect: []
      - name: 只有编码、金额全为 0 的表也是空表
        patch: {表格: {政府性基金支出表: {说明: null}}}   # JSON Merge Patch onto the base (null deletes a key)
        expect: [...]                                    # [] when the rule must say nothing
      - name: …
        base: tests/fixtures/clean-national-juesuan-2023.yaml   # optional: this case on another clean twin
        patch: …

Each case is merged into the base, linted with only that rule enabled, and its findings — JSON path,
severity, message, in the engine's order — must equal ``expect`` exactly. Case 0 (the ``doc`` entries)
must come first and cover both doc sections, so a doc example cannot say one thing and the code another.

To write a new case, leave out ``expect`` and run ``python tests/rules/test_cases.py --fill BLNNN``: it writes
what the rule finds now for the cases that have no ``expect`` (never touching the others) — read it
before committing: that is the specification from then on.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # conftest and test_rule_docs, also when run as a script

from conftest import ROOT, deep_merge, to_json_text
from test_rule_docs import base_path, examples

from budgetlint.engine import EngineConfig, lint_text
from budgetlint.finding import json_pointer
from budgetlint.rule import Rule, load_rules
from budgetlint.source import load_yaml

CASES = HERE / "cases"
RULES = {rule.id: rule for rule in load_rules()}
DOC_SECTIONS = ("错误示例", "正确示例")


def read(path: Path) -> dict[str, Any]:
    loaded = load_yaml(path.read_text(encoding="utf-8"))
    assert loaded.document is not None and not loaded.problems, f"{path.name} 不是有效 YAML：{loaded.problems}"
    data: dict[str, Any] = loaded.document.data
    return data


def base_of(rule: Rule, spec: dict[str, Any]) -> Any:
    path = ROOT / spec["base"] if "base" in spec else base_path(rule)
    return read(path)


def patches(rule: Rule, case: dict[str, Any]) -> list[Any]:
    """A case's patches: its own, or the fragments of a doc section (case 0)."""
    if "doc" in case:
        found = examples(rule, case["doc"])
        assert found, f"{rule.id} 的文档没有“{case['doc']}”"
        return found
    return [case.get("patch") or {}]


def findings(rule: Rule, data: Any) -> list[dict[str, str]]:
    result = lint_text("case.yaml", to_json_text(data), tuple(RULES.values()), EngineConfig(enabled=frozenset({rule.id})))
    broken = [f"{f.rule_id}: {f.message}" for f in result.findings if f.rule_id in ("BL001", "BL002")]
    assert not broken, f"{rule.id} 的用例合并后不是有效的公开文件：{broken}"
    return [{"path": json_pointer(f.json_path), "severity": f.severity.label, "message": f.message}
            for f in result.findings if f.rule_id == rule.id]


def run(rule: Rule, base: Any, case: dict[str, Any]) -> list[dict[str, str]]:
    if "base" in case:  # a case may apply to another clean twin (a 决算 document, another region)
        base = read(ROOT / case["base"])
    found: list[dict[str, str]] = []
    for patch in patches(rule, case):
        found.extend(findings(rule, deep_merge(base, patch)))
    return found


def case_params() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("BL*.yaml")):
        spec = read(path)
        for i, case in enumerate(spec.get("cases") or ()):
            label = case.get("doc") or case.get("name") or str(i)
            params.append(pytest.param(path, i, id=f"{path.stem}-{i}-{label}"))
    return params


def test_case_files_are_well_formed() -> None:
    files = sorted(CASES.glob("BL*.yaml"))
    assert files
    for path in files:
        spec = read(path)
        assert spec.get("rule") == path.stem, f"{path.name}: rule 应为 {path.stem}"
        assert path.stem in RULES, f"{path.name}: 没有规则 {path.stem}"
        cases = spec.get("cases") or []
        docs = [c.get("doc") for c in cases[: len(DOC_SECTIONS)]]
        assert docs == list(DOC_SECTIONS), f"{path.name}: 用例 0 是规则文档的示例（doc: 错误示例、doc: 正确示例），放在最前"
        for case in cases:
            assert "expect" in case, f"{path.name}: 用例“{case.get('name') or case.get('doc')}”没有 expect"
            assert ("doc" in case) != ("patch" in case), f"{path.name}: 用例要么是 doc，要么有 patch"
            if "patch" in case:
                assert case.get("name"), f"{path.name}: 自己的用例要有 name（说明它演示什么）"


@pytest.mark.parametrize(("path", "index"), case_params())
def test_case(path: Path, index: int) -> None:
    spec = read(path)
    rule = RULES[spec["rule"]]
    case = spec["cases"][index]
    found = run(rule, base_of(rule, spec), case)
    expected = [{"path": e["path"], "severity": e["severity"], "message": e["message"]} for e in case["expect"] or ()]
    assert found == expected
    if case.get("doc") == "错误示例":
        assert found, f"{rule.id} 的错误示例应当触发规则"


def _yaml_string(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def fill(rule_id: str) -> None:
    """Write the current findings under each case of ``rule_id`` that has no ``expect`` yet (text edit:
    the rest of the file, comments included, is left as written)."""
    path = CASES / f"{rule_id}.yaml"
    spec = read(path)
    rule = RULES[rule_id]
    base = base_of(rule, spec)
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("  - ")]
    assert len(starts) == len(spec["cases"]), f"{path.name}: 每个用例以“  - ”开头"
    for number in reversed(range(len(starts))):
        case = spec["cases"][number]
        if "expect" in case:
            continue
        found = run(rule, base, case)
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        while end > starts[number] + 1 and not lines[end - 1].strip():
            end -= 1
        block = ["    expect: []"] if not found else ["    expect:"] + [
            f"      - path: {_yaml_string(f['path'])}\n        severity: {f['severity']}\n        message: {_yaml_string(f['message'])}"
            for f in found]
        lines[end:end] = block
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "--fill":
        sys.exit("用法：python tests/rules/test_cases.py --fill BLNNN [BLNNN …]")
    for name in sys.argv[2:]:
        fill(name.upper())
