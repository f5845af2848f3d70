"""API settings (limits, modes, CORS), read once at start from the environment."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from starlette.config import Config
from starlette.datastructures import CommaSeparatedStrings

from graph.i18n import t
from graph.settings import project_root

CORS_HEADERS = (
    "authorization",
    "content-type",
    "accept",
    "apollographql-client-name",
    "apollographql-client-version",
    "apollo-require-preflight",
    "x-apollo-operation-name",
    "sentry-trace",
    "baggage",
    "traceparent",
    "tracestate",
)
"""Request headers a browser may send cross-origin unless ``SERIKTES_CORS_HEADERS`` says
otherwise: auth, JSON, and what Apollo Client, Sentry and OpenTelemetry add."""
LOCAL_DEV_ORIGINS = r"^http://(localhost|127\.0\.0\.1)(:\d+)?$"
"""The documented ``SERIKTES_CORS_ORIGIN_REGEX`` for development servers on this machine."""


@dataclass(frozen=True, slots=True)
class ApiSettings:
    production: bool = False
    """Mask unexpected errors, hide Cypher; set SERIKTES_ENV=production."""
    introspection: bool = True
    """Also decides whether validation errors suggest names ("Did you mean …?")."""
    graphiql: bool = True
    """Serve GraphiQL to browsers at /graphql (off in production unless SERIKTES_GRAPHIQL=1)."""
    db_stats: bool = False
    max_depth: int = 10
    max_aliases: int = 30
    max_tokens: int = 2000
    max_cost: int = 5000
    max_batch: int = 5
    max_page_size: int = 100
    trusted_documents_only: bool = False
    cors_origins: tuple[str, ...] = ()
    """Exact origins (``scheme://host[:port]``) browsers may call from; ``*`` for any."""
    cors_origin_regex: str | None = None
    """Origins matching this (whole) regular expression may call too."""
    cors_headers: tuple[str, ...] = CORS_HEADERS
    exact_analytics: bool = False
    """Analytics (metrics, reports, activity) wait until the current graph version is computed,
    instead of answering at once from the last one (SERIKTES_EXACT_ANALYTICS=1; tests)."""


def load_api_settings() -> ApiSettings:
    env_file = project_root() / ".env"
    config = Config(env_file if env_file.exists() else None)
    production = config("SERIKTES_ENV", default="development") == "production"
    headers = config("SERIKTES_CORS_HEADERS", cast=CommaSeparatedStrings, default="")
    return ApiSettings(
        production=production,
        introspection=config("SERIKTES_INTROSPECTION", cast=bool, default=not production),
        graphiql=config("SERIKTES_GRAPHIQL", cast=bool, default=not production),
        db_stats=config("SERIKTES_DB_STATS", cast=bool, default=False),
        max_depth=config("SERIKTES_MAX_DEPTH", cast=int, default=10),
        max_aliases=config("SERIKTES_MAX_ALIASES", cast=int, default=30),
        max_tokens=config("SERIKTES_MAX_TOKENS", cast=int, default=2000),
        max_cost=config("SERIKTES_MAX_COST", cast=int, default=5000),
        max_batch=config("SERIKTES_MAX_BATCH", cast=int, default=5),
        trusted_documents_only=config("SERIKTES_TRUSTED_DOCUMENTS_ONLY", cast=bool, default=False),
        cors_origins=cors_origins(config("SERIKTES_CORS_ORIGINS", default="")),
        cors_origin_regex=cors_origin_regex(config("SERIKTES_CORS_ORIGIN_REGEX", default="")),
        cors_headers=tuple(h.lower() for h in headers) or CORS_HEADERS,
        exact_analytics=config("SERIKTES_EXACT_ANALYTICS", cast=bool, default=False),
    )


def cors_origins(value: str) -> tuple[str, ...]:
    """``SERIKTES_CORS_ORIGINS``, each checked: a browser sends ``scheme://host[:port]`` and
    nothing more, so ``https://portal.kz/`` (a path) would never match and is refused here."""
    origins = tuple(CommaSeparatedStrings(value))
    for origin in origins:
        if origin == "*":
            continue
        parts = urlsplit(origin)
        if (
            parts.scheme not in ("http", "https")
            or not parts.hostname
            or parts.username is not None
            or f"{parts.scheme}://{parts.netloc}" != origin
        ):
            raise ValueError(
                str(
                    t(
                        "SERIKTES_CORS_ORIGINS: {origin!r} is not an origin; write "
                        "scheme://host[:port] with no path or trailing slash, "
                        "e.g. http://localhost:5173",
                        origin=origin,
                    )
                )
            )
    return origins


def cors_origin_regex(value: str) -> str | None:
    """``SERIKTES_CORS_ORIGIN_REGEX``, compiled once here so a typo stops the start."""
    if not value:
        return None
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(
            str(
                t(
                    "SERIKTES_CORS_ORIGIN_REGEX: {value!r} is not a regex: {error}",
                    value=value,
                    error=exc,
                )
            )
        ) from None
    return value
