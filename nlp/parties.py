"""The parties block: who the document is about, as the header lists them.

Judgments and penalty decisions open with one line per party (原告/被告/上诉人（原审被告）/
当事人 …), followed by lines that belong to it (法定代表人, 经营者, 委托代理人, 住所). Names
carry brackets that are part of them (松冈机电（中国）有限公司) and brackets that annotate them
(（原名…）, （以下简称…）, （系…业主）, (OSRAMAG)); both are told apart here.
"""

from __future__ import annotations

import re
from typing import Any

from nlp.identifiers import find_usccs
from nlp.text import Doc

ROLES = (
    "再审申请人|申请再审人|被申请人|申请人|被上诉人|上诉人|原审原告|原审被告单位|原审被告人|原审被告|原审第三人|"
    "一审原告|一审被告|二审上诉人|二审被上诉人|被申诉人|申诉人|附带民事诉讼原告人|"
    "原告|被告单位|被告人|被告|第三人|原公诉机关|公诉机关|抗诉机关|当事人|被处罚人"
)
_ROLE_LINE = re.compile(rf"^(?P<role>{ROLES})(?:\((?P<qual>[^()]{{1,30}})\))?(?:名称|姓名)?:?")
_ROLE_ANY = re.compile(ROLES)
_PERSON_LINE = re.compile(rf"^(?:{ROLES})(?:\([^()]{{1,30}}\))?:?[^,。:]{{1,20}},(?:男|女),")
_REP_LINE = re.compile(
    r"^(?P<key>法定代表人|主要负责人|负责人|诉讼代表人|代表人|投资人|执行事务合伙人|经营者|业主)"
    r"(?:\([^()]*\))?:?"
)
_ATTORNEY_LINE = re.compile(
    r"^(?P<prefix>[^:,。]{0,20}?)(?:共同)?(?:委托(?:诉讼)?代理人|诉讼代理人|指定辩护人|辩护人)"
    r"(?:\((?P<qual>[^()]*)\))?:?"
)
_ADDRESS_KEY = re.compile(r"^(?:住所地|住所|住址|地址|经营场所|经营地址|营业场所|住)(?:在|为|:)*")
_FORMER_LINE = re.compile(r"^(?:曾用名|原名称|原名)(?:为|:)*")
_NARRATIVE = re.compile(
    r"一案|纠纷|诉称|辩称|本院|受理|审理|经查|本局|我局|立案|检查|投诉|举报|上诉请求|不服|查明"
)
_ORG_SUFFIX = re.compile(
    r"(?:公司|厂|店|行|部|社|中心|站|所|院|局|会|集团|馆|室|场|酒店|银行|学校|大学|台|处)$"
)
_PERSON_HINT = re.compile(r"^(?:男|女|汉族|\d{4}年|身份证|公民身份)")
# A person's ID number as printed: full (18 or 15 digits) or masked with * in the middle.
_ID_NUMBER = re.compile(
    r"^(?:公民身份号码|公民身份证号码?|身份证件号码|身份证号码?|身份号码)(?:为|是|:)*"
    r"(?P<id>\d{6}[\d*]{8,11}[\dXx*])(?![\dXx*])"
)
_FORMER = re.compile(r"^(?:原名称|原企业名称|曾用名|原名|即原|原称|原)(?:为|:)*(?P<n>.+)$")
_SHORT_BODY = r"(?:以下)?简称:?[“\"「']?(?P<s>[^()”\"」',]{1,20})"
_SHORT = re.compile("^" + _SHORT_BODY)
_OPERATES = re.compile(
    r"^(?:系|为|是)?(?:个体工商户)?(?P<biz>.+?)(?:的)?(?:业主|经营者|负责人|投资人)$"
)
_LATIN_ONLY = re.compile(r"^[A-Za-z0-9 .,&'\-·]+$")
_FIRM = re.compile(
    r"(?:均系|分别系|系|均为|为)?(?P<firm>[^,。、;]{2,40}?"
    r"(?:律师事务所(?:[^,。、;]{0,12}?分所)?|法律服务所|知识产权代理[^,。、;]{0,10}?公司|事务所))"
)
_SHORT_NAME_DEF = re.compile(r"\(" + _SHORT_BODY)
_LABELLED_LINE = re.compile(r"^(?![^:]*如下)[\u4e00-\u9fff]{2,12}:.")
_LABEL = re.compile(r"号码|代码|证件|身份证")
_STOP = ",。;:\n"
_MAX_BLOCK_LINES = 60
_MAX_LINE = 200


def _name_end(text: str, pos: int) -> int:
    """Where a name starting at ``pos`` ends: first stop mark or annotating bracket at depth 0."""
    i = pos
    while i < len(text):
        ch = text[i]
        if ch in _STOP:
            return i
        if ch == "." and not (0 < i < len(text) - 1 and text[i - 1].isascii()
                              and text[i + 1].isascii() and text[i + 1].isalpha()):
            return i
        if ch == "(":
            close = _matching(text, i)
            inner = text[i + 1:close]
            nxt = text[close + 1] if close + 1 < len(text) else ""
            part_of_name = (nxt and nxt not in _STOP + ".(" and len(inner) <= 6
                            and not re.match(r"原|曾|以下|简称|系|即", inner))
            if not part_of_name:
                return i
            i = close + 1
            continue
        i += 1
    return i


def _matching(text: str, open_at: int) -> int:
    depth = 0
    for j in range(open_at, len(text)):
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            depth -= 1
            if depth == 0:
                return j
    return len(text) - 1


def _segments(text: str, pos: int, end: int) -> list[tuple[int, int]]:
    """Split ``text[pos:end]`` at , 。 ; outside brackets; bracketed parts become segments too."""
    out: list[tuple[int, int]] = []
    start = i = pos
    while i < end:
        ch = text[i]
        if ch == "(":
            if i > start:
                out.append((start, i))
            close = min(_matching(text, i), end - 1)
            out.append((i + 1, close))
            start = i = close + 1
            continue
        if ch in ",。;":
            if i > start:
                out.append((start, i))
            start = i + 1
        i += 1
    if end > start:
        out.append((start, end))
    return out


def _new_party(doc: Doc, role: str, qual: str | None, start: int, end: int) -> dict[str, Any]:
    return {"role": role, "qualifier": qual, "name": doc.value(start, end), "kind": None,
            "uscc": None, "uscc_valid": None, "address": None, "legal_rep": None,
            "operator": None, "operates": None, "former_names": [], "aliases": [],
            "short_name": None, "attorneys": [], "id_number": None, "span": None,
            "spans": {"name": doc.span(start, end)},
            "_norm_name": doc.norm[start:end], "_lines": []}


def _describe(doc: Doc, party: dict[str, Any], start: int, end: int, head: bool = False) -> None:
    """Fill address, USCC, person hints and annotations from one line's descriptive tail.

    Only the party's own line says whether it is a person (男/女/出生); later lines may describe
    its operator or representative instead.
    """
    norm = doc.norm
    for found in find_usccs(norm, start, end):
        if party["uscc"] is None and (found.valid or found.labelled):
            party["uscc"], party["uscc_valid"] = found.value, found.valid
            party["spans"]["uscc"] = doc.span(found.start, found.end)
    leading = head
    skip_to = -1
    for a, b in _segments(norm, start, end):
        if a < skip_to:
            continue
        seg = norm[a:b]
        bracketed = a > 0 and norm[a - 1] == "("
        leading = leading and bracketed
        if bracketed:
            if leading:
                _annotation(doc, party, a, b)
        elif m := _ADDRESS_KEY.match(seg):
            if party["address"] is None and b > a + m.end():
                skip_to = _address_end(norm, b, end)
                _put(doc, party, "address", a + m.end(), skip_to)
        elif m := _REP_LINE.match(seg):
            _set_rep(doc, party, m.group("key"), a + m.end(), b)
        elif head and (m := _ID_NUMBER.match(seg)):
            if party["id_number"] is None:
                party["id_number"] = doc.value(a + m.start("id"), a + m.end("id"))
                party["spans"]["id_number"] = doc.span(a + m.start("id"), a + m.end("id"))
            party["kind"] = "person"
        elif _PERSON_HINT.match(seg):
            if head:
                party["kind"] = "person"
        elif m := _OPERATES.match(seg):
            party["operates"] = party["operates"] or doc.value(a + m.start("biz"), a + m.end("biz"))


def _address_end(norm: str, pos: int, end: int) -> int:
    """Where an address cut at ``pos`` really ends: brackets are part of it (工业园（高河）,
    一楼（C区1号）), up to the next , 。 ; — unless a bracket annotates the party (以下简称…)."""
    i = pos
    while i < end and norm[i] not in ",。;":
        if norm[i] == "(":
            close = min(_matching(norm, i), end - 1)
            inner = norm[i + 1:close]
            if not inner or norm[close] != ")" or re.match(r"原|曾|以下|简称|系|即", inner):
                break
            i = close + 1
        else:
            i += 1
    while i > pos and norm[i - 1] in " ":
        i -= 1
    return i


def _annotation(doc: Doc, party: dict[str, Any], a: int, b: int) -> None:
    seg = doc.norm[a:b]
    if m := _SHORT.match(seg):
        if not _ROLE_ANY.fullmatch(m.group("s")):
            party["short_name"] = doc.value(a + m.start("s"), a + m.end("s"))
    elif m := _FORMER.match(seg):
        for piece in re.split(r"[,、]", m.group("n")):
            off = a + m.start("n") + m.group("n").index(piece)
            target = "aliases" if _LATIN_ONLY.match(piece) else "former_names"
            if piece:
                party[target].append(doc.value(off, off + len(piece)))
    elif _LATIN_ONLY.match(seg):
        party["aliases"].append(doc.value(a, b))
    elif m := _OPERATES.match(seg):
        party["operates"] = doc.value(a + m.start("biz"), a + m.end("biz"))


def _set_rep(doc: Doc, party: dict[str, Any], key: str, start: int, end: int) -> None:
    stop = _name_end(doc.norm, start)
    name = doc.value(start, min(stop, end))
    if not name or _LABEL.search(name):
        return
    target = "operator" if key in ("经营者", "业主") else "legal_rep"
    if party[target] is None:
        _put(doc, party, target, start, min(stop, end))


def _put(doc: Doc, party: dict[str, Any], key: str, start: int, end: int) -> None:
    """Set one of the party's values, cut from ``norm[start:end]``, with its span."""
    party[key] = doc.value(start, end)
    party["spans"][key] = doc.span(start, end)


def _attorneys(doc: Doc, start: int, end: int) -> list[dict[str, Any]]:
    norm = doc.norm
    stop = start
    while stop < end and norm[stop] not in ",。;":
        stop = _matching(norm, stop) + 1 if norm[stop] == "(" else stop + 1
    names_text = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), norm[start:stop])
    firm_match = _FIRM.search(norm, stop, end)
    firm = doc.value(firm_match.start("firm"), firm_match.end("firm")) if firm_match else None
    out = []
    for m in re.finditer(r"[^、 ]+", names_text):
        name = doc.value(start + m.start(), start + m.end())
        if name:
            out.append({"name": name, "firm": firm,
                        "span": doc.span(start + m.start(), start + m.end())})
    return out


def parse_parties(doc: Doc, start: int,
                  end: int | None = None) -> tuple[list[dict[str, Any]], int]:
    """Parties listed from ``start`` (just after the header), and where their block ends."""
    end = len(doc.norm) if end is None else end
    norm = doc.norm
    parties: list[dict[str, Any]] = []
    block_end = start
    seen = 0
    for a, b in doc.lines():
        if a < start or b > end:
            continue
        seen += 1
        line = norm[a:b]
        person = _PERSON_LINE.match(line)
        if seen > _MAX_BLOCK_LINES or len(line) > (_MAX_LINE * 2 if person else _MAX_LINE) \
                or (_NARRATIVE.search(line) and not person):
            break
        current = parties[-1] if parties else None
        if m := _ROLE_LINE.match(line):
            name_end = _name_end(norm, a + m.end())
            if name_end > a + m.end():
                party = _new_party(doc, m.group("role"), m.group("qual"), a + m.end(), name_end)
                _describe(doc, party, name_end, b, head=True)
                party["_lines"].append((a, b))
                parties.append(party)
                block_end = b
            continue
        if current is None:
            continue
        if m := _ATTORNEY_LINE.match(line):
            targets = _attorney_targets(parties, m.group("prefix"))
            for target in targets:
                target["attorneys"].extend(_attorneys(doc, a + m.end(), b))
        elif m := _REP_LINE.match(line):
            _set_rep(doc, current, m.group("key"), a + m.end(), b)
        elif m := _ADDRESS_KEY.match(line):
            if current["address"] is None and b > a + m.end():
                _put(doc, current, "address", a + m.end(), _line_value_end(norm, a + m.end(), b))
        elif m := _FORMER_LINE.match(line):
            value_end = _line_value_end(norm, a + m.end(), b)
            current["former_names"].append(doc.value(a + m.end(), value_end))
        elif _LABELLED_LINE.match(line) or find_usccs(norm, a, b):
            _describe(doc, current, a, b)
        else:
            break
        current["_lines"].append((a, b))
        block_end = b
    for party in parties:
        _finish(doc, party)
    return parties, block_end


def _attorney_targets(parties: list[dict[str, Any]], prefix: str) -> list[dict[str, Any]]:
    role = _ROLE_ANY.search(prefix) if prefix else None
    if role:
        same = [p for p in parties if p["role"] == role.group(0)]
        if same:
            return same
    return parties[-1:]


def _line_value_end(norm: str, start: int, end: int) -> int:
    while end > start and norm[end - 1] in "。.;,":
        end -= 1
    return end


def _finish(doc: Doc, party: dict[str, Any]) -> None:
    first, last = party["_lines"][0], party["_lines"][-1]
    party["span"] = doc.span(first[0], last[1])
    if party["kind"] is None:
        name = party["_norm_name"]
        org = (_ORG_SUFFIX.search(name) or party["uscc"] or party["legal_rep"]
               or party["operator"] or party["role"] == "公诉机关")
        party["kind"] = "organisation" if org else ("person" if len(name) <= 4 else None)


def assign_short_names(doc: Doc, parties: list[dict[str, Any]]) -> None:
    """``（以下简称X）`` anywhere in the text names the party written just before it."""
    for m in _SHORT_NAME_DEF.finditer(doc.norm):
        short = m.group("s")
        if _ROLE_ANY.fullmatch(short):
            continue
        before = doc.norm[max(0, m.start() - 60):m.start()]
        for party in parties:
            if party["short_name"] is None and before.endswith(party["_norm_name"]):
                party["short_name"] = doc.value(m.start("s"), m.end("s"))


def public(parties: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop the private working keys."""
    return [{k: v for k, v in p.items() if not k.startswith("_")} for p in parties]
