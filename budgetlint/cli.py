"""Command line: ``budgetlint check|claims|lsp|rules|rule``. Wiring only: no lint logic lives here.

Exit codes: 0 no finding at or above the fail level; 1 findings at or above it; 2 usage,
configuration, unreadable input or internal error; 141 (128 + SIGPIPE, what a shell reports for other
Unix tools) when the reader of standard output went away early, as in ``budgetlint rules | head``.

Precedence: command-line flags override the configuration file, which overrides the defaults.
``--select``/``--ignore`` on the command line replace the file's lists (they do not extend them).
"""

from __future__ import annotations

# Start-up: this module is all that ``budgetlint --version`` imports, and ``check`` imports only what
# its run needs, at the point of use. Module level stays at argparse, os and sys: typing, dataclasses
# (with inspect), pathlib and the lint machinery are imported by the functions that need them, and the
# records of a check run (Output, CheckSetup) live in the modules that run needs anyway.
import argparse
import os
import sys

# Not typing.TYPE_CHECKING: importing typing costs about 2 ms, a tenth of `budgetlint --version`. Type
# checkers take a module-level constant of this name as true (the idiom PEP 781 describes), so these
# imports exist for them only; with postponed annotations, nothing here is needed at run time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import IO

    from budgetlint.config import CheckSetup, Config
    from budgetlint.engine import EngineConfig
    from budgetlint.finding import Finding, Severity
    from budgetlint.reporters import Output, Report
    from budgetlint.rule import Rule
    from budgetlint.runner import Checked

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_CLOSED_PIPE = 128 + 13  # 13 is SIGPIPE on every POSIX system (the signal module is not imported for it)
# Findings that mean a file was not checked: never recorded in, nor hidden by, a baseline.
NOT_BASELINED = frozenset({"BL001", "BL005", "BL006", "BL009"})


class UsageError(Exception):
    """A problem with the command line or the configuration (exit code 2)."""


# ---------------------------------------------------------------------------------------------
# arguments


def _parser() -> argparse.ArgumentParser:
    from budgetlint import __version__
    from budgetlint.argparse_zh import Parser

    parser = Parser(prog="budgetlint", description="检查部门预算/决算公开文件（YAML/JSON）中的矛盾。")
    parser.add_argument("--version", action="version", version=f"budgetlint {__version__}", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="命令", help="budgetlint 命令 -h 显示各命令的帮助")
    _check_parser(sub.add_parser("check", help="检查文件或目录"))
    claims = sub.add_parser("claims", help="列出叙述部分抽取的数字陈述及其对应的表格单元格")
    claims.add_argument("file", metavar="文件", help="公开文件")
    claims.add_argument("--format", "-f", choices=["text", "json"], default="text", help="输出格式：text（默认）或 json")
    lsp = sub.add_parser("lsp", help="启动语言服务器（stdio），需要 budgetlint[lsp]")
    lsp.add_argument("--stdio", action="store_true", help="使用标准输入输出（默认）")
    from budgetlint.importer.command import add_parser as _import_parser  # no pdfplumber here: lazy inside

    _import_parser(sub)
    rules = sub.add_parser("rules", help="列出所有规则（编号、名称、级别、标题）")
    rule = sub.add_parser("rule", help="显示一条规则的文档（为什么、错误示例、正确示例、选项）")
    rule.add_argument("id", metavar="规则", help="规则编号或名称，如 BL211")
    for command in (rules, rule):
        _config_arguments(command)
        command.add_argument("--rules-dir", action="append", default=[], metavar="目录", help="额外的规则目录（可信代码）")
    from budgetlint import startcmds  # schema, profile, init (argparse only at import)

    startcmds.add_parsers(sub)
    return parser


def _config_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--config", metavar="文件", help="配置文件（pyproject.toml 或 .budgetlint.toml）；默认从当前目录向上查找")
    group.add_argument("--no-config", action="store_true", help="不读取任何配置文件")


def _check_parser(check: argparse.ArgumentParser) -> None:
    from budgetlint.argparse_zh import integer
    check.add_argument("paths", nargs="*", default=["."], metavar="路径",
                       help="文件或目录（目录中递归查找声明了“格式版本”或顶层有 部门、年度、表格 等键的 *.yaml *.yml *.json）")
    check.add_argument("--format", "-f", default="auto", metavar="格式",
                       help="输出格式：auto（默认：GitHub Actions 中为 github，GitLab CI 中为 gitlab，终端为 text，否则 parsable）、"
                            "text、parsable、json、sarif、github、gitlab、junit")
    check.add_argument("--output", "-o", metavar="文件", help="把 --format 的输出写入文件而不是标准输出")
    check.add_argument("--output-format", action="append", default=[], metavar="格式:文件",
                       help="另外写一份报告，如 sarif:budgetlint.sarif（可重复）")
    check.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                       help="text 格式的颜色：auto（终端且未设置 NO_COLOR 时着色）")
    _config_arguments(check)
    check.add_argument("--select", metavar="规则", help="只启用这些规则（编号、前缀或名称，逗号分隔；覆盖配置文件）")
    check.add_argument("--ignore", metavar="规则", help="停用这些规则（编号、前缀或名称，逗号分隔；覆盖配置文件）")
    check.add_argument("--fail-level", choices=["error", "warning", "info"], default=None,
                       help="达到此级别的发现使退出码为 1（默认 error，或配置 fail-level）")
    check.add_argument("--rules-dir", action="append", default=[], metavar="目录", help="额外的规则目录（可信代码）")
    check.add_argument("--profile-dir", action="append", default=[], metavar="目录", help="额外的地区规范目录")
    check.add_argument("--max-findings", type=integer, default=None, metavar="N", help="最多输出 N 个发现（最严重的优先）")
    check.add_argument("--baseline", metavar="文件", help="基线文件：其中已记录的发现不再报告")
    check.add_argument("--write-baseline", "--update-baseline", action="store_true",
                       help="把当前全部发现写入 --baseline 指定的文件（采用 budgetlint 时使用）")
    check.add_argument("--jobs", "-j", type=integer, default=None, metavar="N",
                       help="同时检查的进程数（默认：可用的 CPU 核数；-j 1 在本进程内检查）；输出顺序不受影响")
    check.add_argument("--coverage", action="store_true",
                       help="检查后在标准错误输出每个文件叙述数字的覆盖：已检查多少、哪些没有检查及原因")
    check.add_argument("--only-disclosures", action="store_true",
                       help="命令行列出的文件中，跳过不像公开文件的 YAML/JSON：既没有声明“格式版本”，顶层也没有 部门、年度、表格 等键（pre-commit 钩子使用）")
    check.add_argument("--no-repository", action="store_true",
                       help="只逐个文件检查：不建立仓库索引，不做跨文件检查（BL8xx；见 docs/repository.md）")


def _split(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


# ---------------------------------------------------------------------------------------------
# formats and destinations


def resolve_format(name: str, env: Mapping[str, str], isatty: bool) -> str:
    """``auto``: github under GitHub Actions, gitlab under GitLab CI, text on a terminal, parsable otherwise."""
    if name != "auto":
        return name
    if env.get("GITHUB_ACTIONS") == "true":
        return "github"
    if env.get("GITLAB_CI"):
        return "gitlab"
    return "text" if isatty else "parsable"


def use_color(choice: str, env: Mapping[str, str], isatty: bool) -> bool:
    """https://no-color.org: a non-empty NO_COLOR turns colour off unless it is forced."""
    if choice != "auto":
        return choice == "always"
    return isatty and not env.get("NO_COLOR")


def _outputs(args: argparse.Namespace, env: Mapping[str, str], isatty: bool) -> list[Output]:
    from budgetlint.reporters import Output, names

    outputs = [Output(resolve_format(args.format, env, isatty and args.output is None), args.output)]
    for spec in args.output_format:
        fmt, sep, path = spec.partition(":")
        if not sep or not path:
            raise UsageError(f"--output-format 应写作 格式:文件，如 sarif:budgetlint.sarif，而不是“{spec}”")
        outputs.append(Output(resolve_format(fmt, env, False), path))
    for output in outputs:
        if output.format not in names():
            raise UsageError(f"未知的输出格式“{output.format}”（可用：{'、'.join(('auto', *names()))}）")
    targets = [o.path for o in outputs if o.path is not None]
    if len(set(targets)) != len(targets):
        raise UsageError("同一个文件被指定了多种输出格式")
    return outputs


# ---------------------------------------------------------------------------------------------
# check


def _load_config(args: argparse.Namespace) -> Config:
    from budgetlint.config import Config, ConfigError, load_config

    if args.no_config:
        return Config()
    try:
        return load_config(args.config)
    except ConfigError as error:
        raise UsageError(str(error)) from None


def _load_rules(config: Config, extra: Sequence[str]) -> tuple[Rule, ...]:
    from budgetlint.session import SessionError, session_rules

    try:
        return session_rules(config, extra)
    except SessionError as error:
        raise UsageError(str(error)) from None


def _cli_selectors(option: str, text: str, known: Mapping[str, str]) -> tuple[str, ...]:
    from budgetlint.config import is_selector
    from budgetlint.suppress import selector_matches as matches

    selectors = tuple(_split(text))
    for selector in selectors:
        if not is_selector(selector) or not any(matches(rule_id, name, selector) for rule_id, name in known.items()):
            raise UsageError(f"命令行参数 --{option}：“{selector}”不匹配任何规则（budgetlint rules 列出全部规则）")
    return selectors


def _setup(args: argparse.Namespace) -> CheckSetup:
    from budgetlint.config import CheckSetup
    from budgetlint.session import SessionError, open_session

    def command_line(config: Config, known: Mapping[str, str]) -> Config:
        if args.select is not None:
            config = config._replace(select=_cli_selectors("select", args.select, known))
        if args.ignore is not None:
            config = config._replace(ignore=_cli_selectors("ignore", args.ignore, known))
        return config

    try:
        session = open_session(_load_config(args), args.rules_dir, adjust=command_line)
    except SessionError as error:
        raise UsageError(str(error)) from None
    return CheckSetup(session.config, session.rules, session.known, session.enabled, session.options, args.fail_level)


def _discover(args: argparse.Namespace) -> list[str]:
    from pathlib import Path

    from budgetlint.discover import _looks_like_disclosure, discover

    files, missing = discover(args.paths)
    if missing:
        raise UsageError(f"找不到路径：{'、'.join(missing)}")
    if args.only_disclosures:
        # pre-commit passes every staged YAML/JSON file (CI configs too); only disclosures are ours.
        files = [f for f in files if _looks_like_disclosure(Path(f))]
    return files


def _jobs(args: argparse.Namespace) -> int:
    from budgetlint.runner import default_jobs

    if args.jobs is None:
        return default_jobs()
    if args.jobs < 1:
        raise UsageError("-j/--jobs 应是正整数")
    return int(args.jobs)


def _lint_files(files: Sequence[str], setup: CheckSetup, profile_dirs: Sequence[str], jobs: int = 1,
                repository: bool = True) -> list[Checked]:
    from budgetlint.config import engine_config
    from budgetlint.discover import discover
    from budgetlint.engine import OptionsError
    from budgetlint.progress import track
    from budgetlint.rules.crossfile.repository import activated, for_run
    from budgetlint.runner import Job, check_files

    def config_for(file: str) -> EngineConfig:
        return engine_config(setup.config, setup.enabled, setup.options, file, profile_dirs)

    try:  # progress on stderr only when it is a terminal outside CI (budgetlint.progress)
        if not repository:
            return list(track(check_files(files, Job(setup.rules, config_for), jobs), files, sys.stderr))
        # Repository mode: the checked files and the configured roots, indexed once (forked workers inherit it).
        found = discover([str(root) for root in setup.config.roots])[0] if setup.config.roots else []
        index = for_run(files, found, config_for)
        with activated(index):
            order = index.processing_order(files)  # related files checked just before the files that read them
            ordered = [files[i] for i in order]
            checked = list(track(check_files(ordered, Job(setup.rules, config_for), jobs), ordered, sys.stderr))
        return [checked[position] for position in sorted(range(len(order)), key=order.__getitem__)]
    except OptionsError as error:
        raise UsageError(str(error)) from None


def _apply_baseline(args: argparse.Namespace, findings: list[Finding]) -> tuple[list[Finding], int]:
    if args.write_baseline and not args.baseline:
        raise UsageError("--write-baseline 需要同时给出 --baseline 文件")
    if not args.baseline:
        return findings, 0
    # Only a run with a baseline pays for it (hashlib, json, tempfile).
    from budgetlint import baseline
    from budgetlint.atomic import write_text_atomic

    eligible = [f for f in findings if f.rule_id not in NOT_BASELINED]
    if args.write_baseline:
        try:
            write_text_atomic(args.baseline, baseline.render(eligible, args.baseline))
        except OSError as error:
            raise UsageError(f"无法写入基线文件 {args.baseline}：{error.strerror}") from None
        sys.stderr.write(f"budgetlint：已把 {len(eligible)} 个发现写入基线 {args.baseline}\n")
    try:
        entries = baseline.load(args.baseline)
    except baseline.BaselineError as error:
        raise UsageError(str(error)) from None
    new, absorbed = baseline.split(eligible, entries, args.baseline)
    kept = set(map(id, new))
    return [f for f in findings if f.rule_id in NOT_BASELINED or id(f) in kept], absorbed


def _limit(findings: list[Finding], limit: int | None) -> tuple[tuple[Finding, ...], int]:
    """The ``limit`` most severe findings, back in file order, and how many were left out."""
    if limit is None or len(findings) <= limit:
        return tuple(findings), 0
    chosen = sorted(sorted(findings, key=lambda f: (-f.severity, f))[:limit])
    return tuple(chosen), len(findings) - limit


def _report(setup: CheckSetup, checked: Sequence[Checked], findings: tuple[Finding, ...], baselined: int,
            omitted: int, fail_level: Severity, exit_code: int = EXIT_OK) -> Report:
    from budgetlint.reporters import Report
    from budgetlint.rule import BUILTIN_DOCS as DOCS
    from budgetlint.rule import BUILTIN_META

    metas = {**BUILTIN_META, **{r.id: r.meta for r in setup.rules}}
    results = [c.result for c in checked]
    sources = {c.result.file: c.lines for c in checked if c.lines is not None}
    docs = {**DOCS, **{r.id: r.doc for r in setup.rules}}  # DOCS: the engine's own findings that have a doc
    return Report(findings, len(results), sum(r.unreadable for r in results), sum(r.skipped_rules for r in results),
                  sum(r.suppressed for r in results), metas, docs, baselined, omitted, sources, fail_level,
                  exit_code)


def _write(outputs: Sequence[Output], report: Report, color: bool, stdout: IO[str], env: Mapping[str, str]) -> None:
    from budgetlint.reporters import reporter

    for output in outputs:
        if output.path is None:
            stdout.write(reporter(output.format)(report, color and output.format == "text"))
            continue
        from budgetlint.atomic import write_text_atomic  # tempfile: only when a report goes to a file

        try:
            write_text_atomic(output.path, reporter(output.format)(report, False))
        except OSError as error:
            raise UsageError(f"无法写入 {output.path}：{error.strerror}") from None
    if any(o.format == "github" for o in outputs) and env.get("GITHUB_STEP_SUMMARY"):
        _append_step_summary(env["GITHUB_STEP_SUMMARY"], report)


def _append_step_summary(path: str, report: Report) -> None:
    from budgetlint.reporters.github import step_summary

    try:  # GitHub collects what steps append to this file; a failure here must not fail the check
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(step_summary(report))
    except OSError as error:
        sys.stderr.write(f"budgetlint：警告：无法写入 GITHUB_STEP_SUMMARY（{path}）：{error.strerror}\n")


def _refuse_input_targets(files: Sequence[str], targets: Sequence[str | None]) -> None:
    """budgetlint never writes to an input file: ``-o disclosure.yaml`` would replace it by a report."""
    inputs = {os.path.realpath(file) for file in files}
    for target in targets:
        if target is not None and os.path.realpath(target) in inputs:
            raise UsageError(f"输出文件 {target} 是被检查的输入文件：budgetlint 从不覆盖输入文件，请换一个输出路径")


def _check(args: argparse.Namespace, env: Mapping[str, str] | None = None) -> int:
    from budgetlint.finding import Severity

    env = os.environ if env is None else env
    isatty = sys.stdout.isatty()
    outputs = _outputs(args, env, isatty)
    setup = _setup(args)
    if args.max_findings is not None and args.max_findings < 1:
        raise UsageError("--max-findings 应是正整数")
    files = _discover(args)
    _refuse_input_targets(files, [o.path for o in outputs] + [args.baseline if args.write_baseline else None])
    checked = _lint_files(files, setup, args.profile_dir, _jobs(args), not args.no_repository)
    results = [c.result for c in checked]
    findings, baselined = _apply_baseline(args, sorted(f for r in results for f in r.findings))
    limit = args.max_findings if args.max_findings is not None else setup.config.limits.max_findings
    shown, omitted = _limit(findings, limit)
    fail = Severity.parse(setup.fail_level) if setup.fail_level else setup.config.fail_level
    if any(r.unreadable or r.internal_error for r in results):
        code = EXIT_ERROR
    else:
        code = EXIT_FINDINGS if any(f.severity >= fail for f in findings) else EXIT_OK
    # The code is decided before the reports are written: SARIF records it (invocations).
    report = _report(setup, checked, shown, baselined, omitted, fail, code)
    _write(outputs, report, use_color(args.color, env, isatty), sys.stdout, env)
    if args.coverage:
        from budgetlint.cli_claims import coverage_report

        roots = None if args.no_repository else [str(root) for root in setup.config.roots]  # as the check ran
        sys.stderr.write(coverage_report(files, tuple(args.profile_dir), roots))
    return code


# ---------------------------------------------------------------------------------------------
# rule docs


def _all_rules(args: argparse.Namespace) -> tuple[Rule, ...]:
    return _load_rules(_load_config(args), args.rules_dir)


def _rules(args: argparse.Namespace) -> int:
    from budgetlint.rule import BUILTIN_META

    metas = [*BUILTIN_META.values(), *(r.meta for r in _all_rules(args))]
    for meta in sorted(metas, key=lambda m: m.id):
        sys.stdout.write(f"{meta.id}  {meta.name:<40} {meta.severity.label:<8} {meta.title}\n")
    return EXIT_OK


def options_doc(options_type: type) -> str:
    """The 选项 section generated from the Options dataclass (names as written in the configuration)."""
    import dataclasses

    fields = dataclasses.fields(options_type)
    if not fields:
        return "选项\n    无。"
    lines = ["选项（配置 [tool.budgetlint.rules.编号]）"]
    for f in fields:
        default = f.default if f.default is not dataclasses.MISSING else f.default_factory()  # type: ignore[operator]
        shown = f'"{default}"' if not isinstance(default, (bool, int)) else str(default).lower()
        lines.append(f"    {f.name.replace('_', '-')} = {shown}（默认）")
    return "\n".join(lines)


def _rule(args: argparse.Namespace) -> int:
    from budgetlint.rule import BUILTIN_META

    ident = args.id
    for rule in _all_rules(args):
        if ident.upper() == rule.id or ident == rule.meta.name:
            meta = rule.meta
            doc = rule.doc.strip()
            if "\n选项" not in "\n" + doc:
                doc += "\n\n" + options_doc(rule.options_type)
            sys.stdout.write(f"{meta.id} {meta.name}（{meta.severity.label}）\n{meta.title}\n\n{doc}\n")
            return EXIT_OK
    builtin = next((m for m in BUILTIN_META.values() if ident.upper() == m.id or ident == m.name), None)
    if builtin:
        from budgetlint.rule import BUILTIN_DOCS as DOCS

        doc = f"\n{DOCS[builtin.id].strip()}\n" if builtin.id in DOCS else ""
        sys.stdout.write(f"{builtin.id} {builtin.name}（{builtin.severity.label}）\n{builtin.title}\n{doc}")
        return EXIT_OK
    raise UsageError(f"没有规则“{ident}”（budgetlint rules 列出全部规则）")


def main(argv: Sequence[str] | None = None) -> int:
    try:
        try:
            code = _main(argv)
        except SystemExit:  # argparse after --help, --version or a usage error: its output is flushed too
            sys.stdout.flush()
            raise
        # Flushed here, so that a closed pipe shows inside this handler and not in the interpreter's
        # last flush ("Exception ignored … BrokenPipeError" and exit code 120).
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        _discard_stdout()
        return EXIT_CLOSED_PIPE


def _discard_stdout() -> None:
    """What is still buffered for the closed pipe goes to /dev/null, so the interpreter's exit is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, AttributeError, ValueError):  # a stdout without a file descriptor (tests, embedding)
        pass


def _main(argv: Sequence[str] | None) -> int:
    from budgetlint.argparse_zh import chinese

    with chinese():  # argparse's own words (用法、选项、errors) in Chinese while it builds, parses and helps
        parser = _parser()
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return EXIT_ERROR
    try:
        if args.command == "check":
            from budgetlint.loader.fast import batch

            with batch():  # one thread per process: the rapidyaml fast path may be taken (its docstring says why only here)
                return _check(args)
        if args.command == "claims":
            from budgetlint.cli_claims import run_claims

            return run_claims(args)
        if args.command == "lsp":
            from budgetlint.lsp import run_server

            return run_server(args)
        if args.command == "import":
            from budgetlint.importer.command import run_import

            return run_import(args)
        if args.command == "rules":
            return _rules(args)
        if args.command == "rule":
            return _rule(args)
        if args.command in ("schema", "profile", "init"):
            from budgetlint.startcmds import run as run_start

            return run_start(args)
        parser.print_help()
        return EXIT_ERROR
    except UsageError as error:
        sys.stderr.write(f"budgetlint: 错误：{error}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
