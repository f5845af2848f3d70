"""What the partner suggester is compared with: simple rules, the network baselines a referee
asks for, and two learned from the visible past.

Every method scores the candidates of one organisation ``u`` on a snapshot from which the
partnerships to be found are gone (:mod:`graph.discovery.evaluation`); organisations a method
does not score rank after those it does, in one seeded random order shared by every method.

* ``suggester`` — :func:`graph.discovery.scoring.rank`, the code behind ``suggest_partners``.
* ``logistic`` — the suggester's eight feature values on its own candidates, weighted by a
  logistic regression (scikit-learn) fitted on an earlier time window of the same snapshot
  (:func:`fit_logistic`): the hand-set weights against learned ones. Without a model (a past
  too short to split, or one class only) it scores nothing and ranks like ``random``.
* ``random``; ``same_territory`` (same locality, then same district or city).
* ``common_neighbours`` and ``adamic_adar`` on the tie graph; ``shared_projects`` (projects
  together); ``shared_then_adamic_adar`` (shared projects, ties broken by Adamic–Adar).
* ``kind_propensity`` — how often the two kinds are partners among the visible partnerships,
  per possible pair (:func:`kind_propensity`).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from graph.discovery.attributes import Attributes
from graph.discovery.scoring import ReasonKind, organization_centre, rank
from graph.discovery.snapshot import Snapshot

__all__ = [
    "BASELINES",
    "FEATURES",
    "METHODS",
    "LogisticModel",
    "Scores",
    "candidate_features",
    "fit_logistic",
    "kind_propensity",
    "scores",
]

METHODS = (
    "suggester",
    "logistic",
    "random",
    "same_territory",
    "common_neighbours",
    "adamic_adar",
    "shared_projects",
    "shared_then_adamic_adar",
    "kind_propensity",
)
BASELINES = (
    "random",
    "same_territory",
    "common_neighbours",
    "adamic_adar",
    "shared_projects",
    "shared_then_adamic_adar",
    "kind_propensity",
)
"""What the suggester must beat (``logistic`` is the suggester itself, reweighted)."""
FEATURES = tuple(ReasonKind)
"""The suggester's features, in the order of a feature vector."""

Scores = dict[str, float]


def candidate_features(
    snapshot: Snapshot, attributes: Attributes, u: str
) -> dict[str, tuple[float, tuple[float, ...]]]:
    """For every candidate the suggester ranks for ``u`` (the same centre and pool as
    :func:`~graph.discovery.suggestions.suggest_partners`): its score and feature vector."""
    centre = organization_centre(snapshot, u)
    among = attributes.candidates(centre.profile, centre.reachable(snapshot))
    return {
        e.profile.bin: (e.score, tuple(e.values.get(f, 0.0) for f in FEATURES))
        for e in rank(snapshot, centre, detailed=0, among=among)
    }


@dataclass(frozen=True, slots=True)
class LogisticModel:
    """A logistic regression over :data:`FEATURES`; ``weights`` sum to 1 (the intercept does
    not change a ranking), comparable with :data:`graph.discovery.scoring.WEIGHTS`."""

    coefficients: tuple[float, ...]
    examples: int
    positives: int

    @property
    def weights(self) -> Mapping[str, float]:
        total = sum(abs(c) for c in self.coefficients) or 1.0
        return {f.value: c / total for f, c in zip(FEATURES, self.coefficients, strict=True)}

    def score(self, features: Sequence[float]) -> float:
        return sum(c * x for c, x in zip(self.coefficients, features, strict=True))


def fit_logistic(
    examples: Sequence[tuple[tuple[float, ...], bool]], *, seed: int = 0
) -> LogisticModel | None:
    """A logistic regression of "became partners" on the feature vectors; ``None`` when the
    examples hold a single class (nothing to learn)."""
    from sklearn.linear_model import LogisticRegression  # a heavy import, only when fitting

    labels = [label for _, label in examples]
    if len(set(labels)) < 2:
        return None
    model = LogisticRegression(max_iter=2000, random_state=seed)
    model.fit([list(x) for x, _ in examples], labels)
    return LogisticModel(
        tuple(float(c) for c in model.coef_[0]), len(examples), sum(1 for x in labels if x)
    )


def kind_propensity(snapshot: Snapshot) -> dict[tuple[str, str], float]:
    """Partnerships in force between two kinds per possible pair of organisations of those
    kinds, from the snapshot's (visible) partnerships; keys are sorted kind pairs."""
    kinds = Counter(p.kind for p in snapshot.profiles.values())
    ties: Counter[tuple[str, str]] = Counter()
    for a, b in snapshot.active_pairs():
        ka, kb = sorted((snapshot.profiles[a].kind, snapshot.profiles[b].kind))
        ties[(ka, kb)] += 1
    out: dict[tuple[str, str], float] = {}
    for (ka, kb), n in ties.items():
        possible = kinds[ka] * (kinds[ka] - 1) / 2 if ka == kb else kinds[ka] * kinds[kb]
        out[(ka, kb)] = n / possible if possible else 0.0
    return out


def _same_territory(snapshot: Snapshot, u: str) -> Scores:
    me = snapshot.profiles[u]
    out: Scores = {}
    for v, p in snapshot.profiles.items():
        if me.kato is not None and p.kato == me.kato:
            out[v] = 2.0
        elif me.district is not None and p.district == me.district:
            out[v] = 1.0
    return out


def _common(snapshot: Snapshot, u: str, *, adamic_adar: bool) -> Scores:
    out: defaultdict[str, float] = defaultdict(float)
    for z in snapshot.neighbours(u):
        around = snapshot.neighbours(z)
        weight = 1.0 / math.log(len(around)) if adamic_adar and len(around) > 1 else 1.0
        for v in around:
            out[v] += weight
    return dict(out)


def _shared_projects(snapshot: Snapshot, u: str) -> Scores:
    return {v: float(len(snapshot.shared_projects(u, v))) for v in snapshot.neighbours(u)}


def scores(
    snapshot: Snapshot,
    attributes: Attributes,
    u: str,
    *,
    model: LogisticModel | None,
    propensity: Mapping[tuple[str, str], float],
) -> dict[str, Scores]:
    """Every method's scores of the candidates for ``u`` (:data:`METHODS` order)."""
    features = candidate_features(snapshot, attributes, u)
    shared = _shared_projects(snapshot, u)
    adamic_adar = _common(snapshot, u, adamic_adar=True)
    kind = snapshot.profiles[u].kind
    by_kind = {
        v: propensity.get(tuple(sorted((kind, p.kind))), 0.0)  # type: ignore[arg-type]
        for v, p in snapshot.profiles.items()
    }
    methods: dict[str, Callable[[], Scores]] = {
        "suggester": lambda: {v: s for v, (s, _) in features.items()},
        "logistic": lambda: (
            {v: model.score(x) for v, (_, x) in features.items()} if model is not None else {}
        ),
        "random": dict,
        "same_territory": lambda: _same_territory(snapshot, u),
        "common_neighbours": lambda: _common(snapshot, u, adamic_adar=False),
        "adamic_adar": lambda: adamic_adar,
        "shared_projects": lambda: shared,
        # fewer than 1 from Adamic–Adar: shared projects first, Adamic–Adar within a count
        "shared_then_adamic_adar": lambda: {
            v: shared.get(v, 0.0) + aa / (1.0 + aa) for v, aa in adamic_adar.items()
        },
        "kind_propensity": lambda: by_kind,
    }
    return {m: methods[m]() for m in METHODS}
