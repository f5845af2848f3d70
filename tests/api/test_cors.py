"""CORS: a dev server on localhost and a production portal call the API; refusals are logged."""

from __future__ import annotations

import logging

import pytest
from httpx2 import Response
from starlette.testclient import TestClient

from api.settings import (
    CORS_HEADERS,
    LOCAL_DEV_ORIGINS,
    ApiSettings,
    cors_origin_regex,
    cors_origins,
    load_api_settings,
)
from graph.db import Database
from tests.api.conftest import make_client

DEV = "http://localhost:5173"
PORTAL = "https://portal.example.kz"
QUERY = {"query": "{ viewer { authenticated } }"}


def _preflight(client: TestClient, origin: str, headers: str = "content-type") -> Response:
    return client.options(
        "/graphql",
        headers={
            "origin": origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": headers,
        },
    )


def test_a_dev_server_on_localhost_with_apollo_headers(db: Database) -> None:
    with make_client(db, ApiSettings(cors_origin_regex=LOCAL_DEV_ORIGINS)) as client:
        requested = "content-type, apollographql-client-name, apollographql-client-version"
        preflight = client.options(
            "/graphql",
            headers={
                "origin": DEV,
                "access-control-request-method": "POST",
                "access-control-request-headers": requested,
            },
        )
        assert preflight.status_code == 200, preflight.text
        assert preflight.headers["access-control-allow-origin"] == DEV
        allowed = preflight.headers["access-control-allow-headers"].lower()
        assert all(h in allowed for h in ("apollographql-client-name", "sentry-trace", "baggage"))
        assert "POST" in preflight.headers["access-control-allow-methods"]
        headers = {"origin": DEV, "apollographql-client-name": "portal"}
        response = client.post("/graphql", json=QUERY, headers=headers)
        assert response.status_code == 200
        assert response.headers["access-control-allow-origin"] == DEV
        assert response.json()["data"]["viewer"]["authenticated"] is False
        # any port on this machine, and nothing else
        assert _preflight(client, "http://127.0.0.1:3000").status_code == 200
        for other in ("http://localhost.evil.kz", "https://localhost:5173", "http://10.0.0.5:5173"):
            assert _preflight(client, other).status_code == 400, other


def test_exact_origins_and_refusals_logged_once(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="seriktes")
    with make_client(db, ApiSettings(cors_origins=(PORTAL,))) as client:
        assert _preflight(client, PORTAL).headers["access-control-allow-origin"] == PORTAL
        for _ in range(3):
            refused = _preflight(client, PORTAL + ".evil.kz")
            assert refused.status_code == 400
            assert "access-control-allow-origin" not in refused.headers
        # a refused simple request runs (the browser withholds the answer) and gets no CORS header
        simple = client.get("/graphql", params=QUERY, headers={"origin": "http://other.kz"})
        assert "access-control-allow-origin" not in simple.headers
        # this API's own pages (GraphiQL) are the same origin: nothing refused, nothing logged
        own = client.post("/graphql", json=QUERY, headers={"origin": "http://testserver"})
        assert own.status_code == 200
    lines = [r.getMessage() for r in caplog.records if "CORS" in r.getMessage()]
    assert lines == [
        "CORS: refused origin 'https://portal.example.kz.evil.kz': add it to SERIKTES_CORS_ORIGINS"
        " (or match it with SERIKTES_CORS_ORIGIN_REGEX) to let browser pages there call the API",
        "CORS: refused origin 'http://other.kz': add it to SERIKTES_CORS_ORIGINS"
        " (or match it with SERIKTES_CORS_ORIGIN_REGEX) to let browser pages there call the API",
    ]


def test_without_configuration_a_preflight_is_answered_not_405(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="seriktes")
    with make_client(db, ApiSettings()) as client:
        refused = _preflight(client, DEV)
        assert refused.status_code == 400
        assert "access-control-allow-origin" not in refused.headers
    assert any("refused origin 'http://localhost:5173'" in r.getMessage() for r in caplog.records)


def test_headers_are_configurable(db: Database, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="seriktes")
    settings = ApiSettings(cors_origins=(DEV,), cors_headers=("authorization", "content-type"))
    with make_client(db, settings) as client:
        assert _preflight(client, DEV, "authorization, content-type").status_code == 200
        assert _preflight(client, DEV, "content-type, sentry-trace").status_code == 400
    assert [r.getMessage() for r in caplog.records if "CORS" in r.getMessage()] == [
        "CORS: refused request header 'sentry-trace' from origin 'http://localhost:5173': "
        "add it to SERIKTES_CORS_HEADERS"
    ]


def test_a_refused_token_still_reaches_the_page(db: Database) -> None:
    """The 401 carries CORS headers, and exposes ``WWW-Authenticate`` to the page's script."""
    with make_client(db, ApiSettings(cors_origins=(DEV,))) as client:
        headers = {"origin": DEV, "authorization": "Bearer nope"}
        response = client.post("/graphql", json=QUERY, headers=headers)
        assert response.status_code == 401
        assert response.headers["access-control-allow-origin"] == DEV
        assert "www-authenticate" in response.headers["access-control-expose-headers"].lower()


def test_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SERIKTES_CORS_ORIGINS", f"{PORTAL}, {DEV}")
    monkeypatch.setenv("SERIKTES_CORS_ORIGIN_REGEX", LOCAL_DEV_ORIGINS)
    monkeypatch.setenv("SERIKTES_CORS_HEADERS", "Authorization, Content-Type, X-Portal")
    settings = load_api_settings()
    assert settings.cors_origins == (PORTAL, DEV)
    assert settings.cors_origin_regex == LOCAL_DEV_ORIGINS
    assert settings.cors_headers == ("authorization", "content-type", "x-portal")
    monkeypatch.delenv("SERIKTES_CORS_HEADERS")
    assert load_api_settings().cors_headers == CORS_HEADERS


@pytest.mark.parametrize(
    "origin", ["http://localhost:5173/", "localhost:5173", "https://portal.kz/app", "ftp://x.kz"]
)
def test_an_origin_that_can_never_match_is_refused_at_start(origin: str) -> None:
    with pytest.raises(ValueError, match=r"SERIKTES_CORS_ORIGINS: .* is not an origin"):
        cors_origins(f"{PORTAL},{origin}")


def test_a_broken_regex_is_refused_at_start() -> None:
    with pytest.raises(ValueError, match=r"SERIKTES_CORS_ORIGIN_REGEX: '\^http://\(' is not a"):
        cors_origin_regex("^http://(")
    assert cors_origins("*") == ("*",)
