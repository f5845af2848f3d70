"""Results that can be checked, through the API: project indicators, commitment and disbursement
of funding, and organisations filtered by the flags they carry."""

from __future__ import annotations

from typing import Any

from strawberry.relay import to_base64

from graph.db import Database
from tests.api.conftest import Api, valid_bin

VETERANS = "990140004654"
NEW_BIN = valid_bin(0)

ADD_ORGANIZATION = """mutation($input: AddOrganizationInput!) {
  addOrganization(input: $input) { organization { id } } }"""
ADD_PROJECT = """mutation($input: AddProjectInput!) {
  addProject(input: $input) { project { id } } }"""
PARTICIPANT = """mutation($input: AddProjectParticipantInput!) {
  addProjectParticipant(input: $input) { role } }"""
FUNDING = """mutation($input: SetFundingInput!) {
  setFunding(input: $input) {
    funding { id amountKzt committedKzt disbursedKzt disbursedShare committedOn disbursedOn }
    previousAmountKzt
  }
}"""
SET_INDICATOR = """mutation($input: SetProjectIndicatorInput!) {
  setProjectIndicator(input: $input) {
    indicator { id code title unit baseline target actual progress period { start end } }
    created
    project { id code }
  }
}"""
REMOVE_INDICATOR = """mutation($input: RemoveProjectIndicatorInput!) {
  removeProjectIndicator(input: $input) { removedIndicatorId project { id } }
}"""
FLAGGED = """query($where: OrganizationWhere, $first: Int, $after: String) {
  organizations(where: $where, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { bin flags { kind message } } }
  }
}"""
LOW_REACH = {"flags": {"some": ["STATE_FUNDED_LOW_REACH"]}}

ORDER = {
    "project": "SO-2024-01",
    "funder": "akimat-553610000",
    "mechanism": "STATE_SOCIAL_ORDER",
    "year": 2024,
    "amountKzt": 5_000_000,
    "committedOn": "2024-02-01",
}
REACH = {
    "project": "SO-2024-01",
    "code": "reach",
    "periodStart": "2024-03-01",
    "periodEnd": "2024-12-31",
    "title": "Молодые люди, прошедшие программу",
    "unit": "человек",
    "target": 100,
}


def _state_order(api: Api, token: str) -> None:
    """A new youth group leading a running project on a state social order."""
    organization = {
        "bin": NEW_BIN, "name": "Жастар Ақкөл", "kind": "YOUTH_GROUP",
        "legalForm": "PUBLIC_ASSOCIATION", "territory": "553610000", "focusAreas": ["YOUTH"],
    }  # fmt: skip
    api.data(ADD_ORGANIZATION, {"input": organization}, token=token)
    project = {
        "code": "SO-2024-01", "title": "Жастар мектебі", "focusAreas": ["YOUTH"],
        "startDate": "2024-03-01", "beneficiaryTerritory": "553610000", "status": "ACTIVE",
    }  # fmt: skip
    api.data(ADD_PROJECT, {"input": project}, token=token)
    role = {"project": "SO-2024-01", "organization": NEW_BIN, "role": "ACCOUNTABLE"}
    api.data(PARTICIPANT, {"input": role}, token=token)


def _flagged(api: Api) -> dict[str, list[str]]:
    edges = api.data(FLAGGED, {"where": LOW_REACH, "first": 100})["organizations"]["edges"]
    return {e["node"]["bin"]: [f["kind"] for f in e["node"]["flags"]] for e in edges}


def _error(body: dict[str, Any]) -> tuple[str, str | None]:
    error = body["errors"][0]
    return error["extensions"]["code"], error["extensions"].get("field")


def test_low_reach_under_a_paid_state_order_is_flagged_until_the_actual_rises(
    api: Api, sample: Database, tokens: dict[str, str]
) -> None:
    token = tokens["coordinator"]
    _state_order(api, token)
    api.data(SET_INDICATOR, {"input": REACH | {"actual": 40}}, token=token)
    partly = api.data(FUNDING, {"input": ORDER | {"disbursedKzt": 2_000_000}}, token=token)
    shown = partly["setFunding"]["funding"]
    assert (shown["committedKzt"], shown["disbursedKzt"]) == (5_000_000, 2_000_000)
    assert shown["disbursedShare"] == 0.4 and shown["committedOn"] == "2024-02-01"
    assert NEW_BIN not in _flagged(api)  # paid in part: the contract is still at work

    paid = {"disbursedKzt": 5_000_000, "disbursedOn": "2024-12-20"}
    full = api.data(FUNDING, {"input": ORDER | paid}, token=token)["setFunding"]
    assert full["funding"]["disbursedShare"] == 1.0 and full["previousAmountKzt"] == 5_000_000
    flagged = _flagged(api)
    assert NEW_BIN in flagged and "STATE_FUNDED_LOW_REACH" in flagged[NEW_BIN]

    api.data(SET_INDICATOR, {"input": REACH | {"actual": 95}}, token=token)
    assert NEW_BIN not in _flagged(api)  # the write refreshed the cached flags
    others = api.data(FLAGGED, {"where": {"flags": {"none": ["STATE_FUNDED_LOW_REACH"]}}})
    assert NEW_BIN in {e["node"]["bin"] for e in others["organizations"]["edges"]}


def test_organization_flags_agree_with_the_filter(api: Api, sample: Database) -> None:
    query = """{ organizations(first: 100) { edges { node { bin
      flags { kind } metrics { flags { kind } } } } } }"""
    for edge in api.data(query)["organizations"]["edges"]:
        node = edge["node"]
        assert node["flags"] == node["metrics"]["flags"]
        for flag in node["flags"]:
            where = {"flags": {"some": [flag["kind"]]}}
            found = api.data(FLAGGED, {"where": where})["organizations"]["edges"]
            assert node["bin"] in {e["node"]["bin"] for e in found}


def test_flag_filters_page_by_exact_cursors(api: Api, many: list[str]) -> None:
    where = {"flags": {"some": ["NO_RECENT_PROJECTS"]}}
    seen: list[str] = []
    after = None
    while True:
        page = api.data(FLAGGED, {"where": where, "first": 7, "after": after})["organizations"]
        seen += [e["node"]["bin"] for e in page["edges"]]
        assert all("NO_RECENT_PROJECTS" in [f["kind"] for f in e["node"]["flags"]]
                   for e in page["edges"])  # fmt: skip
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == page["totalCount"]
    assert set(many) <= set(seen)  # 45 new youth groups, no projects yet


def test_indicators_are_listed_paged_and_removed(
    api: Api, sample: Database, tokens: dict[str, str]
) -> None:
    token = tokens["coordinator"]
    literacy = {
        "project": to_base64("Project", "P-2"), "code": "literacy",
        "periodStart": "2021-03-01", "periodEnd": "2021-11-30", "title": "Знание истории",
        "unit": "%", "baseline": 60, "target": 80, "actual": 70.5,
    }  # fmt: skip
    set_ = api.data(SET_INDICATOR, {"input": literacy}, token=token)["setProjectIndicator"]
    key = "P-2|literacy|2021-03-01|2021-11-30"
    assert set_["created"] and set_["indicator"]["id"] == to_base64("ProjectIndicator", key)
    assert set_["indicator"]["progress"] == 0.525  # (70.5 − 60) ÷ (80 − 60)
    assert set_["indicator"]["period"] == {"start": "2021-03-01", "end": "2021-11-30"}
    assert set_["project"] == {"id": to_base64("Project", "P-2"), "code": "P-2"}
    again = api.data(SET_INDICATOR, {"input": literacy}, token=token)["setProjectIndicator"]
    assert not again["created"]
    reach = REACH | {"project": "P-2", "periodStart": "2021-03-01", "periodEnd": "2021-11-30"}
    api.data(SET_INDICATOR, {"input": reach | {"actual": 150}}, token=token)

    query = """query($after: String) { project(code: "P-2") {
      indicators(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor }
        edges { node { code actual progress } } } } }"""
    first = api.data(query)["project"]["indicators"]
    assert first["totalCount"] == 2 and first["pageInfo"]["hasNextPage"]
    assert first["edges"][0]["node"] == {"code": "literacy", "actual": 70.5, "progress": 0.525}
    second = api.data(query, {"after": first["pageInfo"]["endCursor"]})["project"]["indicators"]
    assert second["edges"][0]["node"] == {"code": "reach", "actual": 150.0, "progress": 1.0}
    assert not second["pageInfo"]["hasNextPage"]

    remove = {k: literacy[k] for k in ("project", "code", "periodStart", "periodEnd")}
    removed = api.data(REMOVE_INDICATOR, {"input": remove}, token=token)
    assert removed["removeProjectIndicator"]["removedIndicatorId"] == set_["indicator"]["id"]
    again_removed = api.data(REMOVE_INDICATOR, {"input": remove}, token=token)
    assert again_removed["removeProjectIndicator"]["removedIndicatorId"] is None
    audit = """query($target: ID) { auditEntries(target: $target) { edges { node {
      action before after } } } }"""
    log = api.data(audit, {"target": key}, token=tokens["admin"])["auditEntries"]["edges"]
    assert [e["node"]["action"] for e in log] == ["remove_indicator", "set_indicator"]
    assert log[0]["node"]["before"]["actual"] == 70.5 and log[0]["node"]["after"] is None


def test_a_partly_disbursed_contract_is_shown_on_the_project(
    api: Api, sample: Database, tokens: dict[str, str]
) -> None:
    order = {
        "project": "P-2", "funder": "akimat-553610000", "mechanism": "STATE_SOCIAL_ORDER",
        "year": 2021, "amountKzt": 2_500_000, "disbursedKzt": 1_000_000,
        "committedOn": "2021-02-15", "disbursedOn": "2021-06-10",
    }  # fmt: skip
    api.data(FUNDING, {"input": order}, token=tokens["coordinator"])
    query = """{ project(code: "P-2") { fundings { edges { node {
      amountKzt committedKzt disbursedKzt disbursedShare committedOn disbursedOn } } } } }"""
    [edge] = api.data(query)["project"]["fundings"]["edges"]
    assert edge["node"] == {
        "amountKzt": 2_500_000, "committedKzt": 2_500_000, "disbursedKzt": 1_000_000,
        "disbursedShare": 0.4, "committedOn": "2021-02-15", "disbursedOn": "2021-06-10",
    }  # fmt: skip
    other = """{ project(code: "P-1") { fundings { edges { node {
      committedKzt disbursedKzt disbursedShare disbursedOn } } } } }"""
    for edge in api.data(other)["project"]["fundings"]["edges"]:
        assert edge["node"]["disbursedKzt"] is None and edge["node"]["disbursedShare"] is None


def test_wrong_values_are_refused_with_their_field(
    api: Api, sample: Database, tokens: dict[str, str]
) -> None:
    token = tokens["coordinator"]
    order = {
        "project": "P-2", "funder": "akimat-553610000", "mechanism": "STATE_SOCIAL_ORDER",
        "year": 2021, "amountKzt": 2_500_000,
    }  # fmt: skip
    too_much = api(FUNDING, {"input": order | {"disbursedKzt": 3_000_000}}, token=token)
    assert _error(too_much) == ("BAD_USER_INPUT", "input.disbursedKzt")
    early = order | {"disbursedKzt": 1, "committedOn": "2021-05-01", "disbursedOn": "2021-04-01"}
    assert _error(api(FUNDING, {"input": early}, token=token)) == (
        "BAD_USER_INPUT", "input.disbursedOn",
    )  # fmt: skip
    kazakh = api.client.post(
        "/graphql",
        json={"query": FUNDING, "variables": {"input": order | {"disbursedKzt": 3_000_000}}},
        headers={"Authorization": f"Bearer {token}", "Accept-Language": "kk"},
    ).json()
    assert "көзделген 2500000 теңгеден көп" in kazakh["errors"][0]["message"]

    indicator = REACH | {"project": "P-2", "periodStart": "2021-03-01", "periodEnd": "2021-11-30"}
    same = api(SET_INDICATOR, {"input": indicator | {"baseline": 5, "target": 5}}, token=token)
    assert _error(same) == ("BAD_USER_INPUT", "input.target")
    backwards = indicator | {"periodEnd": "2021-01-01"}
    assert _error(api(SET_INDICATOR, {"input": backwards}, token=token)) == (
        "BAD_USER_INPUT", "input.periodEnd",
    )  # fmt: skip
    negative = api(SET_INDICATOR, {"input": indicator | {"actual": -1}}, token=token)
    assert _error(negative) == ("BAD_USER_INPUT", "input.actual")
    unknown = api(SET_INDICATOR, {"input": indicator | {"project": "P-404"}}, token=token)
    assert _error(unknown)[0] == "NOT_FOUND"
    viewer = api(SET_INDICATOR, {"input": indicator}, token=tokens["viewer"])
    assert _error(viewer)[0] == "FORBIDDEN"
    assert _error(api(SET_INDICATOR, {"input": indicator}))[0] == "UNAUTHENTICATED"
    listed = api.data('{ project(code: "P-2") { indicators { totalCount } } }')
    assert listed["project"]["indicators"]["totalCount"] == 0
