"""Real prose from many provinces (issue 15, “Done when”): the reader on the styles real disclosures use.

Each file in tests/narrative/provinces/ holds passages written for budgetlint in the sentence structure and
figure patterns of real 部门预算/决算 情况说明 of one province (the source addresses are in the file; the
wording and figures are our own). A passage is embedded as the 情况说明 of a minimal document of its profile
(the clean fixture of that profile with its tables removed: the tables are “elsewhere”) and checked with
the narrative, 决算, unit and hygiene rules.

* No passage may get an error or warning it does not expect (precision first). A passage on which a
  capability still missing from the reader gives a false finding says so in ``已知误报`` and is
  ``xfail(strict=True)``: when the capability lands, the test passes and must be updated.
* Every expected finding (rule, the figure its message names) must be found; one that needs a capability
  the reader does not have yet says so in ``待实现`` and is ``xfail(strict=True)`` the same way.
* ``test_recall_and_false_findings`` prints recall and the false findings (``pytest -s``).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml

from budgetlint.engine import EngineConfig, lint_text
from budgetlint.finding import Finding, Severity
from budgetlint.rule import load_rules
from budgetlint.source import load_yaml
from conftest import ROOT, to_json_text

PROVINCES = Path(__file__).parent / "provinces"
FIXTURES = ROOT / "tests" / "fixtures"
# The clean document each profile's passages are embedded in (its tables are removed).
PROFILE_FIXTURE = {
    "national": "clean-national-2024.yaml",
    "national-juesuan": "clean-national-juesuan-2023.yaml",
    "henan": "clean-henan-2023.yaml",
    "sichuan": "clean-sichuan-2024.yaml",
    "shanghai": "clean-shanghai-2024.yaml",
    "shanghai-unit": "clean-shanghai-unit-2024.yaml",
}
# Table rules (BL0xx–BL2xx) say nothing useful about a document whose tables are elsewhere.
CHECKED_PREFIXES = ("BL3", "BL4", "BL5", "BL6", "BL7")
ANY_RULE = "任意"
RULES = load_rules()
ENABLED = frozenset(r.id for r in RULES if r.id.startswith(CHECKED_PREFIXES))


class Expected(NamedTuple):
    rule: str
    figure: str  # a figure as the message prints it (“12.00%”, “300.00 万元”); empty: any finding of the rule
    severity: str  # error | warning | info | "" (error or warning)


class Passage(NamedTuple):
    id: str
    province: str
    source: str
    profile: str
    kind: str  # 预算 | 决算
    scope: str  # 部门 | 单位
    year: int
    department: str
    sections: tuple[dict[str, str], ...]
    expected: tuple[Expected, ...]
    not_reported: tuple[tuple[str, str], ...]  # (rule, why it must stay quiet)
    pending: str  # 待实现: the capability an expected finding needs
    known_false: str  # 已知误报: the capability whose absence gives a false finding


def _passage(province: str, sources: dict[str, str], raw: dict[str, Any]) -> Passage:
    sections = raw.get("章节") or [{"标题": raw["标题"], "文本": raw["文本"]}]
    expected = tuple(Expected(e["规则"], str(e.get("数字", "")), e.get("级别", "")) for e in raw.get("应报告") or ())
    quiet = tuple((q["规则"], q["原因"]) for q in raw.get("不应报告") or ())
    return Passage(
        id=raw["id"], province=province, source=sources[raw["来源"]], profile=raw["规范"], kind=raw["类型"],
        scope=raw.get("口径", "部门"), year=int(raw["年度"]), department=raw.get("部门", "某单位"),
        sections=tuple({k: str(v) for k, v in s.items()} for s in sections), expected=expected, not_reported=quiet,
        pending=raw.get("待实现", ""), known_false=raw.get("已知误报", ""),
    )


def load_passages() -> list[Passage]:
    passages = []
    for path in sorted(PROVINCES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        sources = {key: entry["地址"] for key, entry in data["来源"].items()}
        passages += [_passage(data["省份"], sources, raw) for raw in data["段落"]]
    return passages


PASSAGES = load_passages()


@functools.cache
def _fixture(name: str) -> Any:
    return load_yaml((FIXTURES / name).read_text(encoding="utf-8")).document.data  # type: ignore[union-attr]


def document(p: Passage) -> dict[str, Any]:
    """The passage as the 情况说明 of a minimal document of its profile, its year, kind and scope."""
    data = dict(_fixture(PROFILE_FIXTURE[p.profile]))
    title = f"{p.department}{p.year}年度{p.scope}{p.kind}"
    data.update({
        "部门": p.department, "年度": p.year, "类型": p.kind, "表格": {}, "附件标题": f"{title}表",
        "正文": {
            "概况": {"标题": f"{p.department}概况", "章节": [{"标题": "一、主要职能", "文本": "负责本单位职责范围内的工作。\n"}]},
            "情况说明": {"标题": f"{title}情况说明", "章节": [dict(s) for s in p.sections]},
        },
    })
    data.pop("包含单位", None)
    return data


@functools.cache
def findings(passage_id: str) -> tuple[Finding, ...]:
    p = next(x for x in PASSAGES if x.id == passage_id)
    result = lint_text(f"{p.id}.json", to_json_text(document(p)), RULES, EngineConfig(enabled=ENABLED))
    problems = [f.message for f in result.findings if f.rule_id in ("BL001", "BL002")]
    assert not problems, f"{p.id}: the embedded document is not a valid disclosure: {problems}"
    return tuple(result.findings)


def _matches(finding: Finding, expected: Expected) -> bool:
    # 规则 “任意”: a capability whose rule is not written yet; any rule naming the figure will do
    if expected.rule not in (finding.rule_id, ANY_RULE) or (expected.figure and expected.figure not in finding.message):
        return False
    if expected.severity:
        return finding.severity.label == expected.severity
    return finding.severity > Severity.INFO


def found_expected(p: Passage) -> list[Expected]:
    return [e for e in p.expected if any(_matches(f, e) for f in findings(p.id))]


def false_findings(p: Passage) -> list[Finding]:
    """Findings no expected entry accounts for: errors and warnings, and any finding of a rule that must stay quiet."""
    quiet = {rule for rule, _ in p.not_reported}
    return [f for f in findings(p.id)
            if not any(_matches(f, e) for e in p.expected) and (f.severity > Severity.INFO or f.rule_id in quiet)]


def _marked(p: Passage, reason: str) -> Any:
    return pytest.param(p, id=p.id, marks=pytest.mark.xfail(strict=True, reason=reason) if reason else ())


@pytest.mark.parametrize("passage", [_marked(p, p.known_false) for p in PASSAGES])
def test_no_false_findings(passage: Passage) -> None:
    wrong = [f"{f.rule_id} {f.severity.label}: {f.message}" for f in false_findings(passage)]
    assert wrong == [], f"{passage.id}（{passage.source}）"


@pytest.mark.parametrize("passage", [_marked(p, p.pending) for p in PASSAGES if p.expected])
def test_expected_findings_are_found(passage: Passage) -> None:
    missing = [e for e in passage.expected if e not in found_expected(passage)]
    got = [f"{f.rule_id} {f.severity.label}: {f.message}" for f in findings(passage.id)]
    assert missing == [], f"{passage.id}: 未发现 {missing}；实际 {got}"


def test_the_set_covers_ten_provinces_and_eighty_passages() -> None:
    assert len(PASSAGES) >= 80
    assert len({p.province for p in PASSAGES}) >= 10
    assert len({p.id for p in PASSAGES}) == len(PASSAGES)
    for p in PASSAGES:
        assert p.source.startswith("http"), p.id
        assert p.profile in PROFILE_FIXTURE and p.kind in ("预算", "决算"), p.id
        assert p.expected or p.not_reported, f"{p.id}: 每段都要写明应报告或不应报告的内容"


def test_recall_and_false_findings(capsys: pytest.CaptureFixture[str]) -> None:
    """The figures of the closing note: printed, and the part that must hold today asserted."""
    expected = [(p, e) for p in PASSAGES for e in p.expected]
    found = [(p, e) for p, e in expected if e in found_expected(p)]
    catchable = [(p, e) for p, e in expected if not p.pending]
    wrong = [(p, f) for p in PASSAGES for f in false_findings(p)]
    lines = [
        f"省份 {len({p.province for p in PASSAGES})}，段落 {len(PASSAGES)}，应报告 {len(expected)} 处，"
        f"发现 {len(found)} 处（召回率 {len(found) / len(expected):.1%}）；其中读者现有能力应能发现的 {len(catchable)} 处",
        f"误报（错误/警告，或不应报告的规则）{len(wrong)} 处，其中已标注待修复 {sum(1 for p, _ in wrong if p.known_false)} 处",
        *(f"  误报 {p.id}: {f.rule_id} {f.severity.label} {f.message}" for p, f in wrong),
        *(f"  未发现 {p.id}: {e.rule} {e.figure}（{p.pending or '应能发现'}）" for p, e in expected if (p, e) not in found),
    ]
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert all(e in found_expected(p) for p, e in catchable)
    assert all(p.known_false for p, _ in wrong)
