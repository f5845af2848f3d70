"""Offline evaluation: the metrics by hand, the protocol, and the suggester against baselines.

How the evaluation is kept honest (see :mod:`graph.discovery.evaluation`):

* the suggester is :func:`graph.discovery.scoring.rank`, the code behind ``suggest_partners``
  (``test_suggestions.py`` checks both give the same ranking on the whole demo region);
* hidden partnerships are removed from the snapshot before any feature is computed — common
  partners, Adamic–Adar degrees, "partners in force" and every baseline see the graph without
  them; only projects the hidden pairs really shared stay (a different relationship);
* the demo generator makes partnerships with its own rules (joint projects with probability
  ``1 - 0.6**n``, veterans mentoring nearby youth groups, the House of NGOs, experienced urban
  NGOs founded by 2012 with ≥ 5 staff taking on rural ones, random ties); the scorer uses generic
  features with hand-set weights, compared on demo seeds 7 and 11 — never on seed 2018, which
  this test evaluates.

The margin asserted: on the seed-2018 demo region with 20 % of partnerships hidden (seed 2018),
the suggester's MRR is at least 1.5 × the best of the random, same-territory, common-neighbours
and Adamic–Adar baselines, its recall@10 at least 1.5 × theirs too, and it does at least as well
as ranking by shared projects alone.
"""

from __future__ import annotations

import math

import pytest

from graph.db import Database
from graph.discovery import Evaluation, evaluate, evaluate_snapshot
from graph.discovery.evaluation import (
    BASELINES,
    METHODS,
    hide_partnerships,
    precision_at_k,
    recall_at_k,
    reciprocal_rank,
)
from graph.discovery.region import region_snapshot
from graph.discovery.snapshot import Partnership, Profile, Snapshot
from graph.errors import InvalidInput

MARGIN = 1.5


def test_precision_recall_and_reciprocal_rank_by_hand() -> None:
    ranked = ["a", "b", "c", "d", "e"]
    relevant = {"b", "e", "z"}
    assert precision_at_k(ranked, relevant, 2) == 1 / 2
    assert precision_at_k(ranked, relevant, 5) == 2 / 5
    assert precision_at_k(ranked, relevant, 10) == 2 / 10  # always divided by k
    assert recall_at_k(ranked, relevant, 2) == 1 / 3
    assert recall_at_k(ranked, relevant, 5) == 2 / 3
    assert recall_at_k(ranked, set(), 5) == 0.0
    assert reciprocal_rank(ranked, relevant) == 1 / 2
    assert reciprocal_rank(ranked, {"e"}) == 1 / 5
    assert reciprocal_rank(ranked, {"z"}) == 0.0


def _ring(n: int) -> Snapshot:
    profiles = [Profile(f"O{i:02d}", f"O{i:02d}", "ngo", kato="551010000") for i in range(n)]
    pairs = [(f"O{i:02d}", f"O{(i + 1) % n:02d}", Partnership()) for i in range(n)]
    return Snapshot(profiles=profiles, partnerships=pairs)


def test_hidden_share_is_seeded_and_validated() -> None:
    snapshot = _ring(20)
    hidden = hide_partnerships(snapshot, share=0.2, seed=1)
    assert len(hidden) == 4 and hidden == hide_partnerships(snapshot, share=0.2, seed=1)
    assert hidden != hide_partnerships(snapshot, share=0.2, seed=2)
    with pytest.raises(InvalidInput) as error:
        hide_partnerships(snapshot, share=1.5, seed=1)
    assert error.value.field == "share"


def test_the_protocol_on_a_ring() -> None:
    result = evaluate_snapshot(_ring(20), share=0.2, seed=1, k=3)
    assert result.hidden == 4 and result.queries == 8
    assert [r.method for r in result.rows] == list(METHODS)
    for row in result.rows:
        assert 0 <= row.precision_at_k <= 1 and 0 <= row.recall_at_k <= 1 and 0 <= row.mrr <= 1
    assert list(result.to_frame().columns) == ["precision@3", "recall@3", "mrr"]


@pytest.fixture(scope="module")
def evaluation(demo: Database) -> Evaluation:
    return evaluate(demo, share=0.2, seed=2018, k=10)


def test_the_suggester_beats_every_baseline_on_the_demo_region(evaluation: Evaluation) -> None:
    suggester = evaluation.row("suggester")
    best = evaluation.best_baseline()
    assert best.method in BASELINES
    assert suggester.mrr >= MARGIN * best.mrr, evaluation.to_frame()
    recall = max(evaluation.row(m).recall_at_k for m in BASELINES)
    assert suggester.recall_at_k >= MARGIN * recall, evaluation.to_frame()
    shared = evaluation.row("shared_projects")
    assert suggester.mrr >= shared.mrr and suggester.recall_at_k >= shared.recall_at_k
    assert evaluation.row("random").mrr < best.mrr


def test_the_evaluation_hides_what_it_says(demo: Database, evaluation: Evaluation) -> None:
    snapshot = region_snapshot(demo)
    pairs = snapshot.active_pairs()
    assert evaluation.hidden == round(0.2 * len(pairs))
    hidden = hide_partnerships(snapshot, share=0.2, seed=2018)
    seen = snapshot.without_partnerships(hidden)
    for a, b in hidden:
        assert b not in seen.active_partners(a)
        assert (b in seen.neighbours(a)) == bool(snapshot.shared_projects(a, b))
    assert math.isclose(len(seen.active_pairs()), len(pairs) - len(hidden))
