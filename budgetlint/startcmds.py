"""Commands for starting a disclosure: ``budgetlint schema``, ``profile list|show``, ``init``.

Kept out of cli.py (which stays wiring for ``check``): cli.py only registers these parsers and hands
the parsed arguments here. Module level imports nothing beyond argparse, which cli.py has already
loaded, so ``budgetlint --version`` does not pay for these commands.
"""

from __future__ import annotations

import argparse
import sys

COMMANDS = ("schema", "profile", "init")
# Where init's modeline points by default: a copy beside the file, made with `budgetlint schema > …`.
SCHEMA_HINT = "disclosure-v1.schema.json"


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    schema = sub.add_parser("schema", help="输出公开文件格式 v1 的 JSON Schema（供编辑器使用）")
    schema.add_argument("--profile-schema", action="store_true", help="改为输出地区规范文件的 JSON Schema")

    profile = sub.add_parser("profile", help="列出地区规范，或显示一个规范要求的表格、列和节标题")
    actions = profile.add_subparsers(dest="profile_command")
    listing = actions.add_parser("list", help="列出全部地区规范")
    show = actions.add_parser("show", help="显示一个地区规范要求什么")
    show.add_argument("profile_id", metavar="规范", help="地区规范 id，如 shanghai")
    for command in (listing, show):
        _profile_dirs(command)

    init = sub.add_parser("init", help="按地区规范生成一份空白公开文件（必备表格与章节、注释说明各处填什么）")
    init.add_argument("--profile", required=True, metavar="规范", help="地区规范 id（budgetlint profile list 列出全部）")
    init.add_argument("--year", required=True, type=int, metavar="年度", help="公开年度，如 2025")
    init.add_argument("--kind", required=True, choices=["预算", "决算"], help="公开类型")
    init.add_argument("--department", required=True, metavar="部门", help="部门（单位）全称，照公开文件写")
    init.add_argument("--output", "-o", metavar="FILE", help="写入的文件（默认：标准输出）")
    init.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    init.add_argument("--schema", default=SCHEMA_HINT, metavar="PATH",
                      help=f"首行 $schema 注释指向的 JSON Schema 路径（相对于生成的文件；默认 {SCHEMA_HINT}）")
    _profile_dirs(init)


def _profile_dirs(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--config", metavar="FILE", help="配置文件（读取其中的 profile-dirs）；默认从当前目录向上查找")
    group.add_argument("--no-config", action="store_true", help="不读取任何配置文件")
    parser.add_argument("--profile-dir", action="append", default=[], help="额外的地区规范目录")


def _extra_dirs(args: argparse.Namespace) -> list[str]:
    """Configured profile directories, then those of the command line (the order ``check`` uses)."""
    from budgetlint.cli import _load_config

    config = _load_config(args)
    return [*(str(p) for p in config.profile_dirs), *args.profile_dir]


def _emit(text: str, output: str | None, force: bool, what: str) -> None:
    """Write to stdout, or atomically to a file that is not there yet (``--force`` replaces it)."""
    from budgetlint.cli import UsageError

    if output is None:
        sys.stdout.write(text)
        return
    import os

    from budgetlint.atomic import write_text_atomic

    if os.path.lexists(output) and not force:
        raise UsageError(f"{output} 已存在：不覆盖已有文件（确需覆盖请加 --force）")
    try:
        write_text_atomic(output, text)
    except OSError as error:
        raise UsageError(f"无法写入 {output}：{error.strerror}") from None
    sys.stderr.write(f"budgetlint：已写入{what} {output}\n")


def run(args: argparse.Namespace) -> int:
    from budgetlint.cli import EXIT_OK, UsageError
    from budgetlint.profile import ProfileError, load_profile

    if args.command == "schema":
        from budgetlint.profile import PROFILE_SCHEMA_FILE
        from budgetlint.schema import SCHEMA_FILE, package_text

        name = PROFILE_SCHEMA_FILE if args.profile_schema else SCHEMA_FILE
        # stdout only: `budgetlint schema > disclosure-v1.schema.json` is the editor set-up (docs/editors.md)
        sys.stdout.write(package_text("budgetlint.schemas", name))
        return EXIT_OK
    if args.command == "profile":
        from budgetlint.profile_show import render_list, render_profile

        if args.profile_command == "list":
            sys.stdout.write(render_list(_extra_dirs(args)))
            return EXIT_OK
        if args.profile_command == "show":
            try:
                profile = load_profile(args.profile_id, _extra_dirs(args))
            except ProfileError as error:
                raise UsageError(str(error)) from None
            sys.stdout.write(render_profile(profile))
            return EXIT_OK
        raise UsageError("请写 budgetlint profile list 或 budgetlint profile show 规范")
    from budgetlint.skeleton import SkeletonRequest, render_skeleton

    try:
        profile = load_profile(args.profile, _extra_dirs(args))
    except ProfileError as error:
        raise UsageError(str(error)) from None
    if profile.kind != args.kind:
        raise UsageError(f"地区规范 {profile.id} 用于{profile.kind}，而 --kind 是{args.kind}"
                         f"（budgetlint profile list 列出各规范的类型）")
    department = args.department.strip()
    if not department or "\n" in department:
        raise UsageError("--department 应是一行部门（单位）全称")
    if not 1949 <= args.year <= 2100:
        raise UsageError(f"--year {args.year} 不像公开年度（应是如 2025 的四位年份）")
    text = render_skeleton(SkeletonRequest(profile, args.year, department, args.schema))
    _emit(text, args.output, args.force, "空白公开文件")
    return EXIT_OK
