"""The narrative prose of the real corpus PDFs (../shared/corpus), read at test time, as disclosures.

Why at test time: the corpus must never be committed, not even as a transcription. Only the narrative
is read (the tables are `budgetlint import`'s job on another branch): each top-level heading of the
情况说明 (“一、…”) becomes a section, the 预算编制说明 one section, so the narrative rules run on the
real wording. Callers skip when the corpus or pdfplumber is absent.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "shanghai-putuo"

_HEADING = re.compile(r"^[一二三四五六七八九十]+、\S")
_TABLE_PAGE = re.compile(r"单位[：:]\s*(?:万?元)|编制部门[：:]|预算表$|决算表$", re.M)
_NAME = re.compile(r"(?P<who>\w+?)-(?P<year>\d{4})-(?P<level>bumen|danwei)-(?P<kind>yusuan|juesuan)")


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []


@lru_cache(maxsize=16)
def pages(path: Path) -> tuple[str, ...]:
    import pdfplumber  # imported here: the suite skips these tests when it is not installed

    with pdfplumber.open(path) as pdf:
        return tuple(page.extract_text() or "" for page in pdf.pages)


def _narrative_pages(path: Path, kind: str) -> list[str]:
    """Pages of the 编制说明 / 情况说明 (预算) or of the 情况说明 part (决算), in order."""
    chosen: list[str] = []
    inside = False
    for text in pages(path)[2:]:  # cover and table of contents
        first = text.strip().splitlines()[0] if text.strip() else ""
        if kind == "预算":
            if re.search(r"编制说明$|其他相关情况说明$", first):
                inside = True
            elif _TABLE_PAGE.search(text) or "经费情况说明" in first or "名词解释" in first:
                inside = False
        else:
            if first.startswith("第三部分") and "情况说明" in text[:200]:
                inside = True
            elif first.startswith("第四部分") or first.startswith("第二部分"):
                inside = False
        if inside:
            chosen.append(text)
    return chosen


def sections(path: Path, kind: str) -> list[dict[str, Any]]:
    """The narrative split at its top-level headings (text before the first heading is its own section);
    a section whose lines include “（一）……情况” headings (十一、其他重要事项) gets them as 小节."""
    found: list[dict[str, Any]] = []
    title, lines = "", []
    for page in _narrative_pages(path, kind):
        for line in page.splitlines():
            bare = line.strip()
            if not bare or bare.startswith("第三部分") or bare == "情况说明" or bare == "其他相关情况说明":
                continue
            if _HEADING.match(bare) or re.search(r"\d{4}年(?:部门|单位)预算编制说明$", bare):
                if lines:
                    found.append(_section(title or "说明", lines))
                title, lines = bare, []
            else:
                lines.append(line)
    if lines:
        found.append(_section(title or "说明", lines))
    return found


_SUBHEADING = re.compile(r"^（[一二三四五六七八九十]+）[^\d，。；：]*(?:情况|情况说明)$")


def _section(title: str, lines: list[str]) -> dict[str, Any]:
    heads = [i for i, line in enumerate(lines) if _SUBHEADING.match(line.strip())]
    if len(heads) < 2 or not title.startswith("十一、"):
        return {"标题": title, "文本": "\n".join(lines) + "\n"}
    parts = [{"标题": lines[a].strip(), "文本": "\n".join(lines[a + 1:b]) + "\n"} for a, b in zip(heads, [*heads[1:], len(lines)])]
    section: dict[str, Any] = {"标题": title, "小节": parts}
    if heads[0] > 0:
        section["文本"] = "\n".join(lines[:heads[0]]) + "\n"
    return section


def disclosure(path: Path) -> dict[str, Any]:
    """A format-v1 disclosure holding only this PDF's narrative."""
    match = _NAME.search(path.stem)
    assert match, path
    kind = "决算" if match["kind"] == "juesuan" else "预算"
    profile = "national-juesuan" if kind == "决算" else ("shanghai-unit" if match["level"] == "danwei" else "shanghai")
    return {"格式版本": 1, "部门": match["who"], "年度": int(match["year"]), "类型": kind, "规范": profile,
            "金额单位": "万元", "正文": {"情况说明": {"章节": sections(path, kind)}}, "表格": {}}


def disclosure_text(path: Path) -> str:
    return json.dumps(disclosure(path), ensure_ascii=False, indent=1)
