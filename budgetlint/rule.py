"""The rule contract and rule discovery.

A rule is one module named ``blNNN_<slug>.py`` with ``META`` (a :class:`RuleMeta`), ``Options`` (a
frozen dataclass whose fields all have defaults) and ``check(doc, opts) -> Iterable[Violation]``.
Its module docstring is its user documentation. Built-in rules live in ``rules.d/`` (installed as
``budgetlint.rules_d``); further directories are loaded only when the configuration names them, so
a pull request cannot make CI run new code just by adding a file.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import pkgutil
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure

RULE_ID = re.compile(r"^[A-Z]{2,4}[0-9]{3}$")
MODULE_NAME = re.compile(r"^([a-z]{2,4}[0-9]{3})_([a-z0-9_]+)$")


# NoOptions must stay a dataclass (the Options contract); why the others are NamedTuples: docs/design.md.
class RuleMeta(NamedTuple):
    id: str
    name: str
    title: str
    severity: Severity
    tables: tuple[str, ...] = ()
    catalogue: tuple[str, ...] = ()  # ids in the design rules catalogue (B20, C12 …)


@dataclass(frozen=True, slots=True)
class NoOptions:
    """The Options of a rule that has none (shared: one dataclass instead of one per rule module,
    which is a measurable part of start-up)."""


class Rule(NamedTuple):
    meta: RuleMeta
    options_type: type
    check: Callable[[Disclosure, Any], Iterable[Violation]]
    doc: str
    module: str

    @property
    def id(self) -> str:
        return self.meta.id


# Findings the engine itself produces; they have docs in docs/rules.md and ids reserved here.
BUILTIN_META: dict[str, RuleMeta] = {
    "BL001": RuleMeta("BL001", "unreadable-file", "文件无法读取为一份干净的公开文件（语法、编码、重复键、别名等）", Severity.ERROR),
    "BL002": RuleMeta("BL002", "schema", "文件结构不符合格式 v1 的 JSON Schema", Severity.ERROR),
    "BL003": RuleMeta("BL003", "unused-suppression", "行内抑制注释没有抑制任何发现", Severity.INFO),
    "BL004": RuleMeta("BL004", "bad-suppression", "抑制注释格式错误或缺少理由", Severity.WARNING),
    "BL005": RuleMeta("BL005", "missing-format-version", "像公开文件的文件没有声明“格式版本”（缺失或拼错）", Severity.ERROR),
    "BL006": RuleMeta("BL006", "rules-not-run", "语义规则未运行：结构校验未通过", Severity.WARNING),
    "BL009": RuleMeta("BL009", "internal-error", "规则运行时出错（budgetlint 内部错误）", Severity.ERROR),
}


class RuleLoadError(Exception):
    """A rule module that breaks the contract; the message names the module."""


def _validate(module: ModuleType, origin: str) -> Rule:
    stem = module.__name__.rsplit(".", 1)[-1]
    match = MODULE_NAME.match(stem)
    meta = getattr(module, "META", None)
    options = getattr(module, "Options", None)
    check = getattr(module, "check", None)
    if match is None:
        raise RuleLoadError(f"{origin}: 规则模块名必须形如 bl123_slug.py")
    if not isinstance(meta, RuleMeta):
        raise RuleLoadError(f"{origin}: 缺少 META = RuleMeta(...)")
    if not RULE_ID.match(meta.id) or meta.id.lower() != match.group(1):
        raise RuleLoadError(f"{origin}: META.id “{meta.id}” 与文件名不符")
    if meta.name != match.group(2).replace("_", "-"):
        raise RuleLoadError(f"{origin}: META.name “{meta.name}” 应为 “{match.group(2).replace('_', '-')}”")
    if not isinstance(options, type) or not dataclasses.is_dataclass(options) or not callable(check):
        raise RuleLoadError(f"{origin}: 需要 Options 数据类和 check(doc, opts) 函数")
    try:
        options()
    except TypeError as error:
        raise RuleLoadError(f"{origin}: Options 的每个字段都必须有默认值（{error}）") from None
    if not (module.__doc__ or "").strip():
        raise RuleLoadError(f"{origin}: 规则模块必须有文档字符串（用户文档）")
    return Rule(meta, options, check, module.__doc__ or "", module.__name__)


def _builtin_modules() -> list[ModuleType]:
    import budgetlint.rules_d as package  # type: ignore[import-not-found]  # rules.d/, mapped by package-dir

    names = sorted(info.name for info in pkgutil.iter_modules(package.__path__) if MODULE_NAME.match(info.name))
    return [importlib.import_module(f"budgetlint.rules_d.{name}") for name in names]


def _directory_modules(directory: Path) -> list[ModuleType]:
    modules = []
    for path in sorted(directory.glob("*.py")):
        if not MODULE_NAME.match(path.stem):
            continue
        name = f"budgetlint_extra_rules.{path.stem}"
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            raise RuleLoadError(f"{path}: 无法导入")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except Exception as error:  # a broken user rule must be a clear error, not a traceback
            raise RuleLoadError(f"{path}: 导入失败：{type(error).__name__}: {error}") from None
        modules.append(module)
    return modules


def _declarative(text: str, origin: str) -> list[Rule]:
    """Rules written as entries of a YAML list (rules.d/*.yaml); data, never code."""
    from budgetlint.rules.declarative import rule_from_entry
    from budgetlint.loader.datafile import DataFileError, load_data

    try:
        entries = load_data(text, origin)
    except DataFileError as error:
        raise RuleLoadError(str(error)) from None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise RuleLoadError(f"{origin}: 声明式规则文件应是规则条目的列表")
    return [rule_from_entry(entry, origin) for entry in entries]


def _builtin_declarative() -> list[Rule]:
    import budgetlint.rules_d as package

    rules: list[Rule] = []
    for directory in package.__path__:
        for path in sorted(Path(directory).glob("*.yaml")):
            rules.extend(_declarative(path.read_text(encoding="utf-8"), f"rules.d/{path.name}"))
    return rules


@lru_cache(maxsize=8)
def _load_cached(extra_dirs: tuple[str, ...]) -> tuple[Rule, ...]:
    modules = _builtin_modules()
    declarative = _builtin_declarative()
    for directory in extra_dirs:
        path = Path(directory)
        if not path.is_dir():
            raise RuleLoadError(f"{path}: 规则目录不存在")
        modules.extend(_directory_modules(path))
        for data_file in sorted(path.glob("*.yaml")):
            declarative.extend(_declarative(data_file.read_text(encoding="utf-8"), str(data_file)))
    rules: dict[str, Rule] = {}
    names: set[str] = set()  # of the rules accepted so far (a set: the check runs once per rule)
    candidates = [_validate(m, getattr(m, "__file__", m.__name__) or m.__name__) for m in modules] + declarative
    for rule in candidates:
        if rule.id in rules or rule.id in BUILTIN_META:
            raise RuleLoadError(f"{rule.module}: 规则编号 {rule.id} 重复")
        if rule.meta.name in names:
            raise RuleLoadError(f"{rule.module}: 规则名称 {rule.meta.name} 重复")
        rules[rule.id] = rule
        names.add(rule.meta.name)
    return tuple(rules[key] for key in sorted(rules))


def load_rules(extra_dirs: Sequence[str | Path] = ()) -> tuple[Rule, ...]:
    """All rules, sorted by id; raises :class:`RuleLoadError` naming the module on a contract breach."""
    return _load_cached(tuple(str(d) for d in extra_dirs))


# ---------------------------------------------------------------------------------------------
# documentation (docs/rules.md, ``budgetlint rule BL005``, SARIF help), in the rule modules' layout

# The engine's own findings that have a doc of their own (a section of docs/rules.md, `budgetlint rule`).
BUILTIN_DOCS: dict[str, str] = {
    "BL005": """像公开文件的文件必须声明“格式版本”，否则它不会被当作公开文件检查。

为什么
    budgetlint 以顶层的 `格式版本: 1` 识别公开文件：目录检查和 pre-commit 钩子据此把 CI 配置等无关的
    YAML 放过。键拼错（`格式版板`）或漏写时，这份公开文件以前会被悄悄跳过（“检查了 0 个文件，没有发现问题”，
    退出码 0）。现在，命令行直接给出的文件，以及目录中顶层至少有三个公开文件键（`部门`、`年度`、`类型`、
    `表格` 等，或一个像“格式版本”的键；其中要有 `部门` 或 `年度`）的文件，都会被检查，缺少声明就报告本规则，
    位置在拼错的键上，或在第一个键上。顶层没有这些键的 YAML/JSON（CI 配置、地区规范文件等）仍然不报告。
    这时结构校验未通过，语义规则不运行（另见 BL006）。

错误示例
    ```yaml
    格式版板: 1
    部门: 新乡市卫滨区科技和工业信息化局
    年度: 2023
    ```

正确示例
    ```yaml
    格式版本: 1
    部门: 新乡市卫滨区科技和工业信息化局
    年度: 2023
    ```
""",
    "BL006": """结构校验未通过时，语义规则没有运行：每种输出格式都在文件上报告这一点。

为什么
    文件结构不符合格式 v1（BL002、BL005，或地区规范无法使用）时，budgetlint 不去猜测表格的形状，
    表内求和、表间核对和叙述与表格的核对都不运行。以前只有 text 格式的汇总行提到这一点；在 SARIF、
    JUnit、GitHub 注释、GitLab 代码质量报告和编辑器里，这个文件看起来只是“有一处结构错误”，
    没有其他发现容易被理解为“其余都对”。本规则在文件第 1 行报告一次，说明结构错误有几处、第一处在哪里。
    改正结构错误后，本发现随之消失。级别为 warning：退出码由结构错误本身决定。它不能被行内注释抑制，
    也不进入基线（和 BL001 一样，它说的是文件没有被检查）；确实不需要时可在配置中 ignore。

错误示例
    ```yaml
    表格:
      收支总表:
        收入:
          一般公共预算: "112.08 万元"
    ```

正确示例
    ```yaml
    表格:
      收支总表:
        收入:
          一般公共预算: 112.08
    ```
""",
}

