"""GraphQL over HTTP: methods, media types, status codes, limits on the request itself."""

from __future__ import annotations

import hashlib
import json

from starlette.testclient import TestClient

from graph.db import Database
from graph.schema import SCHEMA_VERSION


def test_get_runs_queries(client: TestClient, sample: Database) -> None:
    response = client.get("/graphql", params={"query": "{ focusAreas { code } }"})
    assert response.status_code == 200
    assert len(response.json()["data"]["focusAreas"]) == 18


def test_a_mutation_over_get_is_405(client: TestClient, sample: Database) -> None:
    query = 'mutation { archiveOrganization(bin: "940140000385") { bin } }'
    response = client.get("/graphql", params={"query": query})
    assert response.status_code == 405
    assert sample.read("MATCH (o {bin: '940140000385'}) RETURN o.archived AS a")[0]["a"] is False


def test_graphql_response_media_type(client: TestClient, sample: Database) -> None:
    accept = {"accept": "application/graphql-response+json"}
    ok = client.post("/graphql", json={"query": "{ viewer { authenticated } }"}, headers=accept)
    assert ok.status_code == 200
    assert ok.headers["content-type"].startswith("application/graphql-response+json")
    bad = client.post("/graphql", json={"query": "{ nope }"}, headers=accept)
    assert bad.status_code == 400
    assert "data" not in bad.json()
    assert bad.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    # plain JSON clients keep 200 with the errors in the body
    plain = client.post("/graphql", json={"query": "{ nope }"})
    assert plain.status_code == 200


def test_unparseable_and_unsupported_requests(client: TestClient, sample: Database) -> None:
    assert client.post("/graphql", content=b"{not json", headers={
        "content-type": "application/json"}).status_code == 400  # fmt: skip
    assert client.post("/graphql", content=b"x", headers={
        "content-type": "text/plain"}).status_code == 400  # fmt: skip


def test_syntax_errors_are_parse_failures(client: TestClient, sample: Database) -> None:
    syntax = client.post("/graphql", json={"query": "{ organizations( }"}).json()
    assert syntax["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    assert syntax["errors"][0]["message"].startswith("Syntax Error:")
    accept = {"accept": "application/graphql-response+json"}
    strict = client.post("/graphql", json={"query": "query {"}, headers=accept)
    assert strict.status_code == 400
    assert strict.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    # the parser's own size limit refuses a size, not a typo
    big = client.post("/graphql", json={"query": "{ viewer { " + "role " * 2500 + "} }"}).json()
    assert big["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


def test_a_bad_token_is_refused_in_the_media_type_asked_for(
    client: TestClient, sample: Database
) -> None:
    """Even on a public read: a 401 with RFC 6750's ``WWW-Authenticate``, never anonymous data."""
    query = {"query": "{ focusAreas { code } }"}
    for accept, media_type in (
        ("application/graphql-response+json", "application/graphql-response+json"),
        ("application/json", "application/json"),
        (None, "application/json"),
    ):
        headers = {"authorization": "Bearer stale"} | ({"accept": accept} if accept else {})
        for response in (
            client.post("/graphql", json=query, headers=headers),
            client.get("/graphql", params=query, headers=headers),
        ):
            assert response.status_code == 401
            assert response.headers["content-type"].startswith(media_type), accept
            assert response.headers["www-authenticate"] == 'Bearer error="invalid_token"'
            body = response.json()
            assert "data" not in body
            assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_a_get_with_only_a_persisted_query_hash_runs_it(
    client: TestClient, sample: Database
) -> None:
    query = "query PersistedOverGet { focusAreas { code } }"  # registered by no other test
    digest = hashlib.sha256(query.encode()).hexdigest()
    extensions = json.dumps({"persistedQuery": {"version": 1, "sha256Hash": digest}})
    browser = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    missing = client.get("/graphql", params={"extensions": extensions}, headers=browser)
    assert missing.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    registered = client.post(
        "/graphql", json={"query": query, "extensions": json.loads(extensions)}
    )
    assert "errors" not in registered.json()
    for headers in (browser, {"accept": "application/graphql-response+json"}):
        response = client.get("/graphql", params={"extensions": extensions}, headers=headers)
        assert response.status_code == 200
        assert len(response.json()["data"]["focusAreas"]) == 18


def test_batches_are_capped(client: TestClient, sample: Database) -> None:
    one = {"query": "{ viewer { authenticated } }"}
    assert client.post("/graphql", json=[one] * 5).status_code == 200
    too_many = client.post("/graphql", json=[one] * 6)
    assert too_many.status_code == 400


def test_huge_bodies_are_refused(client: TestClient, sample: Database) -> None:
    query = "{ viewer { authenticated } }" + " " * 200_000
    assert client.post("/graphql", json={"query": query}).status_code == 413


def test_health(client: TestClient, sample: Database) -> None:
    body = client.get("/health").json()
    assert (
        body["status"] == "ok"
        and body["neo4j"] == "up"
        and body["schema_version"] == SCHEMA_VERSION == 4
    )


def test_graphiql_for_browsers(client: TestClient) -> None:
    page = client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()
