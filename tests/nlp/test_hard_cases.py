"""Hard cases as tables of text → expected values, run through the spaCy pipeline.

Fictional parties in the layouts real documents use: appeals with qualifiers, 经营者, former
names, foreign parties, 万元, redacted numbers, case numbers with 字第, dates with 〇 / Ｏ / 0,
commentaries before the header, amended and recounted claims.
"""

from __future__ import annotations

import pytest

pytest.importorskip("jieba")

from nlp.pipeline import extract  # noqa: E402

HEAD = "某某市中级人民法院\n民事判决书\n（2015）某民初字第1号\n"
PARTIES = "原告：甲有限公司。\n被告：乙有限公司。\n"


def ruling(body: str, head: str = HEAD, parties: str = PARTIES) -> dict:
    return extract(head + parties + body)


def roles(result: dict) -> list[tuple]:
    return [(p["role"], p["qualifier"], p["name"]) for p in result["parties"]]


@pytest.mark.parametrize(("block", "expected"), [
    ("上诉人（原审被告）：甲商行，经营者王某。\n被上诉人(原审原告)：乙有限公司。\n",
     [("上诉人", "原审被告", "甲商行"), ("被上诉人", "原审原告", "乙有限公司")]),
    ("再审申请人（一审被告、二审被上诉人）：丙股份有限公司。\n被申请人（一审原告、二审上诉人）：丁某，男。\n"
     "一审被告：戊贸易有限公司。\n",
     [("再审申请人", "一审被告、二审被上诉人", "丙股份有限公司"),
      ("被申请人", "一审原告、二审上诉人", "丁某"), ("一审被告", None, "戊贸易有限公司")]),
    ("上诉人(原审被告)马鞍山市某某科技有限公司(原名马鞍山市某某机械制造有限公司)。\n"
     "被上诉人(原审原告)某某重工股份有限公司。\n",
     [("上诉人", "原审被告", "马鞍山市某某科技有限公司"), ("被上诉人", "原审原告", "某某重工股份有限公司")]),
    ("原告松冈机电（中国）有限公司，住所地浙江省杭州市。\n被告孙某，男，汉族，1976年8月7日出生。\n",
     [("原告", None, "松冈机电（中国）有限公司"), ("被告", None, "孙某")]),
    ("原告广东某某生活电器制造有限公司。\n被告刘某，女，1977年1月24日出生，系勐海县某某电器店业主。\n",
     [("原告", None, "广东某某生活电器制造有限公司"), ("被告", None, "刘某")]),
])
def test_party_blocks(block: str, expected: list[tuple]) -> None:
    assert roles(ruling("本院认为…", parties=block)) == expected


def test_operator_former_name_and_foreign_party() -> None:
    result = ruling("本院认为…", parties=(
        "原告：欧司朗股份公司（OSRAM AG），住所地德意志联邦共和国慕尼黑市。\n"
        "代表人Hans Weber，副总裁。\n"
        "被告：无锡市梁溪区明记服装店（个体工商户），住所地无锡市中山路256号。\n经营者：李明。\n"
        "被告：苏州恒达服饰有限公司（原名苏州恒达服装厂），住所地苏州市金山路88号。\n"))
    foreign, shop, renamed = result["parties"]
    assert (foreign["name"], foreign["aliases"], foreign["legal_rep"]) == \
        ("欧司朗股份公司", ["OSRAM AG"], "Hans Weber")
    assert (shop["name"], shop["operator"], shop["kind"]) == \
        ("无锡市梁溪区明记服装店", "李明", "organisation")
    assert renamed["former_names"] == ["苏州恒达服装厂"]
    for party in result["parties"]:
        for key, (start, end) in party["spans"].items():
            assert end > start, key


@pytest.mark.parametrize(("head", "case_no", "date_line", "date"), [
    ("某某区人民法院\n民事判决书\n（2013）江宁知民初字第127号\n", "(2013)江宁知民初字第127号",
     "二〇一三年八月一日", "2013-08-01"),
    ("某某市中级人民法院\n民事判决书\n（2011）宁知民初字第310、311号\n", "(2011)宁知民初字第310、311号",
     "二ＯＯ三年十二月五日", "2003-12-05"),
    ("某某市中级人民法院\n民事判决书\n(2009)渝高法民终字第０１５９号\n", "(2009)渝高法民终字第0159号",
     "二○一六四月十二日", "2016-04-12"),
    ("江 苏 省 高 级 人 民 法 院\n民 事 判 决 书\n（2016）０１１５民初２６５１号\n", "(2016)0115民初2651号",
     "二0一三年四月十日", "2013-04-10"),
])
def test_case_numbers_and_dates(head: str, case_no: str, date_line: str, date: str) -> None:
    result = ruling(f"本院认为…\n审判长  张某\n{date_line}\n书记员  李某", head=head)
    assert (result["case_no"], result["judgment_date"]) == (case_no, date)


def test_a_date_without_a_day_is_reported_not_guessed() -> None:
    result = ruling("本院认为…\n二ＯＯ三年十二月日\n书记员  李某")
    assert result["judgment_date"] is None
    assert any("incomplete" in w for w in result["warnings"])


@pytest.mark.parametrize(("main", "awarded"), [
    ("被告赔偿原告经济损失人民币5万元及合理开支1.2万元。", 62_000),
    ("被告赔偿原告经济损失人民币10000元（已包含合理维权费用1300元）。", 10_000),
    ("被告赔偿原告经济损失40000元；\n四、被告赔偿原告合理调查费用人民币14438.5元；", 54_438.5),
    ("被告赔偿原告经济损失三万元。", 30_000),
])
def test_awards(main: str, awarded: float) -> None:
    result = ruling(f"本院认为…判决如下：\n一、{main}\n案件受理费50元，由被告负担。\n二〇一五年一月五日")
    assert result["damages_awarded"] == awarded


@pytest.mark.parametrize(("claim", "claimed"), [
    ("请求判令：1、被告停止侵权；2、赔偿经济损失6万元；3、向原告支付调查费1020元；4、承担诉讼费。", 61_020),
    ("请求判令：一、被告停止侵权；二、被告赔偿原告经济损失人民币500000元，并支付合理开支人民币22772元；"
     "三、承担案件受理费。庭审中，原告将第二项诉请中的其他合理开支变更为人民币23170元。", 523_170),
    ("故请求：1、停止侵权；2、判令被告赔偿原告50万元；3、被告支付原告合理开支2万元。\n"
     "本案审理过程中，原告变更诉讼请求第1项为：停止侵权；第3项为赔偿原告20万元。", 700_000),
    ("请求判令：1、停止侵权；2、判令被告赔偿原告50万元；3、被告支付原告合理开支2万元。\n"
     "本案审理过程中，原告变更诉讼请求第2项为赔偿原告20万元。", 220_000),
])
def test_claims_and_amended_claims(claim: str, claimed: int) -> None:
    assert ruling(f"原告诉称，{claim}\n本院认为…")["damages_claimed"] == claimed


def test_an_appeal_by_the_defendant_reports_the_recounted_claim() -> None:
    result = ruling(
        "上诉人丙公司上诉称：原审法院判定由上诉人赔偿40万元缺乏事实依据。请求依法撤销原判决，改判驳回被上诉人的诉讼请求。\n"
        "原审法院认为，原告主张的50万元赔偿数额过高，酌定赔偿40万元。\n本院认为…判决如下：\n驳回上诉，维持原判。\n"
        "二〇一二年十二月六日",
        head="某某省高级人民法院\n民事判决书\n(2012)某高法民三终字第61号\n",
        parties="上诉人(原审被告)丙有限公司。\n被上诉人(原审原告)丁股份有限公司。\n")
    assert (result["damages_claimed"], result["damages_awarded"], result["infringement_found"]) == \
        (500_000, None, True)


@pytest.mark.parametrize(("text", "numbers"), [
    ("原告是第XXXXXXX号“雀友”、第XXXXXXX号注册商标的权利人。", []),
    ("原告是第3423690、3638526号注册商标的专用权人，（2012）粤莞东莞第007038号公证书载明…",
     ["3423690", "3638526"]),
    ("原告享有第G749540号及第241017号商标，商评字（2013）第111006号决定…", ["G749540", "241017"]),
    ("原告注册的第8911270号“”和8228211号“小米”商标。帐号12×××68。", ["8911270", "8228211"]),
])
def test_trademark_numbers(text: str, numbers: list[str]) -> None:
    assert ruling(f"原告诉称，{text}\n本院认为…")["trademark_numbers"] == numbers


def test_commentary_before_the_header_is_not_the_document() -> None:
    commentary = "某某案评析\n裁判要旨：…长江龙公司申请注册的第10280003号“非常了得”商标…\n裁判文书：\n"
    result = extract(commentary + HEAD + PARTIES + "本院认为，原告第3048035号注册商标…\n二〇一五年一月五日")
    assert result["trademark_numbers"] == ["3048035"]
    assert result["case_no"] == "(2015)某民初字第1号"


def test_a_penalty_party_printed_with_its_label() -> None:
    result = extract(
        "某某市工商行政管理局\n行政处罚决定书\n某工商罚字[2018]第296号\n\n"
        "当事人名称：某某箱包有限责任公司\n统一社会信用代码：91321203MA19FHCXQX\n住所：某某市北京路11号\n"
        "本局认为，当事人的上述行为，属于《中华人民共和国商标法》第五十七条第（一）项所指的未经商标注册人的许可，"
        "在同一种商品上使用与其注册商标相同的商标的行为。根据《中华人民共和国商标法》第六十条第二款的规定，"
        "本局决定对当事人作出如下行政处罚：\n一、没收侵权商品；\n二、罚款62,000元。\n某某市工商行政管理局\n二〇一八年三月二日")
    assert roles(result) == [("当事人", None, "某某箱包有限责任公司")]
    assert (result["penalty"]["fine"], result["infringement_found"]) == (62_000, True)
