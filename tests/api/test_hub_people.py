"""The hub's volunteers and services over GraphQL: who sees whom (steward/admin only), erasure,
typed validation errors, services received and provided with filters."""

from __future__ import annotations

from typing import Any

import pytest

from graph.db import Database
from tests.api.conftest import Api

CLUB = "940140000385"
YOUTH = "180240012342"
VETERANS = "990140004654"
REGISTER = """mutation($input: RegisterVolunteerInput!) {
  registerVolunteer(input: $input) {
    volunteer { id key displayName skills hoursPerMonth erased territory { kato }
                organizations { bin } }
    organizations { bin volunteers { count } }
  }
}"""
UPDATE = """mutation($input: UpdateVolunteerInput!) {
  updateVolunteer(input: $input) {
    volunteer { key displayName skills organizations { bin } }
    organizations { bin }
  }
}"""
ERASE = """mutation($input: EraseVolunteerInput!) {
  eraseVolunteer(input: $input) { volunteer { id key displayName erased skills hoursPerMonth } }
}"""
VOLUNTEERS = """query($bin: String!) {
  organization(bin: $bin) {
    volunteers { count people { totalCount edges { node { key displayName skills } } } }
  }
}"""
COUNT = "query($bin: String!) { organization(bin: $bin) { volunteers { count } } }"
MEMBERS = """query($bin: String!) {
  organization(bin: $bin) { members { edges { node { displayName } } } }
}"""
RECORD = """mutation($input: RecordServiceInput!) {
  recordService(input: $input) {
    service { id code kind topic date hours participants provider { bin } recipient { bin } }
    provider { bin }
    recipient { bin }
  }
}"""
SERVICES = """query($bin: String!, $where: ServiceWhere) {
  organization(bin: $bin) {
    servicesReceived(where: $where) { totalCount edges { node { code kind date } } }
    servicesProvided { totalCount edges { node { code recipient { bin } } } }
  }
}"""
VOLUNTEER = {
    "id": "v-001",
    "displayName": "Дана К.",
    "territory": "551010000",
    "skills": ["LEGAL", "TEACHING"],
    "hoursPerMonth": 10,
    "consent": True,
    "organizations": [CLUB, YOUTH],
}
SERVICE = {
    "code": "SV-2021-001",
    "provider": CLUB,
    "recipient": YOUTH,
    "kind": "TRAINING",
    "topic": "Как подать заявку на грант",
    "date": "2021-03-01",
    "hours": 4,
    "participants": 6,
}


def _code(body: dict[str, Any]) -> str:
    [error] = body["errors"]
    return str(error["extensions"]["code"])


def test_a_steward_registers_and_everyone_counts_but_only_stewards_see_who(
    api: Api, sample: Database, tokens: dict[str, str]
) -> None:
    made = api.data(REGISTER, {"input": VOLUNTEER}, token=tokens["steward"])["registerVolunteer"]
    volunteer = made["volunteer"]
    assert volunteer["key"] == "v-001" and volunteer["displayName"] == "Дана К."
    assert volunteer["skills"] == ["LEGAL", "TEACHING"] and volunteer["hoursPerMonth"] == 10
    assert volunteer["territory"] == {"kato": "551010000"} and volunteer["erased"] is False
    assert volunteer["organizations"] == [{"bin": YOUTH}, {"bin": CLUB}]
    # p-1 of the people table volunteers for the club too
    assert {o["bin"]: o["volunteers"]["count"] for o in made["organizations"]} == {
        YOUTH: 1,
        CLUB: 2,
    }

    refusals = ((None, "UNAUTHENTICATED"), ("viewer", "FORBIDDEN"), ("coordinator", "FORBIDDEN"))
    for who, code in refusals:
        body = api(VOLUNTEERS, {"bin": YOUTH}, token=tokens[who] if who else None)
        assert body["data"]["organization"]["volunteers"] == {"count": 1, "people": None}
        assert _code(body) == code
        assert body["errors"][0]["path"] == ["organization", "volunteers", "people"]
        node = api("query($id: ID!) { node(id: $id) { id } }", {"id": volunteer["id"]},
                   token=tokens[who] if who else None)  # fmt: skip
        assert node["data"]["node"] is None and _code(node) == code
        refused = api(REGISTER, {"input": VOLUNTEER | {"id": "v-002"}},
                      token=tokens[who] if who else None)  # fmt: skip
        assert refused["data"]["registerVolunteer"] is None and _code(refused) == code
    for who in ("steward", "admin"):
        seen = api.data(VOLUNTEERS, {"bin": YOUTH}, token=tokens[who])["organization"]
        assert seen["volunteers"]["people"] == {
            "totalCount": 1,
            "edges": [{"node": {"key": "v-001", "displayName": "Дана К.",
                                "skills": ["LEGAL", "TEACHING"]}}],
        }  # fmt: skip


def test_update_and_erase(api: Api, sample: Database, tokens: dict[str, str]) -> None:
    steward = tokens["steward"]
    made = api.data(REGISTER, {"input": VOLUNTEER}, token=steward)["registerVolunteer"]
    changed = api.data(
        UPDATE,
        {"input": {"id": made["volunteer"]["id"], "skills": ["IT"], "organizations": [VETERANS]}},
        token=steward,
    )["updateVolunteer"]
    assert changed["volunteer"] == {
        "key": "v-001", "displayName": "Дана К.", "skills": ["IT"],
        "organizations": [{"bin": VETERANS}],
    }  # fmt: skip
    assert changed["organizations"] == [{"bin": YOUTH}, {"bin": CLUB}, {"bin": VETERANS}]

    erased = api.data(ERASE, {"input": {"id": "v-001"}}, token=steward)["eraseVolunteer"]
    assert erased["volunteer"]["displayName"] is None and erased["volunteer"]["erased"] is True
    assert erased["volunteer"]["skills"] == ["IT"] and erased["volunteer"]["hoursPerMonth"] == 10
    seen = api.data(VOLUNTEERS, {"bin": VETERANS}, token=tokens["admin"])["organization"]
    assert seen["volunteers"]["count"] == 1
    assert seen["volunteers"]["people"]["edges"] == [
        {"node": {"key": "v-001", "displayName": None, "skills": ["IT"]}}
    ]
    members = api.data(MEMBERS, {"bin": VETERANS}, token=tokens["admin"])["organization"][
        "members"
    ]["edges"]
    assert members == [{"node": {"displayName": "v-001"}}]  # the id, never the erased name
    again = api(UPDATE, {"input": {"id": "v-001", "displayName": "Дана"}}, token=steward)
    assert _code(again) == "CONFLICT"
    log = api.data(
        'query { auditEntries(target: "v-001") { edges { node { action before after } } } }',
        token=tokens["admin"],
    )["auditEntries"]["edges"]
    assert [e["node"]["action"] for e in log] == [
        "erase_volunteer", "update_volunteer", "register_volunteer",
    ]  # fmt: skip
    assert "Дана" not in str(log)


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"consent": False}, "BAD_USER_INPUT", "input.consent"),
        ({"territory": "5510"}, "BAD_USER_INPUT", "input.territory"),
        ({"territory": "551099999"}, "BAD_USER_INPUT", "input.territory"),
        ({"organizations": ["200140000004"]}, "NOT_FOUND", None),
        ({"organizations": ["123"]}, "BAD_USER_INPUT", "input.organizations"),
        ({"displayName": " "}, "BAD_USER_INPUT", "input.displayName"),
        ({"hoursPerMonth": -1}, "BAD_USER_INPUT", "input.hoursPerMonth"),
    ],
)
def test_register_refuses_bad_input(
    api: Api,
    sample: Database,
    tokens: dict[str, str],
    change: dict[str, Any],
    code: str,
    field: str | None,
) -> None:
    body = api(REGISTER, {"input": VOLUNTEER | change}, token=tokens["steward"])
    [error] = body["errors"]
    assert error["extensions"]["code"] == code
    assert error["extensions"].get("field") == field
    assert body["data"]["registerVolunteer"] is None
    assert api.data(COUNT, {"bin": YOUTH})["organization"]["volunteers"]["count"] == 0


def test_a_bad_skill_is_refused_by_the_schema(
    api: Api, sample: Database, tokens: dict[str, str]
) -> None:
    body = api(REGISTER, {"input": VOLUNTEER | {"skills": ["JUGGLING"]}}, token=tokens["steward"])
    assert _code(body) == "BAD_USER_INPUT" and "JUGGLING" in body["errors"][0]["message"]


def test_services_recorded_and_filtered(api: Api, sample: Database, tokens: dict[str, str]) -> None:
    steward = tokens["steward"]
    made = api.data(RECORD, {"input": SERVICE}, token=steward)["recordService"]
    assert made["service"]["code"] == "SV-2021-001" and made["service"]["kind"] == "TRAINING"
    assert (made["service"]["hours"], made["service"]["participants"]) == (4.0, 6)
    assert (made["provider"], made["recipient"]) == ({"bin": CLUB}, {"bin": YOUTH})
    later = SERVICE | {"code": "SV-2022-001", "kind": "LEGAL", "date": "2022-02-01"}
    api.data(RECORD, {"input": later}, token=steward)

    everything = api.data(SERVICES, {"bin": YOUTH})["organization"]
    assert everything["servicesReceived"]["totalCount"] == 2
    assert [e["node"]["code"] for e in everything["servicesReceived"]["edges"]] == [
        "SV-2022-001", "SV-2021-001",
    ]  # fmt: skip
    trainings = api.data(SERVICES, {"bin": YOUTH, "where": {"kind": ["TRAINING"]}})
    assert trainings["organization"]["servicesReceived"]["totalCount"] == 1
    in_2022 = api.data(SERVICES, {"bin": YOUTH, "where": {"date": {"gte": "2022-01-01"}}})
    assert [e["node"]["code"] for e in in_2022["organization"]["servicesReceived"]["edges"]] == [
        "SV-2022-001"
    ]
    before_2022 = api.data(SERVICES, {"bin": YOUTH, "where": {"date": {"lt": "2022-02-01"}}})
    assert before_2022["organization"]["servicesReceived"]["totalCount"] == 1
    provided = api.data(SERVICES, {"bin": CLUB})["organization"]["servicesProvided"]
    assert provided["totalCount"] == 2
    node = api.data("query($id: ID!) { node(id: $id) { ... on Service { code } } }",
                    {"id": made["service"]["id"]})  # fmt: skip
    assert node["node"] == {"code": "SV-2021-001"}


@pytest.mark.parametrize(
    ("who", "change", "code"),
    [
        (None, {}, "UNAUTHENTICATED"),
        ("viewer", {}, "FORBIDDEN"),
        ("coordinator", {}, "FORBIDDEN"),
        ("steward", {"recipient": "200140000004"}, "NOT_FOUND"),
        ("steward", {"provider": "12"}, "BAD_USER_INPUT"),
        ("steward", {"topic": ""}, "BAD_USER_INPUT"),
        ("steward", {"kind": "WRESTLING"}, "BAD_USER_INPUT"),
    ],
)
def test_record_service_refusals(
    api: Api,
    sample: Database,
    tokens: dict[str, str],
    who: str | None,
    change: dict[str, Any],
    code: str,
) -> None:
    body = api(RECORD, {"input": SERVICE | change}, token=tokens[who] if who else None)
    assert _code(body) == code
    assert api.data(SERVICES, {"bin": YOUTH})["organization"]["servicesReceived"]["totalCount"] == 0
