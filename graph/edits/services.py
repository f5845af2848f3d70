"""Recording what a resource centre (the House of NGOs) did for an organisation or a group.

One audited write per service (:func:`graph.audit.audited_write`). Recording a code again
replaces that service (a corrected date, another recipient): the House's own reference stays the
one key, and the audit keeps both states.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, LiteralString

from graph import rules
from graph.audit import Change, audited_write
from graph.db import Database, Transaction
from graph.errors import InvalidInput, NotFound
from graph.hub.services import PROJECTION, Service
from graph.i18n import t
from graph.rules import checked, clean_text
from graph.scope import Actor, Touches
from graph.vocab import ServiceKind

__all__ = ["record_service"]

_ENDS: LiteralString = """
UNWIND $bins AS bin
OPTIONAL MATCH (o:Organization {bin: bin})
RETURN bin, o IS NOT NULL AS found, coalesce(o.archived, false) AS archived
"""
_FIND: LiteralString = "MATCH (s:Service {code: $code}) RETURN " + PROJECTION + " AS s"
_RECORD: LiteralString = """
MATCH (p:Organization {bin: $provider}), (r:Organization {bin: $recipient})
MERGE (s:Service {code: $code})
SET s += $props
WITH s, p, r
CALL (s) {
  OPTIONAL MATCH (:Organization)-[old:PROVIDED|RECEIVED]->(s)
  DELETE old
}
CREATE (p)-[:PROVIDED]->(s)
CREATE (r)-[:RECEIVED]->(s)
"""
_SNAPSHOT: LiteralString = _FIND


def record_service(
    db: Database,
    *,
    code: str,
    provider: str,
    recipient: str,
    kind: str,
    topic: str,
    date: dt.date,
    hours: int | float,
    participants: int | None = None,
    actor: Actor | str,
) -> Service:
    """Record that ``provider`` (a BIN, typically a resource centre) gave ``recipient`` (a BIN
    or an initiative group's key) a service of ``kind`` on ``date``: its topic, hours and the
    recipient's people who took part. The same ``code`` again replaces it."""
    code = checked(rules.code, (code or "").strip(), field="code")
    provider = checked(rules.organization_key, provider, field="provider")
    recipient = checked(rules.organization_key, recipient, field="recipient")
    if provider == recipient:
        message = t("a service is given by one organisation to another, not to itself")
        raise InvalidInput(message, field="recipient")
    if date is None:
        raise InvalidInput(t("required"), field="date")
    props: dict[str, Any] = {
        "kind": checked(rules.enum(ServiceKind), kind, field="kind"),
        "topic": clean_text(topic, field="topic", required=True),
        "date": date,
        "hours": checked(rules.number, hours, field="hours"),
        "participants": None
        if participants is None
        else checked(rules.whole, participants, field="participants"),
    }

    def work(tx: Transaction) -> Change[Service]:
        for row, field in zip(
            tx.run(_ENDS, bins=[provider, recipient]), ("provider", "recipient"), strict=True
        ):
            if not row["found"]:
                raise NotFound(t("no organisation with BIN {bin}", bin=row["bin"]))
            if row["archived"]:
                raise InvalidInput(t("organisation {bin} is archived", bin=row["bin"]), field=field)
        found = tx.run(_FIND, code=code).single()
        tx.run(_RECORD, code=code, provider=provider, recipient=recipient, props=props).consume()
        after = tx.run(_SNAPSHOT, code=code).single(strict=True)["s"]
        before = found["s"] if found else None
        return Change(Service.from_record(after), "record_service", code, before, after)

    old = db.read(_FIND, code=code)
    ends = {provider, recipient, *(old[0]["s"][e] for e in ("provider", "recipient") if old)}
    bins = tuple(sorted(b for b in ends if b))
    return audited_write(db, actor, work, touches=Touches(organizations=bins), lock=bins)
