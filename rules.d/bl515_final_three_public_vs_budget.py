"""“三公”经费决算数超过预算数时，情况说明应说明原因。

为什么
    财政拨款“三公”经费支出决算表同时列示预算数和决算数。“三公”经费实行预算控制，决算数一般不应超过预算数；
    某一项超支（包括预算未安排而实际发生）时，公开文件必须解释原因（《地方预决算公开操作规程》要求说明增减变化原因）。
    情况说明中有一句同时提到该项和“原因”即视为已说明。报告位置在该项的决算数，相关位置是预算数。

示例基础: tests/fixtures/clean-national-juesuan-2023.yaml

错误示例
    ```yaml
    表格:
      财政拨款三公经费支出决算表:
        决算数: {合计: 1.56, 公务接待费: 0.35}
    ```

正确示例
    ```yaml
    表格:
      财政拨款三公经费支出决算表:
        决算数:
          合计: 1.21
          公务用车购置及运行费: {小计: 1.21, 公务用车运行费: 1.21}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.arith import fmt
from budgetlint.rules.finals import explained
from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL515",
    name="final-three-public-vs-budget",
    title="“三公”经费各项决算数 ≤ 预算数，超出时说明原因",
    severity=Severity.WARNING,
    tables=("财政拨款三公经费支出决算表",),
    catalogue=("B30",),
)

# item path → words that name it in the narrative
_ITEMS: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = (
    (("因公出国境费",), "因公出国（境）费", ("因公出国",)),
    (("公务用车购置及运行费", "公务用车购置费"), "公务用车购置费", ("公务用车购置", "车辆购置")),
    (("公务用车购置及运行费", "公务用车运行费"), "公务用车运行费", ("公务用车运行", "运行维护", "车辆运行")),
    (("公务接待费",), "公务接待费", ("公务接待",)),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    table = doc.table("财政拨款三公经费支出决算表")
    if table is None:
        return
    sections = tuple(doc.all_sections())
    for path, name, keywords in _ITEMS:
        final, budget = table.amount("决算数", *path), table.amount("预算数", *path)
        if final.blank or final.value <= budget.value or explained(sections, keywords):
            continue
        excess = "预算未安排（预算数空白）" if budget.blank else \
            f"超过预算数 {budget.show()}（超出 {fmt(final.value - budget.value, 2)} 万元）"
        message = f"{table.label}{name}决算数 {final.show()}，{excess}，情况说明中没有说明原因"
        yield Violation(final.at, message, (Related(budget.at, f"{name}预算数 {budget.show()}"),))
