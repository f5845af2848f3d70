"""Partial results: a field a role guards or that can miss nulls itself alone, never `data`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from api.settings import ApiSettings
from graph.db import Database
from graph.demo_load import load_demo
from graph.tokens import ApiRole, create_token
from tests.api.conftest import Api, make_client, valid_bin

VETERANS_BIN_QUERY = (
    '{ search(query: "союз ветеранов Афганистана", first: 1) { organization { bin } } }'
)

DASHBOARD = """query Dashboard($bin: String!, $unknown: String!, $from: ID!, $to: ID!) {
  organization(bin: $bin) {
    name
    members(first: 5) { totalCount }
    partnerSuggestions(first: 3) { edges { node { score organization { bin } } } }
  }
  missing: organization(bin: $unknown) { name partnerSuggestions { edges { cursor } } }
  connectionPaths(from: $from, to: $to) { hops { text } }
  auditEntries(first: 1) { totalCount }
  duplicateCandidates(first: 2) { edges { node { score } } }
  territory(kato: "551010000") {
    name
    activeOrganizations(first: 3) { edges { node { score } } }
  }
  dashboard { organizationsByKind { kind count } }
  regions { name }
}"""


@pytest.fixture(scope="module")
def demo_api(session_db: Database) -> Iterator[Api]:
    assert load_demo(session_db, replace=True).ok
    with make_client(session_db, ApiSettings()) as client:
        yield Api(client)


def _dashboard(api: Api, token: str | None) -> dict[str, Any]:
    veterans = api.data(VETERANS_BIN_QUERY)["search"][0]["organization"]["bin"]
    unknown = valid_bin(7)
    variables = {"bin": veterans, "unknown": unknown, "from": veterans, "to": unknown}
    return api(DASHBOARD, variables, token=token)


def _codes(body: dict[str, Any]) -> dict[tuple[str | int, ...], str]:
    return {tuple(e["path"]): e["extensions"]["code"] for e in body["errors"]}


def _every_other_field_is_there(data: dict[str, Any]) -> None:
    organization = data["organization"]
    assert organization["name"]
    assert organization["partnerSuggestions"]["edges"]
    assert data["missing"] is None  # an unknown BIN: null, and no error
    assert data["territory"]["name"] and data["territory"]["activeOrganizations"]["edges"]
    assert data["dashboard"]["organizationsByKind"]
    assert data["regions"]


def test_anonymous_dashboard_loses_only_the_guarded_and_missing_fields(demo_api: Api) -> None:
    body = _dashboard(demo_api, None)
    data = body["data"]
    assert _codes(body) == {
        ("organization", "members"): "UNAUTHENTICATED",
        ("connectionPaths",): "NOT_FOUND",
        ("auditEntries",): "UNAUTHENTICATED",
        ("duplicateCandidates",): "UNAUTHENTICATED",
    }
    assert data["organization"]["members"] is None
    assert data["connectionPaths"] is None
    assert data["auditEntries"] is None and data["duplicateCandidates"] is None
    _every_other_field_is_there(data)


def test_a_coordinator_sees_more_and_still_loses_only_what_it_may_not_see(
    demo_api: Api, session_db: Database
) -> None:
    token = create_token(session_db, role=ApiRole.COORDINATOR, name="partial results")[1]
    body = _dashboard(demo_api, token)
    data = body["data"]
    assert _codes(body) == {
        ("organization", "members"): "FORBIDDEN",
        ("connectionPaths",): "NOT_FOUND",
        ("auditEntries",): "FORBIDDEN",
    }
    assert data["duplicateCandidates"]["edges"]
    _every_other_field_is_there(data)


def test_an_admin_gets_every_field_but_the_missing_one(demo_api: Api, session_db: Database) -> None:
    token = create_token(session_db, role=ApiRole.ADMIN, name="partial results")[1]
    body = _dashboard(demo_api, token)
    assert _codes(body) == {("connectionPaths",): "NOT_FOUND"}
    data = body["data"]
    assert data["organization"]["members"]["totalCount"] >= 0
    assert data["auditEntries"]["totalCount"] >= 0
    _every_other_field_is_there(data)


def test_the_deprecated_fields_still_fail_as_before(demo_api: Api) -> None:
    """Compatibility: `people` is non-null, so without a token it still nulls its parent."""
    veterans = demo_api.data(VETERANS_BIN_QUERY)["search"][0]["organization"]["bin"]
    body = demo_api(
        "query($bin: String!) { organization(bin: $bin) { name people { totalCount } } }",
        {"bin": veterans},
    )
    assert body["data"] == {"organization": None}
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
