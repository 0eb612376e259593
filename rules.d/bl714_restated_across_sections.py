"""叙述内部：同一个数字在不同章节重述时应一致。

为什么
    一般公共预算支出在“财政拨款收支总体情况”和“一般公共预算支出情况”两节各写一次，基本支出在
    “一般公共预算支出”和“基本支出”两节各写一次……它们对应同一个表格单元格，数字必须相同。表格公开时
    每一处都与表格核对（BL301–BL311）；表格在别处或没有公开时，只能用两节互相核对——这条规则只在这时判断，
    不重复报告。按打印精度判断：精度不同而四舍五入后相等不算矛盾。
    只比较本年的数字（标签写明上年、年初、执行或其他年份的不比较），只在预算公开中判断（决算说明中同一
    说法常指年初预算和决算两个数）。报告位置是后出现的那一处。

示例基础: tests/fixtures/clean-national-2024.yaml

错误示例
    ```yaml
    表格:
      财政拨款收支总表: null
      一般公共预算支出表: null
      一般公共预算基本支出表: null
      政府性基金支出表: null
      三公经费表: null
    正文:
      情况说明:
        章节:
          - 标题: 五、一般公共预算支出情况
            主题: 一般公共预算支出
            文本: |
              2024年一般公共预算支出 326.45 万元，其中：基本支出 256.45 万元，项目支出 70.00 万元。
          - 标题: 六、一般公共预算基本支出情况
            主题: 基本支出
            文本: |
              2024年一般公共预算基本支出 265.45 万元，其中：人员经费 230.00 万元，公用经费 35.45 万元。
    ```

正确示例
    ```yaml
    表格:
      财政拨款收支总表: null
      一般公共预算支出表: null
      一般公共预算基本支出表: null
      政府性基金支出表: null
      三公经费表: null
    正文:
      情况说明:
        章节:
          - 标题: 五、一般公共预算支出情况
            主题: 一般公共预算支出
            文本: |
              2024年一般公共预算支出 326.45 万元，其中：基本支出 256.45 万元，项目支出 70.00 万元。
          - 标题: 六、一般公共预算基本支出情况
            主题: 基本支出
            文本: |
              2024年一般公共预算基本支出 256.45 万元，其中：人员经费 221.00 万元，公用经费 35.45 万元。
              上年基本支出 240.00 万元。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.arith import Money, compare_equal, differs
from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import figure, key, violation
from budgetlint.rules.narrative.claims import StatedAmount
from budgetlint.rules.narrative.sections import NarrativeSection, doc_vocabulary, match_label, narrative
from budgetlint.rules.narrative.selfcheck import this_year
from budgetlint.rules.narrative.vocabulary import CellPath
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL714",
    name="restated-across-sections",
    title="叙述内部：同一数字在不同章节重述一致（表格未公开时）",
    severity=Severity.ERROR,
)

Options = NoOptions  # this rule has no options

# Cells that are one figure by the cross-table identities (rules.d/identities.yaml, BL2xx): the 基本支出
# of the 一般公共预算支出表 is the total of the 一般公共预算基本支出表. Each maps to one representative.
_SAME_FIGURE: dict[CellPath, CellPath] = {
    ("一般公共预算基本支出表", "合计行", "合计"): ("一般公共预算支出表", "合计行", "基本支出", "小计"),
}
# Restatements that are the same figure by definition (the rules whose vocabulary entries they are). Left out:
# BL304 (收支预算 may or may not include the carry-over) and BL311 (机关运行经费 is compared with 公用经费 only
# as a warning: not the same figure).
_RULES = frozenset({"BL301", "BL302", "BL303", "BL305", "BL307", "BL308", "BL310"})


def _first_statements(doc: Disclosure) -> Iterator[tuple[CellPath, str, NarrativeSection, StatedAmount]]:
    """Per section, the first this-year amount naming each unpublished cell."""
    vocab = doc_vocabulary(doc)
    for ns in narrative(doc):
        seen: set[CellPath] = set()
        for amount in ns.claims.amounts:
            found = match_label(doc, vocab, ns.topic, amount.label)
            if found is None or found.cell is not None or not found.entry.cells or not amount.number.is_amount \
                    or found.entry.rule not in _RULES:
                continue
            path = _SAME_FIGURE.get(found.entry.cells[0], found.entry.cells[0])
            if path in seen or not this_year(doc, amount.label):
                continue
            seen.add(path)
            yield path, found.alias, ns, amount


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    if doc.kind == "决算":
        return
    first: dict[CellPath, tuple[str, NarrativeSection, StatedAmount]] = {}
    for path, alias, ns, amount in _first_statements(doc):
        if path not in first:
            first[path] = (alias, ns, amount)
            continue
        earlier_alias, earlier_ns, earlier = first[path]
        if earlier_ns.section.at == ns.section.at:
            continue
        verdict = compare_equal(amount.printed, earlier.printed)
        if verdict.exact:
            continue
        message = (f"{ns.name}：{figure(alias, amount.number)}，与{earlier_ns.name}的{figure(earlier_alias, earlier.number)}"
                   f"不一致（{differs(verdict.difference, Money.usual())}），两处说的是同一个数字")
        related = [Related(earlier_ns.at_number(earlier.number), f"{earlier_ns.name}：{figure(earlier_alias, earlier.number)}")]
        yield violation(ns, amount.number, message, related, key_=key("BL714", ns, "/".join(path), amount.number.text),
                        inputs=[earlier.number])
