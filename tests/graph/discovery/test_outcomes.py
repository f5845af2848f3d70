"""Coordinators' outcomes of suggestions: stored, audited, and acted upon."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph.audit import audit_log
from graph.db import Database
from graph.discovery import OutcomeKind, outcomes, record_outcome, suggest_partners
from graph.discovery.outcomes import PARTNERSHIP_BASIS
from graph.errors import InvalidInput, NotFound
from graph.schema import versions
from tests.graph.discovery.conftest import VETERANS


@pytest.fixture
def cleanup(demo: Database) -> Iterator[list[str]]:
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


def _candidate(demo: Database, rank: int = 0) -> str:
    return suggest_partners(demo, VETERANS, first=rank + 1)[rank].organization.bin


def test_an_outcome_is_stored_listed_and_audited(demo: Database, cleanup: list[str]) -> None:
    partner = _candidate(demo)
    version = versions(demo)[1]
    outcome = record_outcome(demo, VETERANS, partner, "Contacted", " called them ", actor="aigerim")
    cleanup.append(outcome.id)
    assert outcome.outcome is OutcomeKind.CONTACTED and outcome.note == "called them"
    assert outcome.organization.bin == VETERANS and outcome.partner.bin == partner
    assert outcome.actor == "aigerim" and not outcome.partnership_created
    assert versions(demo)[1] == (version or 0) + 1
    assert outcomes(demo, VETERANS)[0] == outcome
    assert outcomes(demo, partner)[0] == outcome  # listed for both organisations
    audit = audit_log(demo, target=f"{VETERANS}-{partner}")[0]
    assert audit.action == "record_suggestion_outcome" and audit.actor == "aigerim"
    assert audit.after is not None and audit.after["outcome"] == "contacted"
    # contacted is not declined: still suggested
    assert partner in {s.organization.bin for s in suggest_partners(demo, VETERANS)}


def test_declined_disappears_both_ways(demo: Database, cleanup: list[str]) -> None:
    partner = _candidate(demo)
    cleanup.append(record_outcome(demo, partner, VETERANS, "declined", actor="test").id)
    assert partner not in {s.organization.bin for s in suggest_partners(demo, VETERANS, first=100)}
    assert VETERANS not in {s.organization.bin for s in suggest_partners(demo, partner, first=100)}


def test_partnered_starts_a_partnership(demo: Database, cleanup: list[str]) -> None:
    partner = _candidate(demo, 1)
    outcome = record_outcome(demo, VETERANS, partner, "partnered", "memorandum signed", actor="t")
    cleanup.append(outcome.id)
    assert outcome.partnership_created
    low, high = sorted((VETERANS, partner))
    rows = demo.read(
        "MATCH (:Organization {bin: $low})-[r:PARTNERS_WITH]->(:Organization {bin: $high}) "
        "RETURN r.basis AS basis, r.until AS until, r.since AS since",
        low=low,
        high=high,
    )
    assert len(rows) == 1 and rows[0]["basis"] == PARTNERSHIP_BASIS and rows[0]["until"] is None
    assert partner not in {s.organization.bin for s in suggest_partners(demo, VETERANS, first=100)}
    again = record_outcome(demo, partner, VETERANS, "partnered", actor="t")
    cleanup.append(again.id)
    assert not again.partnership_created  # one already in force


@pytest.mark.parametrize(
    ("args", "error", "field"),
    [
        ((VETERANS, "000000000000", "contacted"), NotFound, None),
        ((VETERANS, VETERANS, "contacted"), InvalidInput, "partner_bin"),
        ((VETERANS, "160540012311", "ignored"), InvalidInput, "outcome"),
    ],
)
def test_wrong_arguments(
    demo: Database, args: tuple[str, str, str], error: type[Exception], field: str | None
) -> None:
    with pytest.raises(error) as raised:
        record_outcome(demo, *args, actor="test")
    assert getattr(raised.value, "field", None) == field


def test_outcomes_of_an_unknown_organisation(demo: Database) -> None:
    with pytest.raises(NotFound):
        outcomes(demo, "000000000000")
