"""Held-out networks: the analytics on the classic networks networkx ships, which no one here
generated, agree with networkx wherever networkx has the measure.

Davis's southern women are a bipartite women–events graph; they are projected onto the women
as networkx does (:func:`networkx.bipartite.weighted_projected_graph`: a tie per pair of women
who attended an event together, weighted by the events shared), then scaled by
:data:`~graph.analytics.projections.PROJECT_WEIGHT`, as the partnership graph weighs shared
projects. Measures without a networkx counterpart (core–periphery, Gould–Fernandez, E-I) are
tested against hand counts and exhaustive answers in their own test files.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from graph.analytics import (
    PROJECT_WEIGHT,
    assortativity,
    betweenness,
    centrality_table,
    communities,
    constraint,
    core_number,
    degree,
    effective_size,
    mixing_matrix,
    modularity,
    pagerank,
    weighted_degree,
)


def _davis_women() -> nx.Graph:
    B = nx.davis_southern_women_graph()
    W = nx.bipartite.weighted_projected_graph(B, B.graph["top"])
    for _, _, data in W.edges(data=True):
        data["weight"] *= PROJECT_WEIGHT
    return W


def _florentine() -> nx.Graph:
    G = nx.florentine_families_graph()
    nx.set_edge_attributes(G, 1, "weight")  # unweighted marriages
    return G


NETWORKS: dict[str, Callable[[], nx.Graph]] = {
    "karate": nx.karate_club_graph,
    "florentine": _florentine,
    "davis_women": _davis_women,
    "les_miserables": nx.les_miserables_graph,
}


@pytest.fixture(params=sorted(NETWORKS), scope="module")
def network(request: pytest.FixtureRequest) -> nx.Graph:
    return NETWORKS[request.param]()


def _close(found: dict[object, float], expected: dict[object, float], tol: float = 1e-9) -> None:
    assert found.keys() == expected.keys()
    for node, value in expected.items():
        if math.isnan(value):
            assert math.isnan(found[node]), node
        else:
            assert found[node] == pytest.approx(value, abs=tol), node


def test_the_networks_are_the_classic_ones() -> None:
    sizes = {name: (len(G := make()), G.number_of_edges()) for name, make in NETWORKS.items()}
    assert sizes == {
        "karate": (34, 78),
        "florentine": (15, 20),
        "davis_women": (18, 139),
        "les_miserables": (77, 254),
    }


def test_degrees_and_cores(network: nx.Graph) -> None:
    assert degree(network) == dict(network.degree())
    _close(weighted_degree(network), dict(network.degree(weight="weight")))
    assert core_number(network) == nx.core_number(network)


def test_betweenness(network: nx.Graph) -> None:
    _close(betweenness(network), nx.betweenness_centrality(network))
    unnormalised = nx.betweenness_centrality(network, normalized=False)
    _close(betweenness(network, normalized=False), unnormalised)


@pytest.mark.parametrize(("k", "seed"), [(5, 0), (10, 1), (20, 2)])
def test_sampled_betweenness(network: nx.Graph, k: int, seed: int) -> None:
    """From ``k`` sources: networkx's estimate exactly (same sources, same rescaling), and
    within the Hoeffding bound of docs/scaling.md of the exact values, here with δ = 0.01."""
    k = min(k, len(network) - 1)
    found = betweenness(network, k=k, seed=seed)
    _close(found, nx.betweenness_centrality(network, k=k, seed=seed), tol=1e-12)
    exact = nx.betweenness_centrality(network)
    bound = math.sqrt(math.log(2 * len(network) / 0.01) / (2 * k))
    # n/k rescaling of a source's own value makes it (k-1)-sampled: use the looser of the two
    bound = max(bound, math.sqrt(math.log(2 * len(network) / 0.01) / (2 * (k - 1))))
    assert max(abs(found[v] - exact[v]) for v in network) <= bound


@pytest.mark.parametrize("weight", ["weight", None])
def test_pagerank(network: nx.Graph, weight: str | None) -> None:
    # networkx.pagerank needs SciPy; its pure-Python implementation is the same algorithm.
    expected = _pagerank_python(network, alpha=0.85, weight=weight, tol=1e-12, max_iter=1000)
    _close(pagerank(network, weight=weight), expected, tol=1e-8)


@pytest.mark.parametrize("weight", ["weight", None])
def test_burt_measures(network: nx.Graph, weight: str | None) -> None:
    _close(constraint(network, weight=weight), nx.constraint(network, weight=weight))
    # ``nodes`` given: networkx's node-by-node path, Burt's formula as its docs state it. Without
    # it, networkx 3.6 takes a SciPy matrix path when SciPy is installed (scikit-learn brings it),
    # whose weighted values differ from that formula (karate: 13.775 against 13.954 for node 0).
    expected = nx.effective_size(network, weight=weight, nodes=list(network))
    _close(effective_size(network, weight=weight), expected)


@pytest.mark.parametrize("seed", [0, 7])
def test_louvain_and_modularity(network: nx.Graph, seed: int) -> None:
    found = communities(network, seed=seed, method="louvain")
    expected = nx.community.louvain_communities(network, weight="weight", seed=seed)
    assert {frozenset(c) for c in found} == {frozenset(c) for c in expected}
    assert modularity(network, found) == pytest.approx(
        nx.community.modularity(network, expected, weight="weight")
    )
    unweighted = nx.community.modularity(network, expected, weight=None)
    assert modularity(network, found, weight=None) == pytest.approx(unweighted)


@pytest.mark.parametrize("seed", [0, 7, 2018])
def test_leiden_is_as_good_as_louvain(network: nx.Graph, seed: int) -> None:
    """Leiden (igraph) is another heuristic than networkx's Louvain, so partitions may differ;
    its modularity is at least Louvain's or within 0.005 of it (Florentine, seed 7: 0.3975
    against 0.3988), and it is a partition of every node."""
    found = communities(network, seed=seed)
    assert sorted(n for c in found for n in c) == sorted(network)
    louvain = nx.community.louvain_communities(network, weight="weight", seed=seed)
    reference = nx.community.modularity(network, louvain, weight="weight")
    assert modularity(network, found) >= reference - 0.005
    assert found == communities(network, seed=seed)  # seeded: the same again


def test_centrality_table_is_the_same_measures(network: nx.Graph) -> None:
    table = centrality_table(network)
    _close(table["betweenness"].to_dict(), nx.betweenness_centrality(network))
    assert table["degree"].to_dict() == dict(network.degree())
    assert table["core_number"].to_dict() == nx.core_number(network)


def test_karate_club_factions() -> None:
    """The one classic network with a node attribute: the two factions of Zachary's club."""
    G = nx.karate_club_graph()
    expected = nx.attribute_assortativity_coefficient(G, "club")
    assert assortativity(G, "club") == pytest.approx(expected)
    mixing = mixing_matrix(G, "club")
    # networkx's normalised matrix counts each tie from both ends (over 2m ends); ours counts a
    # tie once, within a group on the diagonal and between two groups in both off-diagonal cells.
    order = sorted(mixing.index)
    nx_mixing = nx.attribute_mixing_matrix(G, "club", mapping={g: i for i, g in enumerate(order)})
    for i, a in enumerate(order):
        for j, b in enumerate(order):
            counted = nx_mixing[i, j] * 2 * G.number_of_edges()
            assert mixing.loc[a, b] == pytest.approx(counted if i != j else counted / 2)
