"""``budgetlint claims FILE``: what was read from each narrative section and what each claim matched.

A user who wonders why a number was (or was not) checked reads this listing: every extracted claim
with its line and column, the table cell it was tied to and whether it agrees, or why it was not tied.
A subcommand of the CLI (it reads files and writes to stdout), so it lives beside budgetlint.cli and
not inside the narrative package, which only reads a document.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any

from budgetlint.arith import compare_equal
from budgetlint.engine import EngineConfig, lint_bytes, text_span
from budgetlint.finding import TextPointer
from budgetlint.loader.sourcemap import SourceMap
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import amount_name, change_views
from budgetlint.rules.narrative.coverage import NO_COUNTERPART, UNREAD, Figure, coverage
from budgetlint.rules.narrative.periods import role_text
from budgetlint.rules.narrative.sections import NarrativeSection, doc_vocabulary, match_label, narrative

EXIT_OK, EXIT_ERROR = 0, 2


def _where(smap: SourceMap, ns: NarrativeSection, start: int, end: int) -> str:
    span = text_span(smap, TextPointer(ns.section.text_at, start, end))
    return f"{span.line}:{span.column}"


def _amount_rows(doc: Disclosure, smap: SourceMap, ns: NarrativeSection) -> Iterator[dict[str, Any]]:
    vocab = doc_vocabulary(doc)
    for index, amount in enumerate(ns.claims.amounts):
        row: dict[str, Any] = {"类型": "金额", "位置": _where(smap, ns, amount.number.start, amount.number.end),
                               "名称": amount_name(doc, ns, amount), "数字": amount.number.show(), "_starts": (amount.number.start,)}
        if amount.role or amount.year:
            row["期间"] = role_text(amount.role, doc.kind) + (f"（{amount.year} 年）" if amount.year else "")
        found = match_label(doc, vocab, ns.topic, amount.label)
        function = vocab.function_class(amount.label)
        if found is None:
            row["匹配"] = f"功能分类 {function[0]}（{function[1]}）" if function else "词表中没有这一说法，不检查"
        elif found.cell is None:
            row["匹配"] = f"词表“{found.entry.key}”" + ("（叙述内部加总）" if not found.entry.cells else "（表格未公开，不检查）")
        else:
            same = compare_equal(amount.number.printed, found.cell.printed).exact
            row["匹配"] = f"{found.cell.show()}（{'一致' if same else '不一致'}，{found.entry.rule}）"
        group = ns.claims.group_of(index)
        if group is not None:
            row["所属总额"] = amount_name(doc, ns, ns.claims.amounts[group.head])
        if amount.number.ambiguous:
            row["注意"] = "跨行断开的数字拼接不唯一"
        yield row


def _other_rows(doc: Disclosure, smap: SourceMap, ns: NarrativeSection) -> Iterator[dict[str, Any]]:
    amounts = ns.claims.amounts
    for share in ns.claims.shares:
        part = amount_name(doc, ns, amounts[share.amount]) if share.amount is not None else "（未找到金额）"
        # the 检查 column says whether anything else gives the base (a named table cell, the sum of a run)
        base = amount_name(doc, ns, amounts[share.base]) if share.base is not None else (
            f"{share.base_label}（文中未写出数字）" if share.base_label else "（文中未写出基数）")
        yield {"类型": "占比", "位置": _where(smap, ns, share.number.start, share.number.end), "数字": share.number.show(),
               "匹配": f"{part} ÷ {base}", "_starts": (share.number.start,)}
    for view in change_views(doc, ns):
        change = view.change
        level = f"{amount_name(doc, ns, view.level)} {view.level.number.show()}" if view.level else "（未找到本年数）"
        yield {"类型": "增减", "位置": _where(smap, ns, change.word_start, change.word_end), "名称": view.subject,
               "数字": " ".join(n.show() for n in (change.delta, change.rate) if n) or change.word,
               "匹配": f"本年数 {level}；比较年度 {change.year or '未写'}；原因：{change.reason_text or ('有' if change.reason else '无')}"
                       + ("（节内共用的原因句）" if change.reason_shared else ""),
               "_starts": tuple(n.start for n in (change.delta, change.rate) if n is not None)}
    for count in ns.claims.counts:
        found = match_label(doc, doc_vocabulary(doc), ns.topic, count.label)
        yield {"类型": "数量", "位置": _where(smap, ns, count.number.start, count.number.end), "数字": count.number.show(),
               "匹配": f"词表“{found.entry.key}”" if found else "词表中没有这一说法", "_starts": (count.number.start,)}
    for number in ns.claims.other_percents:
        yield {"类型": "比率", "位置": _where(smap, ns, number.start, number.end), "数字": number.show(),
               "匹配": "不是占比或增长率（见“检查”）", "_starts": (number.start,)}
    for year in ns.claims.years:
        yield {"类型": "年份", "位置": _where(smap, ns, year.number.start, year.number.end), "数字": year.phrase,
               "匹配": year.kind + ("（不检查）" if _year_unjudged(year.kind, doc.kind) else "")}


def _year_unjudged(kind: str, doc_kind: str) -> bool:
    """Titles, 文号, project periods and unclassified years are never judged (BL322); a 决算 cited in a 预算
    and an execution year in a 决算 neither."""
    return kind in ("标题", "文号", "其他", "周期") or (kind, doc_kind) in (("决算", "预算"), ("上年执行", "决算"))


def describe(doc: Disclosure, smap: SourceMap) -> list[dict[str, Any]]:
    """Per section: title, topic, claims and whether each figure is checked (the listing, as data)."""
    figures = {(id(f.section.section), f.number.start): f for f in coverage(doc).figures}
    sections = []
    for ns in narrative(doc):
        rows = [*_amount_rows(doc, smap, ns), *_other_rows(doc, smap, ns)]
        for row in rows:
            _mark(row, [figures.get((id(ns.section), start)) for start in row.pop("_starts", ())])
        mine = [f for f in figures.values() if f.section.section is ns.section]
        sections.append({"章节": ns.name, "主题": ns.topic or "未识别", "位置": _where(smap, ns, 0, 1),
                         "覆盖": {"数字": len(mine), "已检查": sum(1 for f in mine if f.checked),
                                  **{gap: sum(1 for f in mine if not f.checked and f.gap == gap) for gap in GAPS}},
                         "陈述": rows})
    return sections


def _mark(row: dict[str, Any], figures: list[Figure | None]) -> None:
    """“检查”: 已检查（against what）or 未检查（why）; a row with several figures is checked if any is."""
    known = [f for f in figures if f is not None]
    if not known:
        return
    checked = next((f for f in known if f.checked), None)
    row["检查"] = f"已检查（{checked.how}）" if checked else f"未检查（{known[0].gap}：{known[0].how}）"


GAPS = (UNREAD, NO_COUNTERPART)


def summary(doc: Disclosure) -> str:
    """“叙述数字 64 个，已检查 60 个（93.8%），未检查 4 个：读者没读懂 1 个，文件中没有可比对的数 3 个”.

    The share is of all figures: a figure this file cannot check stays in the denominator."""
    found = coverage(doc)
    line = f"叙述数字 {found.total} 个，已检查 {found.checked} 个（{found.share()}），未检查 {found.total - found.checked} 个"
    if found.total > found.checked:
        line += "：" + "，".join(f"{gap} {found.count(gap)} 个" for gap in GAPS)
    return line


def unchecked_lines(doc: Disclosure, smap: SourceMap) -> list[str]:
    """The figures no check reads, under their kind of gap: position, section, kind, figure and why."""
    found = coverage(doc)
    lines = []
    for gap in GAPS:
        mine = [f for f in found.unchecked() if f.gap == gap]
        if mine:
            lines.append(f"  {gap}（{len(mine)} 个）：")
            lines.extend(f"    {_where(smap, f.section, f.number.start, f.number.end)} {f.section.name} {f.kind} "
                         f"{f.number.show()}：{f.how}" for f in mine)
    return lines


def coverage_report(files: list[str], profile_dirs: tuple[str, ...] = (), roots: list[str] | None = None) -> str:
    """``budgetlint check --coverage``: per file, how many narrative figures were checked and which were not.

    Files are read again without rules (the check run keeps no model, so that thousands of files fit).
    ``roots`` (repository mode, as the check ran; None without it): the related files are indexed again, so a
    change that BL802 compared with last year's file counts as checked here too.
    """
    from budgetlint.discover import discover
    from budgetlint.rules.crossfile.repository import activated, for_run

    def config_for(file: str) -> EngineConfig:
        return EngineConfig(profile_dirs=profile_dirs)

    index = None
    if roots is not None:
        index = for_run(files, discover(roots)[0] if roots else [], config_for)
    lines = []
    with activated(index):
        for file in files:
            try:
                data = open(file, "rb").read()
            except OSError:
                continue
            result = lint_bytes(file, data, (), config_for(file))
            if result.disclosure is None or result.smap is None:
                continue
            lines.append(f"{file}：{summary(result.disclosure)}")
            lines.extend(unchecked_lines(result.disclosure, result.smap))
    return "".join(line + "\n" for line in lines)


def _text(sections: list[dict[str, Any]], total: str) -> str:
    lines = []
    for section in sections:
        lines.append(f"{section['位置']} {section['章节']}（主题：{section['主题']}）")
        for row in section["陈述"]:
            name = f" {row['名称']}" if row.get("名称") else ""
            extra = "".join(f"；{k}：{row[k]}" for k in ("期间", "所属总额", "注意", "检查") if k in row)
            lines.append(f"  {row['位置']} {row['类型']}{name} {row['数字']} → {row['匹配']}{extra}")
        if not section["陈述"]:
            lines.append("  （没有可检查的数字）")
    lines.append(total)
    return "".join(line + "\n" for line in lines)


def run_claims(args: argparse.Namespace) -> int:
    try:
        data = open(args.file, "rb").read()
    except OSError as error:
        sys.stderr.write(f"budgetlint: 错误：无法读取 {args.file}：{error.strerror}\n")
        return EXIT_ERROR
    result = lint_bytes(args.file, data, (), EngineConfig())
    if result.disclosure is None or result.smap is None:
        for finding in result.findings:
            sys.stderr.write(f"{finding.file}:{finding.span.line}:{finding.span.column}: {finding.message}\n")
        return EXIT_ERROR
    sections = describe(result.disclosure, result.smap)
    if getattr(args, "format", "text") == "json":
        sys.stdout.write(json.dumps(sections, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(_text(sections, summary(result.disclosure)))
    return EXIT_OK
