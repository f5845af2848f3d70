"""Settings, read once at an entry point from the environment (and ``.env``).

The same variable names appear in ``docker-compose.yml``, the README and the CLI help.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from starlette.config import Config
from starlette.datastructures import Secret


@dataclass(frozen=True, slots=True)
class Settings:
    neo4j_uri: str | None
    """An external server; when unset, the project's managed local Neo4j is used."""
    neo4j_user: str
    neo4j_password: Secret | None
    neo4j_database: str
    home: Path
    """Where the managed Neo4j keeps its jars, data, logs and generated password."""
    managed_port: int
    managed_heap: str
    managed_pagecache: str
    host: str
    port: int
    workers: int
    """API processes; each holds its own driver and analytics cache (see docs/scaling.md)."""


def project_root() -> Path:
    """The checkout this code runs from (an editable install), else the working folder.

    Anchoring ``.env`` and ``.seriktes`` here means the CLI, the API and a notebook kernel (which
    runs in ``notebooks/``) all find the same server, wherever they are started.
    """
    here = Path(__file__).resolve().parent.parent
    return here if (here / "pyproject.toml").exists() else Path.cwd()


def load_settings(env_file: str | Path | None = None) -> Settings:
    env_file = env_file or project_root() / ".env"
    config = Config(env_file if Path(env_file).exists() else None)
    password = config("NEO4J_PASSWORD", cast=Secret, default=None)
    return Settings(
        neo4j_uri=config("NEO4J_URI", default=None) or None,
        neo4j_user=config("NEO4J_USER", default="neo4j"),
        neo4j_password=password,
        neo4j_database=config("NEO4J_DATABASE", default="neo4j"),
        home=Path(config("SERIKTES_HOME", default=str(project_root() / ".seriktes"))).resolve(),
        managed_port=config("SERIKTES_NEO4J_PORT", cast=int, default=17687),
        managed_heap=config("SERIKTES_NEO4J_HEAP", default="1g"),
        managed_pagecache=config("SERIKTES_NEO4J_PAGECACHE", default="512m"),
        host=config("SERIKTES_HOST", default="127.0.0.1"),
        port=config("SERIKTES_PORT", cast=int, default=8000),
        workers=config("SERIKTES_WORKERS", cast=int, default=1),
    )
