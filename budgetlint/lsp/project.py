"""The configuration that applies to a buffer, so the editor shows what ``budgetlint check`` reports.

Each document uses the nearest ``.budgetlint.toml`` / ``pyproject.toml`` ``[tool.budgetlint]`` above
it (select/ignore, severity, per-file-ignores, rule options, profile and rule directories). A
project is cached by its configuration file and that file's modification time, so editing the
configuration takes effect at the next check without restarting the server. A configuration that
does not load falls back to the defaults and comes with its message, which the server shows once.
No pygls import.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from budgetlint.config import (
    Config,
    ConfigError,
    check_rule_references,
    coerce_options,
    enabled_rules,
    engine_config,
    find_config,
    load_config,
)
from budgetlint.engine import EngineConfig, OptionsError, build_options
from budgetlint.lsp.render import RuleBook
from budgetlint.rule import BUILTIN_META, Rule, RuleLoadError, load_rules


@dataclass(frozen=True, slots=True)
class Project:
    config: Config
    rules: tuple[Rule, ...]
    enabled: frozenset[str]
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    error: str | None = None  # why the configuration was not used (shown to the user once)
    book: RuleBook = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "book", RuleBook(self.rules))  # rule docs for hovers, extra rules included

    def engine(self, file: str | None) -> EngineConfig:
        return engine_config(self.config, self.enabled, self.options, file)

    def fallback(self, error: str) -> Project:
        """These defaults, with the message saying why a configuration was not used."""
        return Project(self.config, self.rules, self.enabled, self.options, error)


def _known(rules: Sequence[Rule]) -> dict[str, str]:
    return {**{k: m.name for k, m in BUILTIN_META.items()}, **{r.id: r.meta.name for r in rules}}


def _options(config: Config, rules: Sequence[Rule]) -> dict[str, dict[str, Any]]:
    by_id = {rule.id: rule for rule in rules}
    prefix = "tool.budgetlint.rules" if config.path is not None and config.path.name == "pyproject.toml" else "rules"
    options = {}
    for rule_id, raw in config.rule_options.items():
        rule = by_id.get(rule_id)
        if rule is None:
            raise ConfigError(f"配置项 {prefix}.{rule_id}：规则 {rule_id} 是内置检查，没有选项")
        options[rule_id] = coerce_options(rule.options_type, raw, f"{prefix}.{rule_id}")
        build_options(rule, options[rule_id])
    return options


class Projects:
    """Thread-safe cache: configuration file (and its mtime) → :class:`Project`."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.builtin = tuple(rules)  # load_rules() once; extra rule directories are loaded per configuration
        self.default = Project(Config(), self.builtin, enabled_rules(_known(self.builtin), (), ()))
        self._cache: dict[tuple[Path, int], Project] = {}
        self._lock = threading.Lock()

    def for_file(self, file: str | None) -> Project:
        """The project of ``file`` (None: an unsaved buffer, which gets the defaults)."""
        if file is None:
            return self.default
        try:
            path = find_config(Path(file).resolve().parent)
            if path is None:
                return self.default
            key = (path, os.stat(path).st_mtime_ns)
        except (ConfigError, OSError) as error:
            return self.default.fallback(str(error))
        with self._lock:
            project = self._cache.get(key)
            if project is None:
                project = self._cache[key] = self._load(path)
        return project

    def _load(self, path: Path) -> Project:
        try:
            config = load_config(str(path))
            rules = load_rules(config.rules_dirs) if config.rules_dirs else self.builtin
            known = _known(rules)
            check_rule_references(config, known)
            return Project(config, rules, enabled_rules(known, config.select, config.ignore), _options(config, rules))
        except (ConfigError, RuleLoadError, OptionsError) as error:
            return self.default.fallback(f"配置 {path} 未能使用，已按默认设置检查：{error}")
