"""The Relay-style mutations: one ``input``, objects named by global ID or natural key, payloads
with the changed objects' ``id``s, error ``field``s as paths in the new inputs."""

from __future__ import annotations

import re
from typing import Any

import pytest
from strawberry.relay import to_base64

from api.mutations.common import FocusAreaCode
from api.references import natural_key
from graph.db import Database
from graph.errors import InvalidInput
from graph.focus_areas import FOCUS_AREA_CODES
from tests.api.conftest import Api

ADD = """mutation($input: AddOrganizationInput!) {
  addOrganization(input: $input) {
    organization { id bin volunteersCount territory { kato } focusAreas { code } }
  }
}"""
NEW = {
    "bin": "200140000004",
    "name": "Жастар Ертіс",
    "kind": "YOUTH_GROUP",
    "legalForm": "PUBLIC_ASSOCIATION",
    "territory": "553610000",
    "volunteersCount": 7,
    "focusAreas": ["YOUTH"],
}
EDIT = """mutation($input: EditOrganizationInput!) {
  editOrganization(input: $input) { organization { id staff territory { kato } } }
}"""
ADD_PROJECT = """mutation($input: AddProjectInput!) {
  addProject(input: $input) { project { id code beneficiaryTerritory { kato } } }
}"""
PROJECT = {
    "code": "P-3",
    "title": "Тимуровцы",
    "focusAreas": ["YOUTH", "VETERANS"],
    "startDate": "2022-01-01",
    "beneficiaryTerritory": "553610000",
}
FUNDING = """mutation($input: SetFundingInput!) {
  setFunding(input: $input) {
    funding { id amountKzt funder { __typename } } previousAmountKzt project { id }
  }
}"""
PARTNERS = """mutation($input: RecordPartnershipInput!) {
  recordPartnership(input: $input) {
    partnership { id since basis organization { bin } partner { bin } }
    organization { id } partner { id }
  }
}"""
CLOSE = """mutation($input: ClosePartnershipInput!) {
  closePartnership(input: $input) { partnership { id until } organization { id } partner { id } }
}"""


def gid(type_name: str, key: str) -> str:
    return to_base64(type_name, key)


def _error(body: dict[str, Any]) -> tuple[str, str | None]:
    error = body["errors"][0]
    return error["extensions"]["code"], error["extensions"].get("field")


def test_an_organisation_added_by_kato_and_edited_by_id(
    api: Api, sample: Database, tokens: dict[str, str]
) -> None:
    token = tokens["coordinator"]
    added = api.data(ADD, {"input": NEW}, token=token)["addOrganization"]["organization"]
    assert added["id"] == gid("Organization", "200140000004")
    assert added["volunteersCount"] == 7
    assert added["territory"] == {"kato": "553610000"}
    assert added["focusAreas"] == [{"code": "youth"}]
    change = {"organization": added["id"], "staff": 3, "territory": gid("Territory", "551010000")}
    edited = api.data(EDIT, {"input": change}, token=token)["editOrganization"]["organization"]
    assert edited == {"id": added["id"], "staff": 3, "territory": {"kato": "551010000"}}
    by_bin = {"organization": "200140000004", "staff": 4}
    assert (
        api.data(EDIT, {"input": by_bin}, token=token)["editOrganization"]["organization"]["staff"]
        == 4
    )


def test_archiving_and_restoring(api: Api, sample: Database, tokens: dict[str, str]) -> None:
    query = """mutation($input: SetOrganizationArchivedInput!) {
      setOrganizationArchived(input: $input) { organization { id archived } }
    }"""
    org = gid("Organization", "180240012342")
    for archived in (True, False):
        done = api.data(query, {"input": {"organization": org, "archived": archived}},
                        token=tokens["coordinator"])  # fmt: skip
        assert done["setOrganizationArchived"]["organization"] == {"id": org, "archived": archived}
    listed = api.data("{ organizations { totalCount } }")["organizations"]["totalCount"]
    assert listed == 3  # restored: listed again
    actions = sample.read(
        "MATCH (r:AuditRecord) WHERE r.target = '180240012342' RETURN r.action AS a ORDER BY r.at"
    )
    assert [r["a"] for r in actions] == ["archive_organization", "unarchive_organization"]


def test_every_mutation_returns_the_ids_of_what_it_changed(
    api: Api, sample: Database, tokens: dict[str, str]
) -> None:
    token = tokens["coordinator"]
    project = api.data(ADD_PROJECT, {"input": PROJECT}, token=token)["addProject"]["project"]
    assert project == {"id": gid("Project", "P-3"), "code": "P-3",
                       "beneficiaryTerritory": {"kato": "553610000"}}  # fmt: skip
    edit = """mutation($input: EditProjectInput!) {
      editProject(input: $input) { project { id title } }
    }"""
    edited = api.data(edit, {"input": {"project": "P-3", "title": "Тимуровцы 2"}}, token=token)
    assert edited["editProject"]["project"] == {"id": project["id"], "title": "Тимуровцы 2"}

    link = {"project": project["id"], "organization": "990140004654", "role": "IMPLEMENTING"}
    add = """mutation($input: AddProjectParticipantInput!) {
      addProjectParticipant(input: $input) {
        project { id participants { totalCount } } organization { id } role
      }
    }"""
    added = api.data(add, {"input": link}, token=token)["addProjectParticipant"]
    assert added == {
        "project": {"id": project["id"], "participants": {"totalCount": 1}},
        "organization": {"id": gid("Organization", "990140004654")},
        "role": "IMPLEMENTING",
    }
    remove = """mutation($input: RemoveProjectParticipantInput!) {
      removeProjectParticipant(input: $input) {
        project { id participants { totalCount } } organization { id }
      }
    }"""
    removed = api.data(remove, {"input": link}, token=token)["removeProjectParticipant"]
    assert removed["project"] == {"id": project["id"], "participants": {"totalCount": 0}}

    funding = {"project": "P-2", "funder": gid("Akimat", "akimat-553610000"),
               "mechanism": "STATE_SOCIAL_ORDER", "year": 2021, "amountKzt": 3_000_000}  # fmt: skip
    funded = api.data(FUNDING, {"input": funding}, token=token)["setFunding"]
    assert funded == {
        "funding": {
            "id": gid("Funding", "akimat-553610000/P-2/state_social_order/2021"),
            "amountKzt": 3_000_000,
            "funder": {"__typename": "Akimat"},
        },
        "previousAmountKzt": 2_500_000,
        "project": {"id": gid("Project", "P-2")},
    }
    donor = {"project": "P-1", "funder": "citizens", "mechanism": "IN_KIND", "year": 2018,
             "amountKzt": 1}  # fmt: skip
    given = api.data(FUNDING, {"input": donor}, token=token)["setFunding"]["funding"]
    assert given["funder"] == {"__typename": "Donor"}

    pair = {"organization": gid("Organization", "990140004654"), "partner": "940140000385",
            "since": "2024-02-01", "basis": "MEMORANDUM"}  # fmt: skip
    recorded = api.data(PARTNERS, {"input": pair}, token=token)["recordPartnership"]
    same_pair = gid("Partnership", "940140000385-990140004654")
    assert recorded == {
        "partnership": {"id": same_pair, "since": "2024-02-01", "basis": "MEMORANDUM",
                        "organization": {"bin": "990140004654"},
                        "partner": {"bin": "940140000385"}},
        "organization": {"id": gid("Organization", "990140004654")},
        "partner": {"id": gid("Organization", "940140000385")},
    }  # fmt: skip
    closing = {"organization": "940140000385", "partner": "990140004654", "until": "2025-01-01"}
    closed = api.data(CLOSE, {"input": closing}, token=token)["closePartnership"]
    assert closed["partnership"] == {"id": same_pair, "until": "2025-01-01"}

    report = """mutation($input: ReportSuggestionOutcomeInput!) {
      reportSuggestionOutcome(input: $input) {
        suggestionOutcome { id outcome } partnership { id basis until }
        organization { id } partner { id }
      }
    }"""
    outcome = {"organization": "180240012342", "partner": gid("Organization", "940140000385"),
               "outcome": "PARTNERED", "note": "met at the forum"}  # fmt: skip
    reported = api.data(report, {"input": outcome}, token=token)["reportSuggestionOutcome"]
    assert reported["suggestionOutcome"]["outcome"] == "PARTNERED"
    assert reported["suggestionOutcome"]["id"]
    assert reported["partnership"] == {
        "id": gid("Partnership", "180240012342-940140000385"),
        "basis": "SUGGESTION",
        "until": None,
    }
    assert reported["organization"] == {"id": gid("Organization", "180240012342")}
    again = api.data(report, {"input": outcome | {"outcome": "CONTACTED"}}, token=token)
    assert again["reportSuggestionOutcome"]["partnership"] is None


ORG = gid("Organization", "940140000385")


@pytest.mark.parametrize(
    ("query", "variables", "expected"),
    [
        (ADD, NEW | {"bin": "200140000005"}, ("BAD_USER_INPUT", "input.bin")),
        (ADD, NEW | {"territory": "559999999"}, ("BAD_USER_INPUT", "input.territory")),
        (ADD, NEW | {"territory": ORG}, ("BAD_USER_INPUT", "input.territory")),
        (ADD, NEW | {"volunteersCount": -1}, ("BAD_USER_INPUT", "input.volunteersCount")),
        (ADD, NEW | {"foundedYear": 1700}, ("BAD_USER_INPUT", "input.foundedYear")),
        (ADD, NEW | {"name": "  "}, ("BAD_USER_INPUT", "input.name")),
        (ADD, NEW | {"bin": "940140000385"}, ("CONFLICT", None)),
        (EDIT, {"organization": "200140000004"}, ("NOT_FOUND", None)),
        (EDIT, {"organization": gid("Project", "P-1")}, ("BAD_USER_INPUT", "input.organization")),
        (EDIT, {"organization": ORG, "territory": "1"}, ("BAD_USER_INPUT", "input.territory")),
        (ADD_PROJECT, PROJECT | {"beneficiaryTerritory": "559999999"},
         ("BAD_USER_INPUT", "input.beneficiaryTerritory")),
        (ADD_PROJECT, PROJECT | {"focusAreas": []}, ("BAD_USER_INPUT", "input.focusAreas")),
        (ADD_PROJECT, PROJECT | {"endDate": "2021-01-01"}, ("BAD_USER_INPUT", "input.endDate")),
        (ADD_PROJECT, PROJECT | {"code": "P-1"}, ("CONFLICT", None)),
        (FUNDING, {"project": "P-2", "funder": ORG, "mechanism": "STATE_GRANT", "year": 2021,
                   "amountKzt": 5}, ("BAD_USER_INPUT", "input.funder")),
        (FUNDING, {"project": "P-2", "funder": "akimat-550000000", "mechanism": "STATE_GRANT",
                   "year": 2030, "amountKzt": 5}, ("BAD_USER_INPUT", "input.year")),
        (FUNDING, {"project": ORG, "funder": "akimat-550000000", "mechanism": "STATE_GRANT",
                   "year": 2021, "amountKzt": 5}, ("BAD_USER_INPUT", "input.project")),
        (PARTNERS, {"organization": ORG, "partner": "940140000385"},
         ("BAD_USER_INPUT", "input.partner")),
        (PARTNERS, {"organization": ORG, "partner": "200140000004"}, ("NOT_FOUND", None)),
        (CLOSE, {"organization": "180240012342", "partner": "990140004654",
                 "until": "2018-01-01"}, ("BAD_USER_INPUT", "input.until")),
    ],
)  # fmt: skip
def test_errors_name_the_field_of_the_new_input(
    api: Api, sample: Database, tokens: dict[str, str], query: str,
    variables: dict[str, Any], expected: tuple[str, str | None],
) -> None:  # fmt: skip
    before = sample.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    body = api(query, {"input": variables}, token=tokens["coordinator"])
    assert _error(body) == expected
    name = re.search(r"\{\s*(\w+)\(", query)
    assert name is not None
    assert body["data"] == {name.group(1): None}  # the payload is null, the field alone
    assert sample.read("MATCH (n) RETURN count(n) AS n")[0]["n"] == before


def test_mutations_need_a_coordinator(api: Api, sample: Database) -> None:
    assert _error(api(ADD, {"input": NEW}))[0] == "UNAUTHENTICATED"


def test_create_inputs_declare_what_is_required(api: Api) -> None:
    query = """query($name: String!) {
      __type(name: $name) { inputFields { name type { kind } } }
    }"""

    def required(name: str) -> set[str]:
        fields = api.data(query, {"name": name})["__type"]["inputFields"]
        return {f["name"] for f in fields if f["type"]["kind"] == "NON_NULL"}

    assert required("AddOrganizationInput") == {"bin", "name", "kind", "legalForm", "territory"}
    assert required("AddProjectInput") == {
        "code", "title", "focusAreas", "startDate", "beneficiaryTerritory"
    }  # fmt: skip
    assert required("EditOrganizationInput") == {"organization"}
    assert required("EditProjectInput") == {"project"}


def test_the_old_mutations_are_deprecated_for_the_new(api: Api) -> None:
    query = "{ __schema { mutationType { fields(includeDeprecated: true) { name deprecationReason } } } }"  # noqa: E501
    fields = api.data(query)["__schema"]["mutationType"]["fields"]
    reasons = {f["name"]: f["deprecationReason"] for f in fields}
    replaced = {
        "createOrganization": "addOrganization", "updateOrganization": "editOrganization",
        "archiveOrganization": "setOrganizationArchived", "createProject": "addProject",
        "updateProject": "editProject", "addParticipation": "addProjectParticipant",
        "removeParticipation": "removeProjectParticipant", "recordFunding": "setFunding",
        "savePartnership": "recordPartnership", "endPartnership": "closePartnership",
        "recordSuggestionOutcome": "reportSuggestionOutcome",
    }  # fmt: skip
    for old, new in replaced.items():
        assert reasons[old] is not None and f"`{new}`" in reasons[old], old
        assert reasons[new] is None


def test_a_natural_key_or_a_global_id() -> None:
    assert natural_key(" 940140000385 ", "Organization", field="organization") == "940140000385"
    assert natural_key(ORG, "Organization", field="organization") == "940140000385"
    assert natural_key(gid("Akimat", "akimat-1"), "Akimat", "Organization", field="f") == "akimat-1"
    assert natural_key("citizens", "Akimat", "Organization", field="funder") == "citizens"
    with pytest.raises(InvalidInput) as refused:
        natural_key(ORG, "Project", field="project")
    assert refused.value.field == "project"


def test_the_focus_area_enum_is_the_taxonomy() -> None:
    assert {c.value for c in FocusAreaCode} == FOCUS_AREA_CODES
