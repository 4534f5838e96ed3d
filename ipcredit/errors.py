"""One exception tree with stable codes, so the CLI and the API map errors to exits in one place."""

from __future__ import annotations


class IpcreditError(Exception):
    """Root of every error the platform raises on purpose."""

    code = "E000"
    exit_code = 1

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class ConfigError(IpcreditError):
    """A setting or command-line option is wrong."""

    code = "E100"
    exit_code = 2


class SchemaError(IpcreditError):
    """A record does not fit the graph model."""

    code = "E200"


class StoreError(IpcreditError):
    """The graph store refused or failed an operation."""

    code = "E300"


class Neo4jUnavailable(StoreError):
    """Neo4j could not be started or reached; the message says why."""

    code = "E310"


class InputError(IpcreditError):
    """An input record is malformed; the message names the file, record and field."""

    code = "E400"

    def __init__(self, message: str, *, file: str = "", record: str = "", field: str = ""):
        super().__init__(message)
        self.file = file
        self.record = record
        self.field = field

    def __str__(self) -> str:
        where = ", ".join(
            part for part in (self.file, f"record {self.record}" if self.record else "",
                              f"field {self.field}" if self.field else "") if part
        )
        return f"[{self.code}] {where}: {self.args[0]}" if where else super().__str__()


class PolicyError(IpcreditError):
    """The policy file is missing an entry or holds an invalid value."""

    code = "E500"
