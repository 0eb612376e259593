"""总表功能分类行的名称应是该编码当年的科目名称。

为什么
    收支总表和财政拨款收支总表按支出功能分类“类”逐行列示（河南只印序号：序号 = 编码 − 200）。
    行名是旧科目名（如“城乡社区事务”“资源勘探信息等”），或是别的编码的名称（如 209 的位置写着
    “医疗卫生与计划生育支出”，那是 210 的旧名），说明表格套用了过时的模板，读者可能把数字对到错误的科目上。
    只作提示（info）：名称不影响金额的勾稽。

错误示例
    ```yaml
    表格:
      收支总表:
        支出:
          功能分类:
            - {项目: 六、科学技术, 金额: 235.72}
            - {项目: 八、社会保障和就业, 金额: 10.78}
            - {项目: 十、卫生健康, 金额: 5.39}
            - {项目: 十二、城乡社区事务, 金额: null}
            - {项目: 十五、资源勘探工业信息等, 金额: 25.00}
            - {项目: 十六、商业服务业等, 金额: 8.60}
            - {项目: 二十一、住房保障支出, 金额: 8.19}
    ```

正确示例
    ```yaml
    表格:
      收支总表:
        支出:
          功能分类:
            - {项目: 六、科学技术, 金额: 235.72}
            - {项目: 八、社会保障和就业, 金额: 10.78}
            - {项目: 十、卫生健康, 金额: 5.39}
            - {项目: 十二、城乡社区支出, 金额: null}
            - {项目: 十五、资源勘探工业信息等, 金额: 25.00}
            - {项目: 十六、商业服务业等, 金额: 8.60}
            - {项目: 二十一、住房保障支出, 金额: 8.19}
    ```
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import NamedTuple

from budgetlint.finding import Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rule import NoOptions, RuleMeta
from budgetlint.schema import package_text
from budgetlint.source import load_data

META = RuleMeta(
    id="BL014",
    name="function-class-names",
    title="总表功能分类行名称 = 该编码当年的科目名称",
    severity=Severity.INFO,
    tables=("收支总表", "财政拨款收支总表"),
    catalogue=("S07", "D14"),
)

_ORDINAL_PREFIX = re.compile(r"^\s*[（(]?[零一二三四五六七八九十]+[)）、.．]\s*")


Options = NoOptions  # this rule has no options


class ClassName(NamedTuple):
    current: str
    former: tuple[str, ...]


@lru_cache(maxsize=1)
def _dictionary() -> Mapping[str, ClassName]:
    text = package_text("budgetlint.data", "function_classes.yaml")
    entries = load_data(text, "budgetlint/data/function_classes.yaml")["科目"]
    return {code: ClassName(str(e["名称"]), tuple(str(n) for n in e.get("曾用名") or ())) for code, e in entries.items()}


def _bare(name: str) -> str:
    name = _ORDINAL_PREFIX.sub("", name).replace(" ", "").replace("　", "")
    return name[:-2] if name.endswith("支出") and len(name) > 2 else name


@lru_cache(maxsize=4096)
def _problem(label: str, code: str) -> str | None:
    """What is wrong with ``label`` as the name of class ``code`` (the same pairs recur in every file)."""
    names = _dictionary()
    expected = names.get(code)
    if expected is None:
        return None
    bare = _bare(label)
    if bare == _bare(expected.current):
        return None
    if bare in {_bare(n) for n in expected.former}:
        return f"“{bare}”是 {code} 的旧科目名，现为“{expected.current}”"
    for other_code, other in names.items():
        if other_code == code:
            continue
        if bare == _bare(other.current):
            return f"按序号此行是 {code} {expected.current}，而“{bare}”是 {other_code} 的名称"
        if bare in {_bare(n) for n in other.former}:
            return f"按序号此行是 {code} {expected.current}，而“{bare}”是 {other_code} 的旧名（现为{other.current}）"
    return f"与 {code} 的科目名称“{expected.current}”不符"


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    for key in ("收支总表", "财政拨款收支总表"):
        table = doc.table(key)
        if table is None:
            continue
        for code, row in doc.coded_rows(table, "支出", "功能分类"):
            label = row.text("项目") or ""
            problem = _problem(label, code)
            if problem:
                yield Violation(row.at.child("项目"), f"{table.label}功能分类行“{label}”：{problem}")
