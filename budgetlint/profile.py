"""Regional profiles: which tables a region publishes, their numbers and titles, and its conventions.

A profile is data (``budgetlint/profiles/<id>.yaml``, or a repository's own directory named in the
configuration), never code: rules consult it and no rule names a province.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from budgetlint.source import load_yaml

# The national names of the tables, in the order of the national reference set.
TABLE_KEYS: tuple[str, ...] = (
    "收支总表",
    "收入表",
    "支出表",
    "财政拨款收支总表",
    "一般公共预算支出表",
    "一般公共预算基本支出表",
    "支出经济分类汇总表",
    "三公经费表",
    "政府性基金支出表",
    "国有资本经营预算支出表",
    "项目支出表",
    "整体绩效目标表",
    "项目绩效目标表",
)


@dataclass(frozen=True, slots=True)
class ProfileTable:
    key: str
    number: str
    title: str
    mandatory: bool


@dataclass(frozen=True, slots=True)
class Profile:
    id: str
    name: str
    kind: str
    yb_scope: str  # "当年拨款" (current-year money only) or "含结转" (including carry-over)
    ordinal_offset: int | None
    tables: Mapping[str, ProfileTable]
    extra: Mapping[str, Any] = field(default_factory=dict)

    def table_label(self, key: str) -> str:
        entry = self.tables.get(key)
        if entry is None or entry.number == key:
            return key
        return f"{entry.number}（{key}）"

    @property
    def mandatory(self) -> tuple[str, ...]:
        return tuple(k for k, t in self.tables.items() if t.mandatory)


class ProfileError(Exception):
    """A profile that cannot be found or read."""


def _from_data(data: Any, origin: str) -> Profile:
    if not isinstance(data, dict) or not isinstance(data.get("id"), str) or not isinstance(data.get("表格"), dict):
        raise ProfileError(f"{origin}: 地区规范必须有 id 和 表格")
    tables: dict[str, ProfileTable] = {}
    for key, entry in data["表格"].items():
        if key not in TABLE_KEYS or not isinstance(entry, dict):
            raise ProfileError(f"{origin}: 未知的表名“{key}”（可用：{'、'.join(TABLE_KEYS)}）")
        tables[key] = ProfileTable(key, str(entry.get("编号", key)), str(entry.get("标题", key)), bool(entry.get("必备", False)))
    offset = data.get("功能分类序号偏移")
    known = {"id", "名称", "类型", "一般公共预算支出表口径", "功能分类序号偏移", "表格"}
    return Profile(
        id=data["id"],
        name=str(data.get("名称", data["id"])),
        kind=str(data.get("类型", "预算")),
        yb_scope=str(data.get("一般公共预算支出表口径", "含结转")),
        ordinal_offset=offset if isinstance(offset, int) else None,
        tables=tables,
        extra={k: v for k, v in data.items() if k not in known},
    )


def _read(text: str, origin: str) -> Profile:
    result = load_yaml(text)
    if result.document is None or result.problems:
        problem = (result.problems or ())[0] if result.problems else None
        raise ProfileError(f"{origin}: {problem.message if problem else '无法读取'}")
    return _from_data(result.document.data, origin)


@lru_cache(maxsize=64)
def _load_cached(profile_id: str, extra_dirs: tuple[str, ...]) -> Profile:
    for directory in extra_dirs:
        candidate = Path(directory) / f"{profile_id}.yaml"
        if candidate.is_file():
            return _read(candidate.read_text(encoding="utf-8"), str(candidate))
    package = resources.files("budgetlint.profiles")
    resource = package / f"{profile_id}.yaml"
    if resource.is_file():
        return _read(resource.read_text(encoding="utf-8"), f"budgetlint/profiles/{profile_id}.yaml")
    raise ProfileError(f"未知的地区规范“{profile_id}”（内置：{'、'.join(builtin_ids())}）")


def load_profile(profile_id: str, extra_dirs: Sequence[str] = ()) -> Profile:
    return _load_cached(profile_id, tuple(extra_dirs))


def builtin_ids() -> list[str]:
    package = resources.files("budgetlint.profiles")
    return sorted(p.name[:-5] for p in package.iterdir() if p.name.endswith(".yaml"))
