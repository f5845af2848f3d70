"""The N+1 test: nested selections cost the same number of queries for 5 items or 50."""

from __future__ import annotations

from graph.db import Database
from tests.api.conftest import Api

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


def test_queries_do_not_grow_with_the_page(api: Api, many: list[str], sample: Database) -> None:
    # give the added organisations projects and partners so every level has rows
    sample.write(
        """MATCH (o:Organization:YouthGroup), (p:Project {code: 'P-2'}),
                 (v:Organization {bin: '990140004654'})
           MERGE (o)-[:PARTICIPATES_IN {role: 'partner'}]->(p)
           MERGE (o)-[:PARTNERS_WITH {since: date('2020-01-01')}]->(v)"""
    )
    small = api(NESTED, {"n": 5})
    large = api(NESTED, {"n": 50})
    assert "errors" not in small and "errors" not in large
    assert len(small["data"]["organizations"]["edges"]) == 5
    assert len(large["data"]["organizations"]["edges"]) == 46
    assert small["extensions"]["db"]["queries"] == large["extensions"]["db"]["queries"]
    assert large["extensions"]["db"]["queries"] <= 12
