"""Links between organisations and projects: participations, fundings and partnerships."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, LiteralString

from graph import rules, sources
from graph.audit import Change, audited_write
from graph.db import Database, Transaction
from graph.errors import InvalidInput, NotFound
from graph.i18n import Text, t
from graph.rules import SELF_PARTNERSHIP, checked, clean_text
from graph.scope import Actor, Touches
from graph.sources import Source
from graph.vocab import STATE_MECHANISMS, Mechanism, Role

__all__ = [
    "PartnershipState",
    "read_partnership",
    "record_funding",
    "save_partnership",
    "set_participation",
    "write_partnership",
]

# -- participations -------------------------------------------------------------------------------

_PARTICIPATE: LiteralString = """
MATCH (o:Organization {bin: $bin}), (p:Project {code: $code})
MERGE (o)-[r:PARTICIPATES_IN {role: $role}]->(p)
SET r += $sources
"""
_PARTICIPATION_EXISTS: LiteralString = """
OPTIONAL MATCH (o:Organization {bin: $bin})
OPTIONAL MATCH (p:Project {code: $code})
OPTIONAL MATCH (o)-[r:PARTICIPATES_IN {role: $role}]->(p)
RETURN o IS NOT NULL AS org, p IS NOT NULL AS project, r IS NOT NULL AS linked,
       r {.source_urls, .source_titles, .source_dates} AS sources
"""
_UNPARTICIPATE: LiteralString = """
MATCH (:Organization {bin: $bin})-[r:PARTICIPATES_IN {role: $role}]->(:Project {code: $code})
DELETE r
"""


def _linked(tx: Transaction, bin: str, code: str, role: str) -> tuple[bool, list[Any]]:
    """Whether the role is there, and its sources as the audit keeps them."""
    found = tx.run(_PARTICIPATION_EXISTS, bin=bin, code=code, role=role).single(strict=True)
    if not found["org"]:
        raise NotFound(t("no organisation with BIN {bin}", bin=bin))
    if not found["project"]:
        raise NotFound(t("no project with code {code}", code=code))
    return bool(found["linked"]), sources.plain(found["sources"])


def set_participation(
    db: Database,
    project_code: str,
    bin: str,
    role: str,
    *,
    present: bool,
    actor: Actor | str,
    source_list: list[Source] | None = None,
) -> bool:
    """Add (``present``) or remove an organisation's role in a project; returns ``present``.
    ``source_list`` replaces the sources of an added role (``[]`` removes them, ``None`` keeps
    them)."""
    role = checked(rules.enum(Role), role, field="role")
    given = None if source_list is None else sources.check_sources(source_list)
    new_props = {} if given is None or not present else sources.props(given)

    def work(tx: Transaction) -> Change[bool]:
        linked, old = _linked(tx, bin, project_code, role)
        tx.run(_PARTICIPATE if present else _UNPARTICIPATE,
               bin=bin, code=project_code, role=role, sources=new_props).consume()  # fmt: skip
        action = "add_participation" if present else "remove_participation"
        target = f"{project_code}/{bin}/{role}"
        before: dict[str, Any] = {"linked": linked}
        after: dict[str, Any] = {"linked": present}
        if old:
            before["sources"] = old
        kept = old if given is None else [s.plain() for s in given]
        if present and kept:
            after["sources"] = kept
        return Change(present, action, target, before, after)

    touches = Touches(organizations=(bin,), projects=(project_code,))
    return audited_write(db, actor, work, touches=touches)


# -- fundings -------------------------------------------------------------------------------------

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
WITH p, funder, old {.amount_kzt, .disbursed_kzt, .committed_on, .disbursed_on} AS before,
     old {.source_urls, .source_titles, .source_dates} AS before_sources
MERGE (funder)-[r:FUNDS {mechanism: $mechanism, year: $year}]->(p)
SET r.amount_kzt = $amount, r += $payment, r += $sources
RETURN before, r {.amount_kzt, .disbursed_kzt, .committed_on, .disbursed_on} AS after,
       before_sources, r {.source_urls, .source_titles, .source_dates} AS after_sources
"""
PAYMENT = ("disbursed_kzt", "committed_on", "disbursed_on")
"""What a funding may record beside the committed ``amount_kzt``; left as it is when not given."""


def record_funding(
    db: Database,
    *,
    funder: str,
    project_code: str,
    amount_kzt: int,
    mechanism: str,
    year: int,
    actor: Actor | str,
    disbursed_kzt: int | None = None,
    committed_on: dt.date | None = None,
    disbursed_on: dt.date | None = None,
    source_list: list[Source] | None = None,
) -> int | None:
    """Set the amount a funder commits to a project by a mechanism in a year, and what of it was
    paid (``disbursed_kzt``, left as recorded when ``None``) and when; returns the old amount.
    ``source_list`` replaces the funding's sources (``[]`` removes them, ``None`` keeps them)."""
    mechanism = checked(rules.enum(Mechanism), mechanism, field="mechanism")
    amount_kzt = checked(rules.whole, amount_kzt, field="amount_kzt")
    year = checked(rules.year, year, field="year")
    payment: dict[str, Any] = {
        "committed_on": committed_on,
        "disbursed_on": disbursed_on,
        "disbursed_kzt": None
        if disbursed_kzt is None
        else checked(rules.whole, disbursed_kzt, field="disbursed_kzt"),
    }
    payment = {k: v for k, v in payment.items() if v is not None}
    new_props = {} if source_list is None else sources.props(sources.check_sources(source_list))

    def work(tx: Transaction) -> Change[int | None]:
        facts = tx.run(_FUNDER, funder=funder, code=project_code).single(strict=True)
        if not facts["project"]:
            raise NotFound(t("no project with code {code}", code=project_code))
        kind = facts["kind"]
        if kind is None:
            raise InvalidInput(
                t("no akimat, organisation or donor {funder!r}", funder=funder), field="funder"
            )
        if Mechanism(mechanism) in STATE_MECHANISMS and kind != "akimat":
            raise InvalidInput(
                t("{mechanism} comes from an akimat", mechanism=mechanism), field="funder"
            )
        if mechanism == Mechanism.OWN_INCOME and not facts["participant"]:
            raise InvalidInput(
                t("own_income comes from an organisation taking part in the project"),
                field="funder",
            )
        if problem := rules.year_outside(year, *facts["years"]):
            raise InvalidInput(problem, field="year")
        written = tx.run(_FUND, funder=funder, code=project_code, mechanism=mechanism, year=year,
                         amount=amount_kzt, payment=payment,
                         sources=new_props).single(strict=True)  # fmt: skip
        before, after = written["before"], dict(written["after"])
        if wrong := payment_problem(after):
            raise InvalidInput(wrong[0], field=wrong[1])
        target = f"{funder}/{project_code}/{mechanism}/{year}"
        old = None if before is None else before["amount_kzt"]
        audited: dict[str, Any] = dict(before or {"amount_kzt": None})
        if old_sources := sources.plain(written["before_sources"]):
            audited["sources"] = old_sources
        if new_sources := sources.plain(written["after_sources"]):
            after["sources"] = new_sources
        return Change(old, "record_funding", target, audited, after)

    # an akimat or donor funder is no organisation and is passed over (graph.scope)
    touches = Touches(organizations=(funder,), projects=(project_code,))
    return audited_write(db, actor, work, touches=touches)


def payment_problem(funding: dict[str, Any]) -> tuple[Text, str] | None:
    """What is wrong with a funding's payment (message, field), ``None`` when it holds: no more
    paid than committed, and no payment dated before the commitment."""
    committed, disbursed = funding.get("amount_kzt"), funding.get("disbursed_kzt")
    if committed is not None and disbursed is not None and disbursed > committed:
        message = t(
            "{disbursed} tenge disbursed is more than the {committed} tenge committed",
            disbursed=disbursed,
            committed=committed,
        )
        return message, "disbursed_kzt"
    if problem := rules.not_before(
        funding.get("committed_on"), funding.get("disbursed_on"), "committed_on"
    ):
        return problem, "disbursed_on"
    return None


# -- partnerships ---------------------------------------------------------------------------------

_PAIR: LiteralString = """
OPTIONAL MATCH (a:Organization {bin: $a})
OPTIONAL MATCH (b:Organization {bin: $b})
OPTIONAL MATCH (a)-[r:PARTNERS_WITH]-(b)
RETURN a IS NOT NULL AND b IS NOT NULL AS found, r {.*} AS partnership
"""
_PARTNER: LiteralString = """
MATCH (a:Organization {bin: $a}), (b:Organization {bin: $b})
MERGE (a)-[r:PARTNERS_WITH]->(b)
SET r += $props
RETURN r {.*} AS partnership
"""


def read_partnership(tx: Transaction, a: str, b: str) -> dict[str, Any] | None:
    """The partnership of two organisations (in either direction), ``None`` when there is none;
    :class:`NotFound` when either is unknown."""
    found = tx.run(_PAIR, a=a, b=b).single(strict=True)
    if not found["found"]:
        raise NotFound(t("no organisation with BIN {a} or {b}", a=a, b=b))
    partnership: dict[str, Any] | None = found["partnership"]
    return partnership


def write_partnership(tx: Transaction, a: str, b: str, props: dict[str, Any]) -> dict[str, Any]:
    """Set ``props`` on the one partnership of ``a`` (the smaller BIN) and ``b``."""
    return dict(tx.run(_PARTNER, a=a, b=b, props=props).single(strict=True)["partnership"])


@dataclass(frozen=True, slots=True)
class PartnershipState:
    bin_a: str
    bin_b: str
    since: dt.date | None
    basis: str | None
    until: dt.date | None
    sources: tuple[Source, ...] = ()


def _state(a: str, b: str, props: dict[str, Any]) -> PartnershipState:
    def day(v: Any) -> dt.date | None:
        return v.to_native() if v is not None else None

    return PartnershipState(a, b, day(props.get("since")), props.get("basis"),
                            day(props.get("until")), sources.from_record(props))  # fmt: skip


def save_partnership(
    db: Database,
    bin_a: str,
    bin_b: str,
    *,
    since: dt.date | None = None,
    basis: str | None = None,
    until: dt.date | None = None,
    end: bool = False,
    actor: Actor | str,
    source_list: list[Source] | None = None,
) -> PartnershipState:
    """Record a partnership (once per pair, whatever the order) or end it (``end=True``).
    ``source_list`` replaces its sources (``[]`` removes them, ``None`` keeps them)."""
    if bin_a == bin_b:
        raise InvalidInput(SELF_PARTNERSHIP, field="bin_b")
    a, b = sorted((bin_a, bin_b))
    props: dict[str, Any] = {}
    if end:
        props["until"] = until or dt.date.today()
    else:
        props |= {"since": since, "basis": clean_text(basis, field="basis"), "until": None}
        if since is None:
            props.pop("since")
    if source_list is not None:
        props |= sources.props(sources.check_sources(source_list))

    def work(tx: Transaction) -> Change[PartnershipState]:
        before = read_partnership(tx, a, b)
        if end and before is None:
            raise NotFound(t("{a} and {b} are not partners", a=a, b=b))
        started = _state(a, b, before or {}).since
        if end and (problem := rules.not_before(started, props["until"], "since")):
            raise InvalidInput(problem, field="until")
        after = write_partnership(tx, a, b, props)
        action = "end_partnership" if end else "save_partnership"
        return Change(_state(a, b, after), action, f"{a}-{b}", before, after)

    return audited_write(db, actor, work, touches=Touches(organizations=(a, b)), lock=(a,))
