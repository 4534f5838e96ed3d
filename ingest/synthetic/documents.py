"""What rulings and penalty decisions share: drafts, party blocks, names as printed, output.

A ``Draft`` collects a document's blocks, its gold (what ``extract_document`` should return)
and every mention of a company with the USCC it truly refers to. ``Desk`` writes a finished
draft as text or as a published HTML page and appends its gold and mentions to the truth files,
so no document is kept in memory once written.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from ingest.synthetic import formats, names, phrasing
from ingest.synthetic.behaviours import Mix
from ingest.synthetic.filings import Patent, Trademark
from ingest.synthetic.identifiers import Serials
from ingest.synthetic.registry import Company

USCC_ERA = date(2016, 1, 1)  # documents before this print no USCC (codes were issued from 2015-10)
_FIRMS = ("律师事务所", "律师事务所", "知识产权代理有限公司")


@dataclass
class Draft:
    """One document being written: its blocks, gold fields and company mentions."""

    rng: random.Random
    mix: Mix
    day: date
    kind: str  # ruling | penalty
    blocks: list[tuple[str, str]] = field(default_factory=list)  # (head|para|noisy|sign|blank, text)
    gold: dict[str, Any] = field(default_factory=dict)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    shorts: dict[int, str] = field(default_factory=dict)  # id(company) → 以下简称
    defined: set[int] = field(default_factory=set)  # companies whose 以下简称 was printed
    marks: list[tuple[str, int, str]] = field(default_factory=list)  # (field, block, as printed)

    def add(self, kind: str, text: str) -> None:
        self.blocks.append((kind, text))

    def mark(self, name: str, printed: str) -> None:
        """Remember that the last block added prints gold field ``name`` as ``printed``."""
        if printed and printed in self.blocks[-1][1]:
            self.marks.append((name, len(self.blocks) - 1, printed))

    def mark_party(self, role: str, name: str) -> None:
        """The last block is the party line of ``name`` in ``role`` (gold span ``party|role|name``)."""
        self.mark(f"party|{role}|{name}", name)

    def mark_amount(self, name: str, printed: str) -> None:
        """The last block prints the amount of gold field ``name`` (damages, fine, turnover)."""
        self.mark(name, printed)

    def mention(self, company: Company, printed: str, variant: str, where: str,
                uscc_printed: bool = False) -> None:
        self.mentions.append({"mention": printed, "uscc": company.uscc, "variant": variant,
                              "where": where, "uscc_printed": uscc_printed})

    def uscc_printed(self) -> bool:
        return self.day >= USCC_ERA and self.rng.random() < self.mix.uscc_printed

    def name(self, company: Company, where: str, uscc_printed: bool = False,
             vary: bool = True) -> str:
        """The company as this document prints it, recorded as a mention with its variant."""
        rng, mix = self.rng, self.mix
        base = company.name_on(self.day)
        label = "former" if base != company.name else "exact"
        kind = None
        if vary and not uscc_printed and rng.random() < mix.unresolvable_name:
            kind = "no_region"
        elif vary and rng.random() < mix.name_variants:
            kind = rng.choice(("legal_form", "fullwidth", "province", "province")
                              + (("no_region",) if uscc_printed else ()))
        printed = base
        if kind:
            printed = names.variant(base, kind, company.district, company.trade_on(self.day))
            if printed != base:
                label = kind if label == "exact" else f"{label}+{kind}"
        self.mention(company, printed, label, where, uscc_printed)
        return printed

    def short(self, company: Company) -> str:
        """The 以下简称 a document uses for a company: its trade word + 公司, or a shop's name
        without its place (明记服装店); the full name when two parties would share one."""
        if id(company) not in self.shorts:
            name = company.name_on(self.day)
            short = (names.strip_region(name, company.district) if company.individual
                     else company.trade_on(self.day) + "公司")
            if short in self.shorts.values():
                short = name
            self.shorts[id(company)] = short
        return self.shorts[id(company)]

    def defines_short(self, company: Company, printed: str) -> str:
        """``NAME（以下简称X）`` once per company, then X."""
        short = self.short(company)
        if short == printed:
            return printed
        if id(company) in self.defined:
            return short
        self.defined.add(id(company))
        self.mention(company, short, "short", "short")
        quote = self.rng.choice(("{}", "“{}”", "{}"))
        return f"{printed}（以下简称{quote.format(short)}）"

    def person(self) -> str:
        return names.person_name(self.rng)


def tm_phrase(rng: random.Random, mark: Trademark) -> str:
    """How a ruling or decision names a registered mark (always with its number)."""
    return rng.choice((
        f"第{mark.number}号“{mark.mark}”注册商标",
        f"第{mark.number}号“{mark.mark}”商标",
        f"“{mark.mark}”注册商标（注册号：第{mark.number}号）",
        f"第{mark.number}号注册商标",
    ))


def patent_phrase(rng: random.Random, patent: Patent) -> str:
    number = "ZL" + patent.application_no
    if rng.random() < 0.15:
        number = "ZL" + patent.application_no.replace(".", "")
    return rng.choice((
        f"{number}号{patent.kind}专利",
        f"专利号为{number}、名称为“{patent.title}”的{patent.kind}专利",
        f"名称为“{patent.title}”的{patent.kind}专利（专利号：{number}）",
    ))


def right_numbers(right: Trademark | Patent | None) -> tuple[list[str], list[str]]:
    """Gold ``trademark_numbers`` and ``patent_numbers`` for a document about ``right``."""
    if isinstance(right, Trademark):
        return [right.number], []
    if isinstance(right, Patent):
        return [], [right.application_no]
    return [], []


def party_lines(draft: Draft, role: str, qualifier: str | None, company: Company,
                with_attorney: bool, colon: bool = True) -> str:
    """The parties block for one company (role line, representative, attorneys) and its gold;
    returns the name as printed, which the rest of the document repeats."""
    rng = draft.rng
    printed_uscc = draft.uscc_printed()
    name = draft.name(company, "party", printed_uscc)
    role_text = role + ((f"（{qualifier}）" if rng.random() < 0.7 else f"({qualifier})")
                        if qualifier else "")
    sep = "：" if colon else ""
    address = ("江苏省" if rng.random() < 0.5 else "") + company.address
    tail = ""
    if company.individual:
        tail = "（个体工商户）"
    elif company.former_names and company.name_on(draft.day) == company.name and rng.random() < 0.4:
        former = company.former_names[-1]
        tail = rng.choice(("（原名{}）", "（曾用名：{}）", "（原名称为{}）")).format(former)
        draft.mention(company, former, "former", "annotation")
    if not tail and rng.random() < 0.12:
        tail = draft.defines_short(company, name)[len(name):]  # （以下简称X） on the party line
    code = f"统一社会信用代码{rng.choice(('', '：'))}{company.uscc}" if printed_uscc else ""
    style = rng.randrange(3)
    if style == 0:
        line = f"{role_text}{sep}{name}{tail}，住所地{address}" + (f"，{code}" if code else "") + "。"
        draft.add("para", line)
    elif style == 1:
        line = f"{role_text}{sep}{name}{tail}。住所地：{address}。"
        draft.add("para", line + (f"{code}。" if code else ""))
    else:
        draft.add("para", f"{role_text}{sep}{name}{tail}，住所{address}。")
    draft.mark_party(role, name)
    if style == 2 and code:
        draft.add("para", f"统一社会信用代码：{company.uscc}。")
    draft.gold["parties"].append({"role": role, "qualifier": qualifier, "name": name})
    rep = company.legal_rep.name
    if company.individual:
        draft.add("para", f"经营者{sep}{rep}。")
    else:
        title = rng.choice((f"，{company.rep_title}", f"，该公司{company.rep_title}", ""))
        draft.add("para", f"法定代表人{sep}{rep}{title}。")
    if with_attorney:
        label = "委托诉讼代理人" if draft.day.year >= 2016 else "委托代理人"
        people = "、".join(draft.person() for _ in range(rng.choice((1, 1, 2))))
        if rng.random() < 0.15:
            draft.add("para", f"{label}{sep}{people}，该公司员工。")
        else:
            firm = "江苏" + names.trade_word(rng) + rng.choice(_FIRMS)
            job = "律师" if firm.endswith("所") else "专利代理师"
            draft.add("para", f"{label}{sep}{people}，{firm}{job}。")
    return name


@dataclass
class Desk:
    """Writes finished drafts under the inbox, and their gold and mentions to the truth files."""

    inbox: Path
    gold: TextIO
    entities: TextIO
    serials: Serials
    pdf_rng: random.Random = field(default_factory=lambda: random.Random(0))  # PDF or text
    documents: int = 0
    rulings: int = 0
    mentions: int = 0
    encodings: dict[str, int] = field(default_factory=dict)  # of plain-text files
    formats: dict[str, int] = field(default_factory=dict)  # txt | html | docx | pdf

    def publish(self, draft: Draft, relative: str, title: str) -> str:
        rng, mix = draft.rng, draft.mix
        noisy = rng.random() < mix.ocr_noise
        blocks = [(kind, phrasing.ocr_noise(rng, text, 0.03) if noisy and kind == "noisy" else text)
                  for kind, text in draft.blocks]
        form = rng.random() if draft.kind == "ruling" else 1.0
        if form < mix.html:
            relative = relative[:-4] + ".html"
            data = phrasing.to_html(title, [("para" if k == "noisy" else k, t)
                                            for k, t in blocks if k != "blank"]).encode("utf-8")
            gold_spans = _spans(_html_lines(title, blocks), draft.marks)
        elif form < mix.html + mix.docx:
            relative = relative[:-4] + ".docx"
            data = phrasing.to_docx([t for k, t in blocks if k != "blank"])
            gold_spans = _spans(_docx_lines(blocks), draft.marks)
        else:
            indent = "　　" if rng.random() < 0.7 else ""
            text, spans = _plain(blocks, indent, draft.marks)
            roll = rng.random()  # plain text may come in any of the encodings the readers take
            encoding = ("gb18030" if roll < mix.gb18030 else
                        "utf-8-sig" if roll < mix.gb18030 + mix.utf8_bom else "utf-8")
            text_share = max(1e-9, 1.0 - mix.html - mix.docx)
            if draft.kind == "ruling" and self.pdf_rng.random() < mix.pdf / text_share:
                relative = relative[:-4] + ".pdf"
                lines = [t for _, t in blocks]
                data = formats.to_pdf(lines)
                gold_spans = _spans(formats.pdf_text(formats.pdf_pages(lines)), draft.marks)
            else:
                self.encodings[encoding] = self.encodings.get(encoding, 0) + 1
                data = text.encode(encoding)
                gold_spans = spans
        suffix = relative.rsplit(".", 1)[1]
        self.formats[suffix] = self.formats.get(suffix, 0) + 1
        path = self.inbox / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.documents += 1
        self.rulings += draft.kind == "ruling"
        gold = {"file": relative, **{k: v for k, v in draft.gold.items() if not k.startswith("_")}}
        if gold_spans:
            gold["spans"] = gold_spans
        self.gold.write(json.dumps(gold, ensure_ascii=False) + "\n")
        for item in draft.mentions:
            self.entities.write(json.dumps({"file": relative, **item}, ensure_ascii=False) + "\n")
        self.mentions += len(draft.mentions)
        return relative


def _plain(blocks: list[tuple[str, str]], indent: str,
           marks: list[tuple[str, int, str]]) -> tuple[str, dict[str, list[int]]]:
    """The text file's content and, for each marked field, its [start, end) in that text."""
    lines = [indent + t if k in ("para", "noisy") else t for k, t in blocks]
    pieces: list[tuple[int | None, str]] = []
    for index, line in enumerate(lines):
        pieces += [(index, line), (None, "\n")]
    return "\n".join(lines) + "\n", _spans(pieces, marks)


def _html_lines(title: str, blocks: list[tuple[str, str]]) -> list[tuple[int | None, str]]:
    """The page's text as the HTML reader gives it: the title, then one stripped line per
    non-empty block (a signature's full-width spaces become two no-break spaces)."""
    pieces: list[tuple[int | None, str]] = [(None, title.strip()), (None, "\n")]
    for index, (kind, text) in enumerate(blocks):
        shown = (text.replace("　", "\xa0\xa0") if kind == "sign" else text).strip()
        if kind != "blank" and shown:
            if index == 0 and shown == title.strip() and shown.endswith("书"):
                # the title repeats a header line that holds the form (…法院民事判决书): the
                # header is read at its first printing, the title
                pieces[0] = (0, shown)
                index = None
            pieces += [(index, shown), (None, "\n")]
    return pieces


def _docx_lines(blocks: list[tuple[str, str]]) -> list[tuple[int | None, str]]:
    """The Word file's text as the DOCX reader gives it: non-blank paragraphs, one per line."""
    pieces: list[tuple[int | None, str]] = []
    for index, (kind, text) in enumerate(blocks):
        if kind != "blank" and text.strip():
            pieces += [(index, text), (None, "\n")]
    return pieces[:-1]


def _spans(pieces: list[tuple[int | None, str]],
           marks: list[tuple[str, int, str]]) -> dict[str, list[int]]:
    """[start, end) of each marked field in the text ``pieces`` join to; a block may be cut into
    several pieces (a PDF's wrapped lines), so a value may run across a line break."""
    where: dict[int, list[tuple[int, str]]] = {}  # block → (offset in the text, piece)
    at = 0
    for index, piece in pieces:
        if index is not None:
            where.setdefault(index, []).append((at, piece))
        at += len(piece)
    spans: dict[str, list[int]] = {}
    for name, block, printed in marks:
        parts = where.get(block)
        if not parts or name in spans:
            continue
        inside = "".join(piece for _, piece in parts).find(printed)
        if inside >= 0:
            spans[name] = [_offset(parts, inside), _offset(parts, inside + len(printed) - 1) + 1]
    return spans


def _offset(parts: list[tuple[int, str]], inside: int) -> int:
    """The text offset of character ``inside`` of a block spread over ``parts``."""
    for start, piece in parts:
        if inside < len(piece):
            return start + inside
        inside -= len(piece)
    start, piece = parts[-1]
    return start + len(piece)
