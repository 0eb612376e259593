"""Documentation that is generated or quoted must stay true."""

from __future__ import annotations

import re

import pytest

from budgetlint.cli import main
from budgetlint.docgen import render
from budgetlint.rule import BUILTIN_META, load_rules
from conftest import ROOT


def test_rules_md_is_generated_from_the_rules() -> None:
    expected = render(load_rules())
    actual = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/rules.md is stale: run `python -m budgetlint.docgen > docs/rules.md`"


def test_readme_rule_count_is_what_budgetlint_rules_lists(capsys: pytest.CaptureFixture[str]) -> None:
    """The README's figure counts the rules `budgetlint rules` lists: the engine's BL001–BL009 included."""
    assert main(["rules", "--no-config"]) == 0
    listed = [line for line in capsys.readouterr().out.splitlines() if re.match(r"[A-Z]{2,4}\d{3}  ", line)]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"共 (\d+) 条规则（`budgetlint rules`）", readme)
    assert match and int(match.group(1)) == len(listed) == len(BUILTIN_META) + len(load_rules())


def test_files_the_docs_cite_exist() -> None:
    """pyproject.toml cited a docs/performance.md that never existed."""
    any_file = re.compile(r"(?<![\w/.])((?:docs|benchmarks|examples|schemas|tests|rules\.d)/[\w./-]*\.(?:md|json|yaml|py))")
    doc = re.compile(r"(?<![\w/.])(docs/[\w./-]*\.md)")  # code cites docs; its other paths are examples of output
    sources = [(ROOT / "README.md", any_file), (ROOT / "CHANGELOG.md", any_file), (ROOT / "pyproject.toml", any_file),
               *((path, any_file) for path in (ROOT / "docs").glob("*.md")),
               *((path, doc) for path in [*(ROOT / "budgetlint").rglob("*.py"), *(ROOT / "rules.d").glob("*.py")])]
    missing = {f"{source.relative_to(ROOT)}: {path}" for source, pattern in sources
               for path in pattern.findall(source.read_text(encoding="utf-8")) if not (ROOT / path).exists()}
    assert not missing, sorted(missing)


def test_readme_opens_with_the_two_setup_commands_and_ci_runs_the_second() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)\n```", readme, re.S)
    assert block is not None
    first, second = block.group(1).splitlines()
    assert first.endswith("budgetlint check examples/")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert second in ci
