"""The Starlette application: one Neo4j driver per process, opened in the lifespan."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypedDict

from neo4j.exceptions import DriverError, Neo4jError
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from api import graphiql
from api.cors import Cors
from api.export import Exports
from api.http import MAX_BODY, GraphQLView, TokenBackend, refuse_credentials
from api.language import LanguageMiddleware
from api.schema import create_schema
from api.settings import ApiSettings
from graph.analytics.refresh import Refresher
from graph.db import Database, connect
from graph.schema import apply_schema, versions
from graph.settings import Settings

log = logging.getLogger("seriktes")


class State(TypedDict):
    db: Database
    analytics: Refresher
    """The region analytics, recomputed in the background after writes."""


def health(request: Request) -> JSONResponse:
    """Neo4j reachability and the schema version (sync: Starlette runs it in a thread)."""
    db: Database = request.state.db
    try:
        schema_version, graph_version = versions(db)
    except (DriverError, Neo4jError) as exc:
        log.warning("health: Neo4j unavailable: %s", type(exc).__name__)
        return JSONResponse({"status": "unavailable", "neo4j": "down"}, status_code=503)
    return JSONResponse(
        {
            "status": "ok",
            "neo4j": "up",
            "schema_version": schema_version,
            "graph_version": graph_version,
        }
    )


def create_app(
    settings: Settings, api_settings: ApiSettings, *, db: Database | None = None
) -> Starlette:
    """The app; pass ``db`` to share an open connection (tests), else one is opened at start."""
    schema = create_schema(api_settings)
    if api_settings.graphiql:
        graphiql.page()  # logs now, at start, when GraphiQL's files are missing

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[State]:
        database = db or connect(settings, start=False)
        try:
            apply_schema(database)
        except (DriverError, Neo4jError) as exc:  # serve anyway; /health reports it
            log.warning("schema not applied at start, Neo4j unavailable: %s", exc)
        # Start-up does not wait for the analytics: the first computation runs in the
        # background (with exact analytics, on the first read that needs them).
        exact = api_settings.exact_analytics
        analytics = Refresher(
            database,
            view.analytics,
            poll=None if exact else 5.0,
            first_wait=None if exact else 30.0,
            exact=exact,
        )
        analytics.start(warm=not exact)
        try:
            yield {"db": database, "analytics": analytics}
        finally:
            analytics.stop()
            if db is None:
                database.close()

    view = GraphQLView(schema, settings=api_settings)
    # outermost, so refusals carry CORS headers too; always there, so a preflight gets an answer
    middleware = [
        Middleware(Cors, settings=api_settings),
        Middleware(LanguageMiddleware),
        Middleware(AuthenticationMiddleware, backend=TokenBackend(), on_error=refuse_credentials),
    ]
    routes = [
        Route("/health", health),
        Route("/graphql", view, methods=["GET", "POST"], max_body_size=MAX_BODY),
        *Exports(schema).routes(),
    ]
    if api_settings.graphiql:
        routes.extend(graphiql.routes)
    return Starlette(
        routes=routes,
        middleware=middleware,
        lifespan=lifespan,
    )


def app_from_environment() -> Starlette:
    """The app as configured by the environment: the factory each uvicorn worker calls."""
    from api.settings import load_api_settings
    from graph.settings import load_settings

    return create_app(load_settings(), load_api_settings())
