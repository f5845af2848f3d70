"""Brokerage: structural holes (Burt) and brokerage roles between groups (Gould–Fernandez).

An organisation *brokers* when it ties to others who are not tied to each other. Burt's
measures say how much of that an ego network holds; Gould and Fernandez say *between which
groups* (kinds of organisation, urban and rural places) the brokering happens.

Gould and Fernandez define their five roles on *directed* ties, where something flows
``a → b → c``: :func:`gould_fernandez_directed` counts them so, each role apart, with their
observed ÷ expected normalisation as an option. Use it where ties have a direction (money from
funder to recipient, mentoring from mentor to mentee). Partnerships have none: for them
:func:`gould_fernandez` counts each open triad once, which is half of what the directed
definition counts on the same ties taken both ways (see :class:`BrokerageRoles`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

import networkx as nx
import pandas as pd

__all__ = [
    "BrokerageRoles",
    "DirectedBrokerageRoles",
    "brokerage_table",
    "constraint",
    "effective_size",
    "gould_fernandez",
    "gould_fernandez_directed",
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


def _common(mine: dict[Any, float], theirs: dict[Any, float]) -> Iterator[tuple[Any, float]]:
    """``(u, theirs[u])`` for the neighbours ``u`` both rows hold, scanning the smaller row: a
    scan of every neighbour's whole row made Burt's measures grow with the square of the hubs'
    degrees (minutes at country scale); this is bounded by the smaller degree of each tie."""
    if len(theirs) <= len(mine):
        return ((u, x) for u, x in theirs.items() if u in mine)
    return ((u, theirs[u]) for u in mine if u in theirs)


def constraint(
    G: nx.Graph, *, weight: str | None = "weight", nodes: Iterable[Hashable] | None = None
) -> dict[Hashable, float]:
    """Burt's constraint: how much a node's ties lead to the same, interconnected others.

    ``c(v) = sum over neighbours u of (p(v, u) + sum over w of p(v, w) p(w, u))**2``, where
    ``p(v, u)`` is the share of ``v``'s tie strength invested in ``u``. Low constraint means
    the organisation spans structural holes; an isolated node gets ``nan`` (undefined).

    The same values as :func:`networkx.constraint` (tested against it) for undirected graphs
    without self-loops, computed from the shares once rather than per pair and each common
    neighbour found from the smaller of the two neighbourhoods, which makes it fast enough for
    the whole region; directed graphs are passed to networkx.

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
    return _constraint(targets, p)


def _constraint(
    targets: Iterable[Hashable], p: dict[Any, dict[Any, float]]
) -> dict[Hashable, float]:
    """:func:`constraint` from the shares of :func:`_shares`."""
    result: dict[Hashable, float] = {}
    for v in targets:
        if not p[v]:
            result[v] = float("nan")
            continue
        pv = p[v]
        indirect: dict[Any, float] = dict.fromkeys(pv, 0.0)
        for w, p_vw in pv.items():
            for u, p_wu in _common(pv, p[w]):
                indirect[u] += p_vw * p_wu
        result[v] = sum((pv[u] + indirect[u]) ** 2 for u in pv)
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
    return _effective_size(targets, ties, p)


def _effective_size(
    targets: Iterable[Hashable],
    ties: dict[Any, dict[Any, float]],
    p: dict[Any, dict[Any, float]],
) -> dict[Hashable, float]:
    """:func:`effective_size` from the tie weights and shares of :func:`_shares`."""
    strongest = {u: max(row.values(), default=0.0) for u, row in ties.items()}
    result: dict[Hashable, float] = {}
    for v in targets:
        if not p[v]:
            result[v] = float("nan")
            continue
        pv = p[v]
        redundancy = 0.0
        for u in pv:
            if strongest[u] == 0:
                continue
            for w, tie in _common(pv, ties[u]):
                redundancy += pv[w] * tie / strongest[u]
        result[v] = len(pv) - redundancy
    return result


@dataclass(frozen=True, slots=True)
class BrokerageRoles:
    """Gould–Fernandez brokerage counts of one broker in an undirected graph: one count per
    open triad ``a – b – c``.

    Read with the directed definition on the same ties taken both ways, every open triad is two
    paths (``a → b → c`` and ``c → b → a``): the directed counts are twice these, and the
    triad with exactly one end in ``b``'s group is one *representative* path and one
    *gatekeeper* path. So ``gatekeeper_representative`` counts those triads together, and the
    ``gatekeeper`` and ``representative`` properties are each half of it — on the same scale as
    the other roles here, half the directed count. For the roles apart, with their direction,
    use :func:`gould_fernandez_directed` on directed ties.
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

    Gould and Fernandez define the roles on directed ties ``a → b → c``
    (:func:`gould_fernandez_directed`); here ties are undirected, so gatekeeper
    (``g(a) != g(b) = g(c)``) and representative (``g(a) = g(b) != g(c)``) coincide and are
    reported combined, and every count is half the directed one on the symmetric graph (see
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
    ties = {v: {u for u in G.adj[v] if u != v} for v in G}
    return _gould_fernandez(ties, [group], G if nodes is None else nodes)[0]


def _gould_fernandez(
    ties: dict[Any, set[Any]], groups: Sequence[dict[Any, Any]], nodes: Iterable[Hashable]
) -> list[dict[Hashable, BrokerageRoles]]:
    """:func:`gould_fernandez` for several groupings at once, from each node's neighbours
    (itself left out): the tied pairs among a broker's neighbours, the costly part, are
    found once for all groupings."""
    # Every pair of b's neighbours is counted by group arithmetic; then the tied pairs (not
    # brokered) are taken off, found by intersecting neighbourhoods from the smaller side. A scan
    # of all pairs was quadratic in the degree: minutes for one hub at country scale.
    results: list[dict[Hashable, BrokerageRoles]] = [{} for _ in groups]
    for b in nodes:
        if all(b not in group for group in groups):
            for result in results:
                result[b] = BrokerageRoles()
            continue
        around = ties[b]
        position = {n: i for i, n in enumerate(around)}
        tied = [(a, c) for a, i in position.items() for c in ties[a] & around if position[c] > i]
        for group, result in zip(groups, results, strict=True):
            gb = group.get(b)
            if gb is None:
                result[b] = BrokerageRoles()
                continue
            sizes = Counter(group[a] for a in around if a in group)
            known = sum(sizes.values())
            inside = sizes.pop(gb, 0)
            outside = known - inside
            same_outside = sum(k * (k - 1) // 2 for k in sizes.values())
            counts = [
                inside * (inside - 1) // 2,  # coordinator
                same_outside,  # itinerant
                outside * (outside - 1) // 2 - same_outside,  # liaison
                inside * outside,  # gatekeeper / representative
            ]
            for a, c in tied:
                ga, gc = group.get(a), group.get(c)
                if ga is not None and gc is not None:
                    counts[_role(ga, gb, gc)] -= 1
            result[b] = BrokerageRoles(*counts)
    return results


def _role(ga: Any, gb: Any, gc: Any) -> int:
    """Index into (coordinator, itinerant, liaison, gatekeeper/representative) of a pair a–c."""
    if ga == gb == gc:
        return 0
    if ga == gc:
        return 1
    if ga != gb and gc != gb:
        return 2
    return 3


@dataclass(frozen=True, slots=True)
class DirectedBrokerageRoles:
    """Gould–Fernandez roles of one broker on directed ties, each role apart: counts of
    brokered paths ``a → b → c``, or observed ÷ expected when normalised."""

    coordinator: float = 0
    gatekeeper: float = 0
    representative: float = 0
    itinerant: float = 0
    liaison: float = 0

    @property
    def total(self) -> float:
        return (
            self.coordinator + self.gatekeeper + self.representative + self.itinerant + self.liaison
        )


_ROLES = ("coordinator", "gatekeeper", "representative", "itinerant", "liaison")


def _directed_role(ga: Any, gb: Any, gc: Any) -> int:
    """Index into :data:`_ROLES` of a brokered path ``a → b → c``."""
    if ga == gb == gc:
        return 0
    if ga != gb and gc == gb:
        return 1
    if ga == gb:
        return 2
    if ga == gc:
        return 3
    return 4


def _expected(sizes: Counter[Any], gb: Any, density: float) -> tuple[float, ...]:
    """Expected paths of each role through a broker of group ``gb`` if ties were random with
    the observed ``density`` and groups as they are: ordered pairs ``(a, c)`` of other nodes
    in the role's groups × ``d**2 (1 - d)`` (ties a → b and b → c present, a → c absent)."""
    n = sum(sizes.values())
    own = sizes[gb]
    others = [k for g, k in sizes.items() if g != gb]
    pairs = (
        (own - 1) * (own - 2),
        (own - 1) * (n - own),
        (own - 1) * (n - own),
        sum(k * (k - 1) for k in others),
        sum(k * (n - own - k) for k in others),
    )
    chance = density**2 * (1 - density)
    return tuple(p * chance for p in pairs)


def gould_fernandez_directed(
    G: nx.DiGraph,
    attribute: str,
    *,
    nodes: Iterable[Hashable] | None = None,
    normalized: bool = False,
) -> dict[Hashable, DirectedBrokerageRoles]:
    """Gould–Fernandez brokerage roles on directed ties, as the paper defines them.

    ``b`` brokers each path ``a → b → c`` (``a != c``) with no tie ``a → c``: ``a`` cannot
    reach ``c`` but through ``b``. The path is classified by the groups ``g`` of ``a, b, c``:

    ==============================  ======================================================
    coordinator                     ``g(a) = g(b) = g(c)``: brokers inside its own group
    gatekeeper                      ``g(a) != g(b) = g(c)``: lets an outsider into its group
    representative                  ``g(a) = g(b) != g(c)``: speaks for its group outside
    itinerant (consultant)          ``g(a) = g(c) != g(b)``: an outsider links a group
    liaison                         ``g(a)``, ``g(b)``, ``g(c)`` all different
    ==============================  ======================================================

    A tie ``c → a`` does not close the path (nothing flows from ``a`` to ``c`` through it).
    Nodes without the attribute (or with ``None``) are left out, as ends and as brokers.

    With ``normalized=True`` each count is divided by its expectation under Gould and
    Fernandez's baseline: ties placed at random with the observed density ``d`` (over the nodes
    with a group) and group sizes as observed, so a role's expected count for a broker of group
    ``i`` is ``d**2 (1 - d)`` times the ordered pairs of other nodes in that role's groups
    (e.g. ``(n_i - 1)(n_i - 2)`` for a coordinator). 1 = as often as chance, above 1 = more;
    ``nan`` where the expectation is 0 (a role the group sizes make impossible).

    Parameters
    ----------
    G : networkx.DiGraph
        Ties with a direction (funder → recipient, mentor → mentee); self-loops are ignored.
    attribute : str
        The node attribute holding the group.
    nodes : iterable, optional
        Brokers to score; all nodes by default.
    normalized : bool
        Observed ÷ expected instead of counts.

    References
    ----------
    .. [1] Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: a formal approach
       to brokerage in transaction networks. Sociological Methodology 19, 89–126.

    Examples
    --------
    An akimat funds a resource centre that passes the money to a rural group:

    >>> D = nx.DiGraph([("akimat", "centre"), ("centre", "village")])
    >>> nx.set_node_attributes(D, {"akimat": "state", "centre": "ngo", "village": "ngo"}, "g")
    >>> gould_fernandez_directed(D, "g")["centre"]
    DirectedBrokerageRoles(coordinator=0, gatekeeper=1, representative=0, itinerant=0, liaison=0)
    """
    if not G.is_directed() or G.is_multigraph():
        raise nx.NetworkXNotImplemented(
            "gould_fernandez_directed needs a directed simple graph; for undirected ties use "
            "gould_fernandez"
        )
    group: dict[Any, Any] = {n: g for n, g in G.nodes(data=attribute) if g is not None}
    expected: dict[Any, tuple[float, ...]] = {}
    if normalized:
        sizes = Counter(group.values())
        n = len(group)
        ties = sum(1 for u, v in G.edges if u != v and u in group and v in group)
        density = ties / (n * (n - 1)) if n > 1 else 0.0
        expected = {g: _expected(sizes, g, density) for g in sizes}
    result: dict[Hashable, DirectedBrokerageRoles] = {}
    for b in G if nodes is None else nodes:
        gb = group.get(b)
        if gb is None:
            result[b] = DirectedBrokerageRoles()
            continue
        counts = [0, 0, 0, 0, 0]
        sources = [a for a in G.pred[b] if a != b and a in group]
        targets = [c for c in G.succ[b] if c != b and c in group]
        for a in sources:
            closed = G.succ[a]
            for c in targets:
                if c != a and c not in closed:
                    counts[_directed_role(group[a], gb, group[c])] += 1
        if normalized:
            values: list[float] = [
                k / e if e > 0 else float("nan") for k, e in zip(counts, expected[gb], strict=True)
            ]
            result[b] = DirectedBrokerageRoles(*values)
        else:
            result[b] = DirectedBrokerageRoles(*counts)
    return result


def brokerage_table(G: nx.Graph, attribute: str, *, weight: str | None = "weight") -> pd.DataFrame:
    """One row per node: ``constraint``, ``effective_size`` and the Gould–Fernandez roles by
    ``attribute``: ``coordinator, itinerant, liaison, gatekeeper, representative``,
    ``gatekeeper_representative`` (the two together) and ``brokerage`` (all). On an undirected
    graph they are :func:`gould_fernandez`'s counts (gatekeeper and representative half each of
    the combined count); on a directed one :func:`gould_fernandez_directed`'s, each role apart.

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
    if G.is_directed():
        directed = gould_fernandez_directed(cast(nx.DiGraph, G), attribute)
        roles = {
            n: {role: getattr(directed[n], role) for role in _ROLES}
            | {
                "gatekeeper_representative": directed[n].gatekeeper + directed[n].representative,
                "brokerage": directed[n].total,
            }
            for n in nodes
        }
    else:
        undirected = gould_fernandez(G, attribute)
        roles = {
            n: {role: getattr(undirected[n], role) for role in _ROLES}
            | {
                "gatekeeper_representative": undirected[n].gatekeeper_representative,
                "brokerage": undirected[n].total,
            }
            for n in nodes
        }
    rows = [{"constraint": c[n], "effective_size": e[n]} | roles[n] for n in nodes]
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
