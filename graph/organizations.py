"""Organisations: reading them by key, in filtered keyset pages, and by name in any alphabet."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, LiteralString

from graph.db import Database, columns
from graph.errors import InvalidInput
from graph.filters import Field, Filter, Op, compile_filter
from graph.i18n import Language, current_language, t
from graph.keyset import Sort, by_name, seek
from graph.names import display_name, is_exact, lucene_query, matched_name
from graph.pagination import Page, PageRequest, Subqueries, build_page
from graph.vocab import STATE_MECHANISMS


@dataclass(frozen=True, slots=True)
class Organization:
    bin: str
    name: str
    kind: str
    legal_form: str
    kato: str | None
    name_kk: str | None = None
    name_ru: str | None = None
    aliases: tuple[str, ...] = ()
    founded_year: int | None = None
    staff: int | None = None
    volunteers: int | None = None
    focus_areas: tuple[str, ...] = ()
    synthetic: bool = False
    archived: bool = False

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> Organization:
        return cls(
            bin=row["bin"],
            name=row["name"],
            kind=row["kind"],
            legal_form=row["legal_form"],
            kato=row.get("kato"),
            name_kk=row.get("name_kk"),
            name_ru=row.get("name_ru"),
            aliases=tuple(row.get("aliases") or ()),
            founded_year=row.get("founded_year"),
            staff=row.get("staff"),
            volunteers=row.get("volunteers"),
            focus_areas=tuple(row.get("focus_areas") or ()),
            synthetic=bool(row.get("synthetic")),
            archived=bool(row.get("archived")),
        )

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.name, self.name_ru, self.name_kk, *self.aliases) if n)

    def display_name(self, language: Language | None = None) -> str:
        """The name in ``language`` (the current one by default), see
        :func:`graph.names.display_name`."""
        return display_name(language or current_language(), self.name, self.name_ru, self.name_kk)


_FIELDS: LiteralString = """o {.bin, .name, .name_ru, .name_kk, .aliases, .kind, .legal_form,
    .founded_year, .staff, .volunteers, .synthetic, .archived"""
_KATO: LiteralString = (
    ", kato: COLLECT { MATCH (o)-[:LOCATED_IN]->(o_t:Territory) RETURN o_t.kato }[0]"
)
_FOCUS: LiteralString = """, focus_areas: COLLECT { MATCH (o)-[:WORKS_ON]->(o_f:FocusArea)
    RETURN o_f.code ORDER BY o_f.code }"""
PROJECTION: LiteralString = _FIELDS + _KATO + _FOCUS + "}"
"""The map every query returns for an organisation bound as ``o`` (inner names are ``o_``-prefixed
so they never capture a variable of the enclosing query)."""
BRIEF_PROJECTION: LiteralString = _FIELDS + "}"
""":data:`PROJECTION` without the two subqueries (territory code, focus areas): for a selection
that asks for neither (``kato`` is then None and ``focus_areas`` empty)."""


def projection(*, brief: bool = False) -> LiteralString:
    return BRIEF_PROJECTION if brief else PROJECTION


_STATE: LiteralString = "[" + ", ".join(f"'{m.value}'" for m in sorted(STATE_MECHANISMS)) + "]"
FUNDING_RECEIVED: LiteralString = (
    "COLLECT { MATCH (o)-[:PARTICIPATES_IN {role: 'accountable'}]->(:Project)<-[o_fund:FUNDS]-() "
    "RETURN sum(o_fund.amount_kzt) AS s }[0]"
)
"""Whole tenge into the projects the organisation leads (is accountable for)."""
STATE_SHARE: LiteralString = (
    "COLLECT { MATCH (o)-[:PARTICIPATES_IN {role: 'accountable'}]->(:Project)<-[o_fund:FUNDS]-() "
    "WITH sum(o_fund.amount_kzt) AS o_total, "
    f"sum(CASE WHEN o_fund.mechanism IN {_STATE} THEN o_fund.amount_kzt ELSE 0 END) AS o_state "
    "RETURN CASE WHEN o_total = 0 THEN null ELSE toFloat(o_state) / o_total END }[0]"
)
"""State money ÷ all money into the projects the organisation leads; null without funding."""
SETTLEMENT: LiteralString = (
    "COLLECT { MATCH o_path = (o)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..6]->(o_x:Territory) "
    "WHERE o_x.settlement IS NOT NULL RETURN o_x.settlement ORDER BY length(o_path) LIMIT 1 }[0]"
)
"""Urban or rural: the nearest territory up the PART_OF chain that says so."""

FIELDS: dict[str, Field] = {
    "bin": Field("o.bin"),
    "kind": Field("o.kind"),
    "legal_form": Field("o.legal_form"),
    "name": Field("o.name", ops=frozenset({Op.EQ, Op.IN, Op.CONTAINS, Op.STARTS_WITH})),
    "founded_year": Field(
        "o.founded_year", ops=frozenset({Op.EQ, Op.IN, Op.LT, Op.LTE, Op.GT, Op.GTE})
    ),
    "archived": Field("coalesce(o.archived, false)", ops=frozenset({Op.EQ})),
    "synthetic": Field("coalesce(o.synthetic, false)", ops=frozenset({Op.EQ})),
    "settlement": Field(SETTLEMENT),
    "territory": Field(
        templates={
            Op.IN: "EXISTS { MATCH (o)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..6]->"
            "(o_t:Territory) WHERE o_t.kato IN {p} }"
        },
        ops=frozenset({Op.IN}),
    ),
    "focus_areas": Field(
        templates={
            Op.SOME: "EXISTS { MATCH (o)-[:WORKS_ON]->(o_f:FocusArea) WHERE o_f.code IN {p} }",
            Op.NONE: "NOT EXISTS { MATCH (o)-[:WORKS_ON]->(o_f:FocusArea) WHERE o_f.code IN {p} }",
        },
        ops=frozenset({Op.SOME, Op.NONE}),
    ),
    "has_state_funding": Field(
        templates={
            Op.EQ: "EXISTS { MATCH (o)-[:PARTICIPATES_IN {role: 'accountable'}]->(:Project)"
            f"<-[o_fund:FUNDS]-(:Akimat) WHERE o_fund.mechanism IN {_STATE} }} = {{p}}"
        },
        ops=frozenset({Op.EQ}),
    ),
    "state_funding_share": Field(STATE_SHARE, ops=frozenset({Op.LT, Op.LTE, Op.GT, Op.GTE})),
    "partner": Field(
        templates={
            Op.SOME: "EXISTS { MATCH (o)-[o_r:PARTNERS_WITH]-(o_x:Organization) "
            "WHERE o_r.until IS NULL AND o_x.bin IN {p} }",
            Op.NONE: "NOT EXISTS { MATCH (o)-[o_r:PARTNERS_WITH]-(o_x:Organization) "
            "WHERE o_r.until IS NULL AND o_x.bin IN {p} }",
        },
        ops=frozenset({Op.SOME, Op.NONE}),
    ),
}


class OrgSort(StrEnum):
    NAME = "name"
    """Alphabetical in the reader's language, by the name they see (:mod:`graph.collation`)."""
    FOUNDED_YEAR = "founded_year"
    FUNDING_RECEIVED = "funding_received"
    ACTIVITY = "activity"
    """The analytics activity score: computed in Python, so paged by :func:`page_by_score`."""


SORTS: dict[OrgSort, LiteralString] = {
    OrgSort.FOUNDED_YEAR: "coalesce(o.founded_year, 0)",
    OrgSort.FUNDING_RECEIVED: FUNDING_RECEIVED,
}

_BY_BINS: LiteralString = (
    "UNWIND $bins AS bin MATCH (o:Organization {bin: bin}) RETURN " + PROJECTION + " AS org"
)


def by_bins(db: Database, bins: list[str]) -> dict[str, Organization]:
    """The organisations with these BINs (missing ones are simply absent)."""
    records = db.read(_BY_BINS, bins=list(dict.fromkeys(bins)))
    return {r["org"]["bin"]: Organization.from_record(r["org"]) for r in records}


def by_bins_with(
    db: Database, bins: list[str], *, brief: bool = False, then: Subqueries | None = None
) -> dict[str, tuple[Organization, dict[str, Any]]]:
    """:func:`by_bins`, each with the columns of ``then`` (see :func:`page_with`)."""
    then = then or Subqueries("", "", {})
    query: LiteralString = (
        "UNWIND $bins AS bin MATCH (o:Organization {bin: bin}) "
        f"WITH o, o AS parent {then.text} "
        f"RETURN {projection(brief=brief)} AS org{then.columns}"
    )
    records = db.read(query, bins=list(dict.fromkeys(bins)), **then.params)
    return {r["org"]["bin"]: (Organization.from_record(r["org"]), columns(r)) for r in records}


def condition(
    where: Filter | None, include_archived: bool = False, *, prefix: LiteralString = "w"
) -> tuple[LiteralString, dict[str, Any]]:
    """The Cypher condition on ``o`` (and its parameters) that every list of organisations —
    a page, a count, a download — selects by, so they never disagree."""
    cypher, params = compile_filter(where, FIELDS, prefix=prefix)
    if not include_archived:
        cypher = f"({cypher}) AND NOT coalesce(o.archived, false)"
    return cypher, params


def ordering(sort: OrgSort, descending: bool, language: Language | None = None) -> Sort:
    """How ``sort`` orders organisations (``o``); by name in the alphabet of ``language`` (the
    current one by default). The score orders are computed outside Cypher: ``page_by_score``."""
    if sort is OrgSort.NAME:
        return by_name("o", language or current_language(), descending)
    if sort in SORTS:
        return Sort(SORTS[sort], descending)
    raise InvalidInput(
        t("ordering by {sort} needs page_by_score", sort=sort.value), field="order_by"
    )


def page(
    db: Database,
    request: PageRequest,
    *,
    where: Filter | None = None,
    sort: OrgSort = OrgSort.NAME,
    descending: bool = False,
    include_archived: bool = False,
    language: Language | None = None,
) -> Page[Organization]:
    """One keyset page of organisations matching ``where``, ordered by ``sort`` then BIN; by
    name in the alphabet of ``language`` (the current one by default)."""
    found, _ = page_with(
        db, request, where=where, sort=sort, descending=descending,
        include_archived=include_archived, language=language,
    )  # fmt: skip
    return found


def page_with(
    db: Database,
    request: PageRequest,
    *,
    where: Filter | None = None,
    sort: OrgSort = OrgSort.NAME,
    descending: bool = False,
    include_archived: bool = False,
    language: Language | None = None,
    brief: bool = False,
    then: Subqueries | None = None,
) -> tuple[Page[Organization], dict[str, dict[str, Any]]]:
    """:func:`page`, and for each organisation (by BIN) the columns of ``then``: what will be
    asked of the page next, read in the same query. ``brief`` leaves out the territory code and
    the focus areas (:data:`BRIEF_PROJECTION`)."""
    order_by = ordering(sort, descending, language)
    selected, params = condition(where, include_archived)
    seek_condition, order, seek_params = seek(order_by, "o.bin", request)
    org = projection(brief=brief)
    query: LiteralString = (  # composed from fixed fragments; values are parameters
        f"MATCH (o:Organization) WHERE {selected} "
        f"WITH o, {order_by.expression} AS k WHERE {seek_condition} "
        f"ORDER BY {order} LIMIT $limit "
    )
    if then is None:
        query += f"RETURN k, o.bin AS id, {org} AS org"
        records = db.read(query, **params, **seek_params)
    else:  # the subqueries need not keep the order: the page is ordered again at the end
        query += (
            f"WITH k, o, o AS parent {then.text} "
            f"RETURN k, o.bin AS id, {org} AS org{then.columns} ORDER BY {order}"
        )
        records = db.read(query, **params, **seek_params, **then.params)
    rows = [(r["k"], r["id"], Organization.from_record(r["org"])) for r in records]
    extra = {r["id"]: columns(r) for r in records} if then is not None else {}
    return build_page(rows, request, order=order_by.order), extra


_MATCHING_BINS: LiteralString = "RETURN o.bin AS bin"


def page_by_score(
    db: Database,
    request: PageRequest,
    scores: Mapping[str, float],
    *,
    where: Filter | None = None,
    descending: bool = True,
    include_archived: bool = False,
) -> Page[Organization]:
    """A keyset page ordered by a score computed outside Cypher (e.g. the activity score).

    The filter runs in Neo4j and returns only BINs; ordering by (score, BIN) and the cursor
    happen here; then one query reads the page's organisations. Two round-trips, whatever the
    page size.
    """
    selected, params = condition(where, include_archived)
    query = f"MATCH (o:Organization) WHERE {selected} " + _MATCHING_BINS
    keyed = [(round(scores.get(r["bin"], 0.0), 6), r["bin"]) for r in db.read(query, **params)]
    keyed.sort(reverse=descending != request.backward)  # by (score, BIN), like a keyset
    keyed = [kb for kb in keyed if _beyond(kb, request, descending)]
    chosen = keyed[: request.limit + 1]
    found = by_bins(db, [b for _, b in chosen])
    return build_page([(k, b, found[b]) for k, b in chosen if b in found], request)


def _beyond(item: tuple[float, str], request: PageRequest, descending: bool) -> bool:
    """Whether ``item`` lies after ``request.after`` and before ``request.before``."""
    for position, toward_end in ((request.after, True), (request.before, False)):
        if position is None:
            continue
        here, there = item, (float(position.value or 0), position.id)
        greater = toward_end != descending
        if (here <= there) if greater else (here >= there):
            return False
    return True


def count(db: Database, *, where: Filter | None = None, include_archived: bool = False) -> int:
    selected, params = condition(where, include_archived)
    query = f"MATCH (o:Organization) WHERE {selected} RETURN count(o) AS n"
    return int(db.read(query, **params)[0]["n"])


_COUNT_PREFIXES: tuple[LiteralString, ...] = (
    "c0_", "c1_", "c2_", "c3_", "c4_", "c5_", "c6_", "c7_",
    "c8_", "c9_", "c10_", "c11_", "c12_", "c13_", "c14_", "c15_",
)  # fmt: skip
"""Parameter prefixes of the conditions one :func:`counts` query holds (more: another query)."""


def counts(db: Database, selections: list[tuple[Filter | None, bool]]) -> list[int]:
    """:func:`count` of each ``(where, include_archived)``, many in one query: the per-kind
    counts of a dashboard (one GraphQL alias each) cost one round-trip, not one each."""
    found: list[int] = []
    for start in range(0, len(selections), len(_COUNT_PREFIXES)):
        chunk = selections[start : start + len(_COUNT_PREFIXES)]
        parts: list[LiteralString] = []
        params: dict[str, Any] = {}
        for prefix, (where, include_archived) in zip(_COUNT_PREFIXES, chunk, strict=False):
            selected, own = condition(where, include_archived, prefix=prefix)
            parts.append(f"COUNT {{ MATCH (o:Organization) WHERE {selected} }}")
            params.update(own)
        query: LiteralString = "RETURN [" + ", ".join(parts) + "] AS n"
        found.extend(int(n) for n in db.read(query, **params)[0]["n"])
    return found


# -- search ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SearchHit:
    organization: Organization
    score: float
    matched_name: str


_SEARCH: LiteralString = (
    "CALL db.index.fulltext.queryNodes('organization_names', $query, {limit: $limit}) "
    "YIELD node AS o, score WHERE NOT coalesce(o.archived, false) "
    "RETURN " + PROJECTION + " AS org, score ORDER BY score DESC, o.name"
)


def search(db: Database, text: str, *, first: int = 10) -> list[SearchHit]:
    """Organisations whose names or aliases match ``text`` in any alphabet, typos and word
    endings allowed (:func:`graph.names.lucene_query`)."""
    query = lucene_query(text)
    if query is None:
        return []
    records = db.read(_SEARCH, query=query, limit=first)
    hits = []
    for r in records:
        org = Organization.from_record(r["org"])
        hits.append(SearchHit(org, float(r["score"]), matched_name(text, org.names)))
    # an exact name (in any alphabet) first, whatever Lucene made of its length
    return sorted(hits, key=lambda h: not any(is_exact(text, n) for n in h.organization.names))
