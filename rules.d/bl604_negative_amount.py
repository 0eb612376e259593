"""预算表中的金额不能是负数。

为什么
    预算表列的是安排的收入和支出：每个金额都是 0 或正数，负数只会来自录入或转换时的错误
    （把“减少 5.00”的增减额抄进了表格、括号表示的负数、减号误入）。负数进入合计后，加总核对
    只会报“不相等”，说不出原因；此规则直接指出那个数字。哪些单元格是金额由格式定义
    （schemas/disclosure-v1.schema.json 的 `$defs/amount`），编码和指标值不在其中。
    只检查预算公开（类型: 预算）：决算表中“结余分配”等栏目可以合理地为负，此规则对决算公开不作判断。
    增减额写成负数的叙述由 BL319 检查。

错误示例
    ```yaml
    表格:
      三公经费表:
        本年: {公务接待费: -0.50}
    ```

正确示例
    ```yaml
    表格:
      三公经费表:
        本年: {公务接待费: 0.00}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL604",
    name="negative-amount",
    title="预算表中的金额不是负数",
    severity=Severity.ERROR,
    catalogue=("D03",),
)

Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    if doc.kind != "预算":  # 决算 tables have columns that may be negative (结余分配): no judgement there
        return
    for table in doc.tables.values():
        for figure in table.figures():
            if figure.raw is None or figure.raw >= 0:
                continue
            amount = table.amount(*figure.path)
            label = table.cell_label(*(p for p in figure.path if isinstance(p, str)))
            row = table.get(*figure.path[:2]) if len(figure.path) > 2 and isinstance(figure.path[1], int) else None
            name = next((row[k] for k in ("名称", "项目名称", "项目") if isinstance(row, dict) and isinstance(row.get(k), str)), None)
            where = f"（“{name}”行）" if name else ""
            yield Violation(amount.at, f"{label}{where} 是负数 {amount.show()}：预算表中的金额应为 0 或正数")
