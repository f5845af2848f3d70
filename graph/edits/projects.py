"""Creating and updating projects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, LiteralString

from graph import rules
from graph.audit import Change, audited_write
from graph.collation import sort_keys
from graph.db import Database, Transaction
from graph.edits.common import CLAIM_PROJECT, claim, require_territory
from graph.errors import Conflict, InvalidInput, NotFound
from graph.i18n import t
from graph.importer.writer import project_status
from graph.names import search_text
from graph.projects import PROJECTION, Project
from graph.rules import checked, clean_text
from graph.scope import Actor, Touches

__all__ = ["ProjectFields", "save_project"]

_SNAPSHOT: LiteralString = "MATCH (p:Project {code: $code}) RETURN " + PROJECTION + " AS project"
_UPSERT: LiteralString = """
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
    title_ru: str | None = None
    title_kk: str | None = None


_TITLES = ("title", "title_ru", "title_kk")


def _props(fields: ProjectFields) -> dict[str, Any]:
    props: dict[str, Any] = {}
    if fields.title is not None:
        props["title"] = clean_text(fields.title, field="title", required=True)
    for field in ("title_ru", "title_kk"):
        if getattr(fields, field) is not None:  # "" removes it
            props[field] = clean_text(getattr(fields, field), field=field)
    for name in ("budget_kzt", "beneficiaries_target", "beneficiaries_reached"):
        value = getattr(fields, name)
        if value is not None:
            props[name] = checked(rules.whole, value, field=name)
    for name in ("start_date", "end_date", "status"):
        if getattr(fields, name) is not None:
            props[name] = getattr(fields, name)
    return props


def save_project(
    db: Database, code: str, fields: ProjectFields, *, create: bool, actor: Actor | str
) -> Project:
    """Create (``create=True``, the code must be new) or update a project."""
    code = checked(rules.code, code, field="code")
    if create:
        for name in ("title", "focus_areas", "kato", "start_date"):
            if getattr(fields, name) is None:
                raise InvalidInput(t("required"), field=name)
    props = _props(fields)
    kato = None if fields.kato is None else checked(rules.kato, fields.kato, field="kato")
    focus = None
    if fields.focus_areas is not None:
        focus = checked(rules.focus_codes, fields.focus_areas, field="focus_areas")
        if not focus:
            raise InvalidInput(
                t("a project addresses at least one focus area"), field="focus_areas"
            )

    def work(tx: Transaction) -> Change[Project]:
        if create and not claim(tx, CLAIM_PROJECT, code=code):
            raise Conflict(t("a project with code {code} already exists", code=code))
        found = None if create else tx.run(_SNAPSHOT, code=code).single()
        if not create and found is None:
            raise NotFound(t("no project with code {code}", code=code))
        before = found["project"] if found else None
        start = props.get("start_date") or (before["start_date"].to_native() if before else None)
        end = props.get("end_date") or (
            before["end_date"].to_native() if before and before["end_date"] else None
        )
        if problem := rules.not_before(start, end, "start_date"):
            raise InvalidInput(problem, field="end_date")
        if create and "status" not in props and start is not None:
            props["status"] = project_status(start, end, dt.date.today()).value
        if kato is not None:
            require_territory(tx, kato, "kato")
        if any(name in props for name in _TITLES):
            title, title_ru, title_kk = (props.get(k, (before or {}).get(k)) for k in _TITLES)
            props["search_text"] = search_text([title, title_ru, title_kk])
            props.update(sort_keys(title or "", title_ru, title_kk))
        tx.run(_UPSERT, code=code, props=props, kato=kato, focus=focus).consume()
        after = tx.run(_SNAPSHOT, code=code).single(strict=True)["project"]
        action = "create_project" if create else "update_project"
        return Change(Project.from_record(after), action, code, before, after)

    touches = Touches(projects=(code,), territories=() if kato is None else (kato,))
    return audited_write(db, actor, work, touches=touches)
