"""Filters one by one and combined, and search from Cyrillic, Latin and with typos."""

from __future__ import annotations

import pytest

from graph.db import Database
from tests.api.conftest import Api

CLUB, VETERANS, YOUTH = "940140000385", "990140004654", "180240012342"

LIST = (
    "query($where: OrganizationWhere) { organizations(where: $where) { edges { node { bin } } } }"
)


def _bins(api: Api, where: dict) -> set[str]:
    edges = api.data(LIST, {"where": where})["organizations"]["edges"]
    return {e["node"]["bin"] for e in edges}


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({"kind": {"eq": "YOUTH_GROUP"}}, {YOUTH}),
        ({"kind": {"in": ["YOUTH_GROUP", "VETERANS_UNION"]}}, {YOUTH, VETERANS}),
        ({"legalForm": {"eq": "FOUNDATION"}}, set()),
        ({"name": {"contains": "ДОБРЯК"}}, {CLUB}),
        ({"name": {"startsWith": "союз"}}, {VETERANS}),
        ({"bin": {"eq": CLUB}}, {CLUB}),
        ({"foundedYear": {"gte": 2000}}, {CLUB, YOUTH}),
        ({"foundedYear": {"lt": 2000}}, {VETERANS}),
        ({"territory": {"in": ["553610000"]}}, {YOUTH}),  # the okrug is under the district
        ({"territory": {"in": ["550000000"]}}, {CLUB, VETERANS, YOUTH}),
        ({"settlement": "RURAL"}, {YOUTH}),
        ({"settlement": "URBAN"}, {CLUB, VETERANS}),
        ({"focusAreas": {"some": ["youth", "veterans"]}}, {YOUTH, VETERANS}),
        ({"focusAreas": {"none": ["youth"]}}, {CLUB, VETERANS}),
        ({"partners": {"some": [VETERANS]}}, {YOUTH}),
        ({"partners": {"none": [VETERANS]}}, {CLUB, VETERANS}),
        ({"hasStateFunding": True}, {VETERANS}),
        ({"hasStateFunding": False}, {CLUB, YOUTH}),
        ({"stateFundingShare": {"gte": 0.5}}, {VETERANS}),
        ({"stateFundingShare": {"lte": 0.1}}, {CLUB}),  # no funding at all is not "0 share"
        ({"AND": [{"settlement": "URBAN"}, {"foundedYear": {"gt": 2010}}]}, {CLUB}),
        ({"OR": [{"kind": {"eq": "YOUTH_GROUP"}}, {"name": {"contains": "клуб"}}]}, {CLUB, YOUTH}),
        ({"NOT": {"kind": {"eq": "YOUTH_GROUP"}}}, {CLUB, VETERANS}),
        ({"flags": {"some": ["SELF_FUNDED"]}}, {CLUB}),
        ({"flags": {"some": ["SINGLE_FUNDER", "NO_PARTNERS"]}}, {CLUB, VETERANS}),
        ({"flags": {"none": ["SELF_FUNDED", "SINGLE_FUNDER"]}}, {YOUTH}),
        ({"flags": {"some": []}}, set()),
        ({"OR": [{"flags": {"some": ["TARGETS_MET"]}}, {"settlement": "RURAL"}]}, {CLUB, YOUTH}),
        ({"NOT": {"flags": {"some": ["SINGLE_FUNDER"]}}, "settlement": "URBAN"}, {CLUB}),
        (
            {
                "settlement": "URBAN",
                "OR": [{"hasStateFunding": True}, {"foundedYear": {"eq": 2015}}],
            },
            {CLUB, VETERANS},
        ),
    ],
)
def test_organization_filters(api: Api, sample: Database, where: dict, expected: set) -> None:
    assert _bins(api, where) == expected


PROJECTS = "query($where: ProjectWhere) { projects(where: $where) { edges { node { code } } } }"


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({"status": ["COMPLETED"]}, {"P-1", "P-2"}),
        ({"activeInYear": 2021}, {"P-2"}),
        ({"startDate": {"gte": "2020-01-01"}}, {"P-2"}),
        ({"focusAreas": ["housing_help"]}, {"P-1"}),
        ({"territory": {"in": ["553610000"]}}, {"P-2"}),
        ({"funders": ["citizens"]}, {"P-1"}),
        ({"mechanisms": ["STATE_SOCIAL_ORDER"]}, {"P-2"}),
        ({"participants": [YOUTH]}, {"P-2"}),
        ({"title": {"contains": "дом"}}, {"P-1"}),
    ],
)
def test_project_filters(api: Api, sample: Database, where: dict, expected: set) -> None:
    edges = api.data(PROJECTS, {"where": where})["projects"]["edges"]
    assert {e["node"]["code"] for e in edges} == expected


def test_values_outside_an_enum_are_refused(api: Api, sample: Database) -> None:
    as_variable = api(LIST, {"where": {"kind": {"eq": "CLUB"}}})
    assert as_variable["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "CLUB" in as_variable["errors"][0]["message"]
    inline = api("{ organizations(where: {kind: {eq: CLUB}}) { totalCount } }")
    assert inline["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


SEARCH = """query($q: String!) {
  search(query: $q, first: 5) { score matchedName organization { bin } }
}"""


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Клуб добряков", CLUB),
        ("klub dobryakov", CLUB),  # Latin transliteration
        ("dobrakov", CLUB),  # a typo, in Latin
        ("Клуп добряков", CLUB),  # a typo, in Cyrillic
        ("добряк", CLUB),  # a prefix
        ("Afganistana", VETERANS),
        ("zhastar terenkol", YOUTH),
    ],
)
def test_search_finds_names_typed_in_any_alphabet(
    api: Api, sample: Database, typed: str, expected: str
) -> None:
    hits = api.data(SEARCH, {"q": typed})["search"]
    assert hits and hits[0]["organization"]["bin"] == expected
    assert hits == sorted(hits, key=lambda h: -h["score"])


def test_search_shows_the_alias_it_matched(api: Api, sample: Database) -> None:
    sample.write(
        "MATCH (o:Organization {bin: $bin}) SET o.aliases = ['Kind People Club'], "
        "o.search_text = o.search_text + ' | kind people club'",
        bin=CLUB,
    )
    hits = api.data(SEARCH, {"q": "kind people"})["search"]
    assert hits[0]["matchedName"] == "Kind People Club"


@pytest.mark.parametrize("typed", ['"', "*", "~", "OR 1=1", "name:*", "`} //", "\\", "a AND NOT b"])
def test_search_syntax_typed_by_users_is_inert(api: Api, sample: Database, typed: str) -> None:
    body = api(SEARCH, {"q": typed})
    assert "errors" not in body
    assert all(h["organization"]["bin"] for h in body["data"]["search"])
