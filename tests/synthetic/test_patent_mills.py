"""Patent mills in the synthetic province: reachable in the data, their copies really near, their
indicators really there, and look-alikes that only look like them."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from pathlib import Path

import pytest

from graph.types import patent_no
from ingest.synthetic.patent_mills import capital_wan
from ingest.synthetic.province import generate
from risk.near_duplicates import groups, jaccard, near_duplicate_pairs, shingles
from tests.synthetic.scoring import lines

MIX = {"patent_mills": 0.012, "patent_series": 0.02, "research_filers": 0.004, "dual_filers": 0.01,
       "patent_sellers": 0.006}


@pytest.fixture(scope="module")
def mills(tmp_path_factory) -> tuple[Path, list[dict], dict[str, dict], dict[str, dict]]:
    out = tmp_path_factory.mktemp("mills")
    generate(out, 1500, seed=11, mix=MIX)
    patents = {p["application_no"]: p for p in lines(out / "inbox" / "patents.jsonl")}
    companies = {c["uscc"]: c for c in lines(out / "inbox" / "companies.jsonl")}
    return out, lines(out / "truth" / "patent_mills.jsonl"), patents, companies


def _text(patent: dict) -> str:
    return patent["title"] + patent["abstract"] + patent.get("claims", "")


def _days(patents: list[dict]) -> list[date]:
    return sorted(date.fromisoformat(p["filed"]) for p in patents)


def _most_within(days: list[date], window: int) -> int:
    return max(sum(1 for d in days if start <= d < start + timedelta(days=window)) for start in days)


def test_mills_are_registered_and_their_filings_carry_valid_numbers(mills):
    _, truth, patents, companies = mills
    assert len(truth) >= 10 and any(m["cluster"] for m in truth)
    for mill in truth:
        assert mill["uscc"] in companies
        numbers = [n for g in mill["groups"] for n in g["application_nos"]]
        assert len(numbers) == mill["filings"] >= 6
        for number in numbers:
            assert patent_no.parse(number).application_no == number
            assert patents[number]["applicants"][0]["uscc"] == mill["uscc"]
            assert patents[number]["claims"].startswith("1. 一种")


def test_copies_of_one_template_are_near_and_different_templates_are_not(mills):
    _, truth, patents, _ = mills
    for mill in truth:
        texts = {n: _text(patents[n]) for g in mill["groups"] for n in g["application_nos"]}
        found = groups(near_duplicate_pairs(texts, shingle_size=3, num_perm=128, candidate_threshold=0.6,
                                            threshold=0.7))
        assert sorted(map(sorted, found)) == sorted(sorted(g["application_nos"]) for g in mill["groups"])
        firsts = [shingles(texts[g["application_nos"][0]], 3) for g in mill["groups"]]
        assert all(jaccard(a, b) < 0.5 for a, b in itertools.combinations(firsts, 2))


def test_every_planted_indicator_is_in_the_data(mills):
    _, truth, patents, companies = mills
    planted = {name for mill in truth for name in mill["indicators"]}
    assert planted == {"near_duplicates", "burst", "disproportion", "inventor_load", "quick_transfer"}
    clusters: dict[str, list[dict]] = {}
    for mill in truth:
        clusters.setdefault(mill["cluster"] or mill["uscc"], []).append(mill)
    for mill in truth:
        own = [patents[n] for g in mill["groups"] for n in g["application_nos"]]
        company = companies[mill["uscc"]]
        assert len(mill["indicators"]) >= 2 and mill["indicators"][0] == "near_duplicates"
        if "disproportion" in mill["indicators"]:
            assert company["legal_form"] == "个体工商户" or capital_wan(company["capital"]) <= 100
            assert _most_within(_days(own), 365) >= 12
        if "burst" in mill["indicators"]:
            team = [patents[n] for m in clusters[mill["cluster"] or mill["uscc"]]
                    for g in m["groups"] for n in g["application_nos"]]
            assert _most_within(_days(team), 30) >= 12
        else:
            assert _most_within(_days(own), 30) < 10
        if "inventor_load" in mill["indicators"]:
            busiest = max({i for p in own for i in p["inventors"]},
                          key=lambda i: sum(i in p["inventors"] for p in own))
            named = [p for p in own if busiest in p["inventors"]]
            assert len(named) >= 24 and len({p["ipc"][:4] for p in named}) >= 3
        quick = [p for p in own if p.get("assignments") and (
            date.fromisoformat(p["assignments"][0]["date"]) - date.fromisoformat(p["filed"])).days <= 365]
        assert ("quick_transfer" in mill["indicators"]) == (len(quick) >= 3)


def test_look_alikes_are_innocent_and_have_no_groups_of_copies(mills):
    out, _, patents, _ = mills
    kinds = {"patent_series", "research_filer", "dual_filer", "patent_seller", "big_filer"}
    look = {line["uscc"]: line["kind"] for line in lines(out / "truth" / "innocent.jsonl")
            if line["kind"] in kinds}
    assert set(look.values()) == kinds
    by_owner: dict[str, list[dict]] = {}
    for patent in patents.values():
        by_owner.setdefault(patent["applicants"][0]["uscc"], []).append(patent)
    for uscc, kind in look.items():
        own = by_owner.get(uscc, [])
        texts = {p["application_no"]: _text(p) for p in own}
        found = groups(near_duplicate_pairs(texts, shingle_size=3, num_perm=128, candidate_threshold=0.6,
                                            threshold=0.7))
        assert all(len(g) <= 2 for g in found), (kind, found)
        if kind == "dual_filer":  # the same invention on one day as invention and utility model
            assert found and all({patents[n]["kind"] for n in g} == {"发明", "实用新型"} for g in found)
        if kind == "patent_seller":  # one restructuring: everything to one company on one day
            sold = [p for p in own if p.get("assignments")]
            moves = {(a["date"], a["assignee_uscc"]) for p in sold for a in p["assignments"]}
            assert len(sold) >= 5 and len(moves) == 1


def test_the_same_seed_writes_the_same_mills(tmp_path):
    generate(tmp_path / "a", 300, seed=4, mix=MIX)
    generate(tmp_path / "b", 300, seed=4, mix=MIX)
    for name in ("inbox/patents.jsonl", "truth/patent_mills.jsonl", "truth/innocent.jsonl"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert lines(tmp_path / "a" / "truth" / "patent_mills.jsonl")
