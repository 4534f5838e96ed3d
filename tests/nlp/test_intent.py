"""Intentional-infringement indicators: what the court finds counts, what it rejects does not."""

from __future__ import annotations

import pytest

from nlp.extract import extract_document
from nlp.intent import find_indicators

FOUND = [
    ("另查明，原告于2019年3月5日向被告发送警告函，要求其停止侵权，被告收到后仍继续销售被诉侵权商品。",
     ["after_notice"]),
    ("被告在收到原告委托律师发出的律师函后，仍未停止被诉侵权行为，足以认定其具有侵权故意。",
     ["after_notice"]),
    ("本院另查明：被告的法定代表人张三曾任原告的总经理，对涉案商标的知名度明知。", ["insider"]),
    ("另查明，被告曾系原告的经销商，双方经销合同于2018年1月2日终止。", ["relationship"]),
    ("此外，被告的法定代表人李四曾为原告员工，在职期间接触过涉案产品及标识。", ["relationship"]),
    ("被告原为原告的被许可人，许可合同到期后仍继续使用涉案商标。", ["relationship"]),
    ("被告成立后主要经营被诉侵权商品，并无其他实际经营活动，系以侵权为业。", ["business"]),
    ("在本院组织证据保全时，被告转移、销毁了部分侵权运动鞋及销售账册。", ["evidence"]),
    ("被告在诉讼中提交的进货单据系其伪造，意图逃避赔偿责任。", ["evidence"]),
    ("本院于2020年5月6日作出行为保全裁定后，被告拒不履行，仍继续销售。", ["preservation"]),
    ("被告在相同商品上使用与涉案注册商标完全相同的标识，属于假冒注册商标的行为。", ["counterfeit"]),
    ("根据审计报告，被告销售被诉侵权商品的获利达300万元，侵权获利巨大。", ["huge_profit"]),
    ("本院认为，被告在先前判决或处罚后再次实施侵权行为，侵权故意明显。", ["repeat_after_decision"]),
]
REJECTED = [
    "原告主张被告在收到警告函后仍继续侵权，但未提交被告收到警告函的证据，本院对此不予采信。",
    "原告主张被告曾系其经销商、明知涉案商标，但未提供证据证明双方存在经销关系，本院不予支持。",
    "原告称被告以侵权为业，缺乏事实依据，本院不予采纳。",
    "原告主张被告的侵权获利巨大，但其提交的证据不足以证明被告的实际获利，本院对该主张不予支持。",
    "原告虽主张被告的法定代表人曾为其员工，但现有证据不能证明其接触过涉案商标，故意侵权的主张不能成立。",
    "被告的合法来源抗辩成立，现有证据不能证明其具有侵权故意。",
    "被告作为电子商务平台经营者，在接到通知后及时删除了相关链接，已尽到合理注意义务。",
    "原告诉称，被告在收到律师函后仍继续销售。",
]


@pytest.mark.parametrize(("text", "codes"), FOUND)
def test_the_courts_own_findings_are_read(text: str, codes: list[str]) -> None:
    assert [code for code, _, _ in find_indicators(text, 0, len(text))] == codes


@pytest.mark.parametrize("text", REJECTED)
def test_claims_the_court_rejects_or_does_not_adopt_are_not_indicators(text: str) -> None:
    assert find_indicators(text, 0, len(text)) == []


def test_a_claim_rejected_in_the_next_sentence_does_not_count() -> None:
    text = "原告主张被告曾系其经销商。对此，原告未提供证据，本院不予支持。"
    assert find_indicators(text, 0, len(text)) == []


RULING = """江苏省苏州市中级人民法院
民事判决书
（2022）苏05民初88号
原告：苏州恒达服饰有限公司，住所地苏州市姑苏区人民路1号。
法定代表人：王一。
被告：苏州明记贸易有限公司，住所地苏州市吴中区长江路2号。
法定代表人：赵二。
原告苏州恒达服饰有限公司与被告苏州明记贸易有限公司侵害商标权纠纷一案，本院于2022年1月5日立案后，依法组成合议庭，公开开庭进行了审理。本案现已审理终结。
本院经审理查明：第12345678号“恒达”注册商标的注册人为原告。
另查明，被告曾系原告的经销商，双方经销合同于2020年3月1日终止，被告此后仍使用涉案标识，足以认定其具有侵权故意。
原告主张被告以侵权为业，但未提供证据证明，本院不予支持。
本院认为，被告未经许可在同一种商品上使用与原告注册商标相同的商标，构成侵权。依照《中华人民共和国商标法》第五十七条第（一）项、第六十三条第一款之规定，判决如下：
一、被告苏州明记贸易有限公司于本判决生效之日起立即停止侵权；
二、被告苏州明记贸易有限公司于本判决生效之日起十日内赔偿原告苏州恒达服饰有限公司经济损失及合理开支共计10万元。
审判长　张三
二〇二二年九月一日
书记员　李四
"""


def test_a_ruling_gives_its_indicators_with_the_sentence_that_states_them() -> None:
    result = extract_document(RULING)
    assert result["intent_indicators"] == ["relationship"]
    (start, end), = result["item_spans"]["intent_indicators"]
    assert "曾系原告的经销商" in RULING[start:end]
