"""Every error leaves the API with an ``extensions.code``; unexpected ones are masked in production.

The mapping from the graph layer's error classes to GraphQL codes lives here and nowhere else, and
so does the mapping of the graph layer's field names (snake_case, ``focus_areas``) to the
schema's (``input.focusAreas``). Messages are rendered in the request's language
(:mod:`api.language`); codes and field paths are the same in every language. What graphql-core
itself says (a field the schema lacks, a variable of the wrong type) stays in its English.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from graphql import FieldNode, GraphQLError, GraphQLSyntaxError
from neo4j.exceptions import DriverError, ServiceUnavailable, SessionExpired, TransientError
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from api.permissions import Unauthenticated
from graph.analytics.refresh import NotReady
from graph.errors import Conflict, Forbidden, InvalidInput, NotFound, Unavailable
from graph.i18n import t

log = logging.getLogger("seriktes.api")

_CODES: tuple[tuple[type[BaseException], str], ...] = (
    (InvalidInput, "BAD_USER_INPUT"),
    (NotFound, "NOT_FOUND"),
    (Conflict, "CONFLICT"),
    (Unauthenticated, "UNAUTHENTICATED"),
    (Forbidden, "FORBIDDEN"),
    (Unavailable, "SERVICE_UNAVAILABLE"),
    (ServiceUnavailable, "SERVICE_UNAVAILABLE"),
    (SessionExpired, "SERVICE_UNAVAILABLE"),
    (TransientError, "SERVICE_UNAVAILABLE"),
)
UNAVAILABLE = t("Neo4j is unavailable; try again shortly.")
UNEXPECTED = t("Unexpected error.")

INPUT = "input"
"""Mutations take what they change as ``input``: the graph layer's names are relative to it."""
_RENAMED: dict[tuple[str, str], str] = {
    ("recordSuggestionOutcome", "bin"): "organization",
    ("recordSuggestionOutcome", "partner_bin"): "partner",
    ("reportSuggestionOutcome", "bin"): "organization",
    ("reportSuggestionOutcome", "partner_bin"): "partner",
    ("addOrganization", "kato"): "territory",
    ("addOrganization", "volunteers"): "volunteers_count",
    ("editOrganization", "kato"): "territory",
    ("editOrganization", "volunteers"): "volunteers_count",
    ("createInitiativeGroup", "kato"): "territory",
    ("createInitiativeGroup", "volunteers"): "volunteers_count",
    ("addProject", "kato"): "beneficiary_territory",
    ("editProject", "kato"): "beneficiary_territory",
    ("editProject", "code"): "project",
    ("recordPartnership", "bin_b"): "partner",
    ("closePartnership", "bin_b"): "partner",
    ("connectionPaths", "from_bin"): "from",
    ("connectionPaths", "to_bin"): "to",
    ("createOffer", "kato"): "territory",
    ("updateOffer", "kato"): "territory",
    ("updateOffer", "code"): "offer",
    ("withdrawOffer", "code"): "offer",
    ("eraseGiver", "code"): "offer",
    ("createNeed", "kato"): "territory",
    ("updateNeed", "kato"): "territory",
    ("updateNeed", "code"): "need",
    ("closeNeed", "code"): "need",
}
"""(schema field, graph name) → the name of the input field where the two differ."""


def expected(error: BaseException) -> bool:
    """An error we answer with a code (bad input, not found...), not a bug to log."""
    return isinstance(error, tuple(kind for kind, _ in _CODES))


class ErrorCodes(SchemaExtension):
    """Give each error its code; hide internals of unexpected ones when ``production``."""

    def __init__(self, *, production: bool) -> None:
        self.production = production

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is None or not result.errors:
            return
        result.errors = [self._coded(error) for error in result.errors]

    def _coded(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if original is None and error.path is None:  # syntax, validation, limits: said as is
            code = (error.extensions or {}).get("code", _pre_execution_code(error))
            return _with(error, error.message, code, error.extensions)
        if original is None:  # broken during execution, e.g. a null in a non-null field
            log.error("unexpected error at %s: %s", error.path, error.message)
            message = str(UNEXPECTED) if self.production else error.message
            return _with(error, message, "INTERNAL_SERVER_ERROR", {})
        if isinstance(original, GraphQLError):  # a variable's value that does not fit its type
            code = (original.extensions or {}).get("code", "BAD_USER_INPUT")
            return _with(error, error.message, code, original.extensions)
        for kind, code in _CODES:
            if isinstance(original, kind):
                hidden = code == "SERVICE_UNAVAILABLE" and not isinstance(original, NotReady)
                message = str(UNAVAILABLE if hidden else original)
                extra = {}
                if isinstance(original, InvalidInput) and original.field is not None:
                    extra["field"] = self._field(original.field, error)
                return _with(error, message, code, extra)
        if isinstance(original, DriverError):
            return _with(error, str(UNAVAILABLE), "SERVICE_UNAVAILABLE", {})
        log.error("unexpected error at %s", error.path, exc_info=original)
        message = str(UNEXPECTED) if self.production else f"{type(original).__name__}: {original}"
        return _with(error, message, "INTERNAL_SERVER_ERROR", {})

    def _field(self, field: str, error: GraphQLError) -> str:
        """``field`` in the schema's names: each part camelCased by the schema's own converter,
        under ``input.`` when a mutation itself refused it."""
        node = error.nodes[0] if error.nodes else None
        called = node.name.value if isinstance(node, FieldNode) else ""
        field = _RENAMED.get((called, field), field)
        convert = self.execution_context.schema.config.name_converter.apply_naming_config
        path = ".".join(convert(part) for part in field.split("."))
        mutation = self.execution_context.operation_type is OperationType.MUTATION
        return f"{INPUT}.{path}" if mutation and len(error.path or ()) == 1 else path


def _pre_execution_code(error: GraphQLError) -> str:
    """A document that does not parse, or one refused by validation or a limit. The parser's
    own limits (tokens, nesting) raise syntax errors too, but they refuse a size, not a typo."""
    if isinstance(error, GraphQLSyntaxError) and not error.message.endswith("Parsing aborted."):
        return "GRAPHQL_PARSE_FAILED"
    return "GRAPHQL_VALIDATION_FAILED"


def _with(
    error: GraphQLError, message: str, code: str, extra: dict[str, Any] | None
) -> GraphQLError:
    extensions = {k: v for k, v in (extra or {}).items() if v is not None} | {"code": code}
    return GraphQLError(
        message, nodes=error.nodes, source=error.source, positions=error.positions,
        path=error.path, extensions=extensions,
    )  # fmt: skip
