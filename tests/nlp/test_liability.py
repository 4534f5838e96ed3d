"""A ruling that finds infringement may still clear a co-defendant; the table says which."""

from __future__ import annotations

import pytest

from nlp.extract import extract_document

HEAD = ("江苏省苏州市中级人民法院\n民事判决书\n（2024）苏05民初100号\n"
        "原告：无锡澜湖纺织科技有限公司。\n"
        "被告：苏州恒达服饰有限公司（以下简称恒达公司）。\n"
        "被告：浙江淘货网络有限公司（以下简称淘货公司）。\n"
        "原告无锡澜湖纺织科技有限公司与被告苏州恒达服饰有限公司、浙江淘货网络有限公司侵害商标权纠纷一案，"
        "本院依法审理，现已审理终结。\n")


@pytest.mark.parametrize(("reasoning", "cleared"), [
    ("本院认为，恒达公司销售侵权商品，构成侵权。淘货公司作为电子商务平台经营者，在接到通知后及时删除了相关链接，"
     "已尽到合理注意义务，不承担赔偿责任。", {"浙江淘货网络有限公司"}),
    ("本院认为，恒达公司销售侵权商品，构成侵权。淘货公司的行为不构成侵权。", {"浙江淘货网络有限公司"}),
    # a legal-source defence spares damages, not the finding
    ("本院认为，恒达公司销售侵权商品，构成侵权，但其证明了合法来源，不承担赔偿责任。"
     "淘货公司亦构成侵权。", set()),
    ("本院认为，恒达公司与淘货公司共同构成侵权。", set()),
])
def test_co_defendants_cleared_by_the_reasoning(reasoning, cleared):
    text = (HEAD + reasoning + "依照《中华人民共和国商标法》第五十七条之规定，判决如下：\n"
            "一、被告苏州恒达服饰有限公司立即停止侵害；\n二、驳回原告其他诉讼请求。\n"
            "审判长　张三\n二〇二四年三月二十日\n")
    result = extract_document(text)
    assert result["infringement_found"] is True
    assert {p["name"] for p in result["parties"] if p.get("cleared")} == cleared


def test_a_dismissal_naming_the_co_defendant_clears_it():
    text = (HEAD + "本院认为，恒达公司构成侵权。判决如下：\n一、被告苏州恒达服饰有限公司立即停止侵害；\n"
            "二、驳回原告对被告浙江淘货网络有限公司的诉讼请求。\n审判长　张三\n二〇二四年三月二十日\n")
    result = extract_document(text)
    assert {p["name"] for p in result["parties"] if p.get("cleared")} == {"浙江淘货网络有限公司"}
