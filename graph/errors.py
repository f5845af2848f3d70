"""One small hierarchy of errors; ``api/`` maps each class to a GraphQL error code once."""

from __future__ import annotations


class SeriktesError(Exception):
    """Base of every error the graph layer raises on purpose."""


class InvalidInput(SeriktesError):
    """A value a caller gave is wrong; ``field`` names where (e.g. ``input.bin``)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFound(SeriktesError):
    """The thing asked for does not exist."""


class Conflict(SeriktesError):
    """The write would break a uniqueness rule (e.g. a BIN that exists)."""


class Unavailable(SeriktesError):
    """Neo4j cannot be reached or is not ready; callers may retry later."""
