"""The synthetic province: one call writes an inbox in the formats of docs/FORMATS.md and the
ground truth beside it.

Province-wide companies (agencies, right holders, big filers, the platform) come first; the
rest is built in chunks of ``CHUNK`` companies, each written (registry lines, filings, documents,
truth) before the next is built, so memory holds one chunk at a time. Every random choice comes
from ``random.Random`` streams seeded by the seed and the chunk's index, so the same seed gives
byte-identical output.
"""

from __future__ import annotations

import csv
import json
import random
import shutil
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from ingest.synthetic import (
    appeals,
    bad_faith,
    criminal,
    formats,
    intent,
    officers,
    patent_mills,
    penalties,
    rulings,
    truth,
)
from ingest.synthetic.behaviours import Case, Mix, Planter, Province
from ingest.synthetic.documents import Desk, Draft
from ingest.synthetic.filings import TRADEMARK_COLUMNS, Filings, Patent, Trademark
from ingest.synthetic.identifiers import Serials
from ingest.synthetic.names import AGENCY, INDUSTRIES, PLATFORM
from ingest.synthetic.registry import Company, Registry, founding_date

CHUNK = 1000
MIN_COMPANIES = 10  # room for the province-wide agencies and right holders
TRUTH_FILES = ("repeat_infringers", "innocent", "shell_networks", "supply_chains", "entities",
               "extraction_gold", "malformed", "officer_decisions",
               "bad_faith_filers", "risky_agencies", "malicious_litigants",  # these three: bad_faith.py
               "patent_mills",  # patent_mills.py
               "intentional_infringers")  # intent.py


@dataclass
class Output:
    """The open files of one run and the row counters quarantine positions are named by."""

    out: Path
    files: dict[str, TextIO] = field(default_factory=dict)
    marks: Any = None  # the csv writer of trademarks.csv
    rows: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    xml_share: float = 0.0  # of well-formed trademark rows, written as XML instead of CSV
    xml_rng: random.Random = field(default_factory=lambda: random.Random(0))
    xml_rows: list[list[str]] = field(default_factory=list)  # waiting for the next flush
    xml_files: int = 0

    def open(self) -> None:
        inbox, truth_dir = self.out / "inbox", self.out / "truth"
        for folder in (inbox, truth_dir):
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir(parents=True)
        for name in ("companies.jsonl", "patents.jsonl", "trademarks.csv"):
            self.files[name] = (inbox / name).open("w", encoding="utf-8", newline="")
        for name in TRUTH_FILES:
            self.files[name] = (truth_dir / f"{name}.jsonl").open("w", encoding="utf-8")
        self.marks = csv.writer(self.files["trademarks.csv"], lineterminator="\n")
        self.marks.writerow(TRADEMARK_COLUMNS)

    def close(self) -> None:
        for handle in self.files.values():
            handle.close()

    def line(self, name: str, record: dict) -> int:
        """Append one JSON line; returns its 1-based row number."""
        self.files[name].write(json.dumps(record, ensure_ascii=False) + "\n")
        self.rows[name] = self.rows.get(name, 0) + 1
        self.counts[name] = self.rows[name]
        return self.rows[name]

    def company(self, company: Company) -> None:
        row = self.line("companies.jsonl", company.record())
        if company.defect:
            self.line("malformed", {"file": "companies.jsonl", "record": f"r{row}",
                                    "field": "name" if company.defect == "empty_name" else "uscc",
                                    "defect": company.defect, "value": company.uscc})

    def trademark(self, mark: Trademark) -> None:
        if not mark.defect and self.xml_rng.random() < self.xml_share:
            self.xml_rows.append(mark.row())
            return
        self.marks.writerow(mark.row())
        self.rows["trademarks.csv"] = row = self.rows.get("trademarks.csv", 0) + 1
        if mark.defect:
            self.line("malformed", {"file": "trademarks.csv", "record": f"r{row}",
                                    "field": mark.defect,
                                    "defect": mark.defect, "value": mark.number})

    def flush_xml(self) -> None:
        """Write the trademark rows set aside for XML as the next ``trademarks-NNN.xml``."""
        if self.xml_rows:
            self.xml_files += 1
            path = self.out / "inbox" / f"trademarks-{self.xml_files:03d}.xml"
            path.write_bytes(formats.trademarks_xml(self.xml_rows))
            self.rows["trademarks.xml"] = self.rows.get("trademarks.xml", 0) + len(self.xml_rows)
            self.xml_rows = []

    def patent(self, patent: Patent) -> None:
        row = self.line("patents.jsonl", patent.record())
        if patent.defect:
            self.line("malformed", {"file": "patents.jsonl", "record": f"r{row}",
                                    "field": "application_no", "defect": patent.defect,
                                    "value": patent.application_no})


def _province_wide(province: Province, filings: Filings, rng: random.Random, companies: int,
                   output: Output) -> list[Company]:
    """Agencies, right holders, big legitimate filers and the platform, written first."""
    mix, reg = province.mix, province.registry
    made: list[Company] = []
    for _ in range(max(2, round(companies * mix.agencies))):
        agency = reg.company(AGENCY, founding_date(rng, date(2012, 1, 1)))
        agency.role = "agency"
        filings.agencies.append(agency.name)
        made.append(agency)
    for _ in range(max(3, round(companies * mix.holders))):
        holder = reg.company(rng.choice(INDUSTRIES), founding_date(rng, date(2009, 1, 1)),
                             big=rng.random() < 0.3)
        holder.role = "plaintiff"
        made.append(holder)
        rights: list[Trademark | Patent] = [filings.enforceable_mark(holder, mix.as_of)
                                            for _ in range(rng.randrange(1, 3))]
        if holder.industry.patent_objects:
            rights += [filings.enforceable_patent(holder, mix.as_of) for _ in range(rng.randrange(1, 3))]
        province.rights += rights
        extra = filings.portfolio(holder, mix.as_of, rng.randrange(0, 5), rng.randrange(0, 3))
        _write_filings(output, [r for r in rights if isinstance(r, Trademark)] + extra[0],
                       [r for r in rights if isinstance(r, Patent)] + extra[1])
    for _ in range(round(companies * mix.big_filers)):
        filer = reg.company(rng.choice(INDUSTRIES), founding_date(rng, date(2012, 1, 1)), big=True)
        filer.role = "big_filer"
        made.append(filer)
        _write_filings(output, *filings.portfolio(filer, mix.as_of, rng.randrange(20, 60),
                                                  rng.randrange(5, 30), spread=True))
    if companies >= 50:
        province.platform = reg.company(PLATFORM, founding_date(rng, date(2014, 1, 1)), big=True)
        province.platform.role = "platform"
        made.append(province.platform)
    for company in made:
        output.company(company)
    return made


def _write_filings(output: Output, marks: list[Trademark], patents: list[Patent]) -> None:
    for mark in marks:
        output.trademark(mark)
    for patent in patents:
        output.patent(patent)


def _write_patent_side(output: Output, companies: list[Company], filings: Filings, rng: random.Random,
                       as_of: date) -> None:
    """The chunk's patent mills and their look-alikes: filings, then their truth."""
    written = patent_mills.chunk_filings(companies, filings, rng, as_of)
    _write_filings(output, [], written.patents)
    for line in written.mills:
        output.line("patent_mills", line)
    for line in written.innocent:
        output.line("innocent", line)


def _amounts(case: Case, draft: Draft) -> None:
    """What the decision that establishes ``case`` imposed, as an officer would read it."""
    case.fine = draft.gold.get("fine") or 0
    case.damages = draft.gold.get("damages_awarded") or 0
    case.heavier = any("从重处罚" in text or "其中惩罚性赔偿" in text for _, text in draft.blocks)


def _render(desk: Desk, rng: random.Random, mix: Mix, case: Case) -> None:
    """Write the case's document(s) and remember their numbers and files on the case."""
    serials = desk.serials
    if case.kind in criminal.KINDS:
        criminal.render(desk, rng, mix, case)
        return
    if case.kind.startswith("penalty"):
        draft = Draft(rng, mix, case.decided, "penalty")
        case.number, relative = penalties.penalty(draft, serials, case)
        _amounts(case, draft)
        case.files.append(desk.publish(draft, relative, draft.blocks[0][1]))
        return
    if case.kind == "judgment":
        draft = Draft(rng, mix, case.decided, "ruling")
        case.number, relative, _ = rulings.judgment(draft, serials, case, case.outcome)
        _amounts(case, draft)
        case.files.append(desk.publish(draft, relative, draft.blocks[0][1]))
        return
    court = rulings.first_court(rng, case)
    if case.kind == "withdrawal":
        draft = Draft(rng, mix, case.decided, "ruling")
        case.number, relative = appeals.withdrawal(draft, serials, case, court)
        _amounts(case, draft)
        case.files.append(desk.publish(draft, relative, draft.blocks[0][1]))
        return
    first = Draft(rng, mix, case.first_decided or case.decided, "ruling")
    outcome = "dismissed" if case.outcome == "plaintiff_appeal" else "award"
    case.first_number, first_file, court = rulings.judgment(first, serials, case, outcome, court)
    draft = Draft(rng, mix, case.decided, "ruling")
    case.number, relative = appeals.appeal(draft, serials, case, court, case.first_number)
    if case.publish_first:
        first.gold["superseded_by"] = case.number  # context for scoring, not an extracted field
        published = desk.publish(first, first_file, first.blocks[0][1])
        if case.established:  # the appeal upheld it: both documents evidence one infringement
            case.files.append(published)
    _amounts(case, draft)
    case.files.append(desk.publish(draft, relative, draft.blocks[0][1]))


def generate(out: Path, companies: int, seed: int, mix: dict | None = None) -> dict[str, Any]:
    """Write ``out/inbox`` and ``out/truth`` for a province of ``companies`` companies.

    Returns a summary of what was written (counts only, so it is as deterministic as the files).
    """
    settings = Mix.from_dict(mix)
    if companies < MIN_COMPANIES:
        raise ValueError(f"a province needs at least {MIN_COMPANIES} companies, got {companies}")
    out = Path(out)
    output = Output(out, xml_share=settings.trademark_xml,
                    xml_rng=random.Random(f"{seed}:trademark-xml"))
    output.open()
    try:
        registry = Registry(random.Random(f"{seed}:province"))
        filings = Filings(registry.rng, registry, malformed=settings.malformed,
                          text_rng=random.Random(f"{seed}:patent-text"))
        province = Province(settings, registry)
        made = _province_wide(province, filings, registry.rng, companies, output)
        side = bad_faith.province_wide(province, filings, output, seed, companies)
        desk = Desk(out / "inbox", output.files["extraction_gold"], output.files["entities"],
                    Serials(random.Random(f"{seed}:serials")), random.Random(f"{seed}:pdf"))
        output.flush_xml()
        for company in made:
            kind = {"agency": "agency", "plaintiff": "plaintiff", "big_filer": "big_filer",
                    "platform": "platform_codefendant"}[company.role]
            output.line("innocent", {"uscc": company.uscc, "name": company.name, "kind": kind,
                                     "established": 0, "established_in_window": 0})
        summary = _chunks(output, desk, province, filings, seed,
                          companies - len(made) - len(side.risky))
    finally:
        output.close()
    meta = {"as_of": settings.as_of.isoformat(), "seed": seed, "companies": companies,
            "rule": {"window_days": truth.WINDOW.days, "min_count": truth.MIN_COUNT,
                     "controller_min_stake": truth.CONTROLLER_MIN_STAKE},
            "mix": {k: (v.isoformat() if isinstance(v, date) else v)
                    for k, v in asdict(settings).items()},
            "summary": summary}
    (out / "truth" / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n",
                                             encoding="utf-8")
    return summary


def _chunks(output: Output, desk: Desk, province: Province, filings: Filings, seed: int,
            remaining: int) -> dict[str, Any]:
    mix = province.mix
    tally = {"cases": 0, "established": 0, "officer_noise": 0}
    for index, start in enumerate(range(0, max(0, remaining), CHUNK)):
        rng = random.Random(f"{seed}:chunk:{index}")
        province.registry.rng = filings.rng = rng
        chunk = Planter(province, rng).build(min(CHUNK, remaining - start))
        for company in chunk.companies:
            output.company(company)
            if company.usable and not company.individual and rng.random() < 0.25:
                _write_filings(output, *filings.portfolio(company, mix.as_of, rng.randrange(1, 3),
                                                          rng.randrange(0, 2)))
        for case in chunk.cases:
            _render(desk, rng, mix, case)
        bad_faith.write_chunk(output, chunk, province.tm_side)
        _write_patent_side(output, chunk.companies, filings, random.Random(f"{seed}:patents:{index}"),
                           mix.as_of)
        output.flush_xml()
        found = truth.events(chunk.cases)
        flagged = truth.repeat_infringers(chunk.companies, found, mix.as_of)
        for line in flagged:
            output.line("repeat_infringers", line)
        flagged_usccs = {f["uscc"] for f in flagged}
        for line in truth.innocent(chunk, flagged_usccs, found, mix.as_of):
            output.line("innocent", line)
        for line in officers.decisions(chunk, flagged_usccs, random.Random(f"{seed}:officers:{index}"),
                                       mix.as_of, mix.officer_noise):
            output.line("officer_decisions", line)
            tally["officer_noise"] += line["noise"]
        for line in truth.shell_networks(chunk, f"N{index + 1}"):
            output.line("shell_networks", line)
        for line in truth.supply_chains(chunk.cases):
            output.line("supply_chains", line)
        for line in intent.truth(chunk.cases, mix.as_of):
            output.line("intentional_infringers", line)
        tally["criminal_judgments"] = tally.get("criminal_judgments", 0) + sum(
            case.kind in criminal.KINDS for case in chunk.cases)
        tally["cases"] += len(chunk.cases)
        tally["established"] += len(found)
    counts = output.counts
    return {
        "companies": counts.get("companies.jsonl", 0),
        "trademarks": output.rows.get("trademarks.csv", 0) + output.rows.get("trademarks.xml", 0),
        "trademarks_xml": output.rows.get("trademarks.xml", 0),
        "patents": counts.get("patents.jsonl", 0),
        "documents": desk.documents,
        "rulings": desk.rulings,
        "penalties": desk.documents - desk.rulings,
        "formats": dict(sorted(desk.formats.items())),
        "encodings": dict(sorted(desk.encodings.items())),
        "cases": tally["cases"],
        "established_infringements": tally["established"],
        "repeat_infringers": counts.get("repeat_infringers", 0),
        "innocent": counts.get("innocent", 0),
        "shell_networks": counts.get("shell_networks", 0),
        "supply_chains": counts.get("supply_chains", 0),
        "entity_mentions": desk.mentions,
        "malformed_records": counts.get("malformed", 0),
        "officer_decisions": counts.get("officer_decisions", 0),
        "officer_noise": tally["officer_noise"],
        "well_known_marks": counts.get("well_known_marks", 0),
        "bad_faith_filers": counts.get("bad_faith_filers", 0),
        "risky_agencies": counts.get("risky_agencies", 0),
        "malicious_litigants": counts.get("malicious_litigants", 0),
        "criminal_judgments": tally.get("criminal_judgments", 0),
        "intentional_infringers": counts.get("intentional_infringers", 0),
        "patent_mills": counts.get("patent_mills", 0),
    }
