"""Nothing skipped in silence (issue 12 items 3 and 4).

Item 3: a disclosure whose ``格式版本`` is misspelt or missing was passed over by the directory walk and
by the pre-commit hook ("检查了 0 个文件，没有发现问题", exit 0). It is now checked and gets a located
BL005; YAML that does not look like a disclosure stays silent.
Item 4: when the structure check fails the semantic rules do not run, and every format says so with a
BL006 finding on the file, not only the text format's summary line.
"""

from __future__ import annotations

import json
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from budgetlint.cli import main
from budgetlint.engine import EngineConfig, lint_text
from budgetlint.rule import load_rules
from budgetlint.schema import schema_document
from budgetlint.rule import BUILTIN_DOCS as DOCS
from budgetlint.skipped import DISCLOSURE_KEYS, FORMAT_KEY, looks_like_disclosure
from budgetlint.source import load_yaml
from conftest import CLEAN, deep_merge, to_json_text

CLEAN_TEXT = CLEAN.read_text(encoding="utf-8")
DECLARATION = "格式版本: 1\n"
assert DECLARATION in CLEAN_TEXT


def misspelt() -> str:
    return CLEAN_TEXT.replace(DECLARATION, "格式版板: 1\n", 1)


def line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start))


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A disclosure repository: one good file, one misspelt, one without the key, and unrelated YAML."""
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_ACTIONS", "GITLAB_CI", "GITHUB_STEP_SUMMARY", "NO_COLOR", "CI"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "公开").mkdir()
    (tmp_path / "公开" / "good.yaml").write_text(CLEAN_TEXT, encoding="utf-8")
    (tmp_path / "公开" / "typo.yaml").write_text(misspelt(), encoding="utf-8")
    (tmp_path / "公开" / "nokey.yaml").write_text(CLEAN_TEXT.replace(DECLARATION, "", 1), encoding="utf-8")
    (tmp_path / "公开" / "ci.yml").write_text("jobs:\n  lint:\n    runs-on: ubuntu-latest\n", encoding="utf-8")
    # 部门 and 年度 alone are not enough: a roster is not a disclosure
    (tmp_path / "公开" / "roster.yaml").write_text("部门: 办公室\n年度: 2023\n人员: [张三, 李四]\n", encoding="utf-8")
    return tmp_path


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", "--no-config", "-j", "1", *args])
    return code, capsys.readouterr().out


# ---------------------------------------------------------------------------------------------
# item 3


def test_directory_reports_misspelt_and_missing_declarations(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(capsys, "-f", "parsable", "公开")
    typo_line = line_of(misspelt(), "格式版板")
    assert f"公开/typo.yaml:{typo_line}:1: error: 没有声明“格式版本”：“格式版板”是不是“格式版本”？" in out
    assert "公开/nokey.yaml:" in out and "[BL005]" in out.split("公开/nokey.yaml:", 1)[1]
    assert "ci.yml" not in out and "roster.yaml" not in out
    assert code == 1


def test_text_summary_counts_the_files_that_were_passed_over_before(repo: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(capsys, "-f", "text", "公开")
    assert "检查了 3 个文件" in out and "2 个文件因结构错误未运行语义规则" in out and code == 1


def test_pre_commit_file_list_reports_the_misspelt_disclosure(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The hook's entry: every staged YAML file is passed, with --only-disclosures."""
    code, out = check(capsys, "-f", "parsable", "--only-disclosures", "公开/typo.yaml", "公开/ci.yml", "公开/roster.yaml")
    assert code == 1 and "公开/typo.yaml:" in out and "[BL005]" in out
    assert "ci.yml" not in out and "roster.yaml" not in out
    code, out = check(capsys, "-f", "parsable", "--only-disclosures", "公开/ci.yml")
    assert code == 0 and out == ""


def test_bl005_replaces_the_schema_findings_that_restate_it(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = check(capsys, "-f", "json", "公开/typo.yaml")
    rules = [f["rule"] for f in json.loads(out)["findings"]]
    assert sorted(rules) == ["BL005", "BL006"]  # not also "缺少必填项“格式版本”" and "未知的键“格式版板”"


def test_ignoring_bl005_gives_back_the_schema_findings(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = check(capsys, "-f", "parsable", "--ignore", "BL005", "公开/typo.yaml")
    assert "缺少必填项“格式版本”" in out and "未知的键“格式版板”，是不是“格式版本”？" in out


def test_unrelated_yaml_named_explicitly_is_not_called_a_disclosure(repo: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(capsys, "-f", "parsable", "公开/ci.yml")
    assert code == 1 and "公开/ci.yml:1:1: error: 没有声明“格式版本”，也没有公开文件的键：这不像一份公开文件" in out


def test_exit_code_follows_the_fail_level(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "pyproject.toml").write_text('[tool.budgetlint]\nseverity = { BL005 = "warning" }\n', encoding="utf-8")
    code = main(["check", "-j", "1", "-f", "parsable", "公开/nokey.yaml"])
    out = capsys.readouterr().out
    assert code == 0 and ": warning: 没有声明“格式版本”" in out
    code = main(["check", "-j", "1", "-f", "parsable", "--fail-level", "warning", "公开/nokey.yaml"])
    capsys.readouterr()
    assert code == 1


def test_json_disclosure_with_misspelt_key_is_found_in_a_directory(repo: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    data = load_yaml(misspelt()).document
    assert data is not None
    (repo / "公开" / "typo.json").write_text(to_json_text(data.data), encoding="utf-8")
    _, out = check(capsys, "-f", "parsable", "公开")
    assert "公开/typo.json:" in out and "“格式版板”是不是“格式版本”？" in out


def test_disclosure_in_another_encoding_is_reported_not_passed_over(repo: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "公开" / "gbk.yaml").write_bytes(CLEAN_TEXT.encode("gb18030"))
    code, out = check(capsys, "-f", "parsable", "公开")
    gbk = [line for line in out.splitlines() if line.startswith("公开/gbk.yaml:")]
    assert len(gbk) == 1 and "iconv -f GB18030 -t UTF-8" in gbk[0] and "[BL001]" in gbk[0] and code == 2


@pytest.mark.parametrize(("head", "expected"), [
    (DECLARATION + "部门: x\n", True),
    ("格式板本: 1\n部门: x\n年度: 2023\n", True),  # a misspelling counts as a disclosure key
    ('{"部门": "x", "年度": 2023, "表格": {}}', True),
    ('{"\\u90e8\\u95e8": "x", "\\u5e74\\u5ea6": 2023, "\\u8868\\u683c": {}}', True),  # JSON written with ensure_ascii
    ("部门: 办公室\n年度: 2023\n", False),
    ("jobs:\n  部门: x\n  年度: 2023\n  表格: {}\n", False),  # nested keys in YAML are not top-level keys
    ("# 部门: x\n# 年度: 2023\n# 表格: 1\nname: ci\n", False),  # comments
    ("version: 2\nupdates: []\n", False),
    # a regional profile: 类型, 金额单位 and 表格, but no 部门 or 年度
    ("id: henan\n名称: 河南\n类型: 预算\n金额单位: 万元\n表格:\n  收支总表: {}\n", False),
    # a JSON Schema naming the keys inside "properties": not top-level keys
    ('{"$schema": "x", "properties": {"部门": {}, "年度": {}, "表格": {}}}', False),
    ('{"表格": {"部门": 1}, "年度": 2023, "类型": "预算"}', True),
])
def test_looks_like_disclosure(head: str, expected: bool) -> None:
    assert looks_like_disclosure(head.encode("utf-8")) is expected


def test_shipped_profiles_and_schemas_are_not_taken_for_disclosures() -> None:
    from conftest import ROOT

    # (disclosure-v1.schema.json names 格式版本 itself: it was always a candidate, and is no concern here)
    others = [*(ROOT / "budgetlint" / "profiles").glob("*.yaml"), ROOT / "schemas" / "profile.schema.json"]
    assert len(others) >= 6
    assert [p.name for p in others if looks_like_disclosure(p.read_bytes()[:65536])] == []


def test_disclosure_keys_are_the_schemas_top_level_keys() -> None:
    assert DISCLOSURE_KEYS | {FORMAT_KEY} == set(schema_document()["properties"])


# ---------------------------------------------------------------------------------------------
# item 4

SCHEMA_BROKEN = CLEAN_TEXT.replace("      一般公共预算: 112.08\n", '      一般公共预算: "112.08 万元"\n', 1)


@pytest.fixture
def broken(repo: Path) -> Path:
    assert SCHEMA_BROKEN != CLEAN_TEXT
    (repo / "broken.yaml").write_text(SCHEMA_BROKEN, encoding="utf-8")
    return repo / "broken.yaml"


def test_engine_adds_rules_not_run() -> None:
    result = lint_text("broken.yaml", SCHEMA_BROKEN, load_rules())
    not_run = [f for f in result.findings if f.rule_id == "BL006"]
    schema_line = line_of(SCHEMA_BROKEN, '      一般公共预算: "112.08')
    assert len(not_run) == 1 and not_run[0].span.line == 1
    assert not_run[0].message.startswith(f"语义规则未运行：结构校验未通过（1 处结构错误，第一处在第 {schema_line} 行")
    # turned off like any rule
    off = lint_text("broken.yaml", SCHEMA_BROKEN, load_rules(), EngineConfig(enabled=frozenset({"BL002"})))
    assert [f.rule_id for f in off.findings] == ["BL002"]


def test_inline_comment_cannot_hide_rules_not_run() -> None:
    text = "# budgetlint: disable-file=BL006 -- 不想看\n" + SCHEMA_BROKEN
    assert "BL006" in {f.rule_id for f in lint_text("broken.yaml", text, load_rules()).findings}


def _said(fmt: str, out: str) -> bool:
    if fmt == "json":
        return any(f["rule"] == "BL006" and "语义规则未运行" in f["message"] for f in json.loads(out)["findings"])
    if fmt == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        return any(r["ruleId"] == "BL006" and "语义规则未运行" in r["message"]["text"] for r in results)
    if fmt == "gitlab":
        return any(i["check_name"] == "BL006" and "语义规则未运行" in i["description"] for i in json.loads(out))
    if fmt == "junit":
        cases = ET.fromstring(out).iter("testcase")
        return any(c.get("name", "").startswith("BL006") and "语义规则未运行" in ET.tostring(c, encoding="unicode")
                   for c in cases)
    return "语义规则未运行：结构校验未通过" in out and "BL006" in out


@pytest.mark.parametrize("fmt", ["text", "parsable", "json", "sarif", "github", "gitlab", "junit"])
def test_every_format_says_the_rules_did_not_run(fmt: str, broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(capsys, "-f", fmt, "broken.yaml")
    assert code == 1 and _said(fmt, out), out


def test_baseline_never_hides_a_file_that_was_not_checked(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = check(capsys, "--baseline", "base.json", "--write-baseline", "broken.yaml")
    assert code == 0  # the schema error is baselined; BL006 stays, at warning level
    recorded = (broken.parent / "base.json").read_text(encoding="utf-8")
    assert "BL002" in recorded and "BL006" not in recorded
    code, out = check(capsys, "-f", "parsable", "--baseline", "base.json", "broken.yaml")
    assert "[BL006]" in out and "[BL002]" not in out


# ---------------------------------------------------------------------------------------------
# the documentation's examples are true


def _fragment(rule_id: str, section: str) -> str:
    body = DOCS[rule_id].split(section, 1)[1]
    return textwrap.dedent(body.split("```yaml\n", 1)[1].split("```", 1)[0])


def test_bl005_doc_examples() -> None:
    without = CLEAN_TEXT.replace(DECLARATION, "", 1)
    failing, passing = _fragment("BL005", "错误示例"), _fragment("BL005", "正确示例")
    head = [line for line in failing.splitlines() if not line.startswith(("部门", "年度"))]
    fired = lint_text("t.yaml", "\n".join(head) + "\n" + without, load_rules()).findings
    assert "BL005" in {f.rule_id for f in fired}
    assert passing.splitlines()[0] == DECLARATION.strip()
    quiet = lint_text("t.yaml", passing.splitlines()[0] + "\n" + without, load_rules()).findings
    assert quiet == ()


def test_bl006_doc_examples() -> None:
    base = load_yaml(CLEAN_TEXT).document
    assert base is not None
    for section, fires in (("错误示例", True), ("正确示例", False)):
        fragment = load_yaml(_fragment("BL006", section)).document
        assert fragment is not None
        text = to_json_text(deep_merge(base.data, fragment.data))
        assert ("BL006" in {f.rule_id for f in lint_text("t.yaml", text, load_rules()).findings}) is fires
