"""Format v1 data → YAML text: readable, stable key order, every value exactly as imported.

Our own small emitter rather than PyYAML's dumper, because the layout is part of the product: detail
rows one per line in flow style (as docs/format.md writes them), narrative text as literal blocks `|`
(so budgetlint can point at every figure in it), codes always quoted (a code is a string), amounts as
their Decimal text (never a float), a schema modeline on the first line.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any, Mapping, Sequence

# A plain scalar is written unquoted only when budgetlint's loader (and a YAML 1.2 editor) reads it back
# as the same string: no indicator characters, nothing that looks like a number, bool or null.
_PLAIN_UNSAFE = re.compile(r"""[:#{}\[\],&*!|>'"%@`?]|^[-\s]|\s$|^$""")
_SCALAR_LIKE = re.compile(r"^(?:[-+]?[\d.]+(?:[eE][-+]?\d+)?|true|false|null|yes|no|on|off|~|\.inf|\.nan)$", re.I)
_FLOW_WIDTH = 160


def _string(text: str, *, force_quote: bool = False) -> str:
    if force_quote or _PLAIN_UNSAFE.search(text) or _SCALAR_LIKE.match(text) or "\n" in text or "\t" in text:
        return json.dumps(text, ensure_ascii=False)
    return text


def scalar(value: Any, *, key: str = "") -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int):
        return str(value)
    text = str(value)
    # codes are strings, quoted so that "0201" is never an octal number to another tool
    return _string(text, force_quote=key.endswith("编码") or key == "编码")


def _flow(value: Any, key: str = "") -> str:
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_string(str(k))}: {_flow(v, str(k))}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_flow(v, key) for v in value) + "]"
    return scalar(value, key=key)


def _is_flat(value: Any) -> bool:
    """A row of a table: a mapping of scalars or of mappings of scalars (written on one line)."""
    if not isinstance(value, Mapping):
        return False
    if any(isinstance(v, str) and "\n" in v for v in value.values()):
        return False
    return all(
        not isinstance(v, (list, tuple)) and (not isinstance(v, Mapping) or all(not isinstance(w, (Mapping, list)) for w in v.values()))
        for v in value.values()
    )


def _emit(value: Any, indent: int, out: list[str], key: str = "") -> None:
    pad = "  " * indent
    if isinstance(value, Mapping):
        for k, v in value.items():
            name = _string(str(k))
            if isinstance(v, str) and "\n" in v:
                out.append(f"{pad}{name}: {_block(v, indent + 1)}")
            elif isinstance(v, Mapping) and v:
                flow = _flow(v, str(k))
                if _is_flat(v) and all(not isinstance(w, Mapping) for w in v.values()) and len(flow) + len(pad) < _FLOW_WIDTH and len(v) > 1 and str(k) not in _BLOCK_KEYS:
                    out.append(f"{pad}{name}: {flow}")
                else:
                    out.append(f"{pad}{name}:")
                    _emit(v, indent + 1, out, str(k))
            elif isinstance(v, (list, tuple)) and v:
                out.append(f"{pad}{name}:")
                _emit(v, indent + 1, out, str(k))
            elif isinstance(v, (list, tuple)):
                out.append(f"{pad}{name}: []")
            elif isinstance(v, Mapping):
                out.append(f"{pad}{name}: {{}}")
            else:
                out.append(f"{pad}{name}: {scalar(v, key=str(k))}")
        return
    if isinstance(value, (list, tuple)):
        for item in value:
            if _is_flat(item):
                out.append(f"{pad}- {_flow(item)}")
            elif isinstance(item, Mapping):
                sub: list[str] = []
                _emit(item, indent + 1, sub)
                first = sub[0].lstrip()
                out.append(f"{pad}- {first}")
                out.extend(sub[1:])
            elif isinstance(item, str) and "\n" in item:
                out.append(f"{pad}- {_block(item, indent + 1)}")
            else:
                out.append(f"{pad}- {scalar(item, key=key)}")
        return
    out.append(f"{pad}{scalar(value, key=key)}")


# mappings always written in block style (the identity and the big sections)
_BLOCK_KEYS = frozenset({"正文", "表格", "封面"})


def _block(text: str, indent: int) -> str:
    """A literal block scalar; `|-` when the text does not end with a line break. Lines that start with a
    space need an explicit indentation indicator."""
    lines = text.split("\n")
    trailing = text.endswith("\n")
    if trailing:
        lines = lines[:-1]
    indicator = "2" if lines and lines[0].startswith(" ") else ""
    chomp = "" if trailing else "-"
    pad = "  " * indent
    body = "\n".join(f"{pad}{line}" if line else "" for line in lines)
    return f"|{indicator}{chomp}\n{body}"


def to_yaml(data: Mapping[str, Any], *, modeline: str | None = None, comments: Sequence[str] = ()) -> str:
    out: list[str] = []
    if modeline:
        out.append(f"# yaml-language-server: $schema={modeline}")
    out.extend(f"# {line}" for line in comments)
    _emit(data, 0, out)
    return "\n".join(out) + "\n"
