"""Recording what an akimat gives an organisation, and ending it (:mod:`graph.supports`)."""

from __future__ import annotations

import datetime as dt
from typing import Any, LiteralString

from graph import rules, sources
from graph.audit import Change, audited_write
from graph.db import Database, Transaction
from graph.errors import InvalidInput, NotFound
from graph.i18n import t
from graph.labels import VOCABULARIES
from graph.rules import checked, clean_text
from graph.scope import Actor, Touches
from graph.sources import Source
from graph.supports import Support, key_of
from graph.vocab import SupportKind

__all__ = ["end_support", "record_support"]

_ENDS: LiteralString = """
OPTIONAL MATCH (a:Akimat {code: $akimat})
OPTIONAL MATCH (o:Organization {bin: $bin})
RETURN a IS NOT NULL AS akimat, o IS NOT NULL AS organization,
       coalesce(o.archived, false) AS archived
"""
_FIND: LiteralString = """
MATCH (:Akimat {code: $akimat})-[r:SUPPORTS {kind: $kind}]->(:Organization {bin: $bin})
WHERE r.since = $since OR (r.since IS NULL AND $since IS NULL)
RETURN r {.*} AS support
"""
_RECORD: LiteralString = """
MATCH (a:Akimat {code: $akimat}), (o:Organization {bin: $bin})
MERGE (a)-[r:SUPPORTS {kind: $kind, since: $since}]->(o)
SET r.until = $until, r.amount_kzt = $amount, r.note = $note, r += $sources
RETURN r {.*} AS support
"""
_END: LiteralString = """
MATCH (:Akimat {code: $akimat})-[r:SUPPORTS {kind: $kind}]->(:Organization {bin: $bin})
WHERE r.since = $since OR (r.since IS NULL AND $since IS NULL)
SET r.until = $until
RETURN r {.*} AS support
"""


def _support(akimat: str, bin: str, props: dict[str, Any]) -> Support:
    return Support.from_record({"akimat": akimat, "bin": bin, **props})


def _check_ends(tx: Transaction, akimat: str, bin: str) -> bool:
    """Whether the organisation is archived; :class:`NotFound` for an unknown end."""
    found = tx.run(_ENDS, akimat=akimat, bin=bin).single(strict=True)
    if not found["akimat"]:
        raise NotFound(t("no akimat with code {code}", code=akimat))
    if not found["organization"]:
        raise NotFound(t("no organisation with BIN {bin}", bin=bin))
    return bool(found["archived"])


def record_support(
    db: Database,
    *,
    akimat: str,
    bin: str,
    kind: str,
    since: dt.date,
    until: dt.date | None = None,
    amount_kzt: int | None = None,
    note: str | None = None,
    source_list: list[Source] | None = None,
    actor: Actor | str,
) -> Support:
    """Record that ``akimat`` supports organisation ``bin`` in this way from ``since`` (until
    ``until``, when it has ended or will); recording the same akimat, organisation, kind and
    ``since`` again replaces its ``until``, amount and note, and its sources when
    ``source_list`` is given (``[]`` removes them, ``None`` keeps them). An archived
    organisation is refused."""
    kind = checked(rules.enum(SupportKind), kind, field="kind")
    if since is None:
        raise InvalidInput(t("required"), field="since")
    if problem := rules.not_before(since, until, "since"):
        raise InvalidInput(problem, field="until")
    amount = None if amount_kzt is None else checked(rules.whole, amount_kzt, field="amount_kzt")
    note = clean_text(note, field="note")
    given = {} if source_list is None else sources.props(sources.check_sources(source_list))

    def work(tx: Transaction) -> Change[Support]:
        if _check_ends(tx, akimat, bin):
            raise InvalidInput(t("organisation {bin} is archived", bin=bin), field="organization")
        before = tx.run(_FIND, akimat=akimat, bin=bin, kind=kind, since=since).single()
        after = tx.run(_RECORD, akimat=akimat, bin=bin, kind=kind, since=since, until=until,
                       amount=amount, note=note,
                       sources=given).single(strict=True)["support"]  # fmt: skip
        return Change(
            _support(akimat, bin, after),
            "record_support",
            key_of(akimat, bin, kind, since),
            before["support"] if before else None,
            after,
        )

    return audited_write(
        db, actor, work, touches=Touches(organizations=(bin,), akimats=(akimat,)), lock=(bin,)
    )


def end_support(
    db: Database,
    *,
    akimat: str,
    bin: str,
    kind: str,
    since: dt.date | None,
    until: dt.date | None = None,
    actor: Actor | str,
) -> Support:
    """End the support ``akimat`` gives ``bin`` of this kind from ``since`` (``None``: a
    support imported without a start): its ``until`` becomes ``until``, today by default."""
    kind = checked(rules.enum(SupportKind), kind, field="kind")
    until = until or dt.date.today()
    if problem := rules.not_before(since, until, "since"):
        raise InvalidInput(problem, field="until")

    def work(tx: Transaction) -> Change[Support]:
        _check_ends(tx, akimat, bin)
        found = tx.run(_FIND, akimat=akimat, bin=bin, kind=kind, since=since).single()
        if found is None:
            label = VOCABULARIES["SupportKind"][kind].label
            if since is None:
                message = t(
                    "akimat {akimat} has no support «{kind}» of organisation {bin} without a "
                    "start date",
                    akimat=akimat,
                    kind=label,
                    bin=bin,
                )
            else:
                message = t(
                    "akimat {akimat} has no support «{kind}» of organisation {bin} that began "
                    "on {since}",
                    akimat=akimat,
                    kind=label,
                    bin=bin,
                    since=since.isoformat(),
                )
            raise NotFound(message)
        after = tx.run(_END, akimat=akimat, bin=bin, kind=kind, since=since,
                       until=until).single(strict=True)["support"]  # fmt: skip
        return Change(
            _support(akimat, bin, after),
            "end_support",
            key_of(akimat, bin, kind, since),
            found["support"],
            after,
        )

    return audited_write(
        db, actor, work, touches=Touches(organizations=(bin,), akimats=(akimat,)), lock=(bin,)
    )
