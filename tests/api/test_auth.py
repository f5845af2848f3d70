"""Roles × operations: anyone reads, coordinators write, admins see people and the audit log."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from graph.db import Database
from graph.tokens import revoke_token
from tests.api.conftest import Api

MUTATIONS = {
    "createOrganization": 'mutation { createOrganization(bin: "200140000004", input: '
    '{name: "Новая", kind: NGO, legalForm: PUBLIC_ASSOCIATION, kato: "551010000"}) { bin } }',
    "updateOrganization": 'mutation { updateOrganization(bin: "940140000385",'
    " input: {staff: 5}) { staff } }",
    "archiveOrganization": 'mutation { archiveOrganization(bin: "180240012342") { archived } }',
    "createProject": 'mutation { createProject(code: "P-9", input: {title: "Т", focusAreas:'
    ' ["youth"], kato: "553610000", startDate: "2024-01-01"}) { code } }',
    "updateProject": 'mutation { updateProject(code: "P-2", input: {title: "Новое"}) { title } }',
    "addParticipation": 'mutation { addParticipation(projectCode: "P-1", bin: "180240012342",'
    " role: PARTNER) }",
    "removeParticipation": 'mutation { removeParticipation(projectCode: "P-2",'
    ' bin: "180240012342", role: IMPLEMENTING) }',
    "recordFunding": 'mutation { recordFunding(input: {funder: "akimat-550000000",'
    ' projectCode: "P-2", amountKzt: 100000, mechanism: STATE_GRANT, year: 2021})'
    " { amountKzt } }",
    "savePartnership": 'mutation { savePartnership(input: {binA: "940140000385",'
    ' binB: "990140004654", basis: "memorandum"}) { binA } }',
    "endPartnership": 'mutation { endPartnership(binA: "180240012342",'
    ' binB: "990140004654", until: "2024-01-01") { until } }',
}
EXPECTED = {
    None: "UNAUTHENTICATED",
    "viewer": "FORBIDDEN",
    "coordinator": None,
    "admin": None,
}


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
@pytest.mark.parametrize("role", [None, "viewer", "coordinator", "admin"])
def test_mutation_matrix(
    api: Api, sample: Database, tokens: dict[str, str], mutation: str, role: str | None
) -> None:
    body = api(MUTATIONS[mutation], token=tokens[role] if role else None)
    expected = EXPECTED[role]
    if expected is None:
        assert "errors" not in body, body
        assert body["data"][mutation] is not None
    else:
        assert body["errors"][0]["extensions"]["code"] == expected
        assert body["data"] is None


def test_audit_log_is_for_admins(api: Api, sample: Database, tokens: dict[str, str]) -> None:
    api.data(MUTATIONS["updateOrganization"], token=tokens["coordinator"])
    query = "{ auditLog(first: 5) { actor action target before after } }"
    for role in ("viewer", "coordinator"):
        assert api(query, token=tokens[role])["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    entries = api.data(query, token=tokens["admin"])["auditLog"]
    assert entries[0]["action"] == "update_organization"
    assert entries[0]["target"] == "940140000385"
    assert entries[0]["actor"].startswith("test coordinator")
    assert entries[0]["before"]["staff"] == 4 and entries[0]["after"]["staff"] == 5


PEOPLE = '{ organization(bin: "940140000385") { people { edges { node { id displayName } } } } }'


def test_personal_data_only_for_admins(api: Api, sample: Database, tokens: dict[str, str]) -> None:
    for token in (None, tokens["viewer"], tokens["coordinator"]):
        body = api(PEOPLE, token=token)
        assert body["errors"][0]["extensions"]["code"] in {"UNAUTHENTICATED", "FORBIDDEN"}
        assert "Айгерим" not in str(body)
    people = api.data(PEOPLE, token=tokens["admin"])["organization"]["people"]["edges"]
    assert [p["node"]["displayName"] for p in people] == ["Айгерим С."]
    # and through node(id): the same rule
    person_id = people[0]["node"]["id"]
    query = "query($id: ID!) { node(id: $id) { ... on Person { displayName } } }"
    refused = api(query, {"id": person_id}, token=tokens["coordinator"])
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "Айгерим" not in str(refused)
    allowed = api.data(query, {"id": person_id}, token=tokens["admin"])
    assert allowed["node"]["displayName"] == "Айгерим С."


def test_bad_and_revoked_tokens_are_refused(
    client: TestClient, db: Database, tokens: dict[str, str]
) -> None:
    query = {"query": "{ viewer { role } }"}
    for header in ("Bearer nope", "Basic abc", "Bearer", tokens["admin"]):
        response = client.post("/graphql", json=query, headers={"Authorization": header})
        assert response.status_code == 401
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    ok = client.post(
        "/graphql", json=query, headers={"Authorization": f"Bearer {tokens['viewer']}"}
    )
    assert ok.json()["data"]["viewer"]["role"] == "viewer"
    revoke_token(db, "test viewer")
    again = client.post(
        "/graphql", json=query, headers={"Authorization": f"Bearer {tokens['viewer']}"}
    )
    assert again.status_code == 401


def test_tokens_are_stored_only_as_hashes(db: Database, tokens: dict[str, str]) -> None:
    stored = db.read("MATCH (t:ApiToken) RETURN properties(t) AS p")
    text = str([r["p"] for r in stored])
    assert all(secret not in text for secret in tokens.values())
