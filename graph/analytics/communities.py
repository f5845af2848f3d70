"""Communities of organisations that work together, and the bridges between them.

Leiden (igraph, compiled) with a fixed seed, so the same graph gives the
same communities; networkx's Louvain stays available as the reference (``method="louvain"``).
Modularity, and the organisations whose ties reach into several communities (participation
coefficient).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import networkx as nx

from graph.analytics.compiled import Compiled

__all__ = [
    "DEFAULT_SEED",
    "CommunityBridge",
    "communities",
    "community_bridges",
    "membership",
    "modularity",
    "participation_coefficient",
]

DEFAULT_SEED = 2018
"""The seed of the community search's random node order: the year of the source article."""

Partition = Sequence[frozenset[Hashable]]


def communities(
    G: nx.Graph,
    *,
    weight: str | None = "weight",
    resolution: float = 1.0,
    seed: int = DEFAULT_SEED,
    method: Literal["leiden", "louvain"] = "leiden",
) -> list[frozenset[Hashable]]:
    """Communities maximising modularity, largest first (ties broken by the smallest node as
    text).

    Louvain greedily moves nodes between communities to raise modularity, then merges
    communities and repeats; Leiden (the default, in igraph; on the 10k graph 0.1 s of CPU
    against Louvain's 3.2 s, modularity 0.452 against 0.442) adds a refinement step that keeps
    every community connected. On the classic networks its modularity is at least networkx's
    Louvain's, or within 0.005 of it (tested). Every node is
    in exactly one community; an isolated node is a community of its own. The result depends
    on ``seed`` and on the order of the nodes, which the projections of
    :mod:`graph.analytics.projections` keep sorted. ``method="louvain"`` runs
    :func:`networkx.community.louvain_communities` (directed graphs always do).

    References
    ----------
    .. [1] Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E. (2008). Fast
       unfolding of communities in large networks. J. Stat. Mech. P10008.
    .. [2] Traag, V. A., Waltman, L., & van Eck, N. J. (2019). From Louvain to Leiden:
       guaranteeing well-connected communities. Scientific Reports 9, 5233.

    Examples
    --------
    Two triangles joined by one tie:

    >>> G = nx.Graph([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
    >>> [sorted(c) for c in communities(G)]
    [[0, 1, 2], [3, 4, 5]]
    """
    if method not in ("leiden", "louvain"):
        raise ValueError(f"method must be 'leiden' or 'louvain', not {method!r}")
    found: list[frozenset[Hashable]] | list[set[Hashable]]
    # igraph's copy drops self-loops, which modularity counts: such graphs stay in networkx
    simple = not G.is_directed() and not G.is_multigraph() and nx.number_of_selfloops(G) == 0
    if method == "leiden" and simple:
        found = Compiled(G, weight).leiden(
            weighted=weight is not None, resolution=resolution, seed=seed
        )
    else:
        found = nx.community.louvain_communities(G, weight=weight, resolution=resolution, seed=seed)
    return _ordered(found)


def _ordered(found: Iterable[Iterable[Hashable]]) -> list[frozenset[Hashable]]:
    """Largest first, ties broken by the smallest node as text."""
    return sorted((frozenset(c) for c in found), key=lambda c: (-len(c), min(str(n) for n in c)))


def membership(partition: Partition) -> dict[Hashable, int]:
    """Node → index of its community in ``partition``.

    Examples
    --------
    >>> membership([frozenset({"a", "b"}), frozenset({"c"})])["c"]
    1
    """
    return {node: index for index, community in enumerate(partition) for node in community}


def modularity(
    G: nx.Graph,
    partition: Partition,
    *,
    weight: str | None = "weight",
    resolution: float = 1.0,
) -> float:
    """Newman–Girvan modularity of a partition: the share of tie weight inside communities
    minus the share expected at random with the same degrees. ``nan`` on a graph without ties.

    References
    ----------
    .. [1] Newman, M. E. J. (2006). Modularity and community structure in networks. PNAS
       103(23), 8577–8582.

    Examples
    --------
    >>> G = nx.Graph([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
    >>> round(modularity(G, communities(G)), 4)
    0.3571
    """
    if G.number_of_edges() == 0:
        return float("nan")
    return float(nx.community.modularity(G, partition, weight=weight, resolution=resolution))


def participation_coefficient(
    G: nx.Graph, partition: Partition, *, weight: str | None = "weight"
) -> dict[Hashable, float]:
    """How evenly a node's ties spread over communities.

    ``P(v) = 1 - sum over communities s of (k(v, s) / k(v))**2``, where ``k(v, s)`` is the
    weight of ``v``'s ties into community ``s`` and ``k(v)`` all its tie weight. 0 when all
    ties stay in one community (or there are none); close to 1 when they spread evenly over
    many.

    References
    ----------
    .. [1] Guimerà, R., & Amaral, L. A. N. (2005). Functional cartography of complex metabolic
       networks. Nature 433, 895–900.

    Examples
    --------
    >>> G = nx.Graph([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
    >>> p = participation_coefficient(G, communities(G), weight=None)
    >>> round(p[2], 4), p[0]
    (0.4444, 0.0)
    """
    index = membership(partition)
    result: dict[Hashable, float] = {}
    for node in G:
        into: defaultdict[int, float] = defaultdict(float)
        for neighbour, data in G.adj[node].items():
            if neighbour != node:
                into[index[neighbour]] += 1.0 if weight is None else data.get(weight, 1.0)
        total = sum(into.values())
        result[node] = 0.0 if total == 0 else 1.0 - sum((k / total) ** 2 for k in into.values())
    return result


@dataclass(frozen=True, slots=True)
class CommunityBridge:
    """A node whose ties reach into more than one community."""

    node: Hashable
    community: int
    reaches: tuple[int, ...]
    """Indices of the communities its ties go to (its own included when it has ties there)."""
    participation: float


def community_bridges(
    G: nx.Graph,
    partition: Partition,
    *,
    weight: str | None = "weight",
    min_communities: int = 2,
) -> list[CommunityBridge]:
    """Nodes with ties into at least ``min_communities`` communities, by participation
    coefficient (highest first, then node as text).

    Examples
    --------
    >>> G = nx.Graph([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
    >>> [(b.node, b.reaches) for b in community_bridges(G, communities(G))]
    [(2, (0, 1)), (3, (0, 1))]
    """
    index = membership(partition)
    participation = participation_coefficient(G, partition, weight=weight)
    bridges = []
    for node in G:
        reaches = tuple(sorted({index[n] for n in G.adj[node] if n != node}))
        if len(reaches) >= min_communities:
            bridges.append(CommunityBridge(node, index[node], reaches, participation[node]))
    return sorted(bridges, key=lambda b: (-b.participation, str(b.node)))
