"""docs/rules.md, generated from the rules themselves (a test keeps the file in step).

Regenerate with ``python -m budgetlint.docgen > docs/rules.md``.
"""

from __future__ import annotations

from collections.abc import Sequence

from budgetlint.rule import BUILTIN_META, Rule, RuleMeta, load_rules
from budgetlint.rule import BUILTIN_DOCS
from budgetlint.rules.library import LIBRARY


def _section(rule: Rule) -> str:
    return _doc_section(rule.meta, rule.doc)


def _doc_section(meta: RuleMeta, doc: str) -> str:
    body = doc.strip().split("\n", 1)
    rest = body[1].strip("\n") if len(body) > 1 else ""
    catalogue = f"（规则目录：{'、'.join(meta.catalogue)}）" if meta.catalogue else ""
    lines = [f"## {meta.id} {meta.name}", "", f"**{meta.title}** — 级别 `{meta.severity.label}`{catalogue}", ""]
    # The docstring body is indented by four spaces (module docstring convention): dedent for Markdown.
    for line in rest.split("\n"):
        lines.append(line.removeprefix("    "))
    return "\n".join(lines).rstrip() + "\n"


def library_section() -> str:
    """The check functions declarative entries name, from their docstrings (budgetlint/rules/library.py)."""
    out = ["## 检查函数库（声明式规则的 check）", "",
           "rules.d/*.yaml 中的声明式规则用 `check: 函数名` 指定判断方法（多个判断写在 `identities` 列表中）；"
           "写了未知的函数名或缺少函数需要的键时，加载规则即报错。以下由 budgetlint/rules/library.py 的文档字符串生成。", ""]
    for function in LIBRARY.values():
        summary, _, rest = function.doc.partition("\n")
        out += [f"### `{function.name}`", "", f"**{summary}**", "", rest.strip(), ""]
    return "\n".join(out)


def render(rules: Sequence[Rule]) -> str:
    out = ["# 规则一览（Rules）", "", "由 `python -m budgetlint.docgen` 从规则本身生成；`budgetlint rule ID` 打印同样的内容。", ""]
    out.append("| 编号 | 名称 | 级别 | 标题 |")
    out.append("|---|---|---|---|")
    for meta in [*BUILTIN_META.values(), *(r.meta for r in rules)]:
        out.append(f"| {meta.id} | {meta.name} | {meta.severity.label} | {meta.title} |")
    out.append("")
    out.append("BL001–BL009 由引擎本身产生（无法读取的文件、结构错误、抑制注释、未声明格式版本、语义规则未运行、内部错误）。")
    out.append("")
    for rule_id, doc in BUILTIN_DOCS.items():  # the engine's own findings that have a documentation
        out.append(_doc_section(BUILTIN_META[rule_id], doc))
    for rule in rules:
        out.append(_section(rule))
    out.append(library_section())
    return "\n".join(out)


if __name__ == "__main__":
    print(render(load_rules()), end="")
