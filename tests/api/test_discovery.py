"""Partner discovery through GraphQL, on the demo region: what coordinators see."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

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


# -- connections (issue 15): pages, cursors, totalCount where offered ------------------------------


def _walk(api: Api, query: str, path: list[str], size: int, **kw: Any) -> list[Any]:
    """Every node of a connection, page by page through `endCursor`."""
    nodes: list[Any] = []
    after = None
    for _ in range(50):
        found = api.data(query, {"first": size, "after": after, **kw.get("variables", {})},
                         token=kw.get("token"))  # fmt: skip
        for key in path:
            found = found[key]
        nodes += [e["node"] for e in found["edges"]]
        assert found["pageInfo"]["hasPreviousPage"] is (after is not None)
        if not found["pageInfo"]["hasNextPage"]:
            return nodes
        assert len(found["edges"]) == size
        after = found["pageInfo"]["endCursor"]
    raise AssertionError("no last page")


def test_organization_partner_suggestions_page_through_the_ranking(demo_api: Api) -> None:
    veterans = _bin(demo_api, VETERANS)
    query = """query($bin: String!, $first: Int, $after: String) {
      organization(bin: $bin) { partnerSuggestions(first: $first, after: $after) {
        pageInfo { hasNextPage hasPreviousPage endCursor }
        edges { cursor node { score organization { bin } } } } } }"""
    old = demo_api.data(
        "query($bin: String!) { partnerSuggestions(organization: $bin, first: 100) "
        "{ organization { bin } } }",
        {"bin": veterans},
    )["partnerSuggestions"]
    paged = _walk(demo_api, query, ["organization", "partnerSuggestions"], 4,
                  variables={"bin": veterans})  # fmt: skip
    assert [n["organization"]["bin"] for n in paged] == [s["organization"]["bin"] for s in old]
    assert len(paged) > 4
    bad = demo_api(query, {"bin": veterans, "first": 2, "after": "bm90IGEgY3Vyc29y"})
    assert bad["data"] == {"organization": {"partnerSuggestions": None}}
    assert bad["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "after"}


def test_project_partner_suggestions_is_a_connection(demo_api: Api) -> None:
    code = demo_api.data("{ projects(first: 1) { edges { node { code } } } }")["projects"]
    code = code["edges"][0]["node"]["code"]
    old = demo_api.data(
        "query($c: String!) { projectPartnerSuggestions(project: $c, first: 6) "
        "{ organization { bin } } }",
        {"c": code},
    )["projectPartnerSuggestions"]
    query = """query($c: String!, $first: Int, $after: String) {
      project(code: $c) { partnerSuggestions(first: $first, after: $after) {
        pageInfo { hasNextPage hasPreviousPage endCursor }
        edges { node { organization { bin } } } } } }"""
    first = demo_api.data(query, {"c": code, "first": 3})["project"]["partnerSuggestions"]
    rest = demo_api.data(query, {"c": code, "first": 3, "after": first["pageInfo"]["endCursor"]})[
        "project"
    ]["partnerSuggestions"]
    bins = [e["node"]["organization"]["bin"] for e in first["edges"] + rest["edges"]]
    assert bins == [s["organization"]["bin"] for s in old]


def test_territory_active_organizations_with_supporters_and_components(demo_api: Api) -> None:
    old = demo_api.data(
        '{ activeOrganizations(territory: "551010000", first: 100) { organization { bin } '
        "supportedBy components { name } } }"
    )["activeOrganizations"]
    query = """query($first: Int, $after: String) { territory(kato: "551010000") {
      activeOrganizations(first: $first, after: $after) {
        pageInfo { hasNextPage hasPreviousPage endCursor }
        edges { node { organization { bin } supporters { code id }
                       components { name component } } } } } }"""
    paged = _walk(demo_api, query, ["territory", "activeOrganizations"], 3)
    assert [n["organization"]["bin"] for n in paged] == [a["organization"]["bin"] for a in old]
    for new, was in zip(paged, old, strict=True):
        assert sorted(s["code"] for s in new["supporters"]) == was["supportedBy"]
        assert all(c["component"] == c["name"].upper() for c in new["components"])
    assert any(n["supporters"] for n in paged)


def test_suggestion_outcomes_on_the_organisation(demo_api: Api, coordinator: str) -> None:
    veterans = _bin(demo_api, VETERANS)
    partners = demo_api.data(SUGGEST, {"bin": veterans})["partnerSuggestions"]
    for s in partners[:3]:
        demo_api.data(
            """mutation($input: SuggestionOutcomeInput!) {
                 recordSuggestionOutcome(input: $input) { id } }""",
            {"input": {"organization": veterans, "partner": s["organization"]["bin"],
                       "outcome": "CONTACTED"}},
            token=coordinator,
        )  # fmt: skip
    old = demo_api.data(
        "query($bin: String!) { suggestionOutcomes(organization: $bin) { id } }",
        {"bin": veterans},
        token=coordinator,
    )["suggestionOutcomes"]
    query = """query($bin: String!, $first: Int, $after: String) {
      organization(bin: $bin) { name suggestionOutcomes(first: $first, after: $after) {
        pageInfo { hasNextPage hasPreviousPage endCursor }
        edges { node { id at partner { id bin organization { bin } } } } } } }"""
    paged = _walk(demo_api, query, ["organization", "suggestionOutcomes"], 2,
                  variables={"bin": veterans}, token=coordinator)  # fmt: skip
    assert [n["id"] for n in paged] == [o["id"] for o in old] and len(old) >= 3
    assert all(n["partner"]["organization"]["bin"] == n["partner"]["bin"] for n in paged)
    anonymous = demo_api(query, {"bin": veterans, "first": 2})
    assert anonymous["data"]["organization"]["name"]
    assert anonymous["data"]["organization"]["suggestionOutcomes"] is None
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_duplicate_candidates_page_like_possible_duplicates(
    demo_api: Api, coordinator: str
) -> None:
    old = demo_api.data(
        "{ possibleDuplicates(first: 100) { first { bin } second { bin } territoryKato } }",
        token=coordinator,
    )["possibleDuplicates"]
    query = """query($first: Int, $after: String) { duplicateCandidates(first: $first,
      after: $after) { pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { node { first { bin id } second { bin } territory { kato } } } } }"""
    paged = _walk(demo_api, query, ["duplicateCandidates"], 2, token=coordinator)
    assert [(n["first"]["bin"], n["second"]["bin"]) for n in paged] == [
        (d["first"]["bin"], d["second"]["bin"]) for d in old
    ]
    assert [n["territory"] and n["territory"]["kato"] for n in paged] == [
        d["territoryKato"] for d in old
    ]


def test_connection_paths_take_ids_or_bins(demo_api: Api) -> None:
    veterans = _bin(demo_api, VETERANS)
    found = demo_api.data(
        "query($bin: String!) { organization(bin: $bin) { id "
        "partnerSuggestions(first: 1) { edges { node { organization { id bin } } } } } }",
        {"bin": veterans},
    )["organization"]
    other = found["partnerSuggestions"]["edges"][0]["node"]["organization"]
    query = """query($from: ID!, $to: ID!) { connectionPaths(from: $from, to: $to, first: 3) {
      organizations { bin id } hops { text source { bin } } } }"""
    by_id = demo_api.data(query, {"from": found["id"], "to": other["id"]})["connectionPaths"]
    by_bin = demo_api.data(query, {"from": veterans, "to": other["bin"]})["connectionPaths"]
    old = demo_api.data(
        "query($a: String!, $b: String!) { connection(from: $a, to: $b) "
        "{ organizations { bin } } }",
        {"a": veterans, "b": other["bin"]},
    )["connection"]
    assert by_id == by_bin and by_id
    assert [[o["bin"] for o in p["organizations"]] for p in by_id] == [
        [o["bin"] for o in p["organizations"]] for p in old[:3]
    ]
    assert by_id[0]["organizations"][0]["id"] == found["id"]
    wrong = demo_api(query, {"from": found["id"], "to": "VGVycml0b3J5OjU1MTAxMDAwMA=="})
    assert wrong["data"] == {"connectionPaths": None}
    assert wrong["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "to"}
    same = demo_api(query, {"from": veterans, "to": found["id"]})
    assert same["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "to"}


def test_audit_entries_are_a_keyset_connection(
    demo_api: Api, coordinator: str, session_db: Database
) -> None:
    admin = create_token(session_db, role=ApiRole.ADMIN, name="audit tests")[1]
    veterans = _bin(demo_api, VETERANS)
    for s in demo_api.data(SUGGEST, {"bin": veterans})["partnerSuggestions"][:3]:
        demo_api.data(
            """mutation($input: SuggestionOutcomeInput!) {
                 recordSuggestionOutcome(input: $input) { id } }""",
            {"input": {"organization": veterans, "partner": s["organization"]["bin"],
                       "outcome": "CONTACTED", "note": "audit"}},
            token=coordinator,
        )  # fmt: skip
    old = demo_api.data("{ auditLog(first: 100) { id at } }", token=admin)["auditLog"]
    query = """query($first: Int, $after: String) { auditEntries(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
      edges { node { id at actor action target after } } } }"""
    paged = _walk(demo_api, query, ["auditEntries"], 2, token=admin)
    assert [n["id"] for n in paged] == [o["id"] for o in old] and len(old) >= 3
    total = demo_api.data(query, {"first": 1}, token=admin)["auditEntries"]["totalCount"]
    assert total == len(old)
    assert paged[0]["at"].endswith(("Z", "+00:00"))
    # backward from the end gives the same order
    back = demo_api.data(
        "{ auditEntries(last: 2) { pageInfo { hasPreviousPage } edges { node { id } } } }",
        token=admin,
    )["auditEntries"]
    assert [e["node"]["id"] for e in back["edges"]] == [o["id"] for o in old[-2:]]
    # the target is a key (here a pair of BINs), or an object's global ID standing for its key
    pair = paged[0]["target"]
    by_target = """query($t: ID) { auditEntries(target: $t, first: 100) {
      totalCount edges { node { target } } } }"""
    found = demo_api.data(by_target, {"t": pair}, token=admin)["auditEntries"]
    assert found["totalCount"] == len(found["edges"]) == sum(n["target"] == pair for n in paged)
    org_id = demo_api.data(
        "query($bin: String!) { organization(bin: $bin) { id } }", {"bin": veterans}
    )["organization"]["id"]
    assert demo_api.data(by_target, {"t": org_id}, token=admin) == demo_api.data(
        by_target, {"t": veterans}, token=admin
    )


def test_members_are_people_without_the_all_or_nothing(demo_api: Api, session_db: Database) -> None:
    admin = create_token(session_db, role=ApiRole.ADMIN, name="member tests")[1]
    query = """{ organizations(first: 20) { edges { node { bin
      members(first: 10) { totalCount edges { node { id } relation } }
      people(first: 10) { totalCount edges { node { id } relation } } } } } }"""
    orgs = demo_api.data(query, token=admin)["organizations"]["edges"]
    assert any(o["node"]["members"]["totalCount"] for o in orgs)
    assert all(o["node"]["members"] == o["node"]["people"] for o in orgs)


def test_connection_paths_name_the_argument_in_errors(demo_api: Api) -> None:
    veterans = _bin(demo_api, VETERANS)
    body = demo_api(
        "query($b: ID!) { connectionPaths(from: $b, to: $b) { hops { text } } }", {"b": veterans}
    )
    assert body["data"] == {"connectionPaths": None}
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert body["errors"][0]["extensions"]["field"] == "to"
