"""The real test of suggestions: acceptance of recorded outcomes, by rank and by reason."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.db import Database
from graph.discovery import record_outcome, suggest_partners
from graph.discovery.outcome_evaluation import outcome_evaluation
from graph.discovery.outcomes import PARTNERSHIP_BASIS
from tests.graph.discovery.conftest import VETERANS


@pytest.fixture
def recorded(demo: Database) -> Iterator[list[str]]:
    """Outcome ids to delete afterwards (and the partnerships they started)."""
    ids: list[str] = []
    yield ids
    demo.write(
        "MATCH (s:SuggestionOutcome) WHERE s.id IN $ids "
        "OPTIONAL MATCH (a:Organization {bin: s.bin})-[r:PARTNERS_WITH {basis: $basis}]-"
        "(b:Organization {bin: s.partner_bin}) "
        "DELETE r DETACH DELETE s",
        ids=ids,
        basis=PARTNERSHIP_BASIS,
    )


def test_nothing_to_evaluate_without_outcomes(demo: Database) -> None:
    assert outcome_evaluation(demo) is None


def test_acceptance_by_rank_and_by_reason(demo: Database, recorded: list[str]) -> None:
    shown = suggest_partners(demo, VETERANS, first=12)
    first, second, eleventh = shown[0], shown[1], shown[10]
    for partner, outcome in ((first, "contacted"), (first, "partnered"), (second, "declined"),
                             (eleventh, "declined")):  # fmt: skip
        recorded.append(record_outcome(demo, VETERANS, partner.organization.bin, outcome,
                                       actor="test").id)  # fmt: skip
    report = outcome_evaluation(demo)
    assert report is not None
    ranks = {p.partner: (p.rank, p.outcome.value) for p in report.pairs}
    # ranked on the graph before the first outcome: the partnership it started is not evidence
    assert ranks == {
        first.organization.bin: (1, "partnered"),
        second.organization.bin: (2, "declined"),
        eleventh.organization.bin: (11, "declined"),
    }
    by_rank = report.by_rank()
    assert list(by_rank.index) == ["1", "2–3", "11+"]
    assert by_rank.loc["1", "acceptance"] == 1.0 and by_rank.loc["2–3", "acceptance"] == 0.0
    assert by_rank.loc["11+", "declined"] == 1.0 and by_rank["pairs"].sum() == 3
    leading = max(first.reasons, key=lambda r: r.contribution).kind
    by_reason = report.by_reason()
    assert by_reason.loc[str(leading), "acceptance"] > 0
    assert by_reason["pairs"].sum() == 3
