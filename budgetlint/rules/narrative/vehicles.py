"""Vehicle purchases stated in the 国有资产 section, against the 三公 table and the 三公 text (issue 15 item 1).

“2025年部门预算安排购置车辆 1辆，其中：……” (Shanghai) has, besides its own parts (BL314), two counterparts in
the same file: the 三公经费表's 公务用车购置费 — no purchase, no purchase money — and a count the 三公 text gives
(“2025年新增1辆公务用车购置”), which cannot exceed all vehicles bought. Vehicles may also be bought with other
money (特种专业技术用车 from a project), so purchases without 购置费 are only a hint; 购置费 without any purchase
and more 三公 purchases than purchases are certain (warnings of BL408).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from budgetlint.finding import Related
from budgetlint.model import Disclosure
from budgetlint.rules.narrative.checks import count_segments
from budgetlint.rules.narrative.claims import Count
from budgetlint.rules.narrative.composition import Judgement, Stated
from budgetlint.rules.narrative.sections import NarrativeSection, doc_vocabulary, narrative

_PURCHASES = "购置车辆"  # the vocabulary key of the purchase total (国有资产 topic)
_PURCHASE_COST = ("本年", "公务用车购置及运行费", "公务用车购置费")
# “新增1辆公务用车购置”, “购置公务用车 1 辆”, “更新 2 辆公务用车”
_BOUGHT_BEFORE = re.compile(r"(?:新增|购置|更新|新购)(?:公务用车)?$")
_VEHICLE_AFTER = re.compile(r"^\s*(?:公务用车|车辆|辆公务用车)")


def purchase_judgements(doc: Disclosure) -> tuple[Judgement, ...]:
    return doc.cached(("vehicle purchase judgements",), lambda: tuple(_purchase_judgements(doc)))


def _purchases(doc: Disclosure) -> tuple[NarrativeSection, Stated] | None:
    """The first stated purchase total (“预算安排购置车辆 1辆”) of the 国有资产 section."""
    for ns in narrative(doc):
        for segment in count_segments(doc, ns):
            if segment.identity.total == _PURCHASES:
                total = segment.total
                return ns, Stated(Count(total.label, total.number), f"{total.label} {total.number.text} 辆")
    return None


def _purchase_judgements(doc: Disclosure) -> Iterator[Judgement]:
    found = _purchases(doc)
    if found is None:
        return
    ns, bought = found
    table = doc.table("三公经费表")
    if table is not None and table.prints(*_PURCHASE_COST):
        cost = table.amount(*_PURCHASE_COST)
        label = table.cell_label(*_PURCHASE_COST)
        cells = (Related(cost.at, f"{label} {cost.show()}"),)
        if bought.value == 0:
            yield Judgement(ns, bought.number, ((ns, bought),), f"购置车辆数与{label}", cost.value == 0,
                            f"{ns.name}：{bought.words}，但{label} {cost.show()}：不购置车辆就不应安排公务用车购置费", True, cells)
        else:
            yield Judgement(ns, bought.number, ((ns, bought),), f"购置车辆数与{label}", cost.value > 0,
                            f"{ns.name}：{bought.words}，但{label}为{cost.show()}：请确认车辆由何种经费购置", False, cells)
    vocab = doc_vocabulary(doc)
    for other in narrative(doc):
        if other.topic != "三公经费" or vocab.topics.get("三公经费") is None:
            continue
        for count in other.claims.counts:
            after = other.claims.view.text[count.number.vunit_end:count.number.vunit_end + 8]
            label = count.label.strip()
            if count.number.unit == "辆" and _BOUGHT_BEFORE.search(label) and (label.endswith("公务用车") or _VEHICLE_AFTER.match(after)):
                stated = Stated(count, f"新增 {count.number.text} 辆公务用车")
                yield Judgement(other, count.number, ((other, stated), (ns, bought)), f"三公经费中的购置车辆数 ≤ {ns.name}中的{bought.words}",
                                count.number.value <= bought.value,
                                f"{other.name}：{stated.words}，多于{ns.name}中的{bought.words}", True)
