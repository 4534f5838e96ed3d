"""Every relationship of the graph model reads in Chinese on profiles and network pictures."""

from dashboard.vocab import REL_NAMES, REL_PHRASES
from graph.model import load_model


def test_every_relationship_has_a_label_and_phrases():
    relationships = set(load_model().relationships)
    assert relationships - set(REL_NAMES) == set()
    assert relationships - set(REL_PHRASES) == set()
