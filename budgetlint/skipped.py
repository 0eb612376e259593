"""Nothing skipped in silence: the findings that say a file, or part of its checking, was left out.

* **BL005** (missing-format-version): budgetlint recognises a disclosure by its ``格式版本`` key. A
  disclosure whose key is misspelt or missing used to be passed over by the directory walk and by the
  pre-commit hook ("检查了 0 个文件，没有发现问题", exit 0). Such a file is now checked, and the
  missing declaration is one located finding instead of a silent pass. Which files count as looking
  like a disclosure is decided on their first bytes, by their top-level keys (:func:`looks_like_disclosure`),
  so that CI configurations and other YAML in a directory stay silent.
* **BL006** (rules-not-run): when the structure check (the JSON Schema, or the profile) fails, the
  semantic rules do not run: reading amounts out of a wrongly shaped table would be guessing. Only the
  text report's summary line used to say so; as a finding on the file it reaches every format (SARIF,
  JUnit, GitHub annotations, GitLab, the language server), so no report reads as "checked, all well".

Both are engine findings (ids in the BL001–BL009 range kept for the engine) and honour ``select``/
``ignore`` and severity overrides like the others.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from budgetlint.finding import Finding, Severity, Span
from budgetlint.rule import BUILTIN_META
from budgetlint.loader.sourcemap import SourceMap

FORMAT_KEY = "格式版本"
# The other top-level keys of format v1 (schemas/disclosure-v1.schema.json; a test keeps them in step).
DISCLOSURE_KEYS = frozenset({"部门", "所属部门", "部门编码", "年度", "类型", "规范", "金额单位", "包含单位", "附件标题", "正文", "表格",
                             "封面", "目录", "部分标题"})
# A file that declares no 格式版本 but has this many disclosure keys at the top, one of them naming whose
# and which year's disclosure it is, is taken for a disclosure. Three: 部门 and 年度 alone could head a
# roster or a plan; a disclosure written from docs/format.md has six required keys and usually 表格 and
# 正文 besides. The identity keys keep out regional profiles (类型, 金额单位, 表格, but no 部门 or 年度).
MIN_KEYS = 3
IDENTITY_KEYS = frozenset({"部门", "年度"})
# Spellings of the declaration seen in hand-written files, besides near misses of 格式版本 itself.
_FORMAT_ALIASES = frozenset({"格式", "版本", "格式版本号", "格式 版本", "format", "version", "format_version",
                             "format-version", "formatVersion"})

# How far into a file discovery looks: the top-level keys come first in every disclosure.
HEAD_BYTES = 65536
_MARKERS = tuple(FORMAT_KEY.encode(codec) for codec in ("utf-8", "gb18030", "utf-16-le", "utf-16-be")) + (
    b"\\u683c\\u5f0f\\u7248\\u672c",  # a JSON file written with ensure_ascii
)
# A top-level YAML key: at column 0, plain or quoted, followed by ':' and a space or the line's end.
_YAML_KEY = re.compile(
    r"""^(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'|([^\s#'"\-?:{}\[\],&*!|>%@`][^:#\n]*?))[ \t]*:(?:[ \t]|$)""",
    re.MULTILINE)
# JSON tokens that matter for finding the top-level keys: strings, brackets and colons.
_JSON_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|[{}\[\]:]')


def declares_format(head: bytes) -> bool:
    """Whether the start of a file declares ``格式版本`` (in UTF-8, GB18030 or UTF-16: a file in another
    encoding is still found, and then reported with a conversion hint instead of being passed over)."""
    return any(marker in head for marker in _MARKERS)


def _top_keys(text: str) -> set[str]:
    keys: set[str] = set()
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):  # JSON (or YAML flow): a string followed by ':' directly inside the outer braces
        depth = 0
        previous = ""
        for token in _JSON_TOKEN.findall(stripped):
            if token in "{[":
                depth += 1
            elif token in "}]":
                depth -= 1
            elif token == ":" and depth == 1 and previous.startswith('"'):
                try:
                    keys.add(json.loads(previous))
                except ValueError:
                    pass
            previous = token
        return keys
    for double, single, plain in _YAML_KEY.findall(text):
        keys.add((double or single or plain).strip())
    return keys


def is_format_misspelling(key: str) -> bool:
    """A key that was meant as 格式版本: an alias, or the four characters with one changed, added or lost."""
    if key == FORMAT_KEY:
        return False
    if key in _FORMAT_ALIASES:
        return True
    import difflib  # only for files that do not declare the format: rare

    return difflib.SequenceMatcher(None, key, FORMAT_KEY).ratio() >= 0.75


def looks_like_disclosure(head: bytes) -> bool:
    """A file to check: it declares 格式版本, or its top-level keys are those of a disclosure."""
    if declares_format(head):
        return True
    keys = _top_keys(head.decode("utf-8", errors="ignore"))
    if not keys & IDENTITY_KEYS:
        return False
    found = len(keys & DISCLOSURE_KEYS) + any(is_format_misspelling(k) for k in keys)
    return found >= MIN_KEYS


# ---------------------------------------------------------------------------------------------
# the findings

# (file, rule id, span, message, data path) → the finding, or None when the rule is turned off.
MakeFinding = Callable[[str, str, Span, str, tuple[Any, ...]], "Finding | None"]


def builtin_finding(enabled: frozenset[str] | None, severity: Mapping[str, Severity]) -> MakeFinding:
    """A maker of engine findings that honours select/ignore (None when the id is off) and severity overrides."""

    def make(file: str, rule_id: str, span: Span, message: str, path: tuple[Any, ...]) -> Finding | None:
        if enabled is not None and rule_id not in enabled:
            return None
        meta = BUILTIN_META[rule_id]
        return Finding(file, span, rule_id, severity.get(rule_id, meta.severity), message, meta.name, path,
                       key=f"{rule_id}:")

    return make


def format_version(file: str, data: Mapping[str, Any], smap: SourceMap, schema: Sequence[Finding],
                   make: MakeFinding) -> list[Finding]:
    """The schema findings, with BL005 in place of those that only restate a missing ``格式版本``.

    Unchanged when the file declares the format or BL005 is turned off. The schema's "缺少必填项“格式版本”"
    is replaced, and so is its "未知的键" for the misspelling when that is the only unknown top-level key
    (the schema names one unknown key per mapping, so with several the others would lose their mention).
    """
    if FORMAT_KEY in data:
        return list(schema)
    keys = [k for k in data if isinstance(k, str)]
    misspelt = next((k for k in keys if is_format_misspelling(k)), None)
    if misspelt is not None:
        span = smap.anchor((misspelt,), prefer_key=True)
        message = (f"没有声明“格式版本”：“{misspelt}”是不是“格式版本”？公开文件开头应写 格式版本: 1"
                   "（budgetlint 据此识别公开文件及其格式）")
    else:
        span = smap.anchor((keys[0],), prefer_key=True) if keys else Span.point(1, 1)
        present = [k for k in keys if k in DISCLOSURE_KEYS]
        if present:
            shown = "".join(f"“{k}”" for k in present[:3]) + ("等键" if len(present) > 3 else "键")
            message = (f"没有声明“格式版本”：文件有{shown}，像一份公开文件，但缺少 格式版本: 1"
                       "（budgetlint 据此识别公开文件及其格式），请在文件开头加上这一行")
        else:  # named on the command line, yet nothing in it is a disclosure's
            message = ("没有声明“格式版本”，也没有公开文件的键：这不像一份公开文件。公开文件开头应写 格式版本: 1；"
                       "其他 YAML/JSON 不必交给 budgetlint（检查目录或用 --only-disclosures 时会自动跳过）")
    finding = make(file, "BL005", span, message, (FORMAT_KEY,))
    if finding is None:
        return list(schema)
    unknown = [k for k in keys if k != FORMAT_KEY and k not in DISCLOSURE_KEYS]
    restated = {f"缺少必填项“{FORMAT_KEY}”"}
    if misspelt is not None and unknown == [misspelt]:
        restated.add(f"未知的键“{misspelt}”")
    kept = [f for f in schema if not (f.json_path in ((), (misspelt,)) and f.message.split("，")[0] in restated)]
    return sorted([*kept, finding])


def rules_not_run(file: str, structure: Sequence[Finding], make: MakeFinding) -> list[Finding]:
    """The structure findings, and BL006 saying that the semantic rules did not run because of them."""
    if not structure:
        return list(structure)
    first = min(structure)
    count = f"{len(structure)} 处结构错误" if len(structure) > 1 else "1 处结构错误"
    message = (f"语义规则未运行：结构校验未通过（{count}，第一处在第 {first.span.line} 行第 {first.span.column} 列）。"
               "表内求和、表间核对和叙述与表格的核对都没有进行，没有其他发现不等于没有问题；改正结构错误后再检查")
    finding = make(file, "BL006", Span.point(1, 1), message, ())
    if finding is None:
        return list(structure)
    return sorted([*structure, finding])
