"""Setting up a session once, for ``budgetlint check`` and the language server alike.

A session is a configuration resolved against the rules it names: the rules loaded (built-in ones
and the configured directories), every rule id and name, the rules enabled by select/ignore, and
each rule's options typed and checked — all before any file is read, so a bad option fails once,
up front, with the same message wherever budgetlint runs. The engine configuration of one file
follows from the session (per-file-ignores depend on the file).

The CLI turns a :class:`SessionError` into exit code 2; the language server falls back to the
defaults and shows :attr:`SessionError.reason` once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from budgetlint.config import Config, ConfigError, check_rule_references, coerce_options, enabled_rules, engine_config
from budgetlint.engine import EngineConfig, OptionsError, build_options
from budgetlint.rule import BUILTIN_META, Rule, RuleLoadError, load_rules


class SessionError(Exception):
    """A configuration that cannot be used: ``reason`` says why, ``where`` (if any) names the configuration file."""

    def __init__(self, reason: str, where: str = "") -> None:
        super().__init__(f"{where}: {reason}" if where else reason)
        self.reason = reason
        self.where = where


class Session(NamedTuple):
    config: Config
    rules: tuple[Rule, ...]
    known: dict[str, str]  # every rule id → name, built-ins included
    enabled: frozenset[str]
    options: dict[str, dict[str, Any]]  # rule id → typed options

    def engine(self, file: str | None, extra_profile_dirs: Sequence[str] = ()) -> EngineConfig:
        """The engine's configuration for one file (None: an unsaved buffer, no per-file-ignores)."""
        return engine_config(self.config, self.enabled, self.options, file, extra_profile_dirs)


def known_rules(rules: Sequence[Rule]) -> dict[str, str]:
    """Every rule id → name: the engine's built-in checks (BL001 …) and the loaded rules."""
    return {**{k: m.name for k, m in BUILTIN_META.items()}, **{r.id: r.meta.name for r in rules}}


def session_rules(config: Config, extra_dirs: Sequence[str] = (), builtin: Sequence[Rule] | None = None) -> tuple[Rule, ...]:
    """The rules of a session: ``builtin`` (already loaded) when no directory is added, else loaded with them."""
    directories = [*config.rules_dirs, *extra_dirs]
    if builtin is not None and not directories:
        return tuple(builtin)
    try:
        return load_rules(directories)
    except RuleLoadError as error:
        raise SessionError(f"规则加载失败：{error}") from None


def rule_options(config: Config, rules: Sequence[Rule]) -> dict[str, dict[str, Any]]:
    """Per-rule options, typed and checked once up front, so a bad option fails before any file is read."""
    by_id = {rule.id: rule for rule in rules}
    prefix = "tool.budgetlint.rules" if config.path is not None and config.path.name == "pyproject.toml" else "rules"
    where = str(config.path)
    options = {}
    for rule_id, raw in config.rule_options.items():
        rule = by_id.get(rule_id)
        if rule is None:
            raise SessionError(f"配置项 {prefix}.{rule_id}：规则 {rule_id} 是内置检查，没有选项", where)
        try:
            options[rule_id] = coerce_options(rule.options_type, raw, f"{prefix}.{rule_id}")
            build_options(rule, options[rule_id])
        except (ConfigError, OptionsError) as error:
            raise SessionError(str(error), where) from None
    return options


# What the command line may change once the rules are known (--select/--ignore replace the file's lists).
Adjust = Callable[[Config, Mapping[str, str]], Config]


def open_session(config: Config, extra_rules_dirs: Sequence[str] = (), builtin: Sequence[Rule] | None = None,
                 adjust: Adjust | None = None) -> Session:
    """Resolve ``config`` against its rules; raises :class:`SessionError` for anything that cannot be used."""
    rules = session_rules(config, extra_rules_dirs, builtin)
    known = known_rules(rules)
    try:
        check_rule_references(config, known)
    except ConfigError as error:
        raise SessionError(str(error)) from None
    if adjust is not None:
        config = adjust(config, known)
    enabled = enabled_rules(known, config.select, config.ignore)
    return Session(config, rules, known, enabled, rule_options(config, rules))
