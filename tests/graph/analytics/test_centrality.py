from __future__ import annotations

import networkx as nx
import pytest

from graph.analytics.centrality import (
    betweenness,
    centrality_table,
    core_number,
    degree,
    pagerank,
    weighted_degree,
)


def test_degree_and_strength() -> None:
    G = nx.Graph([("a", "b", {"weight": 1.5}), ("b", "c", {"weight": 0.5}), ("c", "d")])
    G.add_node("e")
    assert degree(G) == {"a": 1, "b": 2, "c": 2, "d": 1, "e": 0}
    assert weighted_degree(G) == {"a": 1.5, "b": 2.0, "c": 1.5, "d": 1.0, "e": 0.0}


def test_betweenness_finds_the_broker() -> None:
    # Two triangles joined through "x": every path between them passes x.
    G = nx.Graph([(1, 2), (2, 3), (1, 3), (3, "x"), ("x", 4), (4, 5), (5, 6), (4, 6)])
    values = betweenness(G)
    assert max(values, key=values.__getitem__) == "x"
    assert values == pytest.approx(nx.betweenness_centrality(G))


@pytest.mark.parametrize("leaves", [2, 4, 7])
def test_pagerank_of_a_star_matches_the_closed_form(leaves: int) -> None:
    # Centre c and leaves l: c = (1-a)/N + a*n*l and l = (1-a)/N + a*c/n, so
    # c = (1 + a*n) / (N * (1 + a)).
    alpha, n = 0.85, leaves + 1
    centre = (1 + alpha * leaves) / (n * (1 + alpha))
    values = pagerank(nx.star_graph(leaves), alpha=alpha)
    assert values[0] == pytest.approx(centre)
    assert values[1] == pytest.approx((1 - centre) / leaves)


def test_pagerank_without_jumps_is_proportional_to_strength() -> None:
    # A random walk on a connected non-bipartite graph visits nodes in proportion to strength.
    G = nx.Graph([(0, 1, {"weight": 2.0}), (1, 2, {"weight": 1.0}), (0, 2), (2, 3)])
    strength = weighted_degree(G)
    total = sum(strength.values())
    values = pagerank(G, alpha=1.0)
    assert values == pytest.approx({v: s / total for v, s in strength.items()}, abs=1e-8)
    unweighted = pagerank(G, alpha=1.0, weight=None)
    assert unweighted == pytest.approx({v: d / 8 for v, d in degree(G).items()}, abs=1e-8)


def test_pagerank_sums_to_one_with_isolated_nodes() -> None:
    G = nx.path_graph(4)
    G.add_nodes_from(["lonely", "alone"])
    values = pagerank(G)
    assert sum(values.values()) == pytest.approx(1.0)
    assert values["lonely"] == pytest.approx(values["alone"])
    assert pagerank(nx.Graph()) == {}


def test_pagerank_reports_non_convergence() -> None:
    # power iteration: directed graphs (undirected ones are solved directly by igraph)
    with pytest.raises(nx.PowerIterationFailedConvergence):
        pagerank(nx.path_graph(4, create_using=nx.DiGraph), max_iter=2)


def test_core_number_ignores_self_loops() -> None:
    G = nx.complete_graph(4)
    G.add_edges_from([(3, 4), (4, 4)])
    assert core_number(G) == {0: 3, 1: 3, 2: 3, 3: 3, 4: 1}


def test_centrality_table_has_one_row_per_node() -> None:
    G = nx.karate_club_graph()
    table = centrality_table(G)
    assert list(table.index) == list(G)
    assert list(table.columns) == [
        "degree",
        "weighted_degree",
        "betweenness",
        "pagerank",
        "core_number",
    ]
    assert table["pagerank"].sum() == pytest.approx(1.0)
    assert table.loc[0, "degree"] == 16
