"""``createInitiativeGroup`` / ``registerInitiativeGroup``: a group without a BIN takes part in a
project and a partnership, is listed and found, then registers keeping all of it."""

from __future__ import annotations

from typing import Any

from graph.db import Database
from tests.api.conftest import Api

PARTNER = "180240012342"
TAKEN = "990140004654"
NEW_BIN = "200140000004"
CREATE = """mutation($input: CreateInitiativeGroupInput!) {
  createInitiativeGroup(input: $input) {
    organization { id key bin registeredBin kind legalForm name territory { kato } }
  }
}"""
REGISTER = """mutation($input: RegisterInitiativeGroupInput!) {
  registerInitiativeGroup(input: $input) {
    organization {
      id key bin registeredBin kind legalForm
      projects { edges { role node { code } } }
      partners { edges { node { bin } } }
    }
  }
}"""
TAKE_PART = """mutation($group: ID!, $partner: ID!) {
  addProjectParticipant(input: {project: "P-2", organization: $group, role: PARTNER}) {
    project { code }
  }
  recordPartnership(input: {organization: $group, partner: $partner, basis: INFORMAL}) {
    partnership { id }
  }
}"""
LISTED = """query($key: String!) {
  organizations(where: {kind: {eq: INITIATIVE_GROUP}}) { totalCount edges { node { key } } }
  search(query: "Чистый берег") { organization { key } }
  organization(bin: $key) { key registeredBin }
}"""
HISTORY = """query($target: ID!) {
  auditEntries(target: $target, first: 50) { edges { node { action target } } }
}"""
GROUP = {
    "name": "Инициативная группа «Чистый берег»",
    "territory": "551010000",
    "focusAreas": ["ECOLOGY"],
    "contact": "+7 701 000 00 00",
}


def _create(api: Api, token: str, **change: Any) -> dict[str, Any]:
    return api(CREATE, {"input": GROUP | change}, token=token)


def test_a_group_takes_part_then_registers_with_everything_kept(
    api: Api, sample: Database, tokens: dict[str, str]
) -> None:
    coordinator = tokens["coordinator"]
    body = _create(api, coordinator)
    assert "errors" not in body, body
    group = body["data"]["createInitiativeGroup"]["organization"]
    key = group["key"]
    assert key.startswith("IG-") and group["bin"] == key and group["registeredBin"] is None
    assert (group["kind"], group["legalForm"]) == ("INITIATIVE_GROUP", "NO_LEGAL_ENTITY")
    assert group["territory"] == {"kato": "551010000"}
    api.data(TAKE_PART, {"group": group["id"], "partner": PARTNER}, token=coordinator)

    listed = api.data(LISTED, {"key": key}, token=coordinator)
    assert listed["organizations"]["totalCount"] == 1
    assert listed["organizations"]["edges"][0]["node"]["key"] == key
    assert listed["search"][0]["organization"]["key"] == key
    assert listed["organization"] == {"key": key, "registeredBin": None}

    registered = api.data(
        REGISTER,
        {"input": {"key": key, "bin": NEW_BIN, "legalForm": "PUBLIC_ASSOCIATION"}},
        token=coordinator,
    )["registerInitiativeGroup"]["organization"]
    assert registered["key"] == registered["bin"] == registered["registeredBin"] == NEW_BIN
    assert (registered["kind"], registered["legalForm"]) == ("NGO", "PUBLIC_ASSOCIATION")
    assert registered["projects"]["edges"] == [{"role": "PARTNER", "node": {"code": "P-2"}}]
    assert registered["partners"]["edges"] == [{"node": {"bin": PARTNER}}]

    after = api.data(LISTED, {"key": key}, token=coordinator)
    assert after["organizations"]["totalCount"] == 0
    assert after["organization"] == {"key": NEW_BIN, "registeredBin": NEW_BIN}
    entries = api.data(HISTORY, {"target": NEW_BIN}, token=tokens["admin"])["auditEntries"]
    actions = [e["node"]["action"] for e in entries["edges"]]
    assert actions == ["register_initiative_group", "create_initiative_group"]

    again = api(
        REGISTER,
        {"input": {"key": key, "bin": NEW_BIN, "legalForm": "PUBLIC_ASSOCIATION"}},
        token=coordinator,
    )
    assert again["errors"][0]["extensions"]["code"] == "CONFLICT"


def test_errors_in_kazakh_and_russian(api: Api, sample: Database, tokens: dict[str, str]) -> None:
    coordinator = tokens["coordinator"]
    key = _create(api, coordinator)["data"]["createInitiativeGroup"]["organization"]["key"]
    variables = {"input": {"key": key, "bin": TAKEN, "legalForm": "PUBLIC_ASSOCIATION"}}
    for lang, word in (("kk", "БСН"), ("ru", "БИН"), ("en", "mergeOrganizations")):
        response = api.client.post(
            "/graphql",
            json={"query": REGISTER, "variables": variables},
            headers={"Authorization": f"Bearer {coordinator}", "Accept-Language": lang},
        )
        [error] = response.json()["errors"]
        assert error["extensions"]["code"] == "CONFLICT"
        assert word in error["message"] and key in error["message"]
    bad = {"input": GROUP | {"name": " ", "territory": "551099999"}}
    for lang, word in (("kk", "бастамашыл"), ("ru", "инициативн")):
        response = api.client.post(
            "/graphql",
            json={"query": CREATE, "variables": {"input": GROUP | {"name": " "}}},
            headers={"Authorization": f"Bearer {coordinator}", "Accept-Language": lang},
        )
        [error] = response.json()["errors"]
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "input.name"}
        wrong_kind = api.client.post(
            "/graphql",
            json={
                "query": "mutation($input: EditOrganizationInput!) "
                "{ editOrganization(input: $input) { organization { kind } } }",
                "variables": {"input": {"organization": key, "kind": "NGO"}},
            },
            headers={"Authorization": f"Bearer {coordinator}", "Accept-Language": lang},
        ).json()["errors"][0]
        assert word in wrong_kind["message"]
    nowhere = api(CREATE, bad, token=coordinator)["errors"][0]
    assert nowhere["extensions"]["field"] == "input.name"
    territory = api(CREATE, {"input": GROUP | {"territory": "551099999"}}, token=coordinator)
    assert territory["errors"][0]["extensions"]["field"] == "input.territory"


def test_viewers_cannot_create_groups(api: Api, sample: Database, tokens: dict[str, str]) -> None:
    body = _create(api, tokens["viewer"])
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    listed = api.data("{ organizations(where: {kind: {eq: INITIATIVE_GROUP}}) { totalCount } }")
    assert listed["organizations"]["totalCount"] == 0
