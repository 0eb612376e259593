"""Bytes → text, or a located BL001 problem that says which encoding the file is in and how to convert it.

budgetlint reads UTF-8 (with or without BOM) only. Chinese finance staff often save from Windows
tools in GBK/GB18030 (the ANSI code page of Chinese Windows) or UTF-16 ("Unicode" in Notepad and
Excel's "Unicode text"); those are recognised by cheap byte checks and reported with an ``iconv``
command. Nothing here raises for any input.
"""

from __future__ import annotations

import codecs
import re

from budgetlint.finding import Span
from budgetlint.loader.document import LoadProblem
from budgetlint.loader.positions import offset_span

_CONVERT = "请在编辑器中另存为 UTF-8，或运行 iconv -f {name} -t UTF-8 原文件 > 新文件"
# UTF-32 BOMs first: the UTF-32LE BOM starts with the UTF-16LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
# Patterns, compiled by re (and cached there) at their first use: they serve only files that are not
# UTF-8, and compiling them at import cost about 1.5 ms of every start.
_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_CJK = r"[\u3400-\u9fff]"


def decode_bytes(data: bytes) -> tuple[str | None, LoadProblem | None]:
    """(text, None) for UTF-8 input (BOM removed), else (None, a problem at the first bad byte)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    else:
        for bom, name in _BOMS:
            if data.startswith(bom):
                return None, _wrong_encoding(f"文件是 {name} 编码（带 BOM）", name, Span.point(1, 1))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, _not_utf8(data, error.start)
    nul = text.find("\x00")
    if nul >= 0:  # ASCII-only UTF-16 without BOM is valid UTF-8 full of NULs
        utf16 = _utf16_without_bom(data)
        if utf16:
            return None, _wrong_encoding(f"文件是 {utf16} 编码（无 BOM）", utf16, Span.point(1, 1))
        return None, LoadProblem("文件包含 NUL 字符（\\0），不是文本文件：可能是二进制文件或损坏的文件，请检查文件内容",
                                 offset_span(text, nul))
    return text, None


def _wrong_encoding(what: str, name: str, span: Span) -> LoadProblem:
    return LoadProblem(f"{what}，budgetlint 只读取 UTF-8：{_CONVERT.format(name=name)}", span)


def _not_utf8(data: bytes, start: int) -> LoadProblem:
    name = _utf16_without_bom(data)
    if name:
        return _wrong_encoding(f"文件是 {name} 编码（无 BOM）", name, Span.point(1, 1))
    span = _byte_point(data, start)
    if _looks_gb18030(data):
        return _wrong_encoding("文件似乎是 GBK/GB18030 编码（中文 Windows 的默认编码），从这里起不是 UTF-8", "GB18030", span)
    return LoadProblem(
        f"文件不是 UTF-8 文本：这里的字节 0x{data[start]:02X} 无法按 UTF-8 解码。"
        "若是其他编码的文本，请转换为 UTF-8（iconv -f 原编码 -t UTF-8 原文件 > 新文件）；"
        "若是二进制文件（Excel、PDF、压缩包等），请先转写为 YAML 或 JSON", span)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16LE/BE without BOM: ASCII characters (':', spaces, digits, newlines) put NUL bytes on one side."""
    even, odd = data[0::2].count(0), data[1::2].count(0)
    zeros, other = max(even, odd), min(even, odd)
    if zeros == 0 or other * 10 > zeros:  # NULs on both sides: binary, or UTF-32
        return None
    name = "UTF-16LE" if odd > even else "UTF-16BE"
    try:
        text = data[: len(data) // 2 * 2].decode(name)
    except UnicodeDecodeError:
        return None
    # every disclosure has "键: 值" lines; a stray NUL in a UTF-8 file decodes to no colon at all
    return name if ":" in text and re.search(_CONTROL, text) is None else None


def _looks_gb18030(data: bytes) -> bool:
    """GB18030 decodes much binary too; require clean text with Chinese characters in it."""
    if b"\x00" in data:
        return False
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return re.search(_CONTROL, text) is None and re.search(_CJK, text) is not None


def _byte_point(data: bytes, offset: int) -> Span:
    """Line and column (code points) of byte ``offset``; the bytes before it are valid UTF-8."""
    before = data[:offset].decode("utf-8", errors="replace")
    return offset_span(before + " ", len(before))
