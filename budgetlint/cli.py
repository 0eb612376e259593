"""Command line: ``budgetlint check|rules|rule``. Wiring only: no lint logic lives here.

Exit codes: 0 no finding at or above the fail level; 1 findings at or above it; 2 usage,
configuration, unreadable input or internal error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A problem with the command line or the configuration (exit code 2)."""


def _parser() -> argparse.ArgumentParser:
    from budgetlint import __version__

    parser = argparse.ArgumentParser(prog="budgetlint", description="检查部门预算/决算公开文件（YAML/JSON）中的矛盾。")
    parser.add_argument("--version", action="version", version=f"budgetlint {__version__}")
    sub = parser.add_subparsers(dest="command")
    check = sub.add_parser("check", help="检查文件或目录")
    check.add_argument("paths", nargs="*", default=["."], help="文件或目录（目录递归查找 *.yaml *.yml *.json）")
    check.add_argument("--format", "-f", default="parsable", help="输出格式：parsable（默认）、json")
    check.add_argument("--output", "-o", help="写入文件而不是标准输出")
    check.add_argument("--select", help="只启用这些规则（编号或前缀，逗号分隔）")
    check.add_argument("--ignore", help="停用这些规则（编号或前缀，逗号分隔）")
    check.add_argument("--fail-level", choices=["error", "warning", "info"], default="error",
                       help="达到此级别的发现使退出码为 1（默认 error）")
    check.add_argument("--rules-dir", action="append", default=[], help="额外的规则目录（可信代码）")
    check.add_argument("--profile-dir", action="append", default=[], help="额外的地区规范目录")
    claims = sub.add_parser("claims", help="列出叙述部分抽取的数字陈述及其对应的表格单元格")
    claims.add_argument("file", help="公开文件")
    claims.add_argument("--format", "-f", choices=["text", "json"], default="text")
    lsp = sub.add_parser("lsp", help="启动语言服务器（stdio），需要 budgetlint[lsp]")
    lsp.add_argument("--stdio", action="store_true", help="使用标准输入输出（默认）")
    sub.add_parser("rules", help="列出所有规则")
    rule = sub.add_parser("rule", help="显示一条规则的文档")
    rule.add_argument("id", help="规则编号或名称，如 BL211")
    return parser


def _split(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _enabled(rule_ids: Sequence[str], select: list[str], ignore: list[str]) -> frozenset[str]:
    """Longest matching prefix wins between select and ignore (flake8's decision rule)."""
    result = set()
    for rule_id in rule_ids:
        chosen = max((s for s in select if rule_id.startswith(s)), key=len, default=None) if select else ""
        ignored = max((s for s in ignore if rule_id.startswith(s)), key=len, default=None)
        if chosen is None:
            continue
        if ignored is not None and len(ignored) >= len(chosen):
            continue
        result.add(rule_id)
    return frozenset(result)


def _check(args: argparse.Namespace) -> int:
    from budgetlint.discover import discover
    from budgetlint.engine import EngineConfig, OptionsError, lint_bytes
    from budgetlint.finding import Severity
    from budgetlint.reporters import Report, names, reporter
    from budgetlint.rule import BUILTIN_META, RuleLoadError, load_rules

    if args.format not in names():
        raise UsageError(f"未知的输出格式“{args.format}”（可用：{'、'.join(names())}）")
    try:
        rules = load_rules(args.rules_dir)
    except RuleLoadError as error:
        raise UsageError(f"规则加载失败：{error}") from None
    files, missing = discover(args.paths)
    if missing:
        raise UsageError(f"找不到路径：{'、'.join(missing)}")
    config = EngineConfig(enabled=_enabled([r.id for r in rules], _split(args.select), _split(args.ignore)),
                          profile_dirs=tuple(args.profile_dir))
    results = []
    for file in files:
        try:
            data = open(file, "rb").read()
        except OSError as error:
            raise UsageError(f"无法读取 {file}：{error.strerror}") from None
        try:
            results.append(lint_bytes(file, data, rules, config))
        except OptionsError as error:
            raise UsageError(str(error)) from None
    findings = tuple(sorted(f for r in results for f in r.findings))
    metas = {**BUILTIN_META, **{r.id: r.meta for r in rules}}
    report = Report(findings, len(files), sum(r.unreadable for r in results), sum(r.skipped_rules for r in results),
                    0, metas, {r.id: r.doc for r in rules})
    text = reporter(args.format)(report, False)
    if args.output:
        from budgetlint.atomic import write_text_atomic

        write_text_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    if any(r.unreadable or r.internal_error for r in results):
        return EXIT_ERROR
    fail = Severity.parse(args.fail_level)
    return EXIT_FINDINGS if any(f.severity >= fail for f in findings) else EXIT_OK


def _rules() -> int:
    from budgetlint.rule import BUILTIN_META, load_rules

    metas = [*BUILTIN_META.values(), *(r.meta for r in load_rules())]
    for meta in metas:
        sys.stdout.write(f"{meta.id}  {meta.name:<40} {meta.severity.label:<8} {meta.title}\n")
    return EXIT_OK


def _rule(ident: str) -> int:
    from budgetlint.rule import BUILTIN_META, load_rules

    for rule in load_rules():
        if ident.upper() == rule.id or ident == rule.meta.name:
            meta = rule.meta
            sys.stdout.write(f"{meta.id} {meta.name}（{meta.severity.label}）\n{meta.title}\n\n{rule.doc.strip()}\n")
            return EXIT_OK
    meta = BUILTIN_META.get(ident.upper())
    if meta:
        sys.stdout.write(f"{meta.id} {meta.name}（{meta.severity.label}）\n{meta.title}\n")
        return EXIT_OK
    raise UsageError(f"没有规则“{ident}”（budgetlint rules 列出全部规则）")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "claims":
            from budgetlint.narrative.command import run_claims

            return run_claims(args)
        if args.command == "lsp":
            from budgetlint.lsp import run_server

            return run_server(args)
        if args.command == "rules":
            return _rules()
        if args.command == "rule":
            return _rule(args.id)
        parser.print_help()
        return EXIT_ERROR
    except UsageError as error:
        sys.stderr.write(f"budgetlint: 错误：{error}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
