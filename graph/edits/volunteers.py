"""Registering the House's volunteers, updating them, and erasing their personal data on request.

Each is one audited write (:func:`graph.audit.audited_write`). A volunteer's ``display_name`` is
personal data, so the audit log never holds it: its states say only whether personal data is
held (``personal_data``: ``held``, ``changed`` or ``erased``), so erasing the name erases it
everywhere. A volunteer is recorded only with consent (:data:`graph.rules.VOLUNTEER_CONSENT`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, LiteralString

from graph import rules
from graph.audit import Change, audited_write
from graph.db import Database, Transaction
from graph.edits.common import require_territory
from graph.errors import Conflict, InvalidInput, NotFound
from graph.hub.volunteers import IS_VOLUNTEER, PROJECTION, Volunteer
from graph.i18n import t
from graph.rules import checked, clean_text
from graph.scope import Actor, Touches

__all__ = ["erase_volunteer", "register_volunteer", "update_volunteer"]

_ORGANIZATIONS: LiteralString = """
UNWIND $bins AS bin
OPTIONAL MATCH (o:Organization {bin: bin})
RETURN bin, o IS NOT NULL AS found, coalesce(o.archived, false) AS archived
"""
_CLAIM: LiteralString = (
    """
MERGE (v:Person {id: $id}) ON CREATE SET v._new = true
SET v._lock = true REMOVE v._lock
WITH v, coalesce(v._new, false) AS created
REMOVE v._new
RETURN created, v:Volunteer AS volunteer, """
    + PROJECTION
    + " AS v"
)
"""The person with ``id``, made if new, locked: of two registrations of one id, the second waits
for the first and then sees a volunteer (a clean CONFLICT, never a constraint failure)."""
_FIND: LiteralString = (
    "MATCH (v:Person {id: $id}) SET v._lock = true REMOVE v._lock "
    "RETURN v:Volunteer AS volunteer, " + IS_VOLUNTEER + " AS volunteers, " + PROJECTION + " AS v"
)
_SNAPSHOT: LiteralString = "MATCH (v:Person {id: $id}) RETURN " + PROJECTION + " AS v"
_SET: LiteralString = """
MATCH (v:Person {id: $id})
SET v:Volunteer, v += $props
WITH v
CALL (v) {
  WITH v WHERE $kato IS NOT NULL
  OPTIONAL MATCH (v)-[old:LOCATED_IN]->(:Territory)
  DELETE old
  WITH DISTINCT v
  MATCH (t:Territory {kato: $kato})
  MERGE (v)-[:LOCATED_IN]->(t)
}
CALL (v) {
  WITH v WHERE $bins IS NOT NULL
  OPTIONAL MATCH (v)-[old:VOLUNTEERS_FOR]->(o:Organization)
  WHERE NOT o.bin IN $bins
  DELETE old
  WITH DISTINCT v
  UNWIND $bins AS bin
  MATCH (o:Organization {bin: bin})
  MERGE (v)-[:VOLUNTEERS_FOR]->(o)
}
"""
"""Properties set, the territory replaced when given, the organisations replaced when given
(a tie that stays keeps its ``since``)."""
_ERASE: LiteralString = (
    "MATCH (v:Person {id: $id}) REMOVE v.display_name SET v.erased_at = datetime() "
    "RETURN " + PROJECTION + " AS v"
)


def _audit_state(v: dict[str, Any] | None, *, changed: bool = False) -> dict[str, Any] | None:
    """What the audit keeps of a volunteer: everything but the name, and whether one is held."""
    if v is None:
        return None
    state = {k: value for k, value in v.items() if k != "display_name"}
    if v.get("erased_at") is not None:
        state["personal_data"] = "erased"
    elif v.get("display_name") is not None:
        state["personal_data"] = "changed" if changed else "held"
    return state


def _id(value: str) -> str:
    return checked(rules.code, (value or "").strip(), field="id")


def _organizations(values: Iterable[str]) -> list[str]:
    bins = [checked(rules.organization_key, v, field="organizations") for v in values]
    return sorted(set(bins))


def _check_organizations(tx: Transaction, bins: Sequence[str]) -> None:
    for row in tx.run(_ORGANIZATIONS, bins=list(bins)):
        if not row["found"]:
            raise NotFound(t("no organisation with BIN {bin}", bin=row["bin"]))
        if row["archived"]:
            message = t("organisation {bin} is archived", bin=row["bin"])
            raise InvalidInput(message, field="organizations")


def _hours(value: int | None) -> int | None:
    return None if value is None else checked(rules.whole, value, field="hours_per_month")


def register_volunteer(
    db: Database,
    *,
    id: str,
    display_name: str,
    kato: str,
    skills: Iterable[str] = (),
    hours_per_month: int | None = None,
    consent: bool,
    organizations: Iterable[str] = (),
    actor: Actor | str,
) -> Volunteer:
    """Record a volunteer who agreed to it: their name (personal data), territory (KATO),
    skills, hours a month and the organisations (BINs or groups' keys) they volunteer for.

    A person of the people table with this id becomes the volunteer (same node, ties kept);
    an id that is a volunteer already is a :class:`Conflict`.
    """
    vid = _id(id)
    if consent is not True:
        raise InvalidInput(rules.VOLUNTEER_CONSENT, field="consent")
    props: dict[str, Any] = {
        "display_name": clean_text(display_name, field="display_name", required=True),
        "skills": checked(rules.skills, list(skills), field="skills"),
        "hours_per_month": _hours(hours_per_month),
        "consent": True,
    }
    territory = checked(rules.kato, kato, field="territory")
    bins = _organizations(organizations)

    def work(tx: Transaction) -> Change[Volunteer]:
        require_territory(tx, territory, "territory")
        _check_organizations(tx, bins)
        found = tx.run(_CLAIM, id=vid).single(strict=True)
        if found["volunteer"]:
            message = t(
                "volunteer {id} is already registered; change them with updateVolunteer", id=vid
            )
            raise Conflict(message)
        before = None if found["created"] else found["v"]
        kept = [] if before is None else before["organizations"]  # the people table's ties
        ties = sorted({*bins, *kept})
        tx.run(_SET, id=vid, props=props, kato=territory, bins=ties).consume()
        after = tx.run(_SNAPSHOT, id=vid).single(strict=True)["v"]
        return Change(
            Volunteer.from_record(after),
            "register_volunteer",
            vid,
            _audit_state(before),
            _audit_state(after, changed=before is not None),
        )

    return audited_write(
        db,
        actor,
        work,
        touches=Touches(organizations=tuple(bins), territories=(territory,)),
        lock=bins,
    )


def update_volunteer(
    db: Database,
    id: str,
    *,
    display_name: str | None = None,
    kato: str | None = None,
    skills: Iterable[str] | None = None,
    hours_per_month: int | None = None,
    organizations: Iterable[str] | None = None,
    actor: Actor | str,
) -> Volunteer:
    """Change what is given (``None``: unchanged); ``organizations`` replaces the whole list.
    An erased volunteer's name is not recorded again: register them anew, with consent."""
    vid = _id(id)
    props: dict[str, Any] = {}
    if display_name is not None:
        props["display_name"] = clean_text(display_name, field="display_name", required=True)
    if skills is not None:
        props["skills"] = checked(rules.skills, list(skills), field="skills")
    if hours_per_month is not None:
        props["hours_per_month"] = _hours(hours_per_month)
    territory = None if kato is None else checked(rules.kato, kato, field="territory")
    bins = None if organizations is None else _organizations(organizations)
    old_bins: list[str] = []
    if bins is not None:  # the organisations left are touched too (a limited actor's scope)
        found = db.read(_SNAPSHOT, id=vid)
        old_bins = list(found[0]["v"]["organizations"]) if found else []

    def work(tx: Transaction) -> Change[Volunteer]:
        found = tx.run(_FIND, id=vid).single()
        if found is None or not found["volunteer"]:
            message = t(
                "no volunteer with id {id}; register them first (registerVolunteer)", id=vid
            )
            raise NotFound(message)
        before = found["v"]
        if "display_name" in props and before["erased_at"] is not None:
            message = t(
                "volunteer {id}'s personal data was erased; register them again, with consent, "
                "under a new id",
                id=vid,
            )
            raise Conflict(message)
        if territory is not None:
            require_territory(tx, territory, "territory")
        if bins is not None:
            _check_organizations(tx, bins)
        tx.run(_SET, id=vid, props=props, kato=territory, bins=bins).consume()
        after = tx.run(_SNAPSHOT, id=vid).single(strict=True)["v"]
        renamed = after["display_name"] != before["display_name"]
        return Change(
            Volunteer.from_record(after),
            "update_volunteer",
            vid,
            _audit_state(before),
            _audit_state(after, changed=renamed),
        )

    touched = tuple(sorted({*(bins or ()), *old_bins}))
    territories = () if territory is None else (territory,)
    return audited_write(
        db,
        actor,
        work,
        touches=Touches(organizations=touched, territories=territories),
        lock=touched,
    )


def erase_volunteer(db: Database, id: str, *, actor: Actor | str) -> Volunteer:
    """Erase a volunteer's personal data on request: the name goes, ``erased_at`` is set; the
    node keeps its id, skills, hours, territory and ties, so counts stay. The audit keeps that
    it happened, not the name. Erasing again changes nothing."""
    vid = _id(id)

    def work(tx: Transaction) -> Change[Volunteer]:
        found = tx.run(_FIND, id=vid).single()
        if found is None or not found["volunteers"]:
            raise NotFound(t("no volunteer with id {id}", id=vid))
        before = found["v"]
        if before["erased_at"] is not None:
            return Change(Volunteer.from_record(before), "erase_volunteer", vid)
        after = tx.run(_ERASE, id=vid).single(strict=True)["v"]
        return Change(
            Volunteer.from_record(after),
            "erase_volunteer",
            vid,
            {"id": vid, "personal_data": "held"},
            {"id": vid, "personal_data": "erased", "erased_at": after["erased_at"]},
        )

    return audited_write(db, actor, work, touches=Touches(organizations=_ties(db, vid)))


def _ties(db: Database, vid: str) -> tuple[str, ...]:
    found = db.read(_SNAPSHOT, id=vid)
    return tuple(found[0]["v"]["organizations"]) if found else ()
