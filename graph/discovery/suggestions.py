"""Partner suggestions for coordinators: who an organisation (or a project) could work with.

A request reads the organisation's *ties* fresh — its partnerships and projects, the ties of each
organisation tied to it (for common partners), the pairs a coordinator declined — in one query;
the attributes of every organisation (kind, place, size, focus areas, akimats) come from
:mod:`graph.discovery.attributes`, built once per graph version when a
:class:`~graph.analytics.cache.ProjectionCache` is given. Together they make a *partial*
snapshot on which :func:`graph.discovery.scoring.rank` would rank exactly as the offline
evaluation ranks on the whole region; :func:`graph.discovery.candidates.top` gives the first of
that ranking while scoring only the candidates that can reach them. A last read returns the
chosen organisations.

Reads: with a warm cache, three (graph version, ties, chosen organisations); without a cache,
three too (attributes, ties, chosen organisations). The formula and its features are documented
in :mod:`graph.discovery.scoring`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, LiteralString

from graph import rules
from graph.analytics.cache import ProjectionCache
from graph.db import Database
from graph.discovery import fragments
from graph.discovery.attributes import Attributes, region_attributes
from graph.discovery.candidates import top
from graph.discovery.reasons import Reason, reasons
from graph.discovery.scoring import Centre, Filters, organization_centre, project_centre
from graph.discovery.snapshot import Profile, Snapshot
from graph.errors import InvalidInput, NotFound
from graph.i18n import t
from graph.organizations import Organization, by_bins
from graph.rules import check_first, parse_focus, parse_kinds

__all__ = ["Suggestion", "neighbourhood", "suggest_for_project", "suggest_partners"]


@dataclass(frozen=True, slots=True)
class Suggestion:
    organization: Organization
    score: float
    """In [0, 1]: the sum of the reasons' contributions."""
    reasons: tuple[Reason, ...]
    already_partners: bool = False
    """Only with ``include_partners``: a partnership is already in force."""


# -- the neighbourhood of an organisation --------------------------------------------------------

_ORGANIZATION: LiteralString = (
    """
MATCH (o:Organization {bin: $bin})
CALL (o) {
  CALL (o) {
    MATCH (o)-[r:PARTNERS_WITH]-(z:Organization)
    WHERE r.until IS NULL AND z <> o AND NOT coalesce(z.archived, false)
    RETURN z
    UNION
    MATCH (o)-[:PARTICIPATES_IN]->(p:Project)<-[:PARTICIPATES_IN]-(z:Organization)
    WHERE coalesce(p.status, '') <> 'cancelled' AND z <> o AND NOT coalesce(z.archived, false)
    RETURN z
  }
  RETURN collect({bin: z.bin, ties: """
    + fragments.TIES_OF_Z
    + """}) AS second
}
RETURN coalesce(o.archived, false) AS archived, second,
  COLLECT { MATCH (o)-[r:PARTNERS_WITH]-(y:Organization)
            WHERE y <> o AND NOT coalesce(y.archived, false)
            RETURN {bin: y.bin, since: r.since, basis: r.basis, until: r.until} } AS partnerships,
  COLLECT { MATCH (o)-[:PARTICIPATES_IN]->(p:Project)<-[:PARTICIPATES_IN]-(y:Organization)
            WHERE coalesce(p.status, '') <> 'cancelled' AND NOT coalesce(y.archived, false)
            RETURN DISTINCT {code: p.code, title: p.title, bin: y.bin} } AS participations,
  COLLECT { MATCH (o)<-[:CONCERNS]-(:SuggestionOutcome {outcome: 'declined'})
                    -[:CONCERNS]->(y:Organization)
            WHERE y <> o RETURN DISTINCT y.bin } AS declined
"""
)


def neighbourhood(
    db: Database, bin: str, *, cache: ProjectionCache | None = None
) -> tuple[Snapshot, Centre]:
    """The partial snapshot around organisation ``bin`` and its centre.

    Raises :class:`NotFound` for an unknown BIN and :class:`InvalidInput` for an archived one.
    """
    snapshot, centre, _ = _neighbourhood(db, bin, cache)
    return snapshot, centre


def _neighbourhood(
    db: Database, bin: str, cache: ProjectionCache | None
) -> tuple[Snapshot, Centre, Attributes]:
    attributes = region_attributes(db, cache=cache)
    found = db.read(_ORGANIZATION, bin=bin)
    if not found:
        raise NotFound(t("no organisation with BIN {bin}", bin=bin))
    row = found[0]
    if row["archived"]:
        raise InvalidInput(t("organisation {bin} is archived", bin=bin), field="bin")
    if bin not in attributes.profiles:  # created after the cached attributes were read
        attributes = region_attributes(db)
    partnerships = [(bin, p["bin"], fragments.partnership(p)) for p in row["partnerships"]]
    participations = [(p["bin"], p["code"]) for p in row["participations"]]
    participations += [(bin, code) for _, code in participations]
    snapshot = Snapshot(
        profiles=attributes.profiles,  # shared, not copied: candidates are looked up in it
        partnerships=partnerships,
        participations=participations,
        project_titles={p["code"]: p["title"] for p in row["participations"]},
        akimats=attributes.akimats,
        declined=[(bin, b) for b in row["declined"]],
        territories=attributes.tree,
        organizations=attributes.organizations,
        neighbours={z["bin"]: z["ties"] for z in row["second"]},
    )
    return snapshot, organization_centre(snapshot, bin), attributes


def _suggestions(
    db: Database,
    snapshot: Snapshot,
    centre: Centre,
    attributes: Attributes,
    filters: Filters,
    first: int,
) -> list[Suggestion]:
    ranked = top(snapshot, centre, attributes, filters, first)
    orgs = by_bins(db, [e.profile.bin for e in ranked]) if ranked else {}
    return [
        Suggestion(
            organization=orgs[e.profile.bin],
            score=e.score,
            reasons=reasons(snapshot, centre, e),
            already_partners=e.already_partners,
        )
        for e in ranked
        if e.profile.bin in orgs
    ]


# -- public API ----------------------------------------------------------------------------------


def suggest_partners(
    db: Database,
    bin: str,
    *,
    first: int = 10,
    kinds: str | Iterable[str] | None = None,
    territory: str | None = None,
    rural_only: bool = False,
    focus_areas: str | Iterable[str] | None = None,
    include_partners: bool = False,
    cache: ProjectionCache | None = None,
) -> list[Suggestion]:
    """Organisations ``bin`` could partner with, best first, each with its reasons.

    Never suggested: the organisation itself, archived organisations, partners in force (unless
    ``include_partners``; ended partnerships may be suggested again) and pairs a coordinator
    declined (:func:`graph.discovery.outcomes.record_outcome`). ``kinds`` (OrgKind values),
    ``territory`` (a KATO code: candidates located at or under it), ``rural_only`` and
    ``focus_areas`` (candidates working on at least one) narrow the candidates. Pass the
    process's ``cache`` (the API's ``ProjectionCache``) so attributes are read once per graph
    version.

    Raises :class:`NotFound` for an unknown BIN, :class:`InvalidInput` (with ``field``) for a
    wrong filter or an archived organisation.
    """
    check_first(first)
    wanted_kinds = parse_kinds(kinds)
    wanted_focus = parse_focus(focus_areas)
    if territory is not None:
        rules.checked(rules.kato, territory, field="territory")
    snapshot, centre, attributes = _neighbourhood(db, bin, cache)
    tree = snapshot.territories
    if territory is not None and territory not in tree:
        raise InvalidInput(
            t("no territory with KATO code {kato}", kato=territory), field="territory"
        )
    filters = Filters(
        kinds=frozenset(k.value for k in wanted_kinds) if wanted_kinds else None,
        territories=tree.under(territory) if territory is not None else None,
        rural_only=rural_only,
        focus_areas=wanted_focus,
        include_partners=include_partners,
    )
    return _suggestions(db, snapshot, centre, attributes, filters, first)


_PROJECT: LiteralString = (
    """
MATCH (p:Project {code: $code})
OPTIONAL MATCH (lead:Organization)-[:PARTICIPATES_IN {role: 'accountable'}]->(p)
WITH p, lead ORDER BY lead.bin
WITH p, head(collect(lead)) AS x
CALL (p) {
  MATCH (z:Organization)-[:PARTICIPATES_IN]->(p)
  WITH DISTINCT z
  RETURN collect({bin: z.bin, archived: coalesce(z.archived, false),
                  ties: """
    + fragments.TIES_OF_Z
    + """}) AS participants
}
RETURN p.title AS title, participants, x.bin AS lead,
  COLLECT { MATCH (p)-[:ADDRESSES]->(f:FocusArea) RETURN f.code } AS focus,
  COLLECT { MATCH (p)-[:SERVES]->(t:Territory) RETURN t.kato }[0] AS kato,
  COLLECT { MATCH (k:Akimat)-[:FUNDS]->(p) RETURN DISTINCT k.code } AS funders,
  COLLECT { MATCH (x)<-[:CONCERNS]-(:SuggestionOutcome {outcome: 'declined'})
                    -[:CONCERNS]->(y:Organization)
            WHERE y <> x RETURN DISTINCT y.bin } AS declined
"""
)


def _project_profile(
    key: str, row: Mapping[str, Any], lead: Profile | None, attributes: Attributes
) -> Profile:
    tree = attributes.tree
    kato = row["kato"] or (lead.kato if lead else None)
    district = tree.district(kato)
    return Profile(
        bin=key,
        name=row["title"] or key,
        kind=lead.kind if lead else "",
        kato=kato,
        district=district,
        district_name=tree.names.get(district) if district else None,
        settlement=tree.settlement(kato),
        founded_year=lead.founded_year if lead else None,
        staff=lead.staff if lead else None,
        volunteers=lead.volunteers if lead else None,
        focus_areas=frozenset(row["focus"]),
        funded_by=frozenset(row["funders"]),
    )


def suggest_for_project(
    db: Database, project_code: str, *, first: int = 10, cache: ProjectionCache | None = None
) -> list[Suggestion]:
    """Organisations to invite to a project, best first, each with its reasons.

    The project is scored as if it were one organisation (see
    :func:`~graph.discovery.scoring.project_centre`): the focus areas it addresses, the
    territory it serves, the akimats funding it, its lead's kind and resources, and its
    participants as its ties — so "common partners" are participants who already work with the
    candidate. Participants, archived organisations and organisations that declined the lead
    are never suggested.
    """
    check_first(first)
    attributes = region_attributes(db, cache=cache)
    found = db.read(_PROJECT, code=project_code)
    if not found:
        raise NotFound(t("no project with code {code}", code=project_code))
    row = found[0]
    key = f"project:{project_code}"
    lead: str | None = row["lead"]
    centre_profile = _project_profile(key, row, attributes.profiles.get(lead or ""), attributes)
    everyone = frozenset(z["bin"] for z in row["participants"])
    active = {z["bin"]: z["ties"] for z in row["participants"] if not z["archived"]}
    snapshot = Snapshot(
        profiles=attributes.profiles,  # shared, not copied: participants are named from it
        akimats=attributes.akimats,
        declined=[(lead, b) for b in row["declined"]] if lead else (),
        territories=attributes.tree,
        organizations=attributes.organizations,
        neighbours=active,
    )
    centre = project_centre(
        snapshot, key, centre_profile, participants=everyone, ties=frozenset(active), lead=lead
    )
    return _suggestions(db, snapshot, centre, attributes, Filters(), first)
