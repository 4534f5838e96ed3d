"""Risky agencies and malicious litigants on small hand-made registers, against both stores."""

from __future__ import annotations

from datetime import date

from graph.records import NodeRef
from risk.detectors import AgencyRisk, MaliciousLitigation
from risk.policy import load_policy
from tests.risk.trademark_graph import RANDOM_WORDS, Register, bad_filer, base

AS_OF = date(2025, 6, 30)


def agencies(store):
    return {f.entity: f for f in AgencyRisk().run(store, load_policy(), AS_OF)}


def litigants(store):
    return {f.entity: f for f in MaliciousLitigation().run(store, load_policy(), AS_OF)}


def legit_marks(reg: Register, agency: NodeRef, count: int, start: int) -> None:
    for i in range(count):
        owner = reg.company(f"O{start + i}", f"无锡{RANDOM_WORDS[i % 16]}{i}服饰有限公司", "服装的生产与销售")
        reg.mark(owner, str(start + i), f"{RANDOM_WORDS[i % 16]}{i}", 25, "2019-05-01", "2020-05-01",
                 agency=agency)


def test_an_agency_filing_for_several_bad_faith_filers_is_risky_and_a_busy_one_is_not(store):
    reg = Register()
    base(reg)
    risky, busy = reg.agency("甲知识产权代理有限公司"), reg.agency("乙商标代理有限公司")
    first, _ = bad_filer(reg, "F1", "南京越万商务咨询有限公司", 5000000, agency=risky)
    second, _ = bad_filer(reg, "F2", "常州博远文化传播有限公司", 5100000, agency=risky)
    legit_marks(reg, risky, 20, 8000000)
    legit_marks(reg, busy, 60, 8100000)
    lone = reg.company("F3", "泰州某某商务咨询有限公司", "商务信息咨询")
    for i, (text, nice) in enumerate((("恆達", 9), ("衡达", 3), ("新鑫泰", 25))):  # one filer, few marks
        reg.mark(lone, str(5200000 + i), text, nice, "2020-02-01", agency=busy)
    reg.write(store)
    found = agencies(store)
    assert set(found) == {risky}
    finding = found[risky]
    assert finding.facts["flagged_filings"] == 32 and finding.facts["filings"] == 52
    assert sorted(finding.facts["flagged_filers"]) == [first.id, second.id]
    assert finding.facts["copies"] == 10
    assert any("摹仿他人商标「恒达」" in e.why for e in finding.evidence)
    assert finding.policy_entry.startswith("agency_risk.min_flagged_share@")
    assert "第十九条" in finding.basis


def shops(reg: Register, count: int, start: int) -> list[NodeRef]:
    return [reg.company(f"S{start + i}", f"无锡市梁溪区{RANDOM_WORDS[i % 16]}服装店", legal_form="个体工商户")
            for i in range(count)]


def sue(reg: Register, plaintiff: NodeRef, defendants: list[NodeRef], outcomes: str, prefix: str) -> None:
    words = {"w": "withdrawn", "d": "dismissed", "v": "won"}
    for i, (defendant, code) in enumerate(zip(defendants, outcomes, strict=True)):
        reg.suit(plaintiff, defendant, f"(2022)苏02民初{prefix}{i}号", f"2022-{1 + i:02d}-15", words[code])


def test_suing_many_shops_on_copied_marks_and_mostly_withdrawing_is_malicious(store):
    reg = Register()
    known = base(reg)
    filer, _ = bad_filer(reg, "F1", "南京越万商务咨询有限公司", 5000000)
    sue(reg, filer, shops(reg, 8, 0), "wwwwddvv", "1")
    # a holder suing as many shops on its own well-known mark, settling often, is not
    sue(reg, known["H1"], shops(reg, 8, 100), "wwwwwvvv", "2")
    # nor is a copier that mostly wins, or one with too few suits
    winner, _ = bad_filer(reg, "F2", "常州博远文化传播有限公司", 5100000)
    sue(reg, winner, shops(reg, 8, 200), "wdvvvvvv", "3")
    few, _ = bad_filer(reg, "F3", "泰州睿成商务咨询有限公司", 5200000)
    sue(reg, few, shops(reg, 5, 300), "wwwww", "4")
    reg.write(store)
    found = litigants(store)
    assert set(found) == {filer}
    finding = found[filer]
    assert finding.facts["suits"] == 8 and finding.facts["small_defendants"] == 8
    assert finding.facts["withdrawn"] == 4 and finding.facts["dismissed"] == 2
    assert finding.facts["failure_rate"] == 0.75
    assert finding.facts["bad_faith_filer"] is True and finding.facts["copied_marks"] == 5
    assert any(e.ref.id == "(2022)苏02民初10号" and "撤诉" in e.why for e in finding.evidence)
    assert "doc-(2022)苏02民初10号" in finding.documents
    assert "第六十八条" in finding.basis


def test_suits_against_companies_that_are_not_small_do_not_count_as_small(store):
    reg = Register()
    base(reg)
    filer, _ = bad_filer(reg, "F1", "南京越万商务咨询有限公司", 5000000)
    big = [reg.company(f"C{i}", f"苏州{RANDOM_WORDS[i]}实业有限公司") for i in range(8)]
    sue(reg, filer, big, "wwwwddvv", "1")
    reg.write(store)
    assert litigants(store) == {}
