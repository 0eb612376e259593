"""argparse in Chinese: usage, section titles, the -h help and every error the command line can produce.

argparse translates its own strings through ``gettext`` (the ``_`` and ``ngettext`` names in its module),
and no Chinese catalogue ships with Python. :class:`chinese` swaps those two names for a lookup in the
table below while budgetlint builds its parser, parses and prints help, then puts the originals back, so
other argparse users in the same process (pytest, a host application) are untouched. A string missing
from the table (a Python release that words a message differently) stays English rather than failing.
"""

from __future__ import annotations

import argparse

TYPE_CHECKING = False  # as in budgetlint.cli: typing is not imported at run time (start-up)
if TYPE_CHECKING:
    from types import TracebackType
    from typing import Any

# msgid (argparse's English, Python 3.10–3.13) → Chinese; %-placeholders are kept as argparse fills them.
MESSAGES: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",  # Python 3.9 and earlier
    "subcommands": "子命令",
    "show this help message and exit": "显示此帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s: 错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "需要以下参数之一：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是：%(matches)s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的%(type)s",
    "ignored explicit argument %r": "选项不接受值：%r",
    "unexpected option string: %s": "意外的选项：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的子命令 %(parser_name)r（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
}


def translate(message: str) -> str:
    return MESSAGES.get(message, message)


def translate_plural(singular: str, plural: str, count: int) -> str:
    return translate(singular if count == 1 else plural)


class chinese:  # lower case: used as ``with chinese():``, like a function
    """While active, argparse speaks Chinese (its gettext hooks point at :data:`MESSAGES`)."""

    def __enter__(self) -> None:
        module: Any = argparse
        self.saved = (module._, module.ngettext)
        module._, module.ngettext = translate, translate_plural

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        module: Any = argparse
        module._, module.ngettext = self.saved


def _width(text: str) -> int:
    """Columns a terminal gives ``text``: CJK characters and full-width punctuation take two."""
    return sum(2 if ch >= "\u1100" and _wide(ch) else 1 for ch in text)


def _wide(ch: str) -> bool:
    import unicodedata  # loaded only when help is printed

    return unicodedata.east_asian_width(ch) in ("W", "F")


class Formatter(argparse.HelpFormatter):
    """argparse's layout counts characters; a Chinese character takes two columns on a terminal.

    Help text is wrapped by columns (a line may break between any two Chinese characters, or at a
    space), and the padding after an option name with Chinese in it (``--config 文件``) is shortened
    by its extra columns so the help column stays straight.
    """

    def _format_usage(self, usage: Any, actions: Any, groups: Any, prefix: Any) -> str:
        """argparse wraps the usage by characters: wrap it again by columns when it holds Chinese."""
        text: str = super()._format_usage(usage, actions, groups, prefix)
        lead = f"{translate('usage: ') if prefix is None else prefix}{self._prog}"
        if _width(text) == len(text) or not text.startswith(lead):
            return text
        import re  # already imported by argparse

        # argparse's units: an optional group in brackets (one level of nesting) or a word
        parts = re.findall(r"\[(?:[^\[\]]|\[[^\[\]]*\])*\]|\S+", " ".join(text[len(lead):].split()))
        indent = _width(lead) + 1
        lines, line, used = [], lead, indent
        for part in parts:
            if line and used + _width(part) > self._width and line != lead:
                lines.append(line)
                line, used = " " * (indent - 1), indent
            line += " " + part
            used += _width(part) + 1
        lines.append(line)
        return "\n".join(lines) + "\n\n"

    def _split_lines(self, text: str, width: int) -> list[str]:
        lines: list[str] = []
        line, used = "", 0
        for word in _words(" ".join(text.split())):
            size = _width(word)
            if line and used + size > width:
                lines.append(line.rstrip())
                line, used = "", 0
                word = word.lstrip()
                size = _width(word)
            line += word
            used += size
        if line:
            lines.append(line.rstrip())
        return lines

    def _format_action(self, action: argparse.Action) -> str:
        text = super()._format_action(action)
        prefix = " " * self._current_indent + self._format_action_invocation(action)
        extra = _width(prefix) - len(prefix)
        rest = text[len(prefix):]
        if not extra or not text.startswith(prefix) or not rest.startswith("  "):
            return text
        spaces = len(rest) - len(rest.lstrip(" "))
        if spaces >= extra + 2:
            return prefix + rest[extra:]
        # too wide for the name column: the help starts on the next line, as argparse does for long names
        return prefix + "\n" + " " * (len(prefix) + spaces) + rest[spaces:]


class Parser(argparse.ArgumentParser):
    """An ArgumentParser laid out by :class:`Formatter`; its subcommands' parsers are of this class too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)


_NO_LINE_START = frozenset("，。、；：！？）》」』】”’")


def _words(text: str) -> list[str]:
    """Units a line may break between: a run of non-wide characters with its leading space, or one wide character."""
    words: list[str] = []
    for ch in text:
        if words and ch in _NO_LINE_START:  # “，”“）”… never begin a line (Chinese line-breaking rules)
            words[-1] += ch
        elif _wide(ch) or not words or _wide(words[-1][-1]) or ch == " ":
            words.append(ch)
        else:
            words[-1] += ch
    return words


def integer(text: str) -> int:
    """``type=`` for integer options: argparse names the type in its error (“'x' 不是有效的整数”)."""
    return int(text)


integer.__name__ = "整数"
