"""The one audited write, and the audit log it leaves.

Every change a person makes (an edit, a suggestion's outcome) runs through :func:`audited_write`:
one managed write transaction that takes the locks it needs, keeps an actor limited to a
territory inside it (:mod:`graph.scope`), does the work, writes an ``AuditRecord`` (who, when,
what, before → after) when something changed, and bumps the graph version so caches refresh. Its
queries count in the request's statistics like any read.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, LiteralString, TypeVar

from neo4j.exceptions import ConstraintError, ResultFailedError

from graph.db import Database, Transaction
from graph.errors import Conflict
from graph.i18n import Text, t
from graph.keyset import Sort, seek
from graph.pagination import Page, PageRequest, build_page
from graph.schema import BUMP_GRAPH_VERSION
from graph.scope import Actor, Touches, actor_of, require_within

__all__ = ["AuditRecord", "Change", "audit_count", "audit_log", "audit_page", "audited_write"]

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Change(Generic[R]):
    """What a unit of work did: its ``result`` for the caller and what the audit keeps."""

    result: R
    action: str
    target: str
    before: Any = None
    after: Any = None


@dataclass(frozen=True, slots=True)
class AuditRecord:
    id: str
    at: dt.datetime
    actor: str
    action: str
    target: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


_LOCK_ORGANIZATIONS: LiteralString = """
UNWIND $bins AS bin
MATCH (o:Organization {bin: bin})
SET o._lock = true REMOVE o._lock
"""
"""Writing a property takes the node's write lock until commit: writers on the same
organisations queue here instead of each reading a state the other is about to change."""

_AUDIT: LiteralString = """
CREATE (:AuditRecord {id: randomUUID(), at: datetime(), actor: $actor, action: $action,
                      target: $target, before: $before, after: $after})
"""


def audited_write(
    db: Database,
    actor: Actor | str,
    work: Callable[[Transaction], Change[R]],
    *,
    touches: Touches,
    lock: Sequence[str] = (),
) -> R:
    """Run ``work`` in one write transaction with its audit record and the version bump.

    ``touches`` names what the work reads and changes: an actor limited to a territory gets
    :class:`~graph.errors.Forbidden` unless all of it is under that territory, before the work
    and after it (:func:`graph.scope.require_within`). ``lock`` names organisations (BINs) to
    lock first, in a fixed order so two writers never wait for each other. Nothing is recorded
    when ``before == after``. A broken uniqueness rule is a :class:`Conflict`; whatever ``work``
    raises undoes everything.
    """
    bins = sorted(set(lock))
    who = actor_of(actor)

    def transaction(tx: Transaction) -> R:
        if bins:
            tx.run(_LOCK_ORGANIZATIONS, bins=bins).consume()
        if who.territory is not None:
            require_within(tx, who.territory, touches)
        change = work(tx)
        if who.territory is not None:
            require_within(tx, who.territory, touches)
        if change.before != change.after:
            tx.run(_AUDIT, actor=who.name, action=change.action, target=change.target,
                   before=_json(change.before), after=_json(change.after)).consume()  # fmt: skip
            tx.run(BUMP_GRAPH_VERSION).consume()
        return change.result

    try:
        return db.execute_write(transaction)
    except ConstraintError as exc:
        raise Conflict(_conflict_message(exc)) from None
    except ResultFailedError as exc:  # the driver re-raises a failed RUN this way
        if isinstance(exc.__cause__, ConstraintError):
            raise Conflict(_conflict_message(exc.__cause__)) from None
        raise


def _conflict_message(exc: ConstraintError) -> Text:
    text = str(exc.message or "")
    if "bin" in text:
        return t("an organisation with this BIN already exists")
    if "code" in text:
        return t("this code is already taken")
    return t("this would duplicate an existing record")


def _json(value: Any) -> str | None:
    """JSON text of a state; none (a missing property) when there was no state."""
    if value is None:
        return None
    return json.dumps(_plain(value), ensure_ascii=False, sort_keys=True, default=str)


def _plain(value: Any) -> Any:
    """Neo4j values as JSON-friendly Python (dates as ISO text)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


_TARGETS: LiteralString = (
    "WITH [$target] + COLLECT { MATCH (:Organization {bin: $target})<-[:MERGED_INTO|REGISTERED_AS]-"
    "(r_m) RETURN coalesce(r_m.key, r_m.bin) } AS targets "
)
"""An organisation's entries include those of the BINs merged into it (graph.edits.merge) and
of the initiative group it was before it registered (graph.edits.groups)."""
_AUDIT_PAGE: LiteralString = (
    _TARGETS
    + """
MATCH (r:AuditRecord)
WHERE ($target IS NULL OR r.target IN targets) AND ($before IS NULL OR r.at < $before)
RETURN r {.*} AS r ORDER BY r.at DESC, r.id DESC LIMIT $limit
"""
)


def _record(r: dict[str, Any]) -> AuditRecord:
    return AuditRecord(
        id=r["id"],
        at=r["at"].to_native(),
        actor=r["actor"],
        action=r["action"],
        target=r["target"],
        before=json.loads(r.get("before") or "null"),
        after=json.loads(r.get("after") or "null"),
    )


_NEWEST = Sort("r.at.epochSeconds * 1000000000 + r.at.nanosecond", descending=True)
"""Nanoseconds since the epoch: an exact, integer (cursor-friendly) sort key for ``at``."""
_MATCH_TARGET: LiteralString = (
    _TARGETS + "MATCH (r:AuditRecord) WHERE ($target IS NULL OR r.target IN targets) "
)


def audit_page(
    db: Database, request: PageRequest, *, target: str | None = None
) -> Page[AuditRecord]:
    """A keyset page of the log, newest first: cursors survive new records being written."""
    condition, order, params = seek(_NEWEST, "r.id", request)
    query = (  # composed from fixed fragments; values are parameters
        f"{_MATCH_TARGET}WITH r, {_NEWEST.expression} AS k WHERE {condition} "
        f"ORDER BY {order} LIMIT $limit RETURN k, r.id AS id, r {{.*}} AS r"
    )
    records = db.read(query, target=target, **params)
    return build_page([(x["k"], x["id"], _record(x["r"])) for x in records], request)


def audit_count(db: Database, *, target: str | None = None) -> int:
    return int(db.read(f"{_MATCH_TARGET}RETURN count(r) AS n", target=target)[0]["n"])


def audit_log(
    db: Database, *, target: str | None = None, before: dt.datetime | None = None, limit: int = 50
) -> list[AuditRecord]:
    """Newest first; ``before`` pages back in time."""
    records = db.read(_AUDIT_PAGE, target=target, before=before, limit=limit)
    return [_record(r["r"]) for r in records]
