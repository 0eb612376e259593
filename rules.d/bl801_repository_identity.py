"""仓库中每个公开文件的身份（部门、年度、类型、单位）应唯一；用于核对的相关文件应能读取。

为什么
    跨文件检查（上年数、部门与所属单位、决算与预算）按文件声明的身份找到另一个文件，而不是按路径。
    两个文件声明同一身份（例如复制上年文件后忘了改“年度”），budgetlint 无法确定该用哪一个，
    跨文件检查就不会进行；这在两个文件上各报告一次错误。找到的相关文件无法读取或不符合格式时，
    跨文件检查也不会进行，在本文件上给出提示（相关文件自身的问题在检查它时报告）。

    身份：顶层 `部门`、`年度`、`类型`；单位预算（决算）文件另写 `所属部门`（它所属的部门），
    此时 `部门` 是单位自己的名称。见 docs/repository.md。

错误示例（示例文件与“相关文件”放在同一个仓库里检查）
    ```yaml
    附件标题: 复制的文件
    ```

相关文件
    ```yaml
    附件标题: 原文件
    ```

正确示例
    ```yaml
    年度: 2024
    ```
"""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.finding import Pointer, Related, Severity, Violation
from budgetlint.model import Disclosure
from budgetlint.rules.crossfile.repository import Unusable, active, own_identity, wanted
from budgetlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    id="BL801",
    name="repository-identity",
    title="仓库中公开文件的身份唯一，相关文件可读取",
    severity=Severity.ERROR,
    catalogue=(),  # not in the catalogue: the index itself
)

Options = NoOptions  # this rule has no options


def check(doc: Disclosure, opts: Options) -> Iterator[Violation]:
    repository, identity = active(), own_identity(doc)
    if repository is None or identity is None:
        return
    others = repository.others(doc.file, identity)
    if others:
        for other in others:
            repository.load(other)  # so that the related location has a line in that file
        related = tuple(Related(Pointer(other, ("部门",)), f"{other} 也声明为 {identity.show()}") for other in others)
        message = (f"另有 {len(others)} 个文件声明了同一身份（{identity.show()}）：{'、'.join(others)}；"
                   "跨文件检查无法确定该用哪一个，已跳过。请改正“部门”“年度”“类型”或“所属部门”")
        yield Violation(doc.root.child("部门"), message, related, key=f"BL801:{identity.show()}")
    for want in wanted(identity):
        candidates = repository.others(doc.file, want)
        if len(candidates) != 1:
            continue
        loaded = repository.load(candidates[0])
        if isinstance(loaded, Unusable):
            message = (f"相关文件 {loaded.path}（{want.show()}）{loaded.reason}，本文件没有与它核对"
                       "（该文件的问题在检查它时报告）")
            yield Violation(doc.root.child("年度"), message, advisory=True, key=f"BL801:unusable:{want.show()}")
