"""The House of NGOs hub's checks in pass one: givers, consent, categories and handover sums.

Row checks run as each row of ``offers``, ``needs``, ``handovers``, ``volunteers`` and
``services`` is read; what needs every table (an offer's handovers in the files *and* the graph)
runs in :meth:`HubChecker.resolve`, once all files are read. Only keys and small facts are kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, LiteralString

from graph.db import Database
from graph.importer.problems import Problem
from graph.rules import (
    GROUP_KEY,
    handover_exceeds,
    need_status,
    not_before,
    offer_status,
    personal_data_without_consent,
    status_mismatch,
)
from graph.vocab import GiverKind, OfferCategory

Ref = Callable[[str, str, str, str | None], None]
"""``ref(where, column, kind, key)``: a reference the importer resolves against files and graph."""

_GIVER_COLUMNS = ("giver_bin", "giver_code", "giver_name", "giver_contact", "consent")
_GIVER_USES: dict[GiverKind, tuple[frozenset[str], frozenset[str]]] = {
    GiverKind.CITIZEN: (frozenset(), frozenset({"giver_name", "giver_contact", "consent"})),
    GiverKind.ORGANIZATION: (frozenset({"giver_bin"}), frozenset({"giver_bin"})),
    GiverKind.BUSINESS: (
        frozenset({"giver_bin", "giver_name"}),
        frozenset({"giver_bin", "giver_name"}),
    ),
    GiverKind.AKIMAT: (frozenset({"giver_code"}), frozenset({"giver_code"})),
}
"""Per giver kind: the giver columns it requires, and those it may fill (the rest stay empty)."""


@dataclass(slots=True)
class _Item:
    """An offer or a need as far as handovers care."""

    where: str | None
    """Its line in the files; ``None`` when only the graph holds it."""
    quantity: int
    category: str
    status: str | None
    given: dict[tuple[str, dt.date], int] = field(default_factory=dict)
    """Handed-over quantity per (other side's code, date): the graph's, then the files'."""


@dataclass(frozen=True, slots=True)
class _Handover:
    where: str
    offer: str
    need: str
    date: dt.date
    quantity: int


_OFFER_FACTS: LiteralString = """
UNWIND $codes AS c MATCH (o:Offer {code: c})
RETURN o.code AS code, o.quantity AS quantity, o.category AS category, o.status AS status,
       o.giver_erased_at IS NOT NULL AS erased,
       COLLECT { MATCH (o)-[g:GIVEN_TO]->(n:Need) RETURN [n.code, g.date, g.quantity] } AS given
"""
_NEED_FACTS: LiteralString = """
UNWIND $codes AS c MATCH (n:Need {code: c})
RETURN n.code AS code, n.quantity AS quantity, n.category AS category, n.status AS status,
       COLLECT { MATCH (o:Offer)-[g:GIVEN_TO]->(n) RETURN [o.code, g.date, g.quantity] } AS given
"""
_ERASED_VOLUNTEERS: LiteralString = """
UNWIND $ids AS i MATCH (v:Volunteer {id: i}) WHERE v.erased_at IS NOT NULL RETURN v.id AS id
"""


class HubChecker:
    """Facts about hub rows seen so far, across the tables of one import."""

    def __init__(self, ref: Ref) -> None:
        self.ref = ref
        self.offers: dict[str, _Item] = {}
        self.needs: dict[str, _Item] = {}
        self.handovers: list[_Handover] = []
        self.named_givers: dict[str, str] = {}
        """Offers whose row names a citizen giver: code → line."""
        self.businesses: dict[str, tuple[str, str]] = {}
        self.volunteers: dict[str, str] = {}
        """Volunteers whose row gives a display_name: id → line."""

    def check(self, table: str, where: str, v: dict[str, Any]) -> Iterable[Problem]:
        if table == "offers":
            yield from self._offer(where, v)
        elif table == "needs":
            yield from self._need(where, v)
        elif table == "handovers":
            self.ref(where, "offer_code", "offer", v["offer_code"])
            self.ref(where, "need_code", "need", v["need_code"])
            self.handovers.append(
                _Handover(where, v["offer_code"], v["need_code"], v["date"], v["quantity"])
            )
        elif table == "volunteers":
            yield from self._volunteer(where, v)
        elif table == "services":
            self.ref(where, "provider_bin", "organization", v["provider_bin"])
            self.ref(where, "recipient_bin", "organization", v["recipient_bin"])
            if v["provider_bin"] == v["recipient_bin"]:
                yield Problem.of(where, "recipient_bin", "same_provider")

    def _offer(self, where: str, v: dict[str, Any]) -> Iterable[Problem]:
        self.ref(where, "kato", "territory", v["kato"])
        yield from _skill(where, v)
        if problem := not_before(v["available_from"], v["available_until"], "available_from"):
            params = {"end": v["available_until"], "start_name": "available_from",
                      "start": v["available_from"]}  # fmt: skip
            yield Problem(where, "available_until", "ends_before_start", problem, params)
        kind = GiverKind(v["giver_kind"])
        required, allowed = _GIVER_USES[kind]
        for column in _GIVER_COLUMNS:
            if column in required and v[column] is None:
                yield Problem.of(where, column, "giver_required", kind=kind.value)
            elif column not in allowed and v[column] is not None:
                yield Problem.of(where, column, "giver_not_used", kind=kind.value)
        if kind is GiverKind.CITIZEN:
            named = v["giver_name"] is not None or v["giver_contact"] is not None
            if problem := personal_data_without_consent(
                v["consent"], v["giver_name"], v["giver_contact"]
            ):
                yield Problem(where, "consent", "no_consent", problem, {})
            elif named and v["giver_erased_at"] is not None:
                yield Problem.of(where, "giver_name", "erased_giver")
            elif named:
                self.named_givers[v["code"]] = where
        elif kind is GiverKind.ORGANIZATION:
            self.ref(where, "giver_bin", "organization", v["giver_bin"])
        elif kind is GiverKind.AKIMAT:
            self.ref(where, "giver_code", "akimat", v["giver_code"])
        elif v["giver_bin"] is not None and v["giver_name"] is not None:
            yield from self._business(where, v["giver_bin"], v["giver_name"])
        self.offers[v["code"]] = _Item(where, v["quantity"], v["category"], v["status"])

    def _business(self, where: str, bin_: str, name: str) -> Iterable[Problem]:
        if GROUP_KEY.fullmatch(bin_):
            yield Problem.of(where, "giver_bin", "business_bin")
            return
        other = self.businesses.setdefault(bin_, (name, where))
        if other[0] != name:
            line = other[1].rsplit(":", 1)[-1]
            yield Problem.of(
                where, "giver_name", "business_named_twice", bin=bin_, other=other[0], line=line
            )

    def _need(self, where: str, v: dict[str, Any]) -> Iterable[Problem]:
        self.ref(where, "org_bin", "organization", v["org_bin"])
        self.ref(where, "project_code", "project", v["project_code"])
        self.ref(where, "kato", "territory", v["kato"])
        yield from _skill(where, v)
        if problem := not_before(v["opened_on"], v["needed_by"], "opened_on"):
            params = {"end": v["needed_by"], "start_name": "opened_on", "start": v["opened_on"]}
            yield Problem(where, "needed_by", "ends_before_start", problem, params)
        self.needs[v["code"]] = _Item(where, v["quantity"], v["category"], v["status"])

    def _volunteer(self, where: str, v: dict[str, Any]) -> Iterable[Problem]:
        self.ref(where, "kato", "territory", v["kato"])
        for key in v["org_bins"] or ():
            self.ref(where, "org_bins", "organization", key)
        if v["consent"] is not True:
            yield Problem.of(where, "consent", "volunteer_consent")
        if v["display_name"] is None and v["erased_at"] is None:
            yield Problem.of(where, "display_name", "required_empty")
        elif v["display_name"] is not None and v["erased_at"] is not None:
            yield Problem.of(where, "display_name", "erased_volunteer")
        elif v["display_name"] is not None:
            self.volunteers[v["id"]] = where

    def resolve(self, db: Database | None) -> Iterable[Problem]:
        """Checks across tables and the graph (unknown references are reported elsewhere)."""
        offers, needs = dict(self.offers), dict(self.needs)
        erased: set[str] = set()
        if db is not None:
            wanted = {h.offer for h in self.handovers} | set(offers)
            for rec in db.read(_OFFER_FACTS, codes=sorted(wanted)):
                item = offers.setdefault(
                    rec["code"], _Item(None, rec["quantity"], rec["category"], rec["status"])
                )
                item.given = _given(rec["given"])
                if rec["erased"]:
                    erased.add(rec["code"])
            wanted = {h.need for h in self.handovers} | set(needs)
            for rec in db.read(_NEED_FACTS, codes=sorted(wanted)):
                item = needs.setdefault(
                    rec["code"], _Item(None, rec["quantity"], rec["category"], rec["status"])
                )
                item.given = _given(rec["given"])
            for rec in db.read(_ERASED_VOLUNTEERS, ids=sorted(self.volunteers)):
                yield Problem.of(self.volunteers[rec["id"]], "display_name", "erased_volunteer")
        for code in sorted(erased & set(self.named_givers)):
            yield Problem.of(self.named_givers[code], "giver_name", "erased_giver")
        yield from self._handovers(offers, needs)
        yield from _statuses(offers, needs)

    def _handovers(self, offers: dict[str, _Item], needs: dict[str, _Item]) -> Iterable[Problem]:
        """Same category on both sides; no offer gives more than it holds. A file's handover
        replaces the graph's with the same offer, need and date."""
        for h in self.handovers:
            offer, need = offers.get(h.offer), needs.get(h.need)
            if offer is None or need is None:
                continue  # an unknown reference, reported as such
            offer.given.pop((h.need, h.date), None)
            need.given.pop((h.offer, h.date), None)
        for h in self.handovers:
            offer, need = offers.get(h.offer), needs.get(h.need)
            if offer is None or need is None:
                continue
            if offer.category != need.category:
                yield Problem.of(
                    h.where, "need_code", "category_mismatch", offer=h.offer, need=h.need,
                    offer_category=offer.category, need_category=need.category,
                )  # fmt: skip
                continue
            given = sum(offer.given.values())
            if problem := handover_exceeds(offer.quantity, given, h.quantity):
                params = {"quantity": offer.quantity, "given": given, "adding": h.quantity}
                yield Problem(h.where, "quantity", "over_handed", problem, params)
                continue
            offer.given[(h.need, h.date)] = h.quantity
            need.given[(h.offer, h.date)] = h.quantity


def _skill(where: str, v: dict[str, Any]) -> Iterable[Problem]:
    is_skill = v["category"] == OfferCategory.SKILL
    if is_skill and v["skill"] is None:
        yield Problem.of(where, "skill", "skill_required")
    elif not is_skill and v["skill"] is not None:
        yield Problem.of(where, "skill", "skill_not_used")


def _given(rows: list[list[Any]]) -> dict[tuple[str, dt.date], int]:
    return {(code, date.to_native()): quantity for code, date, quantity in rows}


def _statuses(offers: dict[str, _Item], needs: dict[str, _Item]) -> Iterable[Problem]:
    """A status a file writes down must agree with the handovers (an empty one is derived)."""
    for item in offers.values():
        given = sum(item.given.values())
        if item.where is None:
            continue
        if given > item.quantity:
            yield Problem.of(item.where, "quantity", "quantity_below_given", given=given)
        elif item.status is not None:
            expected = offer_status(item.status, item.quantity, given).value
            if problem := status_mismatch(item.status, expected, given, item.quantity):
                params = {"declared": item.status, "expected": expected, "given": given}
                yield Problem(item.where, "status", "status_mismatch", problem, params)
    for item in needs.values():
        if item.where is None or item.status is None:
            continue
        given = sum(item.given.values())
        expected = need_status(item.status, item.quantity, given).value
        if problem := status_mismatch(item.status, expected, given, item.quantity):
            params = {"declared": item.status, "expected": expected, "given": given}
            yield Problem(item.where, "status", "status_mismatch", problem, params)
