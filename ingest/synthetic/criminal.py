"""Criminal judgments (刑事判决书) in IP crimes, and the cases that become them.

A share of established trademark judgments against companies becomes a criminal case instead:
the company is convicted as 被告单位 (单位犯罪, 刑法 art. 220) and its legal representative or
manager as 被告人, so the conviction establishes the company's infringement exactly as the civil
judgment would have (same date, same right). A smaller number of cases convict a company's
employee alone; the company is named in the text but not charged, a look-alike that must not
count against it. Layouts follow published judgments: 公诉机关, the defendants' lines (born,
ID number shown or masked, 户籍, detention), the indictment, the court's findings with the
illegal turnover (非法经营数额 / 销售金额), 本院认为, statutes, and one operative item per
defendant (有期徒刑…缓刑…并处罚金), then confiscation and the appeal notice.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from ingest.synthetic import identifiers, phrasing
from ingest.synthetic.behaviours import Case, Chunk, Mix
from ingest.synthetic.documents import Desk, Draft, right_numbers, tm_phrase
from ingest.synthetic.filings import Trademark
from ingest.synthetic.names import TRADING
from ingest.synthetic.regions import CITIES
from ingest.synthetic.registry import Company, Person
from ingest.synthetic.rulings import NEW_NUMBERS, Court, first_court, header, product, signature

KINDS = ("criminal", "criminal_person")
_ORIGINS = {**{city.code: "江苏省" + city.name for city in CITIES},
            "3401": "安徽省合肥市", "3701": "山东省济南市", "4101": "河南省郑州市",
            "4201": "湖北省武汉市", "3301": "浙江省杭州市", "5101": "四川省成都市"}
_EDUCATION = ("初中文化", "高中文化", "大专文化", "本科文化", "中专文化", "小学文化")
_SLUGS = {"刑初": "xingchu", "知刑初": "zhixingchu"}


@dataclass(frozen=True)
class Crime:
    """One IP crime as a charge reads (刑法 arts. 213–218), with the turnover's name."""

    charge: str
    article: str
    conduct: str  # what the court found the defendants did
    turnover: str  # 非法经营数额 or 销售金额


MAKE = Crime("假冒注册商标罪", "第二百一十三条",
             "未经注册商标所有人许可，在同一种商品上使用与其注册商标相同的商标", "非法经营数额")
SELL = Crime("销售假冒注册商标的商品罪", "第二百一十四条", "销售明知是假冒注册商标的商品", "销售金额")
LABELS = Crime("销售非法制造的注册商标标识罪", "第二百一十五条", "销售明知是非法制造的注册商标标识",
               "非法经营数额")
COPY = Crime("侵犯著作权罪", "第二百一十七条", "以营利为目的，未经著作权人许可，复制发行其计算机软件",
             "非法经营数额")


def plant(chunk: Chunk, rng: random.Random, mix: Mix) -> None:
    """Make a share of the chunk's established trademark judgments criminal cases, and convict
    a few companies' employees alone (the company uncharged, ``criminal_person``)."""
    for case in chunk.cases:
        if (case.kind == "judgment" and case.established and isinstance(case.right, Trademark)
                and not case.defendant.individual and case.co_defendant is None
                and rng.random() < mix.criminal):
            case.kind, case.outcome = "criminal", "convicted"
    ordinary = [c for c in chunk.companies if c.role == "ordinary" and c.usable and not c.individual]
    rights = [c.right for c in chunk.cases if isinstance(c.right, Trademark)]
    for company in rng.sample(ordinary, k=min(len(ordinary), round(len(chunk.companies)
                                                                    * mix.criminal_staff))):
        if not rights:
            break
        right = rng.choice(rights)
        day = max(company.founded + timedelta(days=400), date(2013, 1, 1))
        day = day + timedelta(days=rng.randrange(max(1, (mix.as_of - day).days)))
        company.role = "staff_convicted"
        chunk.cases.append(Case("criminal_person", company, min(day, mix.as_of), False, "convicted",
                                holder=right.owner, right=right))


def render(desk: Desk, rng: random.Random, mix: Mix, case: Case) -> None:
    """Write the case's judgment; remember its number, file and the unit's fine on the case."""
    draft = Draft(rng, mix, case.decided, "ruling")
    case.number, relative = judgment(draft, desk.serials, case)
    case.fine = draft.gold.get("_unit_fine") or 0
    case.heavier = bool(draft.gold.get("_heavier"))
    case.files.append(desk.publish(draft, relative, draft.blocks[0][1]))


def _crime(rng: random.Random, case: Case) -> Crime:
    if case.right is None:
        return COPY
    roll = rng.random()
    if roll < 0.06:
        return LABELS
    if roll < 0.12:
        return COPY
    trader = case.defendant.individual or case.defendant.industry is TRADING
    return SELL if trader or rng.random() < 0.3 else MAKE


def docket(draft: Draft, serials: identifiers.Serials, court: Court) -> tuple[str, str]:
    """(canonical case number, file name): 刑初 or 知刑初, old form (…字第N号) before 2016."""
    rng, day = draft.rng, draft.day
    case_type = "知刑初" if rng.random() < 0.6 else "刑初"
    old = day < NEW_NUMBERS
    serial = serials.next(f"{court.slug}|{day.year}|{case_type}", 300 if court.level == "basic" else 60,
                          8)
    number = identifiers.case_number(day.year, court.code, case_type, serial,
                                     court.old if old else None)
    return number, f"rulings/{day.year}-{court.slug}-{_SLUGS[case_type]}-{serial}.txt"


def procuratorate(rng: random.Random, court: Court) -> str:
    """The prosecutor at the court's level, as the first party line prints it."""
    place = court.names[1].removesuffix("人民法院").removesuffix("中级")
    return ("江苏省" if rng.random() < 0.6 else "") + place + "人民检察院"


def person_line(draft: Draft, person: Person, company: Company, title: str, charge: str,
                court: Court, company_printed: str) -> None:
    """The 被告人 line: sex, birth, ID number (shown or masked), origin, post, detention."""
    rng, day = draft.rng, draft.day
    number = person.id_number
    sex = "男" if int(number[16]) % 2 else "女"
    born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    shown = rng.choice((number, number[:6] + "*" * 8 + number[-4:], number[:14] + "****"))
    origin = _ORIGINS.get(number[:4], "江苏省")
    caught = day - timedelta(days=rng.randrange(200, 500))
    police = f"{court.city.name if court.city else '南京市'}公安局"
    arrested = caught + timedelta(days=rng.randrange(20, 37))
    held = rng.choice((
        f"因涉嫌犯{charge}于{phrasing.arabic_date(caught)}被{police}刑事拘留，"
        f"{phrasing.arabic_date(arrested)}被依法逮捕。",
        f"因涉嫌犯{charge}于{phrasing.arabic_date(caught)}被{police}刑事拘留，"
        f"{phrasing.arabic_date(caught + timedelta(days=30))}被取保候审。",
        f"因涉嫌犯{charge}于{phrasing.arabic_date(caught)}被{police}取保候审。",
    ))
    id_text = rng.choice((f"公民身份号码{shown}", f"身份证号码：{shown}", ""))
    parts = [f"被告人{person.name}", sex, f"{born.year}年{born.month}月{born.day}日出生"]
    parts += [id_text] if id_text else []
    parts += ["汉族", rng.choice(_EDUCATION), f"系{company_printed}{title}", f"户籍地{origin}",
              f"住{company.district.place}{rng.choice(('某某新村', '某某花园', '某某小区'))}"]
    draft.add("para", "，".join(parts) + "。" + held)
    draft.gold["parties"].append({"role": "被告人", "qualifier": None, "name": person.name})
    draft.mark_party("被告人", person.name)


def _accused(rng: random.Random, company: Company) -> tuple[Person, str]:
    """Who stands trial beside the unit: its legal representative, else a manager."""
    managers = [p for p, role in company.officers if role == "经理"]
    if managers and rng.random() < 0.3:
        return managers[0], "经理"
    return company.legal_rep, rng.choice(("法定代表人", "法定代表人", "实际经营者"))


def _amount(rng: random.Random, yuan: int) -> str:
    style = rng.randrange(4)
    if style == 0 and yuan % 100 == 0:
        return f"人民币{phrasing.cn_number(yuan)}元"
    if style == 1 and yuan % 10_000 == 0:
        return f"人民币{yuan // 10_000}万元"
    if style == 2:
        return f"人民币{yuan}元"
    return f"{yuan}元"


def judgment(draft: Draft, serials: identifiers.Serials, case: Case) -> tuple[str, str]:
    """Write the criminal judgment into ``draft``; returns (case number, file)."""
    rng, day, company = draft.rng, draft.day, case.defendant
    unit = case.kind == "criminal"
    crime = _crime(rng, case)
    court = first_court(rng, case)
    number, relative = docket(draft, serials, court)
    tms, _ = right_numbers(case.right if crime is not COPY else None)
    draft.gold.update(kind="ruling", case_no=number, court=None, judgment_date=day.isoformat(),
                      parties=[], damages_awarded=None, infringement_found=True,
                      trademark_numbers=tms, patent_numbers=[], decision_no=None, authority=None,
                      fine=None, decision_date=None, charges=[crime.charge], sentences=[],
                      illegal_turnover=None)
    draft.gold["court"] = header(draft, court, number, "刑事判决书", None).removeprefix("中华人民共和国")
    prosecutor = procuratorate(rng, court)
    draft.add("para", f"公诉机关{prosecutor}。")
    draft.gold["parties"].append({"role": "公诉机关", "qualifier": None, "name": prosecutor})
    draft.mark_party("公诉机关", prosecutor)
    printed = draft.name(company, "party" if unit else "body", unit and draft.uscc_printed(),
                         vary=unit)
    if unit:
        code = company.uscc if draft.mentions[-1]["uscc_printed"] else ""
        draft.add("para", f"被告单位{printed}，住所地{company.address}"
                  + (f"，统一社会信用代码{code}" if code else "") + "。")
        draft.gold["parties"].append({"role": "被告单位", "qualifier": None, "name": printed})
        draft.mark_party("被告单位", printed)
        if rng.random() < 0.5:
            draft.add("para", f"法定代表人{company.legal_rep.name}。")
        else:
            post = rng.choice(("行政主管", "员工", "副总经理"))
            draft.add("para", f"诉讼代表人{draft.person()}，该公司{post}。")
    person, title = _accused(rng, company) if unit else (
        Person(draft.person(), identifiers.resident_id(rng, "320500", date(1990, 1, 1)
                                                       + timedelta(days=rng.randrange(4000)))),
        rng.choice(("员工", "仓库管理员", "销售人员")))
    person_line(draft, person, company, title, crime.charge, court, printed)
    firm = rng.choice(("正和", "天衡", "苏维", "东恒"))
    draft.add("para", f"辩护人{draft.person()}，江苏{firm}律师事务所律师。")
    accused = (f"被告单位{printed}、被告人{person.name}" if unit else f"被告人{person.name}")
    filed = day - timedelta(days=rng.randrange(60, 200))
    procedure = rng.choice(("适用普通程序，组成合议庭", "适用简易程序，实行独任审判"))
    draft.add("para", f"{prosecutor}以苏检刑诉〔{filed.year}〕{rng.randrange(20, 400)}号起诉书指控"
              f"{accused}犯{crime.charge}，于{phrasing.arabic_date(filed)}向本院提起公诉。"
              f"本院依法{procedure}，公开开庭审理了本案。现已审理终结。")
    turnover = rng.randrange(60, 2000) * 1000 + rng.choice((0, 0, rng.randrange(1, 999)))
    thing = product(rng, case) if crime is not COPY else "计算机软件"
    right = tm_phrase(rng, case.right) if isinstance(case.right, Trademark) and crime is not COPY \
        else "他人享有著作权的计算机软件"
    start = day - timedelta(days=rng.randrange(500, 900))
    doer = f"被告单位{printed}" if unit else f"被告人{person.name}"
    draft.add("para", f"{prosecutor}指控，{start.year}年{start.month}月至{start.year + 1}年{start.month}月，"
                      f"{doer}{crime.conduct}，{crime.turnover}共计人民币{turnover // 10_000 + 1}万余元。")
    holder = draft.name(case.holder, "body", vary=False) if case.holder else "权利人"
    shown = _amount(rng, turnover)
    period = f"{start.year}年{start.month}月至{start.year + 1}年{start.month}月"
    decided = f"在被告人{person.name}的决定下" if unit else ""
    draft.add("noisy", rng.choice(("经审理查明：", "经审理查明，", "本院经审理查明："))
              + f"{holder}系{right}的权利人。{period}，{doer}{decided}，"
              f"{crime.conduct}，涉及{thing}。经审计，{doer}的{crime.turnover}共计{shown}。")
    draft.mark_amount("illegal_turnover", shown)
    draft.gold["illegal_turnover"] = turnover
    seized = rng.randrange(100, 3000)
    draft.add("para", f"案发后，公安机关在{doer}的仓库内查获尚未销售的侵权{thing}{seized}件。")
    draft.add("para", "上述事实，有公诉机关提交并经法庭质证的注册商标证、鉴定意见、审计报告、扣押清单、"
              f"证人证言及被告人{person.name}的供述等证据证实，足以认定。")
    serious = turnover >= 250_000
    role = "作为直接负责的主管人员，" if unit else ""
    draft.add("para", f"本院认为，{doer}{crime.conduct}，{crime.turnover}{shown}，"
              f"{'情节特别严重' if serious else '数额较大'}，"
              + (f"被告人{person.name}{role}其行为均已构成{crime.charge}。" if unit
                 else f"其行为已构成{crime.charge}。")
              + f"被告人{person.name}到案后如实供述自己的罪行，依法可以从轻处罚。"
              + f"依照《中华人民共和国刑法》{crime.article}"
              + ("、第二百二十条" if unit else "")
              + "、第五十二条、第五十三条、第六十四条、第六十七条第三款、第七十二条第一款之规定，判决如下：")
    items: list[str] = []
    unit_fine = 0
    if unit:
        unit_fine = max(20_000, turnover // 2 // 10_000 * 10_000)
        items.append(f"被告单位{printed}犯{crime.charge}，判处罚金{_amount(rng, unit_fine)}")
        draft.gold["sentences"].append([printed, "罚金", None, None, unit_fine])
    years = 3 + rng.randrange(3) if serious else 1 + rng.randrange(2)
    months = years * 12 + (rng.choice((0, 0, 6)) if years < 3 else 0)
    # probation only for terms of three years or less, for at least the term and at most five years
    probation = (min(60, months + 12 * rng.randrange(0, 3)) if months <= 36 and rng.random() < 0.8
                 else None)
    person_fine = max(10_000, turnover // 5 // 10_000 * 10_000)
    term = phrasing.cn_number(months // 12) + "年" + (f"{phrasing.cn_number(months % 12)}个月"
                                                      if months % 12 else "")
    kept = f"，缓刑{_term(probation)}" if probation else ""
    items.append(f"被告人{person.name}犯{crime.charge}，判处有期徒刑{term}{kept}，并处罚金"
                 f"{_amount(rng, person_fine)}")
    draft.gold["sentences"].append([person.name, "有期徒刑", months, probation, person_fine])
    items.append(f"扣押在案的侵权{thing}予以没收，违法所得予以追缴")
    for i, item in enumerate(items):
        draft.add("para", f"{phrasing.cn_number(i + 1)}、{item}{'。' if i == len(items) - 1 else '；'}")
    if probation:
        draft.add("para", "（缓刑考验期限，从判决确定之日起计算。罚金于本判决生效后十日内缴纳。）")
    upper = (f"江苏省{court.city.name}中级人民法院" if court.level == "basic" and court.city
             else "江苏省高级人民法院")
    draft.add("para", f"如不服本判决，可在接到判决书的第二日起十日内，通过本院或者直接向{upper}提出上诉。"
              "书面上诉的，应当提交上诉状正本一份，副本二份。")
    signature(draft, 1 if court.level == "basic" and rng.random() < 0.3 else 3)
    draft.gold["_unit_fine"] = unit_fine
    draft.gold["_heavier"] = serious
    return number, relative


def _term(months: int) -> str:
    years, rest = divmod(months, 12)
    return (phrasing.cn_number(years) + "年" if years else "") + (
        f"{phrasing.cn_number(rest)}个月" if rest else "")
