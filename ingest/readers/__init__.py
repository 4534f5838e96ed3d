"""Readers turn a file into raw records; ``route`` picks the reader by the file's content."""

from ingest.readers.route import SOURCE_ORDER, Routed, Unparsed, read_file, route

__all__ = ["SOURCE_ORDER", "Routed", "Unparsed", "read_file", "route"]
