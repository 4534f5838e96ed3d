"""spaCy components of the legal-text pipeline; importing this package registers them all.

Each factory has a versioned name (``ipcredit_header_v1``); a change in what a component
assigns gets a new version, and ``tests/nlp/factory_registrations.json`` guards the list.
"""

from __future__ import annotations

from nlp.components import document, laws, steps  # noqa: F401  (registration side effects)
from nlp.components.document import ERROR, RESULT, WORK
from nlp.components.laws import LAW_PATTERNS
from nlp.components.steps import STEP_FACTORIES

__all__ = ["ERROR", "LAW_PATTERNS", "RESULT", "STEP_FACTORIES", "WORK"]
