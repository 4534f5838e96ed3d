"""The schema loads, is consistent, and the generated documentation matches it."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.docs import render_markdown
from graph.model import load_model, parse_model
from ipcredit.errors import SchemaError

DOCS = Path(__file__).resolve().parents[2] / "docs" / "GRAPH.md"


def test_the_spec_labels_and_relationships_are_all_declared():
    model = load_model()
    for label in ("Company", "Person", "Agency", "Trademark", "Patent", "Case", "Penalty",
                  "Infringement", "Court", "Authority", "Address", "Phone", "Email", "Document",
                  "Grade", "ListEntry", "Lead", "Alert", "Decision"):
        assert label in model.labels
    for rel in ("LEGAL_REP_OF", "SHAREHOLDER_OF", "OFFICER_OF", "LOCATED_AT", "HAS_PHONE",
                "HAS_EMAIL", "APPLIED_FOR", "OWNS", "ASSIGNED_TO", "AGENT_FOR", "PARTY_TO",
                "COMMITTED", "INFRINGES", "FOUND_IN", "PENALIZED_IN", "SUPPLIED_BY", "DECIDED_BY",
                "ISSUED_BY", "EVIDENCED_BY", "SIMILAR_TO"):
        assert rel in model.relationships
    assert model.labels["Company"].unique == ("uscc",)
    assert "name" in model.labels["Company"].fulltext


def test_a_relationship_naming_an_unknown_label_is_refused():
    with pytest.raises(SchemaError, match="Ghost"):
        parse_model({"version": 1, "labels": {"A": {}},
                     "relationships": {"R": {"from": ["A"], "to": ["Ghost"]}}})


def test_docs_graph_md_is_generated_from_the_schema():
    assert DOCS.read_text(encoding="utf-8") == render_markdown(load_model()), (
        "docs/GRAPH.md is stale: run `ipcredit schema > docs/GRAPH.md`")
