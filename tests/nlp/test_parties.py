"""Party blocks as courts and authorities print them (fictional parties, real layouts)."""

from __future__ import annotations

import pytest

from nlp.parties import assign_short_names, parse_parties, public
from nlp.text import Doc


def parties_of(block: str) -> list[dict]:
    doc = Doc.from_text(block)
    found, _ = parse_parties(doc, 0)
    assign_short_names(doc, found)
    return public(found)


def attorneys(party: dict) -> list[dict]:
    """Name and firm of each attorney (their spans are checked elsewhere)."""
    return [{"name": a["name"], "firm": a["firm"]} for a in party["attorneys"]]


def test_colon_and_no_colon_forms() -> None:
    found = parties_of(
        "　　原告：甲乙服饰有限公司，住所地：江苏省苏州市某路1号。\n"
        "　　法定代表人：赵一，该公司董事长。\n"
        "　　委托诉讼代理人：钱二、孙三，江苏某某律师事务所律师。\n"
        "　　被告李四，男，汉族，1980年1月2日出生，住江苏省无锡市。\n"
        "　　原告甲乙服饰有限公司（以下简称甲乙公司）诉被告李四侵害商标权纠纷一案，本院受理后…\n"
    )
    assert [(p["role"], p["name"], p["kind"]) for p in found] == [
        ("原告", "甲乙服饰有限公司", "organisation"), ("被告", "李四", "person")]
    plaintiff, defendant = found
    assert plaintiff["address"] == "江苏省苏州市某路1号"
    assert plaintiff["legal_rep"] == "赵一"
    assert plaintiff["short_name"] == "甲乙公司"
    assert attorneys(plaintiff) == [{"name": "钱二", "firm": "江苏某某律师事务所"},
                                      {"name": "孙三", "firm": "江苏某某律师事务所"}]
    assert defendant["address"] == "江苏省无锡市"


@pytest.mark.parametrize(("line", "role", "qualifier", "name"), [
    ("上诉人（原审被告）：某某科技有限公司。", "上诉人", "原审被告", "某某科技有限公司"),
    ("上诉人(原审被告)某某科技有限公司,住所地某市。", "上诉人", "原审被告", "某某科技有限公司"),
    ("被上诉人（原审原告）：某某集团有限公司。", "被上诉人", "原审原告", "某某集团有限公司"),
    ("再审申请人（一审被告、二审上诉人）：某某有限公司。", "再审申请人", "一审被告、二审上诉人",
     "某某有限公司"),
    ("原审被告某某实业有限公司(2009年1月21日注销)，住所地某市。", "原审被告", None,
     "某某实业有限公司"),
    ("当事人：无锡市某某区某记服装店（个体工商户）", "当事人", None, "无锡市某某区某记服装店"),
    ("原告某某机电（中国）有限公司，住所地某市。", "原告", None, "某某机电（中国）有限公司"),
])
def test_roles_qualifiers_and_bracketed_names(line: str, role: str, qualifier: str | None,
                                              name: str) -> None:
    (party,) = parties_of(line)
    assert (party["role"], party["qualifier"], party["name"]) == (role, qualifier, name)


@pytest.mark.parametrize(("line", "former"), [
    ("原告某某集团公司（原某某进出口总公司），住所地某市。", ["某某进出口总公司"]),
    ("上诉人(原审被告)某某重工有限公司(原名某某机械制造有限公司)。", ["某某机械制造有限公司"]),
    ("被告某某服饰有限公司（曾用名：某某服装厂、某某制衣厂）。", ["某某服装厂", "某某制衣厂"]),
])
def test_former_names(line: str, former: list[str]) -> None:
    assert parties_of(line)[0]["former_names"] == former


def test_former_name_on_its_own_line() -> None:
    (party,) = parties_of("被告：某某服饰有限公司\n曾用名：某某服装厂\n法定代表人：王某")
    assert party["former_names"] == ["某某服装厂"]
    assert party["legal_rep"] == "王某"


def test_foreign_names_keep_their_latin_form() -> None:
    (party,) = parties_of("原告某某股份公司（ACME AG），住所地德国某市。\n"
                          "代表人John Smith，副总裁。")
    assert party["aliases"] == ["ACME AG"]
    assert party["legal_rep"] == "John Smith"
    assert party["kind"] == "organisation"


@pytest.mark.parametrize(("block", "name", "operator", "operates"), [
    ("被告某某市某某灯饰商行，经营地址某省某市某路1号。\n经营者叶某。", "某某市某某灯饰商行",
     "叶某", None),
    ("当事人：某某区某记服装店\n经营者：李某\n经营场所：某市某路2号", "某某区某记服装店", "李某",
     None),
    ("被告肖某（系某某区某某机电经营部业主）。", "肖某", None, "某某区某某机电经营部"),
    ("被告刘某，系某某镇某某内衣厂经营者，经营地址为某市。", "刘某", None, "某某镇某某内衣厂"),
])
def test_individual_businesses(block: str, name: str, operator: str | None,
                               operates: str | None) -> None:
    (party,) = parties_of(block)
    assert (party["name"], party["operator"], party["operates"]) == (name, operator, operates)


def test_penalty_party_with_uscc_lines() -> None:
    (party,) = parties_of(
        "当事人：某某服饰有限公司\n主体资格证照名称：营业执照\n"
        "统一社会信用代码：91320505MA1MXK3L5G\n住所：苏州市某区某路8号\n法定代表人：王某\n"
        "经营者身份证号码：320505197803121234\n\n　　2023年2月14日，本局根据投诉…")
    assert party["uscc"] == "91320505MA1MXK3L5G" and party["uscc_valid"] is True
    assert party["address"] == "苏州市某区某路8号"
    assert party["legal_rep"] == "王某"
    assert party["kind"] == "organisation"


def test_shared_attorneys_go_to_every_party_of_the_role() -> None:
    found = parties_of(
        "再审申请人：甲有限公司。\n被申请人：乙有限公司。\n被申请人：丙有限公司。\n"
        "上述两被申请人的共同委托代理人：王某，某某律师事务所律师。\n")
    assert [len(p["attorneys"]) for p in found] == [0, 1, 1]


def test_attorney_qualifiers_and_brackets_in_firm_names() -> None:
    (party,) = parties_of(
        "原告某某有限公司。\n委托代理人（特别授权代理）王某、赵某，北京市某某（济南）律师事务所律师。")
    assert attorneys(party) == [{"name": "王某", "firm": "北京市某某（济南）律师事务所"},
                                  {"name": "赵某", "firm": "北京市某某（济南）律师事务所"}]


def test_block_ends_at_the_narrative() -> None:
    found = parties_of("原告：甲公司\n被告：乙公司\n"
                       "原告甲公司诉被告乙公司侵害商标权纠纷一案…\n被告：丙公司")
    assert [p["name"] for p in found] == ["甲公司", "乙公司"]


def test_spans_cover_the_party_lines() -> None:
    block = "原告：甲公司\n法定代表人：赵某\n被告：乙公司"
    first = parties_of(block)[0]
    assert block[first["span"][0]:first["span"][1]] == "原告：甲公司\n法定代表人：赵某"


@pytest.mark.parametrize("line, address", [
    ("原告：甲电器有限公司，住所地：广东省惠州市（某某工业园）。", "广东省惠州市（某某工业园）"),
    ("原告：甲食品有限责任公司，住所地安徽省安庆市怀宁县工业园（高河）。",
     "安徽省安庆市怀宁县工业园（高河）"),
    ("原告：甲健身有限公司，住所地某市某区某路体育场东侧一楼（C区1号），统一社会信用代码无。",
     "某市某区某路体育场东侧一楼（C区1号）"),
    ("原告：甲有限公司，住所地某市（某某园）A栋3楼。", "某市（某某园）A栋3楼"),
    ("原告：甲酒庄股份有限公司，住所地：法国某市某街24号（24 Rue Exemple 33000 France）。",
     "法国某市某街24号（24 Rue Exemple 33000 France）"),
    ("原告：甲有限公司，住所地江苏省苏州市某路1号（原某路8号）。", "江苏省苏州市某路1号"),
    ("原告：甲有限公司，住所地江苏省苏州市某路1号。", "江苏省苏州市某路1号"),
])
def test_address_keeps_its_bracketed_part(line: str, address: str) -> None:
    found = parties_of(line + "\n　　被告：乙有限公司。\n"
                       "　　原告甲有限公司诉被告乙有限公司侵害商标权纠纷一案…\n")
    assert found[0]["address"] == address


@pytest.mark.parametrize("line, expected", [
    ("　　被告人李四，男，1980年1月2日出生，公民身份号码320500198001021234，汉族，住江苏省无锡市。\n",
     "320500198001021234"),
    ("　　被告人李四，男，身份证号码：32050019800102****，住江苏省无锡市。\n", "32050019800102****"),
    ("　　被告人李四，女，身份证号为32050219800102123X，住江苏省无锡市。\n", "32050219800102123X"),
    ("　　被告人李四，男，1980年1月2日出生，汉族，住江苏省无锡市。\n", None),
])
def test_a_persons_printed_id_number_is_read_as_printed(line: str, expected: str | None) -> None:
    block = ("　　公诉机关无锡市人民检察院。\n" + line
             + "　　无锡市人民检察院以锡检刑诉〔2024〕1号起诉书指控…\n")
    person = next(p for p in parties_of(block) if p["role"] == "被告人")
    assert person["id_number"] == expected
    assert person["kind"] == "person"


def test_an_id_number_in_a_later_line_is_not_the_partys_own() -> None:
    found = parties_of(
        "　　原告甲乙服饰有限公司，住所地江苏省苏州市某路1号。\n"
        "　　法定代表人赵一，公民身份号码320500198001021234。\n"
        "　　被告李四，男，住江苏省无锡市。\n"
        "　　原告甲乙服饰有限公司诉被告李四侵害商标权纠纷一案，本院受理后…\n"
    )
    assert [p["id_number"] for p in found] == [None, None]
