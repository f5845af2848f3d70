from __future__ import annotations

import itertools
import math

import networkx as nx
import pytest

from graph.analytics.homophily import (
    assortativity,
    ei_index,
    ei_index_by_group,
    ei_index_test,
    mixing_matrix,
)


def _four() -> nx.Graph:
    """a, b in group x; c, d in group y. Internal: a-b, c-d. External: a-c, b-d, a-d."""
    G = nx.Graph([("a", "b"), ("c", "d"), ("a", "c"), ("b", "d"), ("a", "d")])
    nx.set_node_attributes(G, {"a": "x", "b": "x", "c": "y", "d": "y"}, "group")
    return G


def test_ei_index_by_hand() -> None:
    assert ei_index(_four(), "group") == pytest.approx((3 - 2) / 5)


def test_weighted_ei_index_by_hand() -> None:
    G = _four()
    G.edges["a", "b"]["weight"] = 3.0  # I = 3 + 1, E = 1 + 1 + 1
    assert ei_index(G, "group", weight="weight") == pytest.approx((3 - 4) / 7)


def test_ei_index_extremes() -> None:
    G = nx.Graph([("a", "b"), ("c", "d")])
    nx.set_node_attributes(G, {"a": "x", "b": "x", "c": "y", "d": "y"}, "group")
    assert ei_index(G, "group") == -1.0
    assert ei_index(nx.Graph([("a", "c")]), "group") != ei_index(G, "group")
    H = nx.Graph([("a", "c"), ("b", "d")])
    nx.set_node_attributes(H, {"a": "x", "b": "x", "c": "y", "d": "y"}, "group")
    assert ei_index(H, "group") == 1.0
    assert math.isnan(ei_index(nx.empty_graph(3), "group"))


def test_ei_index_by_group_by_hand() -> None:
    G = _four()
    G.add_edge("d", "e")
    G.nodes["e"]["group"] = "z"
    # x: I = 1 (a-b), E = 3 (a-c, b-d, a-d); y: I = 1, E = 4 (+ d-e); z: E = 1.
    assert ei_index_by_group(G, "group") == {
        "x": pytest.approx(2 / 4),
        "y": pytest.approx(3 / 5),
        "z": 1.0,
    }


def test_nodes_without_the_attribute_are_left_out() -> None:
    G = _four()
    G.add_edges_from([("a", "unknown"), ("b", "none")])
    G.nodes["none"]["group"] = None
    assert ei_index(G, "group") == pytest.approx(0.2)
    assert set(ei_index_by_group(G, "group")) == {"x", "y"}


def test_assortativity_matches_networkx_and_hand_values() -> None:
    G = nx.Graph([("a", "b"), ("c", "d")])
    nx.set_node_attributes(G, {"a": "x", "b": "x", "c": "y", "d": "y"}, "group")
    assert assortativity(G, "group") == pytest.approx(1.0)
    H = nx.Graph([("a", "c"), ("b", "d")])
    nx.set_node_attributes(H, {"a": "x", "b": "x", "c": "y", "d": "y"}, "group")
    assert assortativity(H, "group") == pytest.approx(-1.0)
    K = nx.karate_club_graph()
    assert assortativity(K, "club") == pytest.approx(
        nx.attribute_assortativity_coefficient(K, "club")
    )


def test_assortativity_is_nan_when_undefined_and_warns_nothing() -> None:
    G = nx.Graph([("a", "b")])
    nx.set_node_attributes(G, "x", "group")
    assert math.isnan(assortativity(G, "group"))  # one group only
    assert math.isnan(assortativity(nx.empty_graph(2), "group"))


def test_mixing_matrix() -> None:
    table = mixing_matrix(_four(), "group")
    assert table.loc["x", "x"] == 1 and table.loc["y", "y"] == 1
    assert table.loc["x", "y"] == table.loc["y", "x"] == 3


def _two_triangles() -> nx.Graph:
    G = nx.Graph([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
    nx.set_node_attributes(G, {n: "xy"[n // 3] for n in G}, "group")
    return G


def test_ei_index_test_against_the_exact_permutation_distribution() -> None:
    # Two triangles, one per group, one tie between them: E = 1, I = 6, E-I = -5/7. Shuffling
    # 3 x and 3 y labels gives each of the C(6, 3) = 20 labellings with equal chance; only the
    # two that put a group on each triangle reach E = 1, so P(E-I <= -5/7) = 2/20 = 0.1. Each
    # tie is external with chance 2·3·3/(6·5) = 0.6: expected E = 4.2, E-I = (8.4 - 7)/7 = 0.2.
    G = _two_triangles()
    exact = []
    for xs in itertools.combinations(range(6), 3):
        labels = {n: "x" if n in xs else "y" for n in G}
        exact.append(sum(labels[u] != labels[v] for u, v in G.edges))
    assert sum(e == 1 for e in exact) / len(exact) == 0.1
    test = ei_index_test(G, "group", permutations=4000, seed=1)
    assert test.ei == pytest.approx(-5 / 7)
    assert test.expected == pytest.approx(0.2, abs=0.02)
    assert test.p_lower == pytest.approx(0.1, abs=0.02)
    assert test.p_upper == 1.0
    assert test.p_value == pytest.approx(2 * test.p_lower)
    assert test == ei_index_test(G, "group", permutations=4000, seed=1)  # seeded


def test_ei_index_test_edge_cases() -> None:
    G = _two_triangles()
    # All labels the same: every permutation is the observed one, both tails are 1.
    nx.set_node_attributes(G, "x", "group")
    same = ei_index_test(G, "group", permutations=50)
    assert same.ei == -1.0 and same.p_lower == same.p_upper == 1.0
    assert math.isnan(ei_index_test(nx.empty_graph(3), "group", permutations=5).ei)
    with pytest.raises(ValueError, match="permutations"):
        ei_index_test(G, "group", permutations=0)
