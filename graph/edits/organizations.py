"""Creating, updating and archiving organisations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from graph import rules
from graph.audit import Change, audited_write
from graph.collation import sort_keys
from graph.db import Database, Transaction
from graph.edits.common import CLAIM_ORGANIZATION, claim, require_territory
from graph.errors import Conflict, InvalidInput, NotFound
from graph.i18n import t
from graph.names import search_text
from graph.organizations import PROJECTION, Organization
from graph.rules import checked, clean_text
from graph.scope import Actor, Touches
from graph.vocab import LegalForm, OrgKind

__all__ = [
    "OrganizationFields",
    "archive_organization",
    "create_organization",
    "update_organization",
]

_SNAPSHOT: LiteralString = "MATCH (o:Organization {bin: $bin}) RETURN " + PROJECTION + " AS org"
_CREATE: LiteralString = """
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
_UPDATE: LiteralString = """
MATCH (o:Organization {bin: $bin})
SET o += $props
WITH o
CALL (o) {
  WITH o WHERE $label IS NOT NULL
  REMOVE o:NGO:VeteransUnion:YouthGroup:ResourceCenter:Foundation:VolunteerClub:InitiativeGroup
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
_ARCHIVE: LiteralString = "MATCH (o:Organization {bin: $bin}) SET o.archived = $archived"


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
    name_ru: str | None = None


def _props(f: OrganizationFields) -> dict[str, Any]:
    props: dict[str, Any] = {}
    if f.name is not None:
        props["name"] = clean_text(f.name, field="name", required=True)
    for field, given in (("name_ru", f.name_ru), ("name_kk", f.name_kk)):
        if given is not None:  # "" removes it
            props[field] = clean_text(given, field=field)
    if f.aliases is not None:
        props["aliases"] = [a for a in (clean_text(x, field="aliases") for x in f.aliases) if a]
    if f.kind is not None:
        props["kind"] = checked(rules.enum(OrgKind), f.kind, field="kind")
    if f.legal_form is not None:
        props["legal_form"] = checked(rules.enum(LegalForm), f.legal_form, field="legal_form")
    if f.founded_year is not None:
        props["founded_year"] = checked(rules.year, f.founded_year, field="founded_year")
    for name, value in (("staff", f.staff), ("volunteers", f.volunteers)):
        if value is not None:
            props[name] = checked(rules.whole, value, field=name)
    _not_a_group(props)
    return props


def _not_a_group(props: dict[str, Any]) -> None:
    """Groups are created and registered by :mod:`graph.edits.groups` only: their kind and legal
    form go with having no BIN."""
    message = t("initiative groups are created with createInitiativeGroup and get a BIN with "
                "registerInitiativeGroup")  # fmt: skip
    if props.get("kind") == OrgKind.INITIATIVE_GROUP.value:
        raise InvalidInput(message, field="kind")
    if props.get("legal_form") == LegalForm.NO_LEGAL_ENTITY.value:
        raise InvalidInput(message, field="legal_form")


def _derived(props: dict[str, Any], before: dict[str, Any] | None = None) -> dict[str, Any]:
    """Search text and collation keys from the names after the edit (``props`` over ``before``)."""
    name, name_ru, name_kk = (
        props.get(k, (before or {}).get(k)) for k in ("name", "name_ru", "name_kk")
    )
    aliases = props.get("aliases", (before or {}).get("aliases")) or []
    return {
        "search_text": search_text([name, name_ru, name_kk, *aliases]),
        **sort_keys(name or "", name_ru, name_kk),
    }


def _focus(codes: list[str] | None) -> list[str] | None:
    return None if codes is None else checked(rules.focus_codes, codes, field="focus_areas")


def create_organization(
    db: Database, bin: str, fields: OrganizationFields, *, actor: Actor | str
) -> Organization:
    bin = checked(rules.bin_, bin, field="bin")
    for name in ("name", "kind", "legal_form", "kato"):
        if getattr(fields, name) is None:
            raise InvalidInput(t("required"), field=name)
    props = _props(fields)
    kato = checked(rules.kato, str(fields.kato), field="kato")
    focus = _focus(fields.focus_areas) or []
    props |= _derived(props)

    def work(tx: Transaction) -> Change[Organization]:
        require_territory(tx, kato, "kato")
        if not claim(tx, CLAIM_ORGANIZATION, bin=bin):
            raise Conflict(t("an organisation with BIN {bin} already exists", bin=bin))
        tx.run(_CREATE, bin=bin, props=props, label=OrgKind(props["kind"]).label,
               kato=kato, focus=focus).consume()  # fmt: skip
        after = tx.run(_SNAPSHOT, bin=bin).single(strict=True)["org"]
        return Change(Organization.from_record(after), "create_organization", bin, None, after)

    return audited_write(
        db, actor, work, touches=Touches(organizations=(bin,), territories=(kato,))
    )


def update_organization(
    db: Database, bin: str, fields: OrganizationFields, *, actor: Actor | str
) -> Organization:
    props = _props(fields)
    kato = None if fields.kato is None else checked(rules.kato, fields.kato, field="kato")
    focus = _focus(fields.focus_areas)
    label = OrgKind(props["kind"]).label if "kind" in props else None

    def work(tx: Transaction) -> Change[Organization]:
        found = tx.run(_SNAPSHOT, bin=bin).single()
        if found is None:
            raise NotFound(t("no organisation with BIN {bin}", bin=bin))
        before = found["org"]
        regrouped = props.keys() & {"kind", "legal_form"}
        if before["kind"] == OrgKind.INITIATIVE_GROUP.value and regrouped:
            message = t("an initiative group gets its kind and legal form when it registers "
                        "(registerInitiativeGroup)")  # fmt: skip
            raise InvalidInput(message, field="kind" if "kind" in props else "legal_form")
        if kato is not None:
            require_territory(tx, kato, "kato")
        props.update(_derived(props, before))
        tx.run(_UPDATE, bin=bin, props=props, label=label, kato=kato, focus=focus).consume()
        after = tx.run(_SNAPSHOT, bin=bin).single(strict=True)["org"]
        return Change(Organization.from_record(after), "update_organization", bin, before, after)

    moved_to = () if kato is None else (kato,)
    touches = Touches(organizations=(bin,), territories=moved_to)
    return audited_write(db, actor, work, touches=touches)


def archive_organization(
    db: Database, bin: str, *, archived: bool = True, actor: Actor | str
) -> Organization:
    """Hide from lists and suggestions (or show again, ``archived=False``); history (projects,
    funding) stays intact."""

    def work(tx: Transaction) -> Change[Organization]:
        found = tx.run(_SNAPSHOT, bin=bin).single()
        if found is None:
            raise NotFound(t("no organisation with BIN {bin}", bin=bin))
        tx.run(_ARCHIVE, bin=bin, archived=archived).consume()
        after = tx.run(_SNAPSHOT, bin=bin).single(strict=True)["org"]
        action = "archive_organization" if archived else "unarchive_organization"
        return Change(Organization.from_record(after), action, bin, found["org"], after)

    return audited_write(db, actor, work, touches=Touches(organizations=(bin,)))
