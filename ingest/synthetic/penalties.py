"""Administrative penalty decisions (行政处罚决定书): trademark, patent-marking and non-IP ones.

Trademark cases are decided by the market regulator (工商行政管理局 before 2019), patent-marking
cases (假冒专利) by the city's 知识产权局. Non-IP penalties (false advertising, adulteration) are
look-alikes: a penalty that establishes no infringement. Each office keeps one number prefix.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from ingest.synthetic import identifiers, phrasing
from ingest.synthetic.behaviours import Case
from ingest.synthetic.documents import USCC_ERA, Draft, right_numbers
from ingest.synthetic.filings import Patent, Trademark
from ingest.synthetic.names import TRADING
from ingest.synthetic.rulings import product

MARKET_ERA = date(2019, 1, 1)
_BRACKETS = (("〔", "〕", 60), ("[", "]", 15), ("【", "】", 10), ("（", "）", 15))
_NON_IP = (
    ("在其网店页面宣传其销售的{thing}“国家级专利产品、销量第一”，但无法提供相关证明材料",
     "《中华人民共和国反不正当竞争法》第八条第一款", "对商品的性能、功能作虚假的商业宣传",
     "《中华人民共和国反不正当竞争法》第二十条第一款"),
    ("在其经营场所张贴的广告中使用“最佳”“国家级”等用语", "《中华人民共和国广告法》第九条第（三）项",
     "发布含有国家级、最佳等用语的广告", "《中华人民共和国广告法》第五十七条第（一）项"),
    ("销售的{thing}经抽样检验，标注的成分含量与实际不符", "《中华人民共和国产品质量法》第三十九条",
     "在产品中以不合格产品冒充合格产品", "《中华人民共和国产品质量法》第五十条"),
)


@dataclass(frozen=True)
class Authority:
    name: str
    prefix: str
    slug: str


def _pick(options: tuple[str, ...], key: str) -> str:
    """The same office always uses the same prefix: choose by the office's name, not at random."""
    return options[sum(map(ord, key)) % len(options)]


def authority(rng: random.Random, case: Case) -> Authority:
    district = case.defendant.district
    city = district.city
    c = city.old_abbrev[0]
    if isinstance(case.right, Patent):
        name = f"{city.name}知识产权局"
        return Authority(name, _pick((f"{c}知执字", f"{c}知罚字"), name), f"{city.code}00-zscq")
    market = case.decided >= MARKET_ERA
    office = "市场监督管理局" if market else "工商行政管理局"
    kinds = (("市监罚", "市监处罚", "市监案字") if market else ("工商案字", "工商罚字"))
    tag = "sj" if market else "gs"
    if rng.random() < 0.4:
        name = f"{district.place}{office}"
        return Authority(name, _pick(tuple(f"{c}{district.stem}{k}" for k in kinds), name),
                         f"{district.code}-{tag}")
    name = f"{city.name}{office}"
    return Authority(name, _pick(tuple(c + k for k in kinds), name), f"{city.code}00-{tag}")


def _fine(rng: random.Random, case: Case) -> tuple[int, int]:
    """(illegal turnover, fine) in yuan, within Trademark Law art 60's ranges."""
    turnover = rng.randrange(3, 200) * 1000
    if case.kind == "penalty_non_ip":
        return turnover, rng.randrange(2, 20) * 10_000
    if isinstance(case.right, Patent):
        return turnover, rng.randrange(5, 50) * 1000
    if turnover >= 50_000:
        return turnover, turnover * rng.choice((1, 2, 3)) // 1000 * 1000
    return turnover, rng.randrange(10, 120) * 1000


def penalty(draft: Draft, serials: identifiers.Serials, case: Case) -> tuple[str, str]:
    """Write the decision into ``draft``; returns (canonical decision number, file)."""
    rng, day, right = draft.rng, draft.day, case.right
    office = authority(rng, case)
    serial = serials.next(f"{office.slug}|{day.year}", 300, 20)
    number = identifiers.decision_number(office.prefix, day.year, serial, rng.random() < 0.15)
    left, right_b, _ = rng.choices(_BRACKETS, weights=[b[2] for b in _BRACKETS])[0]
    tms, pats = right_numbers(right)
    ip = case.kind == "penalty"
    turnover, fine = _fine(rng, case)
    draft.gold.update(kind="penalty", case_no=None, court=None, judgment_date=day.isoformat(),
                      parties=[], damages_awarded=None, infringement_found=True if ip else None,
                      trademark_numbers=tms, patent_numbers=pats, decision_no=number,
                      authority=office.name, fine=fine, decision_date=day.isoformat())
    draft.add("head", office.name)
    draft.add("head", "行政处罚决定书" if rng.random() < 0.85 else "行 政 处 罚 决 定 书")
    draft.add("head", number.replace("〔", left).replace("〕", right_b))
    draft.mark("decision_no", draft.blocks[-1][1])
    if rng.random() < 0.6:
        draft.add("blank", "")
    _party(draft, case)
    draft.add("blank", "")
    basis = _narrative(draft, case, turnover) or _basis(case, day)
    draft.add("para", rng.choice((f"根据{basis}的规定，本局决定对当事人作出如下行政处罚：",
                                  f"现依据{basis}的规定，决定如下：")))
    thing = product(rng, case)
    items = ["责令立即停止违法行为" if not ip else rng.choice(("责令立即停止侵权行为", "责令停止侵权行为"))]
    if ip and not isinstance(right, Patent):
        items.append(f"没收侵权{thing}{rng.randrange(10, 400)}件")
    fined = phrasing.money(rng, fine, upper_ok=True)
    items.append(f"罚款{fined}")
    for i, item in enumerate(items):
        draft.add("para", f"{phrasing.cn_number(i + 1)}、{item}{'。' if i == len(items) - 1 else '；'}")
    draft.mark_amount("fine", fined)
    draft.add("para", "当事人应当自收到本决定书之日起十五日内将罚款缴至指定银行。"
              "逾期不缴纳的，每日按罚款数额的百分之三加处罚款。")
    city = case.defendant.district.city.name
    draft.add("para", f"当事人如不服本处罚决定，可以自收到本决定书之日起六十日内向{city}人民政府"
              "申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。")
    draft.add("blank", "")
    draft.add("sign", office.name)
    draft.add("sign", phrasing.cn_date(rng, day) if rng.random() < 0.4 else phrasing.arabic_date(day))
    draft.mark("judgment_date", draft.blocks[-1][1])
    return number, f"penalties/{office.slug}-{day.year}-{serial}.txt"


def _party(draft: Draft, case: Case) -> None:
    rng, company = draft.rng, case.defendant
    printed_uscc = draft.uscc_printed() or (draft.day >= USCC_ERA and rng.random() < 0.5)
    name = draft.name(company, "party", printed_uscc)
    role, label = "当事人", "当事人："
    if rng.random() < draft.mix.rare_phrasing:
        role, label = rng.choice((("被处罚人", "被处罚人："), ("当事人", "当事人名称：")))
    draft.gold["parties"].append({"role": role, "qualifier": None, "name": name})
    tail = "（个体工商户）" if company.individual else ""
    rep_key = "经营者" if company.individual else "法定代表人"
    where = "经营场所" if company.individual else "住所"
    if rng.random() < 0.25:
        code = f"统一社会信用代码：{company.uscc}，" if printed_uscc else ""
        draft.add("para", f"{label}{name}{tail}，{code}{where}：{company.address}，"
                  f"{rep_key}：{company.legal_rep.name}。")
        draft.mark_party(role, name)
        return
    draft.add("para", f"{label}{name}{tail}")
    draft.mark_party(role, name)
    if rng.random() < 0.4:
        draft.add("para", "主体资格证照名称：营业执照")
    if printed_uscc:
        draft.add("para", f"统一社会信用代码：{company.uscc}")
    elif draft.day < USCC_ERA and rng.random() < 0.5:
        draft.add("para", f"注册号：{company.district.code}{rng.randrange(10**9):09d}")
    draft.add("para", f"{where}：{company.address}")
    draft.add("para", f"{rep_key}：{company.legal_rep.name}")


def _narrative(draft: Draft, case: Case, turnover: int) -> str | None:
    """Inspection, findings and the office's view; returns the basis when it is not IP law."""
    rng, day, right, company = draft.rng, draft.day, case.right, case.defendant
    found = day - timedelta(days=rng.randrange(60, 200))
    thing = product(rng, case)
    holder = draft.name(case.holder, "body", vary=False) if case.holder else ""
    if case.kind == "penalty_non_ip":
        fact, law, violation, basis = rng.choice(_NON_IP)
        draft.add("noisy", f"{phrasing.arabic_date(found)}，本局执法人员在日常检查中发现，当事人"
                  f"{fact.format(thing=thing)}。经本局负责人批准，同日立案调查。")
        draft.add("para", f"本局认为，当事人的上述行为违反了{law}的规定，属于{law}所指的{violation}的行为。")
        return basis
    if isinstance(right, Patent):
        draft.add("noisy", f"{phrasing.arabic_date(found)}，本局执法人员对当事人的经营场所进行检查，"
                  f"发现当事人销售的{thing}的包装上标注有“专利号：ZL{right.application_no}”字样。经核查，该专利的专利权人为{holder}，"
                  "当事人未经许可在其产品包装上标注他人的专利号。")
        rule = "第一百零一条" if day >= date(2024, 1, 20) else "第八十四条"
        draft.add("para", f"本局认为，当事人的上述行为，属于《中华人民共和国专利法实施细则》{rule}"
                  "第一款第（一）项所称的假冒专利的行为。")
        return None
    assert isinstance(right, Trademark)
    source = rng.choice(("投诉", "举报"))
    where = rng.choice(("仓库内存放", "店内陈列销售"))
    draft.add("noisy", f"{phrasing.arabic_date(found)}，本局执法人员根据{holder}的{source}，"
              f"依法对当事人的经营场所进行检查，发现其{where}的{thing}上标有“{right.mark}”字样，"
              f"共计{rng.randrange(20, 500)}件。经商标注册人鉴定，上述商品均为侵犯"
              f"第{right.number}号“{right.mark}”注册商标专用权的商品。")
    start = found - timedelta(days=rng.randrange(60, 400))
    goods = "、".join(right.goods)
    draft.add("noisy", f"经查，“{right.mark}”商标系{holder}在第{right.nice}类{goods}商品上注册的商标，"
              f"现在有效期内。当事人自{start.year}年{start.month}月起销售上述商品，违法经营额人民币{turnover}元。")
    if case.supplier is not None:
        supplier = draft.name(case.supplier, "supplier", vary=rng.random() < 0.5)
        case.supplier_printed = supplier
        draft.add("para", rng.choice((f"当事人称，其所售商品系从{supplier}进货，"
                                      "但未能提供进货发票等证明材料。",
                                      f"当事人辩称涉案商品购自{supplier}。",
                                      f"据当事人陈述，上述商品由{supplier}提供。")))
    maker = not (company.individual or company.industry is TRADING)
    article = "第五十七条" if day >= date(2014, 5, 1) else "第五十二条"
    act = (f"{article}第（一）项所指的未经商标注册人的许可，在同一种商品上使用与其注册商标相同的商标"
           if maker else f"{article}第（三）项所指的销售侵犯注册商标专用权的商品")
    draft.add("para", f"本局认为，当事人的上述行为，属于《中华人民共和国商标法》{act}的行为。")
    if case.prior is not None and case.prior.number:
        draft.add("para", f"当事人或其关联主体曾因侵犯注册商标专用权被{case.prior.number}认定侵权，"
                  "五年内实施两次以上商标侵权行为，依法应当从重处罚。")
    return None


def _basis(case: Case, day: date) -> str:
    if isinstance(case.right, Patent):
        return "《中华人民共和国专利法》" + ("第六十八条" if day >= date(2021, 6, 1) else "第六十三条")
    if day >= date(2014, 5, 1):
        return "《中华人民共和国商标法》第六十条第二款"
    return "《中华人民共和国商标法》第五十三条"
