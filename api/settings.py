"""API settings (limits, modes), read once at start from the environment."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.config import Config
from starlette.datastructures import CommaSeparatedStrings

from graph.settings import project_root


@dataclass(frozen=True, slots=True)
class ApiSettings:
    production: bool = False
    """Mask unexpected errors, hide Cypher; set SERIKTES_ENV=production."""
    introspection: bool = True
    db_stats: bool = False
    max_depth: int = 10
    max_aliases: int = 30
    max_tokens: int = 2000
    max_cost: int = 5000
    max_batch: int = 5
    max_page_size: int = 100
    trusted_documents_only: bool = False
    cors_origins: tuple[str, ...] = ()


def load_api_settings() -> ApiSettings:
    env_file = project_root() / ".env"
    config = Config(env_file if env_file.exists() else None)
    production = config("SERIKTES_ENV", default="development") == "production"
    return ApiSettings(
        production=production,
        introspection=config("SERIKTES_INTROSPECTION", cast=bool, default=not production),
        db_stats=config("SERIKTES_DB_STATS", cast=bool, default=False),
        max_depth=config("SERIKTES_MAX_DEPTH", cast=int, default=10),
        max_aliases=config("SERIKTES_MAX_ALIASES", cast=int, default=30),
        max_tokens=config("SERIKTES_MAX_TOKENS", cast=int, default=2000),
        max_cost=config("SERIKTES_MAX_COST", cast=int, default=5000),
        max_batch=config("SERIKTES_MAX_BATCH", cast=int, default=5),
        trusted_documents_only=config("SERIKTES_TRUSTED_DOCUMENTS_ONLY", cast=bool, default=False),
        cors_origins=tuple(config("SERIKTES_CORS_ORIGINS", cast=CommaSeparatedStrings, default="")),
    )
