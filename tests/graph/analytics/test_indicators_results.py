"""Result indicators and disbursements in the analytics: actual against target where indicators
exist, results due on completed projects and on active ones paid in full, the flag filter."""

from __future__ import annotations

import datetime as dt
import doctest
import math

import pytest

import graph.results
from graph import edits
from graph.analytics import ProjectionCache
from graph.analytics.flagged import FLAGS, flags_by_bin, resolve_flags
from graph.analytics.indicators import activity_scores, flags, result_orientation, state_dependency
from graph.audit import audit_log
from graph.db import Database
from graph.errors import InvalidInput, NotFound
from graph.filters import All, Cond, Not, Op
from graph.results import ProjectResult, achievement, progress, reach_ratio
from tests.graph.analytics.conftest import CLUB, VETERANS, YOUTH

ACTOR = "test"
YEAR_2021 = (dt.date(2021, 3, 1), dt.date(2021, 11, 30))


def _indicator(db: Database, actual: float | None, *, code: str = "reach", **kw: object) -> None:
    fields = edits.IndicatorFields(
        title=str(kw.get("title", "Young people in the programme")),
        unit="people",
        baseline=kw.get("baseline"),  # type: ignore[arg-type]
        target=kw.get("target", 100),  # type: ignore[arg-type]
        actual=actual,
    )
    edits.set_indicator(db, "P-2", code, *YEAR_2021, fields, actor=ACTOR)


def _codes(db: Database) -> dict[str, list[str]]:
    found = flags(state_dependency(db), result_orientation(db), activity_scores(db))
    return {b: [f.code for f in fs] for b, fs in found.items()}


def test_the_rules_in_the_docstrings_hold() -> None:
    result = doctest.testmod(graph.results, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted >= 4


def test_progress_from_the_baseline_capped() -> None:
    assert progress(None, 100, 40) == 0.4
    assert progress(60, 80, 70) == 0.5  # half way from the baseline
    assert progress(100, 50, 75) == 0.5  # a target below the baseline
    assert progress(0, 10, 25) == 1.0 and progress(50, 100, 10) == 0.0  # capped to [0, 1]
    assert progress(5, 5, 5) is None and progress(None, None, 3) is None
    assert achievement([(None, 100, 40), (None, 100, None), (None, 10, 30)]) == pytest.approx(0.7)


def test_reach_without_indicators_is_the_headcount_as_before() -> None:
    assert reach_ratio([ProjectResult(200, 150), ProjectResult(100, 120)]) == 0.9
    assert math.isnan(reach_ratio([ProjectResult(None, 5), ProjectResult(0, 3)]))
    mixed = [ProjectResult(200, 150, 0.4), ProjectResult(100, 120)]  # indicators speak for P
    assert reach_ratio(mixed) == pytest.approx((0.4 + 1.0) / 2)


def test_actual_against_target_replaces_the_headcount(sample_db: Database) -> None:
    _indicator(sample_db, 40)
    table = result_orientation(sample_db)
    veterans = table.loc[VETERANS]
    assert veterans["indicator_projects"] == 1
    assert veterans["reach_ratio"] == pytest.approx(0.4)  # not the 150 of 200 people
    assert veterans["beneficiaries_reached"] == 150  # cost per person still counts people
    assert veterans["achieved_share"] == pytest.approx(0.4)  # 40 % of 2.5 M paid on target
    codes = _codes(sample_db)
    assert codes[VETERANS] == ["state_funded_low_reach", "single_funder"]
    message = str(flags(state_dependency(sample_db), table)[VETERANS][0].message)
    assert "indicators' targets" in message and "40%" in message
    _indicator(sample_db, 95)
    assert result_orientation(sample_db).loc[VETERANS, "reach_ratio"] == pytest.approx(0.95)
    assert _codes(sample_db)[VETERANS] == ["single_funder"]
    _indicator(sample_db, 100, code="events", title="Events held", target=10)
    _indicator(sample_db, 120)
    assert "targets_met" in _codes(sample_db)[VETERANS]


def test_activity_results_use_indicators(sample_db: Database) -> None:
    _indicator(sample_db, 40)
    table = activity_scores(sample_db)
    assert table.loc[VETERANS, "results_score"] == pytest.approx(0.4)
    assert table.loc[YOUTH, "results_score"] == pytest.approx(0.4)  # implementing P-2


def _active_state_order(db: Database, *, paid: int | None) -> None:
    """P-3: the veterans' project running since 2021, a 1 000 000 tenge state social order."""
    fields = edits.ProjectFields(
        title="Память", focus_areas=["veterans"], kato="551010000",
        start_date=dt.date(2021, 1, 1), status="active",
    )  # fmt: skip
    edits.save_project(db, "P-3", fields, create=True, actor=ACTOR)
    edits.set_participation(db, "P-3", VETERANS, "accountable", present=True, actor=ACTOR)
    edits.record_funding(
        db, funder="akimat-553610000", project_code="P-3", amount_kzt=1_000_000,
        mechanism="state_social_order", year=2021, actor=ACTOR, disbursed_kzt=paid,
        committed_on=dt.date(2021, 1, 15), disbursed_on=dt.date(2021, 6, 1) if paid else None,
    )  # fmt: skip
    visits = edits.IndicatorFields(title="Veterans visited", target=100, actual=40)
    edits.set_indicator(
        db, "P-3", "visits", dt.date(2021, 1, 1), dt.date(2021, 12, 31), visits, actor=ACTOR
    )


def test_results_are_due_once_an_active_contract_is_paid_in_full(sample_db: Database) -> None:
    _active_state_order(sample_db, paid=400_000)  # paid in part: still at work
    veterans = result_orientation(sample_db).loc[VETERANS]
    assert veterans["paid_projects"] == 0 and veterans["reach_ratio"] == 0.75  # P-2 alone
    edits.record_funding(
        sample_db, funder="akimat-553610000", project_code="P-3", amount_kzt=1_000_000,
        mechanism="state_social_order", year=2021, actor=ACTOR, disbursed_kzt=1_000_000,
    )  # fmt: skip
    veterans = result_orientation(sample_db).loc[VETERANS]
    assert veterans["paid_projects"] == 1 and veterans["indicator_projects"] == 1
    assert veterans["reach_ratio"] == pytest.approx((0.4 + 0.75) / 2)
    assert veterans["funding_kzt"] == veterans["paid_kzt"] == 3_500_000


def test_cost_per_person_counts_money_paid(sample_db: Database) -> None:
    edits.record_funding(
        sample_db, funder="akimat-553610000", project_code="P-2", amount_kzt=2_500_000,
        mechanism="state_social_order", year=2021, actor=ACTOR, disbursed_kzt=1_500_000,
    )  # fmt: skip
    veterans = result_orientation(sample_db).loc[VETERANS]
    assert veterans["funding_kzt"] == 2_500_000 and veterans["paid_kzt"] == 1_500_000
    assert veterans["kzt_per_beneficiary"] == pytest.approx(1_500_000 / 150)
    # the state share is of money committed: the contract stands whatever was paid
    assert state_dependency(sample_db).loc[VETERANS, "state_kzt"] == 2_500_000


def test_a_payment_cannot_exceed_the_commitment(sample_db: Database) -> None:
    funding = (
        "MATCH (:Akimat)-[r:FUNDS]->(:Project {code: 'P-2'}) "
        "RETURN r.amount_kzt AS a, r.disbursed_kzt AS d"
    )
    before = sample_db.read(funding)[0].data()
    with pytest.raises(InvalidInput) as refused:
        edits.record_funding(
            sample_db, funder="akimat-553610000", project_code="P-2", amount_kzt=2_500_000,
            mechanism="state_social_order", year=2021, actor=ACTOR, disbursed_kzt=3_000_000,
        )  # fmt: skip
    assert refused.value.field == "disbursed_kzt"
    assert "more than the 2500000 tenge committed" in str(refused.value)
    with pytest.raises(InvalidInput) as early:
        edits.record_funding(
            sample_db, funder="akimat-553610000", project_code="P-2", amount_kzt=2_500_000,
            mechanism="state_social_order", year=2021, actor=ACTOR, disbursed_kzt=1,
            committed_on=dt.date(2021, 5, 1), disbursed_on=dt.date(2021, 4, 1),
        )  # fmt: skip
    assert early.value.field == "disbursed_on"
    assert sample_db.read(funding)[0].data() == before  # nothing half-written


def test_indicator_edits_are_checked_and_audited(sample_db: Database) -> None:
    fields = edits.IndicatorFields(title="Reach", baseline=10, target=10, actual=5)
    with pytest.raises(InvalidInput) as same:
        edits.set_indicator(sample_db, "P-2", "reach", *YEAR_2021, fields, actor=ACTOR)
    assert same.value.field == "target"
    with pytest.raises(InvalidInput) as backwards:
        edits.set_indicator(
            sample_db, "P-2", "reach", YEAR_2021[1], YEAR_2021[0],
            edits.IndicatorFields(title="Reach"), actor=ACTOR,
        )  # fmt: skip
    assert backwards.value.field == "period_end"
    with pytest.raises(InvalidInput) as negative:
        edits.set_indicator(
            sample_db, "P-2", "reach", *YEAR_2021,
            edits.IndicatorFields(title="Reach", actual=-1), actor=ACTOR,
        )  # fmt: skip
    assert negative.value.field == "actual"
    with pytest.raises(NotFound):
        edits.set_indicator(
            sample_db, "P-404", "reach", *YEAR_2021, edits.IndicatorFields(title="Reach"),
            actor=ACTOR,
        )  # fmt: skip
    assert sample_db.read("MATCH (i:Indicator) RETURN count(i) AS n")[0]["n"] == 0

    created = edits.set_indicator(
        sample_db, "P-2", "reach", *YEAR_2021,
        edits.IndicatorFields(title=" Reach ", unit="people", target=100, actual=12.5),
        actor=ACTOR,
    )  # fmt: skip
    assert created.created and created.indicator.title == "Reach"
    assert created.indicator.actual == 12.5 and created.indicator.target == 100
    assert isinstance(created.indicator.target, int)
    again = edits.set_indicator(
        sample_db, "P-2", "reach", *YEAR_2021,
        edits.IndicatorFields(title="Reach", unit="people", target=100, actual=12.5),
        actor=ACTOR,
    )  # fmt: skip
    assert not again.created
    key = created.indicator.key
    assert key == "P-2|reach|2021-03-01|2021-11-30"
    assert [r.action for r in audit_log(sample_db, target=key)] == ["set_indicator"]  # no-op
    removed = edits.remove_indicator(sample_db, "P-2", "reach", *YEAR_2021, actor=ACTOR)
    assert removed is not None and removed.key == key
    assert edits.remove_indicator(sample_db, "P-2", "reach", *YEAR_2021, actor=ACTOR) is None
    log = audit_log(sample_db, target=key)
    assert [r.action for r in log] == ["remove_indicator", "set_indicator"]
    assert log[0].before is not None and log[0].before["actual"] == 12.5 and log[0].after is None


def test_flag_conditions_become_bin_conditions(sample_db: Database) -> None:
    cache = ProjectionCache()
    assert resolve_flags(sample_db, None, cache=cache) is None
    plain = Cond("kind", Op.EQ, "ngo")
    assert resolve_flags(sample_db, plain, cache=cache) is plain  # no flags: no work
    assert cache.misses == 0
    wanted = Cond(FLAGS, Op.SOME, ["self_funded", "no_partners"])
    some = resolve_flags(sample_db, wanted, cache=cache)
    assert some == Cond("bin", Op.IN, [CLUB])
    nested = All((plain, Cond(FLAGS, Op.NONE, ["single_funder"])))
    assert resolve_flags(sample_db, nested, cache=cache) == All(
        (plain, Not(Cond("bin", Op.IN, [VETERANS])))
    )
    assert flags_by_bin(sample_db, cache=cache) is flags_by_bin(sample_db, cache=cache)
    with pytest.raises(InvalidInput):
        resolve_flags(sample_db, Cond(FLAGS, Op.SOME, ["absorbs_budget"]), cache=cache)
