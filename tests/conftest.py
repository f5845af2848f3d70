"""The test suite's own Neo4j: a managed instance on its own port and data folder.

It never touches a user's data. Point it at another server on purpose with SERIKTES_TEST_NEO4J_URI
(+ _USER, _PASSWORD). When Neo4j cannot be started the tests fail loudly; they never skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.db import Database, open_database
from graph.schema import apply_schema, clear_data
from graph.server import LocalNeo4j

ROOT = Path(__file__).resolve().parent.parent
# The suite reads English (graph layer, CLI); tests of kk and ru ask for them explicitly.
os.environ["SERIKTES_LANG"] = "en"


def _server() -> LocalNeo4j:
    port = int(os.environ.get("SERIKTES_TEST_NEO4J_PORT", "17688"))
    return LocalNeo4j(
        home=Path(os.environ.get("SERIKTES_HOME", ROOT / ".seriktes")).resolve(),
        name=f"test-neo4j-{port}",  # parallel runs on other ports never share data
        port=port,
        heap=os.environ.get("SERIKTES_TEST_NEO4J_HEAP", "1g"),
        pagecache="256m",
    )


@pytest.fixture(scope="session")
def test_server() -> Iterator[LocalNeo4j]:
    server = _server()
    server.start()
    yield server
    if not os.environ.get("SERIKTES_KEEP_NEO4J"):
        server.stop()


@pytest.fixture(scope="session")
def session_db(request: pytest.FixtureRequest) -> Iterator[Database]:
    uri = os.environ.get("SERIKTES_TEST_NEO4J_URI")
    if uri:
        db = open_database(
            uri,
            os.environ.get("SERIKTES_TEST_NEO4J_USER", "neo4j"),
            os.environ["SERIKTES_TEST_NEO4J_PASSWORD"],
            os.environ.get("SERIKTES_TEST_NEO4J_DATABASE", "neo4j"),
        )
    else:
        server: LocalNeo4j = request.getfixturevalue("test_server")
        db = open_database(server.uri, server.user, server.password())
    apply_schema(db)
    yield db
    db.close()


@pytest.fixture(scope="session")
def neo4j_env(request: pytest.FixtureRequest) -> dict[str, str]:
    """This environment pointing ``seriktes`` (or a notebook's kernel) at the suite's Neo4j."""
    uri = os.environ.get("SERIKTES_TEST_NEO4J_URI")
    if uri:
        found = {
            "NEO4J_URI": uri,
            "NEO4J_USER": os.environ.get("SERIKTES_TEST_NEO4J_USER", "neo4j"),
            "NEO4J_PASSWORD": os.environ["SERIKTES_TEST_NEO4J_PASSWORD"],
            "NEO4J_DATABASE": os.environ.get("SERIKTES_TEST_NEO4J_DATABASE", "neo4j"),
        }
    else:
        server = request.getfixturevalue("test_server")
        found = {"NEO4J_URI": server.uri, "NEO4J_USER": server.user}
        found |= {"NEO4J_PASSWORD": server.password(), "NEO4J_DATABASE": "neo4j"}
    return os.environ | found


@pytest.fixture
def db(session_db: Database) -> Database:
    """An empty graph (schema and reference data only) for one test."""
    clear_data(session_db)
    return session_db
