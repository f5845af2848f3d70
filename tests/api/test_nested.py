"""The N+1 test: nested selections cost the same number of queries for 5 items or 50."""

from __future__ import annotations

from graph.db import Database
from tests.api.conftest import Api

PAGE = """
query($n: Int!) {
  organizations(first: $n, where: {kind: {eq: YOUTH_GROUP}}, orderBy: {field: NAME}) {
    edges { node {
      name territory { name }
      projects(first: 2) { edges { role node { title } } }
      partners(first: 3) { edges { since node { name } } }
    } }
  }
}
"""

NESTED = """
query($n: Int!) {
  organizations(first: $n, where: {kind: {eq: YOUTH_GROUP}}, orderBy: {field: NAME}) {
    edges { node {
      name territory { name parent { name } }
      focusAreas { code }
      fundingProfile { totalKzt stateShare }
      partners(first: 3) { totalCount edges { since node { name territory { name } } } }
      projects(first: 2) { edges { role node {
        title beneficiaryTerritory { name }
        participants(first: 2) { edges { role node { name territory { kato } } } }
        fundings(first: 2) { edges { node { amountKzt funder { __typename } } } }
      } } }
    } }
  }
}
"""


def _link_youth_groups(sample: Database) -> None:
    """Give the added organisations projects and partners so every level has rows."""
    sample.write(
        """MATCH (o:Organization:YouthGroup), (p:Project {code: 'P-2'}),
                 (v:Organization {bin: '990140004654'})
           MERGE (o)-[:PARTICIPATES_IN {role: 'partner'}]->(p)
           MERGE (o)-[:PARTNERS_WITH {since: date('2020-01-01')}]->(v)"""
    )


def test_the_items_of_a_page_ask_in_one_tick(api: Api, many: list[str], sample: Database) -> None:
    """The page with every item's territory, projects and partners: one query, whatever the
    page size (the selection is read ahead, api/lookahead.py)."""
    _link_youth_groups(sample)
    for n, items in ((5, 5), (50, 46)):
        body = api(PAGE, {"n": n})
        edges = body["data"]["organizations"]["edges"]
        assert len(edges) == items and all(e["node"]["partners"]["edges"] for e in edges)
        assert body["extensions"]["db"]["queries"] == 1


def test_queries_do_not_grow_with_the_page(api: Api, many: list[str], sample: Database) -> None:
    """Each loader costs at most one query per position in the selection, never one per item.

    Two positions that ask one loader (a territory here and a partner's territory there) share a
    query when Neo4j's answers bring them to the same tick, so the exact count can vary by one
    between runs; it is bounded the same for 5 items as for 46.
    """
    _link_youth_groups(sample)
    small = api(NESTED, {"n": 5})
    large = api(NESTED, {"n": 50})
    assert "errors" not in small and "errors" not in large
    assert len(small["data"]["organizations"]["edges"]) == 5
    assert len(large["data"]["organizations"]["edges"]) == 46
    assert small["extensions"]["db"]["queries"] <= 12
    assert large["extensions"]["db"]["queries"] <= 12


COUNTS = """{
  ngo: organizations(where: {kind: {eq: NGO}}) { totalCount }
  youth: organizations(where: {kind: {eq: YOUTH_GROUP}}) { totalCount }
  all: organizations { totalCount }
}"""


def test_counts_of_several_aliases_are_one_query(api: Api, many: list[str]) -> None:
    """Per-kind counts (one alias each) read no page and count together."""
    body = api(COUNTS)
    data = body["data"]
    pages = {
        k: api.data(
            "query($k: OrganizationKind!) { organizations(where: {kind: {eq: $k}}) "
            "{ totalCount } }",
            {"k": k},
        )["organizations"]["totalCount"]
        for k in ("NGO", "YOUTH_GROUP")
    }
    assert data["ngo"]["totalCount"] == pages["NGO"]
    assert data["youth"]["totalCount"] == pages["YOUTH_GROUP"] >= 46
    assert data["all"]["totalCount"] >= data["ngo"]["totalCount"] + data["youth"]["totalCount"]
    assert body["extensions"]["db"]["queries"] == 1
