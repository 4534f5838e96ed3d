"""The bad-faith trademark detector on small hand-made registers, against both stores."""

from __future__ import annotations

from datetime import date

from graph.records import NodeRef
from risk.detectors import BadFaithTrademark
from risk.detectors.bad_faith_trademark import assess_one, chance_rate, known_index
from risk.detectors.trademark_filings import load
from risk.engine import detect, grade
from risk.policy import load_policy
from tests.risk.trademark_graph import RANDOM_WORDS, Register, bad_filer, base

AS_OF = date(2025, 6, 30)


def run(store, as_of=AS_OF):
    return {f.entity: f for f in BadFaithTrademark().run(store, load_policy(), as_of)}


def test_a_filer_of_near_copies_in_a_burst_over_classes_is_flagged_with_every_factor(store):
    reg = Register()
    known = base(reg)
    buyer = reg.company("B1", "常州某某贸易有限公司")
    filer, marks = bad_filer(reg, "F1", "南京越万商务咨询有限公司", 5000000, buyer=buyer,
                             opponent=known["H1"])
    reg.write(store)
    found = run(store)
    assert set(found) == {filer}
    finding = found[filer]
    parts = finding.facts["parts"]
    assert set(parts) == {"copies", "well_known_copies", "burst", "classes", "scope_mismatch",
                          "for_sale", "lost_challenges"}
    assert finding.facts["copies"] == 5 and finding.facts["filings"] == 16
    assert finding.score == 1.0
    why = {(e.ref.id, e.why) for e in finding.evidence}
    # every copy points at the mark it copies and says how it was varied
    assert any(ref == known["恒达"].id for ref, _ in why)
    assert any("繁简转换" in text and "恆達" in text for _, text in why)
    assert any("同音替换" in text and "华峰" in text for _, text in why)  # the enforced mark, its class
    assert any(ref == buyer.id and "注册后" in text for ref, text in why)
    assert finding.policy_entry.startswith("bad_faith_trademark.min_score@")
    assert parts["burst"]["policy_entry"].startswith("bad_faith_trademark.min_burst@")
    assert "第八条" in finding.basis and finding.documents == ["tmfile"]


def test_a_big_filer_spread_over_classes_without_copies_is_not_flagged(store):
    reg = Register()
    base(reg)
    big = reg.company("L1", "常州宏远电器股份有限公司", "家用电器的制造与销售")
    for i in range(30):
        word = "宏远" if i % 2 else RANDOM_WORDS[i % len(RANDOM_WORDS)]
        reg.mark(big, str(6000000 + i), word, (9, 11, 3, 6, 7, 12, 20, 28)[i % 8],
                 f"2020-{1 + i % 12:02d}-01", f"2021-{1 + i % 12:02d}-01")
    reg.write(store)
    assert run(store) == {}
    assessment = assess_one(load(store, AS_OF), load_policy(), big, known_index(load(store, AS_OF)))
    assert {p.name for p in assessment.parts} >= {"burst", "classes"}  # it looks busy, yet copies nothing


def test_own_trade_names_earlier_filings_and_unknown_prior_marks_are_not_copies(store):
    reg = Register()
    known = base(reg)
    own = reg.company("T1", "扬州衡达酒业有限公司", "白酒的生产与销售")  # its own name sounds like 恒达
    reg.mark(own, "7000001", "衡达", 33, "2012-01-01", "2013-01-01")
    earlier = reg.company("T2", "昆山恒达五金有限公司", "五金制品的制造与销售")
    reg.mark(earlier, "7000002", "恒达", 6, "2005-01-01", "2006-01-01")  # before the well-known mark
    quiet = reg.company("Q1", "南京青禾食品有限公司", "食品的生产与销售")
    prior = reg.mark(quiet, "7000003", "青禾", 30, "2010-01-01", "2011-01-01")  # never enforced
    other = reg.company("T3", "苏州睿成商务咨询有限公司", "商务信息咨询")
    reg.mark(other, "7000004", "清禾", 30, "2019-01-01")
    reg.mark(other, "7000005", "鑫泰之家", 20, "2019-02-01")  # well-known: copied in any class
    reg.write(store)
    register = load(store, AS_OF)
    index, policy = known_index(register), load_policy()
    assert assess_one(register, policy, own, index).copies == []
    assert assess_one(register, policy, earlier, index).copies == []
    copies = assess_one(register, policy, other, index).copies
    assert [(c.mark.text, c.original.ref, c.how) for c in copies] == [("鑫泰之家", known["鑫泰"], "added")]
    reg.enforced(prior, "2018-06-01")  # now a decision shows the mark is in use and protected
    reg.write(store)
    register = load(store, AS_OF)
    copies = assess_one(register, policy, other, known_index(register)).copies
    assert {c.mark.text for c in copies} == {"清禾", "鑫泰之家"}


def test_filings_after_the_as_of_date_are_not_yet_known(store):
    reg = Register()
    base(reg)
    bad_filer(reg, "F1", "南京越万商务咨询有限公司", 5000000)
    reg.write(store)
    assert run(store, as_of=date(2019, 12, 31)) == {}
    assert set(run(store)) == {NodeRef("Company", "F1")}


def test_the_finding_costs_the_filer_its_grade(store):
    reg = Register()
    base(reg)
    filer, _ = bad_filer(reg, "F1", "南京越万商务咨询有限公司", 5000000)
    reg.write(store)
    policy = load_policy()
    detect(store, policy, AS_OF, detectors=["bad_faith_trademark.v1"])
    grades = {g.entity: g for g in grade(store, policy, AS_OF).grades}
    factors = {f.name: f for f in grades[filer].factors}
    assert factors["bad_faith_trademark"].points == policy.value("factor.bad_faith_trademark")
    assert factors["bad_faith_trademark"].policy_entry.startswith("factor.bad_faith_trademark@")
    assert grades[filer].score < grades[NodeRef("Company", "H1")].score


def crowded(reg: Register, filers: int = 100) -> None:
    """Ordinary filers, a third of whose marks sound like the well-known 恒达 by coincidence:
    1,200 marks of one class and length, enough for the register's chance rate."""
    for n in range(filers):
        who = reg.company(f"O{n:03d}", f"常州第{n}电子科技有限公司", "电子产品的研发与销售")
        for i in range(12):
            text = "衡达" if i % 3 == 0 else RANDOM_WORDS[(n + i) % len(RANDOM_WORDS)]
            reg.mark(who, str(8000000 + n * 12 + i), text, 9, f"2019-{1 + i:02d}-05")


def test_copies_no_more_frequent_than_chance_in_a_crowded_register_are_not_bad_faith(store):
    reg = Register()
    base(reg)
    crowded(reg)
    honest = reg.company("L1", "无锡远航机械制造有限公司", "通用机械的制造与销售")
    classes = (3, 6, 9, 11, 12, 16, 20, 25)
    for i in range(40):  # 12 of 40 sound like 恒达: the register's own rate
        text = "衡达" if i % 10 in (0, 3, 6) else RANDOM_WORDS[i % len(RANDOM_WORDS)]
        reg.mark(honest, str(9000000 + i), text, classes[i % 8], f"2020-{1 + i % 12:02d}-08")
    copier = reg.company("C1", "南京越万商务咨询有限公司", "企业管理咨询、商务信息咨询")
    for i in range(36):  # 30 of 36
        text = ("恆達", "衡达", "新鑫泰")[i % 3] if i % 6 else RANDOM_WORDS[i % len(RANDOM_WORDS)]
        reg.mark(copier, str(9100000 + i), text, classes[i % 8], f"2020-{1 + i % 12:02d}-09")
    reg.write(store)
    found = run(store)
    assert set(found) == {copier}
    detail = found[copier].facts["parts"]["copies"]["detail"]
    assert "36件申请中30件" in detail and "偶然近似率预期" in detail and "概率" in detail
    register, policy = load(store, AS_OF), load_policy()
    assessment = assess_one(register, policy, honest, known_index(register))
    # a fixed share alone would call it copying: 12 copies, 30%, a burst over classes, outside scope
    assert len(assessment.copies) == 12
    assert {p.name for p in assessment.parts} == {"burst", "classes", "scope_mismatch"}
    chance = chance_rate(register, policy, known_index(register))
    assert 0.3 < chance.overall < 0.35 and chance.left_out == 1  # the copier, not the honest filer


def test_a_small_register_has_no_chance_rate_and_the_fixed_share_decides(store):
    reg = Register()
    base(reg)
    filer, _ = bad_filer(reg, "F1", "南京越万商务咨询有限公司", 5000000)
    reg.write(store)
    register, policy = load(store, AS_OF), load_policy()
    chance = chance_rate(register, policy, known_index(register))
    assert chance.rates == {} and chance.probability(5, register.by_applicant[filer]) == 0.0
    assert set(run(store)) == {filer}
