"""Recording a handover: an offer, or part of it, given to a need.

Concurrent handovers of one offer must never give more than it holds. The transaction first
writes the offer node (its write lock is held until commit), then reads what is left: a second
handover of the same offer waits at that lock and reads the sum the first one committed. Twenty
handovers racing for an offer of one flat: one succeeds, nineteen get a CONFLICT.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, LiteralString

from graph import rules
from graph.audit import Change, audited_write
from graph.db import Database, Transaction
from graph.edits.needs import need_status
from graph.errors import Conflict, InvalidInput, NotFound
from graph.hub import needs, offers
from graph.hub.handovers import RETURNS, Handover, key_of
from graph.hub.needs import Need
from graph.hub.offers import Offer
from graph.i18n import t
from graph.rules import checked
from graph.scope import Actor, Touches
from graph.vocab import OfferStatus

__all__ = ["Recorded", "record_handover"]


@dataclass(frozen=True, slots=True)
class Recorded:
    """A handover and both ends as they are after it."""

    handover: Handover
    offer: Offer
    need: Need


_LOCK: LiteralString = """
OPTIONAL MATCH (o:Offer {code: $offer}) SET o._lock = true REMOVE o._lock
WITH o OPTIONAL MATCH (n:Need {code: $need}) SET n._lock = true REMOVE n._lock
"""
"""Writing a property takes a node's write lock until commit: handovers of one offer queue at
the offer (always locked first, so two handovers never wait for each other), handovers from
different offers to one need at the need; each reads the quantities only once it holds both."""
_OFFER: LiteralString = "MATCH (o:Offer {code: $code}) RETURN " + offers.PROJECTION + " AS offer"
_NEED: LiteralString = "MATCH (n:Need {code: $code}) RETURN " + needs.PROJECTION + " AS need"
_GIVE: LiteralString = (
    """
MATCH (o:Offer {code: $offer}), (n:Need {code: $need})
MERGE (o)-[r:GIVEN_TO {date: $date}]->(n)
ON CREATE SET r.quantity = 0
SET r.quantity = r.quantity + $quantity,
    r.value_kzt = CASE WHEN $value_kzt IS NULL THEN r.value_kzt
                       ELSE coalesce(r.value_kzt, 0) + $value_kzt END
RETURN """
    + RETURNS
    + " AS r"
)
_STATUSES: LiteralString = """
MATCH (o:Offer {code: $offer}), (n:Need {code: $need})
SET o.status = $offer_status, n.status = $need_status
"""
_BIN: LiteralString = (
    "MATCH (o:Organization)-[:HAS_NEED]->(:Need {code: $code}) RETURN o.bin AS bin"
)


def default_value(offer: Offer, quantity: int) -> int | None:
    """The offer's estimated value per unit × ``quantity``, in whole tenge (none without one)."""
    if offer.value_kzt is None:
        return None
    return round(offer.value_kzt * quantity / offer.quantity)


def record_handover(
    db: Database,
    offer: str,
    need: str,
    quantity: int,
    *,
    on: dt.date | None = None,
    value_kzt: int | None = None,
    actor: Actor | str,
) -> Recorded:
    """Give ``quantity`` of ``offer`` to ``need`` on day ``on`` (today by default).

    Refused: more than is left of the offer, a withdrawn, handed-over or expired offer, a met or
    closed need (each a :class:`Conflict`); a category that differs (:class:`InvalidInput`). The
    offer becomes ``handed_over`` when nothing is left; the need ``partly_met`` or ``met`` by
    what it has received. A second handover of the same offer to the same need on the same day
    adds to the first. ``value_kzt`` defaults to the offer's value per unit × ``quantity``.
    """
    offer = checked(rules.code, offer, field="offer")
    need = checked(rules.code, need, field="need")
    quantity = checked(rules.quantity, quantity, field="quantity")
    if value_kzt is not None:
        value_kzt = checked(rules.whole, value_kzt, field="value_kzt")
    day = on or dt.date.today()

    def work(tx: Transaction) -> Change[Recorded]:
        tx.run(_LOCK, offer=offer, need=need).consume()
        found_offer = tx.run(_OFFER, code=offer).single()
        if found_offer is None:
            raise NotFound(t("no offer with code {code}", code=offer))
        found_need = tx.run(_NEED, code=need).single()
        if found_need is None:
            raise NotFound(t("no need with code {code}", code=need))
        before_offer = Offer.from_record(found_offer["offer"])
        before_need = Need.from_record(found_need["need"])
        refusal = rules.handover_refusal(
            offer_status=before_offer.status,
            offer_category=before_offer.category,
            available_until=before_offer.available_until,
            left=before_offer.left,
            need_status=before_need.status,
            need_category=before_need.category,
            quantity=quantity,
            on=day,
        )
        if refusal is not None:
            if refusal.conflict:
                raise Conflict(refusal.message)
            raise InvalidInput(refusal.message, field=refusal.field)
        value = value_kzt if value_kzt is not None else default_value(before_offer, quantity)
        given = tx.run(_GIVE, offer=offer, need=need, date=day, quantity=quantity,
                       value_kzt=value).single(strict=True)["r"]  # fmt: skip
        offer_status = (
            OfferStatus.HANDED_OVER.value
            if before_offer.given + quantity >= before_offer.quantity
            else before_offer.status
        )
        status = need_status(before_need.quantity, before_need.received + quantity,
                             before_need.status)  # fmt: skip
        tx.run(_STATUSES, offer=offer, need=need, offer_status=offer_status,
               need_status=status).consume()  # fmt: skip
        after_offer = tx.run(_OFFER, code=offer).single(strict=True)["offer"]
        after_need = tx.run(_NEED, code=need).single(strict=True)["need"]
        handover = Handover.from_record(given)
        recorded = Recorded(handover, Offer.from_record(after_offer), Need.from_record(after_need))
        return Change(
            recorded,
            "record_handover",
            key_of(offer, need, day),
            _state(before_offer, before_need),
            _state(recorded.offer, recorded.need, given),
        )

    bins = db.read(_BIN, code=need)
    touches = Touches(organizations=(bins[0]["bin"],) if bins else ())
    return audited_write(db, actor, work, touches=touches)


def _state(offer: Offer, need: Need, given: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the audit keeps: the quantities and statuses of both ends, and the handover."""
    state: dict[str, Any] = {
        "offer": {"code": offer.code, "status": offer.status, "given": offer.given},
        "need": {"code": need.code, "status": need.status, "received": need.received},
    }
    if given is not None:
        state["handover"] = given
    return state
