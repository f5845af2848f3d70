"""One small hierarchy of errors; ``api/`` maps each class to a GraphQL error code once.

An error's message is a :class:`graph.i18n.Text`: ``str(error)`` shows it in the language of the
moment, so the API answers each caller in theirs while ``extensions.code`` stays the same.
"""

from __future__ import annotations

from graph.i18n import Text, render


class SeriktesError(Exception):
    """Base of every error the graph layer raises on purpose."""

    def __init__(self, message: Text | str) -> None:
        super().__init__(message)
        self.text = message

    def __str__(self) -> str:
        return str(render(self.text))


class InvalidInput(SeriktesError):
    """A value a caller gave is wrong; ``field`` names where (e.g. ``input.bin``)."""

    def __init__(self, message: Text | str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFound(SeriktesError):
    """The thing asked for does not exist."""


class Forbidden(SeriktesError):
    """The caller may not do this: its role is too low, or the change is outside its territory."""


class Conflict(SeriktesError):
    """The write would break a uniqueness rule (e.g. a BIN that exists)."""


class Unavailable(SeriktesError):
    """Neo4j cannot be reached or is not ready; callers may retry later."""
