"""Learned signals: models trained on labelled history, persisted with their metrics."""
