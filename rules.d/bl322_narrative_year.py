"""叙述中的年份应与公开年度一致：本年用公开年度，比较用上一年度，资产时点用上年末。

为什么
    模板沿用上一年的文字是公开中最常见的错误之一（种子文件是 2023 年预算，第一部分却写
    “2022 年度部门预算”“纳入本部门 2022 年度部门预算编制范围的单位”）。判断依据是年份所在的说法：
    “YYYY 年度部门预算”“YYYY 年……收入总计”等本年说法应为公开年度；“与 YYYY 年相比”“比 YYYY 年”
    应为上一年度；预算说明中的“YYYY 年当年预算执行数”是上一年度的执行数，应为上一年度；
    “YYYY 年度决算”在决算中应为公开年度（预算中引用的决算年份不确定，不检查）；
    “YYYY 年期末”“截至 YYYY 年”在预算中应为上年末（决算中为本年末）。
    《》中的标题、文号（新财预〔2022〕…）和项目名称中的年份不检查；无法判断说法的年份也不检查。

错误示例
    ```yaml
    正文:
      概况:
        章节:
          - 标题: 二、所属预算单位构成情况
            主题: 单位构成
            文本: |
              纳入本部门 2022 年度部门预算编制范围的单位共 2个，其中二级机构 1个。
    ```

正确示例
    ```yaml
    正文:
      概况:
        章节:
          - 标题: 二、所属预算单位构成情况
            主题: 单位构成
            文本: |
              纳入本部门 2023 年度部门预算编制范围的单位共 2个，其中二级机构 1个。依据《2022 年度
              预算管理办法》和新财预〔2022〕354号编制，与 2022 年相比增加 1个；2022 年期末共有车辆 1辆。
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import key, violation
from budgetlint.rules.narrative.claims import Year
from budgetlint.rules.narrative.sections import NarrativeSection, narrative
from budgetlint.rules.narrative.vocabulary import normalise_label
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL322",
    name="narrative-year",
    title="叙述中的年份：本年 = 公开年度，比较 = 上一年度，资产时点 = 上年末",
    severity=Severity.ERROR,
    catalogue=("C22",),
)

_PROJECT_TABLES = (("项目支出表", "项目"), ("项目绩效目标表", "项目"))


Options = NoOptions  # this rule has no options


def _expected(doc: Disclosure, kind: str) -> tuple[int, str] | None:
    if kind == "本年":
        return doc.year, f"本公开是 {doc.year} 年度{doc.kind}，应为 {doc.year}"
    if kind == "比较":
        return doc.year - 1, f"与上一年度比较应为 {doc.year - 1}"
    if kind == "资产":
        year = doc.year - 1 if doc.kind == "预算" else doc.year
        return year, f"{doc.kind}中的资产时点应为 {year} 年末"
    if kind == "上年执行" and doc.kind == "预算":
        # “2025年当年预算执行数为……”: the prior year, whose execution this budget is compared with
        return doc.year - 1, f"预算说明中的“当年预算执行数”是上一年度的执行数，应为 {doc.year - 1}"
    if kind == "决算" and doc.kind == "决算":
        return doc.year, f"本公开是 {doc.year} 年度决算，应为 {doc.year}"
    # a 决算 cited in a 预算 (which year is not certain), titles, 文号, implementation periods: not judged
    return None


def _project_names(doc: Disclosure) -> list[str]:
    names = []
    for table_key, rows in _PROJECT_TABLES:
        table = doc.table(table_key)
        for row in table.rows(rows) if table else ():
            name = row.text("项目名称")
            if name:
                names.append(normalise_label(name))
    return names


def _in_project_name(ns: NarrativeSection, year: Year, names: list[str]) -> bool:
    """A year inside a project name quoted in the text is the project's, not the disclosure's."""
    view = ns.claims.view.text
    plain = normalise_label(view)
    index = len(normalise_label(view[:year.number.vstart]))
    return any(name and any(m <= index < m + len(name) for m in _occurrences(plain, name)) for name in names)


def _occurrences(text: str, word: str) -> Iterator[int]:
    start = text.find(word)
    while start >= 0:
        yield start
        start = text.find(word, start + 1)


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    names = _project_names(doc)
    for ns in narrative(doc):
        for year in ns.claims.years:
            expected = _expected(doc, year.kind)
            if expected is None or year.year == expected[0] or _in_project_name(ns, year, names):
                continue
            message = f"{ns.name}：“{year.phrase.strip(' ，。')}”中的年份是 {year.year}，{expected[1]}"
            related = [Related(doc.root.child("年度"), f"公开年度 {doc.year}")]
            yield violation(ns, year.number, message, related, key_=key("C22", ns, year.kind, year.number.start))
