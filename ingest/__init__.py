"""Ingest: read sources, map records to graph fragments, resolve entities, load, account for all."""
