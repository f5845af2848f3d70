from __future__ import annotations

import itertools
import math
import random
from dataclasses import astuple

import networkx as nx
import pytest

from graph.analytics.brokerage import (
    BrokerageRoles,
    brokerage_table,
    constraint,
    effective_size,
    gould_fernandez,
)


def _random_weighted(seed: int) -> nx.Graph:
    G = nx.gnm_random_graph(30, 80, seed=seed)
    rng = random.Random(seed)
    for u, v in G.edges:
        G.edges[u, v]["weight"] = rng.choice([0.5, 1.0, 1.5, 2.0, 3.5])
    G.add_node("isolated")
    return G


def _same(a: dict[object, float], b: dict[object, float]) -> bool:
    return a.keys() == b.keys() and all(
        (math.isnan(a[k]) and math.isnan(b[k])) or a[k] == pytest.approx(b[k], abs=1e-12) for k in a
    )


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("weight", ["weight", None])
def test_burt_measures_match_networkx(seed: int, weight: str | None) -> None:
    G = _random_weighted(seed)
    assert _same(constraint(G, weight=weight), nx.constraint(G, nodes=list(G), weight=weight))
    assert _same(
        effective_size(G, weight=weight), nx.effective_size(G, nodes=list(G), weight=weight)
    )


def test_burt_measures_by_hand() -> None:
    star = nx.star_graph(4)
    assert constraint(star)[0] == pytest.approx(1 / 4)  # four contacts, 1/16 each
    assert effective_size(star)[0] == 4.0  # no redundancy
    triangle = nx.complete_graph(3)
    # p = 1/2 to each; indirect via the third: 1/2 * 1/2; (1/2 + 1/4)^2 twice.
    assert constraint(triangle)[0] == pytest.approx(2 * (3 / 4) ** 2)
    assert effective_size(triangle, weight=None)[0] == pytest.approx(2 - 2 * 1 / 2)
    lonely = nx.Graph()
    lonely.add_node("x")
    assert math.isnan(constraint(lonely)["x"]) and math.isnan(effective_size(lonely)["x"])


def test_gould_fernandez_on_a_five_node_graph_by_hand() -> None:
    # b (X) brokers between a (X), c (Y), d (Y), e (Z); c and e know each other.
    G = nx.Graph([("a", "b"), ("b", "c"), ("b", "d"), ("b", "e"), ("c", "e")])
    nx.set_node_attributes(G, {"a": "X", "b": "X", "c": "Y", "d": "Y", "e": "Z"}, "group")
    roles = gould_fernandez(G, "group")
    # Open pairs at b: (a,c) (a,d) (a,e): one end in b's group -> gatekeeper/representative;
    # (c,d): both Y, b is X -> itinerant; (d,e): Y, X, Z -> liaison; (c,e) is closed.
    assert roles["b"] == BrokerageRoles(
        coordinator=0, itinerant=1, liaison=1, gatekeeper_representative=3
    )
    assert roles["b"].gatekeeper == roles["b"].representative == 1.5
    assert roles["b"].total == 5
    # c's and e's neighbours know each other; a and d have one neighbour.
    assert all(roles[n] == BrokerageRoles() for n in "acde")


def test_gould_fernandez_coordinator_in_a_star_by_hand() -> None:
    G = nx.star_graph(["b", "a", "f", "c", "e"])  # b is the centre
    nx.set_node_attributes(G, {"b": "X", "a": "X", "f": "X", "c": "Y", "e": "Z"}, "group")
    # (a,f) coordinator; (a,c) (a,e) (f,c) (f,e) gatekeeper/representative; (c,e) liaison.
    assert gould_fernandez(G, "group")["b"] == BrokerageRoles(1, 0, 1, 4)


def test_every_open_pair_gets_exactly_one_role() -> None:
    G = nx.gnm_random_graph(25, 60, seed=7)
    nx.set_node_attributes(G, {n: "XYZ"[n % 3] for n in G}, "group")
    roles = gould_fernandez(G, "group")
    for b in G:
        neighbours = list(G[b])
        open_pairs = sum(
            1 for i, a in enumerate(neighbours) for c in neighbours[i + 1 :] if not G.has_edge(a, c)
        )
        assert roles[b].total == open_pairs


def _roles_by_definition(G: nx.Graph, attribute: str) -> dict[object, tuple[int, ...]]:
    """Every pair of neighbours, one by one, as Gould and Fernandez define the roles."""
    group = {n: g for n, g in G.nodes(data=attribute) if g is not None}
    roles = {}
    for b in G:
        counts = [0, 0, 0, 0]
        around = [n for n in G.adj[b] if n != b and n in group]
        for a, c in itertools.combinations(around, 2):
            if b not in group or G.has_edge(a, c):
                continue
            ga, gb, gc = group[a], group[b], group[c]
            if ga == gb == gc:
                counts[0] += 1
            elif ga == gc:
                counts[1] += 1
            elif gb not in (ga, gc):
                counts[2] += 1
            else:
                counts[3] += 1
        roles[b] = tuple(counts)
    return roles


@pytest.mark.parametrize("seed", range(12))
def test_gould_fernandez_matches_the_definition(seed: int) -> None:
    """Pairs are counted by group sizes minus tied pairs; check against the pair-by-pair count."""
    rnd = random.Random(seed)
    G = nx.gnm_random_graph(40, rnd.randint(20, 200), seed=seed)
    G.add_edges_from((0, n) for n in range(1, 40, 2))  # a hub, as the House of NGOs is
    G.add_edge(3, 3)
    for n in G:
        G.nodes[n]["g"] = rnd.choice(["ngo", "youth", "veterans", None])
    found = gould_fernandez(G, "g")
    assert {n: astuple(r) for n, r in found.items()} == _roles_by_definition(G, "g")


def test_nodes_without_a_group_are_left_out() -> None:
    G = nx.star_graph(3)
    nx.set_node_attributes(G, {0: "X", 1: "X", 2: None}, "group")  # 3 has no attribute
    roles = gould_fernandez(G, "group")
    assert roles[0] == BrokerageRoles()  # only (1, 2), (1, 3), (2, 3): each lacks a group
    G.nodes[2]["group"] = "X"
    assert gould_fernandez(G, "group")[0] == BrokerageRoles(coordinator=1)
    assert gould_fernandez(G, "group", nodes=[0]).keys() == {0}


def test_gould_fernandez_refuses_directed_graphs() -> None:
    with pytest.raises(nx.NetworkXNotImplemented):
        gould_fernandez(nx.DiGraph([(0, 1)]), "group")


def test_brokerage_table() -> None:
    G = nx.star_graph(["b", "a", "f", "c", "e"])
    nx.set_node_attributes(G, {"b": "X", "a": "X", "f": "X", "c": "Y", "e": "Z"}, "group")
    table = brokerage_table(G, "group")
    assert table.loc["b"].to_dict() == {
        "constraint": pytest.approx(0.25),
        "effective_size": 4.0,
        "coordinator": 1,
        "itinerant": 0,
        "liaison": 1,
        "gatekeeper": 2.0,
        "representative": 2.0,
        "gatekeeper_representative": 4,
        "brokerage": 6,
    }
