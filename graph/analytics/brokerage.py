"""Brokerage: structural holes (Burt) and brokerage roles between groups (Gould–Fernandez).

An organisation *brokers* when it ties to others who are not tied to each other. Burt's
measures say how much of that an ego network holds; Gould and Fernandez say *between which
groups* (kinds of organisation, urban and rural places) the brokering happens.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

__all__ = [
    "BrokerageRoles",
    "brokerage_table",
    "constraint",
    "effective_size",
    "gould_fernandez",
]


def _shares(
    G: nx.Graph, weight: str | None
) -> tuple[dict[Any, dict[Any, float]], dict[Any, dict[Any, float]]]:
    """Per node: tie weights to each neighbour, and the share ``p`` of its total tie weight
    invested in each (Burt's proportional tie strength). Self-loops are ignored."""
    ties: dict[Any, dict[Any, float]] = {}
    for u in G:
        ties[u] = {
            v: 1.0 if weight is None else float(d.get(weight, 1.0))
            for v, d in G.adj[u].items()
            if v != u
        }
    shares = {}
    for u, row in ties.items():
        total = sum(row.values())
        shares[u] = {v: (w / total if total else 0.0) for v, w in row.items()}
    return ties, shares


def constraint(
    G: nx.Graph, *, weight: str | None = "weight", nodes: Iterable[Hashable] | None = None
) -> dict[Hashable, float]:
    """Burt's constraint: how much a node's ties lead to the same, interconnected others.

    ``c(v) = sum over neighbours u of (p(v, u) + sum over w of p(v, w) p(w, u))**2``, where
    ``p(v, u)`` is the share of ``v``'s tie strength invested in ``u``. Low constraint means
    the organisation spans structural holes; an isolated node gets ``nan`` (undefined).

    The same values as :func:`networkx.constraint` (tested against it) for undirected graphs
    without self-loops, computed from the shares once rather than per pair, which makes it
    fast enough for the whole region; directed graphs are passed to networkx.

    References
    ----------
    .. [1] Burt, R. S. (1992). Structural Holes: The Social Structure of Competition. Harvard
       University Press.

    Examples
    --------
    >>> c = constraint(nx.star_graph(2))
    >>> c[0], c[1]
    (0.5, 1.0)
    """
    targets = list(G if nodes is None else nodes)
    if G.is_directed() or G.is_multigraph():
        return {n: float(v) for n, v in nx.constraint(G, nodes=targets, weight=weight).items()}
    _, p = _shares(G, weight)
    result: dict[Hashable, float] = {}
    for v in targets:
        if not p[v]:
            result[v] = float("nan")
            continue
        indirect: dict[Any, float] = dict.fromkeys(p[v], 0.0)
        for w, p_vw in p[v].items():
            for u, p_wu in p[w].items():
                if u in indirect:
                    indirect[u] += p_vw * p_wu
        result[v] = sum((p[v][u] + indirect[u]) ** 2 for u in p[v])
    return result


def effective_size(
    G: nx.Graph, *, weight: str | None = "weight", nodes: Iterable[Hashable] | None = None
) -> dict[Hashable, float]:
    """Burt's effective size: the number of a node's contacts minus their redundancy.

    ``e(v) = sum over neighbours u of (1 - sum over w of p(v, w) m(u, w))``, with ``p(v, w)``
    the share of ``v``'s tie strength invested in ``w`` and ``m(u, w)`` the strength of the
    ``u``–``w`` tie divided by ``u``'s strongest tie. Unweighted, it is ``n - 2t/n`` (``n``
    contacts, ``t`` ties among them; Borgatti 1997). Isolated nodes get ``nan``.

    The same values as :func:`networkx.effective_size` (tested against it) for undirected
    graphs without self-loops, computed in one pass; directed graphs are passed to networkx.

    References
    ----------
    .. [1] Burt, R. S. (1992). Structural Holes. Harvard University Press.
    .. [2] Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
       Connections 20(1), 35–38.

    Examples
    --------
    >>> effective_size(nx.star_graph(3), weight=None)[0]
    3.0
    """
    targets = list(G if nodes is None else nodes)
    if G.is_directed() or G.is_multigraph():
        values = nx.effective_size(G, nodes=targets, weight=weight)
        return {n: float(v) for n, v in values.items()}
    ties, p = _shares(G, weight)
    strongest = {u: max(row.values(), default=0.0) for u, row in ties.items()}
    result: dict[Hashable, float] = {}
    for v in targets:
        if not p[v]:
            result[v] = float("nan")
            continue
        redundancy = 0.0
        for u in p[v]:
            if strongest[u] == 0:
                continue
            for w, tie in ties[u].items():
                if w in p[v]:
                    redundancy += p[v][w] * tie / strongest[u]
        result[v] = len(p[v]) - redundancy
    return result


@dataclass(frozen=True, slots=True)
class BrokerageRoles:
    """Gould–Fernandez brokerage counts of one broker in an undirected graph.

    For undirected ties the *representative* (a and b in one group, c in another) and the
    *gatekeeper* (a in one group, b and c in another) are the same open triad read in the two
    directions, so they are counted together in ``gatekeeper_representative``; the
    ``gatekeeper`` and ``representative`` properties split that count symmetrically (half
    each).
    """

    coordinator: int = 0
    itinerant: int = 0
    liaison: int = 0
    gatekeeper_representative: int = 0

    @property
    def gatekeeper(self) -> float:
        return self.gatekeeper_representative / 2

    @property
    def representative(self) -> float:
        return self.gatekeeper_representative / 2

    @property
    def total(self) -> int:
        """All brokered pairs with known groups."""
        return self.coordinator + self.itinerant + self.liaison + self.gatekeeper_representative


def gould_fernandez(
    G: nx.Graph, attribute: str, *, nodes: Iterable[Hashable] | None = None
) -> dict[Hashable, BrokerageRoles]:
    """Gould–Fernandez brokerage roles of each node, groups given by a node attribute.

    For a broker ``b`` every unordered pair ``{a, c}`` of its neighbours that are *not*
    tied to each other is one brokered pair, classified by the groups ``g`` of ``a, b, c``:

    ============================  =================================================
    coordinator                   ``g(a) = g(b) = g(c)`` (brokers inside its group)
    itinerant (consultant)        ``g(a) = g(c) != g(b)`` (outsider links a group)
    liaison                       ``g(a)``, ``g(b)``, ``g(c)`` all different
    gatekeeper / representative   exactly one of ``a``, ``c`` in ``b``'s group
    ============================  =================================================

    Gould and Fernandez define the roles on directed ties ``a → b → c``; here ties are
    undirected, so gatekeeper (``g(a) != g(b) = g(c)``) and representative
    (``g(a) = g(b) != g(c)``) coincide and are reported combined (see
    :class:`BrokerageRoles`). Pairs where ``a``, ``b`` or ``c`` lacks the attribute (or it is
    ``None``) are not counted.

    Parameters
    ----------
    G : networkx.Graph
        Undirected, without parallel edges.
    attribute : str
        The node attribute holding the group (e.g. ``"kind"`` or ``"settlement"``).
    nodes : iterable, optional
        Brokers to score; all nodes by default.

    References
    ----------
    .. [1] Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: a formal approach
       to brokerage in transaction networks. Sociological Methodology 19, 89–126.

    Examples
    --------
    A broker of group ``x`` between two ``y`` nodes that do not know each other:

    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> nx.set_node_attributes(G, {"a": "y", "b": "x", "c": "y"}, "group")
    >>> gould_fernandez(G, "group")["b"]
    BrokerageRoles(coordinator=0, itinerant=1, liaison=0, gatekeeper_representative=0)
    """
    if G.is_directed() or G.is_multigraph():
        raise nx.NetworkXNotImplemented("gould_fernandez needs an undirected simple graph")
    group: dict[Any, Any] = {n: g for n, g in G.nodes(data=attribute) if g is not None}
    # Every pair of b's neighbours is counted by group arithmetic; then the tied pairs (not
    # brokered) are taken off, found by intersecting neighbourhoods from the smaller side. A scan
    # of all pairs was quadratic in the degree: minutes for one hub at country scale.
    ties = {v: set(G.adj[v]) - {v} for v in G}
    result: dict[Hashable, BrokerageRoles] = {}
    for b in G if nodes is None else nodes:
        gb = group.get(b)
        if gb is None:
            result[b] = BrokerageRoles()
            continue
        position = {n: i for i, n in enumerate(n for n in ties[b] if n in group)}
        sizes = Counter(group[a] for a in position)
        inside = sizes.pop(gb, 0)
        outside = len(position) - inside
        same_outside = sum(k * (k - 1) // 2 for k in sizes.values())
        counts = [
            inside * (inside - 1) // 2,  # coordinator
            same_outside,  # itinerant
            outside * (outside - 1) // 2 - same_outside,  # liaison
            inside * outside,  # gatekeeper / representative
        ]
        members = set(position)
        for a, i in position.items():
            ga = group[a]
            for c in ties[a] & members:
                if position[c] > i:
                    counts[_role(ga, gb, group[c])] -= 1
        result[b] = BrokerageRoles(*counts)
    return result


def _role(ga: Any, gb: Any, gc: Any) -> int:
    """Index into (coordinator, itinerant, liaison, gatekeeper/representative) of a pair a–c."""
    if ga == gb == gc:
        return 0
    if ga == gc:
        return 1
    if ga != gb and gc != gb:
        return 2
    return 3


def brokerage_table(G: nx.Graph, attribute: str, *, weight: str | None = "weight") -> pd.DataFrame:
    """One row per node: ``constraint``, ``effective_size`` and the Gould–Fernandez roles by
    ``attribute`` (``coordinator, itinerant, liaison, gatekeeper, representative`` with the
    symmetric split, ``gatekeeper_representative`` combined, and ``brokerage`` = all).

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> nx.set_node_attributes(G, {"a": "y", "b": "x", "c": "y"}, "group")
    >>> brokerage_table(G, "group").loc["b", ["effective_size", "itinerant", "brokerage"]].tolist()
    [2.0, 1.0, 1.0]
    """
    nodes = list(G)
    c = constraint(G, weight=weight)
    e = effective_size(G, weight=weight)
    roles = gould_fernandez(G, attribute)
    rows = [
        {
            "constraint": c[n],
            "effective_size": e[n],
            "coordinator": roles[n].coordinator,
            "itinerant": roles[n].itinerant,
            "liaison": roles[n].liaison,
            "gatekeeper": roles[n].gatekeeper,
            "representative": roles[n].representative,
            "gatekeeper_representative": roles[n].gatekeeper_representative,
            "brokerage": roles[n].total,
        }
        for n in nodes
    ]
    columns = [
        "constraint",
        "effective_size",
        "coordinator",
        "itinerant",
        "liaison",
        "gatekeeper",
        "representative",
        "gatekeeper_representative",
        "brokerage",
    ]
    return pd.DataFrame(rows, index=pd.Index(nodes, name="node"), columns=columns)
