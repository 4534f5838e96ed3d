"""Intentional-infringement indicators a court states (法释〔2021〕4号 arts. 3 and 4).

Read sentence by sentence between the end of the parties block and the operative part. A
sentence counts when it matches an indicator's pattern and is the court's own finding: not one
that carries a rejection (未提供证据, 不予支持, 合法来源抗辩成立 …), and not a party's claim
(原告主张 …, 诉称, 辩称) unless the court adopts it in the same sentence (本院予以确认). Claims the
court rejects in the next sentence are skipped too. Returns codes with the sentence's span.

Codes (docs/NLP.md): ``after_notice`` (art. 3(1)), ``insider`` (3(2)), ``relationship``
(3(3)–(4)), ``counterfeit`` (3(5)), ``repeat_after_decision`` (4(1)), ``business`` (4(2)),
``evidence`` (4(3)), ``preservation`` (4(4)), ``huge_profit`` (4(5)), ``public_harm`` (4(6)).
"""

from __future__ import annotations

import re

PATTERNS: dict[str, re.Pattern[str]] = {
    "after_notice": re.compile(
        r"(?:警告函|律师函|警告|通知|告知函|侵权告知)[^。]{0,40}?"
        r"(?:仍|依然|继续实施|继续销售|继续生产|继续使用|置之不理|未停止|拒不停止)"),
    "insider": re.compile(
        r"(?:法定代表人|股东|管理人|实际控制人)[^。]{0,12}?(?:曾任|曾系|曾为|系|是)[^。]{0,20}?"
        r"(?:总经理|法定代表人|实际控制人|管理人|董事|高级管理人员)"),
    "relationship": re.compile(
        r"(?:曾系|曾为|原为|曾是|曾作为|原系)[^。]{0,24}?"
        r"(?:经销商|代理商|被许可人|员工|职工|代表|合作方|加盟商)"),
    "counterfeit": re.compile(r"(?:属于|构成)(?:假冒注册商标|盗版)的?行为|系假冒注册商标的商品"),
    "repeat_after_decision": re.compile(
        r"(?:判决|处罚|裁判|裁定|处理)[^。]{0,6}?(?:后|之后)[^。]{0,10}?再次(?:实施|侵权|生产|销售)"),
    "business": re.compile(r"以(?:侵害知识产权|侵犯知识产权|侵权)为业"),
    "evidence": re.compile(
        r"(?:伪造|毁灭|毁坏|销毁|隐匿|转移)[^。]{0,24}?(?:证据|账册|账簿)|"
        r"(?:进货单据|证据)[^。]{0,8}?系其?伪造"),
    "preservation": re.compile(
        r"拒不履行[^。]{0,12}?(?:保全裁定|禁令|保全)|(?:保全裁定|禁令裁定)[^。]{0,24}?拒不履行"),
    "huge_profit": re.compile(r"(?:获利|受损|损失)(?:数额)?巨大"),
    "public_harm": re.compile(r"危害(?:国家安全|公共利益|人身健康|公众健康)"),
}
_REJECTED = re.compile(
    r"未(?:提供|提交|能举证|能证明|举证)|不足以证明|证据不足|不能证明|无法证明|没有证据|并无证据|"
    r"无证据|不予(?:支持|采信|采纳|认定)|不能成立|缺乏(?:事实|法律)?(?:和法律)?依据|难以认定|"
    r"抗辩成立|不具有侵权故意|不构成故意")
_CLAIM = re.compile(r"(?:原告|被告|上诉人|被上诉人|申请人)?[^。,]{0,12}?(?:主张|诉称|辩称|上诉称|认为|称)")
# a party's evidence or argument described (为证明…, 提供了…), not what the court found
_SUBMISSION = re.compile(r"为证明|以证明|证明其|答辩意见|提交了|提供了|请求(?:法院|本院)?判令|诉至")
_ADOPTED = re.compile(r"本院予以(?:确认|支持|采纳|采信|认可)|予以认可")
_COURT = re.compile(r"^(?:本院认为|本院另查明|另查明|经审理查明|本院经审理)")
_SENTENCE = re.compile(r"[^。\n]+[。\n]?")


def _claim(sentence: str) -> bool:
    """A party's statement (原告主张…, …辩称) rather than the court's own finding."""
    if _COURT.match(sentence):
        return False
    head = _CLAIM.match(sentence)
    return bool(head) and not _ADOPTED.search(sentence)


def find_indicators(norm: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """(code, sentence start, sentence end) for every indicator the court states in
    ``norm[start:end]``, in reading order, each code once (its first sentence)."""
    sentences = [m.span() for m in _SENTENCE.finditer(norm, start, end)]
    found: list[tuple[str, int, int]] = []
    seen: set[str] = set()
    for i, (a, b) in enumerate(sentences):
        text = norm[a:b]
        if _REJECTED.search(text) or _SUBMISSION.search(text) or _claim(text):
            continue
        following = norm[slice(*sentences[i + 1])] if i + 1 < len(sentences) else ""
        if _REJECTED.search(following) and following.lstrip().startswith(("对此", "本院对此", "但")):
            continue
        for code, pattern in PATTERNS.items():
            if code not in seen and pattern.search(text):
                seen.add(code)
                found.append((code, a, b if not text.endswith(("。", "\n")) else b - 1))
    return found
