"""Projects: by code and in filtered keyset pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, LiteralString

from graph.db import Database
from graph.filters import Field, Filter, Op, compile_filter
from graph.i18n import Language, current_language
from graph.keyset import Sort, by_name, seek
from graph.names import display_name
from graph.pagination import Page, PageRequest, build_page

_RANGE = frozenset({Op.EQ, Op.LT, Op.LTE, Op.GT, Op.GTE})


@dataclass(frozen=True, slots=True)
class Project:
    code: str
    title: str
    start_date: dt.date
    status: str
    kato: str | None
    end_date: dt.date | None = None
    budget_kzt: int | None = None
    beneficiaries_target: int | None = None
    beneficiaries_reached: int | None = None
    focus_areas: tuple[str, ...] = ()
    title_ru: str | None = None
    title_kk: str | None = None

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Project:
        return cls(
            code=row["code"],
            title=row["title"],
            start_date=row["start_date"].to_native(),
            end_date=row["end_date"].to_native() if row.get("end_date") else None,
            status=row["status"],
            kato=row.get("kato"),
            budget_kzt=row.get("budget_kzt"),
            beneficiaries_target=row.get("beneficiaries_target"),
            beneficiaries_reached=row.get("beneficiaries_reached"),
            focus_areas=tuple(row.get("focus_areas") or ()),
            title_ru=row.get("title_ru"),
            title_kk=row.get("title_kk"),
        )

    @property
    def titles(self) -> tuple[str, ...]:
        return tuple(n for n in (self.title, self.title_ru, self.title_kk) if n)

    def display_title(self, language: Language | None = None) -> str:
        """The title in ``language`` (the current one by default), with the fallback of
        :func:`graph.names.display_name`."""
        language = language or current_language()
        return display_name(language, self.title, self.title_ru, self.title_kk)


_FIELDS: LiteralString = """p {.code, .title, .title_ru, .title_kk, .start_date, .end_date,
    .status, .budget_kzt, .beneficiaries_target, .beneficiaries_reached"""
PROJECTION: LiteralString = (
    _FIELDS
    + """, kato: COLLECT { MATCH (p)-[:SERVES]->(p_t:Territory) RETURN p_t.kato }[0],
    focus_areas: COLLECT { MATCH (p)-[:ADDRESSES]->(p_f:FocusArea)
                           RETURN p_f.code ORDER BY p_f.code }}"""
)
"""The map every query returns for a project bound as ``p``."""
BRIEF_PROJECTION: LiteralString = _FIELDS + "}"
""":data:`PROJECTION` without the beneficiaries' territory code and the focus areas: for a
selection that asks for neither (``kato`` is then None and ``focus_areas`` empty)."""

FIELDS: dict[str, Field] = {
    "code": Field("p.code"),
    "status": Field("p.status"),
    "title": Field("p.title", ops=frozenset({Op.EQ, Op.CONTAINS, Op.STARTS_WITH})),
    "start_date": Field("p.start_date", ops=_RANGE),
    "end_date": Field("p.end_date", ops=_RANGE),
    "budget_kzt": Field("p.budget_kzt", ops=_RANGE),
    "active_in_year": Field(
        templates={Op.EQ: "(p.start_date.year <= {p} AND coalesce(p.end_date.year, 9999) >= {p})"},
        ops=frozenset({Op.EQ}),
    ),
    "focus_area": Field(
        templates={
            Op.IN: "EXISTS { MATCH (p)-[:ADDRESSES]->(p_f:FocusArea) WHERE p_f.code IN {p} }"
        },
        ops=frozenset({Op.IN}),
    ),
    "territory": Field(
        templates={
            Op.IN: "EXISTS { MATCH (p)-[:SERVES]->(:Territory)-[:PART_OF*0..6]->(p_t:Territory) "
            "WHERE p_t.kato IN {p} }"
        },
        ops=frozenset({Op.IN}),
    ),
    "funder": Field(
        templates={
            Op.IN: "EXISTS { MATCH (p)<-[:FUNDS]-(p_x) WHERE coalesce(p_x.bin, p_x.code) IN {p} }"
        },
        ops=frozenset({Op.IN}),
    ),
    "mechanism": Field(
        templates={Op.IN: "EXISTS { MATCH (p)<-[p_r:FUNDS]-() WHERE p_r.mechanism IN {p} }"},
        ops=frozenset({Op.IN}),
    ),
    "participant": Field(
        templates={
            Op.IN: "EXISTS { MATCH (p)<-[:PARTICIPATES_IN]-(p_o:Organization) "
            "WHERE p_o.bin IN {p} }"
        },
        ops=frozenset({Op.IN}),
    ),
}


class ProjectSort(StrEnum):
    START_DATE = "start_date"
    TITLE = "title"
    """Alphabetical in the reader's language, by the title they see (:mod:`graph.collation`)."""
    BUDGET = "budget_kzt"


SORTS: dict[ProjectSort, LiteralString] = {
    ProjectSort.START_DATE: "toString(p.start_date)",
    ProjectSort.BUDGET: "coalesce(p.budget_kzt, 0)",
}

_BY_CODES: LiteralString = (
    "UNWIND $codes AS code MATCH (p:Project {code: code}) RETURN " + PROJECTION + " AS project"
)


def by_codes(db: Database, codes: list[str]) -> dict[str, Project]:
    records = db.read(_BY_CODES, codes=list(dict.fromkeys(codes)))
    return {r["project"]["code"]: Project.from_record(r["project"]) for r in records}


def page(
    db: Database,
    request: PageRequest,
    *,
    where: Filter | None = None,
    sort: ProjectSort = ProjectSort.START_DATE,
    descending: bool = True,
    language: Language | None = None,
) -> Page[Project]:
    """One keyset page of projects matching ``where``, ordered by ``sort`` then code; by title
    in the alphabet of ``language`` (the current one by default)."""
    if sort is ProjectSort.TITLE:
        order_by = by_name("p", language or current_language(), descending)
    else:
        order_by = Sort(SORTS[sort], descending)
    condition, params = compile_filter(where, FIELDS)
    seek_condition, order, seek_params = seek(order_by, "p.code", request)
    query = (  # composed from fixed fragments; values are parameters
        f"MATCH (p:Project) WHERE {condition} "
        f"WITH p, {order_by.expression} AS k WHERE {seek_condition} "
        f"ORDER BY {order} LIMIT $limit "
        f"RETURN k, p.code AS id, {PROJECTION} AS project"
    )
    records = db.read(query, **params, **seek_params)
    return build_page(
        [(r["k"], r["id"], Project.from_record(r["project"])) for r in records],
        request,
        order=order_by.order,
    )


def count(db: Database, *, where: Filter | None = None) -> int:
    condition, params = compile_filter(where, FIELDS)
    query = f"MATCH (p:Project) WHERE {condition} RETURN count(p) AS n"
    return int(db.read(query, **params)[0]["n"])
