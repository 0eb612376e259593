"""Configuration: ``[tool.budgetlint]`` in ``pyproject.toml`` or the top level of ``.budgetlint.toml``.

Found by searching upward from the working directory (``.budgetlint.toml`` wins over
``pyproject.toml`` in the same directory; a ``pyproject.toml`` without ``[tool.budgetlint]`` is
passed over), or named with ``--config``. Every key and value is checked here and a mistake is a
:class:`ConfigError` that names the key, because a silently ignored typo in a CI configuration
would turn a check off without anyone noticing.

Relative paths (rules-dirs, profile-dirs, per-file-ignores globs) are relative to the directory
of the configuration file, so the same file works from any working directory.
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys
import typing
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from budgetlint.engine import DEFAULT_MAX_BYTES, EngineConfig
from budgetlint.finding import Severity
from budgetlint.suppress import selector_matches as matches

if TYPE_CHECKING:
    from budgetlint.rule import Rule

CONFIG_NAMES = (".budgetlint.toml", "pyproject.toml")
# An id (BL211), a prefix of one (BL2, BL), or a rule name (overall-performance-total).
_SELECTOR = re.compile(r"^(?:[A-Z]{2,4}[0-9]{0,3}|[a-z][a-z0-9-]*)$")
SEVERITIES = ("error", "warning", "info")


class ConfigError(Exception):
    """A configuration problem (exit code 2); the message names the file and the key."""


# A derived configuration is ``config._replace(select=...)``. Empty-mapping defaults are read-only proxies,
# because a NamedTuple default is one object shared by every instance.
_EMPTY: Mapping[Any, Any] = MappingProxyType({})


class FileIgnore(NamedTuple):
    """One per-file-ignores entry: a glob (relative to the config directory) and the rule selectors."""

    pattern: str
    selectors: tuple[str, ...]
    regex: re.Pattern[str]


class Limits(NamedTuple):
    max_file_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = 64
    max_findings: int | None = None  # findings printed; None = all


class Config(NamedTuple):
    """The checked configuration. ``path`` is None when no file was found (all defaults)."""

    path: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = _EMPTY
    per_file_ignores: tuple[FileIgnore, ...] = ()
    rule_options: Mapping[str, Mapping[str, Any]] = _EMPTY
    rules_dirs: tuple[Path, ...] = ()
    profile_dirs: tuple[Path, ...] = ()
    fail_level: Severity = Severity.ERROR
    limits: Limits = Limits()
    roots: tuple[Path, ...] = ()  # repository mode: where related disclosures are found (budgetlint.rules.crossfile.repository)

    @property
    def root(self) -> Path:
        """Directory that relative paths and globs in the configuration are relative to."""
        return self.path.parent if self.path is not None else Path.cwd()

    def ignores_for(self, file: str) -> tuple[str, ...]:
        """Rule selectors that per-file-ignores turns off for ``file``."""
        if not self.per_file_ignores:
            return ()
        relative = _relative_posix(file, self.root)
        name = relative.rsplit("/", 1)[-1]
        found: list[str] = []
        for entry in self.per_file_ignores:
            target = relative if "/" in entry.pattern else name
            if entry.regex.match(target):
                found.extend(entry.selectors)
        return tuple(dict.fromkeys(found))


class CheckSetup(NamedTuple):
    """The configuration resolved against the loaded rules: what ``budgetlint check`` needs before it
    reads any file. Built by the CLI; defined here because budgetlint.cli must stay light (start-up)."""

    config: Config
    rules: tuple[Rule, ...]
    known: dict[str, str]  # every rule id → name, built-ins included
    enabled: frozenset[str]
    options: dict[str, dict[str, Any]]  # rule id → typed options
    fail_level: str | None  # --fail-level; None: the configuration's


# ---------------------------------------------------------------------------------------------
# discovery


def find_config(start: Path) -> Path | None:
    """The nearest .budgetlint.toml, or pyproject.toml with [tool.budgetlint], from ``start`` upward."""
    for directory in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and "budgetlint" not in _read_toml(candidate).get("tool", {}):
                continue
            return candidate
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    # Imported here: a run without a configuration file (or with --no-config) never parses TOML.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"无法读取配置文件 {path}：{error.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"配置文件 {path} 不是有效的 TOML：{error}") from None


def load_config(explicit: str | None = None, start: Path | None = None) -> Config:
    """Read and check the configuration named by ``--config`` or found upward from ``start``."""
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"配置文件不存在：{explicit}")
    else:
        found = find_config(start or Path.cwd())
        if found is None:
            return Config()
        path = found
    raw = _read_toml(path)
    if path.name == "pyproject.toml":
        table = raw.get("tool", {}).get("budgetlint", {})
        prefix = "tool.budgetlint"
    else:
        table, prefix = raw, ""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: {prefix} 必须是表")
    return parse_config(table, path.resolve(), prefix)


# ---------------------------------------------------------------------------------------------
# checking the table


def parse_config(table: Mapping[str, Any], path: Path, prefix: str = "") -> Config:
    """Check every key of a configuration table; the first problem raises :class:`ConfigError`."""
    ctx = _Context(path, prefix)
    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        ctx.fail(unknown[0], f"未知的配置项（可用：{'、'.join(_KEYS)}）")
    values: dict[str, Any] = {}
    for key, parse in _KEYS.items():
        if key in table:
            values[_KEYS_TO_FIELD[key]] = parse(ctx, key, table[key])
    return Config(path=path, **values)


class _Context(NamedTuple):
    path: Path
    prefix: str

    def name(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix else key

    def fail(self, key: str, problem: str) -> typing.NoReturn:
        raise ConfigError(f"{self.path}: 配置项 {self.name(key)}：{problem}")

    def sub(self, key: str) -> _Context:
        return _Context(self.path, self.name(key))


def _selectors(ctx: _Context, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        ctx.fail(key, "应是规则编号、前缀或名称的列表，如 [\"BL2\", \"BL301\"]")
    for item in value:
        if not is_selector(item):
            ctx.fail(key, f"“{item}”不是规则编号、前缀或名称（编号如 BL211，前缀如 BL2）")
    return tuple(value)


def _severity_table(ctx: _Context, key: str, value: Any) -> dict[str, Severity]:
    table = _table(ctx, key, value)
    result = {}
    for rule_id, level in table.items():
        if not isinstance(level, str) or level not in SEVERITIES:
            ctx.sub(key).fail(rule_id, f"级别应是 {'、'.join(SEVERITIES)} 之一，而不是 {level!r}")
        result[rule_id] = Severity.parse(level)
    return result


def _per_file_ignores(ctx: _Context, key: str, value: Any) -> tuple[FileIgnore, ...]:
    table = _table(ctx, key, value)
    return tuple(FileIgnore(pattern, _selectors(ctx.sub(key), pattern, ids), glob_regex(pattern))
                 for pattern, ids in table.items())


def _rule_options(ctx: _Context, key: str, value: Any) -> dict[str, dict[str, Any]]:
    table = _table(ctx, key, value)
    for rule_id, options in table.items():
        _table(ctx.sub(key), rule_id, options)
    return {rule_id: dict(options) for rule_id, options in table.items()}


def _directories(ctx: _Context, key: str, value: Any) -> tuple[Path, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        ctx.fail(key, "应是目录路径的列表")
    directories = tuple(ctx.path.parent / item for item in value)
    for item, directory in zip(value, directories):
        if not directory.is_dir():
            ctx.fail(key, f"目录不存在：{item}（相对于 {ctx.path.parent}）")
    return directories


def _fail_level(ctx: _Context, key: str, value: Any) -> Severity:
    if value not in SEVERITIES:
        ctx.fail(key, f"应是 {'、'.join(SEVERITIES)} 之一，而不是 {value!r}")
    return Severity.parse(value)


_LIMIT_KEYS = {"max-file-bytes": "max_file_bytes", "max-depth": "max_depth", "max-findings": "max_findings"}


def _limits(ctx: _Context, key: str, value: Any) -> Limits:
    table = _table(ctx, key, value)
    sub = ctx.sub(key)
    values: dict[str, int] = {}
    for name, number in table.items():
        if name not in _LIMIT_KEYS:
            sub.fail(name, f"未知的限制项（可用：{'、'.join(_LIMIT_KEYS)}）")
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            sub.fail(name, f"应是正整数，而不是 {number!r}")
        values[_LIMIT_KEYS[name]] = number
    return Limits(**values)


def _table(ctx: _Context, key: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        ctx.fail(key, "应是表（如 [tool.budgetlint.xxx] 或 { 键 = 值 }）")
    return value


_KEYS: dict[str, Callable[[_Context, str, Any], Any]] = {
    "select": _selectors,
    "ignore": _selectors,
    "severity": _severity_table,
    "per-file-ignores": _per_file_ignores,
    "rules": _rule_options,
    "rules-dirs": _directories,
    "profile-dirs": _directories,
    "fail-level": _fail_level,
    "limits": _limits,
    "roots": _directories,
}
_KEYS_TO_FIELD = {"select": "select", "ignore": "ignore", "severity": "severity", "per-file-ignores": "per_file_ignores",
                  "rules": "rule_options", "rules-dirs": "rules_dirs", "profile-dirs": "profile_dirs",
                  "fail-level": "fail_level", "limits": "limits", "roots": "roots"}


# ---------------------------------------------------------------------------------------------
# rule selection, per-rule options


def is_selector(text: str) -> bool:
    return bool(_SELECTOR.match(text))


def enabled_rules(rules: Mapping[str, str], select: Sequence[str], ignore: Sequence[str]) -> frozenset[str]:
    """Ids (→ names) enabled by select/ignore: the longest matching selector wins (flake8's rule).

    A name counts as longer than any prefix, so ``ignore = ["BL2"]`` with ``select = ["overall-performance-total"]``
    keeps that one rule.
    """
    def strength(rule_id: str, name: str, selectors: Sequence[str]) -> int | None:
        lengths = [100 if s == name else len(s) for s in selectors if matches(rule_id, name, s)]
        return max(lengths, default=None)

    result = set()
    for rule_id, name in rules.items():
        chosen = strength(rule_id, name, select) if select else 0
        ignored = strength(rule_id, name, ignore)
        if chosen is None or (ignored is not None and ignored >= chosen):
            continue
        result.add(rule_id)
    return frozenset(result)


def check_rule_references(config: Config, known: Mapping[str, str]) -> None:
    """Every selector, severity key and options table must name a rule that exists."""
    ctx = _Context(config.path or Path("<命令行>"), "tool.budgetlint" if config.path and config.path.name == "pyproject.toml" else "")
    groups: list[tuple[str, Sequence[str]]] = [("select", config.select), ("ignore", config.ignore),
                                               *((f"per-file-ignores.{f.pattern}", f.selectors) for f in config.per_file_ignores)]
    for key, selectors in groups:
        for selector in selectors:
            if not any(matches(rule_id, name, selector) for rule_id, name in known.items()):
                ctx.fail(key, f"“{selector}”不匹配任何规则（budgetlint rules 列出全部规则）")
    for key, ids in (("severity", config.severity), ("rules", config.rule_options)):
        for rule_id in ids:
            if rule_id not in known:
                ctx.sub(key).fail(rule_id, "没有这个规则编号（这里要写完整编号，如 BL211）")


def coerce_options(options_type: type, raw: Mapping[str, Any], where: str) -> dict[str, Any]:
    """TOML values → the types the rule's Options declares. Decimals must be strings ("0.01"):
    a TOML float is binary and would smuggle 0.01000000000000000020816681711721685 into money checks."""
    hints = typing.get_type_hints(options_type)
    names = {f.name: f for f in dataclasses.fields(options_type)}
    result: dict[str, Any] = {}
    for key, value in raw.items():
        attr = key.replace("-", "_")
        if attr not in names:
            known = "、".join(sorted(n.replace("_", "-") for n in names)) or "无"
            raise ConfigError(f"配置项 {where}.{key}：规则没有这个选项（可用选项：{known}）")
        result[attr] = _coerce(hints.get(attr, Any), value, f"{where}.{key}")
    return result


def _coerce(hint: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    if hint is Decimal:
        if isinstance(value, float):
            raise ConfigError(f"配置项 {where}：小数请写成字符串，如 \"{value}\"（TOML 浮点数不精确）")
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise ConfigError(f"配置项 {where}：应是写成字符串的小数，如 \"0.01\"")
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise ConfigError(f"配置项 {where}：“{value}”不是小数") from None
        if not number.is_finite():
            raise ConfigError(f"配置项 {where}：“{value}”不是有限的小数")
        return number
    if origin is tuple:
        if not isinstance(value, list):
            raise ConfigError(f"配置项 {where}：应是列表")
        args = typing.get_args(hint)
        item = args[0] if args else Any
        return tuple(_coerce(item, v, f"{where}[{i}]") for i, v in enumerate(value))
    expected = {bool: "true 或 false", int: "整数", str: "字符串"}.get(hint)
    if expected is not None:
        ok = isinstance(value, hint) and (hint is bool or not isinstance(value, bool))
        if not ok:
            raise ConfigError(f"配置项 {where}：应是{expected}，而不是 {value!r}")
    return value


def engine_config(config: Config, enabled: frozenset[str] | None, options: Mapping[str, Mapping[str, Any]],
                  file: str | None = None, extra_profile_dirs: Sequence[str] = ()) -> EngineConfig:
    """The engine's view of the configuration for one file (per-file-ignores depend on the file)."""
    return EngineConfig(
        enabled=enabled,
        severity=config.severity,
        options=options,
        profile_dirs=(*(str(p) for p in config.profile_dirs), *extra_profile_dirs),
        max_bytes=config.limits.max_file_bytes,
        max_depth=config.limits.max_depth,
        file_ignores=config.ignores_for(file) if file is not None else (),
    )


# ---------------------------------------------------------------------------------------------
# paths


def glob_regex(pattern: str) -> re.Pattern[str]:
    """Glob → regex: ``**/`` spans directories, ``*`` and ``?`` stay inside one path segment."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def _relative_posix(file: str, root: Path) -> str:
    path = Path(file)
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        return Path(os.path.normpath(absolute)).relative_to(root).as_posix()
    except ValueError:
        return Path(os.path.normpath(file)).as_posix()
