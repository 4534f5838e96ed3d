"""Entity matching: name parts, feature functions, versioned matchers, blocking, judgements."""

from ingest.matching.model import ALGORITHMS, DEFAULT, Matcher, get_algorithm

__all__ = ["ALGORITHMS", "DEFAULT", "Matcher", "get_algorithm"]
