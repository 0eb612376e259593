"""Configuration: discovery upward, every key checked with a message naming it, CLI overrides."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budgetlint.cli import main
from budgetlint.config import ConfigError, enabled_rules, find_config, glob_regex, load_config
from budgetlint.finding import Severity
from conftest import EXAMPLE


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_found_upward_and_pyproject_without_table_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / ".budgetlint.toml", 'ignore = ["BL2"]\n')
    write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")
    deep = tmp_path / "sub" / "deeper"
    deep.mkdir()
    assert find_config(deep) == tmp_path / ".budgetlint.toml"
    write(tmp_path / "sub" / "pyproject.toml", "[tool.budgetlint]\nfail-level = 'warning'\n")
    config = load_config(start=deep)
    assert config.path == (tmp_path / "sub" / "pyproject.toml").resolve() and config.fail_level is Severity.WARNING


def test_budgetlint_toml_wins_in_the_same_directory(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.budgetlint]\n")
    write(tmp_path / ".budgetlint.toml", "")
    assert find_config(tmp_path) == tmp_path / ".budgetlint.toml"


def test_all_keys_parse(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    path = write(tmp_path / "pyproject.toml", """
[tool.budgetlint]
select = ["BL1", "BL211"]
ignore = ["BL105"]
severity = { BL211 = "warning" }
per-file-ignores = { "历史/**/*.yaml" = ["BL2"], "*.json" = ["BL004"] }
rules-dirs = ["rules"]
profile-dirs = ["rules"]
fail-level = "info"

[tool.budgetlint.limits]
max-file-bytes = 1000
max-depth = 10
max-findings = 5

[tool.budgetlint.rules.BL216]
max-projects-for-split = 8
""")
    config = load_config(str(path))
    assert config.select == ("BL1", "BL211") and config.ignore == ("BL105",)
    assert config.severity == {"BL211": Severity.WARNING}
    assert config.rules_dirs == (tmp_path.resolve() / "rules",)
    assert (config.limits.max_file_bytes, config.limits.max_depth, config.limits.max_findings) == (1000, 10, 5)
    assert config.rule_options == {"BL216": {"max-projects-for-split": 8}}
    assert config.ignores_for(str(tmp_path / "历史" / "2020" / "a.yaml")) == ("BL2",)
    assert config.ignores_for(str(tmp_path / "x" / "b.json")) == ("BL004",)
    assert config.ignores_for(str(tmp_path / "a.yaml")) == ()


@pytest.mark.parametrize("body, named", [
    ("selekt = ['BL1']", "tool.budgetlint.selekt"),
    ("select = 'BL1'", "tool.budgetlint.select"),
    ("ignore = ['bl 2']", "tool.budgetlint.ignore"),
    ("severity = { BL211 = 'fatal' }", "tool.budgetlint.severity.BL211"),
    ("fail-level = 'errors'", "tool.budgetlint.fail-level"),
    ("rules-dirs = ['nowhere']", "tool.budgetlint.rules-dirs"),
    ("limits = { max-findings = 0 }", "tool.budgetlint.limits.max-findings"),
    ("limits = { max-size = 3 }", "tool.budgetlint.limits.max-size"),
    ("per-file-ignores = { 'a.yaml' = 'BL2' }", "tool.budgetlint.per-file-ignores.a.yaml"),
])
def test_bad_keys_and_values_name_the_key(tmp_path: Path, body: str, named: str) -> None:
    path = write(tmp_path / "pyproject.toml", f"[tool.budgetlint]\n{body}\n")
    with pytest.raises(ConfigError, match=f"配置项 {named}："):
        load_config(str(path))


def test_invalid_toml_is_a_config_error(tmp_path: Path) -> None:
    path = write(tmp_path / ".budgetlint.toml", "select = [\n")
    with pytest.raises(ConfigError, match="不是有效的 TOML"):
        load_config(str(path))


def test_longest_prefix_wins() -> None:
    known = {"BL101": "a", "BL105": "b", "BL211": "overall-performance-total", "BL212": "c"}
    assert enabled_rules(known, [], ["BL2"]) == {"BL101", "BL105"}
    assert enabled_rules(known, ["BL1"], ["BL105"]) == {"BL101"}
    assert enabled_rules(known, ["BL105"], ["BL1"]) == {"BL105"}
    assert enabled_rules(known, ["overall-performance-total"], ["BL2"]) == {"BL211"}


def test_glob() -> None:
    assert glob_regex("历史/**/*.yaml").match("历史/2020/a.yaml")
    assert glob_regex("历史/**/*.yaml").match("历史/a.yaml")
    assert not glob_regex("历史/*.yaml").match("历史/2020/a.yaml")


# ---------------------------------------------------------------------------------------------
# through the CLI (exit code 2 and the message on stderr)


def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], config: str,
        *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITLAB_CI", raising=False)
    write(tmp_path / ".budgetlint.toml", config)
    (tmp_path / "d.yaml").write_bytes(EXAMPLE.read_bytes())
    code = main(["check", "d.yaml", "--format", "parsable", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_unknown_rule_in_severity_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(tmp_path, monkeypatch, capsys, "severity = { BL999 = 'info' }\n")
    assert code == 2 and "配置项 severity.BL999" in err


def test_unknown_rule_option_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(tmp_path, monkeypatch, capsys, "[rules.BL216]\nmax-projects = 3\n")
    assert code == 2 and "rules.BL216.max-projects" in err and "max-projects-for-split" in err


def test_option_of_wrong_type_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(tmp_path, monkeypatch, capsys, "[rules.BL216]\nmax-projects-for-split = '8'\n")
    assert code == 2 and "rules.BL216.max-projects-for-split：应是整数" in err


def test_decimal_options_must_be_strings() -> None:
    from dataclasses import dataclass

    from budgetlint.config import coerce_options

    @dataclass(frozen=True)
    class Options:
        tolerance: Decimal = Decimal("0.005")

    assert coerce_options(Options, {"tolerance": "0.01"}, "rules.X") == {"tolerance": Decimal("0.01")}
    with pytest.raises(ConfigError, match="小数请写成字符串"):
        coerce_options(Options, {"tolerance": 0.01}, "rules.X")


def test_config_select_and_severity_apply_and_cli_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    config = "select = ['BL211']\nseverity = { BL211 = 'warning' }\n"
    code, out, _ = cli(tmp_path, monkeypatch, capsys, config)
    assert code == 0 and out.count("[BL211]") == 1 and ": warning: " in out  # warning < default fail level
    code, out, _ = cli(tmp_path, monkeypatch, capsys, config, "--fail-level", "warning")
    assert code == 1
    code, out, _ = cli(tmp_path, monkeypatch, capsys, config, "--select", "BL212")
    assert code == 1 and "[BL212]" in out and "[BL211]" not in out


def test_config_fail_level_and_per_file_ignores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(tmp_path, monkeypatch, capsys, "per-file-ignores = { 'd.yaml' = ['BL2'] }\n", "--format", "json")
    import json

    body = json.loads(out)
    assert all(not f["rule"].startswith("BL2") for f in body["findings"]) and body["summary"]["suppressed"] >= 3


def test_cli_selector_that_matches_nothing_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(tmp_path, monkeypatch, capsys, "", "--ignore", "BL9")
    assert code == 2 and "命令行参数 --ignore：“BL9”不匹配任何规则" in err


def test_no_config_ignores_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = cli(tmp_path, monkeypatch, capsys, "selekt = 1\n", "--no-config")
    assert code == 1
    code, _, err = cli(tmp_path, monkeypatch, capsys, "selekt = 1\n")
    assert code == 2 and "配置项 selekt" in err
