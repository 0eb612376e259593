"""The picture of the house (docs/design.md, first section) as import rules, checked by parsing every import.

Every module of budgetlint and rules.d belongs to one part; a part may import the parts below it and
itself, never a part above. Imports inside functions count too (budgetlint imports lazily for
start-up, and a lazy import is still a dependency). A new module must be placed in a part here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Lowest first; each part may import itself and every part listed before it.
PARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("values", ("budgetlint", "budgetlint.finding")),
    ("loader", ("budgetlint.loader", "budgetlint.loader.*", "budgetlint.source", "budgetlint.encoding")),
    ("domain", ("budgetlint.schema", "budgetlint.profile", "budgetlint.model", "budgetlint.arith", "budgetlint.figures",
                "budgetlint.provenance", "budgetlint.tableshape",
                "budgetlint.data", "budgetlint.profiles")),
    # the contract (rule), what rules share (rules/: library, declarative, tables/, units, finals, text, narrative/,
    # crossfile/) and the rules themselves (rules.d/, installed as budgetlint.rules_d)
    ("rules", ("budgetlint.rule", "budgetlint.rules", "budgetlint.rules.*", "budgetlint.rules_d", "budgetlint.rules_d.*")),
    ("engine", ("budgetlint.engine", "budgetlint.suppress", "budgetlint.skipped", "budgetlint.discover")),
    ("session", ("budgetlint.config", "budgetlint.session", "budgetlint.runner", "budgetlint.baseline",
                 "budgetlint.atomic")),
    ("importer", ("budgetlint.importer", "budgetlint.importer.*")),
    ("reporters", ("budgetlint.reporters", "budgetlint.reporters.*", "budgetlint.links")),
    ("front ends", ("budgetlint.cli", "budgetlint.cli_claims", "budgetlint.__main__", "budgetlint.docgen",
                    "budgetlint.lsp", "budgetlint.lsp.*", "budgetlint.argparse_zh",
                    "budgetlint.progress", "budgetlint.profiledoc",
                    "budgetlint.startcmds", "budgetlint.skeleton", "budgetlint.profile_show")),
)
RANK = {name: rank for rank, (name, _) in enumerate(PARTS)}
# Besides the order: reporters print findings and rule metadata; they never run anything.
REPORTERS_MAY_NOT = ("loader", "engine", "session")


def module_name(path: Path) -> str:
    relative = path.relative_to(ROOT)
    if relative.parts[0] == "rules.d":  # installed as budgetlint.rules_d (pyproject package-dir)
        parts = ["budgetlint", "rules_d", *relative.with_suffix("").parts[1:]]
    else:
        parts = list(relative.with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted([*ROOT.glob("budgetlint/**/*.py"), *ROOT.glob("rules.d/*.py")])}


def part_of(module: str) -> str | None:
    for name, patterns in PARTS:
        for pattern in patterns:
            if module == pattern or (pattern.endswith(".*") and module.startswith(pattern[:-1])):
                return name
    return None


def imported(module: str) -> set[str]:
    """budgetlint modules that ``module`` imports, anywhere in its body (``from budgetlint import x`` names x)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in MODULES else base)
    return {name for name in found if name == "budgetlint" or name.startswith("budgetlint.")}


def test_every_module_has_a_place_in_the_house() -> None:
    assert MODULES, "no modules found"
    assert [m for m in MODULES if part_of(m) is None] == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_module_imports_only_its_own_part_and_those_below(module: str) -> None:
    own = part_of(module)
    assert own is not None
    upward = []
    for target in sorted(imported(module)):
        other = part_of(target)
        assert other is not None, f"{module} imports {target}, which has no place in the house"
        if RANK[other] > RANK[own] or (own == "reporters" and other in REPORTERS_MAY_NOT):
            upward.append(f"{target} ({other})")
    assert upward == [], f"{module} ({own}) imports above or beside its part: {upward}"


def test_the_rules_of_the_issue_hold_by_name() -> None:
    """The four rules issue 13 states, spelled out (they follow from the order above)."""
    def imports_of(part: str) -> set[str]:
        return {part_of(t) or t for m in MODULES if part_of(m) == part for t in imported(m)}

    assert imports_of("rules").isdisjoint({"engine", "reporters", "front ends"})
    assert imports_of("loader").isdisjoint({"rules", "domain"})
    assert "reporters" not in imports_of("engine")
    assert imports_of("values") <= {"values"}


def test_rules_are_imported_by_nobody_but_the_loader() -> None:
    """rules.d/ modules are found by discovery (budgetlint.rule); helpers and other rules never import one."""
    importers = {m for m in MODULES for t in imported(m) if t.startswith("budgetlint.rules_d")}
    assert importers == {"budgetlint.rule"}


def test_rule_helpers_are_grouped_under_budgetlint_rules() -> None:
    """What rules share lives in budgetlint/rules/; a group of one module is a module, not a package."""
    rule_side = sorted(m for m in MODULES if part_of(m) == "rules")
    beside = [m for m in rule_side if not m.startswith(("budgetlint.rules.", "budgetlint.rules_d"))
              and m not in ("budgetlint.rule", "budgetlint.rules")]
    assert beside == []
    for init in (ROOT / "budgetlint" / "rules").rglob("__init__.py"):
        modules = [p for p in init.parent.glob("*.py") if p.name != "__init__.py"]
        assert len(modules) >= 2 or init.parent.name == "rules", f"{init.parent}: 只有一个模块的组应是模块而不是包"


def test_the_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    """The parser finds imports inside functions and relative ones: a rule file importing the engine lazily."""
    source = "def check(doc, opts):\n    from budgetlint import engine\n    from ..reporters import text\n    yield from ()\n"
    MODULES["budgetlint.rules_d.bl999_probe"] = tmp_path / "bl999_probe.py"
    MODULES["budgetlint.rules_d.bl999_probe"].write_text(source, encoding="utf-8")
    try:
        assert imported("budgetlint.rules_d.bl999_probe") == {"budgetlint.engine", "budgetlint.reporters.text"}
        with pytest.raises(AssertionError, match="engine"):
            test_a_module_imports_only_its_own_part_and_those_below("budgetlint.rules_d.bl999_probe")
    finally:
        del MODULES["budgetlint.rules_d.bl999_probe"]
