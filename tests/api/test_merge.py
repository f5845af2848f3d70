"""``mergeOrganizations``: stewards and admins only, a typed dry run that writes nothing, then one
organisation found by either BIN, with the history of both."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from strawberry.relay import to_base64

from graph.db import Database
from graph.edits import OrganizationFields, create_organization, save_partnership, set_participation
from graph.schema import versions
from tests.api.conftest import Api
from tests.graph.sample import snapshot

KEEP = "990140004654"
PARTNER = "180240012342"
MERGE = "200140000004"
MERGE_ORGANIZATIONS = """mutation($input: MergeOrganizationsInput!) {
  mergeOrganizations(input: $input) {
    organization { id bin nameKk aliases projects { totalCount } }
    mergedOrganizationId
    dryRun
    plan {
      keep { bin } merge { bin organization { bin } }
      moved combined dropped aliasesAdded propertiesFilled
      relationships {
        type moved combined dropped
        steps { type action other { kind key name id } properties conflicts }
      }
    }
  }
}"""
FIND = """query($bin: String!, $query: String!) {
  organization(bin: $bin) { id bin }
  search(query: $query) { organization { bin } matchedName }
}"""
HISTORY = """query($target: ID!) {
  auditEntries(target: $target, first: 50) { edges { node { action target } } }
}"""


@pytest.fixture
def pair(sample: Database) -> Database:
    """The sample's veterans' union registered again, in the same project and with the same
    partner."""
    fields = OrganizationFields(
        name="ОО «Союз ветеранов Афганистана»",
        kind="veterans_union",
        legal_form="public_association",
        kato="551010000",
        focus_areas=["veterans"],
    )
    create_organization(sample, MERGE, fields, actor="coordinator")
    set_participation(sample, "P-2", MERGE, "accountable", present=True, actor="coordinator")
    save_partnership(sample, MERGE, PARTNER, since=dt.date(2018, 1, 1), actor="coordinator")
    return sample


def _merge(api: Api, token: str, **input: Any) -> dict[str, Any]:
    return api(MERGE_ORGANIZATIONS, {"input": {"keep": KEEP, "merge": MERGE} | input}, token=token)


def test_a_dry_run_lists_what_the_merge_then_does(
    api: Api, pair: Database, tokens: dict[str, str]
) -> None:
    admin = tokens["admin"]
    before, version = snapshot(pair), versions(pair)[1]
    dry = _merge(api, admin, dryRun=True)["data"]["mergeOrganizations"]
    assert snapshot(pair) == before and versions(pair)[1] == version
    assert dry["dryRun"] is True
    plan = dry["plan"]
    assert (plan["moved"], plan["combined"], plan["dropped"]) == (0, 4, 0)
    groups = {g["type"]: g for g in plan["relationships"]}
    assert sorted(groups) == ["LOCATED_IN", "PARTICIPATES_IN", "PARTNERS_WITH", "WORKS_ON"]
    [participation] = groups["PARTICIPATES_IN"]["steps"]
    assert participation["action"] == "COMBINE"
    assert participation["other"] == {
        "kind": "Project",
        "key": "P-2",
        "name": "Наследники победы",
        "id": to_base64("Project", "P-2"),
    }
    assert participation["properties"] == {"role": "accountable"}
    [partnership] = groups["PARTNERS_WITH"]["steps"]
    assert partnership["other"]["id"] == to_base64("Organization", PARTNER)
    assert partnership["properties"] == {"since": "2018-01-01"}
    assert plan["aliasesAdded"] == ["ОО «Союз ветеранов Афганистана»", MERGE]
    assert plan["merge"] == {"bin": MERGE, "organization": {"bin": MERGE}}

    done = _merge(api, admin)["data"]["mergeOrganizations"]
    assert done["dryRun"] is False
    assert done["plan"] == plan | {"merge": {"bin": MERGE, "organization": None}}
    assert done["organization"]["id"] == to_base64("Organization", KEEP)
    assert done["organization"]["projects"]["totalCount"] == 1
    assert done["organization"]["aliases"] == plan["aliasesAdded"]
    assert done["mergedOrganizationId"] == to_base64("Organization", MERGE)

    found = api.data(FIND, {"bin": MERGE, "query": MERGE})
    assert found["organization"]["bin"] == KEEP  # the old BIN leads to the one kept
    assert found["search"][0] == {"organization": {"bin": KEEP}, "matchedName": MERGE}
    history = api.data(HISTORY, {"target": KEEP}, token=admin)["auditEntries"]["edges"]
    seen = [(e["node"]["action"], e["node"]["target"]) for e in history]
    assert seen[0] == ("merge_organizations", KEEP)
    assert ("create_organization", MERGE) in seen  # the duplicate's history, read from keep
    node = api.data(
        "query($id: ID!) { node(id: $id) { id } }", {"id": done["mergedOrganizationId"]}
    )
    assert node["node"] is None


def test_only_a_steward_or_an_admin_may_merge(
    api: Api, pair: Database, tokens: dict[str, str]
) -> None:
    before = snapshot(pair)
    for role, code in (("coordinator", "FORBIDDEN"), ("viewer", "FORBIDDEN")):
        body = _merge(api, tokens[role])
        assert body["errors"][0]["extensions"]["code"] == code, role
        assert body["data"] is None or body["data"]["mergeOrganizations"] is None
    body = api(MERGE_ORGANIZATIONS, {"input": {"keep": KEEP, "merge": MERGE, "dryRun": True}})
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert snapshot(pair) == before
    dry = _merge(api, tokens["steward"], dryRun=True)
    assert "errors" not in dry and dry["data"]["mergeOrganizations"]["dryRun"] is True, dry


def test_bad_pairs_get_clear_errors_in_the_callers_language(
    api: Api, pair: Database, tokens: dict[str, str]
) -> None:
    admin = tokens["admin"]
    body = _merge(api, admin, merge=to_base64("Organization", KEEP))
    error = body["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "input.merge"}
    assert error["message"] == "an organisation cannot be merged into itself"

    body = _merge(api, admin, keep="200140000014", dryRun=True)
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert "200140000014" in body["errors"][0]["message"]

    body = _merge(api, admin, merge=to_base64("Project", "P-2"))
    assert body["errors"][0]["extensions"]["field"] == "input.merge"

    response = api.client.post(
        "/graphql",
        json={"query": MERGE_ORGANIZATIONS, "variables": {"input": {"keep": KEEP, "merge": KEEP}}},
        headers={"Authorization": f"Bearer {admin}", "Accept-Language": "kk"},
    )
    assert response.json()["errors"][0]["message"] == "ұйымды өзімен-өзі біріктіруге болмайды"
