"""Initiative groups: people acting together before (or without) registering a legal entity.

A group is an ``Organization`` of kind ``initiative_group`` and legal form ``no_legal_entity``. It
has no BIN, so it gets a key ``IG-`` + 13 Crockford base-32 characters: 9 of the creation time in
milliseconds (so keys sort by creation) and 4 random ones. The key is the group's identifier
everywhere an organisation's is (the node's ``bin`` property, the API's ``bin``, ``key`` and
global ID, audit targets), so it takes part in projects, partnerships and merges like any
organisation; the API's ``registeredBin`` is null for it.

:func:`register_initiative_group` gives the group its BIN: the same node, so every relationship
stays; a ``(:RegisteredGroup {key, at})-[:REGISTERED_AS]->(o)`` node remembers the key, so the
key still finds the organisation (:func:`registered_as`) and its audit log keeps the group's
entries (:data:`graph.audit._TARGETS`).
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import LiteralString

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
    "GroupFields",
    "create_initiative_group",
    "is_group_key",
    "new_group_key",
    "register_initiative_group",
    "registered_as",
]

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base 32: no I, L, O or U, so a key read aloud or retyped is not misread."""


def _base32(value: int, width: int) -> str:
    digits = []
    for _ in range(width):
        value, rest = divmod(value, 32)
        digits.append(_ALPHABET[rest])
    return "".join(reversed(digits))


def new_group_key(now_ms: int | None = None, random: int | None = None) -> str:
    """A new key: ``IG-`` + time (ms, 9 characters: until the year 3084) + 4 random characters.

    >>> new_group_key(0, 0)
    'IG-0000000000000'
    >>> new_group_key(1_700_000_000_000, 31) < new_group_key(1_700_000_000_001, 0)
    True
    """
    ms = time.time_ns() // 1_000_000 if now_ms is None else now_ms
    noise = secrets.randbelow(32**4) if random is None else random
    return "IG-" + _base32(ms, 9) + _base32(noise, 4)


def is_group_key(value: str) -> bool:
    """Whether ``value`` has the form of an initiative group's key (never a BIN's)."""
    return rules.GROUP_KEY.fullmatch(value) is not None


@dataclass(frozen=True, slots=True)
class GroupFields:
    name: str
    kato: str
    focus_areas: tuple[str, ...] = ()
    name_kk: str | None = None
    name_ru: str | None = None
    contact: str | None = None
    """How to reach the group (a person's phone or e-mail): stored, audited, not published."""
    volunteers: int | None = None
    founded_year: int | None = None


_SNAPSHOT: LiteralString = "MATCH (o:Organization {bin: $bin}) RETURN " + PROJECTION + " AS org"
_CREATE: LiteralString = """
MATCH (o:Organization {bin: $bin})
SET o += $props, o.archived = false, o.synthetic = false
SET o:InitiativeGroup
WITH o
MATCH (t:Territory {kato: $kato})
MERGE (o)-[:LOCATED_IN]->(t)
WITH o
UNWIND $focus AS code
MATCH (f:FocusArea {code: code})
MERGE (o)-[:WORKS_ON]->(f)
"""


def create_initiative_group(
    db: Database, fields: GroupFields, *, actor: Actor | str
) -> Organization:
    """Create a group under a new key; it is one audited write like any organisation's."""
    props: dict[str, object] = {
        "name": clean_text(fields.name, field="name", required=True),
        "kind": OrgKind.INITIATIVE_GROUP.value,
        "legal_form": LegalForm.NO_LEGAL_ENTITY.value,
    }
    names: dict[str, str | None] = {"name_ru": None, "name_kk": None}
    for key, value in (("name_ru", fields.name_ru), ("name_kk", fields.name_kk)):
        if value is not None:
            props[key] = names[key] = clean_text(value, field=key)
    if fields.contact is not None:
        props["contact"] = clean_text(fields.contact, field="contact")
    if fields.volunteers is not None:
        props["volunteers"] = checked(rules.whole, fields.volunteers, field="volunteers")
    if fields.founded_year is not None:
        props["founded_year"] = checked(rules.year, fields.founded_year, field="founded_year")
    kato = checked(rules.kato, fields.kato, field="kato")
    focus = checked(rules.focus_codes, list(fields.focus_areas), field="focus_areas")
    name = str(props["name"])
    props["search_text"] = search_text([name, names["name_ru"], names["name_kk"]])
    props |= sort_keys(name, names["name_ru"], names["name_kk"])

    def work(tx: Transaction) -> Change[Organization]:
        require_territory(tx, kato, "kato")
        key = new_group_key()
        while not claim(tx, CLAIM_ORGANIZATION, bin=key):  # two groups in one millisecond
            key = new_group_key()
        tx.run(_CREATE, bin=key, props=props, kato=kato, focus=focus).consume()
        after = tx.run(_SNAPSHOT, bin=key).single(strict=True)["org"]
        return Change(Organization.from_record(after), "create_initiative_group", key, None, after)

    return audited_write(
        db, actor, work, touches=Touches(organizations=(key,), territories=(kato,))
    )


_REGISTERED: LiteralString = (
    """
MATCH (g:RegisteredGroup {key: $key})-[:REGISTERED_AS]->(o:Organization)
RETURN o.bin AS bin, """
    + PROJECTION
    + " AS org"
)
_TAKEN: LiteralString = "RETURN EXISTS { MATCH (:Organization {bin: $bin}) } AS taken"
_REGISTER: LiteralString = """
MATCH (o:Organization {bin: $key})
SET o.bin = $bin, o.kind = $kind, o.legal_form = $legal_form, o.registered_at = datetime()
REMOVE o:InitiativeGroup
SET o:$($label)
CREATE (:RegisteredGroup {key: $key, at: datetime()})-[:REGISTERED_AS]->(o)
WITH o
CALL (o) {
  MATCH (o)-[r:PARTNERS_WITH]-(x:Organization)
  WITH r, CASE WHEN o.bin < x.bin THEN o ELSE x END AS low,
       CASE WHEN o.bin < x.bin THEN x ELSE o END AS high
  WHERE startNode(r) <> low
  CREATE (low)-[n:PARTNERS_WITH]->(high)
  SET n = properties(r)
  DELETE r
}
CALL (o) {
  MATCH (s:SuggestionOutcome)-[:CONCERNS]->(o)
  SET s.bin = CASE s.bin WHEN $key THEN $bin ELSE s.bin END,
      s.partner_bin = CASE s.partner_bin WHEN $key THEN $bin ELSE s.partner_bin END
}
"""
"""The same node under its BIN. A partnership runs from the smaller key to the larger
(graph.edits.links), and a BIN sorts before ``IG-``: the group's are re-stored the right way.
Suggestion outcomes name organisations by key too: the group's now name the BIN."""


def register_initiative_group(
    db: Database,
    key: str,
    bin: str,
    legal_form: str,
    *,
    kind: str = OrgKind.NGO.value,
    actor: Actor | str,
) -> Organization:
    """Give group ``key`` its BIN, legal form and kind: the same node, every relationship kept."""
    key = key.strip()
    bin = checked(rules.bin_, bin, field="bin")
    form = checked(rules.enum(LegalForm), legal_form, field="legal_form")
    if form == LegalForm.NO_LEGAL_ENTITY.value:
        raise InvalidInput(t("a registered organisation has a legal form"), field="legal_form")
    kind = checked(rules.enum(OrgKind), kind, field="kind")
    if kind == OrgKind.INITIATIVE_GROUP.value:
        message = t("a registered organisation is not an initiative group: choose its kind")
        raise InvalidInput(message, field="kind")

    def work(tx: Transaction) -> Change[Organization]:
        found = tx.run(_SNAPSHOT, bin=key).single()
        if found is None:
            done = tx.run(_REGISTERED, key=key).single()
            if done is not None:
                message = t(
                    "initiative group {key} is already registered with BIN {bin}",
                    key=key,
                    bin=done["bin"],
                )
                raise Conflict(message)
            raise NotFound(t("no initiative group with key {key}", key=key))
        before = found["org"]
        if before["kind"] != OrgKind.INITIATIVE_GROUP.value:
            message = t("{key} is not an initiative group: it has a BIN already", key=key)
            raise InvalidInput(message, field="key")
        if tx.run(_TAKEN, bin=bin).single(strict=True)["taken"]:
            message = t(
                "an organisation with BIN {bin} already exists: to join the group to it, "
                "merge them (mergeOrganizations with keep {bin} and merge {key})",
                bin=bin,
                key=key,
            )
            raise Conflict(message)
        tx.run(_REGISTER, key=key, bin=bin, kind=kind, legal_form=form,
               label=OrgKind(kind).label).consume()  # fmt: skip
        after = tx.run(_SNAPSHOT, bin=bin).single(strict=True)["org"]
        org = Organization.from_record(after)
        return Change(org, "register_initiative_group", bin, before, after)

    return audited_write(db, actor, work, touches=Touches(organizations=(key, bin)), lock=[key])


def registered_as(db: Database, key: str) -> Organization | None:
    """The organisation a group's key became when it registered, ``None`` when it did not."""
    found = db.read(_REGISTERED, key=key)
    return Organization.from_record(found[0]["org"]) if found else None
