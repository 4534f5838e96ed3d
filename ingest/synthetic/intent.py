"""Intentional-infringement indicators (法释〔2021〕4号 arts. 3–4) as courts state them.

A share of first-instance awards gets a paragraph in which the court finds one or two of the
circumstances that show intent or serious circumstances (continuing after a warning letter, a
former distributor or employee, infringement as a business, destroyed evidence, a defied
preservation order, counterfeit marks, a huge profit); the codes go into the extraction gold
(``intent_indicators``) and, when the judgment establishes the infringement, onto the case for
the truth. A share of judgments carries the look-alike: the plaintiff claims intent and the court
rejects it for want of evidence, or the legal-source defence succeeds. Judgments given after an
earlier decision against the same group already say so (rulings.py); that is the indicator
``repeat_after_decision``.
"""

from __future__ import annotations

from datetime import date, timedelta

from ingest.synthetic import phrasing
from ingest.synthetic.behaviours import Case
from ingest.synthetic.documents import Draft
from ingest.synthetic.filings import Trademark
from ingest.synthetic.truth import WINDOW

CODES = ("after_notice", "insider", "relationship", "business", "evidence", "preservation",
         "counterfeit", "huge_profit", "repeat_after_decision")

# The court's findings, several phrasings each: {ps} plaintiff, {ds} defendant, {thing} goods,
# {day} a date, {rep} a person, {money} an amount.
_STATED = {
    "after_notice": (
        "{ps}于{day}向{ds}发送警告函，要求其停止侵权，{ds}收到后仍继续销售被诉侵权{thing}",
        "{ds}在收到{ps}委托律师发出的律师函后，仍未停止被诉侵权行为",
        "{ps}曾于{day}通知{ds}停止侵权，{ds}置之不理，继续实施侵权行为",
        "{ds}经{ps}警告后依然继续生产、销售被诉侵权{thing}",
    ),
    "insider": (
        "{ds}的法定代表人{rep}曾任{ps}的总经理，对涉案商标的知名度及权利状态明知",
        "{ds}的股东{rep}曾系{ps}的实际控制人之一，对涉案权利理应知晓",
    ),
    "relationship": (
        "{ds}曾系{ps}的经销商，双方经销合同于{day}终止，{ds}此后仍使用涉案标识",
        "{ds}的法定代表人{rep}曾为{ps}员工，在职期间接触过涉案产品及标识",
        "{ds}原为{ps}的被许可人，许可合同到期后仍继续使用涉案商标",
        "{ds}曾作为{ps}在本地的代理商销售正品，明知涉案商标属于{ps}",
    ),
    "business": (
        "{ds}成立后主要经营被诉侵权{thing}，并无其他实际经营活动，系以侵权为业",
        "{ds}长期专门从事被诉侵权{thing}的生产和销售，属于以侵害知识产权为业",
    ),
    "evidence": (
        "在本院组织证据保全时，{ds}转移、销毁了部分侵权{thing}及销售账册",
        "{ds}在诉讼中提交的进货单据系其伪造，意图逃避赔偿责任",
        "{ds}拒不提供其掌握的财务账簿，并隐匿侵权证据",
    ),
    "preservation": (
        "本院于{day}作出行为保全裁定后，{ds}拒不履行，仍继续销售被诉侵权{thing}",
        "{ds}拒不履行本院作出的诉前禁令裁定，继续实施侵权行为",
    ),
    "counterfeit": (
        "{ds}在相同商品上使用与涉案注册商标完全相同的标识，属于假冒注册商标的行为",
        "{ds}销售的被诉侵权{thing}系假冒注册商标的商品，其行为性质恶劣",
    ),
    "huge_profit": (
        "根据审计报告，{ds}销售被诉侵权{thing}的获利达{money}，侵权获利巨大",
        "{ds}在电商平台销售被诉侵权{thing}的销售额达{money}，获利数额巨大",
    ),
}
_CONCLUSIONS = ("，足以认定{ds}具有侵权故意。", "，{ds}侵权故意明显。", "。",
                "，可以认定其主观上具有侵权的故意。")
_FRAMES = ("另查明，{fact}{end}", "本院另查明：{fact}{end}", "此外，{fact}{end}")

# Claims the court rejects: the indicator's words are there, the finding is not.
_REJECTED = (
    "{ps}主张{ds}在收到警告函后仍继续侵权，但未提交{ds}收到警告函的证据，本院对此不予采信。",
    "{ps}主张{ds}曾系其经销商、明知涉案商标，但未提供证据证明双方存在经销关系，本院不予支持。",
    "{ps}主张{ds}具有侵权故意并请求适用惩罚性赔偿，但未提供证据证明{ds}存在故意侵权的情形，本院不予支持。",
    "{ps}称{ds}以侵权为业，缺乏事实依据，本院不予采纳。",
    "{ps}主张{ds}的侵权获利巨大，但其提交的证据不足以证明{ds}的实际获利，本院对该主张不予支持。",
    "{ps}虽主张{ds}的法定代表人曾为其员工，但现有证据不能证明其接触过涉案商标，故意侵权的主张不能成立。",
    "{ps}主张{ds}伪造证据，但未能举证证明，本院不予认定。",
)
_LEGAL_SOURCE = ("{ds}的合法来源抗辩成立，现有证据不能证明其具有侵权故意。",
                 "{ds}提供了合法来源，{ps}关于其故意侵权的主张缺乏依据，本院不予支持。")


def state(draft: Draft, case: Case, outcome: str, ps: str, ds: str, thing: str) -> None:
    """Before the court's reasoning of a first-instance judgment: the indicators it finds
    (gold ``intent_indicators``) or a claim of intent it rejects; remembered on the case when
    the published document establishes the infringement."""
    rng, mix = draft.rng, draft.mix
    codes: list[str] = []
    if case.kind == "judgment" and outcome == "award" and rng.random() < mix.intent:
        usable = [c for c in _STATED if c != "counterfeit" or isinstance(case.right, Trademark)]
        for code in rng.sample(usable, k=rng.choice((1, 1, 2))):
            codes.append(code)
            fact = rng.choice(_STATED[code]).format(
                ps=ps, ds=ds, thing=thing, rep=draft.person(), money=phrasing.money(
                    rng, rng.randrange(80, 900) * 10_000), day=phrasing.arabic_date(
                    draft.day - timedelta(days=rng.randrange(300, 900))))
            end = rng.choice(_CONCLUSIONS).format(ds=ds)
            draft.add("para", rng.choice(_FRAMES).format(fact=fact, end=end))
    if case.kind == "judgment" and rng.random() < mix.intent_rejected:
        options = _REJECTED + (_LEGAL_SOURCE if outcome == "stop_only" else ())
        draft.add("para", rng.choice(options).format(ps=ps, ds=ds))
    if outcome == "award" and case.prior is not None:
        codes.append("repeat_after_decision")  # the reasoning says so (rulings._reasoning)
    draft.gold["intent_indicators"] = sorted(set(codes))
    if case.established and (case.kind == "judgment" or case.publish_first):
        case.intent = sorted(set(codes))


def truth(cases: list[Case], as_of: date) -> list[dict]:
    """One line per company with an established infringement in the five years up to
    ``as_of`` whose published judgment states an indicator: which, where and when."""
    by_company: dict[int, list[Case]] = {}
    for case in cases:
        if case.established and case.intent and as_of - WINDOW < case.decided <= as_of:
            by_company.setdefault(id(case.defendant), []).append(case)
    out = []
    for found in by_company.values():
        company = found[0].defendant
        out.append({"uscc": company.uscc, "name": company.name, "role": company.role,
                    "indicators": sorted({code for c in found for code in c.intent}),
                    "cases": [{"number": c.number, "date": c.decided.isoformat(),
                               "indicators": c.intent, "files": list(c.files)} for c in found]})
    return sorted(out, key=lambda line: line["uscc"])

