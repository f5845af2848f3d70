"""Shared pieces of the hardening suite: a real uvicorn server, a loaded region, response checks.

Every client here has a generous timeout: a request that does not answer within it is a hang, and a
hang fails the test. Nothing is timed more finely than that.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx2
import pytest
import uvicorn
from starlette.testclient import TestClient

from api.app import create_app
from api.settings import ApiSettings
from graph.db import Database
from graph.importer import import_directory
from graph.schema import clear_data
from graph.settings import load_settings
from graph.tokens import ApiRole, create_token
from tests.api.conftest import ENGLISH
from tests.graph.sample import write_sample

TIMEOUT = 20.0
"""Seconds a client waits for an answer; longer is a hang."""

LEAKS = (
    "Traceback",
    'File "',
    "neo4j.",
    "Neo.ClientError",
    "Neo.DatabaseError",
    "MATCH (",
    "RETURN ",
    " WHERE ",
    "DETACH",
    "$w0",
    "UNWIND",
    "Cypher",
    "api/",
    "graph/",
)
"""Text that would show internals (Cypher, driver classes, file paths, stack traces)."""


def without(text: str, payloads: tuple[str, ...]) -> str:
    """``text`` with every echo of the caller's own input removed (raw, repr and JSON forms)."""
    for payload in sorted(payloads, key=len, reverse=True):
        if not payload:
            continue
        forms = (
            json.dumps(repr(payload))[1:-1],
            json.dumps(payload)[1:-1],
            json.dumps(payload, ensure_ascii=False)[1:-1],
            repr(payload),
            payload,
        )
        for form in forms:
            text = text.replace(form, "")
    return text


def _visible(response: httpx2.Response) -> str:
    """The answer's text, less the Cypher an admin asks for with ``SERIKTES_DB_STATS`` (a
    documented feature for admins, switched off in production)."""
    try:
        body = response.json()
    except ValueError:
        return response.text
    for one in body if isinstance(body, list) else [body]:
        if isinstance(one, dict):
            ((one.get("extensions") or {}).get("db") or {}).pop("cypher", None)
    return json.dumps(body, ensure_ascii=False)


def assert_inert(response: httpx2.Response, *payloads: str) -> None:
    """Never a 5xx, never an internal error code, never internals in the answer."""
    assert response.status_code < 500, (response.status_code, response.text[:500])
    text = without(_visible(response), payloads)
    leaked = [marker for marker in LEAKS if marker in text]
    assert not leaked, (leaked, response.text[:1000])
    assert "INTERNAL_SERVER_ERROR" not in response.text, response.text[:1000]


def codes(body: Any) -> list[str]:
    """Every error code in a response body (a batch answers a list of bodies)."""
    bodies = body if isinstance(body, list) else [body]
    return [
        (e.get("extensions") or {}).get("code", "")
        for b in bodies
        if isinstance(b, dict)
        for e in b.get("errors") or []
    ]


@contextmanager
def serve(
    db: Database, settings: ApiSettings, *, log_level: str = "warning"
) -> Iterator[httpx2.Client]:
    """The app under a real uvicorn on a free loopback port, in a thread; a client for it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(load_settings(), settings, db=db),
        log_config=None,
        log_level=log_level,
        http="h11",
        ws="none",
        lifespan="on",
        timeout_graceful_shutdown=5,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        with httpx2.Client(
            base_url=f"http://127.0.0.1:{port}", timeout=TIMEOUT, headers=ENGLISH
        ) as client:
            yield client
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


@contextmanager
def in_process(db: Database, settings: ApiSettings) -> Iterator[TestClient]:
    """The app through Starlette's test client; server errors come back as 500, as over HTTP."""
    app = create_app(load_settings(), settings, db=db)
    with TestClient(app, raise_server_exceptions=False, headers=ENGLISH) as client:
        yield client


def load_sample(db: Database, directory: Path) -> Database:
    clear_data(db)
    result = import_directory(db, write_sample(directory))
    assert result.ok, result.errors
    return db


@pytest.fixture(scope="module")
def region(session_db: Database, tmp_path_factory: pytest.TempPathFactory) -> Database:
    """The sample region, loaded once for a module whose tests do not need an empty graph."""
    return load_sample(session_db, tmp_path_factory.mktemp("region"))


@pytest.fixture(scope="module")
def module_tokens(region: Database) -> dict[str, str]:
    return {r.value: create_token(region, role=r, name=f"hardening {r.value}")[1] for r in ApiRole}


@pytest.fixture(scope="module")
def transports(region: Database) -> Iterator[dict[str, httpx2.Client]]:
    """The same app in process and under uvicorn, both over the module's region."""
    settings = ApiSettings(db_stats=True)
    with in_process(region, settings) as asgi, serve(region, settings) as http:
        yield {"asgi": asgi, "uvicorn": http}


def gql(
    client: httpx2.Client,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    token: str | None = None,
) -> httpx2.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
