"""Territories (KATO) and the akimats that govern them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from graph.db import Database
from graph.i18n import Language, current_language
from graph.names import display_name


@dataclass(frozen=True, slots=True)
class Territory:
    kato: str
    name: str
    type: str
    parent_kato: str | None = None
    name_kk: str | None = None
    settlement: str | None = None
    population: int | None = None
    aliases: tuple[str, ...] = ()
    name_ru: str | None = None

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Territory:
        return cls(
            kato=row["kato"],
            name=row["name"],
            type=row["type"],
            parent_kato=row.get("parent_kato"),
            name_kk=row.get("name_kk"),
            settlement=row.get("settlement"),
            population=row.get("population"),
            aliases=tuple(row.get("aliases") or ()),
            name_ru=row.get("name_ru"),
        )

    @property
    def names(self) -> tuple[str, ...]:
        """Every name it is found by: registered, Russian, Kazakh, former."""
        return tuple(n for n in (self.name, self.name_ru, self.name_kk, *self.aliases) if n)

    def display_name(self, language: Language | None = None) -> str:
        """See :func:`graph.names.display_name`."""
        return display_name(language or current_language(), self.name, self.name_ru, self.name_kk)


@dataclass(frozen=True, slots=True)
class Akimat:
    code: str
    name: str
    level: str
    kato: str | None
    name_kk: str | None = None
    name_ru: str | None = None

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Akimat:
        return cls(
            row["code"],
            row["name"],
            row["level"],
            row.get("kato"),
            row.get("name_kk"),
            row.get("name_ru"),
        )

    def display_name(self, language: Language | None = None) -> str:
        """See :func:`graph.names.display_name`."""
        return display_name(language or current_language(), self.name, self.name_ru, self.name_kk)


PROJECTION: LiteralString = """t {.kato, .name, .name_ru, .name_kk, .type, .settlement, .population,
    .aliases, parent_kato: COLLECT { MATCH (t)-[:PART_OF]->(t_p:Territory) RETURN t_p.kato }[0]}"""
AKIMAT_PROJECTION: LiteralString = """a {.code, .name, .name_ru, .name_kk, .level,
    kato: COLLECT { MATCH (a)-[:GOVERNS]->(a_t:Territory) RETURN a_t.kato }[0]}"""

_BY_KATOS: LiteralString = (
    "UNWIND $katos AS kato MATCH (t:Territory {kato: kato}) RETURN " + PROJECTION + " AS t"
)
_ROOTS: LiteralString = (
    "MATCH (t:Territory) WHERE NOT (t)-[:PART_OF]->() RETURN "
    + PROJECTION
    + " AS t ORDER BY t.kato"
)
_AKIMATS_BY_CODES: LiteralString = (
    "UNWIND $codes AS code MATCH (a:Akimat {code: code}) RETURN " + AKIMAT_PROJECTION + " AS a"
)
_AKIMATS_OF: LiteralString = (
    "UNWIND $katos AS kato MATCH (a:Akimat)-[:GOVERNS]->(:Territory {kato: kato}) "
    "RETURN kato, " + AKIMAT_PROJECTION + " AS a ORDER BY a.code"
)
_ALL_AKIMATS: LiteralString = (
    "MATCH (a:Akimat) RETURN " + AKIMAT_PROJECTION + " AS a ORDER BY a.code"
)


def by_katos(db: Database, katos: list[str]) -> dict[str, Territory]:
    records = db.read(_BY_KATOS, katos=list(dict.fromkeys(katos)))
    return {r["t"]["kato"]: Territory.from_record(r["t"]) for r in records}


def roots(db: Database) -> list[Territory]:
    """Territories with no parent: the region(s)."""
    return [Territory.from_record(r["t"]) for r in db.read(_ROOTS)]


def akimats_by_codes(db: Database, codes: list[str]) -> dict[str, Akimat]:
    records = db.read(_AKIMATS_BY_CODES, codes=list(dict.fromkeys(codes)))
    return {r["a"]["code"]: Akimat.from_record(r["a"]) for r in records}


def akimats_governing(db: Database, katos: list[str]) -> dict[str, list[Akimat]]:
    found: dict[str, list[Akimat]] = {k: [] for k in katos}
    for r in db.read(_AKIMATS_OF, katos=list(dict.fromkeys(katos))):
        found[r["kato"]].append(Akimat.from_record(r["a"]))
    return found


def all_akimats(db: Database) -> list[Akimat]:
    return [Akimat.from_record(r["a"]) for r in db.read(_ALL_AKIMATS)]
