from __future__ import annotations

import math

import networkx as nx
import pytest

from graph.analytics.homophily import assortativity, ei_index, ei_index_by_group, mixing_matrix


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
