"""The lint pipeline for one file: bytes → text → located data → schema → model → rules → findings.

No printing and no exit codes here; the CLI and the language server both call :func:`lint_text`.
A rule that raises becomes a BL009 internal-error finding naming the rule; the other rules still run.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from budgetlint import skipped
from budgetlint.rules.crossfile import repository
from budgetlint.encoding import decode_bytes
from budgetlint.finding import (
    Finding,
    Pointer,
    Related,
    RelatedLocation,
    Severity,
    Span,
    TextPointer,
    Violation,
    json_pointer,
)
from budgetlint.loader import fast
from budgetlint.loader.document import LoadProblem, LoadResult
from budgetlint.loader.json_reader import load_json
from budgetlint.loader.positions import quoted_column
from budgetlint.loader.sourcemap import SourceMap
from budgetlint.loader.yaml_reader import load_yaml
from budgetlint.model import Disclosure, build
from budgetlint.profile import ProfileError, load_profile
from budgetlint.rule import BUILTIN_META, Rule
from budgetlint.schema import validate

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """What the engine needs from the configuration (built by config.py or by tests)."""

    enabled: frozenset[str] | None = None  # None: every rule
    severity: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    profile_dirs: tuple[str, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = 64
    # Rule ids/prefixes/names that per-file-ignores turns off for this file (config.Config.ignores_for).
    file_ignores: tuple[str, ...] = ()
    # May read YAML with the fast path inside a batch run (budgetlint.loader.fast.batch), where it reads
    # exactly what the full loader reads; False forces the full loader (a divergence is checked again).
    fast_load: bool = True


@dataclass(frozen=True, slots=True)
class FileResult:
    file: str
    findings: tuple[Finding, ...]
    unreadable: bool = False  # the file could not be loaded at all (exit code 2)
    skipped_rules: bool = False  # schema errors: semantic rules did not run
    internal_error: bool = False
    suppressed: int = 0  # findings dropped by inline suppressions or per-file-ignores
    disclosure: Disclosure | None = None
    smap: SourceMap | None = None


class OptionsError(Exception):
    """A per-rule option that does not exist or has a wrong value; names the rule and the key."""


# Default options per options class, made once: a frozen dataclass can be shared by every file of a run.
_DEFAULT_OPTIONS: dict[type, Any] = {}


def build_options(rule: Rule, raw: Mapping[str, Any] | None) -> Any:
    if not raw:
        shared = _DEFAULT_OPTIONS.get(rule.options_type)
        if shared is None:
            shared = rule.options_type()
            params = getattr(rule.options_type, "__dataclass_params__", None)
            if params is not None and params.frozen:
                _DEFAULT_OPTIONS[rule.options_type] = shared
        return shared
    names = {f.name for f in dataclasses.fields(rule.options_type)}
    for key in raw:
        if key not in names:
            known = "、".join(sorted(names)) or "无"
            raise OptionsError(f"规则 {rule.id} 没有选项“{key}”（可用选项：{known}）")
    try:
        return rule.options_type(**raw)
    except (TypeError, ValueError) as error:
        raise OptionsError(f"规则 {rule.id} 的选项无效：{error}") from None


def text_span(smap: SourceMap, target: TextPointer) -> Span:
    """Span of characters [start, end) of a string value, exact for literal blocks and one-line scalars."""
    info = smap.info(target.at.path)
    if info is None:
        return smap.anchor(target.at.path)
    start = _text_position(smap, info.value, info.style, target.at.path, target.start)
    end = _text_position(smap, info.value, info.style, target.at.path, max(target.end - 1, target.start))
    if start is None or end is None:
        return info.value
    return Span(start[0], start[1], end[0], end[1] + 1)


def _text_position(smap: SourceMap, span: Span, style: str | None, path: Any, offset: int) -> tuple[int, int] | None:
    if style in ("|", ">"):
        # value line i is source line (indicator line + 1 + i) at the block's indentation
        text_lines = smap.lines
        first = span.line  # 1-based line after the indicator is span.line + 1; index = span.line
        indent = None
        for line in text_lines[first:]:
            if line.strip():
                indent = len(line) - len(line.lstrip(" "))
                break
        if indent is None:
            return None
        consumed = 0
        line_no = first + 1
        for raw in text_lines[first:]:
            length = max(len(raw) - indent, 0)
            if offset <= consumed + length:
                return line_no, indent + (offset - consumed) + 1
            consumed += length + 1
            line_no += 1
        return None
    if span.line == span.end_line:
        if style in ('"', "'"):
            column = quoted_column(smap.lines[span.line - 1], span.column, style, offset)
            return None if column is None else (span.line, column)
        return span.line, span.column + offset
    return None


class Resolver:
    """Turns rule locations (data pointers, text ranges) into spans in the file."""

    def __init__(self, smap: SourceMap) -> None:
        self.smap = smap

    def span(self, location: Pointer | TextPointer) -> Span:
        if isinstance(location, TextPointer):
            return text_span(self.smap, location)
        info = self.smap.info(location.path)
        if info is not None and not info.container:
            return info.value
        return self.smap.anchor(location.path, prefer_key=True)


def _load(file: str, text: str, config: EngineConfig) -> LoadResult:
    if file_is_json(file):
        return load_json(text, config.max_depth)
    if config.fast_load and fast.active():
        # A file the fast path reads has no problems to report (it declines anything else); its source
        # map composes with libyaml when a finding, a schema error or a comment needs a position.
        document = fast.load(text, config.max_depth)
        if document is not None:
            return LoadResult(document, ())
    return load_yaml(text, config.max_depth)


def _problem_finding(file: str, rule_id: str, problem: LoadProblem | Any, path: tuple[Any, ...] = ()) -> Finding:
    meta = BUILTIN_META[rule_id]
    related = tuple(RelatedLocation(file, span, message) for span, message in getattr(problem, "related", ()))
    return Finding(file, problem.span, rule_id, meta.severity, problem.message, meta.name, path, related)


def _stamp(rule: Rule, violation: Violation, file: str, resolver: Resolver, severity: Severity) -> Finding:
    at = violation.at.at if isinstance(violation.at, TextPointer) else violation.at
    related = tuple(_related(r, file, resolver) for r in violation.related)
    final = Severity.INFO if violation.rounding_tail or violation.advisory else severity
    key = violation.key or f"{rule.id}:{json_pointer(at.path)}"
    return Finding(file, resolver.span(violation.at), rule.id, final, violation.message, rule.meta.name, at.path,
                   related, violation.detail, key)


def _related(related: Related, file: str, resolver: Resolver) -> RelatedLocation:
    where = related.at.file if isinstance(related.at, Pointer) else related.at.at.file
    if where == file:
        return RelatedLocation(file, resolver.span(related.at), related.message)
    # A location in another disclosure (repository mode): resolved in that file's own source map.
    active = repository.active()
    smap = active.smap_of(where) if active is not None else None
    span = Resolver(smap).span(related.at) if smap is not None else Span.point(1, 1)
    return RelatedLocation(where, span, related.message)


def run_rules(doc: Disclosure, rules: Sequence[Rule], config: EngineConfig, resolver: Resolver) -> tuple[list[Finding], bool]:
    findings: list[Finding] = []
    crashed = False
    for rule in rules:
        if config.enabled is not None and rule.id not in config.enabled:
            continue
        severity = config.severity.get(rule.id, rule.meta.severity)
        try:
            options = build_options(rule, config.options.get(rule.id))
            for violation in rule.check(doc, options):
                findings.append(_stamp(rule, violation, doc.file, resolver, severity))
        except OptionsError:
            raise
        except Exception as error:  # a crashing rule must not take the others down
            crashed = True
            import traceback  # only for a crash: on 3.11 it also imports textwrap

            where = traceback.extract_tb(error.__traceback__)[-1]
            message = (f"规则 {rule.id}（{rule.meta.name}）在检查此文件时出错：{type(error).__name__}: {error}"
                       f"（{where.filename.rsplit('/', 1)[-1]}:{where.lineno}）；其他规则照常运行。请报告此问题。")
            findings.append(Finding(doc.file, Span.point(1, 1), "BL009", Severity.ERROR, message, "internal-error"))
    return findings, crashed


def lint_text(file: str, text: str, rules: Sequence[Rule], config: EngineConfig = EngineConfig()) -> FileResult:
    """Lint one file's text (the language server passes unsaved buffers here), then apply suppressions."""
    result = _suppress(_lint_unsuppressed(file, text, rules, config), text, rules, config)
    if result.smap is not None and result.smap.diverged:
        # The full loader, run to locate a finding, read something else than the fast path: its
        # reading is the one budgetlint stands by, so the file is checked again with it alone.
        slow = dataclasses.replace(config, fast_load=False)
        result = _suppress(_lint_unsuppressed(file, text, rules, slow), text, rules, slow)
    return result


def _suppress(result: FileResult, text: str, rules: Sequence[Rule], config: EngineConfig) -> FileResult:
    from budgetlint import suppress

    names = {**{k: m.name for k, m in BUILTIN_META.items()}, **{r.id: r.meta.name for r in rules}}
    policy = suppress.Policy(config.enabled, config.severity, config.file_ignores, names)
    # JSON has no comments: only per-file-ignores apply there.
    # A directive starts "budgetlint:": without one there is nothing to read, and the comment scan
    # (which asks the source map where every key and scalar is) is skipped.
    comments = result.smap is not None and not file_is_json(result.file) and _DIRECTIVE_START.search(text) is not None
    lines = result.smap.lines if comments and result.smap is not None else None
    outcome = suppress.apply(result.file, result.findings, lines, result.smap, policy)
    return dataclasses.replace(result, findings=outcome.findings, suppressed=outcome.suppressed)


_DIRECTIVE_START = re.compile(r"budgetlint\s*:")


def file_is_json(file: str) -> bool:
    return file.lower().endswith(".json")


def _lint_unsuppressed(file: str, text: str, rules: Sequence[Rule], config: EngineConfig) -> FileResult:
    loaded = _load(file, text, config)
    if loaded.problems or loaded.document is None:
        findings = tuple(sorted(_problem_finding(file, "BL001", p) for p in loaded.problems))
        return FileResult(file, findings, unreadable=True)
    document = loaded.document
    if not isinstance(document.data, dict):
        kind = "列表" if isinstance(document.data, list) else "单个值"
        problem = LoadProblem(f"文件顶层是{kind}：一份公开文件的顶层应是映射（格式版本、部门、年度……）", Span.point(1, 1))
        return FileResult(file, (_problem_finding(file, "BL001", problem),), unreadable=True, smap=document.smap)
    schema_findings = [_problem_finding(file, "BL002", p, p.path) for p in validate(document.data, document.smap)]
    if schema_findings:
        # BL005 in place of a missing 格式版本, BL006 to say the rules did not run (budgetlint.skipped)
        make = skipped.builtin_finding(config.enabled, config.severity)
        structure = skipped.format_version(file, document.data, document.smap, schema_findings, make)
        return FileResult(file, tuple(skipped.rules_not_run(file, structure, make)), skipped_rules=True,
                          smap=document.smap)
    try:
        profile = load_profile(str(document.data["规范"]), config.profile_dirs)
    except ProfileError as error:
        problem = LoadProblem(str(error), document.smap.anchor(("规范",)))
        structure = [_problem_finding(file, "BL002", problem, ("规范",))]
        make = skipped.builtin_finding(config.enabled, config.severity)
        return FileResult(file, tuple(skipped.rules_not_run(file, structure, make)), skipped_rules=True,
                          smap=document.smap)
    # an imported file carries 页码/单元格 (provenance): rules check the data without it, findings name the place
    from budgetlint.provenance import has_provenance

    paged = has_provenance(text)
    if paged:
        from budgetlint.provenance import strip_pages

        doc = build(strip_pages(document.data), file, profile)
    else:
        doc = build(document.data, file, profile)
    repository.remember(file, doc, document.smap)  # repository mode: related files read this version
    findings, crashed = run_rules(doc, rules, config, Resolver(document.smap))
    if paged:
        findings = _with_pages(findings, document.data)
    return FileResult(file, tuple(sorted(findings)), internal_error=crashed, disclosure=doc, smap=document.smap)


def _with_pages(findings: list[Finding], data: Any) -> list[Finding]:
    import dataclasses

    from budgetlint.provenance import located

    return [dataclasses.replace(f, message=f.message + where) if (where := located(data, f.json_path)) else f
            for f in findings]


def lint_bytes(file: str, data: bytes, rules: Sequence[Rule], config: EngineConfig = EngineConfig()) -> FileResult:
    """Lint one file's bytes. Never raises for bad input: every failure is a finding on the file."""
    if len(data) > config.max_bytes:
        problem = LoadProblem(f"文件大小超过上限 {config.max_bytes} 字节"
                              "（可在配置 [tool.budgetlint.limits] max-file-bytes 中调整）", Span.point(1, 1))
        return FileResult(file, (_problem_finding(file, "BL001", problem),), unreadable=True)
    text, problem = decode_bytes(data)
    if text is None:
        assert problem is not None
        return FileResult(file, (_problem_finding(file, "BL001", problem),), unreadable=True)
    try:
        return lint_text(file, text, rules, config)
    except OptionsError:
        raise  # a configuration mistake, not a property of this file: the CLI reports it (exit 2)
    except Exception as error:  # last line of defence: one file must not stop the run
        return FileResult(file, (_internal_error(file, error),), internal_error=True)


def _internal_error(file: str, error: Exception) -> Finding:
    import traceback  # only for a crash

    frames = traceback.extract_tb(error.__traceback__)
    where = f"（{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}）" if frames else ""
    message = (f"budgetlint 在检查此文件时出现内部错误：{type(error).__name__}: {error}{where}；"
               "这不是文件内容的问题，请报告此问题")
    return Finding(file, Span.point(1, 1), "BL009", Severity.ERROR, message, "internal-error")


def lint_file(path: str, rules: Sequence[Rule], config: EngineConfig = EngineConfig()) -> FileResult:
    """Read (at most ``max_bytes + 1`` bytes, so a huge file is reported, not loaded) and lint one file.

    A file that cannot be read (permissions, a directory, removed meanwhile) is a BL001 finding on
    that file: the other files of the run are still checked. budgetlint only ever opens it for reading.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read(config.max_bytes + 1)
    except OSError as error:
        problem = LoadProblem(f"无法读取文件：{error.strerror or error}", Span.point(1, 1))
        return FileResult(path, (_problem_finding(path, "BL001", problem),), unreadable=True)
    return lint_bytes(path, data, rules, config)
