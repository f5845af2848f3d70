from __future__ import annotations

import math

import networkx as nx
import pytest

from graph.analytics.communities import (
    CommunityBridge,
    communities,
    community_bridges,
    membership,
    modularity,
    participation_coefficient,
)


def _two_triangles() -> nx.Graph:
    return nx.Graph([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])


def test_louvain_finds_the_two_triangles_every_time() -> None:
    G = _two_triangles()
    first = communities(G)
    assert [sorted(c) for c in first] == [[0, 1, 2], [3, 4, 5]]
    assert all(communities(G) == first for _ in range(5))


def test_communities_are_sorted_largest_first() -> None:
    G = nx.disjoint_union(nx.complete_graph(3), nx.complete_graph(5))
    G.add_node("lonely")
    sizes = [len(c) for c in communities(G)]
    assert sizes == [5, 3, 1]


def test_modularity_by_hand() -> None:
    # m = 7; each triangle has 3 internal ties and degree sum 7: 2 * (3/7 - (7/14)^2) = 5/14.
    G = _two_triangles()
    parts = communities(G)
    assert modularity(G, parts) == pytest.approx(5 / 14)
    assert modularity(G, parts) == pytest.approx(nx.community.modularity(G, parts))
    assert math.isnan(modularity(nx.empty_graph(3), [frozenset({0}), frozenset({1, 2})]))


def test_participation_coefficient_by_hand() -> None:
    G = _two_triangles()
    parts = communities(G)
    p = participation_coefficient(G, parts, weight=None)
    # Node 2: two ties in its own community, one in the other: 1 - (2/3)^2 - (1/3)^2 = 4/9.
    assert p[2] == pytest.approx(4 / 9) and p[3] == pytest.approx(4 / 9)
    assert p[0] == 0.0
    G.edges[2, 3]["weight"] = 2.0  # weights count: 1 - (2/4)^2 - (2/4)^2
    assert participation_coefficient(G, parts)[2] == pytest.approx(0.5)
    G.add_node("lonely")
    assert participation_coefficient(G, [*parts, frozenset({"lonely"})])["lonely"] == 0.0


def test_bridges_are_the_nodes_that_reach_other_communities() -> None:
    G = _two_triangles()
    G.add_edge(0, 4)
    parts = communities(G)
    bridges = community_bridges(G, parts, weight=None)
    assert {b.node for b in bridges} == {0, 2, 3, 4}
    assert bridges[0].participation >= bridges[-1].participation
    index = membership(parts)
    assert CommunityBridge(2, index[2], (0, 1), pytest.approx(4 / 9)) in bridges  # type: ignore[arg-type]
    assert community_bridges(G, parts, min_communities=3) == []
