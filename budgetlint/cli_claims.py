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
from budgetlint.narrative.checks import amount_name, change_views
from budgetlint.narrative.sections import NarrativeSection, doc_vocabulary, match_label, narrative

EXIT_OK, EXIT_ERROR = 0, 2


def _where(smap: SourceMap, ns: NarrativeSection, start: int, end: int) -> str:
    span = text_span(smap, TextPointer(ns.section.text_at, start, end))
    return f"{span.line}:{span.column}"


def _amount_rows(doc: Disclosure, smap: SourceMap, ns: NarrativeSection) -> Iterator[dict[str, Any]]:
    vocab = doc_vocabulary(doc)
    for index, amount in enumerate(ns.claims.amounts):
        row: dict[str, Any] = {"类型": "金额", "位置": _where(smap, ns, amount.number.start, amount.number.end),
                               "名称": amount_name(doc, ns, amount), "数字": amount.number.show()}
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
        base = amount_name(doc, ns, amounts[share.base]) if share.base is not None else "（未找到基数，不检查）"
        yield {"类型": "占比", "位置": _where(smap, ns, share.number.start, share.number.end), "数字": share.number.show(),
               "匹配": f"{part} ÷ {base}"}
    for view in change_views(doc, ns):
        change = view.change
        level = f"{amount_name(doc, ns, view.level)} {view.level.number.show()}" if view.level else "（未找到本年数）"
        yield {"类型": "增减", "位置": _where(smap, ns, change.word_start, change.word_end), "名称": view.subject,
               "数字": " ".join(n.show() for n in (change.delta, change.rate) if n) or change.word,
               "匹配": f"本年数 {level}；比较年度 {change.year or '未写'}；原因：{change.reason_text or ('有' if change.reason else '无')}"}
    for count in ns.claims.counts:
        found = match_label(doc, doc_vocabulary(doc), ns.topic, count.label)
        yield {"类型": "数量", "位置": _where(smap, ns, count.number.start, count.number.end), "数字": count.number.show(),
               "匹配": f"词表“{found.entry.key}”" if found else "词表中没有这一说法，不检查"}
    for year in ns.claims.years:
        yield {"类型": "年份", "位置": _where(smap, ns, year.number.start, year.number.end), "数字": year.phrase,
               "匹配": year.kind + ("（不检查）" if year.kind in ("标题", "文号", "其他") else "")}


def describe(doc: Disclosure, smap: SourceMap) -> list[dict[str, Any]]:
    """Per section: title, topic and claims (the listing, as data)."""
    return [
        {"章节": ns.name, "主题": ns.topic or "未识别", "位置": _where(smap, ns, 0, 1),
         "陈述": [*_amount_rows(doc, smap, ns), *_other_rows(doc, smap, ns)]}
        for ns in narrative(doc)
    ]


def _text(sections: list[dict[str, Any]]) -> str:
    lines = []
    for section in sections:
        lines.append(f"{section['位置']} {section['章节']}（主题：{section['主题']}）")
        for row in section["陈述"]:
            name = f" {row['名称']}" if row.get("名称") else ""
            extra = "".join(f"；{k}：{row[k]}" for k in ("所属总额", "注意") if k in row)
            lines.append(f"  {row['位置']} {row['类型']}{name} {row['数字']} → {row['匹配']}{extra}")
        if not section["陈述"]:
            lines.append("  （没有可检查的数字）")
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
        sys.stdout.write(_text(sections))
    return EXIT_OK
