"""The Dash dashboard: search, entity profiles with provenance, grades and network views."""
