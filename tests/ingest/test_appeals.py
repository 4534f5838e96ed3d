"""An appeal upholds or reverses the first-instance infringement; it never adds a second one."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest

from graph.projection import project
from graph.records import NodeRef
from ingest.mapping.common import FragmentBuilder
from ingest.mapping.documents import map_document
from ingest.records import RawRecord
from ingest.resolve import CompanyResolver
from risk.detectors.repeat_infringement import established_infringements

DEFENDANT = {"name": "南京雅韵化妆品有限公司", "uscc": "91320102MA1NQR4U8X"}
PLAINTIFF = {"name": "苏州美研生物科技有限公司", "uscc": "91320594MA1T7H9K3C"}


def first_instance(found: bool = True) -> dict:
    return {"doc_type": {"kind": "ruling", "branch": "civil", "form": "判决书"},
            "case_no": "(2021)苏0102民初3344号", "court": "南京市玄武区人民法院",
            "case_no_parts": {"procedure": "first"}, "judgment_date": "2021-09-01",
            "infringement_found": found, "trademark_numbers": ["23456789"],
            "parties": [{"role": "原告", **PLAINTIFF}, {"role": "被告", **DEFENDANT}]}


def appeal(found: bool) -> dict:
    return {"doc_type": {"kind": "ruling", "branch": "civil", "form": "判决书"},
            "case_no": "(2022)苏01民终567号", "court": "江苏省南京市中级人民法院",
            "case_no_parts": {"procedure": "appeal"}, "judgment_date": "2022-06-08",
            "cited_case_numbers": ["(2021)苏0102民初3344号"], "infringement_found": found,
            "trademark_numbers": ["23456789"],
            "parties": [{"role": "上诉人", "qualifier": "原审被告", **DEFENDANT},
                        {"role": "被上诉人", "qualifier": "原审原告", **PLAINTIFF}]}


def load(store, extractions: list[dict]) -> None:
    for number, extraction in enumerate(extractions):
        record = RawRecord("document", Path(f"d{number}.txt"), f"sha{number}", "0-10", "")
        builder = FragmentBuilder(record, "2026-01-01T00:00:00+00:00")
        map_document(builder, CompanyResolver(), extraction)
        store.write(list(builder.nodes.values()), list(builder.edges.values()))


def established(store) -> list[tuple[str, date]]:
    graph = project(store, ("COMMITTED", "FOUND_IN", "PENALIZED_IN", "INFRINGES"))
    return [(e.party.id, e.on) for e in established_infringements(graph, date(2026, 1, 1))]


@pytest.mark.parametrize("order", list(itertools.permutations([0, 1])))
def test_an_upheld_appeal_is_one_infringement_dated_when_it_took_effect(embedded_store, order):
    docs = [first_instance(), appeal(found=True)]
    load(embedded_store, [docs[i] for i in order])
    assert established(embedded_store) == [("91320102MA1NQR4U8X", date(2022, 6, 8))]
    origin = embedded_store.get(NodeRef("Case", "(2021)苏0102民初3344号"))
    assert origin is not None
    assert [e.end.id for e in embedded_store.incident(origin.ref) if e.type == "APPEALED_IN"] == [
        "(2022)苏01民终567号"]


@pytest.mark.parametrize("order", list(itertools.permutations([0, 1])))
def test_a_reversed_judgment_establishes_no_infringement(embedded_store, order):
    docs = [first_instance(), appeal(found=False)]
    load(embedded_store, [docs[i] for i in order])
    assert established(embedded_store) == []


def test_an_appeal_alone_still_counts_once(embedded_store):
    load(embedded_store, [appeal(found=True)])
    assert established(embedded_store) == [("91320102MA1NQR4U8X", date(2022, 6, 8))]
