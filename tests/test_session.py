"""One session setup (budgetlint/session.py) for ``budgetlint check`` and the language server.

The two used to repeat the same steps (configuration → rules → enabled set → typed options); these tests
pin that a configuration gives the CLI and the editor the same engine configuration and the same reason
when it cannot be used.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetlint import cli
from budgetlint.config import engine_config, load_config
from budgetlint.lsp.project import Projects
from budgetlint.rule import load_rules
from budgetlint.session import SessionError, open_session

CONFIG = """\
select = ["BL2", "BL3", "BL101"]
ignore = ["BL216"]
per-file-ignores = { "历史/*.yaml" = ["BL3"] }

[severity]
BL211 = "warning"

[rules.BL215]
"""


def _cli_engine(config: Path, file: str) -> object:
    setup = cli._setup(cli._parser().parse_args(["check", "--config", str(config), file]))
    return engine_config(setup.config, setup.enabled, setup.options, file)


@pytest.mark.parametrize("name", ["历史/2023.yaml", "今年.yaml"])
def test_the_cli_and_the_language_server_configure_a_file_alike(tmp_path: Path, name: str) -> None:
    config = tmp_path / ".budgetlint.toml"
    config.write_text(CONFIG, encoding="utf-8")
    file = tmp_path / name
    file.parent.mkdir(exist_ok=True)
    file.write_text("格式版本: 1\n", encoding="utf-8")
    editor = Projects(load_rules()).for_file(str(file))
    assert editor.error is None
    engine = editor.engine(str(file))
    assert engine == _cli_engine(config, str(file))
    assert engine.enabled is not None and "BL211" in engine.enabled and "BL216" not in engine.enabled
    assert ("BL3" in engine.file_ignores) == name.startswith("历史/")


def test_an_unusable_rule_option_has_one_reason_in_both(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / ".budgetlint.toml"
    config.write_text("[rules.BL216]\nmax-projects = 3\n", encoding="utf-8")
    with pytest.raises(SessionError) as raised:
        open_session(load_config(str(config)))
    reason = raised.value.reason
    assert "rules.BL216.max-projects" in reason and raised.value.where == str(config.resolve())
    assert cli.main(["check", "--config", str(config), str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"budgetlint: 错误：{config.resolve()}: {reason}\n"
    editor = Projects(load_rules()).for_file(str(tmp_path / "a.yaml"))
    assert editor.error is not None and editor.error.endswith(f"已按默认设置检查：{reason}")


def test_a_rule_directory_that_does_not_load_is_named_as_such_in_the_editor(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "bl990_broken.py").write_text("raise RuntimeError('坏规则')\n", encoding="utf-8")
    (tmp_path / ".budgetlint.toml").write_text('rules-dirs = ["rules"]\n', encoding="utf-8")
    editor = Projects(load_rules()).for_file(str(tmp_path / "a.yaml"))
    assert editor.error is not None and "规则加载失败" in editor.error
    assert editor.rules == Projects(load_rules()).default.rules  # the defaults are used meanwhile
