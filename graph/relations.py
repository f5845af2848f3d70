"""Nested lists (an organisation's projects, a project's funders...) for many parents at once.

One round-trip serves every parent of a page: ``UNWIND`` the parents' keys, then a ``CALL``
subquery takes each parent's own keyset page. This is what keeps nested GraphQL selections from
costing one query per item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, LiteralString, TypeVar

from graph import funding, organizations, projects, sources, territories
from graph.db import Database
from graph.keyset import ByName, Sort, seek
from graph.organizations import Organization
from graph.pagination import Page, PageRequest, Subqueries, build_page
from graph.projects import Project
from graph.sources import Source
from graph.territories import Territory
from graph.vocab import SupportKind

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Participation:
    project: Project
    organization_bin: str
    role: str
    sources: tuple[Source, ...] = ()
    """Where the relationship's fact came from; empty when no source is recorded."""


@dataclass(frozen=True, slots=True)
class Participant:
    organization: Organization
    project_code: str
    role: str
    sources: tuple[Source, ...] = ()
    """Where the relationship's fact came from; empty when no source is recorded."""


@dataclass(frozen=True, slots=True)
class Partnership:
    partner: Organization
    since: dt.date | None
    basis: str | None
    until: dt.date | None
    sources: tuple[Source, ...] = ()
    """Where the relationship's fact came from; empty when no source is recorded."""


@dataclass(frozen=True, slots=True)
class Funding:
    funder_kind: str
    """``akimat``, ``organization`` or ``donor``."""
    funder_key: str
    funder_name: str
    project_code: str
    amount_kzt: int
    """Committed (a contract's sum); what was paid is ``disbursed_kzt``."""
    mechanism: str
    year: int
    disbursed_kzt: int | None = None
    """Paid so far; ``None`` when no payment is recorded."""
    committed_on: dt.date | None = None
    disbursed_on: dt.date | None = None
    sources: tuple[Source, ...] = ()
    """Where the relationship's fact came from; empty when no source is recorded."""


@dataclass(frozen=True, slots=True)
class Support:
    organization: Organization
    akimat_code: str
    since_year: int | None
    form: str | None
    sources: tuple[Source, ...] = ()
    """Where the relationship's fact came from; empty when no source is recorded."""


@dataclass(frozen=True, slots=True)
class Membership:
    person_id: str
    display_name: str
    relation: str
    since: dt.date | None


def _date(value: Any) -> dt.date | None:
    return value.to_native() if value is not None else None


@dataclass(frozen=True, slots=True)
class Relation(Generic[T]):
    parent: LiteralString
    """Binds ``parent`` from ``key``."""
    pattern: LiteralString
    condition: LiteralString
    sort: Sort | ByName
    id: LiteralString
    returns: LiteralString
    build: Callable[[dict[str, Any]], T]

    def page_query(
        self, sort: Sort, seek_condition: LiteralString, order: LiteralString
    ) -> LiteralString:
        return (
            f"UNWIND $keys AS key MATCH {self.parent} "
            + self.subquery(sort, seek_condition, order, limit="limit", column="rows")
            + " RETURN key, rows"
        )

    def subquery(
        self,
        sort: Sort,
        seek_condition: LiteralString,
        order: LiteralString,
        *,
        limit: LiteralString,
        column: LiteralString,
    ) -> LiteralString:
        """The page of the row bound as ``parent``, as ``column``: ``[k, id, row]`` triples."""
        return (
            f"CALL (parent) {{ MATCH {self.pattern} WHERE {self.condition} "
            f"WITH *, {sort.expression} AS k WHERE {seek_condition} "
            f"WITH * ORDER BY {order} LIMIT ${limit} "
            f"RETURN collect([k, {self.id}, {self.returns}]) AS {column} }}"
        )

    def ordered(self) -> Sort:
        """The sort of a page asked for now (by name: in the current language's alphabet)."""
        return self.sort.sort() if isinstance(self.sort, ByName) else self.sort

    def count_query(self) -> LiteralString:
        return (
            f"UNWIND $keys AS key MATCH {self.parent} "
            f"RETURN key, COUNT {{ MATCH {self.pattern} WHERE {self.condition} }} AS n"
        )


_FUNDER: LiteralString = (
    "{kind: CASE WHEN x:Akimat THEN 'akimat' WHEN x:Organization THEN 'organization' "
    "ELSE 'donor' END, key: coalesce(x.bin, x.code), name: x.name}"
)

_PAYMENT: LiteralString = (
    "disbursed_kzt: r.disbursed_kzt, committed_on: r.committed_on, disbursed_on: r.disbursed_on"
)


def _funding(row: dict[str, Any]) -> Funding:
    funder = row["funder"]
    return Funding(
        funder_kind=funder["kind"],
        funder_key=funder["key"],
        funder_name=funder["name"],
        project_code=row["project"],
        amount_kzt=row["amount_kzt"],
        mechanism=row["mechanism"],
        year=row["year"],
        disbursed_kzt=row.get("disbursed_kzt"),
        committed_on=_date(row.get("committed_on")),
        disbursed_on=_date(row.get("disbursed_on")),
        sources=sources.from_record(row["sources"]),
    )


ORGANIZATION_PROJECTS: Relation[Participation] = Relation(
    parent="(parent:Organization {bin: key})",
    pattern="(parent)-[r:PARTICIPATES_IN]->(p:Project)",
    condition="true",
    sort=Sort("toString(p.start_date)", descending=True),
    id="p.code + '|' + r.role",
    returns="{project: " + projects.PROJECTION + ", bin: parent.bin, role: r.role, "
    "sources: " + sources.PROJECTION + "}",
    build=lambda row: Participation(
        Project.from_record(row["project"]),
        row["bin"],
        row["role"],
        sources.from_record(row["sources"]),
    ),
)
ORGANIZATION_PARTNERS: Relation[Partnership] = Relation(
    parent="(parent:Organization {bin: key})",
    pattern="(parent)-[r:PARTNERS_WITH]-(o:Organization)",
    condition="($include_ended OR r.until IS NULL) AND NOT coalesce(o.archived, false)",
    sort=ByName("o"),
    id="o.bin",
    returns="{org: " + organizations.PROJECTION + ", since: r.since, basis: r.basis, "
    "until: r.until, sources: " + sources.PROJECTION + "}",
    build=lambda row: Partnership(
        Organization.from_record(row["org"]),
        _date(row["since"]),
        row["basis"],
        _date(row["until"]),
        sources.from_record(row["sources"]),
    ),
)
ORGANIZATION_PROJECTS_BRIEF: Relation[Participation] = replace(
    ORGANIZATION_PROJECTS,
    returns="{project: " + projects.BRIEF_PROJECTION + ", bin: parent.bin, role: r.role, "
    "sources: " + sources.PROJECTION + "}",
)
""":data:`ORGANIZATION_PROJECTS` without the projects' territory codes and focus areas."""
ORGANIZATION_PARTNERS_BRIEF: Relation[Partnership] = replace(
    ORGANIZATION_PARTNERS,
    returns="{org: " + organizations.BRIEF_PROJECTION + ", since: r.since, basis: r.basis, "
    "until: r.until, sources: " + sources.PROJECTION + "}",
)
""":data:`ORGANIZATION_PARTNERS` without the partners' territory codes and focus areas."""
ORGANIZATION_FUNDINGS: Relation[Funding] = Relation(
    parent="(parent:Organization {bin: key})",
    pattern="(parent)-[:PARTICIPATES_IN {role: 'accountable'}]->(p:Project)<-[r:FUNDS]-(x)",
    condition="true",
    sort=Sort("r.year", descending=True),
    id="p.code + '|' + coalesce(x.bin, x.code) + '|' + r.mechanism",
    returns="{funder: " + _FUNDER + ", project: p.code, amount_kzt: r.amount_kzt, "
    "mechanism: r.mechanism, year: r.year, " + _PAYMENT + ", sources: " + sources.PROJECTION + "}",
    build=_funding,
)
ORGANIZATION_PEOPLE: Relation[Membership] = Relation(
    parent="(parent:Organization {bin: key})",
    pattern="(x:Person)-[r:VOLUNTEERS_FOR|MEMBER_OF]->(parent)",
    condition="true",
    sort=Sort("coalesce(x.display_name, '')"),
    id="x.id + '|' + type(r)",
    returns="{id: x.id, name: coalesce(x.display_name, x.id), since: r.since, "
    "relation: CASE type(r) WHEN 'VOLUNTEERS_FOR' THEN 'volunteer' ELSE 'member' END}",
    build=lambda row: Membership(row["id"], row["name"], row["relation"], _date(row["since"])),
)
PROJECT_PARTICIPANTS: Relation[Participant] = Relation(
    parent="(parent:Project {code: key})",
    pattern="(o:Organization)-[r:PARTICIPATES_IN]->(parent)",
    condition="true",
    sort=ByName("o"),
    id="o.bin + '|' + r.role",
    returns="{org: " + organizations.PROJECTION + ", code: parent.code, role: r.role, "
    "sources: " + sources.PROJECTION + "}",
    build=lambda row: Participant(
        Organization.from_record(row["org"]),
        row["code"],
        row["role"],
        sources.from_record(row["sources"]),
    ),
)
PROJECT_FUNDINGS: Relation[Funding] = Relation(
    parent="(parent:Project {code: key})",
    pattern="(x)-[r:FUNDS]->(parent)",
    condition="true",
    sort=Sort("r.year", descending=True),
    id="coalesce(x.bin, x.code) + '|' + r.mechanism + '|' + toString(r.year)",
    returns="{funder: " + _FUNDER + ", project: parent.code, amount_kzt: r.amount_kzt, "
    "mechanism: r.mechanism, year: r.year, " + _PAYMENT + ", sources: " + sources.PROJECTION + "}",
    build=_funding,
)
TERRITORY_CHILDREN: Relation[Territory] = Relation(
    parent="(parent:Territory {kato: key})",
    pattern="(t:Territory)-[:PART_OF]->(parent)",
    condition="true",
    sort=Sort("t.kato"),
    id="t.kato",
    returns=territories.PROJECTION,
    build=Territory.from_record,
)
TERRITORY_ORGANIZATIONS: Relation[Organization] = Relation(
    parent="(parent:Territory {kato: key})",
    pattern="(o:Organization)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..6]->(parent)",
    condition="NOT coalesce(o.archived, false)",
    sort=ByName("o"),
    id="o.bin",
    returns=organizations.PROJECTION,
    build=Organization.from_record,
)
AKIMAT_SUPPORTED: Relation[Support] = Relation(
    parent="(parent:Akimat {code: key})",
    pattern="(parent)-[r:SUPPORTS]->(o:Organization)",
    # one row per organisation, its earliest support (graph.supports has them all)
    condition="NOT coalesce(o.archived, false) AND r = COLLECT { MATCH (parent)-[x:SUPPORTS]->(o) "
    "RETURN x ORDER BY x.since, elementId(x) LIMIT 1 }[0]",
    sort=ByName("o"),
    id="o.bin",
    returns="{org: " + organizations.PROJECTION + ", code: parent.code, "
    "since_year: r.since.year, kind: r.kind, sources: " + sources.PROJECTION + "}",
    build=lambda row: Support(
        Organization.from_record(row["org"]),
        row["code"],
        row["since_year"],
        SupportKind(row["kind"]).form.value,
        sources.from_record(row["sources"]),
    ),
)


def pages(
    db: Database,
    relation: Relation[T],
    keys: list[str],
    request: PageRequest,
    **params: Any,
) -> dict[str, Page[T]]:
    """Each parent's page of ``relation``, for all ``keys`` in one query (a list by name in
    the alphabet of the current language)."""
    sort = relation.ordered()
    seek_condition, order, seek_params = seek(sort, relation.id, request)
    query = relation.page_query(sort, seek_condition, order)
    records = db.read(query, keys=list(dict.fromkeys(keys)), **params, **seek_params)
    found = {
        r["key"]: build_page(
            [(k, id, relation.build(row)) for k, id, row in r["rows"]], request, order=sort.order
        )
        for r in records
    }
    empty: Page[T] = Page([], False, False)
    return {key: found.get(key, empty) for key in keys}


def counts(db: Database, relation: Relation[Any], keys: list[str], **params: Any) -> dict[str, int]:
    records = db.read(relation.count_query(), keys=list(dict.fromkeys(keys)), **params)
    found = {r["key"]: int(r["n"]) for r in records}
    return {key: found.get(key, 0) for key in keys}


# -- look-ahead: nested pages read in the query of the page that holds them ----------------------


@dataclass(frozen=True, slots=True)
class Nested(Generic[T]):
    """One relation's page for every row of an enclosing page (what a selection asks next)."""

    relation: Relation[T]
    request: PageRequest
    params: tuple[tuple[str, Any], ...] = ()


_COLUMNS: tuple[tuple[LiteralString, LiteralString], ...] = (
    ("nested_0", "nested_0_"),
    ("nested_1", "nested_1_"),
    ("nested_2", "nested_2_"),
    ("nested_3", "nested_3_"),
)
"""(column, parameter prefix) of each nested page one query may hold."""
MAX_NESTED = len(_COLUMNS)

_TERRITORY: LiteralString = (
    "CALL (parent) { RETURN COLLECT { MATCH (parent)-[:LOCATED_IN]->(t:Territory) RETURN "
    + territories.PROJECTION
    + " }[0] AS territory }"
)


_FUNDING: LiteralString = (
    "CALL (parent) { WITH parent AS o RETURN " + funding.PROFILE_ROWS + " AS funding }"
)


def subqueries(
    nested: Sequence[Nested[Any]], *, territory: bool = False, funding_profile: bool = False
) -> Subqueries:
    """The CALL subqueries reading ``nested`` (and the ``territory`` an organisation is located
    in) for each row bound as ``parent``: one round-trip for a page and what it holds, as
    @neo4j/graphql compiles a selection. The relations' own parameters (``$include_ended``) are
    shared, so a relation may appear once."""
    if len(nested) > MAX_NESTED:
        raise ValueError(f"at most {MAX_NESTED} nested pages in one query")
    relations = [n.relation.pattern + n.relation.returns for n in nested]
    if len(set(relations)) != len(relations):
        raise ValueError("each relation at most once in one query")
    text: list[LiteralString] = []
    columns: list[LiteralString] = []
    params: dict[str, Any] = {}
    for (column, prefix), n in zip(_COLUMNS, nested, strict=False):
        sort = n.relation.ordered()
        seek_condition, order, seek_params = seek(sort, n.relation.id, n.request, prefix=prefix)
        limit: LiteralString = prefix + "limit"
        text.append(n.relation.subquery(sort, seek_condition, order, limit=limit, column=column))
        columns.append(", " + column)
        params.update(seek_params)
        params.update(dict(n.params))
    if territory:
        text.append(_TERRITORY)
        columns.append(", territory")
    if funding_profile:
        text.append(_FUNDING)
        columns.append(", funding")
    return Subqueries(" ".join(text), "".join(columns), params)


def nested_pages(nested: Sequence[Nested[Any]], row: dict[str, Any]) -> list[Page[Any]]:
    """The pages of ``nested`` from a row of a query holding :func:`subqueries`."""
    found: list[Page[Any]] = []
    for (column, _), n in zip(_COLUMNS, nested, strict=False):
        order = n.relation.ordered().order
        items = [(k, id, n.relation.build(item)) for k, id, item in row[column]]
        found.append(build_page(items, n.request, order=order))
    return found


def funded(row: dict[str, Any]) -> funding.FundingProfile:
    """The funding profile of a row of a query whose :func:`subqueries` asked for it."""
    return funding.profile_of(row["funding"])


def located(row: dict[str, Any]) -> Territory | None:
    """The territory of a row of a query whose :func:`subqueries` asked for it."""
    found = row.get("territory")
    return Territory.from_record(found) if found else None
