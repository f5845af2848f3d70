"""Coordinators' edits: each one transaction that checks, writes, audits and bumps the version.

Validation reuses the importer's cell rules (:mod:`graph.importer.tables`), so a BIN or an amount is
judged the same way in a file and in the API. Organisations are archived, never deleted.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, LiteralString, TypeVar

import neo4j
from neo4j.exceptions import ConstraintError, ResultFailedError

from graph.db import Database
from graph.errors import Conflict, InvalidInput, NotFound
from graph.focus_areas import FOCUS_AREA_CODES
from graph.importer import tables
from graph.importer.writer import project_status
from graph.names import search_text
from graph.organizations import PROJECTION as ORG_PROJECTION
from graph.organizations import Organization
from graph.projects import PROJECTION as PROJECT_PROJECTION
from graph.projects import Project
from graph.schema import BUMP_GRAPH_VERSION
from graph.vocab import STATE_MECHANISMS, LegalForm, Mechanism, OrgKind, Role

R = TypeVar("R")

_AUDIT: LiteralString = """
CREATE (:AuditRecord {id: randomUUID(), at: datetime(), actor: $actor, action: $action,
                      target: $target, before: $before, after: $after})
"""


@dataclass(frozen=True, slots=True)
class AuditRecord:
    id: str
    at: dt.datetime
    actor: str
    action: str
    target: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def _json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _plain(value: Any) -> Any:
    """Neo4j values as JSON-friendly Python (dates as ISO text)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _run(
    db: Database,
    work: Callable[[neo4j.ManagedTransaction], tuple[R, str, str, Any, Any]],
    *,
    actor: str,
) -> R:
    """Run ``work`` (returning result, action, target, before, after) with its audit record."""

    def tx_function(tx: neo4j.ManagedTransaction) -> R:
        result, action, target, before, after = work(tx)
        if before != after:
            tx.run(
                _AUDIT,
                actor=actor,
                action=action,
                target=target,
                before=_json(_plain(before)),
                after=_json(_plain(after)),
            ).consume()
            tx.run(BUMP_GRAPH_VERSION).consume()
        return result

    with db.session() as session:
        try:
            return session.execute_write(tx_function)
        except ConstraintError as exc:
            raise Conflict(_conflict_message(exc)) from None
        except ResultFailedError as exc:  # the driver re-raises a failed RUN this way
            if isinstance(exc.__cause__, ConstraintError):
                raise Conflict(_conflict_message(exc.__cause__)) from None
            raise


def _conflict_message(exc: ConstraintError) -> str:
    text = str(exc.message or "")
    if "bin" in text:
        return "an organisation with this BIN already exists"
    if "code" in text:
        return "this code is already taken"
    return "this would duplicate an existing record"


def _parse(parser: Callable[[str], Any], value: Any, field: str) -> Any:
    try:
        return parser(str(value))
    except ValueError as exc:
        raise InvalidInput(str(exc), field=field) from None


def _non_negative(value: int | None, field: str) -> int | None:
    if value is not None and value < 0:
        raise InvalidInput("must not be negative", field=field)
    return value


def _focus(codes: list[str] | None, field: str) -> list[str] | None:
    if codes is None:
        return None
    unknown = sorted(set(codes) - FOCUS_AREA_CODES)
    if unknown:
        raise InvalidInput(f"unknown focus area(s): {', '.join(unknown)}", field=field)
    return sorted(set(codes))


def _text(value: str | None, field: str, *, required: bool = False) -> str | None:
    if value is None:
        if required:
            raise InvalidInput("required", field=field)
        return None
    value = value.strip()
    if required and not value:
        raise InvalidInput("must not be empty", field=field)
    if len(value) > 500:
        raise InvalidInput("at most 500 characters", field=field)
    return value or None


def _require_territory(tx: neo4j.ManagedTransaction, kato: str, field: str) -> None:
    if tx.run("MATCH (t:Territory {kato: $kato}) RETURN t", kato=kato).single() is None:
        raise InvalidInput(f"no territory with KATO code {kato}", field=field)


# -- organisations --------------------------------------------------------------------------------

_ORG_SNAPSHOT: LiteralString = (
    "MATCH (o:Organization {bin: $bin}) RETURN " + ORG_PROJECTION + " AS org"
)
_CLAIM_ORG: LiteralString = """
MERGE (o:Organization {bin: $bin}) ON CREATE SET o._claim = $claim
WITH o, o._claim = $claim AS mine
REMOVE o._claim
RETURN mine
"""
_CLAIM_PROJECT: LiteralString = """
MERGE (p:Project {code: $code}) ON CREATE SET p._claim = $claim
WITH p, p._claim = $claim AS mine
REMOVE p._claim
RETURN mine
"""
"""MERGE on a unique key waits for a concurrent creator, so exactly one transaction sees ``mine``
true: the others get a clean CONFLICT instead of a constraint failure at commit."""


def _claim(tx: neo4j.ManagedTransaction, query: LiteralString, **key: str) -> bool:
    params: dict[str, Any] = {"claim": secrets.token_hex(8), **key}
    return bool(tx.run(query, params).single(strict=True)["mine"])


_ORG_CREATE: LiteralString = """
MATCH (o:Organization {bin: $bin})
SET o += $props, o.archived = false, o.synthetic = false
SET o:$($label)
WITH o
MATCH (t:Territory {kato: $kato})
MERGE (o)-[:LOCATED_IN]->(t)
WITH o
UNWIND $focus AS code
MATCH (f:FocusArea {code: code})
MERGE (o)-[:WORKS_ON]->(f)
"""
_ORG_UPDATE: LiteralString = """
MATCH (o:Organization {bin: $bin})
SET o += $props
WITH o
CALL (o) {
  WITH o WHERE $label IS NOT NULL
  REMOVE o:NGO:VeteransUnion:YouthGroup:ResourceCenter:Foundation:VolunteerClub
  SET o:$($label)
}
CALL (o) {
  WITH o WHERE $kato IS NOT NULL
  OPTIONAL MATCH (o)-[r:LOCATED_IN]->() DELETE r
  WITH o MATCH (t:Territory {kato: $kato}) MERGE (o)-[:LOCATED_IN]->(t)
}
CALL (o) {
  WITH o WHERE $focus IS NOT NULL
  OPTIONAL MATCH (o)-[r:WORKS_ON]->() DELETE r
  WITH o UNWIND $focus AS code MATCH (f:FocusArea {code: code}) MERGE (o)-[:WORKS_ON]->(f)
}
"""


@dataclass(frozen=True, slots=True)
class OrganizationFields:
    """What a coordinator may set; ``None`` leaves a field as it is (on update)."""

    name: str | None = None
    kind: str | None = None
    legal_form: str | None = None
    kato: str | None = None
    name_kk: str | None = None
    aliases: list[str] | None = None
    founded_year: int | None = None
    staff: int | None = None
    volunteers: int | None = None
    focus_areas: list[str] | None = None


def _org_props(f: OrganizationFields, prefix: str) -> dict[str, Any]:
    props: dict[str, Any] = {}
    if f.name is not None:
        props["name"] = _text(f.name, f"{prefix}.name", required=True)
    if f.name_kk is not None:
        props["name_kk"] = _text(f.name_kk, f"{prefix}.nameKk")
    if f.aliases is not None:
        props["aliases"] = [a for a in (_text(x, f"{prefix}.aliases") for x in f.aliases) if a]
    if f.kind is not None:
        props["kind"] = _parse(tables.enum(OrgKind), f.kind, f"{prefix}.kind")
    if f.legal_form is not None:
        props["legal_form"] = _parse(tables.enum(LegalForm), f.legal_form, f"{prefix}.legalForm")
    if f.founded_year is not None:
        props["founded_year"] = _parse(tables.year, f.founded_year, f"{prefix}.foundedYear")
    for name, value in (("staff", f.staff), ("volunteers", f.volunteers)):
        if value is not None:
            props[name] = _non_negative(value, f"{prefix}.{name}")
    return props


def create_organization(
    db: Database, bin: str, fields: OrganizationFields, *, actor: str
) -> Organization:
    bin = _parse(tables.bin_, bin, "input.bin")
    for name in ("name", "kind", "legal_form", "kato"):
        if getattr(fields, name) is None:
            raise InvalidInput("required", field=f"input.{name}")
    props = _org_props(fields, "input")
    kato = _parse(tables.kato, fields.kato, "input.kato")
    focus = _focus(fields.focus_areas, "input.focusAreas") or []
    names = [props["name"], props.get("name_kk"), *props.get("aliases", [])]
    props["search_text"] = search_text(names)

    def work(tx: neo4j.ManagedTransaction) -> tuple[Organization, str, str, Any, Any]:
        _require_territory(tx, kato, "input.kato")
        if not _claim(tx, _CLAIM_ORG, bin=bin):
            raise Conflict(f"an organisation with BIN {bin} already exists")
        tx.run(_ORG_CREATE, bin=bin, props=props, label=OrgKind(props["kind"]).label,
               kato=kato, focus=focus).consume()  # fmt: skip
        after = tx.run(_ORG_SNAPSHOT, bin=bin).single(strict=True)["org"]
        return Organization.from_record(after), "create_organization", bin, None, after

    return _run(db, work, actor=actor)


def update_organization(
    db: Database, bin: str, fields: OrganizationFields, *, actor: str
) -> Organization:
    props = _org_props(fields, "input")
    kato = _parse(tables.kato, fields.kato, "input.kato") if fields.kato is not None else None
    focus = _focus(fields.focus_areas, "input.focusAreas")
    label = OrgKind(props["kind"]).label if "kind" in props else None

    def work(tx: neo4j.ManagedTransaction) -> tuple[Organization, str, str, Any, Any]:
        found = tx.run(_ORG_SNAPSHOT, bin=bin).single()
        if found is None:
            raise NotFound(f"no organisation with BIN {bin}")
        before = found["org"]
        if kato is not None:
            _require_territory(tx, kato, "input.kato")
        names = {k: props.get(k, before.get(k)) for k in ("name", "name_kk", "aliases")}
        props["search_text"] = search_text(
            [names["name"], names["name_kk"], *(names["aliases"] or [])]
        )
        tx.run(_ORG_UPDATE, bin=bin, props=props, label=label, kato=kato, focus=focus).consume()
        after = tx.run(_ORG_SNAPSHOT, bin=bin).single(strict=True)["org"]
        return Organization.from_record(after), "update_organization", bin, before, after

    return _run(db, work, actor=actor)


def archive_organization(db: Database, bin: str, *, actor: str) -> Organization:
    """Hide from lists and suggestions; history (projects, funding) stays intact."""

    def work(tx: neo4j.ManagedTransaction) -> tuple[Organization, str, str, Any, Any]:
        found = tx.run(_ORG_SNAPSHOT, bin=bin).single()
        if found is None:
            raise NotFound(f"no organisation with BIN {bin}")
        tx.run("MATCH (o:Organization {bin: $bin}) SET o.archived = true", bin=bin).consume()
        after = tx.run(_ORG_SNAPSHOT, bin=bin).single(strict=True)["org"]
        return Organization.from_record(after), "archive_organization", bin, found["org"], after

    return _run(db, work, actor=actor)


# -- projects -------------------------------------------------------------------------------------

_PROJECT_SNAPSHOT: LiteralString = (
    "MATCH (p:Project {code: $code}) RETURN " + PROJECT_PROJECTION + " AS project"
)
_PROJECT_UPSERT: LiteralString = """
MERGE (p:Project {code: $code})
SET p += $props
WITH p
CALL (p) {
  WITH p WHERE $kato IS NOT NULL
  OPTIONAL MATCH (p)-[r:SERVES]->() DELETE r
  WITH p MATCH (t:Territory {kato: $kato}) MERGE (p)-[:SERVES]->(t)
}
CALL (p) {
  WITH p WHERE $focus IS NOT NULL
  OPTIONAL MATCH (p)-[r:ADDRESSES]->() DELETE r
  WITH p UNWIND $focus AS code MATCH (f:FocusArea {code: code}) MERGE (p)-[:ADDRESSES]->(f)
}
"""


@dataclass(frozen=True, slots=True)
class ProjectFields:
    title: str | None = None
    focus_areas: list[str] | None = None
    kato: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    budget_kzt: int | None = None
    beneficiaries_target: int | None = None
    beneficiaries_reached: int | None = None
    status: str | None = None


def save_project(
    db: Database, code: str, fields: ProjectFields, *, create: bool, actor: str
) -> Project:
    """Create (``create=True``, the code must be new) or update a project."""
    code = _parse(tables.code, code, "input.code")
    if create:
        for name in ("title", "focus_areas", "kato", "start_date"):
            if getattr(fields, name) is None:
                raise InvalidInput("required", field=f"input.{_camel(name)}")
    props: dict[str, Any] = {}
    if fields.title is not None:
        props["title"] = _text(fields.title, "input.title", required=True)
    for name in ("budget_kzt", "beneficiaries_target", "beneficiaries_reached"):
        value = getattr(fields, name)
        if value is not None:
            props[name] = _non_negative(value, f"input.{_camel(name)}")
    if fields.start_date is not None:
        props["start_date"] = fields.start_date
    if fields.end_date is not None:
        props["end_date"] = fields.end_date
    if fields.status is not None:
        props["status"] = fields.status
    kato = _parse(tables.kato, fields.kato, "input.kato") if fields.kato is not None else None
    focus = _focus(fields.focus_areas, "input.focusAreas")
    if focus is not None and not focus:
        raise InvalidInput("a project addresses at least one focus area", field="input.focusAreas")

    def work(tx: neo4j.ManagedTransaction) -> tuple[Project, str, str, Any, Any]:
        if create and not _claim(tx, _CLAIM_PROJECT, code=code):
            raise Conflict(f"a project with code {code} already exists")
        found = None if create else tx.run(_PROJECT_SNAPSHOT, code=code).single()
        if not create and found is None:
            raise NotFound(f"no project with code {code}")
        before = found["project"] if found else None
        start = props.get("start_date") or (before["start_date"].to_native() if before else None)
        end = props.get("end_date") or (
            before["end_date"].to_native() if before and before["end_date"] else None
        )
        if start and end and end < start:
            raise InvalidInput(f"{end} is before the start date {start}", field="input.endDate")
        if create and "status" not in props and start is not None:
            props["status"] = project_status(start, end, dt.date.today()).value
        if kato is not None:
            _require_territory(tx, kato, "input.kato")
        tx.run(_PROJECT_UPSERT, code=code, props=props, kato=kato, focus=focus).consume()
        after = tx.run(_PROJECT_SNAPSHOT, code=code).single(strict=True)["project"]
        action = "create_project" if create else "update_project"
        return Project.from_record(after), action, code, before, after

    return _run(db, work, actor=actor)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.capitalize() for p in rest)


# -- links: participations, fundings, partnerships -------------------------------------------------

_PARTICIPATE: LiteralString = """
MATCH (o:Organization {bin: $bin}), (p:Project {code: $code})
MERGE (o)-[r:PARTICIPATES_IN {role: $role}]->(p)
"""
_PARTICIPATION_EXISTS: LiteralString = """
OPTIONAL MATCH (o:Organization {bin: $bin})
OPTIONAL MATCH (p:Project {code: $code})
OPTIONAL MATCH (o)-[r:PARTICIPATES_IN {role: $role}]->(p)
RETURN o IS NOT NULL AS org, p IS NOT NULL AS project, r IS NOT NULL AS linked
"""
_UNPARTICIPATE: LiteralString = """
MATCH (:Organization {bin: $bin})-[r:PARTICIPATES_IN {role: $role}]->(:Project {code: $code})
DELETE r
"""


def _endpoints(tx: neo4j.ManagedTransaction, bin: str, code: str, role: str) -> bool:
    found = tx.run(_PARTICIPATION_EXISTS, bin=bin, code=code, role=role).single(strict=True)
    if not found["org"]:
        raise NotFound(f"no organisation with BIN {bin}")
    if not found["project"]:
        raise NotFound(f"no project with code {code}")
    return bool(found["linked"])


def set_participation(
    db: Database, project_code: str, bin: str, role: str, *, present: bool, actor: str
) -> bool:
    """Add (``present``) or remove an organisation's role in a project; returns ``present``."""
    role = _parse(tables.enum(Role), role, "input.role")

    def work(tx: neo4j.ManagedTransaction) -> tuple[bool, str, str, Any, Any]:
        linked = _endpoints(tx, bin, project_code, role)
        tx.run(_PARTICIPATE if present else _UNPARTICIPATE,
               bin=bin, code=project_code, role=role).consume()  # fmt: skip
        target = f"{project_code}/{bin}/{role}"
        action = "add_participation" if present else "remove_participation"
        return present, action, target, {"linked": linked}, {"linked": present}

    return _run(db, work, actor=actor)


_FUNDER: LiteralString = """
OPTIONAL MATCH (a:Akimat {code: $funder})
OPTIONAL MATCH (o:Organization {bin: $funder})
OPTIONAL MATCH (d:Donor {code: $funder})
OPTIONAL MATCH (p:Project {code: $code})
RETURN CASE WHEN a IS NOT NULL THEN 'akimat' WHEN o IS NOT NULL THEN 'organization'
            WHEN d IS NOT NULL THEN 'donor' END AS kind, p IS NOT NULL AS project,
       CASE WHEN p IS NULL THEN null ELSE [p.start_date.year, coalesce(p.end_date.year, 9999)]
       END AS years,
       o IS NOT NULL AND EXISTS { (o)-[:PARTICIPATES_IN]->(p) } AS participant
"""
_FUND: LiteralString = """
MATCH (p:Project {code: $code})
OPTIONAL MATCH (a:Akimat {code: $funder})
OPTIONAL MATCH (o:Organization {bin: $funder})
OPTIONAL MATCH (d:Donor {code: $funder})
WITH p, coalesce(a, o, d) AS funder
OPTIONAL MATCH (funder)-[old:FUNDS {mechanism: $mechanism, year: $year}]->(p)
WITH p, funder, old.amount_kzt AS before
MERGE (funder)-[r:FUNDS {mechanism: $mechanism, year: $year}]->(p)
SET r.amount_kzt = $amount
RETURN before
"""


def record_funding(
    db: Database,
    *,
    funder: str,
    project_code: str,
    amount_kzt: int,
    mechanism: str,
    year: int,
    actor: str,
) -> int | None:
    """Set the amount a funder gives a project by a mechanism in a year; returns the old one."""
    mechanism = _parse(tables.enum(Mechanism), mechanism, "input.mechanism")
    _non_negative(amount_kzt, "input.amountKzt")
    year = _parse(tables.year, year, "input.year")

    def work(tx: neo4j.ManagedTransaction) -> tuple[int | None, str, str, Any, Any]:
        facts = tx.run(_FUNDER, funder=funder, code=project_code).single(strict=True)
        if not facts["project"]:
            raise NotFound(f"no project with code {project_code}")
        kind = facts["kind"]
        if kind is None:
            raise InvalidInput(f"no akimat, organisation or donor {funder!r}", field="input.funder")
        if Mechanism(mechanism) in STATE_MECHANISMS and kind != "akimat":
            raise InvalidInput(f"{mechanism} comes from an akimat", field="input.funder")
        if mechanism == Mechanism.OWN_INCOME and not facts["participant"]:
            raise InvalidInput(
                "own_income comes from an organisation taking part in the project",
                field="input.funder",
            )
        first, last = facts["years"]
        if not first <= year <= last:
            raise InvalidInput(f"{year} is outside the project's period", field="input.year")
        before = tx.run(_FUND, funder=funder, code=project_code, mechanism=mechanism, year=year,
                        amount=amount_kzt).single(strict=True)["before"]  # fmt: skip
        target = f"{funder}/{project_code}/{mechanism}/{year}"
        return before, "record_funding", target, {"amount_kzt": before}, {"amount_kzt": amount_kzt}

    return _run(db, work, actor=actor)


_PAIR: LiteralString = """
MATCH (a:Organization {bin: $a}), (b:Organization {bin: $b})
SET a._lock = true REMOVE a._lock
WITH a, b
OPTIONAL MATCH (a)-[r:PARTNERS_WITH]-(b)
RETURN r {.*} AS before
"""
_PARTNER: LiteralString = """
MATCH (a:Organization {bin: $a}), (b:Organization {bin: $b})
MERGE (a)-[r:PARTNERS_WITH]->(b)
SET r += $props
RETURN r {.*} AS after
"""


@dataclass(frozen=True, slots=True)
class PartnershipState:
    bin_a: str
    bin_b: str
    since: dt.date | None
    basis: str | None
    until: dt.date | None


def _state(a: str, b: str, props: dict[str, Any]) -> PartnershipState:
    def day(v: Any) -> dt.date | None:
        return v.to_native() if v is not None else None

    return PartnershipState(a, b, day(props.get("since")), props.get("basis"),
                            day(props.get("until")))  # fmt: skip


def save_partnership(
    db: Database,
    bin_a: str,
    bin_b: str,
    *,
    since: dt.date | None = None,
    basis: str | None = None,
    until: dt.date | None = None,
    end: bool = False,
    actor: str,
) -> PartnershipState:
    """Record a partnership (once per pair, whatever the order) or end it (``end=True``)."""
    if bin_a == bin_b:
        raise InvalidInput("an organisation cannot partner with itself", field="input.binB")
    a, b = sorted((bin_a, bin_b))
    props: dict[str, Any] = {}
    if end:
        props["until"] = until or dt.date.today()
    else:
        props |= {"since": since, "basis": _text(basis, "input.basis"), "until": None}
        if since is None:
            props.pop("since")

    def work(tx: neo4j.ManagedTransaction) -> tuple[PartnershipState, str, str, Any, Any]:
        found = tx.run(_PAIR, a=a, b=b).single()  # also locks a: parallel writers queue here
        if found is None:
            raise NotFound(f"no organisation with BIN {a} or {b}")
        before = found["before"]
        if end and before is None:
            raise NotFound(f"{a} and {b} are not partners")
        started = _state(a, b, before or {}).since
        if end and started is not None and props["until"] < started:
            raise InvalidInput(f"the end is before the start ({started})", field="input.until")
        after = tx.run(_PARTNER, a=a, b=b, props=props).single(strict=True)["after"]
        action = "end_partnership" if end else "save_partnership"
        return _state(a, b, after), action, f"{a}-{b}", before, after

    return _run(db, work, actor=actor)


# -- audit ----------------------------------------------------------------------------------------

_AUDIT_PAGE: LiteralString = """
MATCH (r:AuditRecord)
WHERE ($target IS NULL OR r.target = $target) AND ($before IS NULL OR r.at < $before)
RETURN r {.*} AS r ORDER BY r.at DESC, r.id DESC LIMIT $limit
"""


def audit_log(
    db: Database, *, target: str | None = None, before: dt.datetime | None = None, limit: int = 50
) -> list[AuditRecord]:
    """Newest first; ``before`` pages back in time."""
    records = db.read(_AUDIT_PAGE, target=target, before=before, limit=limit)
    return [
        AuditRecord(
            id=r["r"]["id"],
            at=r["r"]["at"].to_native(),
            actor=r["r"]["actor"],
            action=r["r"]["action"],
            target=r["r"]["target"],
            before=json.loads(r["r"].get("before") or "null"),
            after=json.loads(r["r"].get("after") or "null"),
        )
        for r in records
    ]
