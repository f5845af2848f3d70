"""The per-request context: the database (counting its queries), the caller, the loaders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from starlette.authentication import BaseUser
from starlette.requests import Request
from starlette.responses import Response

from api.loaders import Loaders, in_thread
from graph.analytics import ProjectionCache
from graph.analytics.refresh import Refresher
from graph.db import Database, QueryStats
from graph.scope import Actor
from graph.tokens import ApiRole, TokenInfo

if TYPE_CHECKING:
    from api.settings import ApiSettings

R = TypeVar("R")
P = ParamSpec("P")


@dataclass(frozen=True, slots=True)
class Viewer(BaseUser):
    """Who is calling (``request.user``): a token's holder, or anonymous (``token is None``)."""

    token: TokenInfo | None = None

    @property
    def is_authenticated(self) -> bool:
        return self.token is not None

    @property
    def display_name(self) -> str:
        return self.token.name if self.token else ""

    @property
    def identity(self) -> str:
        return self.token.id if self.token else ""

    @property
    def role(self) -> ApiRole | None:
        return self.token.role if self.token else None

    @property
    def actor(self) -> Actor:
        """Who writes, and where: a token limited to a territory writes only under it."""
        return self.token.actor if self.token else Actor("anonymous")

    def allows(self, role: ApiRole) -> bool:
        return self.token is not None and self.token.role.at_least(role)


ANONYMOUS = Viewer()


@dataclass(slots=True)
class Context:
    request: Request
    response: Response | None
    db: Database
    settings: ApiSettings
    loaders: Loaders
    analytics: ProjectionCache
    """Process-wide: projections are reused until the graph version changes."""
    refresher: Refresher
    """Process-wide: the region analytics, recomputed in the background after writes."""
    stats: QueryStats = field(default_factory=QueryStats)

    @property
    def viewer(self) -> Viewer:
        """The caller as the authentication middleware found it (``request.user``)."""
        user = self.request.user
        return user if isinstance(user, Viewer) else ANONYMOUS

    async def run(self, fn: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> R:
        """Call a (synchronous) graph function in a worker thread."""
        return await in_thread(fn, *args, **kwargs)
