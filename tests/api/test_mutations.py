"""Coordinators' edits: validated, one transaction each, error codes with the field path."""

from __future__ import annotations

import pytest

from graph.db import Database
from tests.api.conftest import Api

CREATE = """mutation($bin: String!, $input: OrganizationInput!) {
  createOrganization(bin: $bin, input: $input) {
    bin name kind territory { kato } focusAreas { code }
  }
}"""
VALID = {
    "name": "Жастар Ертіс",
    "kind": "YOUTH_GROUP",
    "legalForm": "PUBLIC_ASSOCIATION",
    "kato": "553610000",
    "focusAreas": ["youth"],
}


def _code(body: dict) -> tuple[str, str | None]:
    error = body["errors"][0]
    return error["extensions"]["code"], error["extensions"].get("field")


def test_create_then_read_back(api: Api, sample: Database, tokens: dict[str, str]) -> None:
    created = api.data(CREATE, {"bin": "200140000004", "input": VALID}, token=tokens["coordinator"])
    assert created["createOrganization"]["territory"] == {"kato": "553610000"}
    found = api.data('{ search(query: "zhastar ertis") { organization { bin } } }')
    assert found["search"][0]["organization"]["bin"] == "200140000004"


@pytest.mark.parametrize(
    ("bin", "change", "code", "field"),
    [
        ("200140000005", {}, "BAD_USER_INPUT", "input.bin"),  # check digit
        ("200140000004", {"kato": "559999999"}, "BAD_USER_INPUT", "input.kato"),
        ("200140000004", {"staff": -1}, "BAD_USER_INPUT", "input.staff"),
        ("200140000004", {"focusAreas": ["knitting"]}, "BAD_USER_INPUT", "input.focusAreas"),
        ("200140000004", {"name": "  "}, "BAD_USER_INPUT", "input.name"),
        ("200140000004", {"foundedYear": 1700}, "BAD_USER_INPUT", "input.foundedYear"),
        ("940140000385", {}, "CONFLICT", None),  # the BIN exists
    ],
)
def test_create_errors(
    api: Api, sample: Database, tokens: dict[str, str], bin: str, change: dict, code: str,
    field: str | None,
) -> None:  # fmt: skip
    before = sample.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    body = api(CREATE, {"bin": bin, "input": VALID | change}, token=tokens["coordinator"])
    assert _code(body) == (code, field)
    assert sample.read("MATCH (n) RETURN count(n) AS n")[0]["n"] == before


def test_not_found(api: Api, sample: Database, tokens: dict[str, str]) -> None:
    body = api('mutation { archiveOrganization(bin: "200140000004") { bin } }',
               token=tokens["coordinator"])  # fmt: skip
    assert _code(body) == ("NOT_FOUND", None)
    body = api('mutation { updateProject(code: "P-404", input: {title: "x"}) { code } }',
               token=tokens["coordinator"])  # fmt: skip
    assert _code(body) == ("NOT_FOUND", None)


def test_funding_rules(api: Api, sample: Database, tokens: dict[str, str]) -> None:
    query = """mutation($input: FundingInput!) { recordFunding(input: $input) { amountKzt } }"""
    state_from_org = {"funder": "940140000385", "projectCode": "P-2", "amountKzt": 5,
                      "mechanism": "STATE_GRANT", "year": 2021}  # fmt: skip
    assert _code(api(query, {"input": state_from_org}, token=tokens["coordinator"])) == (
        "BAD_USER_INPUT", "input.funder")  # fmt: skip
    outside = state_from_org | {"funder": "akimat-550000000", "year": 2030}
    assert _code(api(query, {"input": outside}, token=tokens["coordinator"])) == (
        "BAD_USER_INPUT", "input.year")  # fmt: skip
    negative = state_from_org | {"funder": "akimat-550000000", "amountKzt": -5}
    assert _code(api(query, {"input": negative}, token=tokens["coordinator"]))[0] in {
        "BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED"}  # fmt: skip
    big = state_from_org | {"funder": "akimat-550000000", "amountKzt": 5_000_000_000}
    done = api.data(query, {"input": big}, token=tokens["coordinator"])
    assert done["recordFunding"]["amountKzt"] == 5_000_000_000  # Tenge is not 32-bit


def test_partnership_once_per_pair_and_ending(
    api: Api, sample: Database, tokens: dict[str, str]
) -> None:
    save = """mutation($a: String!, $b: String!) {
      savePartnership(input: {binA: $a, binB: $b}) { binA binB }
    }"""
    for a, b in (("940140000385", "990140004654"), ("990140004654", "940140000385")):
        api.data(save, {"a": a, "b": b}, token=tokens["coordinator"])
    count = sample.read(
        "MATCH (:Organization {bin: '940140000385'})-[r:PARTNERS_WITH]-"
        "(:Organization {bin: '990140004654'}) RETURN count(r) AS n"
    )[0]["n"]
    assert count == 1
    self_pair = api(save, {"a": "940140000385", "b": "940140000385"}, token=tokens["coordinator"])
    assert _code(self_pair) == ("BAD_USER_INPUT", "input.binB")
    end = """mutation {
      endPartnership(binA: "180240012342", binB: "990140004654", until: "2018-01-01") { until }
    }"""
    assert _code(api(end, token=tokens["coordinator"])) == ("BAD_USER_INPUT", "input.until")


def test_archived_organisations_leave_lists_but_keep_history(
    api: Api, sample: Database, tokens: dict[str, str]
) -> None:
    api.data('mutation { archiveOrganization(bin: "180240012342") { archived } }',
             token=tokens["coordinator"])  # fmt: skip
    listed = api.data("{ organizations { edges { node { bin } } } }")["organizations"]["edges"]
    assert "180240012342" not in [e["node"]["bin"] for e in listed]
    everyone = api.data("{ organizations(includeArchived: true) { totalCount } }")
    assert everyone["organizations"]["totalCount"] == 3
    project = api.data('{ project(code: "P-2") { participants { totalCount } } }')
    assert project["project"]["participants"]["totalCount"] == 2


def test_a_mutation_reports_its_round_trips(
    api: Api, sample: Database, tokens: dict[str, str]
) -> None:
    archive = 'mutation { archiveOrganization(bin: "940140000385") { bin } }'
    body = api(archive, token=tokens["admin"])  # admins see the Cypher too
    assert "errors" not in body, body["errors"]
    db = body["extensions"]["db"]
    # the state before, the change, the state after, the audit record, the version bump
    verbs = [text.split()[0] for text in db["cypher"]]
    assert verbs == ["MATCH", "MATCH", "MATCH", "CREATE", "MERGE"]
    assert db["queries"] == 5
    assert db["cypher"][3].startswith("CREATE (:AuditRecord")
    assert db["ms"] > 0
