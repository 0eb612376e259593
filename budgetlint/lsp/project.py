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
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from budgetlint.config import Config, ConfigError, find_config, load_config
from budgetlint.engine import EngineConfig
from budgetlint.lsp.render import RuleBook
from budgetlint.rule import Rule
from budgetlint.session import Session, SessionError, open_session


@dataclass(frozen=True, slots=True)
class Project:
    """A session (budgetlint.session, the same setup as ``budgetlint check``) and the rule docs for hovers."""

    session: Session
    error: str | None = None  # why the configuration was not used (shown to the user once)
    book: RuleBook = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "book", RuleBook(self.rules))  # rule docs for hovers, extra rules included

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self.session.rules

    def engine(self, file: str | None) -> EngineConfig:
        # The language server reads with PyYAML alone: it never enters budgetlint.loader.fast.batch().
        return self.session.engine(file)

    def fallback(self, error: str) -> Project:
        """These defaults, with the message saying why a configuration was not used."""
        return Project(self.session, error)


class Projects:
    """Thread-safe cache: configuration file (and its mtime) → :class:`Project`."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.builtin = tuple(rules)  # load_rules() once; extra rule directories are loaded per configuration
        self.default = Project(open_session(Config(), builtin=self.builtin))
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
            session = open_session(load_config(str(path)), builtin=self.builtin)
        except ConfigError as error:
            return self.default.fallback(f"配置 {path} 未能使用，已按默认设置检查：{error}")
        except SessionError as error:
            return self.default.fallback(f"配置 {path} 未能使用，已按默认设置检查：{error.reason}")
        return Project(session)
