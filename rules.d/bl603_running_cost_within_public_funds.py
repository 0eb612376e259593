"""机关运行经费不超过一般公共预算基本支出中的公用经费（元与万元按四舍五入精确比较）。

为什么
    机关运行经费是行政单位（含参公事业单位）用一般公共预算基本支出购买货物和服务的资金，即公用经费中
    行政单位的那一部分：全部为行政单位时两者相等，含事业单位时前者更小，不会更大。
    上海等地“三公”经费和机关运行经费预算表用万元，基本支出经济分类表用元：把元数四舍五入到万元表的
    打印精度（0.01 万元）后比较，不允许其他误差。报告位置在机关运行经费，相关位置是公用经费。

示例基础: tests/fixtures/clean-shanghai-2024.yaml

错误示例
    ```yaml
    表格:
      三公经费表:
        本年: {机关运行经费: 203.16}
    ```

正确示例
    ```yaml
    表格:
      三公经费表:
        本年: {机关运行经费: 193.16}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.arith import fmt
from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rule import NoOptions, RuleMeta
from budgetlint.rules.units import same_figure, show_both

META = RuleMeta(
    id="BL603",
    name="running-cost-within-public-funds",
    title="机关运行经费 ≤ 基本支出公用经费（元/万元四舍五入比较）",
    severity=Severity.WARNING,
    tables=("三公经费表", "一般公共预算基本支出表"),
    catalogue=("C11", "C23", "D02"),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    three, basic = doc.table("三公经费表"), doc.table("一般公共预算基本支出表")
    if three is None or basic is None:
        return
    running, public = three.amount("本年", "机关运行经费"), basic.amount("合计行", "公用经费")
    if running.blank or public.blank or running.value <= public.value or same_figure(running, public).exact:
        return
    excess = running.value - public.value
    message = (f"{three.cell_label('本年', '机关运行经费')} {running.show()}，大于{basic.cell_label('合计行', '公用经费')} "
               f"{show_both(public)}，超出 {fmt(excess, 2)} 万元：机关运行经费是公用经费的一部分")
    yield Violation(running.at, message, (Related(public.at, f"公用经费 {show_both(public)}"),))
