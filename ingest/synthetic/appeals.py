"""Second-instance judgments (二审) and withdrawal rulings (撤诉裁定).

An appeal recounts the first-instance judgment (遂判决：…) before its own operative part, so
the extractor must read the last 判决如下. Three endings: the defendant's appeal is dismissed
(infringement stands, nothing new is ordered), the plaintiff's appeal is dismissed (no
infringement), or the first judgment is reversed and the claims dismissed.
"""

from __future__ import annotations

from datetime import date, timedelta

from ingest.synthetic import identifiers, phrasing
from ingest.synthetic.behaviours import Case
from ingest.synthetic.documents import Draft, party_lines
from ingest.synthetic.filings import Patent
from ingest.synthetic.rulings import (
    NEW_NUMBERS,
    Court,
    act,
    appeal_court,
    cause,
    docket,
    gold_base,
    header,
    product,
    right_text,
    signature,
    title_line,
)


def appeal(draft: Draft, serials: identifiers.Serials, case: Case, first_court: Court,
           first_number: str) -> tuple[str, str]:
    """Write the appeal into ``draft``; returns (case number, file)."""
    rng, day, right = draft.rng, draft.day, case.right
    patent = isinstance(right, Patent)
    court = appeal_court(first_court, patent, case.first_decided or day)
    number, relative = docket(draft, serials, court, "appeal", patent)
    holder, defendant = case.holder, case.defendant
    assert holder is not None
    by_defendant = case.outcome in ("upheld", "reversed")
    reason = cause(rng, right, day)
    first, second = (defendant, holder) if by_defendant else (holder, defendant)
    title = title_line(draft, first, second, reason, "二审民事判决书", 0.6)
    gold_base(draft, number, header(draft, court, number, "民事判决书", title), right)
    colon = day >= NEW_NUMBERS or rng.random() < 0.6
    if by_defendant:
        d_name = party_lines(draft, "上诉人", "原审被告", defendant, True, colon)
        p_name = party_lines(draft, "被上诉人", "原审原告", holder, True, colon)
    else:
        p_name = party_lines(draft, "上诉人", "原审原告", holder, True, colon)
        d_name = party_lines(draft, "被上诉人", "原审被告", defendant, rng.random() < 0.5, colon)
    ps, ds = draft.short(holder), draft.short(defendant)
    lower = rng.choice(first_court.names)
    shown = phrasing.brackets(rng, first_number)
    if by_defendant:
        a_company, a_name, r_company, r_name = defendant, d_name, holder, p_name
    else:
        a_company, a_name, r_company, r_name = holder, p_name, defendant, d_name
    draft.add("para", f"上诉人{draft.defines_short(a_company, a_name)}因与被上诉人"
              f"{draft.defines_short(r_company, r_name)}{reason}一案，"
              f"不服{lower}{shown}民事判决，向本院提起上诉。"
              f"本院于{phrasing.arabic_date(day - timedelta(days=rng.randrange(60, 200)))}立案后，"
              "依法组成合议庭进行了审理。本案现已审理终结。")
    a_short, r_short = (ds, ps) if by_defendant else (ps, ds)
    draft.add("para", f"{a_short}上诉请求：撤销一审判决，"
              + (f"改判驳回{ps}的全部诉讼请求。" if by_defendant else "改判支持其全部诉讼请求。")
              + rng.choice(("事实和理由：一审判决认定事实不清，适用法律错误。", "")))
    draft.add("para", f"{r_short}辩称，一审判决认定事实清楚，适用法律正确，请求驳回上诉，维持原判。")
    thing, what, doing = product(rng, case), right_text(rng, right), act(defendant, right)
    claimed = rng.choice((10, 20, 50, 100)) * 10_000
    draft.add("para", f"{ps}向一审法院起诉请求：1.判令{ds}停止{doing}侵害{what}的{thing}；"
              f"2.判令{ds}赔偿经济损失及合理开支共计{phrasing.money(rng, claimed)}。")
    first_found = case.outcome != "plaintiff_appeal"
    if first_found:
        first_award = max(5000, int(claimed * rng.uniform(0.1, 0.5)) // 1000 * 1000)
        right_name = "专利权" if patent else "注册商标专用权"
        draft.add("noisy", f"一审法院认为，{ds}{doing}的{thing}侵害了{ps}的{right_name}，"
                  f"遂判决：一、{ds}停止侵权；二、{ds}赔偿{ps}经济损失及合理开支共计"
                  f"{phrasing.money(rng, first_award)}；三、驳回{ps}的其他诉讼请求。")
    else:
        draft.add("noisy", f"一审法院认为，{ps}提交的证据不足以证明{ds}实施了被诉侵权行为，遂判决：驳回{ps}的"
                  "全部诉讼请求。")
    draft.add("para", "本院对一审查明的事实予以确认。")
    if case.outcome == "upheld":
        draft.add("para", f"本院认为，{ds}未经许可{doing}被诉侵权{thing}，构成侵权，一审判决认定事实清楚，"
                  f"适用法律正确，{ds}的上诉请求不能成立，应予驳回。依照《中华人民共和国民事诉讼法》"
                  f"{_article(day)}规定，判决如下：")
        draft.add("para", "驳回上诉，维持原判。")
        draft.gold["infringement_found"] = True
    elif case.outcome == "plaintiff_appeal":
        draft.add("para", f"本院认为，{ps}在二审中未提交新的证据，现有证据不能证明{ds}的行为落入其权利的保护"
                  f"范围，{ds}的行为不构成侵权。{ps}的上诉请求不能成立，应予驳回。依照《中华人民共和国民事诉讼法》"
                  f"{_article(day)}规定，判决如下：")
        draft.add("para", "驳回上诉，维持原判。")
        draft.gold["infringement_found"] = False
    else:
        draft.add("para", f"本院认为，{ds}提交的证据证明被诉{thing}与涉案权利不相同亦不近似，{ds}的行为不构成"
                  f"侵权，一审判决认定事实错误，应予纠正。依照《中华人民共和国民事诉讼法》"
                  f"{_article(day, reverse=True)}规定，判决如下：")
        draft.add("para", f"一、撤销{lower}{shown}民事判决；")
        draft.add("para", f"二、驳回{p_name}的全部诉讼请求。")
        draft.gold["infringement_found"] = False
    fee = max(50, claimed // 100)
    draft.add("para", f"二审案件受理费{fee}元，由{d_name if case.outcome == 'upheld' else p_name}负担。"
              if case.outcome != "reversed" else f"一、二审案件受理费共计{2 * fee}元，由{p_name}负担。")
    draft.add("para", "本判决为终审判决。")
    signature(draft, 3)
    return number, relative


def _article(day: date, reverse: bool = False) -> str:
    item = "第二项" if reverse else "第一项"
    if day >= date(2022, 1, 1):
        return f"第一百七十七条第一款{item}"
    return f"第一百七十条第一款{item}"


def withdrawal(draft: Draft, serials: identifiers.Serials, case: Case, court: Court) -> tuple[str, str]:
    """A ruling granting the plaintiff's withdrawal: nothing is decided on the merits."""
    rng, day, right = draft.rng, draft.day, case.right
    number, relative = docket(draft, serials, court, "first", isinstance(right, Patent))
    holder, defendant = case.holder, case.defendant
    assert holder is not None
    reason = cause(rng, right, day)
    title = title_line(draft, holder, defendant, reason, "一审民事裁定书", 0.5)
    gold_base(draft, number, header(draft, court, number, "民事裁定书", title), None)
    p_name = party_lines(draft, "原告", None, holder, True)
    d_name = party_lines(draft, "被告", None, defendant, False)
    filed = day - timedelta(days=rng.randrange(40, 200))
    draft.add("para", f"原告{p_name}与被告{d_name}{reason}一案，本院于{phrasing.arabic_date(filed)}立案。"
              f"{p_name}于{phrasing.arabic_date(day - timedelta(days=rng.randrange(3, 30)))}"
              "以双方已达成和解为由，向本院提出撤诉申请。")
    law = "第一百四十八条第一款" if day >= date(2022, 1, 1) else "第一百四十五条第一款"
    draft.add("para", f"本院认为，{p_name}的撤诉申请不违反法律规定，应予准许。"
              f"依照《中华人民共和国民事诉讼法》{law}规定，裁定如下：")
    draft.add("para", f"准许原告{p_name}撤回起诉。")
    fee = rng.choice((800, 1300, 2300, 4300, 8800))
    draft.add("para", f"案件受理费{fee}元，减半收取计{fee // 2}元，由原告{p_name}负担。")
    signature(draft, 1)
    return number, relative
