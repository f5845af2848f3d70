"""What coordinators did with a suggestion: contacted, partnered or declined.

Each outcome is a ``(:SuggestionOutcome {id, at, actor, outcome, note, bin, partner_bin})``
node with a ``CONCERNS {role: 'organization' | 'partner'}`` relationship to each organisation,
written in one managed transaction together with an ``AuditRecord`` and the graph-version bump
(as :mod:`graph.edits` does). A ``declined`` pair is never suggested again, in either direction
(:mod:`graph.discovery.suggestions` reads these nodes). ``partnered`` also records the
partnership: a ``PARTNERS_WITH`` (smaller BIN → larger) in force since today with basis
``suggestion``, unless one is already in force; an ended one is started again.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, LiteralString

import neo4j

from graph.db import Database
from graph.discovery.inputs import MAX_FIRST
from graph.discovery.reasons import OrgRef
from graph.errors import InvalidInput, NotFound
from graph.schema import BUMP_GRAPH_VERSION
from graph.vocab import parse_enum

__all__ = ["PARTNERSHIP_BASIS", "Outcome", "OutcomeKind", "outcomes", "record_outcome"]

PARTNERSHIP_BASIS = "suggestion"
"""``basis`` of a partnership recorded through a ``partnered`` outcome."""
MAX_NOTE = 500


class OutcomeKind(StrEnum):
    CONTACTED = "contacted"
    PARTNERED = "partnered"
    DECLINED = "declined"


@dataclass(frozen=True, slots=True)
class Outcome:
    id: str
    at: dt.datetime
    actor: str
    outcome: OutcomeKind
    note: str | None
    organization: OrgRef
    """The organisation the suggestion was made to."""
    partner: OrgRef
    """The organisation suggested."""
    partnership_created: bool
    """A ``partnered`` outcome started a partnership (none was in force)."""


_PAIR: LiteralString = """
UNWIND $bins AS b
OPTIONAL MATCH (o:Organization {bin: b})
RETURN b AS bin, o IS NOT NULL AS found, coalesce(o.archived, false) AS archived
"""

_LOCK: LiteralString = """
MATCH (a:Organization {bin: $low}), (b:Organization {bin: $high})
SET a._lock = true REMOVE a._lock
WITH a, b
OPTIONAL MATCH (a)-[r:PARTNERS_WITH]-(b)
RETURN r {.*} AS before
"""

_PARTNER: LiteralString = """
MATCH (a:Organization {bin: $low}), (b:Organization {bin: $high})
MERGE (a)-[r:PARTNERS_WITH]->(b)
SET r.since = $today, r.basis = $basis, r.until = null
"""

_RECORD: LiteralString = """
MATCH (a:Organization {bin: $bin}), (b:Organization {bin: $partner})
CREATE (s:SuggestionOutcome {id: randomUUID(), at: datetime(), actor: $actor,
                             outcome: $outcome, note: $note, bin: $bin, partner_bin: $partner,
                             partnership_created: $created})
CREATE (s)-[:CONCERNS {role: 'organization'}]->(a)
CREATE (s)-[:CONCERNS {role: 'partner'}]->(b)
RETURN s {.*, name: a.name, partner_name: b.name} AS s
"""

_AUDIT: LiteralString = """
CREATE (:AuditRecord {id: randomUUID(), at: datetime(), actor: $actor, action: $action,
                      target: $target, before: $before, after: $after})
"""


def _outcome(row: dict[str, Any]) -> Outcome:
    return Outcome(
        id=row["id"],
        at=row["at"].to_native(),
        actor=row["actor"],
        outcome=OutcomeKind(row["outcome"]),
        note=row.get("note"),
        organization=OrgRef(row["bin"], row.get("name") or row["bin"]),
        partner=OrgRef(row["partner_bin"], row.get("partner_name") or row["partner_bin"]),
        partnership_created=bool(row.get("partnership_created")),
    )


def _json(value: dict[str, Any] | None) -> str:
    """JSON text for the audit record; ``null`` (not a missing property) when there was
    nothing, so :func:`graph.edits.audit_log` reads it back as ``None``."""
    if value is None:
        return "null"
    plain = {k: v.iso_format() if hasattr(v, "iso_format") else v for k, v in value.items()}
    return json.dumps(plain, ensure_ascii=False, sort_keys=True, default=str)


def record_outcome(
    db: Database,
    bin: str,
    partner_bin: str,
    outcome: str,
    note: str | None = None,
    *,
    actor: str,
) -> Outcome:
    """Record what a coordinator did with the suggestion of ``partner_bin`` to ``bin``.

    Raises :class:`NotFound` for an unknown organisation and :class:`InvalidInput` (``field``:
    ``outcome``, ``partnerBin``, ``note``, ``actor``) for wrong arguments; ``partnered`` with an
    archived organisation is refused.
    """
    kind = parse_enum(OutcomeKind, outcome, field="outcome")
    if bin == partner_bin:
        raise InvalidInput("an organisation cannot partner with itself", field="partnerBin")
    note = (note or "").strip() or None
    if note is not None and len(note) > MAX_NOTE:
        raise InvalidInput(f"at most {MAX_NOTE} characters", field="note")
    if not actor or not actor.strip():
        raise InvalidInput("required", field="actor")
    low, high = sorted((bin, partner_bin))

    def work(tx: neo4j.ManagedTransaction) -> Outcome:
        for end in tx.run(_PAIR, bins=[bin, partner_bin]):
            if not end["found"]:
                raise NotFound(f"no organisation with BIN {end['bin']}")
            if end["archived"] and kind is OutcomeKind.PARTNERED:
                raise InvalidInput(f"organisation {end['bin']} is archived", field="outcome")
        before = tx.run(_LOCK, low=low, high=high).single(strict=True)["before"]
        created = kind is OutcomeKind.PARTNERED and (
            before is None or before.get("until") is not None
        )
        today = dt.date.today()
        if created:
            tx.run(_PARTNER, low=low, high=high, today=today, basis=PARTNERSHIP_BASIS).consume()
        row = tx.run(
            _RECORD,
            {"bin": bin, "partner": partner_bin, "actor": actor, "outcome": kind.value,
             "note": note, "created": created},
        ).single(strict=True)["s"]  # fmt: skip
        after: dict[str, Any] = {"outcome": kind.value, "note": note, "id": row["id"]}
        if created:
            after["partnership"] = {"since": today.isoformat(), "basis": PARTNERSHIP_BASIS}
        tx.run(
            _AUDIT,
            {"actor": actor, "action": "record_suggestion_outcome",
             "target": f"{bin}-{partner_bin}", "before": _json(before), "after": _json(after)},
        ).consume()  # fmt: skip
        tx.run(BUMP_GRAPH_VERSION).consume()
        return _outcome(row)

    with db.session() as session:
        return session.execute_write(work)


_LIST: LiteralString = """
MATCH (o:Organization {bin: $bin})
RETURN COLLECT {
  MATCH (o)<-[:CONCERNS]-(s:SuggestionOutcome)
  WITH DISTINCT s ORDER BY s.at DESC, s.id DESC LIMIT $first
  RETURN s {.*,
    name: COLLECT { MATCH (s)-[:CONCERNS {role: 'organization'}]->(x) RETURN x.name }[0],
    partner_name: COLLECT { MATCH (s)-[:CONCERNS {role: 'partner'}]->(x) RETURN x.name }[0]}
} AS outcomes
"""


def outcomes(db: Database, bin: str, *, first: int = 50) -> list[Outcome]:
    """Outcomes recorded for suggestions to or of organisation ``bin``, newest first."""
    if not 1 <= first <= MAX_FIRST:
        raise InvalidInput(f"first must be between 1 and {MAX_FIRST}", field="first")
    found = db.read(_LIST, bin=bin, first=first)
    if not found:
        raise NotFound(f"no organisation with BIN {bin}")
    return [_outcome(row) for row in found[0]["outcomes"]]
