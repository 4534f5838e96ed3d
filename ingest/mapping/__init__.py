"""Mappers: pure functions from one raw record to the graph fragment it contributes."""
