"""Offers, needs and givers through GraphQL: pages, filters, who reads a citizen giver, erasure."""

from __future__ import annotations

from typing import Any

import pytest

from graph.db import Database
from graph.tokens import ApiRole, create_token
from tests.api.conftest import Api

CLUB = "940140000385"  # Клуб добряков Павлодара, Pavlodar city
YOUTH = "180240012342"  # Жастар Теренколь, a rural okrug of Terenkol district
PAVLODAR, TERENKOL, OKRUG = "551010000", "553610000", "553630000"

CREATE_OFFER = """mutation($input: CreateOfferInput!) {
  createOffer(input: $input) { offer { id code status giverKind left territory { kato } } }
}"""
CREATE_NEED = """mutation($input: CreateNeedInput!) {
  createNeed(input: $input) { need { id code status urgency organization { bin } } }
}"""
GIVER = """query($code: String!) {
  offer(code: $code) {
    code giverKind
    giver {
      __typename
      ... on CitizenGiver { named erasedAt name contact }
      ... on Organization { bin }
      ... on Akimat { code }
      ... on Business { bin name }
    }
  }
}"""
ERASE = """mutation($offer: ID!) {
  eraseGiver(input: {offer: $offer}) {
    offer { id code giver { ... on CitizenGiver { named erasedAt } } }
  }
}"""


@pytest.fixture
def steward(sample: Database) -> str:
    return create_token(sample, role=ApiRole.STEWARD, name="house")[1]


def offer_input(code: str, **kw: Any) -> dict[str, Any]:
    return {
        "code": code,
        "category": "FLAT",
        "title": "2-комнатная квартира",
        "quantity": 1,
        "unit": "шт",
        "territory": PAVLODAR,
        "giverKind": "CITIZEN",
        "giverName": "Айгуль Сапарова",
        "giverContact": "+7 701 000 00 00",
        "consent": True,
        "valueKzt": 12_000_000,
    } | kw


def need_input(code: str, **kw: Any) -> dict[str, Any]:
    return {
        "code": code,
        "organization": YOUTH,
        "category": "FLAT",
        "title": "Квартира для многодетной семьи",
        "quantity": 1,
        "unit": "шт",
        "territory": OKRUG,
        "urgency": "HIGH",
        "openedOn": "2024-03-01",
    } | kw


def add_offer(api: Api, token: str, code: str, **kw: Any) -> dict[str, Any]:
    return api.data(CREATE_OFFER, {"input": offer_input(code, **kw)}, token=token)["createOffer"]


def add_need(api: Api, token: str, code: str, **kw: Any) -> dict[str, Any]:
    return api.data(CREATE_NEED, {"input": need_input(code, **kw)}, token=token)["createNeed"]


def test_a_steward_creates_an_offer_and_a_viewer_cannot(
    api: Api, steward: str, tokens: dict[str, str]
) -> None:
    made = add_offer(api, steward, "OF-1")
    assert made["offer"]["code"] == "OF-1" and made["offer"]["id"]
    assert made["offer"] | {"id": None} == {
        "id": None, "code": "OF-1", "status": "OFFERED", "giverKind": "CITIZEN", "left": 1,
        "territory": {"kato": PAVLODAR},
    }  # fmt: skip
    for role, code in (("coordinator", "FORBIDDEN"), ("viewer", "FORBIDDEN"), (None, None)):
        body = api(CREATE_OFFER, {"input": offer_input("OF-2")},
                   token=tokens[role] if role else None)  # fmt: skip
        assert body["data"] == {"createOffer": None}
        assert body["errors"][0]["extensions"]["code"] == (code or "UNAUTHENTICATED")


def test_a_citizens_name_without_consent_is_refused(api: Api, steward: str) -> None:
    body = api(CREATE_OFFER, {"input": offer_input("OF-1", consent=False)}, token=steward)
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "input.giverName"}
    assert "consent" in error["message"]
    assert api.data(GIVER, {"code": "OF-1"})["offer"] is None


def test_a_citizen_givers_name_is_for_stewards_and_admins_only(
    api: Api, steward: str, tokens: dict[str, str]
) -> None:
    add_offer(api, steward, "OF-1")
    for token, code in ((None, "UNAUTHENTICATED"), (tokens["viewer"], "FORBIDDEN"),
                        (tokens["coordinator"], "FORBIDDEN")):  # fmt: skip
        body = api(GIVER, {"code": "OF-1"}, token=token)
        giver = body["data"]["offer"]["giver"]
        assert giver == {"__typename": "CitizenGiver", "named": True, "erasedAt": None,
                         "name": None, "contact": None}  # fmt: skip
        assert sorted(e["path"][-1] for e in body["errors"]) == ["contact", "name"]
        assert {e["extensions"]["code"] for e in body["errors"]} == {code}
    for token in (steward, tokens["admin"]):
        giver = api.data(GIVER, {"code": "OF-1"}, token=token)["offer"]["giver"]
        assert (giver["name"], giver["contact"]) == ("Айгуль Сапарова", "+7 701 000 00 00")


def test_after_erasure_nobody_reads_the_giver(
    api: Api, steward: str, tokens: dict[str, str]
) -> None:
    offer_id = add_offer(api, steward, "OF-1")["offer"]["id"]
    refused = api(ERASE, {"offer": "OF-1"}, token=tokens["coordinator"])
    assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    erased = api.data(ERASE, {"offer": offer_id}, token=steward)["eraseGiver"]["offer"]
    assert erased["giver"]["named"] is False and erased["giver"]["erasedAt"]
    for token in (steward, tokens["admin"]):
        giver = api.data(GIVER, {"code": "OF-1"}, token=token)["offer"]["giver"]
        assert (giver["name"], giver["contact"], giver["named"]) == (None, None, False)
    body = api(GIVER, {"code": "OF-1"}, token=tokens["viewer"])
    assert body["data"]["offer"]["giver"]["name"] is None
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    log = api.data(
        """{ auditEntries(target: "OF-1") { edges { node { action before after } } } }""",
        token=tokens["admin"],
    )["auditEntries"]["edges"]
    assert [e["node"]["action"] for e in log] == ["erase_giver", "create_offer"]
    assert "Айгуль" not in str(log) and "701" not in str(log)


def test_givers_of_other_kinds_are_objects(api: Api, steward: str) -> None:
    none = {"giverName": None, "giverContact": None, "consent": False}
    add_offer(api, steward, "OF-O", giverKind="ORGANIZATION", giverBin=CLUB, **none)
    add_offer(api, steward, "OF-A", giverKind="AKIMAT", giverAkimat="akimat-553610000", **none)
    add_offer(
        api,
        steward,
        "OF-B",
        giverKind="BUSINESS",
        giverBin=YOUTH,
        **none | {"giverName": "ТОО Строй"},
    )
    givers = {code: api.data(GIVER, {"code": code})["offer"]["giver"]
              for code in ("OF-O", "OF-A", "OF-B")}  # fmt: skip
    assert givers == {
        "OF-O": {"__typename": "Organization", "bin": CLUB},
        "OF-A": {"__typename": "Akimat", "code": "akimat-553610000"},
        "OF-B": {"__typename": "Business", "bin": YOUTH, "name": "ТОО Строй"},
    }
    offered = api.data(
        "query($bin: String!) { organization(bin: $bin) { offersGiven { totalCount "
        "edges { node { code } } } } }",
        {"bin": CLUB},
    )["organization"]["offersGiven"]
    assert offered == {"totalCount": 1, "edges": [{"node": {"code": "OF-O"}}]}


OFFERS = """query($where: OfferWhere, $first: Int, $after: String) {
  offers(where: $where, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { code } }
  }
}"""
NEEDS = """query($where: NeedWhere) {
  needs(where: $where) { totalCount edges { node { code urgency status } } }
}"""


def test_offers_and_needs_pages_with_filters(api: Api, steward: str) -> None:
    add_offer(api, steward, "OF-1")
    add_offer(api, steward, "OF-2", territory=OKRUG)
    add_offer(api, steward, "OF-3", territory=OKRUG, category="GOODS", unit="кг", quantity=50)
    add_need(api, steward, "ND-1")
    add_need(api, steward, "ND-2", organization=CLUB, territory=PAVLODAR, urgency="LOW")

    def codes(query: str, where: dict[str, Any] | None, key: str = "offers") -> list[str]:
        found = api.data(query, {"where": where})[key]
        assert found["totalCount"] == len(found["edges"])
        return [e["node"]["code"] for e in found["edges"]]

    assert codes(OFFERS, None) == ["OF-3", "OF-2", "OF-1"]
    assert codes(OFFERS, {"territory": {"in": [TERENKOL]}}) == ["OF-3", "OF-2"]
    assert codes(OFFERS, {"category": ["FLAT"], "status": ["OFFERED"]}) == ["OF-2", "OF-1"]
    assert codes(OFFERS, {"giverKind": ["AKIMAT"]}) == []
    assert codes(OFFERS, {"NOT": {"category": ["GOODS"]}}) == ["OF-2", "OF-1"]
    page = api.data(OFFERS, {"first": 2})["offers"]
    assert page["pageInfo"]["hasNextPage"]
    rest = api.data(OFFERS, {"first": 2, "after": page["pageInfo"]["endCursor"]})["offers"]
    assert [e["node"]["code"] for e in rest["edges"]] == ["OF-1"]
    assert codes(NEEDS, {"urgency": ["HIGH"]}, "needs") == ["ND-1"]
    assert codes(NEEDS, {"territory": {"in": [TERENKOL]}}, "needs") == ["ND-1"]
    assert codes(NEEDS, {"organizations": [CLUB]}, "needs") == ["ND-2"]
    need = api.data("""{ need(code: "ND-1") { code category urgency status openedOn
                         organization { bin } territory { kato } } }""")["need"]  # fmt: skip
    assert need == {"code": "ND-1", "category": "FLAT", "urgency": "HIGH", "status": "OPEN",
                    "openedOn": "2024-03-01", "organization": {"bin": YOUTH},
                    "territory": {"kato": OKRUG}}  # fmt: skip
    theirs = api.data(
        "query($bin: String!) { organization(bin: $bin) { needs { edges { node { code } } } } }",
        {"bin": YOUTH},
    )["organization"]["needs"]["edges"]
    assert theirs == [{"node": {"code": "ND-1"}}]


def test_a_coordinator_limited_to_a_district_records_its_needs_only(
    api: Api, sample: Database
) -> None:
    terenkol = create_token(sample, role=ApiRole.COORDINATOR, name="t", territory=TERENKOL)[1]
    made = api.data(CREATE_NEED, {"input": need_input("ND-1")}, token=terenkol)["createNeed"]
    assert made["need"]["status"] == "OPEN"
    body = api(CREATE_NEED, {"input": need_input("ND-2", organization=CLUB, territory=PAVLODAR)},
               token=terenkol)  # fmt: skip
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    closed = api.data("""mutation { closeNeed(input: {need: "ND-1"}) { need { status } } }""",
                      token=terenkol)  # fmt: skip
    assert closed["closeNeed"]["need"]["status"] == "CLOSED"
    body = api(CREATE_NEED, {"input": need_input("ND-3", territory="559999999")}, token=terenkol)
    assert body["errors"][0]["extensions"]["code"] in {"BAD_USER_INPUT", "FORBIDDEN"}


def test_labels_of_the_hub_enums_in_kazakh_and_russian(api: Api) -> None:
    query = '{ labels(types: ["OfferCategory", "NeedStatus"]) { type value label } }'
    for language, flat in (("kk", "Пәтер"), ("ru", "Квартира"), ("en", "Flat")):
        response = api.client.post("/graphql", json={"query": query},
                                   headers={"Accept-Language": language})  # fmt: skip
        labels = {(r["type"], r["value"]): r["label"] for r in response.json()["data"]["labels"]}
        assert labels[("OfferCategory", "FLAT")] == flat
