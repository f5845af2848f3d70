"""What coordinators did with a suggestion: contacted, partnered or declined.

Each outcome is a ``(:SuggestionOutcome {id, at, actor, outcome, note, bin, partner_bin})``
node with a ``CONCERNS {role: 'organization' | 'partner'}`` relationship to each organisation,
written by :func:`graph.audit.audited_write` (with an ``AuditRecord`` and the graph-version bump,
as every edit is). A ``declined`` pair is never suggested again, in either direction
(:mod:`graph.discovery.suggestions` reads these nodes). ``partnered`` also records the
partnership: a ``PARTNERS_WITH`` (smaller BIN → larger) in force since today with basis
``suggestion``, unless one is already in force; an ended one is started again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, LiteralString

from graph.audit import Change, audited_write
from graph.db import Database, Transaction
from graph.discovery.reasons import OrgRef
from graph.edits.links import read_partnership, write_partnership
from graph.errors import InvalidInput, NotFound
from graph.i18n import t
from graph.rules import SELF_PARTNERSHIP, check_first, clean_text, parse_enum
from graph.scope import Actor, Touches

__all__ = ["PARTNERSHIP_BASIS", "Outcome", "OutcomeKind", "outcomes", "record_outcome"]

PARTNERSHIP_BASIS = "suggestion"
"""``basis`` of a partnership recorded through a ``partnered`` outcome."""


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

_RECORD: LiteralString = """
MATCH (a:Organization {bin: $bin}), (b:Organization {bin: $partner})
CREATE (s:SuggestionOutcome {id: randomUUID(), at: datetime(), actor: $actor,
                             outcome: $outcome, note: $note, bin: $bin, partner_bin: $partner,
                             partnership_created: $created})
CREATE (s)-[:CONCERNS {role: 'organization'}]->(a)
CREATE (s)-[:CONCERNS {role: 'partner'}]->(b)
RETURN s {.*, name: a.name, partner_name: b.name} AS s
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


def record_outcome(
    db: Database,
    bin: str,
    partner_bin: str,
    outcome: str,
    note: str | None = None,
    *,
    actor: Actor | str,
) -> Outcome:
    """Record what a coordinator did with the suggestion of ``partner_bin`` to ``bin``.

    Raises :class:`NotFound` for an unknown organisation and :class:`InvalidInput` (``field``:
    ``outcome``, ``partner_bin``, ``note``, ``actor``) for wrong arguments; ``partnered`` with an
    archived organisation is refused.
    """
    kind = parse_enum(OutcomeKind, outcome, field="outcome")
    if bin == partner_bin:
        raise InvalidInput(SELF_PARTNERSHIP, field="partner_bin")
    note = clean_text(note, field="note")
    if not str(actor).strip():
        raise InvalidInput(t("required"), field="actor")
    low, high = sorted((bin, partner_bin))

    def work(tx: Transaction) -> Change[Outcome]:
        for end in tx.run(_PAIR, bins=[bin, partner_bin]):
            if not end["found"]:
                raise NotFound(t("no organisation with BIN {bin}", bin=end["bin"]))
            if end["archived"] and kind is OutcomeKind.PARTNERED:
                raise InvalidInput(
                    t("organisation {bin} is archived", bin=end["bin"]), field="outcome"
                )
        before = read_partnership(tx, low, high)
        created = kind is OutcomeKind.PARTNERED and (
            before is None or before.get("until") is not None
        )
        today = dt.date.today()
        if created:
            props = {"since": today, "basis": PARTNERSHIP_BASIS, "until": None}
            write_partnership(tx, low, high, props)
        row = tx.run(
            _RECORD,
            {"bin": bin, "partner": partner_bin, "actor": str(actor), "outcome": kind.value,
             "note": note, "created": created},
        ).single(strict=True)["s"]  # fmt: skip
        after: dict[str, Any] = {"outcome": kind.value, "note": note, "id": row["id"]}
        if created:
            after["partnership"] = {"since": today.isoformat(), "basis": PARTNERSHIP_BASIS}
        target = f"{bin}-{partner_bin}"
        return Change(_outcome(row), "record_suggestion_outcome", target, before, after)

    touches = Touches(organizations=(bin, partner_bin))
    return audited_write(db, actor, work, touches=touches, lock=(low,))


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
    check_first(first)
    found = db.read(_LIST, bin=bin, first=first)
    if not found:
        raise NotFound(t("no organisation with BIN {bin}", bin=bin))
    return [_outcome(row) for row in found[0]["outcomes"]]
