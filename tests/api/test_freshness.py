"""No request waits for analytics: after a write, metrics answer at once from the previous graph
version, and a few seconds later from the new one; suggestions stay exact meanwhile.

The API runs here with its default settings (analytics answered at once), not the exact mode of
the rest of the suite, on the demo region.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from api.settings import ApiSettings
from graph.db import Database
from graph.demo_load import load_demo
from graph.schema import versions
from graph.settings import load_settings
from graph.tokens import ApiRole, create_token
from tests.api.conftest import ENGLISH, Api

WAIT = 120.0
"""Seconds a test waits for a recomputation at most (the demo region takes a few)."""


@pytest.fixture(scope="module")
def demo(session_db: Database) -> Iterator[tuple[Api, str]]:
    result = load_demo(session_db, replace=True)
    assert result.ok, result.errors[:5]
    token = create_token(session_db, role=ApiRole.COORDINATOR, name="freshness")[1]
    settings = ApiSettings()
    assert not settings.exact_analytics  # the default
    with TestClient(create_app(load_settings(), settings, db=session_db), headers=ENGLISH) as c:
        yield Api(c), token


ORGANIZATION = """query ($bin: String!) { organization(bin: $bin) {
  metrics { graphVersion computedAt centrality { degree weightedDegree } }
  partnerSuggestions(first: 50) { edges { node { organization { bin } } } }
} }"""

CLUB = """{ search(query: "клуб добряков", first: 1) { organization { bin } } }"""

PARTNERS = """mutation ($input: RecordPartnershipInput!) {
  recordPartnership(input: $input) { partnership { id } } }"""


def _until(check: Callable[[], Any], what: str) -> Any:
    """Poll ``check`` until it returns something truthy (or fail after :data:`WAIT`)."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    pytest.fail(f"not within {WAIT} s: {what}")


def _organization(api: Api, bin: str) -> dict[str, Any]:
    return api.data(ORGANIZATION, {"bin": bin})["organization"]


def _suggested(found: dict[str, Any]) -> list[str]:
    return [e["node"]["organization"]["bin"] for e in found["partnerSuggestions"]["edges"]]


def _current(api: Api, db: Database, bin: str) -> dict[str, Any]:
    """The organisation once its metrics are those of the current graph version."""
    version = versions(db)[1]
    return _until(
        lambda: (o := _organization(api, bin))["metrics"]["graphVersion"] == version and o,
        f"metrics of graph version {version}",
    )


def _partner(api: Api, token: str, a: str, b: str) -> None:
    pair = {"organization": a, "partner": b, "basis": "INFORMAL"}
    api.data(PARTNERS, {"input": pair}, token=token)


def test_a_write_is_answered_from_the_previous_version_then_the_new_one(
    demo: tuple[Api, str], session_db: Database
) -> None:
    api, token = demo
    club = api.data(CLUB)["search"][0]["organization"]["bin"]
    before = _current(api, session_db, club)
    old = before["metrics"]["graphVersion"]
    partner = _suggested(before)[0]

    _partner(api, token, club, partner)
    assert versions(session_db)[1] > old
    at_once = _organization(api, club)
    assert at_once["metrics"] == before["metrics"]  # the previous graph version, not waited for

    after = _current(api, session_db, club)
    assert after["metrics"]["graphVersion"] > old
    assert after["metrics"]["computedAt"] > before["metrics"]["computedAt"]
    centrality = after["metrics"]["centrality"]
    assert centrality["weightedDegree"] > before["metrics"]["centrality"]["weightedDegree"]


def test_suggestions_are_exact_while_the_analytics_are_stale(
    demo: tuple[Api, str], session_db: Database
) -> None:
    api, token = demo
    club = api.data(CLUB)["search"][0]["organization"]["bin"]
    before = _current(api, session_db, club)
    partner = _suggested(before)[0]

    _partner(api, token, club, partner)
    at_once = _organization(api, club)
    assert at_once["metrics"]["graphVersion"] == before["metrics"]["graphVersion"]  # stale
    assert partner not in _suggested(at_once)  # the partnership just made is never suggested
