"""Settings, read once at an entry point from the environment (and ``.env``).

The same variable names appear in ``docker-compose.yml``, the README and the CLI help. A variable
set in the environment wins over ``.env``. Plain standard library: a notebook needs no web
framework to find its database.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from graph.i18n import t


class Secret:
    """A value kept out of reprs and tracebacks; ``str(secret)`` where it is needed."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def __repr__(self) -> str:
        return "Secret('**********')"

    def __str__(self) -> str:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)


def read_env_file(path: str | Path) -> dict[str, str]:
    """``VARIABLE=value`` lines; blank lines and ``#`` comments skipped, one pair of quotes
    around a value dropped."""
    values: dict[str, str] = {}
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if "=" not in line or line.startswith("#"):
            continue
        key, value = (part.strip() for part in line.split("=", 1))
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[key] = value
    return values


class Env:
    """The environment over the values of an ``.env`` file, with typed reads."""

    def __init__(
        self, env_file: str | Path | None = None, environ: Mapping[str, str] = os.environ
    ) -> None:
        self.environ = environ
        self.file = read_env_file(env_file) if env_file and Path(env_file).exists() else {}

    def get(self, key: str) -> str | None:
        return self.environ.get(key, self.file.get(key))

    def text(self, key: str, default: str) -> str:
        value = self.get(key)
        return default if value is None else value

    def number(self, key: str, default: int) -> int:
        value = self.get(key)
        if value is None:
            return default
        try:
            return int(value)
        except ValueError:
            raise ValueError(
                str(t("{key} is {value!r}: not a whole number", key=key, value=value))
            ) from None


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


def load_settings(
    env_file: str | Path | None = None, environ: Mapping[str, str] = os.environ
) -> Settings:
    env = Env(env_file or project_root() / ".env", environ)
    password = env.get("NEO4J_PASSWORD")
    return Settings(
        neo4j_uri=env.get("NEO4J_URI") or None,
        neo4j_user=env.text("NEO4J_USER", "neo4j"),
        neo4j_password=None if password is None else Secret(password),
        neo4j_database=env.text("NEO4J_DATABASE", "neo4j"),
        home=Path(env.text("SERIKTES_HOME", str(project_root() / ".seriktes"))).resolve(),
        managed_port=env.number("SERIKTES_NEO4J_PORT", 17687),
        managed_heap=env.text("SERIKTES_NEO4J_HEAP", "1g"),
        managed_pagecache=env.text("SERIKTES_NEO4J_PAGECACHE", "512m"),
        host=env.text("SERIKTES_HOST", "127.0.0.1"),
        port=env.number("SERIKTES_PORT", 8000),
        workers=env.number("SERIKTES_WORKERS", 1),
    )
