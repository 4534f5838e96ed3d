"""The notices and decisions of the list workflow, as the documents the party receives.

REGULATIONS §2: a listing decision states its grounds, the measures, the conditions for removal
and the remedies; the notice before it announces the intended listing and the right to a
statement of defence and a hearing. A document is a title and numbered sections, rendered as
plain text or HTML. It is built only from what the chain recorded (dates, term, measures frozen
into the records), so re-reading an old entry never changes what was issued. Every rendering
passes through ``mask_id_numbers``: no personal ID number leaves the system unmasked (SPEC §9).
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from stdnum.cn import ric, uscc

from graph.records import Node, NodeRef
from graph.store import GraphStore
from risk.audit import Record
from risk.policy import Policy

if TYPE_CHECKING:
    from risk.lists import EntryState

DOCUMENT_KINDS = {"notify": "notice", "decide": "decision", "remove": "removal",
                  "overturn": "removal", "revoke": "removal", "expire": "removal"}
TITLES = {"notice": "列入严重违法失信名单告知书", "decision": "列入严重违法失信名单决定书",
          "removal": "移出严重违法失信名单决定书"}
_PREFIX = {"notice": "信列告", "decision": "信列决", "removal": "信移决"}
REMOVAL_GROUNDS = {
    "remove": "当事人申请提前移出，经审核符合提前移出条件",
    "overturn": "列入决定经行政复议或者行政诉讼被撤销",
    "revoke": "列入所依据的行政处罚决定被撤销",
    "expire": "列入期限届满，自动移出",
}
SAMR_RULES = "《市场监督管理严重违法失信名单管理办法》（2021）"

# 18 characters, digits with a final digit or X (half- or full-width), not inside a longer code.
_ALNUM = "0-9A-Za-z０-９Ａ-Ｚａ-ｚ"
_RUN = re.compile(rf"(?<![{_ALNUM}])[0-9０-９]{{17}}[0-9０-９XxＸｘ](?![{_ALNUM}])")
_ID_SHAPE = re.compile(r"[1-8]\d{5}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX]")


def _mask_one(match: re.Match[str]) -> str:
    raw = match.group(0)
    value = unicodedata.normalize("NFKC", raw).upper()
    looks_like_id = bool(_ID_SHAPE.fullmatch(value)) or ric.is_valid(value)
    if not looks_like_id or (uscc.is_valid(value) and not ric.is_valid(value)):
        return raw  # an all-digit USCC: public by law, and not an ID number
    return raw[:6] + "*" * 8 + raw[-4:]


def mask_id_numbers(text: str) -> str:
    """Mask every resident ID number (18 characters, region + birth date, or a valid check
    digit) as the graph stores them, ``320505********1234``. An all-digit USCC that passes its
    own check and fails the ID check is left alone; anything in doubt is masked."""
    return _RUN.sub(_mask_one, text)


def mask_deep(value: Any) -> Any:
    """``mask_id_numbers`` over every string in a JSON-like value."""
    if isinstance(value, str):
        return mask_id_numbers(value)
    if isinstance(value, Mapping):
        return {k: mask_deep(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask_deep(v) for v in value]
    return value


@dataclass(frozen=True)
class Instrument:
    kind: str
    title: str
    number: str
    issuer: str
    issued_on: str
    sections: tuple[tuple[str, tuple[str, ...]], ...]

    def text(self) -> str:
        lines = [self.title, self.number, ""]
        for index, (heading, paragraphs) in enumerate(self.sections, 1):
            lines.append(f"{_NUMERALS[index]}、{heading}")
            lines += [f"    {p}" for p in paragraphs]
        lines += ["", self.issuer, self.issued_on, ""]
        return mask_id_numbers("\n".join(lines))

    def html(self) -> str:
        e = html.escape
        body = [f"<h1>{e(self.title)}</h1>", f'<p class="number">{e(self.number)}</p>']
        for index, (heading, paragraphs) in enumerate(self.sections, 1):
            body.append(f"<h2>{_NUMERALS[index]}、{e(heading)}</h2>")
            body += [f"<p>{e(p)}</p>" for p in paragraphs]
        body.append(f'<p class="issuer">{e(self.issuer)}<br>{e(self.issued_on)}</p>')
        return mask_id_numbers(
            '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{e(self.title)}</title></head><body>\n" + "\n".join(body) + "\n</body></html>\n")

    def node(self, entry_id: str) -> Node:
        text = self.text()
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return Node("ListDocument", f"listdoc:{sha}", {
            "kind": self.kind, "title": self.title, "number": self.number, "entry_id": entry_id,
            "issued_on": self.issued_on, "sha256": sha, "text": text, "html": self.html()})


_NUMERALS = "〇一二三四五六七八九十"


def _party(facts: Mapping[str, Any]) -> tuple[str, ...]:
    name = str(facts.get("entity_name", ""))
    code = str(facts.get("uscc", ""))
    return (f"{name}（统一社会信用代码：{code}）" if code else name,)


def _penalty_line(penalty: Mapping[str, Any]) -> str:
    if not penalty:
        return ""
    fine = f"，罚款{penalty['fine']}元" if penalty.get("fine") else ""
    return (f"{penalty.get('authority_name', '')}于{penalty.get('decision_date', '')}作出"
            f"{penalty.get('decision_no', '')}行政处罚决定（{penalty.get('violation', '')}{fine}）。")


def _measures(facts: Mapping[str, Any], policy: Policy) -> tuple[str, ...]:
    measures = facts.get("measures") or [
        {"name": policy.value(k)["name"], "years": policy.value(k)["years"]}
        for k in policy.value("lists.measures")]
    return tuple(f"{m['name']}（自公示之日起{m['years']}年，且不超过列入期限）" for m in measures)


def _removal_terms(policy: Policy) -> tuple[str, ...]:
    term = policy.value("lists.term_years")
    early = policy.value("lists.early_removal_min_years")
    conditions = "；".join(policy.value("lists.early_removal_conditions").values())
    days = policy.value("lists.revocation_removal_working_days")
    return (f"列入期限{term}年，期满自动移出。",
            f"列入满{early}年，且同时符合下列条件的，可以申请提前移出：{conditions}。",
            f"列入所依据的行政处罚被撤销的，在{days}个工作日内移出。")


def build(kind: str, facts: Mapping[str, Any], penalty: Mapping[str, Any], record: Record,
          policy: Policy, heard: bool = False) -> Instrument:
    """The document a step issues, from the facts its chain recorded up to and including it."""
    entry = record.subject.id
    number = (f"{_PREFIX[kind]}〔{record.at[:4]}〕"
              f"{hashlib.sha256(entry.encode()).hexdigest()[:6].upper()}-{record.seq:02d}号")
    issuer = str(penalty.get("authority_name") or "市场监督管理部门")
    grounds = tuple(p for p in (str(facts.get("grounds", "")), _penalty_line(penalty)) if p)
    basis = (str(facts.get("basis", "")), f"{SAMR_RULES}：故意侵犯知识产权等受到较重行政处罚的，"
             f"列入严重违法失信名单（{facts.get('trigger', policy.cite('candidate.triggers'))}）。")
    sections: list[tuple[str, tuple[str, ...]]] = [("当事人", _party(facts))]
    if kind == "notice":
        sections += [
            ("拟列入的事实和理由", grounds), ("依据", basis),
            ("拟采取的管理措施", _measures(facts, policy)), ("列入期限和移出条件", _removal_terms(policy)),
            ("当事人的权利", (
                f"你（单位）有权进行陈述、申辩，并可以要求听证。请于{facts.get('hearing_deadline')}前"
                "提出；逾期未提出的，视为放弃上述权利。",))]
    elif kind == "decision":
        hearing = "当事人在规定期限内进行了陈述、申辩或者听证，经复核，理由不成立。" if heard else \
            "当事人在规定期限内未陈述、申辩，未要求听证。"
        remedies = [f"如不服本决定，可以在{policy.value('lists.appeal_reconsideration_days')}日内申请"
                    f"行政复议，或者在{policy.value('lists.appeal_lawsuit_months')}个月内依法提起行政诉讼"
                    f"（最迟至{facts.get('appeal_deadline')}）。"]
        if policy.value("lists.measures_during_appeal"):
            remedies.append("行政复议、行政诉讼期间，本决定不停止执行。")
        sections += [
            ("列入的事实和理由", (*grounds, hearing)), ("依据", basis),
            ("决定内容", (f"决定将当事人列入严重违法失信名单，列入期限{facts.get('term_years')}年，"
                      f"自公示之日起计算；于{facts.get('publish_due')}前通过国家企业信用信息公示系统公示。",)),
            ("管理措施", _measures(facts, policy)), ("移出条件", _removal_terms(policy)),
            ("救济途径", tuple(remedies))]
    else:
        detail = [REMOVAL_GROUNDS.get(record.action, record.action) + "。", record.reason]
        if record.action == "remove":
            detail.append("已满足：" + "；".join(policy.value("lists.early_removal_conditions").values()))
        if record.action == "revoke":
            detail.append(f"行政处罚于{facts.get('penalty_revoked_on')}被撤销，应于"
                          f"{facts.get('removal_due')}前移出。")
        sections += [
            ("移出理由", tuple(d for d in detail if d)),
            ("决定内容", (f"自{record.at}起将当事人移出严重违法失信名单，相关管理措施同时停止执行。",)),
            ("依据", (SAMR_RULES,))]
    return Instrument(kind, TITLES[kind], number, issuer, record.at, tuple(sections))


def issue(store: GraphStore, entry: Node, kind: str, st: EntryState, record: Record,
          policy: Policy) -> Node:
    """The ListDocument node of the document ``record`` issues (written with the record)."""
    penalty_id = str(st.facts.get("penalty") or entry.props.get("penalty") or "")
    penalty = store.get(NodeRef("Penalty", penalty_id)) if penalty_id else None
    doc = build(kind, st.facts, penalty.props if penalty else {}, record, policy,
                heard="hearing" in st.dates)
    return doc.node(entry.id)
