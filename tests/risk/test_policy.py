"""The policy file: every entry has a value, a basis and a verification status."""

from __future__ import annotations

import pytest

from ipcredit.errors import PolicyError
from risk.policy import load_policy, parse_policy


def test_every_entry_states_its_basis_and_whether_it_is_verified():
    policy = load_policy()
    assert policy.entries
    for entry in policy.entries.values():
        assert entry.basis.strip()
        assert isinstance(entry.verified, bool)


def test_grade_cuts_are_ordered():
    cuts = load_policy().value("grade.cuts")
    assert cuts["A"] > cuts["B"] > cuts["C"]


def test_an_entry_without_basis_is_refused_and_an_unknown_key_is_named():
    with pytest.raises(PolicyError, match="basis"):
        parse_policy({"version": "x", "entries": {"k": {"value": 1, "verified": True}}})
    with pytest.raises(PolicyError, match="no.such"):
        load_policy().entry("no.such")
