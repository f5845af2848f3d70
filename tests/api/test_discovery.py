"""Partner discovery through GraphQL, on the demo region: what coordinators see."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from api.settings import ApiSettings
from graph.db import Database
from graph.demo_load import load_demo
from graph.tokens import ApiRole, create_token
from tests.api.conftest import Api, make_client

VETERANS = "Павлодарский областной союз ветеранов Афганистана и локальных войн"


@pytest.fixture(scope="module")
def demo_api(session_db: Database) -> Iterator[Api]:
    assert load_demo(session_db, replace=True).ok
    with make_client(session_db, ApiSettings(db_stats=True)) as client:
        yield Api(client)


@pytest.fixture(scope="module")
def coordinator(session_db: Database, demo_api: Api) -> str:
    return create_token(session_db, role=ApiRole.COORDINATOR, name="discovery tests")[1]


def _bin(api: Api, name: str) -> str:
    hits = api.data("query($q: String!) { search(query: $q, first: 1) { organization { bin } } }",
                    {"q": name})["search"]  # fmt: skip
    return hits[0]["organization"]["bin"]


SUGGEST = """query($bin: String!, $filter: SuggestionFilter) {
  partnerSuggestions(organization: $bin, first: 10, filter: $filter) {
    score alreadyPartners
    organization { bin name kind }
    reasons { kind contribution text complement organizations { name } projects { code } }
  }
}"""


def test_veterans_are_suggested_youth_groups_with_reasons(demo_api: Api) -> None:
    veterans = _bin(demo_api, VETERANS)
    found = demo_api.data(SUGGEST, {"bin": veterans, "filter": {"kinds": ["YOUTH_GROUP"]}})
    suggestions = found["partnerSuggestions"]
    assert suggestions and all(s["organization"]["kind"] == "YOUTH_GROUP" for s in suggestions)
    scores = [s["score"] for s in suggestions]
    assert scores == sorted(scores, reverse=True) and all(0 <= x <= 1 for x in scores)
    assert any(
        r["kind"] == "COMPLEMENTARY_KINDS" and r["complement"] == "MENTORING"
        for s in suggestions
        for r in s["reasons"]
    )
    assert all(r["text"] for s in suggestions for r in s["reasons"])
    assert not any(s["alreadyPartners"] for s in suggestions)


def test_declined_suggestions_are_not_shown_again(demo_api: Api, coordinator: str) -> None:
    veterans = _bin(demo_api, VETERANS)
    first = demo_api.data(SUGGEST, {"bin": veterans})["partnerSuggestions"][0]
    declined = first["organization"]["bin"]
    recorded = demo_api.data(
        """mutation($input: SuggestionOutcomeInput!) {
             recordSuggestionOutcome(input: $input) { outcome note partner { bin } actor }
           }""",
        {"input": {"organization": veterans, "partner": declined, "outcome": "DECLINED",
                   "note": "другой профиль"}},
        token=coordinator,
    )["recordSuggestionOutcome"]  # fmt: skip
    assert recorded["outcome"] == "DECLINED" and recorded["partner"]["bin"] == declined
    after = demo_api.data(SUGGEST, {"bin": veterans})["partnerSuggestions"]
    assert declined not in {s["organization"]["bin"] for s in after}
    history = demo_api.data(
        "query($bin: String!) { suggestionOutcomes(organization: $bin) { outcome note } }",
        {"bin": veterans},
        token=coordinator,
    )["suggestionOutcomes"]
    assert {"outcome": "DECLINED", "note": "другой профиль"} in history


def test_outcomes_need_a_coordinator(demo_api: Api) -> None:
    body = demo_api(
        'mutation { recordSuggestionOutcome(input: {organization: "940140000385",'
        ' partner: "990140004654", outcome: CONTACTED}) { id } }'
    )
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_connection_names_each_hop(demo_api: Api) -> None:
    pair = demo_api.data(
        """{ projects(first: 50, where: {status: [COMPLETED]}) { edges { node {
             participants(first: 2) { edges { node { bin } } } } } } }"""
    )
    shared = next(
        [e["node"]["bin"] for e in p["node"]["participants"]["edges"]]
        for p in pair["projects"]["edges"]
        if len(p["node"]["participants"]["edges"]) == 2
    )
    paths = demo_api.data(
        """query($a: String!, $b: String!) { connection(from: $a, to: $b, maxHops: 3) {
             organizations { bin } hops { kind text } } }""",
        {"a": shared[0], "b": shared[1]},
    )["connection"]
    assert paths and len(paths[0]["hops"]) == 1
    assert all(h["text"] for p in paths for h in p["hops"])
    bad = demo_api(
        'query { connection(from: "940140000385", to: "990140004654", maxHops: 9)'
        " { hops { kind } } }"
    )
    assert bad["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_active_youth_organisations_of_a_district(demo_api: Api) -> None:
    found = demo_api.data(
        """{ activeOrganizations(territory: "551010000", kinds: [YOUTH_GROUP], first: 5) {
             score supportedByTerritoryAkimat organization { kind }
             components { name score weight contribution } } }"""
    )["activeOrganizations"]
    assert found and all(a["organization"]["kind"] == "YOUTH_GROUP" for a in found)
    scores = [a["score"] for a in found]
    assert scores == sorted(scores, reverse=True)
    for a in found:
        assert sum(c["contribution"] for c in a["components"]) == pytest.approx(a["score"])


def test_unknown_organisation_is_not_found(demo_api: Api) -> None:
    body = demo_api(SUGGEST, {"bin": "200140000004"})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_duplicates_are_for_coordinators(demo_api: Api, coordinator: str) -> None:
    query = "{ possibleDuplicates(first: 5) { score firstOrg: first { bin } reasons { kind } } }"
    assert demo_api(query)["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert isinstance(demo_api.data(query, token=coordinator)["possibleDuplicates"], list)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ('mutation { recordSuggestionOutcome(input: {organization: "940140000385",'
         ' partner: "940140000385", outcome: CONTACTED}) { id } }', "input.partner"),
        ('{ connection(from: "940140000385", to: "990140004654", maxHops: 9) { hops { kind } } }',
         "maxHops"),
        ('{ partnerSuggestions(organization: "940140000385",'
         ' filter: {focusAreas: ["knitting"]}) { score } }', "focusAreas"),
    ],
)  # fmt: skip
def test_errors_name_the_schema_field(
    demo_api: Api, coordinator: str, query: str, field: str
) -> None:
    error = demo_api(query, token=coordinator)["errors"][0]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
