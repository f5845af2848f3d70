"""Chains of real relationships between two organisations of the demo region."""

from __future__ import annotations

import pytest

from graph.db import Database
from graph.discovery import HopKind, connection
from graph.errors import InvalidInput, NotFound
from tests.graph.discovery.conftest import CLUB, VETERANS

_DIRECT: str = """
EXISTS { (a)-[:PARTNERS_WITH]-(b) }
OR EXISTS { (a)-[:PARTICIPATES_IN]->(:Project)<-[:PARTICIPATES_IN]-(b) }
OR EXISTS { (a)<-[:SUPPORTS]-(:Akimat)-[:SUPPORTS]->(b) }
OR EXISTS { (a)-[:PARTICIPATES_IN {role: 'accountable'}]->(:Project)<-[:FUNDS]-(:Akimat)
            -[:FUNDS]->(:Project)<-[:PARTICIPATES_IN {role: 'accountable'}]-(b) }
"""


def test_two_organisations_of_one_project(demo: Database) -> None:
    row = demo.read(
        "MATCH (a:Organization)-[:PARTICIPATES_IN]->(p:Project)<-[:PARTICIPATES_IN]-"
        "(b:Organization) WHERE a.bin < b.bin AND NOT (a)-[:PARTNERS_WITH]-(b) "
        "RETURN a.bin AS a, b.bin AS b, p.code AS code, p.title AS title ORDER BY code LIMIT 1"
    )[0]
    paths = connection(demo, row["a"], row["b"], max_hops=2)
    assert paths and all(p.length == 1 for p in paths)
    hops = [p.hops[0] for p in paths]
    project = next(h for h in hops if h.kind is HopKind.PROJECT and h.key == row["code"])
    assert str(project.text) == f"both take part in project «{row['title']}» ({row['code']})"
    assert project.source.bin == row["a"] and project.target.bin == row["b"]
    assert paths[0].organizations[0].bin == row["a"] and paths[0].organizations[-1].bin == row["b"]


def test_hops_are_named_and_chained(demo: Database) -> None:
    paths = connection(demo, VETERANS, CLUB, max_hops=4)
    assert paths
    for path in paths:
        assert len(path.organizations) == path.length + 1
        for hop, here, there in zip(
            path.hops, path.organizations[:-1], path.organizations[1:], strict=True
        ):
            assert hop.source == here and hop.target == there and hop.text
            if hop.kind is HopKind.PARTNERSHIP:
                assert str(hop.text).startswith("partners")
            elif hop.kind is HopKind.FUNDER:
                assert str(hop.text).startswith("both have projects funded by Акимат")
        assert str(path.text).startswith(path.organizations[0].name)


def test_nothing_beyond_max_hops(demo: Database) -> None:
    query = (
        "MATCH (a:Organization)-[:PARTNERS_WITH]-(:Organization)-[:PARTNERS_WITH]-(b:Organization)"
        " WHERE a.bin < b.bin AND NOT (" + _DIRECT + ") "
        "RETURN a.bin AS a, b.bin AS b ORDER BY a, b LIMIT 1"
    )
    row = demo.read(query)[0]
    assert connection(demo, row["a"], row["b"], max_hops=1) == []
    two = connection(demo, row["a"], row["b"], max_hops=2)
    assert two and {p.length for p in two} == {2}


@pytest.mark.parametrize("max_hops", [0, 7])
def test_max_hops_is_validated(demo: Database, max_hops: int) -> None:
    with pytest.raises(InvalidInput) as error:
        connection(demo, VETERANS, CLUB, max_hops=max_hops)
    assert error.value.field == "max_hops"


def test_unknown_organisations(demo: Database) -> None:
    with pytest.raises(NotFound):
        connection(demo, VETERANS, "000000000000")
    with pytest.raises(InvalidInput):
        connection(demo, VETERANS, VETERANS)
