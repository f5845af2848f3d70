"""Organisations' needs: create, update, close.

A coordinator records the needs of organisations in their territory (the scope rule of
:mod:`graph.scope`: the organisation and where the need is must be under it); stewards and admins
record any. ``partly_met`` and ``met`` follow from handovers (:mod:`graph.edits.handovers`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, LiteralString

from graph import rules
from graph.audit import Change, audited_write
from graph.db import Database, Transaction
from graph.edits.common import claim, require_territory
from graph.errors import Conflict, InvalidInput, NotFound
from graph.hub.needs import PROJECTION, Need
from graph.i18n import t
from graph.rules import checked, clean_text
from graph.scope import Actor, Touches
from graph.vocab import NeedStatus, OfferCategory, Skill, Urgency

__all__ = ["NeedFields", "close_need", "create_need", "need_status", "update_need"]


@dataclass(frozen=True, slots=True)
class NeedFields:
    """A need's values; ``None`` leaves a value as it is (on update); ``project`` ``""`` removes
    the project. The organisation is set when the need is created."""

    organization: str | None = None
    category: str | None = None
    title: str | None = None
    quantity: int | None = None
    unit: str | None = None
    kato: str | None = None
    urgency: str | None = None
    skill: str | None = None
    opened_on: dt.date | None = None
    needed_by: dt.date | None = None
    project: str | None = None


def need_status(quantity: int, received: int, status: str) -> str:
    """A need's status after its handovers: ``closed`` stays; otherwise open, partly met or met
    by what it received against its quantity."""
    if status == NeedStatus.CLOSED:
        return status
    if received >= quantity:
        return NeedStatus.MET.value
    return NeedStatus.PARTLY_MET.value if received > 0 else NeedStatus.OPEN.value


_SNAPSHOT: LiteralString = "MATCH (n:Need {code: $code}) RETURN " + PROJECTION + " AS need"
_CLAIM: LiteralString = """
MERGE (n:Need {code: $code}) ON CREATE SET n._claim = $claim
WITH n, n._claim = $claim AS mine
REMOVE n._claim
RETURN mine
"""
_ORGANIZATION: LiteralString = """
MATCH (n:Need {code: $code}), (o:Organization {bin: $bin})
MERGE (o)-[:HAS_NEED]->(n)
RETURN count(*) AS n
"""
_WRITE: LiteralString = """
MATCH (n:Need {code: $code})
SET n += $props
WITH n
CALL (n) {
  WITH n WHERE $kato IS NOT NULL
  OPTIONAL MATCH (n)-[r:LOCATED_IN]->() DELETE r
  WITH n MATCH (t:Territory {kato: $kato}) MERGE (n)-[:LOCATED_IN]->(t)
}
CALL (n) {
  WITH n WHERE $project IS NOT NULL
  OPTIONAL MATCH (n)-[r:FOR_PROJECT]->() DELETE r
  WITH n MATCH (p:Project {code: $project}) MERGE (n)-[:FOR_PROJECT]->(p)
}
"""
_PROJECT: LiteralString = "MATCH (p:Project {code: $code}) RETURN p.code AS code"
_WHERE: LiteralString = """
MATCH (n:Need {code: $code})
RETURN COLLECT { MATCH (o:Organization)-[:HAS_NEED]->(n) RETURN o.bin }[0] AS bin,
       COLLECT { MATCH (n)-[:LOCATED_IN]->(t:Territory) RETURN t.kato }[0] AS kato
"""


def _props(f: NeedFields) -> dict[str, Any]:
    props: dict[str, Any] = {}
    if f.category is not None:
        props["category"] = checked(rules.enum(OfferCategory), f.category, field="category")
    if f.skill is not None:
        props["skill"] = checked(rules.enum(Skill), f.skill, field="skill")
    if f.urgency is not None:
        props["urgency"] = checked(rules.enum(Urgency), f.urgency, field="urgency")
    if f.title is not None:
        props["title"] = clean_text(f.title, field="title", required=True)
    if f.unit is not None:
        props["unit"] = clean_text(f.unit, field="unit", required=True)
    if f.quantity is not None:
        props["quantity"] = checked(rules.quantity, f.quantity, field="quantity")
    for name in ("opened_on", "needed_by"):
        if getattr(f, name) is not None:
            props[name] = getattr(f, name)
    return props


def _project(f: NeedFields) -> str | None:
    if f.project is None or f.project == "":
        return f.project
    return checked(rules.code, f.project, field="project")


def _day(value: Any) -> dt.date | None:
    return value.to_native() if value is not None else None


def _snapshot(tx: Transaction, code: str) -> dict[str, Any] | None:
    found = tx.run(_SNAPSHOT, code=code).single()
    return None if found is None else dict(found["need"])


def _check(tx: Transaction, props: dict[str, Any], before: dict[str, Any] | None,
           project: str | None) -> None:  # fmt: skip
    """What needs two values or the graph: the skill, the dates, the project."""
    old = before or {}
    problem = rules.skill_problem(
        str(props.get("category", old.get("category"))), props.get("skill", old.get("skill"))
    )
    if problem is not None:
        raise InvalidInput(problem.message, field=problem.field)
    opened = props.get("opened_on") or _day(old.get("opened_on"))
    needed_by = props.get("needed_by") or _day(old.get("needed_by"))
    if problem_text := rules.not_before(opened, needed_by, "opened_on"):
        raise InvalidInput(problem_text, field="needed_by")
    if project and tx.run(_PROJECT, code=project).single() is None:
        raise InvalidInput(t("no project with code {code}", code=project), field="project")


def create_need(db: Database, code: str, f: NeedFields, *, actor: Actor | str) -> Need:
    """A new, open need of an organisation (``code`` must be new)."""
    code = checked(rules.code, code, field="code")
    for name in ("organization", "category", "title", "quantity", "unit", "kato", "urgency"):
        if getattr(f, name) is None:
            raise InvalidInput(t("required"), field=name)
    bin = checked(rules.organization_key, f.organization or "", field="organization")
    kato = checked(rules.kato, f.kato or "", field="kato")
    props = _props(f)
    props["opened_on"] = props.get("opened_on", dt.date.today())
    props["status"] = NeedStatus.OPEN.value
    project = _project(f) or None

    def work(tx: Transaction) -> Change[Need]:
        require_territory(tx, kato, "kato")
        _check(tx, props, None, project)
        if not claim(tx, _CLAIM, code=code):
            raise Conflict(t("a need with code {code} already exists", code=code))
        if tx.run(_ORGANIZATION, code=code, bin=bin).single(strict=True)["n"] == 0:
            raise InvalidInput(t("no organisation with BIN {bin}", bin=bin), field="organization")
        tx.run(_WRITE, code=code, props=props, kato=kato, project=project).consume()
        after = _snapshot(tx, code)
        assert after is not None
        return Change(Need.from_record(after), "create_need", code, None, after)

    touches = Touches(organizations=(bin,), territories=(kato,))
    return audited_write(db, actor, work, touches=touches)


_UNLINK_PROJECT: LiteralString = "MATCH (n:Need {code: $code})-[r:FOR_PROJECT]->() DELETE r"


def update_need(db: Database, code: str, f: NeedFields, *, actor: Actor | str) -> Need:
    """Change a need's values (not its organisation); its status follows a new quantity."""
    code = checked(rules.code, code, field="code")
    if f.organization is not None:
        raise InvalidInput(
            t("a need's organisation is set when it is created and not changed"),
            field="organization",
        )
    props = _props(f)
    kato = None if f.kato is None else checked(rules.kato, f.kato, field="kato")
    project = _project(f)

    def work(tx: Transaction) -> Change[Need]:
        before = _snapshot(tx, code)
        if before is None:
            raise NotFound(t("no need with code {code}", code=code))
        _check(tx, props, before, project)
        if kato is not None:
            require_territory(tx, kato, "kato")
        quantity = props.get("quantity", before["quantity"])
        props["status"] = need_status(quantity, int(before["received"] or 0), before["status"])
        if project == "":
            tx.run(_UNLINK_PROJECT, code=code).consume()
        tx.run(_WRITE, code=code, props=props, kato=kato, project=project or None).consume()
        after = _snapshot(tx, code)
        assert after is not None
        return Change(Need.from_record(after), "update_need", code, before, after)

    return audited_write(db, actor, work, touches=_touches(db, code, kato))


_CLOSE: LiteralString = "MATCH (n:Need {code: $code}) SET n.status = $status"


def close_need(db: Database, code: str, *, actor: Actor | str) -> Need:
    """The organisation needs no more of it, met or not: closed needs get no handovers. Again is
    a no-op."""
    code = checked(rules.code, code, field="code")

    def work(tx: Transaction) -> Change[Need]:
        before = _snapshot(tx, code)
        if before is None:
            raise NotFound(t("no need with code {code}", code=code))
        tx.run(_CLOSE, code=code, status=NeedStatus.CLOSED.value).consume()
        after = _snapshot(tx, code)
        assert after is not None
        return Change(Need.from_record(after), "close_need", code, before, after)

    return audited_write(db, actor, work, touches=_touches(db, code, None))


def _touches(db: Database, code: str, kato: str | None) -> Touches:
    """The need's organisation and where it is (and is moved to): what a limited actor must
    cover. An unknown need touches nothing, so a limited actor is refused before NOT_FOUND."""
    found = db.read(_WHERE, code=code)
    bin = found[0]["bin"] if found else None
    where = {k for k in (found[0]["kato"] if found else None, kato) if k is not None}
    return Touches(organizations=(bin,) if bin else (), territories=tuple(sorted(where)))
