"""Volunteers: people with skills who give the House's organisations their time.

A volunteer is a ``Person:Volunteer`` (docs/data-model.md, "The House of NGOs hub"): its
``display_name`` is personal data, read only by stewards and admins and erased on request
(:func:`graph.edits.volunteers.erase_volunteer`); its skills, hours, territory and ties stay, so
counts survive erasure. A ``Person`` of the people table who ``VOLUNTEERS_FOR`` an organisation
is one of its volunteers too (without skills or hours until the House registers them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, LiteralString

from graph.db import Database
from graph.keyset import Sort
from graph.relations import Relation

__all__ = ["ORGANIZATION_VOLUNTEERS", "PROJECTION", "Volunteer", "by_ids"]


@dataclass(frozen=True, slots=True)
class Volunteer:
    id: str
    display_name: str | None
    """``None`` once erased (and for a person recorded without one)."""
    skills: tuple[str, ...] = ()
    hours_per_month: int | None = None
    kato: str | None = None
    organizations: tuple[str, ...] = ()
    """BINs (or initiative groups' keys) of the organisations they volunteer for, sorted."""
    consent: bool = False
    erased_at: dt.datetime | None = None

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Volunteer:
        erased = row.get("erased_at")
        return cls(
            id=row["id"],
            display_name=row.get("display_name"),
            skills=tuple(row.get("skills") or ()),
            hours_per_month=row.get("hours_per_month"),
            kato=row.get("kato"),
            organizations=tuple(row.get("organizations") or ()),
            consent=bool(row.get("consent")),
            erased_at=erased.to_native() if erased is not None else None,
        )


PROJECTION: LiteralString = (
    "v {.id, .display_name, .hours_per_month, .consent, .erased_at, "
    "skills: coalesce(v.skills, []), "
    "kato: COLLECT { MATCH (v)-[:LOCATED_IN]->(t:Territory) RETURN t.kato }[0], "
    "organizations: COLLECT { MATCH (v)-[:VOLUNTEERS_FOR]->(o:Organization) "
    "RETURN o.bin ORDER BY o.bin }}"
)
"""A volunteer bound as ``v``, as :meth:`Volunteer.from_record` reads it."""

IS_VOLUNTEER: LiteralString = "(v:Volunteer OR EXISTS { (v)-[:VOLUNTEERS_FOR]->(:Organization) })"

_BY_IDS: LiteralString = (
    "UNWIND $ids AS id MATCH (v:Person {id: id}) WHERE "
    + IS_VOLUNTEER
    + " RETURN "
    + PROJECTION
    + " AS v"
)


def by_ids(db: Database, ids: list[str]) -> dict[str, Volunteer]:
    """Volunteers by id; ids of no volunteer (or of a member who does not volunteer) left out."""
    found = (Volunteer.from_record(r["v"]) for r in db.read(_BY_IDS, ids=list(dict.fromkeys(ids))))
    return {v.id: v for v in found}


ORGANIZATION_VOLUNTEERS: Relation[Volunteer] = Relation(
    parent="(parent:Organization {bin: key})",
    pattern="(v:Person)-[:VOLUNTEERS_FOR]->(parent)",
    condition="true",
    sort=Sort("v.id"),
    id="v.id",
    returns=PROJECTION,
    build=Volunteer.from_record,
)
"""An organisation's volunteers by id: cursors carry the pseudonymous id, never a name."""
