"""Support as a record: recordSupport, endSupport, the connections, activeOrganizations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from graph.audit import audit_log
from graph.db import Database
from graph.tokens import ApiRole, create_token
from tests.api.conftest import Api
from tests.graph.sample import AKKULY, AKKULY_AKIMAT, AKKULY_ORG, with_akkuly

RECORD = """mutation($input: RecordSupportInput!) {
  recordSupport(input: $input) {
    support { id kind since until amountKzt note inForce akimat { code } organization { bin } }
    organization { bin }
    akimat { code }
  }
}"""
END = """mutation($input: EndSupportInput!) {
  endSupport(input: $input) { support { id until inForce } }
}"""
ACTIVE = """query($kato: String!) {
  territory(kato: $kato) {
    activeOrganizations(first: 10) {
      edges { node {
        organization { bin } supportedByTerritoryAkimat supportKinds supporters { code }
      } }
    }
  }
}"""
SUPPORTED_BY = """query($bin: String!, $ended: Boolean!) {
  organization(bin: $bin) {
    supportedBy(includeEnded: $ended) { totalCount edges { node { kind since akimat { code } } } }
  }
}"""
AKIMAT_SUPPORTS = """query($code: String!) {
  akimat(code: $code) {
    supports { totalCount edges { cursor node { kind organization { bin } } } }
  }
}"""


def _today() -> dt.date:
    """The server's date (Neo4j's date() is UTC), read per call: a module constant goes stale
    when a run crosses midnight."""
    return dt.datetime.now(dt.UTC).date()


@pytest.fixture
def region(db: Database, tmp_path: Path) -> Database:
    return with_akkuly(db, tmp_path)


@pytest.fixture
def akkuly(region: Database) -> str:
    return create_token(region, role=ApiRole.COORDINATOR, name="akkuly", territory=AKKULY)[1]


def _support(kind: str = "PREMISES", **more: Any) -> dict[str, Any]:
    since = (_today() - dt.timedelta(days=30)).isoformat()
    key = {"akimat": AKKULY_AKIMAT, "organization": AKKULY_ORG, "kind": kind, "since": since}
    return key | more


def _active(api: Api) -> dict[str, Any]:
    edges = api.data(ACTIVE, {"kato": AKKULY})["territory"]["activeOrganizations"]["edges"]
    return next(e["node"] for e in edges if e["node"]["organization"]["bin"] == AKKULY_ORG)


def test_recorded_support_shows_in_active_organizations(
    api: Api, region: Database, akkuly: str, tokens: dict[str, str]
) -> None:
    assert _active(api)["supportedByTerritoryAkimat"] is False
    recorded = api.data(RECORD, {"input": _support(note="спортзал школы")}, token=akkuly)
    support = recorded["recordSupport"]["support"]
    assert support["kind"] == "PREMISES" and support["inForce"] is True
    assert support["akimat"] == {"code": AKKULY_AKIMAT}
    assert support["organization"] == {"bin": AKKULY_ORG} and support["note"] == "спортзал школы"
    active = _active(api)
    assert active["supportedByTerritoryAkimat"] is True
    assert active["supportKinds"] == ["PREMISES"]
    assert active["supporters"] == [{"code": AKKULY_AKIMAT}]
    [entry] = [r for r in audit_log(region) if r.action == "record_support"]
    assert entry.actor.startswith("akkuly (tok_")
    assert entry.target == f"{AKKULY_AKIMAT}|{AKKULY_ORG}|premises|{_support()['since']}"
    by_id = api.data(
        "query($id: ID!) { auditEntries(target: $id) { edges { node { action } } } }",
        {"id": support["id"]},
        token=tokens["admin"],
    )["auditEntries"]["edges"]
    assert [e["node"]["action"] for e in by_id] == ["record_support"]
    node = api.data("query($id: ID!) { node(id: $id) { ... on Support { kind note } } }",
                    {"id": support["id"]})["node"]  # fmt: skip
    assert node == {"kind": "PREMISES", "note": "спортзал школы"}


def test_several_kinds_and_their_end(api: Api, region: Database, akkuly: str) -> None:
    api.data(RECORD, {"input": _support()}, token=akkuly)
    grant = _support("GRANT", amountKzt=1_500_000)
    assert (
        api.data(RECORD, {"input": grant}, token=akkuly)["recordSupport"]["support"]["amountKzt"]
        == 1_500_000
    )
    listed = api.data(SUPPORTED_BY, {"bin": AKKULY_ORG, "ended": False})["organization"]
    assert listed["supportedBy"]["totalCount"] == 2
    kinds = {e["node"]["kind"] for e in listed["supportedBy"]["edges"]}
    assert kinds == {"PREMISES", "GRANT"}
    by_akimat = api.data(AKIMAT_SUPPORTS, {"code": AKKULY_AKIMAT})["akimat"]["supports"]
    assert by_akimat["totalCount"] == 2
    assert len({e["cursor"] for e in by_akimat["edges"]}) == 2

    ended = {k: grant[k] for k in ("akimat", "organization", "kind", "since")}
    support = api.data(END, {"input": ended | {"until": _today().isoformat()}}, token=akkuly)
    assert support["endSupport"]["support"]["until"] == _today().isoformat()
    api.data(END, {"input": _ended("PREMISES")}, token=akkuly)
    yesterday = api.data(SUPPORTED_BY, {"bin": AKKULY_ORG, "ended": False})["organization"]
    assert [e["node"]["kind"] for e in yesterday["supportedBy"]["edges"]] == ["GRANT"]
    assert _active(api)["supportKinds"] == ["GRANT"]  # ends today: still in force today
    everything = api.data(SUPPORTED_BY, {"bin": AKKULY_ORG, "ended": True})["organization"]
    assert everything["supportedBy"]["totalCount"] == 2


def _ended(kind: str) -> dict[str, Any]:
    """Ended yesterday."""
    since = _support()["since"]
    until = (_today() - dt.timedelta(days=1)).isoformat()
    return {"akimat": AKKULY_AKIMAT, "organization": AKKULY_ORG, "kind": kind, "since": since,
            "until": until}  # fmt: skip


def test_an_akkuly_token_records_only_akkuly_supports(api: Api, akkuly: str) -> None:
    regional = api(RECORD, {"input": _support(akimat="akimat-550000000")}, token=akkuly)
    assert regional["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "akimat akimat-550000000 is outside it" in regional["errors"][0]["message"]
    pavlodar = api(RECORD, {"input": _support(organization="940140000385")}, token=akkuly)
    assert pavlodar["errors"][0]["extensions"]["code"] == "FORBIDDEN"


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"until": "2000-01-01"}, "BAD_USER_INPUT", "input.until"),
        ({"amountKzt": -1}, "BAD_USER_INPUT", "input.amountKzt"),
        ({"akimat": "akimat-nowhere"}, "NOT_FOUND", None),
        ({"organization": "190240000023"}, "NOT_FOUND", None),
    ],
)
def test_bad_supports_are_named(
    api: Api, tokens: dict[str, str], region: Database, change: dict, code: str, field: str | None
) -> None:
    body = api(RECORD, {"input": _support(**change)}, token=tokens["coordinator"])
    [error] = body["errors"]
    assert error["extensions"]["code"] == code
    assert error["extensions"].get("field") == field


def test_ending_a_support_that_is_not_there(
    api: Api, tokens: dict[str, str], region: Database
) -> None:
    body = api(END, {"input": _ended("AWARD")}, token=tokens["coordinator"])
    [error] = body["errors"]
    assert error["extensions"]["code"] == "NOT_FOUND"
    assert error["message"] == (
        f"akimat {AKKULY_AKIMAT} has no support «Award» of organisation {AKKULY_ORG} that began "
        f"on {_support()['since']}"
    )
    response = api.client.post(
        "/graphql",
        json={"query": END, "variables": {"input": _ended("AWARD")}},
        headers={"Authorization": f"Bearer {tokens['coordinator']}", "Accept-Language": "kk"},
    )
    assert "«Марапат»" in response.json()["errors"][0]["message"]
