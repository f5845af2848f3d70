"""Injection: Cypher and Lucene syntax in every string input is inert text.

Reads leave the graph as it was and never show internals; text a coordinator saves comes back
byte for byte.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.db import Database
from tests.graph.sample import snapshot
from tests.hardening.conftest import assert_inert, codes, gql

CLUB, VETERANS, YOUTH = "940140000385", "990140004654", "180240012342"

PAYLOADS = [
    "'",
    '"',
    "`",
    "//",
    "}",
    "*",
    "~",
    "\\",
    "' OR 1=1 //",
    '" OR ""="',
    "1' OR '1'='1",
    "x' }) MATCH (n) DETACH DELETE n //",
    "MATCH (n) DETACH DELETE n",
    "`) DETACH DELETE n WITH 1 AS x MATCH (`",
    "$w0",
    "{p}",
    "CALL db.labels() YIELD label RETURN label",
    "name:* OR bin:*",
    "*:*",
    "клуб~0.1",
    '"клуб добряков"~5',
    '+-&&||!(){}[]^"~*?:\\/',
    "a AND NOT b",
    "\u202eклуб\u202c",  # right-to-left override
    "\u200bклуб\u200d",  # zero-width space and joiner
    "\u200f\u061c",  # right-to-left and Arabic letter marks
    "\ufeffклуб",  # a byte-order mark inside text
    "\x00",
    "line\nbreak\r\ttab",
    "<script>alert(1)</script>",
    "%00%27",
    "Ω≈ç√∫˜µ≤≥÷ 𝕂𝕝𝕦𝕓 👍🏽",
    "x" * 5000,
    "клуб " * 2000,
]

ORG = "{ bin name }"
READS: dict[str, tuple[str, Any]] = {
    "search": (
        "query($v: String!) { search(query: $v) { matchedName organization { bin } } }",
        "v",
    ),
    "where name contains": (
        "query($v: String!) { organizations(where: {name: {contains: $v}}) { totalCount } }",
        "v",
    ),
    "where name startsWith": (
        "query($v: String!) { organizations(where: {name: {startsWith: $v}}) "
        "{ edges { node { bin } } } }",
        "v",
    ),
    "where name eq/in": (
        "query($v: String!) { organizations(where: {OR: [{name: {eq: $v}}, {name: {in: [$v]}}]})"
        " { totalCount } }",
        "v",
    ),
    "where bin, territory, focus, partners": (
        "query($v: String!) { organizations(where: {OR: [{bin: {eq: $v}}, "
        "{territory: {in: [$v]}}, {focusAreas: {some: [$v]}}, {partners: {none: [$v]}}]}) "
        "{ totalCount } }",
        "v",
    ),
    "project where title": (
        "query($v: String!) { projects(where: {OR: [{title: {contains: $v}}, "
        "{title: {startsWith: $v}}, {code: {eq: $v}}]}) { totalCount } }",
        "v",
    ),
    "project where lists": (
        "query($v: String!) { projects(where: {funders: [$v], participants: [$v], "
        "focusAreas: [$v], territory: {in: [$v]}}) { totalCount } }",
        "v",
    ),
    "by key": (
        "query($v: String!) { organization(bin: $v) " + ORG + " project(code: $v) { code } "
        "territory(kato: $v) { kato } akimat(code: $v) { code } }",
        "v",
    ),
    "dashboards": (
        "query($v: String!) { dashboard { organizationsByKind(territory: $v) { count } "
        "fundingTotals(groupBy: FUNDER, territory: $v) { key } "
        "projectsByFocusArea(territory: $v) { projects } } }",
        "v",
    ),
    "cursor as typed": (
        "query($v: String!) { organizations(first: 2, after: $v) { totalCount } "
        "projects(last: 2, before: $v) { totalCount } }",
        "v",
    ),
    "cursor made of the text": (
        "query($v: String!) { organizations(first: 2, after: $v) { edges { cursor } } "
        'organization(bin: "940140000385") { partners(after: $v) { totalCount } } }',
        "cursor",
    ),
    "node id as typed": ("query($v: ID!) { node(id: $v) { id } }", "v"),
    "node ids made of the text": (
        "query($a: ID!, $b: ID!) { nodes(ids: [$a, $b]) { id } }",
        "ids",
    ),
}


def _variables(kind: str, payload: str) -> dict[str, Any]:
    if kind == "cursor":
        raw = json.dumps([payload, payload], ensure_ascii=False).encode()
        return {"v": base64.urlsafe_b64encode(raw).decode()}
    if kind == "ids":
        org, person = (f"{t}:{payload}".encode() for t in ("Organization", "Person"))
        return {"a": base64.b64encode(org).decode(), "b": base64.b64encode(person).decode()}
    return {"v": payload}


def _check(response: httpx2.Response, payload: str, allowed: set[str]) -> dict[str, Any]:
    assert_inert(response, payload, payload.strip())
    assert response.status_code == 200, response.text[:300]
    body = response.json()
    assert set(codes(body)) <= allowed, body.get("errors")
    return body


@pytest.mark.parametrize("name", list(READS))
def test_reads_are_inert(
    transports: dict[str, httpx2.Client], region: Database, module_tokens: dict[str, str], name: str
) -> None:
    query, kind = READS[name]
    before = snapshot(region)
    token = module_tokens["admin"] if kind == "ids" else None  # may see people, if any matched
    for payload in PAYLOADS:
        response = gql(transports["asgi"], query, _variables(kind, payload), token=token)
        _check(response, payload, {"BAD_USER_INPUT", "FORBIDDEN"})
    assert snapshot(region) == before


def test_the_audit_log_target_is_inert(
    transports: dict[str, httpx2.Client], region: Database, module_tokens: dict[str, str]
) -> None:
    query = "query($v: String!) { auditLog(target: $v) { id } }"
    for payload in PAYLOADS:
        response = gql(transports["asgi"], query, {"v": payload}, token=module_tokens["admin"])
        assert _check(response, payload, set())["data"]["auditLog"] == []


def test_lucene_syntax_never_widens_a_search(
    transports: dict[str, httpx2.Client], region: Database
) -> None:
    query = "query($v: String!) { search(query: $v) { organization { bin } } }"
    for payload in ("*", "*:*", "name:*", "' OR 1=1 //", "?", "~", '""', "\\"):
        hits = gql(transports["asgi"], query, {"v": payload}).json()["data"]["search"]
        assert hits == [], (payload, hits)  # no wildcard or field syntax reaches Lucene


UPDATE = """mutation($bin: String!, $input: OrganizationInput!) {
  updateOrganization(bin: $bin, input: $input) { name nameKk aliases }
}"""
READ_BACK = "query($bin: String!) { organization(bin: $bin) { name nameKk aliases } }"


def _save_name(
    client: httpx2.Client, db: Database, token: str, bin: str, text: str
) -> dict[str, Any]:
    """Save ``text`` as a name, a Kazakh name and an alias; return the stored values."""
    response = gql(
        client,
        UPDATE,
        {"bin": bin, "input": {"name": text, "nameKk": text, "aliases": [text]}},
        token=token,
    )
    body = _check(response, text, {"BAD_USER_INPUT"})
    expected = text.strip()
    if not expected or len(expected) > 500:
        assert codes(body) == ["BAD_USER_INPUT"], body
        return {}
    assert "errors" not in body, body
    read = gql(client, READ_BACK, {"bin": bin}).json()["data"]["organization"]
    assert read == {"name": expected, "nameKk": expected, "aliases": [expected]}
    stored = db.read(
        "MATCH (o:Organization {bin: $bin}) RETURN o.name AS name, o.name_kk AS kk", bin=bin
    )[0]
    assert (stored["name"], stored["kk"]) == (expected, expected)
    assert stored["name"].encode() == expected.encode()
    return read


@pytest.mark.parametrize("transport", ["asgi", "uvicorn"])
def test_saved_text_comes_back_byte_for_byte(
    transports: dict[str, httpx2.Client],
    region: Database,
    module_tokens: dict[str, str],
    transport: str,
) -> None:
    client = transports[transport]
    # every payload in process; over uvicorn a sample, for the HTTP stack's encoding
    for payload in PAYLOADS if transport == "asgi" else PAYLOADS[::4]:
        _save_name(client, region, module_tokens["coordinator"], VETERANS, payload)
        search = gql(client, "query($v: String!) { search(query: $v) { score } }", {"v": payload})
        _check(search, payload, {"BAD_USER_INPUT"})
    assert region.read("MATCH (o:Organization) RETURN count(o) AS n")[0]["n"] == 3


def test_text_in_other_mutation_fields_is_stored_as_given(
    transports: dict[str, httpx2.Client], region: Database, module_tokens: dict[str, str]
) -> None:
    client, token = transports["uvicorn"], module_tokens["coordinator"]
    create = """mutation($bin: String!, $name: String!) {
      createOrganization(bin: $bin, input: {name: $name, kind: NGO, legalForm: PUBLIC_ASSOCIATION,
                         kato: "551010000"}) { name } }"""
    name = "x' }) MATCH (n) DETACH DELETE n // \u202e`"
    body = _check(
        gql(client, create, {"bin": "200140000004", "name": name}, token=token), name, set()
    )
    assert body["data"]["createOrganization"]["name"] == name
    project = """mutation($title: String!) {
      createProject(code: "P-INJ", input: {title: $title, focusAreas: ["youth"],
                    kato: "551010000", startDate: "2024-01-01"}) { title } }"""
    body = _check(gql(client, project, {"title": name}, token=token), name, set())
    assert body["data"]["createProject"]["title"] == name
    partner = """mutation($basis: String!) {
      savePartnership(input: {binA: "940140000385", binB: "200140000004", basis: $basis})
      { basis } }"""
    body = _check(gql(client, partner, {"basis": name}, token=token), name, set())
    assert body["data"]["savePartnership"]["basis"] == name
    assert region.read("MATCH (n) RETURN count(n) AS n")[0]["n"] > 30  # nothing was deleted


KEYED_MUTATIONS = {
    "createOrganization bin": "mutation($v: String!) { createOrganization(bin: $v, input: "
    '{name: "N", kind: NGO, legalForm: PUBLIC_ASSOCIATION, kato: "551010000"}) { bin } }',
    "createOrganization kato": 'mutation($v: String!) { createOrganization(bin: "200140000014",'
    ' input: {name: "N", kind: NGO, legalForm: PUBLIC_ASSOCIATION, kato: $v}) { bin } }',
    "createOrganization focus": 'mutation($v: String!) { createOrganization(bin: "200140000014",'
    ' input: {name: "N", kind: NGO, legalForm: PUBLIC_ASSOCIATION, kato: "551010000",'
    " focusAreas: [$v]}) { bin } }",
    "updateOrganization bin": "mutation($v: String!) { updateOrganization(bin: $v,"
    ' input: {name: "N"}) { bin } }',
    "archiveOrganization bin": "mutation($v: String!) { archiveOrganization(bin: $v) { bin } }",
    "createProject code": 'mutation($v: String!) { createProject(code: $v, input: {title: "T",'
    ' focusAreas: ["youth"], kato: "551010000", startDate: "2024-01-01"}) { code } }',
    "updateProject code": 'mutation($v: String!) { updateProject(code: $v, input: {title: "T"})'
    " { code } }",
    "addParticipation": "mutation($v: String!) { addParticipation(projectCode: $v, bin: $v,"
    " role: PARTNER) }",
    "recordFunding funder": "mutation($v: String!) { recordFunding(input: {funder: $v,"
    ' projectCode: "P-1", amountKzt: 1, mechanism: PRIVATE_DONATION, year: 2018}) { amountKzt } }',
    "recordFunding project": 'mutation($v: String!) { recordFunding(input: {funder: "citizens",'
    " projectCode: $v, amountKzt: 1, mechanism: PRIVATE_DONATION, year: 2018}) { amountKzt } }",
    "savePartnership bins": "mutation($v: String!) { savePartnership(input: {binA: $v,"
    ' binB: "940140000385"}) { binA } }',
    "endPartnership bins": "mutation($v: String!) { endPartnership(binA: $v, binB: $v) { binA } }",
}


@pytest.mark.parametrize("name", list(KEYED_MUTATIONS))
def test_keys_in_mutations_are_refused_without_writing(
    transports: dict[str, httpx2.Client], region: Database, module_tokens: dict[str, str], name: str
) -> None:
    before = snapshot(region)
    for payload in PAYLOADS:
        response = gql(
            transports["asgi"],
            KEYED_MUTATIONS[name],
            {"v": payload},
            token=module_tokens["coordinator"],
        )
        body = _check(response, payload, {"BAD_USER_INPUT", "NOT_FOUND"})
        assert body.get("errors"), body
    assert snapshot(region) == before


def test_amounts_and_cursors_beyond_64_bits_are_input_errors(
    transports: dict[str, httpx2.Client], region: Database, module_tokens: dict[str, str]
) -> None:
    """The driver cannot send integers beyond 64 bits; such values are the caller's mistake."""
    fund = """mutation($a: Tenge!) { recordFunding(input: {funder: "citizens", projectCode: "P-1",
      amountKzt: $a, mechanism: IN_KIND, year: 2018}) { amountKzt } }"""
    huge = 10**30
    body = gql(transports["asgi"], fund, {"a": huge}, token=module_tokens["coordinator"]).json()
    assert codes(body) == ["BAD_USER_INPUT"], body
    cursor = base64.urlsafe_b64encode(json.dumps([huge, "x"]).encode()).decode()
    page = "query($c: String) { organizations(after: $c) { totalCount } }"
    body = gql(transports["asgi"], page, {"c": cursor}).json()
    assert codes(body) == ["BAD_USER_INPUT"], body


TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
METACHARACTERS = st.lists(
    st.sampled_from(["'", '"', "`", "//", "}", "{", "*", "~", "\\", "$", ":", " OR ", "\u202e"]),
    max_size=6,
).map("".join)
MIXED = st.tuples(TEXT, METACHARACTERS, TEXT).map("".join)


def test_property_reads_of_any_text_are_inert(
    transports: dict[str, httpx2.Client], region: Database
) -> None:
    before = snapshot(region)
    query = (
        "query($v: String!) { search(query: $v) { organization { bin } } "
        "organizations(where: {name: {contains: $v}}) { totalCount } "
        "projects(where: {title: {startsWith: $v}}) { totalCount } organization(bin: $v) { bin } }"
    )

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(text=MIXED)
    def read(text: str) -> None:
        _check(gql(transports["asgi"], query, {"v": text}), text, set())

    read()
    assert snapshot(region) == before


def test_property_any_name_is_stored_as_given(
    transports: dict[str, httpx2.Client], region: Database, module_tokens: dict[str, str]
) -> None:
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(text=MIXED)
    def save(text: str) -> None:
        _save_name(transports["asgi"], region, module_tokens["coordinator"], YOUTH, text)

    save()
