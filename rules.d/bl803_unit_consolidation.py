"""部门公开 = 本级 + 所属单位：部门文件的汇总数应等于各单位文件同一单元格之和。

为什么
    部门预算（决算）是本级和所属单位预算的汇总。仓库里有部门文件，也有 `包含单位` 列出的每个单位的
    文件（单位文件写 `所属部门: 部门名称`，`部门` 是单位自己的名称）时，部门文件每张汇总表的每个金额
    （合计行、总计等，不含按编码列出的明细行）应等于各单位同一单元格之和。哪些表逐项相加由地区规范的
    `合并表格` 给出。

    只有 `包含单位` 列出的每个单位都恰好有一个可用的文件时才核对（否则无法确定口径，不作结论）；
    有的单位有文件、有的没有时，给出提示说明未核对。
    之和与部门数的差在各数打印精度的四舍五入误差内时只作提示。某张表中有单位间往来（上级补助收入、
    附属单位上缴收入、上缴上级支出、对附属单位补助支出）不为零时，汇总可能抵消了内部往来，
    该表的差异只作提示。

错误示例（“相关文件”是部门唯一的所属单位）
    ```yaml
    包含单位:
      - 名称: 新乡市卫滨区科技和工业信息化局本级
    表格:
      三公经费表:
        本年: {合计: 2.30}
    ```

相关文件
    ```yaml
    部门: 新乡市卫滨区科技和工业信息化局本级
    所属部门: 新乡市卫滨区科技和工业信息化局
    ```

正确示例
    ```yaml
    包含单位:
      - 名称: 新乡市卫滨区科技和工业信息化局本级
    ```
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from budgetlint.arith import compare_sum, fmt
from budgetlint.rules.tables.identity_checks import Money
from budgetlint.rules.crossfile.compare import amount_paths, file_words
from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Disclosure, Table
from budgetlint.rules.crossfile.repository import Loaded, active, own_identity
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL803",
    name="unit-consolidation",
    title="部门汇总数 = 本级与所属单位文件同一单元格之和",
    severity=Severity.ERROR,
    catalogue=(),  # issue 16: 部门 = 本级 + 所属单位
)

Options = NoOptions  # this rule has no options

_INTERNAL = ("上级补助收入", "附属单位上缴收入", "上缴上级支出", "对附属单位补助支出")


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    repository, identity = active(), own_identity(doc)
    if repository is None or identity is None or identity.unit or not doc.units:
        return
    files = repository.units_of(identity.department, identity.year, identity.kind)
    missing = [name for name in doc.units if len(files.get(name.strip(), [])) != 1]
    if missing:
        # No unit file at all is the common case (only the 部门 file is kept): nothing to say. Some but not
        # all: the sum cannot be formed, and the user is told why it was not checked.
        if len(missing) < len(doc.units):
            message = (f"包含单位中 {len(missing)} 个单位没有（唯一的）单位文件：{'、'.join(missing)}；"
                       "部门汇总数未与单位文件之和核对")
            yield Violation(doc.root.child("包含单位"), message, advisory=True, key="BL803:missing")
        return
    units: list[Loaded] = []
    for name in doc.units:
        loaded = repository.load(files[name.strip()][0])
        if not isinstance(loaded, Loaded):
            return  # BL801 says which file could not be used
        units.append(loaded)
    for key in doc.profile.consolidated:
        table = doc.table(str(key))
        parts = [u.doc.table(str(key)) for u in units]
        if table is None or any(p is None for p in parts):
            continue
        yield from _table(table, [p for p in parts if p is not None], units)


def _internal(tables: Sequence[Table]) -> bool:
    return any(path[-1] in _INTERNAL and t.value(*path) != 0 for t in tables for path in amount_paths(t.data))


def _table(table: Table, parts: list[Table], units: list[Loaded]) -> Iterator[Violation]:
    internal = _internal([table, *parts])
    for path in amount_paths(table.data):
        total = table.amount(*path)
        addends = [p.amount(*path) for p in parts if p.prints(*path)]
        if len(addends) != len(parts) or total.blank and all(a.blank for a in addends):
            continue
        verdict = compare_sum(total.printed, [a.printed for a in addends])
        if verdict.exact:
            continue
        money = Money.of(total, *addends)
        label = table.cell_label(*path)
        terms = " + ".join(f"{a.text or 0}" for a in addends)
        if verdict.tail:
            words = f"相差 {money(abs(verdict.difference))}，在四舍五入尾差范围内（±{money(verdict.bound)}）"
        else:
            words = f"{'多' if verdict.difference > 0 else '少'} {money(abs(verdict.difference))}"
        note = "；表中有单位间往来，汇总可能已抵消，仅作提示" if internal and not verdict.tail else ""
        message = (f"{label} {total.show()}，不等于本级和所属单位 {len(addends)} 个文件之和 "
                   f"{money(verdict.computed)}（{words}）{note}")
        related = tuple(Related(a.at, f"{file_words(u)}{label} {a.show()}") for a, u in zip(addends, units))
        yield Violation(total.at, message, related, rounding_tail=verdict.tail, advisory=internal,
                        detail=f"{terms} = {fmt(verdict.computed)}；差额 {fmt(verdict.difference)}",
                        key=f"BL803:{table.key}:{'/'.join(path)}")


