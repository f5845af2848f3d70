"""Authentication beyond the role matrix: logs, revocation and downgrades mid-session, people."""

from __future__ import annotations

import base64
import json
import logging

import httpx2
import pytest

from api.settings import ApiSettings
from graph.db import Database
from graph.tokens import ApiRole, create_token, revoke_token
from tests.hardening.conftest import assert_inert, codes, gql, in_process, serve

CLUB, VETERANS, YOUTH = "940140000385", "990140004654", "180240012342"
PERSON = "Айгерим"
PERSON_ID = base64.b64encode(b"Person:p-1").decode()
NO_PERSON_ID = base64.b64encode(b"Person:p-404").decode()
CLUB_ID = base64.b64encode(f"Organization:{CLUB}".encode()).decode()


def _text(response: httpx2.Response) -> str:
    return json.dumps(response.json(), ensure_ascii=False)


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_tokens_never_reach_the_logs(
    region: Database, caplog: pytest.LogCaptureFixture, tmp_path_factory: pytest.TempPathFactory
) -> None:
    caplog.set_level(logging.DEBUG)  # the driver's own debug output included
    live = {r: create_token(region, role=r, name=f"logs {r.value}")[1] for r in ApiRole}
    revoked = create_token(region, role=ApiRole.ADMIN, name="logs revoked")[1]
    revoke_token(region, "logs revoked")
    unknown = "sk_" + "Q" * 43
    secrets = [*live.values(), revoked, unknown]
    update = 'mutation { updateOrganization(bin: "940140000385", input: {staff: 4}) { staff } }'
    bad = 'mutation { updateOrganization(bin: "940140000385", input: {staff: -1}) { staff } }'
    requests: list[tuple[object, dict[str, str]]] = []
    for token in secrets:
        headers = [f"Bearer {token}", f"bearer  {token}", f"Basic {token}", token]
        for header in headers if token in (live[ApiRole.ADMIN], unknown) else headers[:1]:
            requests.append(
                ({"query": "{ viewer { role } auditLog { id } }"}, {"Authorization": header})
            )
        for document in (update, bad, "{ nope }", "{ regions { name } }"):
            requests.append(({"query": document}, _bearer(token)))
        requests.append(([{"query": "{ regions { name } }"}] * 2, _bearer(token)))
    region.write("CREATE (:Territory {kato: '559999999'})")  # broken data: an unexpected error
    try:
        for client_of in (in_process, lambda db, s: serve(db, s, log_level="debug")):
            with client_of(region, ApiSettings(db_stats=True)) as client:
                for body, headers in requests:
                    response = client.post("/graphql", json=body, headers=headers)
                    assert all(s not in response.text for s in secrets)
                get = client.get("/graphql", params={"query": "{ regions { name } }"},
                                 headers=_bearer(unknown))  # fmt: skip
                assert get.status_code == 401
    finally:
        region.write("MATCH (t:Territory {kato: '559999999'}) DETACH DELETE t")
    assert any(r.name.startswith("uvicorn") for r in caplog.records)  # the server's logs were seen
    assert any(r.name.startswith("neo4j") for r in caplog.records)  # and the driver's
    assert any("unexpected error" in r.getMessage() for r in caplog.records)
    for record in caplog.records:
        text = f"{record.getMessage()} {record.args!r} {record.exc_text or ''}"
        assert all(s not in text for s in secrets), record.name
    assert all(s not in caplog.text for s in secrets)


@pytest.mark.parametrize("transport", ["asgi", "uvicorn"])
def test_a_token_revoked_mid_session_stops_at_the_next_request(
    transports: dict[str, httpx2.Client], region: Database, transport: str
) -> None:
    client = transports[transport]  # one keep-alive connection over uvicorn
    info, token = create_token(region, role=ApiRole.COORDINATOR, name=f"mid-session {transport}")
    rename = 'mutation { updateOrganization(bin: "180240012342", input: {volunteers: 13}) { bin } }'
    for _ in range(3):
        assert gql(client, "{ viewer { role } }", token=token).json()["data"]["viewer"]["role"] == (
            "coordinator"
        )
    revoke_token(region, info.id)
    attempts = [
        gql(client, "{ viewer { role } }", token=token),
        gql(client, rename, token=token),
        client.post(
            "/graphql", json=[{"query": "{ viewer { role } }"}] * 2, headers=_bearer(token)
        ),
        client.get("/graphql", params={"query": "{ viewer { role } }"}, headers=_bearer(token)),
    ]
    for response in attempts:
        assert_inert(response)
        assert response.status_code == 401, response.text
        assert codes(response.json()) == ["UNAUTHENTICATED"]
        assert token not in response.text
    volunteers = region.read(f"MATCH (o:Organization {{bin: '{YOUTH}'}}) RETURN o.volunteers AS v")
    assert volunteers[0]["v"] == 12  # the refused edit wrote nothing


def test_a_role_downgrade_applies_at_the_next_request(
    transports: dict[str, httpx2.Client], region: Database
) -> None:
    client = transports["uvicorn"]
    info, token = create_token(region, role=ApiRole.ADMIN, name="downgraded")
    audit = "{ auditLog(first: 1) { id } }"
    people = (
        f'{{ organization(bin: "{CLUB}") {{ people {{ edges {{ node {{ displayName }} }} }} }} }}'
    )
    edit = 'mutation { updateOrganization(bin: "940140000385", input: {staff: 4}) { staff } }'
    assert "errors" not in gql(client, audit, token=token).json()
    assert PERSON in _text(gql(client, people, token=token))
    for role, refused in (("coordinator", [audit, people]), ("viewer", [audit, people, edit])):
        region.write("MATCH (t:ApiToken {id: $id}) SET t.role = $role", id=info.id, role=role)
        viewer = gql(client, "{ viewer { role } }", token=token).json()["data"]["viewer"]
        assert viewer["role"] == role
        for document in refused:
            response = gql(client, document, token=token)
            assert codes(response.json()) == ["FORBIDDEN"], (role, document, response.text)
            assert PERSON not in _text(response)
    # the usual way: revoke the token, issue a weaker one under the same name
    revoke_token(region, info.id)
    weaker = create_token(region, role=ApiRole.VIEWER, name="downgraded")[1]
    assert gql(client, audit, token=token).status_code == 401
    assert codes(gql(client, audit, token=weaker).json()) == ["FORBIDDEN"]


def _people(selection: str = "people { edges { node { displayName } } }") -> list[str]:
    return [
        f'{{ search(query: "клуб добряков") {{ organization {{ {selection} }} }} }}',
        f"{{ organizations {{ edges {{ node {{ {selection} }} }} }} }}",
        f'{{ territory(kato: "550000000") {{ organizations {{ edges {{ node {{ {selection} }} }} }}'
        " } }",
        f'{{ project(code: "P-1") {{ participants {{ edges {{ node {{ {selection} }} }} }} }} }}',
        f'{{ organization(bin: "{YOUTH}") {{ partners(first: 3) {{ edges {{ node {{ '
        f"partners(first: 3) {{ edges {{ node {{ {selection} }} }} }} }} }} }} }} }}",
        f'{{ organization(bin: "{CLUB}") {{ ...P }} }} '
        f"fragment P on Organization {{ {selection} }}",
        f'{{ nodes(ids: ["{CLUB_ID}"]) {{ ... on Organization {{ {selection} }} }} }}',
    ]


PEOPLE_QUERIES = [
    *_people(),
    *_people("people { totalCount }"),
    *_people("people { edges { relation since node { id } } }"),
    f'{{ node(id: "{PERSON_ID}") {{ id ... on Person {{ displayName }} }} }}',
    f'{{ node(id: "{PERSON_ID}") {{ __typename }} }}',
    f'{{ nodes(ids: ["{CLUB_ID}", "{PERSON_ID}"]) {{ id ... on Person {{ displayName }} }} }}',
]


@pytest.mark.parametrize("role", [None, "viewer", "coordinator"])
def test_people_are_out_of_reach_for_non_admins(
    transports: dict[str, httpx2.Client], module_tokens: dict[str, str], role: str | None
) -> None:
    client = transports["asgi"]
    token = module_tokens[role] if role else None
    for document in PEOPLE_QUERIES:
        response = gql(client, document, token=token)
        assert_inert(response)
        assert PERSON not in _text(response), (document, response.text)
        assert "p-1" not in response.text, (document, response.text)
        assert codes(response.json()) and set(codes(response.json())) <= {
            "UNAUTHENTICATED",
            "FORBIDDEN",
        }, (document, response.text)
    # search matches organisation names only, never people's
    hits = gql(client, f'{{ search(query: "{PERSON}") {{ matchedName }} }}', token=token)
    assert PERSON not in _text(hits)
    # and nobody learns whether a person exists: the same answer for a made-up id
    ask = "query($id: ID!) { node(id: $id) { id } }"
    real, made_up = (
        gql(client, ask, {"id": i}, token=token).json() for i in (PERSON_ID, NO_PERSON_ID)
    )
    assert (real["data"], real["errors"]) == (made_up["data"], made_up["errors"])


def test_the_same_queries_do_reach_people_for_admins(
    transports: dict[str, httpx2.Client], module_tokens: dict[str, str]
) -> None:
    """The refusals above are about the role, not about queries that could never work."""
    for document in _people():
        body = gql(transports["asgi"], document, token=module_tokens["admin"]).json()
        assert "errors" not in body, (document, body)
        assert PERSON in str(body), document
