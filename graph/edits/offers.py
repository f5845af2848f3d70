"""The House of NGOs' offers: create, update, withdraw, and erase a citizen giver on request.

A citizen giver's name and contact are stored only with recorded consent, on a ``Citizen`` node
of their own, and never enter the audit log: an offer's audited state says *whether* its giver
is named (``giver_named``), not who. Erasure deletes the ``Citizen`` node and stamps the offer
``giver_erased_at``; the offer, its quantities and handovers stay for the counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any, LiteralString

from graph import rules
from graph.audit import Change, audited_write
from graph.db import Database, Transaction
from graph.edits.common import claim, require_territory
from graph.errors import Conflict, InvalidInput, NotFound
from graph.hub.offers import PROJECTION, Offer
from graph.i18n import t
from graph.rules import Refusal, checked, clean_text
from graph.scope import Actor, Touches
from graph.vocab import GiverKind, OfferCategory, OfferStatus, Skill

__all__ = ["OfferFields", "create_offer", "erase_giver", "update_offer", "withdraw_offer"]


@dataclass(frozen=True, slots=True)
class OfferFields:
    """An offer's values; ``None`` leaves a value as it is (on update). The giver (``giver_*``,
    ``consent``) is set when the offer is created and not changed afterwards."""

    category: str | None = None
    title: str | None = None
    quantity: int | None = None
    unit: str | None = None
    kato: str | None = None
    skill: str | None = None
    value_kzt: int | None = None
    available_from: dt.date | None = None
    available_until: dt.date | None = None
    status: str | None = None
    giver_kind: str | None = None
    giver_bin: str | None = None
    giver_akimat: str | None = None
    giver_name: str | None = None
    giver_contact: str | None = None
    consent: bool = False


_SETTABLE = frozenset({OfferStatus.OFFERED, OfferStatus.RESERVED})
"""What a person sets; ``handed_over`` follows from handovers, ``withdrawn`` from withdrawing."""
_GIVER = ("giver_kind", "giver_bin", "giver_akimat", "giver_name", "giver_contact", "consent")

_SNAPSHOT: LiteralString = "MATCH (o:Offer {code: $code}) RETURN " + PROJECTION + " AS offer"
_CLAIM: LiteralString = """
MERGE (o:Offer {code: $code}) ON CREATE SET o._claim = $claim
WITH o, o._claim = $claim AS mine
REMOVE o._claim
RETURN mine
"""
_WRITE: LiteralString = """
MATCH (o:Offer {code: $code})
SET o += $props
WITH o
CALL (o) {
  WITH o WHERE $kato IS NOT NULL
  OPTIONAL MATCH (o)-[r:LOCATED_IN]->() DELETE r
  WITH o MATCH (t:Territory {kato: $kato}) MERGE (o)-[:LOCATED_IN]->(t)
}
"""
_GIVER_ORGANIZATION: LiteralString = """
MATCH (o:Offer {code: $code}), (g:Organization {bin: $key}) MERGE (g)-[:OFFERS]->(o)
RETURN count(*) AS n
"""
_GIVER_AKIMAT: LiteralString = """
MATCH (o:Offer {code: $code}), (g:Akimat {code: $key}) MERGE (g)-[:OFFERS]->(o)
RETURN count(*) AS n
"""
_GIVER_BUSINESS: LiteralString = """
MATCH (o:Offer {code: $code})
MERGE (g:Business {bin: $key}) SET g.name = $name
MERGE (g)-[:OFFERS]->(o)
RETURN count(*) AS n
"""
_GIVER_CITIZEN: LiteralString = """
MATCH (o:Offer {code: $code})
CREATE (c:Citizen {key: $code, name: $name, contact: $contact, consent: true})-[:OFFERS]->(o)
RETURN count(*) AS n
"""
_KATO: LiteralString = (
    "MATCH (o:Offer {code: $code}) "
    "RETURN COLLECT { MATCH (o)-[:LOCATED_IN]->(t:Territory) RETURN t.kato }[0] AS kato"
)


def _refuse(refusal: Refusal | None) -> None:
    if refusal is None:
        return
    if refusal.conflict:
        raise Conflict(refusal.message)
    raise InvalidInput(refusal.message, field=refusal.field)


def _props(f: OfferFields) -> dict[str, Any]:
    """The checked values of the offer node itself (the giver and territory apart)."""
    props: dict[str, Any] = {}
    if f.category is not None:
        props["category"] = checked(rules.enum(OfferCategory), f.category, field="category")
    if f.skill is not None:
        props["skill"] = checked(rules.enum(Skill), f.skill, field="skill")
    if f.title is not None:
        props["title"] = clean_text(f.title, field="title", required=True)
    if f.unit is not None:
        props["unit"] = clean_text(f.unit, field="unit", required=True)
    if f.quantity is not None:
        props["quantity"] = checked(rules.quantity, f.quantity, field="quantity")
    if f.value_kzt is not None:
        props["value_kzt"] = checked(rules.whole, f.value_kzt, field="value_kzt")
    for name in ("available_from", "available_until"):
        if getattr(f, name) is not None:
            props[name] = getattr(f, name)
    if f.status is not None:
        status = checked(rules.enum(OfferStatus), f.status, field="status")
        if status not in _SETTABLE:
            raise InvalidInput(
                t(
                    "an offer is set offered or reserved; handed_over follows from handovers "
                    "and withdrawn from withdrawing it"
                ),
                field="status",
            )
        props["status"] = status
    return props


def _giver(f: OfferFields) -> OfferFields:
    """The giver's values checked (``giver_bin`` a BIN, texts trimmed), or an error naming the
    field: a citizen's name or contact without consent is refused."""
    kind = checked(rules.enum(GiverKind), f.giver_kind or "", field="giver_kind")
    bin = None
    if f.giver_bin is not None:
        parse = rules.organization_key if kind == GiverKind.ORGANIZATION else rules.bin_
        bin = checked(parse, f.giver_bin, field="giver_bin")
    akimat = None if f.giver_akimat is None else checked(rules.code, f.giver_akimat,
                                                         field="giver_akimat")  # fmt: skip
    name = clean_text(f.giver_name, field="giver_name")
    contact = clean_text(f.giver_contact, field="giver_contact")
    _refuse(
        rules.giver_problem(
            kind, bin=bin, akimat=akimat, name=name, contact=contact, consent=f.consent
        )
    )
    return replace(f, giver_kind=kind, giver_bin=bin, giver_akimat=akimat, giver_name=name,
                   giver_contact=contact)  # fmt: skip


def _status(props: dict[str, Any], before: dict[str, Any]) -> None:
    """Keep ``handed_over`` true to the quantities: set when nothing is left, undone when more
    is offered again."""
    quantity = props.get("quantity", before["quantity"])
    given = int(before["given"] or 0)
    if quantity < given:
        raise Conflict(
            t(
                "{given} of this offer is handed over already; its quantity cannot be less",
                given=given,
            )
        )
    status = props.get("status", before["status"])
    if status == OfferStatus.WITHDRAWN:
        return
    if given >= quantity:
        props["status"] = OfferStatus.HANDED_OVER.value
    elif status == OfferStatus.HANDED_OVER:
        props["status"] = OfferStatus.OFFERED.value


def _check_dates(props: dict[str, Any], before: dict[str, Any] | None) -> None:
    def day(name: str) -> dt.date | None:
        if name in props:
            return props[name]  # type: ignore[no-any-return]
        value = (before or {}).get(name)
        return value.to_native() if value is not None else None

    if problem := rules.not_before(day("available_from"), day("available_until"),
                                   "available_from"):  # fmt: skip
        raise InvalidInput(problem, field="available_until")


def _set_giver(tx: Transaction, code: str, f: OfferFields) -> None:
    kind = f.giver_kind
    if kind == GiverKind.CITIZEN and f.giver_name is None and f.giver_contact is None:
        return  # an anonymous gift: nothing to keep
    queries = {
        GiverKind.CITIZEN: (_GIVER_CITIZEN, code),
        GiverKind.AKIMAT: (_GIVER_AKIMAT, f.giver_akimat),
        GiverKind.BUSINESS: (_GIVER_BUSINESS, f.giver_bin),
        GiverKind.ORGANIZATION: (_GIVER_ORGANIZATION, f.giver_bin),
    }
    query, key = queries[GiverKind(kind or "")]
    found = tx.run(query, code=code, key=key, name=f.giver_name, contact=f.giver_contact)
    if found.single(strict=True)["n"] == 0:
        field = "giver_akimat" if kind == GiverKind.AKIMAT else "giver_bin"
        raise InvalidInput(t("no giver {key}", key=key), field=field)


def _snapshot(tx: Transaction, code: str) -> dict[str, Any] | None:
    found = tx.run(_SNAPSHOT, code=code).single()
    return None if found is None else dict(found["offer"])


def _check_skill(props: dict[str, Any], before: dict[str, Any] | None) -> None:
    category = str(props.get("category", (before or {}).get("category")))
    skill = props.get("skill", (before or {}).get("skill"))
    _refuse(rules.skill_problem(category, skill))


def create_offer(db: Database, code: str, f: OfferFields, *, actor: Actor | str) -> Offer:
    """A new offer (``code`` must be new) with its giver and territory."""
    code = checked(rules.code, code, field="code")
    for name in ("category", "title", "quantity", "unit", "kato", "giver_kind"):
        if getattr(f, name) is None:
            raise InvalidInput(t("required"), field=name)
    f = _giver(f)
    props = _props(f)
    props["status"] = props.get("status", OfferStatus.OFFERED.value)
    props["giver_kind"] = f.giver_kind
    kato = checked(rules.kato, f.kato or "", field="kato")
    _check_dates(props, None)
    _check_skill(props, None)

    def work(tx: Transaction) -> Change[Offer]:
        require_territory(tx, kato, "kato")
        if not claim(tx, _CLAIM, code=code):
            raise Conflict(t("an offer with code {code} already exists", code=code))
        tx.run(_WRITE, code=code, props=props, kato=kato).consume()
        _set_giver(tx, code, f)
        after = _snapshot(tx, code)
        assert after is not None
        return Change(Offer.from_record(after), "create_offer", code, None, after)

    touches = Touches(
        organizations=(f.giver_bin,) if f.giver_kind == GiverKind.ORGANIZATION and f.giver_bin
        else (),
        territories=(kato,),
        akimats=(f.giver_akimat,) if f.giver_akimat else (),
    )  # fmt: skip
    return audited_write(db, actor, work, touches=touches)


def update_offer(db: Database, code: str, f: OfferFields, *, actor: Actor | str) -> Offer:
    """Change an offer's values (not its giver): a quantity below what is handed over already is
    a CONFLICT; a withdrawn offer stays withdrawn."""
    code = checked(rules.code, code, field="code")
    for name in _GIVER:
        if getattr(f, name) not in (None, False):
            raise InvalidInput(
                t("an offer's giver is set when it is created and not changed"), field=name
            )
    props = _props(f)
    kato = None if f.kato is None else checked(rules.kato, f.kato, field="kato")

    def work(tx: Transaction) -> Change[Offer]:
        before = _snapshot(tx, code)
        if before is None:
            raise NotFound(t("no offer with code {code}", code=code))
        if before["status"] == OfferStatus.WITHDRAWN and "status" in props:
            raise Conflict(t("the offer was withdrawn"))
        if props.get("category", before["category"]) != before["category"] and before["given"]:
            raise Conflict(t("part of this offer is handed over already; its category stays"))
        _check_dates(props, before)
        _check_skill(props, before)
        _status(props, before)
        if kato is not None:
            require_territory(tx, kato, "kato")
        tx.run(_WRITE, code=code, props=props, kato=kato).consume()
        after = _snapshot(tx, code)
        assert after is not None
        return Change(Offer.from_record(after), "update_offer", code, before, after)

    return audited_write(db, actor, work, touches=_touches(db, code, kato))


_WITHDRAW: LiteralString = "MATCH (o:Offer {code: $code}) SET o.status = $status"


def withdraw_offer(db: Database, code: str, *, actor: Actor | str) -> Offer:
    """The giver took it back: withdrawn offers are never matched or handed over. An offer
    handed over in full cannot be withdrawn (what was given stays given); again is a no-op."""
    code = checked(rules.code, code, field="code")

    def work(tx: Transaction) -> Change[Offer]:
        before = _snapshot(tx, code)
        if before is None:
            raise NotFound(t("no offer with code {code}", code=code))
        if before["status"] == OfferStatus.HANDED_OVER:
            raise Conflict(t("the offer is handed over in full; it cannot be withdrawn"))
        tx.run(_WITHDRAW, code=code, status=OfferStatus.WITHDRAWN.value).consume()
        after = _snapshot(tx, code)
        assert after is not None
        return Change(Offer.from_record(after), "withdraw_offer", code, before, after)

    return audited_write(db, actor, work, touches=_touches(db, code, None))


_ERASE: LiteralString = """
MATCH (o:Offer {code: $code})
OPTIONAL MATCH (c:Citizen)-[:OFFERS]->(o)
DETACH DELETE c
SET o.giver_erased_at = coalesce(o.giver_erased_at, datetime())
"""


def erase_giver(db: Database, code: str, *, actor: Actor | str) -> Offer:
    """Erase a citizen giver's personal data on their request: the ``Citizen`` node goes, the
    offer stays (anonymised) with ``giver_erased_at``. The audit keeps that it happened, never
    what was erased. Only a citizen giver is erased; again is a no-op."""
    code = checked(rules.code, code, field="code")

    def work(tx: Transaction) -> Change[Offer]:
        before = _snapshot(tx, code)
        if before is None:
            raise NotFound(t("no offer with code {code}", code=code))
        if before["giver_kind"] != GiverKind.CITIZEN:
            raise InvalidInput(
                t("only a citizen giver's personal data is erased; this offer's giver is not "
                  "a citizen"),
                field="offer",
            )  # fmt: skip
        tx.run(_ERASE, code=code).consume()
        after = _snapshot(tx, code)
        assert after is not None
        return Change(
            Offer.from_record(after), "erase_giver", code, _erasure(before), _erasure(after)
        )

    return audited_write(db, actor, work, touches=_touches(db, code, None))


def _erasure(state: dict[str, Any]) -> dict[str, Any]:
    """What the audit keeps of an erasure: whether a giver was named and when they were erased."""
    giver = state.get("giver") or {}
    return {"giver_named": bool(giver.get("citizen")), "giver_erased_at": state["giver_erased_at"]}


def _touches(db: Database, code: str, kato: str | None) -> Touches:
    """Where an existing offer is (and is moved to): what a limited actor must cover."""
    found = db.read(_KATO, code=code)
    where = {k for k in (found[0]["kato"] if found else None, kato) if k is not None}
    return Touches(territories=tuple(sorted(where)))
