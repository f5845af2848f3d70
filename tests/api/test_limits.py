"""Abuse is refused before any Cypher runs: depth, aliases, tokens, cost; persisted documents."""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

import pytest
from graphql import Lexer, ValidationContext
from starlette.testclient import TestClient

from api.settings import ApiSettings
from graph import documents
from graph.db import Database
from tests.api.conftest import Api, make_client


def _refused(body: dict, code: str) -> str:
    assert body.get("data") is None, body
    assert body["errors"][0]["extensions"]["code"] == code, body["errors"]
    assert body["extensions"]["db"]["queries"] == 0  # nothing reached Neo4j
    return body["errors"][0]["message"]


def test_depth(api: Api, sample: Database) -> None:
    deep = '{ territory(kato: "553630000") { ' + "parent { " * 12 + "kato" + " }" * 13 + " }"
    assert "depth" in _refused(api(deep), "GRAPHQL_VALIDATION_FAILED").lower()


def test_aliases(api: Api, sample: Database) -> None:
    many = "{ " + " ".join(f"a{i}: viewer {{ role }}" for i in range(40)) + " }"
    assert "alias" in _refused(api(many), "GRAPHQL_VALIDATION_FAILED").lower()


def test_aliases_hidden_in_fragments_count(api: Api, sample: Database) -> None:
    fragment = "fragment F on Query { " + " ".join(f"b{i}: viewer {{ role }}" for i in range(40))
    body = api("{ ...F } " + fragment + " }")
    assert "alias" in _refused(body, "GRAPHQL_VALIDATION_FAILED").lower()


def test_tokens(api: Api, sample: Database) -> None:
    query = "{ viewer { " + "role " * 2500 + "} }"
    assert "token" in _refused(api(query), "GRAPHQL_VALIDATION_FAILED").lower()


def _count_calls(monkeypatch: pytest.MonkeyPatch, cls: type, calls: Counter[str]) -> None:
    """Count constructions of ``cls``, a public graphql-core class each parse/validation builds."""
    original = cls.__init__

    def counting(self: Any, *args: Any, **kwargs: Any) -> None:
        calls[cls.__name__] += 1
        original(self, *args, **kwargs)

    monkeypatch.setattr(cls, "__init__", counting)


def test_repeated_requests_are_parsed_and_validated_once(
    api: Api, sample: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limits' rules are built once per schema, so the validation cache can hit.

    Every parse lexes the text (one ``Lexer``), every validation builds one ``ValidationContext``.
    """
    query = '{ territory(kato: "553630000") { name parent { kato } } }'
    api(query)  # parsed and validated here, at the latest
    calls: Counter[str] = Counter()
    _count_calls(monkeypatch, Lexer, calls)
    _count_calls(monkeypatch, ValidationContext, calls)
    for _ in range(3):
        assert api(query)["data"]["territory"]["parent"]["kato"]
    assert calls == {}
    # texts no other test sends (the parse cache is process-wide): each is parsed once
    fresh = "# fresh\n" + query
    for _ in range(2):
        assert api(fresh)["data"]["territory"]["parent"]["kato"]
    assert calls == {"Lexer": 1, "ValidationContext": 1}
    deep = "# deep\n" + '{ territory(kato: "553630000") { ' + "parent { " * 12 + "kato" + "}" * 14
    for _ in range(2):  # a cached refusal is still a refusal
        assert "depth" in _refused(api(deep), "GRAPHQL_VALIDATION_FAILED").lower()
    assert calls == {"Lexer": 2, "ValidationContext": 2}


def test_directive_flood(api: Api, sample: Database) -> None:
    query = "{ viewer { role " + "@include(if: true) " * 600 + "} }"
    _refused(api(query), "GRAPHQL_VALIDATION_FAILED")


def test_cost_multiplies_through_nesting(api: Api, sample: Database) -> None:
    query = """{ organizations(first: 100) { edges { node {
        projects(first: 100) { edges { node {
          participants(first: 100) { edges { node { name } } } } } }
    } } } }"""
    message = _refused(api(query), "QUERY_TOO_COSTLY")
    assert "exceeds the limit of 5000" in message
    cheap = api("{ organizations(first: 2) { edges { node { name } } } }")
    assert cheap["extensions"]["cost"] == {"requested": 7, "limit": 5000}


def test_cost_counts_variables(api: Api, sample: Database) -> None:
    query = """query($n: Int) { organizations(first: $n) { edges { node {
        partners(first: $n) { edges { node {
          partners(first: $n) { edges { cursor } } } } } } } } }"""
    assert api(query, {"n": 2})["extensions"]["cost"]["requested"] < 100
    _refused(api(query, {"n": 100}), "QUERY_TOO_COSTLY")


def test_introspection_can_be_switched_off(db: Database) -> None:
    with make_client(db, ApiSettings(introspection=False)) as client:
        body = client.post("/graphql", json={"query": "{ __schema { types { name } } }"}).json()
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


def test_unexpected_errors_are_masked_in_production(db: Database) -> None:
    db.write("CREATE (:Territory {kato: '559999999'})")  # broken data: a territory with no name
    query = {"query": "{ regions { kato name } }"}
    with make_client(db, ApiSettings(production=True)) as client:
        body = client.post("/graphql", json=query).json()
    error = body["errors"][0]
    assert error["message"] == "Unexpected error."
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
    assert error["path"][0] == "regions"
    with make_client(db, ApiSettings(production=False)) as client:
        body = client.post("/graphql", json=query).json()
    assert body["errors"][0]["message"] != "Unexpected error."  # developers see the cause


def test_an_unreachable_neo4j_is_service_unavailable(db: Database, test_server: object) -> None:
    from graph.db import open_database

    closed = open_database("bolt://127.0.0.1:9", "neo4j", "x")  # nothing listens there
    with make_client(closed, ApiSettings(production=True)) as client:
        body = client.post("/graphql", json={"query": "{ regions { name } }"}).json()
        health = client.get("/health")
    closed.close()
    assert body["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert "MATCH" not in str(body) and "Traceback" not in str(body)
    assert health.status_code == 503


APQ = "{ viewer { authenticated } }"


def _digest(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()


def test_automatic_persisted_queries(client: TestClient, sample: Database) -> None:
    ext = {"persistedQuery": {"version": 1, "sha256Hash": _digest(APQ)}}
    miss = client.post("/graphql", json={"extensions": ext}).json()
    assert miss["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    full = client.post("/graphql", json={"query": APQ, "extensions": ext}).json()
    assert full["data"] == {"viewer": {"authenticated": False}}
    hit = client.post("/graphql", json={"extensions": ext}).json()
    assert hit["data"] == {"viewer": {"authenticated": False}}
    wrong = {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}
    mismatch = client.post("/graphql", json={"query": APQ, "extensions": wrong}).json()
    assert mismatch["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def test_trusted_documents_only(db: Database) -> None:
    registered = "{ focusAreas { code } }"
    digest = documents.register(db, registered, client="portal")
    with make_client(db, ApiSettings(trusted_documents_only=True)) as client:
        ext = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
        by_hash = client.post("/graphql", json={"extensions": ext}).json()
        assert len(by_hash["data"]["focusAreas"]) == 18
        by_text = client.post("/graphql", json={"query": registered}).json()
        assert len(by_text["data"]["focusAreas"]) == 18
        other = client.post("/graphql", json={"query": "{ regions { name } }"}).json()
        assert other["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_ALLOWED"
