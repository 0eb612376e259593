"""Parser errors in Chinese: libyaml's and the json module's messages in words a finance reviewer can act on.

The original English follows each message in brackets, so it can still be searched for.
"""

from __future__ import annotations

import json

import yaml

from budgetlint.finding import Span
from budgetlint.loader.document import LoadProblem
from budgetlint.loader.nodes import LIBYAML_MAX_NESTING, mark_span
from budgetlint.loader.positions import offset_span

# libyaml's messages, in the words a finance reviewer can act on.
YAML_PROBLEMS = {
    "found character that cannot start any token": "这里的字符不能开始任何 YAML 内容（常见原因：用 Tab 缩进，或值以 @、` 等保留字符开头而没有加引号）",
    "could not find expected ':'": "找不到键后面应有的冒号“: ”",
    "mapping values are not allowed in this context": "此处不能出现“键: 值”（常见原因：值里含有“: ”却没有加引号，或缩进不对）",
    "mapping values are not allowed here": "此处不能出现“键: 值”（常见原因：值里含有“: ”却没有加引号，或缩进不对）",
    "block sequence entries are not allowed in this context": "此处不能出现列表项“- ”（检查缩进）",
    "found unexpected end of stream": "文件意外结束（引号或括号没有闭合，文件可能被截断）",
    "found unknown escape character": "双引号字符串中有未知的转义字符（反斜杠要写成 \\\\，或改用单引号）",
    "found invalid Unicode character escape code": "双引号字符串中的 \\u 转义不是有效的 Unicode 字符",
    "did not find expected hexdecimal number": "\\x、\\u 转义后面应是十六进制数字",
    "found a tab character that violates indentation": "缩进中有 Tab 字符：YAML 只能用空格缩进",
    "found a tab character where an indentation space is expected": "缩进中有 Tab 字符：YAML 只能用空格缩进",
    "did not find expected comment or line break": "这一行多出了内容（此处只能是注释或换行）",
    "found unexpected document indicator": "字符串中间出现了文档分隔符（行首的 --- 或 ...）",
    "exceeded maximum nesting depth": f"嵌套层数超过 YAML 解析器的上限（{LIBYAML_MAX_NESTING} 层）",
    "did not find expected <document start>": "此处多出了内容（文档已经结束）",
    "did not find expected key": "此处应是一个键（检查这一行的缩进是否与同级的键对齐）",
    "did not find expected '-' indicator": "此处应是列表项“- ”（检查缩进）",
    "did not find expected node content": "此处缺少值",
    "did not find expected ',' or ']'": "方括号列表中缺少逗号“,”或右括号“]”",
    "did not find expected ',' or '}'": "花括号映射中缺少逗号“,”或右括号“}”",
    "found undefined alias": "别名引用了不存在的锚点（别名本身也不允许使用）",
    "found undefined tag handle": "标签前缀没有定义（公开文件不应使用标签）",
    "did not find expected alphabetic or numeric character": "锚点或别名的名字不完整",
    "found an indentation indicator equal to 0": "文本块（| 或 >）的缩进数字不能是 0",
    "found unexpected ':'": "此处的冒号“:”不能出现（含冒号的值请加引号）",
}
YAML_CONTEXTS = {
    "while parsing a block mapping": "这个映射",
    "while parsing a block collection": "这个列表",
    "while parsing a flow sequence": "这个方括号列表 [ ]",
    "while parsing a flow mapping": "这个花括号映射 { }",
    "while scanning a quoted scalar": "这个引号字符串",
    "while scanning a simple key": "这个键",
    "while scanning a block scalar": "这个文本块（| 或 >）",
    "while parsing a block node": "这个值",
    "while parsing a flow node": "这个值",
    "while scanning a plain scalar": "这段文字",
    "while scanning an anchor": "这个锚点",
    "while scanning an alias": "这个别名",
    "while scanning a tag": "这个标签",
}


def _reader_error(error: yaml.reader.ReaderError, text: str) -> LoadProblem:
    """libyaml reports a byte offset into the UTF-8 encoding of the text."""
    offset = len(text.encode("utf-8")[: error.position].decode("utf-8", errors="ignore"))
    return LoadProblem(f"文件包含不允许的控制字符 U+{error.character:04X}：请删除它（常见于从 PDF 或 Excel 复制的文本）",
                       offset_span(text, offset))


def yaml_problem(error: yaml.YAMLError, text: str) -> LoadProblem:
    if isinstance(error, yaml.reader.ReaderError):
        return _reader_error(error, text)
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    if context and "expected a single document" in str(context):
        return LoadProblem("一个文件只能包含一份公开（发现多个 YAML 文档，“---”）", mark_span(mark))
    words = YAML_PROBLEMS.get(problem)
    message = f"YAML 语法错误：{words}（{problem}）" if words else f"YAML 语法错误：{problem}"
    context_mark = getattr(error, "context_mark", None)
    related: tuple[tuple[Span, str], ...] = ()
    if context in YAML_CONTEXTS and context_mark is not None and context_mark is not mark:
        related = ((mark_span(context_mark), f"{YAML_CONTEXTS[context]}从这里开始"),)
    return LoadProblem(message, mark_span(mark), related)


# json.JSONDecodeError.msg → Chinese. The message keeps the original for searching.
JSON_PROBLEMS = {
    "Expecting value": "此处缺少值",
    "Expecting ',' delimiter": "此处缺少逗号“,”（或括号没有闭合）",
    "Expecting ':' delimiter": "键后面缺少冒号“:”",
    "Expecting property name enclosed in double quotes": "此处应是用双引号括起的键（JSON 不允许末尾多余的逗号，也不允许单引号）",
    "Unterminated string starting at": "字符串没有结束的双引号",
    "Invalid control character at": "字符串中有未转义的控制字符（换行要写成 \\n）",
    "Invalid \\escape": "字符串中有无效的反斜杠转义",
    "Invalid \\uXXXX escape": "字符串中有无效的 \\u 转义",
    "Extra data": "JSON 值结束后还有多余的内容",
}


def json_syntax_problem(error: json.JSONDecodeError) -> LoadProblem:
    words = JSON_PROBLEMS.get(error.msg)
    message = f"JSON 语法错误：{words}（{error.msg}）" if words else f"JSON 语法错误：{error.msg}"
    return LoadProblem(message, Span.point(error.lineno, error.colno))
