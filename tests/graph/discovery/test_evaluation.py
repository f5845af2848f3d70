"""Offline evaluation by time: the metrics by hand, the split, no look at the future, the verdict.

How the evaluation is kept honest (see :mod:`graph.discovery.evaluation`):

* the suggester is :func:`graph.discovery.scoring.rank`, the code behind ``suggest_partners``;
* partnerships that began on or after the cut-off are hidden, and every feature is computed on
  the region as it stood before it: a project planted between a hidden pair after the cut-off
  changes no figure (``test_a_future_project_changes_nothing``);
* the verdict is computed from the figures, and says so when the suggester does not win.

Figures observed (time split, 20 % latest partnerships hidden, 300-organisation demo regions;
the full run of 2 worlds × 3 demo seeds × 10 hide seeds is notebook 5's): on the seed-2018 demo
world with the test's hide seeds 0–2 the suggester's MRR is 0.116 ± 0.002, the best baseline's
(Adamic–Adar) 0.112 ± 0.010 — 1.04×, spreads overlapping — and random's 0.026. Over 3 demo
seeds × 10 hide seeds the suggester (0.102 ± 0.017) is below the kind-pair propensity
(0.138 ± 0.024) and the logistic regression on its own features (0.156 ± 0.040). Once the
features cannot see the future, the suggester does **not** clearly beat the best baseline even on
the world written for it; the test asserts that the report says so, and the margins that do hold
(over 3× random; within 10 % of the best baseline).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from graph.db import Database
from graph.demo import demo_tables
from graph.discovery import evaluate, evaluate_snapshot
from graph.discovery.baselines import BASELINES, METHODS
from graph.discovery.evaluation import (
    MethodScore,
    Report,
    Run,
    evaluate_worlds,
    precision_at_k,
    recall_at_k,
    reciprocal_rank,
    time_split,
)
from graph.discovery.region import region_snapshot
from graph.discovery.snapshot import Partnership, Profile, Snapshot, Timeline
from graph.discovery.tables import tables_snapshot
from graph.errors import InvalidInput

SEEDS = (0, 1, 2)
"""Hide seeds in tests (the notebook and the bench run 10)."""


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
    pairs = [
        (f"O{i:02d}", f"O{(i + 1) % n:02d}", Partnership(dt.date(2015 + i % 10, 1, 1)))
        for i in range(n)
    ]
    return Snapshot(profiles=profiles, partnerships=pairs, timeline=Timeline())


def test_the_split_hides_the_latest_partnerships() -> None:
    split = time_split(_ring(20), share=0.2)
    assert split.cutoff == dt.date(2023, 1, 1)  # years 2015..2024, two ties each
    assert split.hidden == 4 and split.visible == 16 and split.undated == 0
    assert all(_ring(20).partnership(a, b).since >= split.cutoff for a, b in split.pairs)  # type: ignore[union-attr]
    with pytest.raises(InvalidInput) as error:
        time_split(_ring(20), share=1.5)
    assert error.value.field == "share"
    undated = Snapshot(
        profiles=_ring(3).profiles.values(), partnerships=[("O00", "O01", Partnership())]
    )
    with pytest.raises(InvalidInput):
        time_split(undated, share=0.2)


def test_the_protocol_on_a_ring() -> None:
    report = evaluate_snapshot(_ring(20), share=0.2, seeds=SEEDS, k=3)
    assert [run.seed for run in report.runs] == list(SEEDS)
    assert [r.method for r in report.runs[0].rows] == list(METHODS)
    for run in report.runs:
        for row in run.rows:
            assert 0 <= row.precision_at_k <= 1 and 0 <= row.recall_at_k <= 1 and 0 <= row.mrr <= 1
    summary = report.summary()
    assert list(summary.columns.levels[0]) == ["precision@3", "recall@3", "mrr"]
    assert set(summary.columns.levels[1]) == {"mean", "std", "min", "max"}
    assert report.splits().loc[0, "hidden"] == 4


# -- nothing dated on or after the cut-off feeds a feature --------------------------------------


def _plant(tables: dict[str, list[dict[str, str]]], a: str, b: str, start: dt.date) -> None:
    """A project both ``a`` and ``b`` take part in, starting on ``start``."""
    project = dict.fromkeys(tables["projects"][0], "")
    project |= {"code": "PLANTED-1", "title": "Planted", "focus_area": "ecology",
                "kato": "551010000", "start_date": start.isoformat()}  # fmt: skip
    tables["projects"].append(project)
    for bin_, role in ((a, "accountable"), (b, "partner")):
        tables["participations"].append(
            {"project_code": "PLANTED-1", "org_bin": bin_, "role": role}
        )


def test_a_future_project_changes_nothing() -> None:
    tables = demo_tables(seed=2018)
    before = tables_snapshot(tables)
    split = time_split(before, share=0.2)
    a, b = split.pairs[0]
    since = before.partnership(a, b).since  # type: ignore[union-attr]
    assert since is not None and since >= split.cutoff
    _plant(tables, a, b, since + dt.timedelta(days=10))
    after = tables_snapshot(tables)
    assert "PLANTED-1" in after.shared_projects(a, b)  # the plant is there to be seen...
    assert "PLANTED-1" not in after.as_of(split.cutoff).shared_projects(a, b)  # ...but not seen
    assert evaluate_snapshot(after, seeds=SEEDS) == evaluate_snapshot(before, seeds=SEEDS)


def test_as_of_cuts_supports_fundings_and_ends() -> None:
    profiles = [
        Profile("A", "A", "ngo", supported_by=frozenset({"k1", "k2"}), funded_by=frozenset({"k1"})),
        Profile("B", "B", "ngo", supported_by=frozenset({"k1"})),
    ]
    timeline = Timeline(
        supports_since={("k1", "A"): dt.date(2024, 3, 1), ("k2", "A"): None,
                        ("k1", "B"): dt.date(2020, 1, 1)},
        funding_years={("k1", "A"): 2024},
    )  # fmt: skip
    ended = Partnership(dt.date(2019, 1, 1), "informal", dt.date(2024, 6, 1))
    s = Snapshot(profiles=profiles, partnerships=[("A", "B", ended)], timeline=timeline)
    old = s.as_of(dt.date(2024, 1, 1))
    assert old.profiles["A"].supported_by == {"k2"}  # undated counts as old
    assert old.profiles["A"].funded_by == frozenset()  # funded in 2024's year: not before
    assert old.active_partners("A") == {"B"}  # ended after the day: in force then
    assert s.as_of(dt.date(2025, 1, 1)).profiles["A"].funded_by == {"k1"}
    assert s.as_of(dt.date(2025, 1, 1)).active_partners("A") == frozenset()
    with pytest.raises(ValueError, match="timeline"):
        Snapshot(profiles=profiles).as_of(dt.date(2024, 1, 1))


# -- the same snapshot from the database and from the tables -------------------------------------


def test_the_tables_give_the_region_snapshot(demo: Database) -> None:
    region, tables = region_snapshot(demo), tables_snapshot(demo_tables(seed=2018))
    assert region.profiles == tables.profiles
    assert region.active_pairs() == tables.active_pairs()
    for a in region.profiles:
        assert region.partnerships(a) == tables.partnerships(a)
        assert region.projects(a) == tables.projects(a)
    assert region.akimats == tables.akimats
    assert region.timeline is not None and tables.timeline is not None
    shared = set(region.project_titles)
    assert {c: region.timeline.project_starts[c] for c in shared} == {
        c: tables.timeline.project_starts[c] for c in shared
    }
    assert region.timeline.supports_since == tables.timeline.supports_since
    assert region.timeline.funding_years == tables.timeline.funding_years


def test_evaluate_reads_the_graph_and_reports_the_split(demo: Database) -> None:
    report = evaluate(demo, seeds=SEEDS)
    expected = evaluate_snapshot(tables_snapshot(demo_tables(seed=2018)), seeds=SEEDS)
    # The same figures, split and verdict. Not the same objects: the logistic model's fitted
    # weights may differ in the last bits with the BLAS threads of the process (a full test run
    # has seen it), which moves no figure.
    pd.testing.assert_frame_equal(report.summary(), expected.summary(), rtol=1e-9)
    assert report.fitted[0].split == expected.fitted[0].split
    assert report.comparison().verdict == expected.comparison().verdict
    split = report.fitted[0].split
    assert split.hidden == len(split.pairs) > 0 and split.visible > split.hidden
    assert set(report.summary().index.get_level_values("method")) == set(METHODS)


# -- the verdict is computed, and honest ---------------------------------------------------------


def _report(mrr: dict[str, list[float]]) -> Report:
    runs = tuple(
        Run("w", 1, seed, 10, tuple(MethodScore(m, 0.0, 0.0, mrr[m][seed]) for m in METHODS))
        for seed in range(len(mrr["suggester"]))
    )
    return Report(10, 0.2, (), runs)


def test_the_verdict_says_when_the_suggester_loses() -> None:
    low = {m: [0.05, 0.05, 0.05] for m in METHODS}
    losing = _report(low | {"suggester": [0.10, 0.11, 0.12], "adamic_adar": [0.20, 0.21, 0.22]})
    c = losing.comparison()
    assert c.best_baseline == "adamic_adar" and not c.beats_best_baseline
    assert "does not beat the best baseline (adamic_adar)" in c.verdict
    close = _report(low | {"suggester": [0.10, 0.20, 0.30], "adamic_adar": [0.15, 0.15, 0.15]})
    assert not close.comparison().beats_best_baseline  # higher mean, spreads overlap
    winning = _report(low | {"suggester": [0.30, 0.31, 0.32], "logistic": [0.4, 0.4, 0.4]})
    c = winning.comparison(margin=1.5)
    assert c.beats_best_baseline and c.ratio == pytest.approx(0.31 / 0.05)
    assert "beats the best baseline" in c.verdict and c.learned_beats_hand_set
    assert "learned weights (logistic regression) beat the hand-set ones" in c.verdict


@pytest.fixture(scope="module")
def demo_world() -> Report:
    return evaluate_worlds(worlds=("demo",), demo_seeds=(2018,), seeds=SEEDS)


def test_the_suggester_against_the_baselines_on_the_demo_world(demo_world: Report) -> None:
    """The margins observed (see the module docstring), asserted as they are."""
    c = demo_world.comparison("demo")
    assert c.best_baseline in BASELINES and c.runs == len(SEEDS)
    mean = demo_world.summary()["mrr"]["mean"]["demo"]
    assert mean["suggester"] >= 3 * mean["random"]  # observed ≈ 4.3×
    assert c.ratio >= 0.9  # observed 1.04× the best baseline, spreads overlapping: level
    assert not c.beats_best_baseline and "does not beat" in c.verdict  # the honest statement


def test_worlds_are_checked() -> None:
    with pytest.raises(InvalidInput) as error:
        evaluate_worlds(worlds=("mars",))
    assert error.value.field == "worlds"
