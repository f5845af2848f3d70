"""SERIKTES_ENV=production: no introspection, no "Did you mean …?", no GraphiQL unless asked."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from api import graphiql
from api.settings import ApiSettings, load_api_settings
from graph.db import Database
from tests.api.conftest import make_client

TYPO = '{ organisation(bin: "940140000385") { name } }'
ENUM_TYPO = "{ organizations(where: { kind: { eq: YOUTH_GRUP } }) { totalCount } }"
LEAF = '{ territory(kato: "550000000") }'
HTML = {"accept": "text/html"}


@pytest.fixture
def production(monkeypatch: pytest.MonkeyPatch) -> ApiSettings:
    monkeypatch.setenv("SERIKTES_ENV", "production")
    return load_api_settings()


@pytest.fixture
def prod(db: Database, production: ApiSettings) -> Iterator[TestClient]:
    with make_client(db, production) as client:
        yield client


def test_production_defaults(production: ApiSettings, monkeypatch: pytest.MonkeyPatch) -> None:
    assert production.production and not production.introspection and not production.graphiql
    monkeypatch.setenv("SERIKTES_GRAPHIQL", "1")
    assert load_api_settings().graphiql
    monkeypatch.delenv("SERIKTES_ENV")
    monkeypatch.delenv("SERIKTES_GRAPHIQL")
    development = load_api_settings()
    assert development.introspection and development.graphiql


def _message(client: TestClient, query: str) -> str:
    body = client.post("/graphql", json={"query": query}).json()
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED", body
    return str(body["errors"][0]["message"])


def test_no_suggestions_in_production(
    prod: TestClient, client: TestClient, sample: Database
) -> None:
    assert "Did you mean 'organization' or 'organizations'?" in _message(client, TYPO)
    assert _message(prod, TYPO) == "Cannot query field 'organisation' on type 'Query'."
    assert "YOUTH_GROUP" in _message(client, ENUM_TYPO)
    enum = _message(prod, ENUM_TYPO)
    assert "YOUTH_GRUP" in enum and "Did you mean" not in enum and "YOUTH_GROUP" not in enum
    assert "Did you mean" in _message(client, LEAF)
    assert "Did you mean" not in _message(prod, LEAF)
    # batches too, and with the graphql-response media type
    batch = prod.post("/graphql", json=[{"query": TYPO}] * 2).json()
    assert all("Did you mean" not in str(item) for item in batch)
    strict = prod.post(
        "/graphql", json={"query": TYPO}, headers={"accept": "application/graphql-response+json"}
    )
    assert strict.status_code == 400 and "Did you mean" not in strict.text


def test_no_introspection_in_production(prod: TestClient) -> None:
    message = _message(prod, "{ __schema { types { name } } }")
    assert "introspection" in message.lower()


def test_no_graphiql_in_production(prod: TestClient, client: TestClient) -> None:
    page = prod.get("/graphql", headers=HTML)
    assert not page.headers["content-type"].startswith("text/html")
    assert "graphiql" not in page.text.lower()
    assert page.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    asset = graphiql.PREFIX + next(iter(graphiql.page().files))
    assert client.get(asset).status_code == 200
    assert prod.get(asset).status_code == 404
    # queries over GET still run
    ok = prod.get("/graphql", params={"query": "{ viewer { authenticated } }"}, headers=HTML)
    assert ok.json()["data"] == {"viewer": {"authenticated": False}}


def test_graphiql_in_production_when_switched_on(
    db: Database, production: ApiSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SERIKTES_GRAPHIQL", "true")
    with make_client(db, load_api_settings()) as client:
        page = client.get("/graphql", headers=HTML)
        assert page.status_code == 200 and "graphiql" in page.text.lower()
