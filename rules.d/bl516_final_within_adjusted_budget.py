"""一般公共预算财政拨款支出决算数不超过调整预算数（没有调整预算数时为年初预算数），超过时说明原因。

为什么
    决算数是预算执行的结果；在调整预算数（年初预算数 + 预算调增 − 预算调减）之外多支出，需要有说明
    （如动用以前年度结转资金）。按合计行和每个功能科目检查；情况说明中有一句同时提到该科目和“原因”即视为已说明。
    报告位置在决算数，相关位置是它比较的预算数。

示例基础: tests/fixtures/clean-national-juesuan-2023.yaml

错误示例
    ```yaml
    表格:
      一般公共预算财政拨款支出决算表:
        明细:
          - {编码: "206", 名称: 科学技术支出, 年初预算数: {合计: 235.72}, 调整预算数: {合计: 259.02},
             决算数: {合计: 243.36, 基本支出: 84.54, 项目支出: 158.82}}
          - {编码: "208", 名称: 社会保障和就业支出, 年初预算数: {合计: 10.78}, 调整预算数: {合计: 11.02},
             决算数: {合计: 11.02, 基本支出: 11.02}}
          - {编码: "210", 名称: 卫生健康支出, 年初预算数: {合计: 5.39}, 调整预算数: {合计: 5.47},
             决算数: {合计: 5.47, 基本支出: 5.47}}
          - {编码: "215", 名称: 资源勘探工业信息等支出, 年初预算数: {合计: 25.00}, 调整预算数: {合计: 25.00},
             决算数: {合计: 18.00, 项目支出: 18.00}}
          - {编码: "216", 名称: 商业服务业等支出, 年初预算数: {合计: 8.60}, 调整预算数: {合计: 9.48},
             决算数: {合计: 8.60, 项目支出: 8.60}}
          - {编码: "221", 名称: 住房保障支出, 年初预算数: {合计: 8.19}, 调整预算数: {合计: 8.13},
             决算数: {合计: 8.31, 基本支出: 8.31}}
    ```

正确示例
    ```yaml
    表格:
      一般公共预算财政拨款支出决算表:
        明细:
          - {编码: "206", 名称: 科学技术支出, 年初预算数: {合计: 235.72}, 调整预算数: {合计: 259.02},
             决算数: {合计: 243.36, 基本支出: 84.54, 项目支出: 158.82}}
          - {编码: "208", 名称: 社会保障和就业支出, 年初预算数: {合计: 10.78}, 调整预算数: {合计: 11.02},
             决算数: {合计: 11.02, 基本支出: 11.02}}
          - {编码: "210", 名称: 卫生健康支出, 年初预算数: {合计: 5.39}, 调整预算数: {合计: 5.47},
             决算数: {合计: 5.47, 基本支出: 5.47}}
          - {编码: "215", 名称: 资源勘探工业信息等支出, 年初预算数: {合计: 25.00}, 调整预算数: {合计: 25.00},
             决算数: {合计: 18.00, 项目支出: 18.00}}
          - {编码: "216", 名称: 商业服务业等支出, 年初预算数: {合计: 8.60}, 调整预算数: {合计: 8.60},
             决算数: {合计: 8.60, 项目支出: 8.60}}
          - {编码: "221", 名称: 住房保障支出, 年初预算数: {合计: 8.19}, 调整预算数: {合计: 9.01},
             决算数: {合计: 8.31, 基本支出: 8.31}}
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.arith import fmt
from budgetlint.rules.finals import GPB_FINAL_TABLE as TABLE
from budgetlint.rules.finals import explained, gpb_final_lines
from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL516",
    name="final-within-adjusted-budget",
    title="决算数 ≤ 调整预算数（逐行），超出时说明原因",
    severity=Severity.WARNING,
    tables=(TABLE,),
    catalogue=("D05",),
)

Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    table = doc.table(TABLE)
    if table is None:
        return
    sections = tuple(doc.all_sections())
    for node, name, keywords in gpb_final_lines(table):
        final = node.amount("决算数", "合计")
        adjusted = node.amount("调整预算数", "合计")
        stage = "调整预算数"
        if adjusted.blank:
            adjusted, stage = node.amount("年初预算数", "合计"), "年初预算数"
        if final.blank or adjusted.blank or final.value <= adjusted.value or explained(sections, keywords):
            continue
        message = (f"{table.label}{name}决算数 {final.show()}，超过{stage} {adjusted.show()}（超出 "
                   f"{fmt(final.value - adjusted.value, 2)} 万元），情况说明中没有说明原因")
        yield Violation(final.at, message, (Related(adjusted.at, f"{name}{stage} {adjusted.show()}"),))
