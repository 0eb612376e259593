"""叙述中的类/款/项金额 = 功能分类表中该项的金额。

为什么
    预算说明逐项写出“一般公共服务支出（类）商贸事务（款）行政运行（项）938.99 万元”，决算说明写出每项的
    年初预算数与决算数。这些数字与一般公共预算支出表（决算：一般公共预算财政拨款支出决算表）中该项的
    金额是同一个数。科目按编码（“公共安全支出（204类）司法（06款）行政运行（01项）”、2010101）或
    按名称路径（类名可用旧称，款、项名与表中行名相同）对应到唯一一行时才比较；表格以元为单位时按
    叙述的打印位数四舍五入比较。
    类名是旧称时另作提示（同 BL014），每节每个旧称一次：与文件自己的表格中该类的名称比较（表格也用旧称时
    由 BL014 报告表格）；没有该类的表行时（表格未公开，或只写到类：“主要用于城乡社区事务支出 3050.00 万元”），
    2019 年及以后的公开按科目名称表（BL014 所用）判断。

示例基础: tests/fixtures/clean-shanghai-2024.yaml

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 四、部门预算编制说明
            文本: |
              1. “一般公共服务支出（类）档案事务（款）行政运行（项）”1070.44万元，主要用于机关运行。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 四、部门预算编制说明
            文本: |
              1. “一般公共服务支出（类）档案事务（款）行政运行（项）”1070.43万元，主要用于机关运行。
              2. 一般公共服务支出-档案事务-档案馆 438.00 万元；社会保障和就业支出（208类）行政事业单位养老支出（05款）
              机关事业单位职业年金缴费支出（06项）46.82万元。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.arith import Money, compare_equal, differs
from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import key, violation
from budgetlint.rules.narrative.items import item_matches, old_class_names
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL330",
    name="narrative-item-row",
    title="叙述中的类/款/项金额 = 功能分类表中该项",
    severity=Severity.ERROR,
    catalogue=("C06",),
)


Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    told: set[tuple[int, object]] = set()  # (section, figure) and (section, old name) already told
    for match in item_matches(doc):
        ns, amount, row = match.section, match.amount, match.row
        cell = row.amount(*match.column)
        cell_text = f"{match.table.label}{row.code} {row.name} {' '.join(match.column)} {cell.show()}"
        related = [Related(cell.at, cell_text)]
        verdict = compare_equal(amount.printed, cell.printed)
        if not verdict.exact:
            message = (f"{ns.name}：“{match.path.text}” {amount.number.show()}，与{cell_text}不一致"
                       f"（{differs(verdict.difference, Money.usual())}）")
            if match.shifted:  # the text names the 款 as a 项: which row it means is not certain, so only a hint
                message += f"；文中的“{match.path.names[2]}”写作项，表中它是款（{row.code}），仅作提示"
            yield violation(ns, amount.number, message, related, tail=verdict.tail or match.shifted,
                            key_=key("C06", ns, row.code, amount.number.text))
        if match.old_name:
            klass = next((r for r in match.table.rows("明细") if r.code == (row.code or "")[:3]), None)
            new = klass.name if klass is not None else ""
            message = f"{ns.name}：“{match.old_name}”是旧科目名称，表中 {(row.code or '')[:3]} 类为“{new}”"
            yield Violation(ns.at(amount.number.start, amount.number.end), message, related, advisory=True,
                            key=key("C06", ns, "old", match.old_name))
            told.update({(id(ns.section), amount.number.start), (id(ns.section), match.old_name)})
    # every other figure whose 类 the text names by a former name (at 类 level: “主要用于城乡社区事务支出
    # 3050.00万元”, or without tables): against the name the tables print, else the 科目 dictionary (items.py)
    for found in old_class_names(doc):
        ns, amount = found.section, found.amount
        if (id(ns.section), amount.number.start) in told or (id(ns.section), found.old) in told:
            continue
        told.add((id(ns.section), found.old))
        now = f"表中 {found.code} 类为“{found.current}”" if found.printed else f"{found.code} 类现为“{found.current}”"
        message = f"{ns.name}：“{found.old}”是旧科目名称，{now}"
        yield Violation(ns.at(amount.number.start, amount.number.end), message, advisory=True,
                        key=key("C06", ns, "old", found.old))
