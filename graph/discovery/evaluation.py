"""Offline evaluation of partner suggestions: hide real partnerships, see who finds them.

Protocol
--------
1. Take the whole region as a snapshot (:func:`~graph.discovery.region.region_snapshot`; the
   database is only read).
2. Hide a share (default 20 %) of the partnerships in force, drawn with a fixed seed. The hidden
   pairs are removed from the snapshot *before* anything is computed, so they are gone from every
   feature: from the tie graph (common partners, Adamic–Adar, degrees), from "partners in
   force" (they become candidates again) and from every baseline. A hidden pair that also shared
   a project keeps that project: it is a different, real relationship a coordinator can see.
3. For each organisation with a hidden partnership, every method ranks all eligible
   organisations (not itself, not a partner it still has, not a declined pair); ties — and the
   organisations a method gives no score — are ordered by one seeded random order per
   organisation, shared by all methods.
4. Report precision@k, recall@k and MRR (reciprocal rank of the first hidden partner), averaged
   over those organisations. An organisation has few hidden partners (1.6 on average on the
   demo region), so precision@10 cannot go much above 0.16 there; recall@10 and MRR say more.

Methods: ``suggester`` (:func:`graph.discovery.scoring.rank`, the very function behind
:func:`~graph.discovery.suggestions.suggest_partners`); ``random``; ``same_territory`` (same
locality, then same district or city); ``common_neighbours`` and ``adamic_adar`` on the tie graph;
and ``shared_projects`` (number of projects together), reported so that the share of the
suggester's lead that one feature explains is visible.

Honesty: the demo generator (:mod:`graph.demo`) creates partnerships from its own hidden process
(joint projects with probability ``1 - 0.6**n``, veterans mentoring nearby youth groups, the
House of NGOs, experienced urban → rural NGOs by founding year ≤ 2012 and staff ≥ 5, random
ties); the scorer's features and hand-set weights are generic (saturating counts, Adamic–Adar,
overlap of focus areas, relative seniority) and were checked on another seed than the one the
test evaluates.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import pandas as pd

from graph.analytics.cache import ProjectionCache
from graph.db import Database
from graph.discovery.attributes import Attributes
from graph.discovery.region import region_snapshot
from graph.discovery.scoring import organization_centre, rank
from graph.discovery.snapshot import Snapshot
from graph.errors import InvalidInput
from graph.i18n import t

__all__ = [
    "METHODS",
    "Evaluation",
    "MethodScore",
    "evaluate",
    "evaluate_snapshot",
    "hide_partnerships",
    "precision_at_k",
    "recall_at_k",
    "reciprocal_rank",
]

METHODS = (
    "suggester",
    "random",
    "same_territory",
    "common_neighbours",
    "adamic_adar",
    "shared_projects",
)
BASELINES = ("random", "same_territory", "common_neighbours", "adamic_adar")
"""The baselines the suggester must beat (``shared_projects`` is one of its own features)."""


# -- metrics -------------------------------------------------------------------------------------


def precision_at_k(ranked: Sequence[str], relevant: Collection[str], k: int) -> float:
    """Share of the first ``k`` that are relevant (always divided by ``k``).

    >>> precision_at_k(["a", "b", "c"], {"b", "x"}, 2)
    0.5
    """
    return sum(1 for x in ranked[:k] if x in relevant) / k


def recall_at_k(ranked: Sequence[str], relevant: Collection[str], k: int) -> float:
    """Share of the relevant found in the first ``k``.

    >>> recall_at_k(["a", "b", "c"], {"b", "x"}, 2)
    0.5
    """
    if not relevant:
        return 0.0
    return sum(1 for x in ranked[:k] if x in relevant) / len(relevant)


def reciprocal_rank(ranked: Sequence[str], relevant: Collection[str]) -> float:
    """1 / the rank of the first relevant item, 0 when none is ranked.

    >>> reciprocal_rank(["a", "b", "c"], {"c"})
    0.3333333333333333
    """
    for position, x in enumerate(ranked, 1):
        if x in relevant:
            return 1.0 / position
    return 0.0


# -- results -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MethodScore:
    method: str
    precision_at_k: float
    recall_at_k: float
    mrr: float


@dataclass(frozen=True, slots=True)
class Evaluation:
    k: int
    share: float
    seed: int
    hidden: int
    """Partnerships hidden."""
    queries: int
    """Organisations ranked, once per method: those with a hidden partnership (or a sample)."""
    rows: tuple[MethodScore, ...]

    def row(self, method: str) -> MethodScore:
        return next(r for r in self.rows if r.method == method)

    def best_baseline(self) -> MethodScore:
        """The baseline with the highest MRR."""
        return max((self.row(m) for m in BASELINES), key=lambda r: r.mrr)

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [
                {
                    "method": r.method,
                    f"precision@{self.k}": r.precision_at_k,
                    f"recall@{self.k}": r.recall_at_k,
                    "mrr": r.mrr,
                }
                for r in self.rows
            ]
        ).set_index("method")


# -- the protocol --------------------------------------------------------------------------------


def hide_partnerships(snapshot: Snapshot, *, share: float, seed: int) -> list[tuple[str, str]]:
    """A seeded sample of ``share`` of the partnerships in force (at least one if any)."""
    if not 0 < share < 1:
        raise InvalidInput(t("share must be between 0 and 1"), field="share")
    pairs = snapshot.active_pairs()
    if not pairs:
        return []
    count = max(1, round(share * len(pairs)))
    return sorted(random.Random(seed).sample(pairs, count))


Scorer = Callable[[Snapshot, Attributes, str], dict[str, float]]


def _suggester(snapshot: Snapshot, attributes: Attributes, u: str) -> dict[str, float]:
    """What :func:`~graph.discovery.suggestions.suggest_partners` would rank (the same centre,
    candidate pool and scorer), every score kept."""
    centre = organization_centre(snapshot, u)
    among = attributes.candidates(centre.profile, centre.reachable(snapshot))
    return {e.profile.bin: e.score for e in rank(snapshot, centre, detailed=0, among=among)}


def _random(snapshot: Snapshot, attributes: Attributes, u: str) -> dict[str, float]:
    return {}


def _same_territory(snapshot: Snapshot, attributes: Attributes, u: str) -> dict[str, float]:
    me = snapshot.profiles[u]
    out: dict[str, float] = {}
    for v, p in snapshot.profiles.items():
        if me.kato is not None and p.kato == me.kato:
            out[v] = 2.0
        elif me.district is not None and p.district == me.district:
            out[v] = 1.0
    return out


def _common(snapshot: Snapshot, u: str, *, adamic_adar: bool) -> dict[str, float]:
    out: defaultdict[str, float] = defaultdict(float)
    for z in snapshot.neighbours(u):
        around = snapshot.neighbours(z)
        weight = 1.0 / math.log(len(around)) if adamic_adar and len(around) > 1 else 1.0
        for v in around:
            out[v] += weight
    return dict(out)


def _shared_projects(snapshot: Snapshot, u: str) -> dict[str, float]:
    out: defaultdict[str, float] = defaultdict(float)
    for v in snapshot.neighbours(u):
        out[v] = float(len(snapshot.shared_projects(u, v)))
    return dict(out)


_SCORERS: dict[str, Scorer] = {
    "suggester": _suggester,
    "random": _random,
    "same_territory": _same_territory,
    "common_neighbours": lambda s, _, u: _common(s, u, adamic_adar=False),
    "adamic_adar": lambda s, _, u: _common(s, u, adamic_adar=True),
    "shared_projects": lambda s, _, u: _shared_projects(s, u),
}


def evaluate_snapshot(
    snapshot: Snapshot,
    *,
    share: float = 0.2,
    seed: int = 2018,
    k: int = 10,
    max_queries: int | None = None,
) -> Evaluation:
    """Run the protocol of this module on a snapshot of the whole region; with
    ``max_queries``, on a seeded sample of the organisations with a hidden partnership (a large
    region has thousands)."""
    if k < 1:
        raise InvalidInput(t("k must be at least 1"), field="k")
    if max_queries is not None and max_queries < 1:
        raise InvalidInput(t("max_queries must be at least 1"), field="max_queries")
    hidden = hide_partnerships(snapshot, share=share, seed=seed)
    seen = snapshot.without_partnerships(hidden)
    attributes = Attributes.of(seen.territories, seen.profiles.values(), seen.akimats.values())
    targets: defaultdict[str, set[str]] = defaultdict(set)
    for a, b in hidden:
        targets[a].add(b)
        targets[b].add(a)
    queries = sorted(targets)
    if max_queries is not None and len(queries) > max_queries:
        queries = sorted(random.Random(seed).sample(queries, max_queries))
    sums = {m: [0.0, 0.0, 0.0] for m in METHODS}
    everyone = sorted(seen.profiles)
    for u in queries:
        known = seen.active_partners(u)
        eligible = [v for v in everyone if v != u and v not in known and not seen.is_declined(u, v)]
        order = {
            v: i for i, v in enumerate(random.Random(f"{seed}:{u}").sample(eligible, len(eligible)))
        }
        for method in METHODS:
            scores = _SCORERS[method](seen, attributes, u)
            ranked = sorted(eligible, key=lambda v: (-scores.get(v, 0.0), order[v]))
            relevant = targets[u]
            totals = sums[method]
            totals[0] += precision_at_k(ranked, relevant, k)
            totals[1] += recall_at_k(ranked, relevant, k)
            totals[2] += reciprocal_rank(ranked, relevant)
    n = max(1, len(queries))
    rows = tuple(MethodScore(m, s[0] / n, s[1] / n, s[2] / n) for m, s in sums.items())
    return Evaluation(k, share, seed, len(hidden), len(queries), rows)


def evaluate(
    db: Database,
    *,
    share: float = 0.2,
    seed: int = 2018,
    k: int = 10,
    max_queries: int | None = None,
    cache: ProjectionCache | None = None,
) -> Evaluation:
    """The protocol of this module on the graph loaded in ``db`` (read only): a few seconds on
    the demo region; give ``max_queries`` (e.g. 300) on a large one.

    Examples
    --------
    >>> evaluate(db).to_frame()  # doctest: +SKIP
    """
    snapshot = region_snapshot(db, cache=cache)
    return evaluate_snapshot(snapshot, share=share, seed=seed, k=k, max_queries=max_queries)
