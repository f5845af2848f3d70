"""The per-request context: the database (counting its queries), the caller, the loaders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from starlette.requests import Request
from starlette.responses import Response

from api.batching import Batcher
from graph.analytics import ProjectionCache
from graph.db import Database, QueryStats
from graph.tokens import ApiRole, TokenInfo

if TYPE_CHECKING:
    from api.loaders import Loaders
    from api.settings import ApiSettings

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is calling: anonymous (``token is None``) or a token's holder with its role."""

    token: TokenInfo | None = None

    @property
    def role(self) -> ApiRole | None:
        return self.token.role if self.token else None

    @property
    def actor(self) -> str:
        return f"{self.token.name} ({self.token.id})" if self.token else "anonymous"

    def allows(self, role: ApiRole) -> bool:
        return self.token is not None and self.token.role.at_least(role)


@dataclass(slots=True)
class Context:
    request: Request
    response: Response | None
    db: Database
    viewer: Viewer
    settings: ApiSettings
    loaders: Loaders
    batcher: Batcher
    analytics: ProjectionCache
    """Process-wide: projections are reused until the graph version changes."""
    stats: QueryStats = field(default_factory=QueryStats)

    async def run(self, fn: Callable[..., R], *args: Any, **kwargs: Any) -> R:
        """Call a (synchronous) graph function in a worker thread, seen by the batcher."""
        return await self.batcher.run(fn, *args, **kwargs)
