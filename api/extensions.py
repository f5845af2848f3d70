"""Schema extensions: the enforced cost and the database cost, both shown in ``extensions``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from api.cost import query_cost
from graph.tokens import ApiRole


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
                            f"query cost {self.cost} exceeds the limit of {self.limit}; "
                            "ask for smaller pages (first/last) or fewer nested lists",
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
