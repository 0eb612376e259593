"""Claim extraction over sentence shapes from the seed, the catalogue and variants."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetlint.rules.narrative.claims import Claims, _Builder, extract
from budgetlint.rules.narrative.numbers import make_view, normalise_digits
from budgetlint.rules.narrative.vocabulary import vocabulary
from conftest import EXAMPLE

SEED_S1 = """2023 年新乡市卫滨区科技和工业信息化局部门收入总
计 293.68 万元，支出总计 293.68 万元，与 2022 年预算相
比，收入增加 197.26 万元，增长 204.58%。主要原因是：本
年度对企业奖补资金较多；支出增加 197.26 万元，增长 204
.58%。主要原因是：本年度对企业奖补资金较多。
"""

SEED_S5 = """2023 年新乡市卫滨区科技和工业信息化局部门一般公
共预算支出年初预算为 112.08 万元。其中基本支出 107.08
万元，占 95.54%；项目支出 5.00 万元，占 4.46%。主要用
于以下方面：科学技术支出 235.72 万元，占 210.31%；社会
保障和就业支出 10.78 万元，占 9.62%；卫生健康支出 5.39
万元，占 4.81%；资源勘探信息等支出 25.00 万元，占 22.3
1%；商业服务业等支出 8.60 万元，占 7.67%；住房保障支出
8.19 万元，占 7.31%。
"""


def labels(claims: Claims) -> list[tuple[str, str]]:
    vocab = vocabulary()
    result = []
    for amount in claims.amounts:
        found = vocab.function_class(amount.label)
        result.append((found[1] if found else amount.label.replace("\n", ""), amount.number.text))
    return result


def test_label_broken_across_lines_and_changes_bound_to_their_totals() -> None:
    claims = extract(SEED_S1)
    assert [a.label.endswith(w) for a, w in zip(claims.amounts, ("收入总计", "支出总计"))] == [True, True]
    income, spending = claims.changes
    assert (income.subject, income.word, income.delta.text, income.rate.text, income.year) == ("收入", "增加", "197.26", "204.58", 2022)
    assert (spending.subject, spending.rate.text, spending.rate.rejoined) == ("支出", "204.58", True)
    assert (income.level, spending.level) == (0, 1)
    assert income.reason and income.reason_text == "本年度对企业奖补资金较多"


def test_shares_bind_to_amount_and_breakdown_head() -> None:
    claims = extract(SEED_S5)
    assert labels(claims)[3:] == [("科学技术支出", "235.72"), ("社会保障和就业支出", "10.78"), ("卫生健康支出", "5.39"),
                                  ("资源勘探信息等支出", "25.00"), ("商业服务业等支出", "8.60"), ("住房保障支出", "8.19")]
    assert [(s.number.text, s.amount, s.base) for s in claims.shares[:3]] == [("95.54", 1, 0), ("4.46", 2, 0), ("210.31", 3, 0)]
    assert claims.shares[5].number.text == "22.31" and claims.shares[5].number.rejoined
    # two breakdowns of the same total: “其中” (closed by the full stop) and “主要用于以下方面”
    assert [(g.head, g.items, g.opener) for g in claims.groups] == [(0, (1, 2), "其中"), (0, (3, 4, 5, 6, 7, 8), "主要用于以下方面")]


def test_nested_breakdown_and_flat_changes() -> None:
    claims = extract("“三公”经费预算为 1.30 万元。具体支出情况如下：（一）因公出国（境）费 0.00 万元；"
                     "（三）公务用车购置及运行费 1.30 万元，其中，公务用车购置费 0.00 万元，与 2022 年相比持平，"
                     "主要原因是：无购置；公务用车运行维护费 1.30 万元。")
    assert [(g.head, g.items) for g in claims.groups] == [(2, (3, 4)), (0, (1, 2))]
    flat = claims.changes[0]
    assert (flat.word, flat.direction, flat.level, flat.year, flat.reason) == ("持平", 0, 3, 2022, True)


def test_decrease_explicit_base_and_yuan() -> None:
    claims = extract("2023 年支出 1,200,000.00 元，比 2022 年减少 200,000.00 元，下降 14.29%，主要原因是压减一般性支出。"
                     "其中办公费 300,000.00 元，占支出总额的 25.00%。")
    change = claims.changes[0]
    assert (change.direction, change.delta.wan, change.rate.text, change.rate_word, change.year) == (-1, (Decimal("20.0000000"), 6), "14.29", "下降", 2022)
    share = claims.shares[0]
    # “占支出总额的”: no amount is called 支出总额, so there is no base rather than a guessed one
    assert (share.base_label, share.base, share.amount) == ("支出总额", None, 1)


def test_counts_and_enumeration() -> None:
    claims = extract("2022 年期末，我部门共有车辆 1辆，其中：一般公务用车 1辆、一般执法执勤用车 0辆；其他用车 0辆；"
                     "单价 50 万元以上通用设备 0套。")
    assert [(c.label[-4:], c.number.text) for c in claims.counts] == [
        ("共有车辆", "1"), ("公务用车", "1"), ("执勤用车", "0"), ("其他用车", "0"), ("通用设备", "0")]
    assert claims.amounts == ()  # “50 万元以上” is a threshold, not a figure


def test_year_kinds() -> None:
    text = ("纳入本部门 2022 年度部门预算编制范围的单位共 2个。依据《2021 年度预算管理办法》和新财预〔2022〕354号、"
            "新财预[2021]68号，与 2022 年相比持平。截至 2022 年 12 月 31 日，共有车辆 1辆。2023 年部门收入合计 5.00 万元。"
            "2021 年，我局获得表彰。")
    kinds = [(y.year, y.kind) for y in extract(text).years]
    assert kinds == [(2022, "本年"), (2021, "标题"), (2022, "文号"), (2021, "文号"), (2022, "比较"), (2022, "资产"),
                     (2023, "本年"), (2021, "其他")]


def test_absence_statement() -> None:
    claims = extract("我部门 2023 年无使用政府性基金预算拨款安排的支出。")
    assert [a.phrase for a in claims.absences] == ["无使用政府性基金预算拨款安排的支出"]


def test_standalone_rate_without_delta() -> None:
    change = extract("规模以上工业增加值增长 12%。").changes[0]
    assert (change.word, change.delta, change.rate.text) == ("增长", None, "12")


def test_every_claim_span_in_the_seed_holds_its_number() -> None:
    from budgetlint.engine import lint_text

    doc = lint_text(str(EXAMPLE), EXAMPLE.read_text(encoding="utf-8"), ()).disclosure
    assert doc is not None
    seen = 0
    for section in doc.all_sections():
        claims = extract(section.text)
        numbers = [a.number for a in claims.amounts] + [s.number for s in claims.shares] + [c.number for c in claims.counts]
        numbers += [y.number for y in claims.years] + [n for c in claims.changes for n in (c.delta, c.rate) if n]
        for number in numbers:
            assert normalise_digits(section.text[number.start:number.end]) == number.text
            seen += 1
        for change in claims.changes:
            assert section.text[change.word_start:change.word_end].replace("\n", "") == change.word
    assert seen > 80


@settings(max_examples=300, derandomize=True, database=None)
@given(st.text(alphabet=st.sampled_from(list("，。；：、,;:！？!?a中5 \n")), max_size=40))
def test_clause_and_sentence_starts_are_the_character_walk(text: str) -> None:
    """The builder finds clause and sentence starts by bisection; walking back is the specification."""
    builder = _Builder(make_view(text))
    source = builder.view.text
    for index in range(len(source) + 1):
        clause = sentence = index
        while clause > 0 and source[clause - 1] not in "，。；：、,;:！？!?":
            clause -= 1
        while sentence > 0 and source[sentence - 1] not in "。！？!?":
            sentence -= 1
        assert builder.clause_start(index) == clause
        assert builder.starts[builder.sentence(index)] == sentence


def test_breakdown_without_its_own_total_belongs_to_the_final_accounts_figure() -> None:
    # 规划和自然资源局 2024 部门决算 (corpus): "年初预算为 2.85 万元，支出决算为 0.39 万元" opens the section; the
    # later "具体情况如下：1、… 2、… 3、…" breaks down the 决算 figure (index 1), not the budget quoted before it
    claims = extract("“三公”经费财政拨款支出年初预算为 2.85 万元，支出决算为 0.39 万元。具体情况如下：1、因公出国（境）费"
                     "支出 0.00 万元。2、公务用车购置及运行维护费支出 0.00 万元。3、公务接待费支出 0.39 万元。")
    assert [(g.head, g.items) for g in claims.groups] == [(1, (2, 3, 4))]
    budget = extract("“三公”经费预算为 1.30 万元，运行费 0.50 万元。具体情况如下：1、因公出国（境）费 0.00 万元。")
    assert [g.head for g in budget.groups] == [0]
