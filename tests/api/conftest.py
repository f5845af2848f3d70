from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from api.settings import ApiSettings
from graph.db import Database
from graph.identifiers import bin_check_digit
from graph.importer import import_directory, import_sources
from graph.importer.reader import MemorySource
from graph.importer.tables import ORGANIZATIONS
from graph.settings import load_settings
from graph.tokens import ApiRole, create_token
from tests.graph.sample import write_sample


class Api:
    """A test client that posts GraphQL and returns the decoded body."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    def __call__(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.status_code == 200, response.text
        return response.json()

    def data(self, query: str, variables: dict[str, Any] | None = None, **kw: Any) -> Any:
        body = self(query, variables, **kw)
        assert "errors" not in body, body["errors"]
        return body["data"]


ENGLISH = {"Accept-Language": "en"}


def make_client(db: Database, settings: ApiSettings) -> TestClient:
    # The suite reads English; tests/api/test_language.py checks kk, ru and the default (ru).
    # Tests read the analytics of what they just wrote: exact analytics (waiting for the current
    # graph version); tests/api/test_freshness.py checks the default, answering at once.
    settings = replace(settings, exact_analytics=True)
    return TestClient(create_app(load_settings(), settings, db=db), headers=ENGLISH)


@pytest.fixture
def client(db: Database) -> Iterator[TestClient]:
    with make_client(db, ApiSettings(db_stats=True)) as test_client:
        yield test_client


@pytest.fixture
def api(client: TestClient) -> Api:
    return Api(client)


@pytest.fixture
def sample(db: Database, tmp_path: Path) -> Database:
    result = import_directory(db, write_sample(tmp_path / "sample"))
    assert result.ok, result.errors
    return db


def valid_bin(n: int) -> str:
    """The ``n``-th valid BIN of a synthetic series (registered 2020-01, legal entity)."""
    found = 0
    for serial in range(1_000_000):
        first = f"200140{serial:05d}"
        digit = bin_check_digit(first)
        if digit is not None:
            if found == n:
                return first + str(digit)
            found += 1
    raise AssertionError("unreachable")


@pytest.fixture
def many(sample: Database) -> list[str]:
    """45 more organisations (youth groups in Pavlodar, some with equal names); their BINs."""
    bins = [valid_bin(i) for i in range(45)]
    rows = [
        {
            "bin": b,
            "name": f"Жастар {i % 15:02d}",  # repeated names: the BIN breaks ties
            "kind": "youth_group",
            "legal_form": "public_association",
            "kato": "551010000",
            "founded_year": str(2000 + i % 20),
            "focus_areas": "youth",
        }
        for i, b in enumerate(bins)
    ]
    result = import_sources(sample, [MemorySource(ORGANIZATIONS, rows)])
    assert result.ok, result.errors
    return bins


@pytest.fixture
def tokens(db: Database) -> dict[str, str]:
    return {r.value: create_token(db, role=r, name=f"test {r.value}")[1] for r in ApiRole}
