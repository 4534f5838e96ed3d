"""First-instance civil judgments (民事判决书) in IP disputes, in many phrasings.

Courts and dockets follow REGULATIONS §7: basic courts with IP jurisdiction or the city's
intermediate court hear trademark cases; patent cases go to the Nanjing or Suzhou intermediate
court. Case numbers take the old form (（2013）锡知民初字第127号) before 2016 and the new form
after. Everything the extractor should read is recorded in the draft's gold as it is written.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from ingest.synthetic import identifiers, intent, phrasing
from ingest.synthetic.behaviours import Case
from ingest.synthetic.documents import Draft, party_lines, patent_phrase, right_numbers, tm_phrase
from ingest.synthetic.filings import Patent, Trademark
from ingest.synthetic.names import TRADING
from ingest.synthetic.regions import CITIES, IP_BASIC_COURTS, City, District
from ingest.synthetic.registry import Company

NEW_NUMBERS = date(2016, 1, 1)
_TYPE_SLUGS = {"民初": "minchu", "知民初": "zhiminchu", "民三初": "minsanchu", "民终": "minzhong",
               "知民终": "zhiminzhong", "民三终": "minsanzhong"}
_PATENT_CITIES = {"3202", "3204", "3205", "3206"}  # heard in Suzhou; the rest in Nanjing


@dataclass(frozen=True)
class Court:
    names: tuple[str, ...]  # as headers print it
    code: str  # 苏05, 苏0505, 苏, 最高法
    old: str  # the pre-2016 abbreviation
    slug: str  # for file names
    level: str  # basic | intermediate | high | supreme
    city: City | None


def basic_court(district: District) -> Court:
    return Court((f"江苏省{district.place}人民法院", f"{district.place}人民法院"), district.court_code,
                 district.old_abbrev, "su" + district.code[2:], "basic", district.city)


def intermediate_court(city: City) -> Court:
    return Court((f"江苏省{city.name}中级人民法院", f"{city.name}中级人民法院"), city.court_code,
                 city.old_abbrev, "su" + city.code[2:], "intermediate", city)


HIGH = Court(("江苏省高级人民法院",), "苏", "苏", "su", "high", None)
SUPREME = Court(("最高人民法院", "中华人民共和国最高人民法院"), "最高法", "最高法", "zgf", "supreme", None)
_CITY = {c.code: c for c in CITIES}


def first_court(rng: random.Random, case: Case) -> Court:
    district = case.defendant.district
    if isinstance(case.right, Patent):
        return intermediate_court(_CITY["3205" if district.city.code in _PATENT_CITIES else "3201"])
    if district in IP_BASIC_COURTS and rng.random() < 0.7:
        return basic_court(district)
    return intermediate_court(district.city)


def appeal_court(first: Court, patent: bool, day: date) -> Court:
    if patent and day >= date(2019, 1, 1):
        return SUPREME
    if first.level == "basic" and first.city is not None:
        return intermediate_court(first.city)
    return HIGH


def docket(draft: Draft, serials: identifiers.Serials, court: Court, instance: str,
           patent: bool) -> tuple[str, str]:
    """(canonical case number, inbox-relative file name) for a new case of ``court``."""
    rng, day = draft.rng, draft.day
    old = day < NEW_NUMBERS
    if instance == "first":
        ip = patent or rng.random() < (0.6 if court.level == "intermediate" else 0.3)
        case_type = "民三初" if old and rng.random() < 0.2 else ("知民初" if ip else "民初")
    else:
        ip = court.level == "supreme" or rng.random() < 0.4
        case_type = "民三终" if old and rng.random() < 0.2 else ("知民终" if ip else "民终")
    serial = serials.next(f"{court.slug}|{day.year}|{case_type}", 2000 if court.level == "basic" else 600)
    number = identifiers.case_number(day.year, court.code, case_type, serial,
                                     court.old if old else None)
    return number, f"rulings/{day.year}-{court.slug}-{_TYPE_SLUGS[case_type]}-{serial}.txt"


def gold_base(draft: Draft, number: str, court: str, right: Trademark | Patent | None) -> None:
    tms, pats = right_numbers(right)
    draft.gold.update(kind="ruling", case_no=number, court=court.removeprefix("中华人民共和国"),
                      judgment_date=draft.day.isoformat(), parties=[], damages_awarded=None,
                      infringement_found=None, trademark_numbers=tms, patent_numbers=pats,
                      decision_no=None, authority=None, fine=None, decision_date=None)


def title_line(draft: Draft, first: Company, second: Company, reason: str, form: str,
               chance: float) -> str | None:
    """Sometimes the page's title line: 甲与乙侵害商标权纠纷一审民事判决书."""
    if draft.rng.random() >= chance:
        return None
    return (f"{draft.name(first, 'title', vary=False)}与{draft.name(second, 'title', vary=False)}"
            f"{reason}{form}")


def header(draft: Draft, court: Court, number: str, form: str, title: str | None) -> str:
    """Title (sometimes), court, form and case number lines; returns the court as printed."""
    rng = draft.rng
    printed = rng.choice(court.names)
    if title:
        draft.add("head", title)
    shown = phrasing.brackets(rng, number)
    if rng.random() < 0.08:
        shown = phrasing.widen_digits(shown)
    elif rng.random() < 0.05:
        shown = shown.replace("号", " 号").replace(")", ") ").replace("）", "） ")
    if rng.random() < 0.1:
        draft.add("head", printed + form)
        draft.mark("court", printed)
    else:
        draft.add("head", phrasing.spaced(printed) if rng.random() < 0.04 else printed)
        draft.mark("court", draft.blocks[-1][1])
        draft.add("head", phrasing.spaced(form) if rng.random() < 0.2 else form)
    draft.add("head", shown)
    draft.mark("case_no", shown.strip())
    return printed


def signature(draft: Draft, judges: int) -> None:
    rng = draft.rng
    if rng.random() < 0.5:
        draft.add("blank", "")
    titles = ["审判长"] + ["审判员" if rng.random() < 0.7 else "人民陪审员" for _ in range(judges - 1)]
    if judges == 1:
        titles = ["审判员"]
    for title in titles:
        name = draft.person()
        name = name[0] + "　" + name[1] if len(name) == 2 and rng.random() < 0.5 else name
        title = "　".join(title) if rng.random() < 0.2 and len(title) == 3 else title
        draft.add("sign", f"{title}　{name}")
    signed = phrasing.cn_date(rng, draft.day)
    if rng.random() < 0.02:  # OCR lost the 年, as in some published judgments (二○一六四月十二日)
        signed = signed.replace("年", "", 1)
    draft.add("sign", signed)
    if "年" in signed:
        draft.mark("judgment_date", signed)
    if rng.random() < 0.2:
        draft.add("sign", "本件与原本核对无异")
    draft.add("sign", f"书记员　{draft.person()}")


def cause(rng: random.Random, right: Trademark | Patent | None, day: date) -> str:
    if isinstance(right, Patent):
        return "侵犯专利权纠纷" if day.year < 2012 else f"侵害{right.kind}专利权纠纷"
    return rng.choice(("侵害商标权纠纷", "侵害商标权纠纷", "侵害商标权及不正当竞争纠纷"))


def act(company: Company, right: Trademark | Patent | None) -> str:
    if isinstance(right, Patent):
        return "制造、销售、许诺销售"
    return "销售" if company.individual or company.industry is TRADING else "生产、销售"


def right_text(rng: random.Random, right: Trademark | Patent | None) -> str:
    if isinstance(right, Trademark):
        return tm_phrase(rng, right)
    if isinstance(right, Patent):
        return patent_phrase(rng, right)
    return ""


def product(rng: random.Random, case: Case) -> str:
    holder = case.holder
    options = holder.industry.products if holder and holder.industry.products else ("商品",)
    return rng.choice(options)


def statutes(right: Trademark | Patent | None, day: date, dismissed: bool) -> str:
    if isinstance(right, Patent):
        law = "《中华人民共和国专利法》第十一条第一款" + ("" if dismissed else (
            "、第七十一条" if day >= date(2021, 6, 1) else "、第六十五条"))
    elif day >= date(2014, 5, 1):
        law = "《中华人民共和国商标法》第五十七条" + (
            "" if dismissed else "第（一）项、第六十三条第一款、第三款")
    else:
        law = "《中华人民共和国商标法》第五十二条" + ("" if dismissed else "第（一）项、第五十六条")
    procedure = "第六十七条第一款" if day >= date(2022, 1, 1) else "第六十四条第一款"
    return f"{law}，《中华人民共和国民事诉讼法》{procedure}"


def award_text(draft: Draft, award: int, punitive: int) -> str:
    """The paying item's amount phrase; every form sums (or totals) to ``award``."""
    rng = draft.rng
    if punitive:
        costs = max(1000, award // 10 // 1000 * 1000)
        damages = award - costs
        return (f"经济损失{damages}元（其中惩罚性赔偿{punitive}元）及合理开支{costs}元，"
                f"合计{award}元")
    style = rng.randrange(4)
    if style == 1 and award >= 20_000:
        costs = rng.choice((2000, 5000, 8000, 10000))
        return f"经济损失{phrasing.money(rng, award - costs)}、合理开支{phrasing.money(rng, costs)}"
    if style == 2:
        return f"经济损失{phrasing.money(rng, award)}（含合理开支）"
    return f"经济损失及合理开支共计{phrasing.money(rng, award)}"


def judgment(draft: Draft, serials: identifiers.Serials, case: Case, outcome: str,
             court: Court | None = None) -> tuple[str, str, Court]:
    """Write a first-instance judgment into ``draft``; returns (case number, file, court)."""
    rng, day, right = draft.rng, draft.day, case.right
    patent = isinstance(right, Patent)
    court = court or first_court(rng, case)
    number, relative = docket(draft, serials, court, "first", patent)
    holder, defendant = case.holder, case.defendant
    assert holder is not None
    reason = cause(rng, right, day)
    title = title_line(draft, holder, defendant, reason, "一审民事判决书", 0.6)
    gold_base(draft, number, header(draft, court, number, "民事判决书", title), right)
    colon = day >= NEW_NUMBERS or rng.random() < 0.6
    p_name = party_lines(draft, "原告", None, holder, True, colon)
    d_name = party_lines(draft, "被告", None, defendant, rng.random() < 0.6, colon)
    others = [party_lines(draft, "被告", None, case.co_defendant, True, colon)] if case.co_defendant else []
    ps, ds = draft.short(holder), draft.short(defendant)
    intro = f"原告{draft.defines_short(holder, p_name)}与被告{draft.defines_short(defendant, d_name)}"
    if case.co_defendant:
        intro += f"、{draft.defines_short(case.co_defendant, others[0])}"
    filed = day - timedelta(days=rng.randrange(60, 300))
    draft.add("para", intro + f"{reason}一案，本院于{phrasing.arabic_date(filed)}立案后，"
              f"{rng.choice(('依法适用普通程序', '依法组成合议庭'))}，公开开庭进行了审理。"
              "本案现已审理终结。")
    thing, what = product(rng, case), right_text(rng, right)
    doing = act(defendant, right)
    claimed = rng.choice((5, 10, 20, 30, 50, 80, 100, 200)) * 10_000 * (3 if patent else 1)
    draft.add("para", rng.choice((f"{ps}向本院提出诉讼请求：", f"原告{ps}诉称，请求判令：")) +
              f"1.判令{ds}立即停止{doing}侵害{what}的{thing}；2.判令{ds}赔偿经济损失及合理开支共计"
              f"{phrasing.money(rng, claimed)}；3.本案诉讼费用由{ds}负担。")
    draft.add("para", rng.choice((f"{ds}辩称，涉案{thing}系从正规渠道购进，赔偿请求过高。",
                                  f"{ds}未到庭参加诉讼，亦未提交书面答辩意见。",
                                  f"{ds}辩称，其未{doing}被诉侵权{thing}，请求驳回原告的诉讼请求。")))
    _facts(draft, case, ps, ds, thing, what)
    if case.supplier is not None:
        supplier = draft.name(case.supplier, "supplier", vary=rng.random() < 0.5)
        case.supplier_printed = supplier
        draft.add("para", rng.choice((f"{ds}称涉案{thing}系从{supplier}进货，但未提交进货凭证。",
                                      f"庭审中，{ds}陈述被诉侵权{thing}购自{supplier}。")))
    found = outcome in ("award", "stop_only")
    intent.state(draft, case, outcome, ps, ds, thing)
    _reasoning(draft, case, outcome, ps, ds)
    award = 0
    paying = ""  # the award as printed, for its gold span
    if found:
        stop = f"停止{doing}侵害{p_name}{_right_short(right)}的{thing}"
        items = [f"{d_name}于本判决生效之日起立即{stop}"]
        if outcome == "award":
            award = max(5000, int(claimed * rng.uniform(0.08, 0.6)) // 1000 * 1000)
            punitive = award // 3 // 1000 * 1000 if case.prior and rng.random() < 0.4 else 0
            paying = award_text(draft, award, punitive)
            items.append(f"{d_name}于本判决生效之日起十日内赔偿{p_name}{paying}")
            draft.gold["damages_awarded"] = award
        if others:
            items.append(f"驳回{p_name}对{others[0]}的诉讼请求")
        items.append(f"驳回{p_name}的其他诉讼请求")
        for i, item in enumerate(items):
            draft.add("para", f"{phrasing.cn_number(i + 1)}、{item}{'。' if i == len(items) - 1 else '；'}")
            if paying and paying in item:
                draft.mark_amount("damages_awarded", paying)
    else:
        draft.add("para", rng.choice((f"驳回原告{p_name}的全部诉讼请求。", f"驳回{p_name}的诉讼请求。")))
    draft.gold["infringement_found"] = found
    fee = max(50, claimed // 100)
    payer = d_name if found else p_name
    draft.add("para", f"案件受理费{fee}元，由{payer}负担。")
    upper = appeal_court(court, patent, day).names[0]
    draft.add("para", f"如不服本判决，可在判决书送达之日起十五日内，向本院递交上诉状，并按对方当事人的人数"
              f"提出副本，上诉于{upper}。")
    signature(draft, 1 if court.level == "basic" and rng.random() < 0.4 else 3)
    return number, relative, court


def _right_short(right: Trademark | Patent | None) -> str:
    if isinstance(right, Trademark):
        return f"第{right.number}号注册商标专用权"
    if isinstance(right, Patent):
        return f"ZL{right.application_no}号专利权"
    return ""


def _facts(draft: Draft, case: Case, ps: str, ds: str, thing: str, what: str) -> None:
    rng, right = draft.rng, case.right
    bought = draft.day - timedelta(days=rng.randrange(200, 500))
    if isinstance(right, Trademark):
        draft.add("noisy", f"本院经审理认定事实如下：{what}的注册人为{ps}，核定使用商品为第{right.nice}类"
                  f"{'、'.join(right.goods)}等，现在有效期内。{phrasing.arabic_date(bought)}，{ps}的委托代理人"
                  f"在公证人员的监督下，在{ds}的经营场所购买了标有“{right.mark}”标识的{thing}，并取得收据一张。"
                  "上述过程已经公证。")
    elif isinstance(right, Patent):
        draft.add("noisy", f"本院经审理查明：{ps}于{phrasing.arabic_date(right.filed)}申请了{what}，"
                  f"该专利现处于有效状态。{phrasing.arabic_date(bought)}，{ps}通过公证购买的方式，从{ds}处"
                  f"购得被诉侵权{thing}一件。庭审中，双方当事人对公证购买过程均无异议。")
    if case.prior is not None and case.prior.number:
        draft.add("noisy", f"另查明，{ds}或其关联主体曾因侵权被{case.prior.number}"
                  f"{'行政处罚决定书' if case.prior.kind.startswith('penalty') else '民事判决'}处理。")


def _reasoning(draft: Draft, case: Case, outcome: str, ps: str, ds: str) -> None:
    rng, right = draft.rng, case.right
    patent = isinstance(right, Patent)
    if outcome in ("award", "stop_only"):
        if patent:
            text = (f"本院认为，被诉侵权产品包含与涉案专利权利要求1记载的全部技术特征相同的技术特征，落入涉案"
                    f"专利权的保护范围。{ds}未经许可，为生产经营目的实施涉案专利，构成侵权，应当承担停止侵害、"
                    "赔偿损失的民事责任。")
        elif act(case.defendant, right) == "销售":
            text = (f"本院认为，{ps}依法享有涉案注册商标专用权。{ds}销售的被诉侵权商品使用了与{ps}"
                    f"注册商标相同的标识，属于销售侵犯注册商标专用权的商品，构成侵权，应当承担相应的民事责任。")
        else:
            infringed = rng.choice((f"构成对{ps}注册商标专用权的侵害", "构成商标侵权"))
            text = (f"本院认为，{ps}依法享有涉案注册商标专用权。{ds}未经许可，在同一种商品上使用与"
                    f"{ps}注册商标相同的商标，{infringed}，应当承担相应的民事责任。")
        if outcome == "stop_only":
            text += f"{ds}提交的进货单据足以证明涉案商品系其合法取得并说明了提供者，依法不承担赔偿责任。"
        elif case.prior is not None:
            text += (f"{ds}在先前判决或处罚后再次实施侵权行为，侵权故意明显，"
                     f"{rng.choice(('情节严重，可以适用惩罚性赔偿。', '本院在确定赔偿数额时予以考虑。'))}")
        if case.co_defendant is not None:
            text += (f"{draft.short(case.co_defendant)}作为电子商务平台经营者，"
                     "在接到通知后及时删除了相关链接，已尽到合理注意义务，不承担赔偿责任。")
    elif patent:
        text = ("本院认为，被诉侵权产品缺少涉案专利权利要求1记载的技术特征，亦无等同特征，"
                f"未落入涉案专利权的保护范围，{ds}的行为不构成侵权。")
    else:
        text = (f"本院认为，被诉标识与{ps}的注册商标在文字构成、呼叫及整体视觉效果上存在明显差异，"
                f"不易导致相关公众混淆，{ds}的行为不构成对{ps}注册商标专用权的侵害。")
    dismissed = outcome not in ("award", "stop_only")
    draft.add("para", f"{text}依照{statutes(right, draft.day, dismissed)}之规定，判决如下：")
