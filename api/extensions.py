"""Schema extensions: the enforced cost, the database cost (both in ``extensions``), parse cache."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress
from typing import Any

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import GraphQLError
from strawberry.extensions import ParserCache as StrawberryParserCache
from strawberry.extensions import SchemaExtension

from api.cost import query_cost
from graph.i18n import t
from graph.tokens import ApiRole


class ParserCache(StrawberryParserCache):
    """Strawberry's parse cache, except that a query that does not parse is left to the normal
    parse step: raised from the hook, its syntax error would skip ``ErrorCodes`` and lose its code.
    Failures are not cached, so only a broken query is parsed twice.
    """

    def on_parse(self) -> Iterator[None]:
        ctx = self.execution_context
        with suppress(GraphQLError):
            ctx.graphql_document = self.cached_parse_document(ctx.query, **ctx.parse_options)
        yield


class CostLimit(SchemaExtension):
    """Refuse a query whose cost exceeds ``limit`` before any Cypher runs."""

    def __init__(self, *, limit: int) -> None:
        self.limit = limit
        self.cost: int | None = None

    def on_execute(self) -> Iterator[None]:
        ctx = self.execution_context
        if ctx.graphql_document is not None:
            self.cost = query_cost(
                ctx.schema._schema,
                ctx.graphql_document,
                operation_name=ctx.operation_name,
                variables=ctx.variables,
            )
            if self.cost > self.limit:
                ctx.result = GraphQLExecutionResult(
                    data=None,
                    errors=[
                        GraphQLError(
                            str(
                                t(
                                    "query cost {cost} exceeds the limit of {limit}; ask for "
                                    "smaller pages (first/last) or fewer nested lists",
                                    cost=self.cost,
                                    limit=self.limit,
                                )
                            ),
                            extensions={"code": "QUERY_TOO_COSTLY", "cost": self.cost},
                        )
                    ],
                )
        yield

    def get_results(self) -> dict[str, Any]:
        if self.cost is None:
            return {}
        return {"cost": {"requested": self.cost, "limit": self.limit}}


class DbStats(SchemaExtension):
    """``extensions.db = {queries, ms}``; admins also get the Cypher text."""

    def get_results(self) -> dict[str, Any]:
        context = self.execution_context.context
        stats = context.stats
        result: dict[str, Any] = {"queries": stats.queries, "ms": round(stats.seconds * 1000, 1)}
        if context.viewer.allows(ApiRole.ADMIN) and not context.settings.production:
            result["cypher"] = list(stats.texts)
        return {"db": result}
