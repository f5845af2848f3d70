"""One vocabulary: each new field answers as an enum, object or number, agreeing with the
deprecated field it replaces (demo region, real Neo4j)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from graphql import GraphQLScalarType

from api.query import relevance
from api.schema import create_schema
from api.settings import ApiSettings
from graph.db import Database
from graph.demo_load import load_demo
from graph.tokens import ApiRole, create_token
from graph.vocab import PartnershipBasis, SupportForm
from tests.api.conftest import Api, make_client

REGION = "550000000"


@pytest.fixture(scope="module")
def demo(session_db: Database) -> Iterator[tuple[Api, dict[str, str]]]:
    result = load_demo(session_db, replace=True)
    assert result.ok, result.errors[:5]
    tokens = {
        r.value: create_token(session_db, role=r, name=f"vocab {r.value}")[1] for r in ApiRole
    }
    with make_client(session_db, ApiSettings()) as client:
        yield Api(client), tokens


@pytest.fixture(scope="module")
def api(demo: tuple[Api, dict[str, str]]) -> Api:
    return demo[0]


def _enum(value: str) -> str:
    return value.upper()


REPORT = """query($kato: String!) { territory(kato: $kato) { report {
  byKind { key count } kinds { kind count }
  bySettlement { key count } settlements { settlement count }
  flagCounts { key count } flags { flag count }
  fundingByMechanism { key amountKzt } mechanisms { mechanism amountKzt }
} } }"""


def test_territory_report_answers_in_enums(api: Api) -> None:
    report = api.data(REPORT, {"kato": REGION})["territory"]["report"]
    pairs = [
        ("byKind", "kinds", "kind", "count"),
        ("bySettlement", "settlements", "settlement", "count"),
        ("flagCounts", "flags", "flag", "count"),
        ("fundingByMechanism", "mechanisms", "mechanism", "amountKzt"),
    ]
    for old, new, name, number in pairs:
        assert report[new], new
        assert [(_enum(r["key"]), r[number]) for r in report[old]] == [
            (r[name], r[number]) for r in report[new]
        ], new
    assert {r["settlement"] for r in report["settlements"]} == {"URBAN", "RURAL"}
    assert sum(r["amountKzt"] for r in report["mechanisms"]) > 0


METRICS = """{ search(query: "клуб добряков", first: 1) { organization {
  metrics { flags { code kind } } } } }"""


def test_flags_have_a_kind(api: Api) -> None:
    flags = api.data(METRICS)["search"][0]["organization"]["metrics"]["flags"]
    assert flags and all(f["kind"] == _enum(f["code"]) for f in flags)
    assert "SELF_FUNDED" in {f["kind"] for f in flags}


FUNDING = """query($by: FundingGroup!) { dashboard { fundingTotals(groupBy: $by) {
  key mechanism year amountKzt projects
  funder { __typename ... on Organization { bin } ... on Akimat { code } ... on Donor { code } }
} } }"""


def test_funding_totals_by_mechanism_and_year_are_typed(api: Api) -> None:
    by_mechanism = api.data(FUNDING, {"by": "MECHANISM"})["dashboard"]["fundingTotals"]
    assert by_mechanism
    for row in by_mechanism:
        assert row["mechanism"] == _enum(row["key"])
        assert row["year"] is None and row["funder"] is None
    by_year = api.data(FUNDING, {"by": "YEAR"})["dashboard"]["fundingTotals"]
    assert by_year
    for row in by_year:
        assert isinstance(row["year"], int) and row["year"] == int(row["key"])
        assert row["mechanism"] is None and row["funder"] is None
    assert sum(r["amountKzt"] for r in by_year) == sum(r["amountKzt"] for r in by_mechanism)


def test_funding_totals_by_funder_are_objects(api: Api) -> None:
    rows = api.data(FUNDING, {"by": "FUNDER"})["dashboard"]["fundingTotals"]
    kinds = {r["funder"]["__typename"] for r in rows}
    assert {"Akimat", "Organization"} <= kinds
    for row in rows:
        funder = row["funder"]
        assert funder.get("bin", funder.get("code")) == row["key"]
        assert row["mechanism"] is None and row["year"] is None


KINDS = """query($t: ID!) { dashboard {
  organizationsByKind(territory: "550000000") { territory territoryName kind count }
  kindCounts(territory: $t) { territoryKato kind count territory { id kato name } }
} }"""


def test_kind_counts_take_an_id_or_a_kato_and_give_the_territory(api: Api) -> None:
    region_id = api.data(f'{{ territory(kato: "{REGION}") {{ id }} }}')["territory"]["id"]
    by_kato = api.data(KINDS, {"t": REGION})["dashboard"]
    by_id = api.data(KINDS, {"t": region_id})["dashboard"]
    assert by_kato["kindCounts"] == by_id["kindCounts"]
    old = [(r["territory"], r["territoryName"], r["kind"], r["count"])
           for r in by_kato["organizationsByKind"]]  # fmt: skip
    new = [(r["territoryKato"], r["territory"]["name"], r["kind"], r["count"])
           for r in by_kato["kindCounts"]]  # fmt: skip
    assert old and old == new
    assert all(r["territory"]["kato"] == r["territoryKato"] for r in by_kato["kindCounts"])
    default = api.data("{ dashboard { kindCounts { territoryKato kind count } } }")
    assert default["dashboard"]["kindCounts"] == [
        {k: r[k] for k in ("territoryKato", "kind", "count")} for r in by_kato["kindCounts"]
    ]


def test_kind_counts_refuse_an_id_of_another_type(api: Api) -> None:
    org_id = api.data("{ organizations(first: 1) { edges { node { id } } } }")
    node_id = org_id["organizations"]["edges"][0]["node"]["id"]
    body = api(KINDS, {"t": node_id})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "expected the ID or key of Territory" in body["errors"][0]["message"]


VIEWER = "{ viewer { authenticated role accessLevel } }"


def test_viewer_access_level(demo: tuple[Api, dict[str, str]]) -> None:
    api, tokens = demo
    assert api.data(VIEWER)["viewer"] == {"authenticated": False, "role": None, "accessLevel": None}
    for role, token in tokens.items():
        viewer = api.data(VIEWER, token=token)["viewer"]
        assert viewer["role"] == role and viewer["accessLevel"] == _enum(role)


PARTNERS = """{ organizations(first: 60) { edges { node {
  partners(first: 10, includeEnded: true) { edges { basis partnershipBasis } } } } } }"""
SUPPORTS = """{ akimats { supportedOrganizations(first: 20) { edges { form supportForm } } } }"""


def test_partnership_basis_and_support_form_are_enums(api: Api) -> None:
    orgs = api.data(PARTNERS)["organizations"]["edges"]
    partners = [e for o in orgs for e in o["node"]["partners"]["edges"]]
    assert partners
    pairs = {(e["basis"], e["partnershipBasis"]) for e in partners}
    assert all(new == _enum(old) for old, new in pairs), pairs
    assert {"JOINT_PROJECT", "MEMORANDUM", "MENTORING", "INFORMAL"} <= {new for _, new in pairs}
    supports = [
        e for a in api.data(SUPPORTS)["akimats"] for e in a["supportedOrganizations"]["edges"]
    ]
    assert supports and all(e["supportForm"] == _enum(e["form"]) for e in supports)


PEOPLE = """{ organizations(first: 50) { edges { node {
  people(first: 10) { edges { relation membership } } } } } }"""


def test_membership_kind(demo: tuple[Api, dict[str, str]]) -> None:
    api, tokens = demo
    data = api.data(PEOPLE, token=tokens["admin"])
    edges = [e for o in data["organizations"]["edges"] for e in o["node"]["people"]["edges"]]
    assert edges and all(e["membership"] == _enum(e["relation"]) for e in edges)
    assert {e["membership"] for e in edges} <= {"VOLUNTEER", "MEMBER"}


def test_focus_areas_are_nodes(api: Api) -> None:
    areas = api.data("{ focusAreas { id code name } }")["focusAreas"]
    assert len({a["id"] for a in areas}) == len(areas) > 0
    node = api.data(
        "query($id: ID!) { node(id: $id) { id ... on FocusArea { code name } } }",
        {"id": areas[0]["id"]},
    )["node"]
    assert node == areas[0]


SEARCH = """query($q: String!) { search(query: $q, first: 10) {
  score relevance matchedName } }"""


def test_search_relevance_is_in_the_unit_interval(api: Api) -> None:
    hits = api.data(SEARCH, {"q": "клуб"})["search"]
    assert len(hits) > 1
    best = max(h["score"] for h in hits)
    for h in hits:
        assert 0 < h["relevance"] <= 1
        if h["relevance"] < 1:
            assert h["relevance"] == pytest.approx(h["score"] / best)
    assert hits[0]["relevance"] == 1
    relevances = [h["relevance"] for h in hits]
    assert relevances == sorted(relevances, reverse=True)


def test_search_relevance_of_an_exact_name_is_one(api: Api) -> None:
    name = api.data(SEARCH, {"q": "клуб добряков"})["search"][0]["matchedName"]
    exact = [h for h in api.data(SEARCH, {"q": name})["search"] if h["matchedName"] == name]
    assert exact and exact[0]["relevance"] == 1


def test_relevance() -> None:
    assert relevance(10.0, 20.0, exact=False) == 0.5
    assert relevance(10.0, 20.0, exact=True) == 1.0
    assert relevance(0.0, 0.0, exact=False) == 1.0


@pytest.mark.parametrize(
    ("text", "basis"),
    [
        ("joint_project", PartnershipBasis.JOINT_PROJECT),
        ("Joint project", PartnershipBasis.JOINT_PROJECT),
        (" memorandum ", PartnershipBasis.MEMORANDUM),
        ("a handshake", PartnershipBasis.OTHER),
        ("", None),
        (None, None),
    ],
)
def test_partnership_basis_of_free_text(text: str | None, basis: PartnershipBasis | None) -> None:
    assert PartnershipBasis.of(text) is basis


def test_support_form_of_free_text() -> None:
    assert SupportForm.of("Grant-support") is SupportForm.GRANT_SUPPORT
    assert SupportForm.of("a bus") is SupportForm.OTHER


def test_dates_name_their_specification() -> None:
    schema: Any = create_schema()._schema
    for name, url in [
        ("Date", "https://scalars.graphql.org/andimarek/local-date.html"),
        ("DateTime", "https://scalars.graphql.org/andimarek/date-time.html"),
    ]:
        scalar = schema.get_type(name)
        assert isinstance(scalar, GraphQLScalarType) and scalar.specified_by_url == url
