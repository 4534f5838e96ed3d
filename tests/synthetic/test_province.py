"""The generated files: deterministic, well-formed except where declared, and consistent with the
truth written beside them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from stdnum.cn import uscc as stdnum_uscc
from stdnum.exceptions import InvalidChecksum, ValidationError

from graph.types import company_name, patent_no, trademark_no
from ingest.readers import read_file, route
from ingest.synthetic.province import generate
from nlp.case_numbers import parse_case_number
from tests.synthetic.scoring import lines


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _text(path: Path) -> str:
    """A document's text as the readers give it (decoded, HTML and DOCX unpacked), unspaced."""
    data = path.read_bytes()
    return "".join(next(read_file(path, data, route(path, data))).data.split())


def test_the_same_seed_writes_the_same_bytes_and_another_seed_does_not(tmp_path):
    first = generate(tmp_path / "a", 200, seed=5)
    again = generate(tmp_path / "b", 200, seed=5)
    other = generate(tmp_path / "c", 200, seed=6)
    assert first == again
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert a == b and len(a) > 20
    assert _files(tmp_path / "c")["inbox/companies.jsonl"] != a["inbox/companies.jsonl"]
    assert other["companies"] == 200


def test_regenerating_into_the_same_folder_leaves_no_stale_files(tmp_path):
    generate(tmp_path, 300, seed=1)
    generate(tmp_path, 120, seed=2)
    gold = {line["file"] for line in lines(tmp_path / "truth" / "extraction_gold.jsonl")}
    documents = {str(p.relative_to(tmp_path / "inbox")) for p in (tmp_path / "inbox").rglob("*")
                 if p.parent.name in ("rulings", "penalties")}
    assert documents == gold


@pytest.mark.parametrize("companies", [60, 1000, 2345])
def test_the_province_has_exactly_the_companies_asked_for(tmp_path, companies):
    summary = generate(tmp_path, companies, seed=3)
    assert summary["companies"] == companies
    assert len(lines(tmp_path / "inbox" / "companies.jsonl")) == companies


def test_unknown_mix_options_are_refused_and_known_ones_apply(tmp_path):
    with pytest.raises(ValueError, match="unknown mix option"):
        generate(tmp_path, 50, seed=1, mix={"repeat_infringers": 0.5})
    generate(tmp_path, 200, seed=1, mix={"as_of": "2023-12-31", "html": 1.0, "penalty_share": 0.0})
    assert json.loads((tmp_path / "truth" / "meta.json").read_text())["as_of"] == "2023-12-31"
    assert not list((tmp_path / "inbox" / "rulings").glob("*.txt"))


def test_every_uscc_validates_except_the_declared_malformed_ones(province):
    out, summary = province
    declared = {(m["file"], m["record"]): m for m in lines(out / "truth" / "malformed.jsonl")}
    assert summary["malformed_records"] == len(declared) > 0
    seen = set()
    for row, record in enumerate(lines(out / "inbox" / "companies.jsonl"), start=1):
        defect = declared.get(("companies.jsonl", f"r{row}"), {}).get("defect")
        code = record["uscc"]
        if defect is None:
            assert stdnum_uscc.validate(code) and code[2:4] == "32" and record["name"]
            assert code not in seen
            seen.add(code)
        elif defect == "check":
            with pytest.raises(InvalidChecksum):
                stdnum_uscc.validate(code)
        elif defect == "empty_name":
            assert record["name"] == ""
        else:
            with pytest.raises(ValidationError):
                stdnum_uscc.validate(code)


def test_registered_names_are_unique_as_resolution_compares_them(province):
    out, _ = province
    keys = [company_name.match_key(n) for r in lines(out / "inbox" / "companies.jsonl")
            for n in [r["name"], *r.get("former_names", [])] if n]
    assert len(keys) == len(set(keys))


def test_every_patent_and_trademark_number_validates_except_the_declared_ones(province):
    out, _ = province
    declared = {(m["file"], m["record"]) for m in lines(out / "truth" / "malformed.jsonl")}
    numbers = []
    for row, record in enumerate(lines(out / "inbox" / "patents.jsonl"), start=1):
        if ("patents.jsonl", f"r{row}") in declared:
            with pytest.raises(ValueError):
                patent_no.parse(record["application_no"])
        else:
            numbers.append(patent_no.parse(record["application_no"]).application_no)
    with (out / "inbox" / "trademarks.csv").open(encoding="utf-8") as handle:
        for row, record in enumerate(csv.DictReader(handle), start=1):
            if ("trademarks.csv", f"r{row}") not in declared:
                numbers.append(trademark_no.clean(record["number"]))
                assert 1 <= int(record["nice_class"]) <= 45
    assert len(numbers) == len(set(numbers)) > 100
    golds = lines(out / "truth" / "extraction_gold.jsonl")
    decided = [g["case_no"] or g["decision_no"] for g in golds]
    assert len(decided) == len(set(decided))
    for gold in golds:
        assert all(patent_no.parse(n).application_no == n for n in gold["patent_numbers"])
        if gold["case_no"]:
            assert parse_case_number(gold["case_no"]).canonical == gold["case_no"]


def test_every_planted_repeat_infringer_is_named_in_its_documents(province):
    out, summary = province
    registered = {r["uscc"] for r in lines(out / "inbox" / "companies.jsonl")}
    mentions: dict[tuple[str, str], list[str]] = {}
    for m in lines(out / "truth" / "entities.jsonl"):
        mentions.setdefault((m["file"], m["uscc"]), []).append(m["mention"])
    infringers = lines(out / "truth" / "repeat_infringers.jsonl")
    assert len(infringers) == summary["repeat_infringers"] > 3
    for line in infringers:
        assert line["uscc"] in registered and line["count"] >= 2 and line["own"] >= 1
        for item in line["infringements"]:
            for file in item["files"]:
                text = _text(out / "inbox" / file)
                named = mentions.get((file, item["uscc"]), [])
                assert named and any("".join(n.split()) in text for n in named), (file, item)


def test_documents_come_as_text_in_three_encodings_html_docx_and_pdf(tmp_path):
    summary = generate(tmp_path, 300, seed=4,
                       mix={"gb18030": 0.3, "utf8_bom": 0.3, "docx": 0.3, "pdf": 0.1})
    assert set(summary["encodings"]) == {"gb18030", "utf-8", "utf-8-sig"}
    assert set(summary["formats"]) == {"txt", "html", "docx", "pdf"}
    for suffix in ("docx", "pdf"):
        for path in (tmp_path / "inbox" / "rulings").glob(f"*.{suffix}"):
            assert route(path, path.read_bytes()).format == suffix and _text(path)
    raw = [p.read_bytes() for p in (tmp_path / "inbox" / "penalties").iterdir()]
    assert any(data.startswith(b"\xef\xbb\xbf") for data in raw)
    assert sum(1 for data in raw if not _is_utf8(data)) > 0


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def test_every_mention_and_supplier_is_printed_in_its_document(province):
    out, _ = province
    texts: dict[str, str] = {}
    for m in lines(out / "truth" / "entities.jsonl"):
        text = texts.setdefault(m["file"], _text(out / "inbox" / m["file"]))
        assert m["mention"] in text, m
    chains = lines(out / "truth" / "supply_chains.jsonl")
    assert chains
    for chain in chains:
        assert any(chain["supplier_as_printed"] in _text(out / "inbox" / f) for f in chain["files"])


def test_innocents_are_not_repeat_infringers_and_networks_share_a_controller(province):
    out, _ = province
    flagged = {line["uscc"] for line in lines(out / "truth" / "repeat_infringers.jsonl")}
    innocent = lines(out / "truth" / "innocent.jsonl")
    kinds = {line["kind"] for line in innocent}
    assert {"plaintiff", "big_filer", "one_time_loser", "acquitted", "shell"} <= kinds
    assert not flagged & {line["uscc"] for line in innocent}
    assert all(line["established_in_window"] <= 1 for line in innocent if line["kind"] != "shell_switcher")
    companies = {r["uscc"]: r for r in lines(out / "inbox" / "companies.jsonl")}
    networks = lines(out / "truth" / "shell_networks.jsonl")
    assert networks
    for network in networks:
        boss = network["controller"]["id_number_masked"]
        for member in network["companies"]:
            record = companies[member["uscc"]]
            people = [record["legal_rep"]] + [h for h in record.get("shareholders", [])
                                              if h["kind"] == "person" and h["stake"] >= 0.5]
            assert any(p["id_number"][:6] + "*" * 8 + p["id_number"][-4:] == boss for p in people)
