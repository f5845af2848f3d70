"""Volunteers and members: minimal personal data (a display name), read only by admins.

A person whose personal data was erased (:func:`graph.edits.volunteers.erase_volunteer`) is shown
by their pseudonymous id: the name is gone, the person still counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from graph.db import Database


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    display_name: str


_BY_IDS: LiteralString = """
UNWIND $ids AS id MATCH (p:Person {id: id})
RETURN p.id AS id, coalesce(p.display_name, p.id) AS name
"""


def by_ids(db: Database, ids: list[str]) -> dict[str, Person]:
    return {r["id"]: Person(r["id"], r["name"]) for r in db.read(_BY_IDS, ids=ids)}
