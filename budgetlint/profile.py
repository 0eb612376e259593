"""Regional profiles: which tables a region publishes, their numbers, titles, units and columns, and its conventions.

A profile is data (``budgetlint/profiles/<id>.yaml``, or a repository's own directory named in the
configuration), never code: rules consult it and no rule names a province. Every profile is validated
against ``schemas/profile.schema.json`` when it is loaded; a profile may extend another (``继承``), so a
Shanghai 单位 variant restates only what differs from the 部门 profile.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from budgetlint.schema import package_text
from budgetlint.loader.datafile import DataFileError, load_data

# The national names of the 预算 tables, in the order of the national reference set.
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

# Regional 预算 tables that none of the national keys can express (Sichuan 公开表2-1, 3-2, 4-1).
REGIONAL_TABLE_KEYS: tuple[str, ...] = (
    "财政拨款支出经济分类表",
    "一般公共预算项目支出表",
    "政府性基金三公经费表",
)

# The 9 决算 tables (central departments' set since 2023; most local templates have the same).
FINAL_TABLE_KEYS: tuple[str, ...] = (
    "收入支出决算总表",
    "收入决算表",
    "支出决算表",
    "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表",
    "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款支出决算表",
    "财政拨款三公经费支出决算表",
)

ALL_TABLE_KEYS: tuple[str, ...] = TABLE_KEYS + REGIONAL_TABLE_KEYS + FINAL_TABLE_KEYS

PROFILE_SCHEMA_FILE = "profile.schema.json"
_MAX_INHERITANCE = 8


# The empty-mapping defaults are read-only proxies: a NamedTuple default is one object shared by every instance.
_EMPTY: Mapping[Any, Any] = MappingProxyType({})


class ProfileTable(NamedTuple):
    key: str
    number: str
    title: str
    mandatory: bool
    unit: str | None = None  # 万元 | 元; None: the document's 金额单位
    columns: Mapping[str, str] = _EMPTY  # format path (“本年收入/合计”) → printed header

    def column_label(self, path: str) -> str:
        """The printed header of a column, or the format path when the profile does not name it."""
        return self.columns.get(path, path.replace("/", " "))


class Profile(NamedTuple):
    id: str
    name: str
    kind: str  # 预算 | 决算
    yb_scope: str  # "当年拨款" (current-year money only) or "含结转" (including carry-over)
    ordinal_offset: int | None
    tables: Mapping[str, ProfileTable]
    ordinal_codes: Mapping[int, str] = _EMPTY  # 收支总表 row ordinal → 类 code
    section_titles: Mapping[str, tuple[str, ...]] = _EMPTY  # 叙述节标题: 主题 → the region's printed headings
    # 叙述词表: additions to budgetlint/rules/narrative/vocabulary.yaml, in its shape (merged by narrative.vocabulary).
    narrative_vocabulary: Mapping[str, Any] = _EMPTY
    unit: str | None = None  # the profile's usual 金额单位
    parents: tuple[str, ...] = ()  # ids this profile inherits from, nearest first
    consolidated: tuple[str, ...] = ()  # 合并表格: 部门 = 本级 + 所属单位 cell by cell (BL803, repository mode)

    def table_label(self, key: str) -> str:
        entry = self.tables.get(key)
        if entry is None or entry.number == key:
            return key
        return f"{entry.number}（{key}）"

    @property
    def mandatory(self) -> tuple[str, ...]:
        return tuple(k for k, t in self.tables.items() if t.mandatory)

    def table_unit(self, key: str) -> str | None:
        entry = self.tables.get(key)
        return entry.unit if entry is not None and entry.unit else self.unit

    def code_for_ordinal(self, ordinal: int) -> str | None:
        """The 3-digit 功能分类 类 code of a row printed with only its ordinal (“六、科学技术支出”)."""
        code = self.ordinal_codes.get(ordinal)
        if code is not None:
            return code
        return str(self.ordinal_offset + ordinal) if self.ordinal_offset is not None else None


    def topic_of(self, title: str) -> str | None:
        """The 主题 whose printed heading matches a narrative section title (ignoring spaces and ordinals).

        The longest matching heading wins: “支出决算情况说明” is inside “一般公共预算财政拨款支出决算情况说明”.
        """
        wanted = _bare_title(title)
        best: tuple[int, str | None] = (0, None)
        for topic, titles in self.section_titles.items():
            for candidate in titles:
                bare = _bare_title(candidate)
                if bare and bare in wanted and len(bare) > best[0]:
                    best = (len(bare), topic)
        return best[1]


@lru_cache(maxsize=4096)  # topic_of strips every candidate heading of the profile for every section
def _bare_title(title: str) -> str:
    text = "".join(title.split())
    for mark in ("、", "）", ")"):
        head, sep, tail = text.partition(mark)
        if sep and len(head) <= 4:
            text = tail
            break
    return text


class ProfileError(Exception):
    """A profile that cannot be found, read or validated; the message names the file and the key."""


@lru_cache(maxsize=1)
def _profile_validator() -> Any:
    import jsonschema_rs

    return jsonschema_rs.validator_for(json.loads(package_text("budgetlint.schemas", PROFILE_SCHEMA_FILE)))


def _key_path(path: Sequence[Any]) -> str:
    return "/".join(str(p) for p in path) or "（顶层）"


def validate_profile_data(data: Any, origin: str) -> None:
    """Raise :class:`ProfileError` for the first schema problem, naming the file and the key in Chinese."""
    if not isinstance(data, dict):
        raise ProfileError(f"{origin}: 地区规范文件的顶层应是映射（id、名称、表格……）")
    for key, instead in _RETIRED.items():
        if key in data:
            raise ProfileError(f"{origin}: “{key}”已不再使用：{instead}")
    for error in _profile_validator().iter_errors(data):
        kind = type(error.kind).__name__
        where = _key_path(list(error.instance_path))
        if kind == "Required":
            raise ProfileError(f"{origin}: “{where}”缺少必填项“{error.kind.property}”")
        if kind == "AdditionalProperties":
            raise ProfileError(f"{origin}: “{where}”中有未知的键“{list(error.kind.unexpected)[0]}”")
        if kind == "PropertyNames" or (error.instance_path and error.instance_path[0] == "表格" and len(error.instance_path) == 1):
            raise ProfileError(f"{origin}: “表格”中有未知的表名（可用：{'、'.join(ALL_TABLE_KEYS)}）")
        if kind == "Enum":
            options = "、".join(str(o) for o in error.kind.options)
            raise ProfileError(f"{origin}: “{where}”的值 {error.instance!r} 不在允许的取值中（{options}）")
        raise ProfileError(f"{origin}: “{where}”的值不符合地区规范格式：{error.message}")


def _merge(parent: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """Child keys override the parent's; mappings merge key by key; ``null`` removes an inherited entry."""
    merged = dict(parent)
    for key, value in child.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _ordinal_codes(raw: Any) -> dict[int, str]:
    from budgetlint.model import chinese_number  # model imports this module: import late

    codes: dict[int, str] = {}
    for key, code in (raw or {}).items():
        ordinal = int(key) if str(key).isdigit() else chinese_number(str(key))
        if ordinal is not None:
            codes[ordinal] = str(code)
    return codes


def _table(key: str, entry: Mapping[str, Any]) -> ProfileTable:
    unit = entry.get("单位")
    return ProfileTable(
        key,
        str(entry.get("编号", key)),
        str(entry.get("标题", key)),
        bool(entry.get("必备", False)),
        str(unit) if unit else None,
        {str(k): str(v) for k, v in (entry.get("列") or {}).items()},
    )


# Keys that were documented but never read, and what to write instead (a profile that has one is refused
# with this message rather than silently ignored).
_RETIRED = {
    "词表": "叙述检查的词表请写在“叙述词表”下，结构同 budgetlint/rules/narrative/vocabulary.yaml（docs/narrative.md）",
}


def _from_data(data: Mapping[str, Any], origin: str, parents: tuple[str, ...] = ()) -> Profile:
    tables = {key: _table(key, entry) for key, entry in (data.get("表格") or {}).items() if isinstance(entry, Mapping)}
    offset = data.get("功能分类序号偏移")
    unit = data.get("金额单位")
    titles = {str(topic): tuple(str(t) for t in items) for topic, items in (data.get("叙述节标题") or {}).items()}
    return Profile(
        id=str(data["id"]),
        name=str(data.get("名称", data["id"])),
        kind=str(data.get("类型", "预算")),
        yb_scope=str(data.get("一般公共预算支出表口径", "含结转")),
        ordinal_offset=offset if isinstance(offset, int) and not isinstance(offset, bool) else None,
        tables=tables,
        ordinal_codes=_ordinal_codes(data.get("功能分类序号")),
        section_titles=titles,
        narrative_vocabulary=dict(data.get("叙述词表") or {}),
        unit=str(unit) if unit else None,
        parents=parents,
        consolidated=tuple(str(key) for key in data.get("合并表格") or ()),
    )


def _read_data(text: str, origin: str) -> dict[str, Any]:
    try:
        data = load_data(text, origin)
    except DataFileError as error:
        raise ProfileError(str(error)) from None
    validate_profile_data(data, origin)
    return dict(data)


def _locate(profile_id: str, extra_dirs: tuple[str, ...]) -> tuple[str, str]:
    """(text, origin) of a profile file: the configured directories first, then the built-in ones."""
    for directory in extra_dirs:
        candidate = Path(directory) / f"{profile_id}.yaml"
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8"), str(candidate)
    try:
        return package_text("budgetlint.profiles", f"{profile_id}.yaml"), f"budgetlint/profiles/{profile_id}.yaml"
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):  # no such file: not a built-in profile
        pass
    raise ProfileError(f"未知的地区规范“{profile_id}”（内置：{'、'.join(builtin_ids())}）")


def _resolved_data(profile_id: str, extra_dirs: tuple[str, ...], chain: tuple[str, ...]) -> tuple[dict[str, Any], tuple[str, ...]]:
    text, origin = _locate(profile_id, extra_dirs)
    data = _read_data(text, origin)
    if data["id"] != profile_id:
        raise ProfileError(f"{origin}: “id”是“{data['id']}”，应与文件名“{profile_id}”一致")
    parent_id = data.get("继承")
    if not parent_id:
        return data, ()
    if parent_id in chain or len(chain) >= _MAX_INHERITANCE:
        raise ProfileError(f"{origin}: “继承”形成循环：{' → '.join((*chain, profile_id, parent_id))}")
    parent, ancestors = _resolved_data(str(parent_id), extra_dirs, (*chain, profile_id))
    own = {k: v for k, v in data.items() if k != "继承"}
    return _merge(parent, own), (str(parent_id), *ancestors)


@lru_cache(maxsize=64)
def _load_cached(profile_id: str, extra_dirs: tuple[str, ...]) -> Profile:
    data, parents = _resolved_data(profile_id, extra_dirs, ())
    return _from_data(data, profile_id, parents)


def load_profile(profile_id: str, extra_dirs: Sequence[str] = ()) -> Profile:
    return _load_cached(profile_id, tuple(str(d) for d in extra_dirs))


def builtin_ids() -> list[str]:
    from importlib import resources  # listing a package needs it; only error messages and tests list

    package = resources.files("budgetlint.profiles")
    return sorted(p.name[:-5] for p in package.iterdir() if p.name.endswith(".yaml"))
