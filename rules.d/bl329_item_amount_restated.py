"""同一编号项中的项级金额写了两次，两处应相同。

为什么
    上海等地的预算说明逐项列出支出功能分类科目的金额，再写“上年执行数为 A，本年预算安排 B，比上年……”。
    B 就是这一项本年的金额，应与项名后的金额相同。审阅者发现过“住房公积金（01项）208.8万元 …… 2026年预算安排
    201.50万元”：两处至少有一处错，其后的增减率也随之可疑。只在同一编号项内、第二处没有自己的主语
    （“YYYY年预算安排”）且是本年的数时判断；没有编号的写法（“住房保障支出（类）住房改革支出（款）住房公积金（项）
    支出决算为 48.60 万元……。住房公积金（项）年初预算为 45.00 万元，支出决算为 46.80 万元”）只在两处都以该项和期间词
    结尾、都是本年的数、且中间没有写到别的项时判断。

错误示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 四、部门预算编制说明
            文本: |
              31. “住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元，主要用于住房公积金。2022年当年
              预算执行数为348.52万元，2023年预算安排352.67万元，比2022年预算执行数增加1.19%。主要原因是：经费增加。
    ```

正确示例
    ```yaml
    正文:
      情况说明:
        章节:
          - 标题: 四、部门预算编制说明
            文本: |
              31. “住房保障支出（类）住房改革支出（款）住房公积金（项）”352.67万元，主要用于住房公积金。2022年当年
              预算执行数为348.52万元，2023年预算安排352.67万元，比2022年预算执行数增加1.19%。主要原因是：经费增加。
    ```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetlint.arith import Money, compare_equal, differs
from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import figure, key, related_number, short_label, violation
from budgetlint.rules.narrative.comparisons import restated_items
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL329",
    name="item-amount-restated",
    title="同一编号项中项级金额的两处写法相同",
    severity=Severity.ERROR,
    catalogue=("C06",),
)


Options = NoOptions  # this rule has no options


def _item_name(label: str) -> str:
    """“31. “住房保障支出（类）……住房公积金（项）”” → the quoted 科目 path, else the label without its number."""
    quoted = re.search(r"“([^”]+)”", label)
    if quoted:
        return quoted.group(1)
    return short_label(re.sub(r"^\s*(?:\d{1,2}[、.．]|（[一二三四五六七八九十]+）)\s*", "", label))


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for item in restated_items(doc):
        verdict = compare_equal(item.again.printed, item.first.printed)
        if verdict.exact:
            continue
        ns = item.section
        name = _item_name(item.first.label)
        message = (f"{ns.name}：{figure(item.again.label.strip(' ，,'), item.again.number)}，与同一项前文"
                   f"{figure(name, item.first.number)}不一致（{differs(verdict.difference, Money.usual())}）")
        yield violation(ns, item.again.number, message, [related_number(ns, item.first.number, name)],
                        tail=verdict.tail, key_=key("C06", ns, "item", item.again.number.text), inputs=[item.first.number])
