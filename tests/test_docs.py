"""Documentation that is generated or quoted must stay true."""

from __future__ import annotations

import re

from budgetlint.docgen import render
from budgetlint.rule import load_rules
from conftest import ROOT


def test_rules_md_is_generated_from_the_rules() -> None:
    expected = render(load_rules())
    actual = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/rules.md is stale: run `python -m budgetlint.docgen > docs/rules.md`"


def test_readme_rule_count_is_true() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"(\d+) rules \(`budgetlint rules`\)", readme)
    assert match and int(match.group(1)) == len(load_rules())


def test_readme_opens_with_the_two_setup_commands_and_ci_runs_the_second() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)\n```", readme, re.S)
    assert block is not None
    first, second = block.group(1).splitlines()
    assert first.endswith("budgetlint check examples/")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert second in ci
