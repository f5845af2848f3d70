from __future__ import annotations

import itertools
import math
import random
from dataclasses import astuple

import networkx as nx
import pytest

from graph.analytics import money_flows
from graph.analytics.brokerage import (
    BrokerageRoles,
    DirectedBrokerageRoles,
    brokerage_table,
    constraint,
    effective_size,
    gould_fernandez,
    gould_fernandez_directed,
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


def _broker_graph() -> nx.DiGraph:
    """The hand-built directed broker graph of issue 17: b (group A) brokers every role.

    Into b: a1 (A), x1 (B), x3 (B). Out of b: a2 (A), a3 (A), x2 (B), y1 (C). Also a1 → y1
    (closes the path a1 → b → y1) and x2 → x1 (the reverse direction: closes nothing at b).
    """
    D = nx.DiGraph([("a1", "b"), ("x1", "b"), ("x3", "b")])
    D.add_edges_from([("b", "a2"), ("b", "a3"), ("b", "x2"), ("b", "y1")])
    D.add_edges_from([("a1", "y1"), ("x2", "x1")])
    groups = {"b": "A", "a1": "A", "a2": "A", "a3": "A", "x1": "B", "x2": "B", "x3": "B"}
    nx.set_node_attributes(D, groups | {"y1": "C"}, "group")
    return D


def test_gould_fernandez_directed_roles_by_hand() -> None:
    roles = gould_fernandez_directed(_broker_graph(), "group")
    # The 3 × 4 = 12 paths through b, (source, target): groups A→A→A coordinator, B→A→A
    # gatekeeper, A→A→B or C representative, B→A→B itinerant, B→A→C liaison.
    #   a1→a2, a1→a3                      coordinator     2
    #   x1→a2, x1→a3, x3→a2, x3→a3        gatekeeper      4
    #   a1→x2 (a1→y1 closed by a1 → y1)   representative  1
    #   x1→x2, x3→x2 (x2 → x1 is reverse) itinerant       2
    #   x1→y1, x3→y1                      liaison         2
    assert roles["b"] == DirectedBrokerageRoles(
        coordinator=2, gatekeeper=4, representative=1, itinerant=2, liaison=2
    )
    assert roles["b"].total == 11
    # x2 (B) passes b's flow on to x1 (B), b → x1 absent: gatekeeper (A→B→B). x1 (B) passes
    # x2's flow to b (A), x2 → b absent: representative (B→B→A). Nobody else has a path through.
    assert roles["x2"] == DirectedBrokerageRoles(gatekeeper=1)
    assert roles["x1"] == DirectedBrokerageRoles(representative=1)
    assert all(roles[n] == DirectedBrokerageRoles() for n in ("a1", "a2", "a3", "x3", "y1"))


def test_gould_fernandez_directed_normalised_by_hand() -> None:
    roles = gould_fernandez_directed(_broker_graph(), "group", normalized=True)
    # 8 nodes, 9 ties: d = 9/56; a path is expected d²(1 - d) × ordered pairs of the others.
    # Groups A 4, B 3, C 1. For b (A): coordinator (4-1)(4-2) = 6 pairs; gatekeeper and
    # representative (4-1)(8-4) = 12; itinerant 3·2 + 1·0 = 6; liaison 3·(4-3) + 1·(4-1) = 6.
    chance = (9 / 56) ** 2 * (1 - 9 / 56)
    assert roles["b"].coordinator == pytest.approx(2 / (6 * chance))
    assert roles["b"].gatekeeper == pytest.approx(4 / (12 * chance))
    assert roles["b"].representative == pytest.approx(1 / (12 * chance))
    assert roles["b"].itinerant == pytest.approx(2 / (6 * chance))
    assert roles["b"].liaison == pytest.approx(2 / (6 * chance))
    # For y1 (C, alone in its group) coordinator and gatekeeper/representative are impossible.
    assert math.isnan(roles["y1"].coordinator) and math.isnan(roles["y1"].gatekeeper)
    assert roles["y1"].liaison == 0


@pytest.mark.parametrize("seed", range(6))
def test_undirected_counts_are_half_the_directed_ones_on_symmetric_ties(seed: int) -> None:
    rnd = random.Random(seed)
    G = nx.gnm_random_graph(30, rnd.randint(20, 120), seed=seed)
    nx.set_node_attributes(G, {n: rnd.choice("XYZ") for n in G}, "g")
    undirected = gould_fernandez(G, "g")
    directed = gould_fernandez_directed(G.to_directed(), "g")
    for n in G:
        u, d = undirected[n], directed[n]
        assert (d.coordinator, d.itinerant, d.liaison) == (
            2 * u.coordinator,
            2 * u.itinerant,
            2 * u.liaison,
        )
        assert d.gatekeeper == d.representative == u.gatekeeper_representative
        assert d.total == 2 * u.total


def test_gould_fernandez_directed_refuses_undirected_graphs() -> None:
    with pytest.raises(nx.NetworkXNotImplemented, match="gould_fernandez"):
        gould_fernandez_directed(nx.Graph([(0, 1)]), "group")


def test_brokerage_table_of_directed_ties() -> None:
    table = brokerage_table(_broker_graph(), "group", weight=None)
    row = table.loc["b"]
    assert row[
        ["coordinator", "gatekeeper", "representative", "itinerant", "liaison"]
    ].tolist() == [
        2,
        4,
        1,
        2,
        2,
    ]
    assert (row["gatekeeper_representative"], row["brokerage"]) == (5, 11)


def test_money_flows_give_directed_brokers() -> None:
    """An akimat funds a resource centre's project; the centre funds an NGO's project. The
    projects collapse into funder → recipient ties, and by node type the centre is the
    gatekeeper of the one path akimat → centre → NGO (no tie akimat → NGO)."""
    F = nx.DiGraph()
    F.add_nodes_from(["project:A", "project:B", "project:C"], type="project")
    F.add_node("akimat:r", type="akimat")
    F.add_node("111", type="organization")
    F.add_node("222", type="organization")
    F.add_edge("akimat:r", "project:A", amount_kzt=100, state_kzt=100)
    F.add_edge("project:A", "111")
    F.add_edge("111", "project:B", amount_kzt=30, state_kzt=0)
    F.add_edge("project:B", "222")
    F.add_edge("111", "project:C", amount_kzt=5, state_kzt=0)  # its own project: no tie
    F.add_edge("project:C", "111")
    flows = money_flows(F)
    assert sorted(flows.edges(data="amount_kzt")) == [("111", "222", 30), ("akimat:r", "111", 100)]
    roles = gould_fernandez_directed(flows, "type")
    # akimat -> 111 -> 222: g(akimat) != g(111) = g(222), so a gatekeeper, once
    assert roles["111"].gatekeeper == 1 and roles["111"].total == 1
    assert roles["akimat:r"].total == 0 and roles["222"].total == 0
