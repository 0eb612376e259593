"""SARIF: each rule links to its section of docs/rules.md (only where the repository is known), and the run
records how it went (``invocations``: an unsuccessful execution with a notification per unchecked file).

Every document here is validated against the official SARIF 2.1.0 schema (../shared/data).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from budgetlint.cli import main
from budgetlint.finding import Finding, Severity
from budgetlint.links import docs_base_from_direct_url, heading_anchor, rule_doc_url
from budgetlint.reporters import Report, reporter
from budgetlint.rule import BUILTIN_META, load_rules
from budgetlint.source import Span
from conftest import CLEAN, ROOT, SHARED_DATA

SARIF_SCHEMA = SHARED_DATA / "sarif-schema-2.1.0.json"
DOCS = "https://git.example.gov.cn/caizheng/budgetlint/-/blob/v0.1.0/docs"


def schema_errors(document: dict[str, Any]) -> list[str]:
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"{SARIF_SCHEMA} 不存在")
    import jsonschema

    validator = jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


def every_rule_report(exit_code: int = 0, findings: tuple[Finding, ...] = ()) -> Report:
    rules = load_rules()
    return Report(findings, 1, rules={**BUILTIN_META, **{r.id: r.meta for r in rules}},
                  docs={r.id: r.doc for r in rules}, exit_code=exit_code)


from budgetlint.rule import BUILTIN_DOCS as ENGINE_DOCS  # engine findings with a section of their own


def sarif(report: Report) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(reporter("sarif")(report, False))
    return document


def test_every_rule_has_a_help_uri_to_its_section_of_docs_rules_md(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUDGETLINT_DOCS_URL", DOCS + "/")
    document = sarif(every_rule_report())
    assert schema_errors(document) == []
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    headings = re.findall(r"^## (BL\d{3}) (\S+)$", (ROOT / "docs" / "rules.md").read_text(encoding="utf-8"), re.M)
    anchors = {heading_anchor(rule_id, name) for rule_id, name in headings}
    assert len(rules) == len(BUILTIN_META) + len(load_rules())
    for rule in rules:
        uri = rule["helpUri"]
        if rule["id"] in BUILTIN_META and rule["id"] not in ENGINE_DOCS:  # a row of the table at the top
            assert uri == f"{DOCS}/rules.md"
        else:  # the fragment is the heading docgen writes, as the hosts render it
            assert uri == f"{DOCS}/rules.md#{rule['id'].lower()}-{rule['name']}"
            assert uri.split("#")[1] in anchors


def test_no_help_uri_where_the_repository_is_not_known(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BUDGETLINT_DOCS_URL", raising=False)
    monkeypatch.setattr("budgetlint.links._installed_docs_base", lambda: None)
    text = reporter("sarif")(every_rule_report(), False)
    assert "helpUri" not in text and "budgetlint.dev" not in text
    assert schema_errors(json.loads(text)) == []


def test_a_git_install_links_to_the_docs_of_its_commit() -> None:
    commit = "0123456789abcdef0123456789abcdef01234567"

    def record(url: str) -> str:
        return json.dumps({"url": url, "vcs_info": {"vcs": "git", "commit_id": commit, "requested_revision": "v0.1.0"}})

    assert docs_base_from_direct_url(record("https://github.com/caizheng/budgetlint.git")) == (
        f"https://github.com/caizheng/budgetlint/blob/{commit}/docs")
    assert docs_base_from_direct_url(record("ssh://git@gitlab.com/caizheng/tools/budgetlint.git")) == (
        f"https://gitlab.com/caizheng/tools/budgetlint/-/blob/{commit}/docs")
    assert docs_base_from_direct_url(record("https://gitee.com/caizheng/budgetlint")) == (
        f"https://gitee.com/caizheng/budgetlint/blob/{commit}/docs")
    # hosts whose page layout is unknown, a checkout or a wheel: no link rather than a guessed one
    assert docs_base_from_direct_url(record("https://git.example.gov.cn/caizheng/budgetlint.git")) is None
    assert docs_base_from_direct_url(json.dumps({"url": "file:///src/budgetlint", "dir_info": {"editable": True}})) is None
    assert docs_base_from_direct_url("not json") is None
    assert rule_doc_url("BL211", "overall-performance-total", {"BUDGETLINT_DOCS_URL": DOCS}) == (
        f"{DOCS}/rules.md#bl211-overall-performance-total")


def test_a_clean_run_is_a_successful_invocation() -> None:
    for code in (0, 1):  # 1: problems found in the disclosures, the tool itself ran fine
        (invocation,) = sarif(every_rule_report(exit_code=code))["runs"][0]["invocations"]
        assert invocation == {"executionSuccessful": True, "exitCode": code}


def test_exit_code_2_is_an_unsuccessful_invocation_with_a_notification_per_unchecked_file() -> None:
    unreadable = Finding("坏.yaml", Span(2, 3, 2, 3), "BL001", Severity.ERROR, "YAML 语法错误：缺少“]”", "unreadable-file")
    crashed = Finding("b.yaml", Span.point(1, 1), "BL009", Severity.ERROR, "budgetlint 在检查此文件时出现内部错误", "internal-error")
    document = sarif(every_rule_report(exit_code=2, findings=(crashed, unreadable)))
    assert schema_errors(document) == []
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    (invocation,) = document["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 2
    notes = invocation["toolExecutionNotifications"]
    assert [(n["associatedRule"]["id"], n["message"]["text"]) for n in notes] == [
        ("BL009", crashed.message), ("BL001", unreadable.message)]
    assert all(rules[n["associatedRule"]["index"]]["id"] == n["associatedRule"]["id"] for n in notes)
    location = notes[1]["locations"][0]["physicalLocation"]
    assert location["region"]["startLine"] == 2 and location["artifactLocation"]["uri"] == "%E5%9D%8F.yaml"


def test_exit_code_2_notification_survives_max_findings() -> None:
    (invocation,) = sarif(every_rule_report(exit_code=2))["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False and len(invocation["toolExecutionNotifications"]) == 1


def test_command_line_records_exit_code_2_in_sarif(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.yaml").write_bytes(CLEAN.read_bytes())
    (tmp_path / "broken.yaml").write_text("格式版本: [1\n", encoding="utf-8")
    assert main(["check", "--no-config", "good.yaml", "--format", "sarif", "-o", "ok.sarif"]) == 0
    assert main(["check", "--no-config", "good.yaml", "broken.yaml", "--format", "sarif", "-o", "bad.sarif"]) == 2
    capsys.readouterr()
    ok = json.loads((tmp_path / "ok.sarif").read_text(encoding="utf-8"))
    bad = json.loads((tmp_path / "bad.sarif").read_text(encoding="utf-8"))
    assert schema_errors(ok) == [] and schema_errors(bad) == []
    assert ok["runs"][0]["invocations"][0]["executionSuccessful"] is True
    (invocation,) = bad["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 2
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for n in invocation["toolExecutionNotifications"]] == ["broken.yaml"]
