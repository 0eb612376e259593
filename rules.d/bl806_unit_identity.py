"""单位文件与所属部门文件的身份应一致：单位列在部门的“包含单位”中，单位编码相同。

为什么
    单位预算（决算）文件写 `所属部门`，部门文件在 `包含单位` 中列出纳入部门预算的单位。两边的单位名称
    或编码不一致（单位改名只改了一边、编码抄错），部门汇总就对不上口径，跨文件的汇总核对（BL803）
    也无法进行。同一年度同一类型的部门文件由仓库索引按身份找到。

错误示例（“相关文件”是所属部门的文件）
    ```yaml
    部门: 新乡市卫滨区工业信息技术服务中心
    所属部门: 新乡市卫滨区科技和工业信息化局
    部门编码: "419009"
    ```

相关文件
    ```yaml
    包含单位:
      - 名称: 新乡市卫滨区工业信息技术服务中心
        编码: "419001"
    ```

正确示例
    ```yaml
    部门: 新乡市卫滨区工业信息技术服务中心
    所属部门: 新乡市卫滨区科技和工业信息化局
    部门编码: "419001"
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.rules.crossfile.compare import file_words
from budgetlint.finding import Related, Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.crossfile.repository import own_identity, related
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL806",
    name="unit-identity",
    title="单位文件与所属部门文件的单位名称、编码一致",
    severity=Severity.ERROR,
    catalogue=(),  # issue 16: 部门 and 单位 identities
)

Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    identity = own_identity(doc)
    if identity is None or not identity.unit:
        return
    parent = related(doc, unit="")
    if parent is None:
        return
    listed = [(i, u) for i, u in enumerate(parent.doc.data.get("包含单位") or ()) if isinstance(u, dict)]
    if not listed:
        return  # the 部门 file lists no units (optional key; `budgetlint import` leaves it out): nothing to hold
    same = [(i, u) for i, u in listed if str(u.get("名称", "")).strip() == identity.unit]
    units_at = parent.doc.root.child("包含单位")
    if not same:
        names = "、".join(str(u.get("名称")) for _, u in listed) or "（空）"
        message = (f"单位“{identity.unit}”不在{file_words(parent)}的包含单位中（{names}）："
                   "单位改名只改了一边，或单位不属于该部门")
        yield Violation(doc.root.child("部门"), message, (Related(units_at, f"{file_words(parent)}包含单位"),),
                        key="BL806:名称")
        return
    index, entry = same[0]
    code, theirs = doc.data.get("部门编码"), entry.get("编码")
    if code is not None and theirs is not None and str(code) != str(theirs):
        message = f"单位编码 {code}，而{file_words(parent)}包含单位中“{identity.unit}”的编码是 {theirs}"
        yield Violation(doc.root.child("部门编码"), message,
                        (Related(units_at.child(index, "编码"), f"{file_words(parent)}“{identity.unit}”编码 {theirs}"),),
                        key="BL806:编码")
