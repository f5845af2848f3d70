"""The canonical requests: each as a GraphQL document (or a download) and the best raw read.

The raw side fetches the same data through the driver alone, in as few round-trips as Cypher
allows (one query with ``COLLECT`` subqueries where the API uses several loaders). Where the API
computes in Python (search's matched name, suggestion scoring, report arithmetic) the raw side
does the same small Python work, so the ratio measures the API layer, not a different answer.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, LiteralString

from graph.analytics.cache import ProjectionCache
from graph.db import Database
from graph.discovery import suggest_partners
from graph.exports import Format, count_rows, organization_sheet, write_sheet
from graph.hub.matching import matches_for_need
from graph.i18n import Language, use_language
from graph.names import lucene_query, matched_name
from graph.vocab import STATE_MECHANISMS

REPORT_KATO = "553610000"
"""Теренкольский район: the district the report request reads (warm cache)."""
SEARCH_TEXT = "klub dobryakov"
_STATE = sorted(m.value for m in STATE_MECHANISMS)


@dataclass(frozen=True, slots=True)
class Fixture:
    """What the requests need from the loaded graph, chosen once per run."""

    hub: str
    """BIN of the organisation with the most partnerships (request 2)."""
    sample: tuple[str, ...]
    """BINs to ask suggestions for, rotated through (request 4)."""
    token: str
    """A coordinator token (``partnerSuggestions`` needs one)."""
    needs: tuple[str, ...] = ()
    """Codes of open needs of the House of NGOs to match, rotated through (request 7)."""
    cache: ProjectionCache = field(default_factory=ProjectionCache)
    """The raw side's cache for suggestions, as the API process holds one."""


@dataclass(frozen=True, slots=True)
class Canonical:
    key: str
    title: str
    document: str
    variables: Callable[[Fixture, int], dict[str, Any]]
    raw: Callable[[Database, Fixture, int], Any]
    raw_note: str
    needs_token: bool = False
    headers: tuple[tuple[str, str], ...] = ()
    """HTTP headers of the API call (e.g. ``Accept-Language``)."""
    download: str | None = None
    """A ``GET`` path answered with a file instead of a GraphQL document (``document`` unused)."""


# -- 1. a filtered page of organisations with nested projects and partners -------------------------

ORGANIZATION_PAGE = """
query OrganizationPage($first: Int!, $nested: Int!) {
  organizations(first: $first, where: {kind: {eq: YOUTH_GROUP}}) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      bin name kind foundedYear
      territory { kato name }
      projects(first: $nested) { edges { role node { code title startDate status } } }
      partners(first: $nested) { edges { since node { bin name kind } } }
    } }
  }
}"""
_ORGANIZATION_PAGE: LiteralString = """
MATCH (o:Organization)
WHERE o.kind = $kind AND NOT coalesce(o.archived, false)
WITH o ORDER BY o.name, o.bin LIMIT $limit
RETURN o.bin AS bin, o.name AS name, o.kind AS kind, o.founded_year AS founded_year,
  COLLECT { MATCH (o)-[:LOCATED_IN]->(t:Territory) RETURN t {.kato, .name} }[0] AS territory,
  COLLECT { MATCH (o)-[r:PARTICIPATES_IN]->(p:Project)
            WITH r, p ORDER BY p.start_date DESC, p.code LIMIT $nested
            RETURN {role: r.role, code: p.code, title: p.title, start_date: p.start_date,
                    status: p.status} } AS projects,
  COLLECT { MATCH (o)-[r:PARTNERS_WITH]-(x:Organization)
            WHERE r.until IS NULL AND NOT coalesce(x.archived, false)
            WITH r, x ORDER BY x.name, x.bin LIMIT $nested
            RETURN {since: r.since, bin: x.bin, name: x.name, kind: x.kind} } AS partners
"""


def raw_organization_page(db: Database, first: int = 20, nested: int = 5) -> dict[str, Any]:
    records = db.read(_ORGANIZATION_PAGE, kind="youth_group", limit=first + 1, nested=nested)
    rows = [r.data() for r in records]
    return {"has_next_page": len(rows) > first, "nodes": rows[:first]}


# -- 2. one organisation in full -------------------------------------------------------------------

ORGANIZATION = """
query Organization($bin: String!) {
  organization(bin: $bin) {
    bin name nameKk aliases kind legalForm foundedYear staff volunteersCount synthetic archived
    territory { kato name }
    focusAreas { code name }
    fundingProfile { totalKzt stateKzt stateShare funders byMechanism { mechanism amountKzt } }
    projects(first: 10) { edges { role node { code title startDate status budgetKzt } } }
    partners(first: 10) { edges { since basis node { bin name kind } } }
    fundingsReceived(first: 10) { edges { node {
      amountKzt mechanism year project { code }
      funder { __typename ... on Akimat { code name } ... on Organization { bin name }
               ... on Donor { code name } }
    } } }
  }
}"""
_ORGANIZATION: LiteralString = """
MATCH (o:Organization {bin: $bin})
RETURN o {.bin, .name, .name_kk, .aliases, .kind, .legal_form, .founded_year, .staff,
          .volunteers, .synthetic, .archived} AS org,
  COLLECT { MATCH (o)-[:LOCATED_IN]->(t:Territory) RETURN t {.kato, .name} }[0] AS territory,
  COLLECT { MATCH (o)-[:WORKS_ON]->(f:FocusArea) RETURN f {.code, .name} ORDER BY f.code }
    AS focus_areas,
  COLLECT { MATCH (o)-[:PARTICIPATES_IN {role: 'accountable'}]->(:Project)<-[f:FUNDS]-(x)
            WITH f.mechanism AS mechanism, sum(f.amount_kzt) AS amount,
                 collect(DISTINCT coalesce(x.bin, x.code)) AS funders
            RETURN {mechanism: mechanism, amount: amount, funders: funders} } AS funding,
  COLLECT { MATCH (o)-[r:PARTICIPATES_IN]->(p:Project)
            WITH r, p ORDER BY p.start_date DESC, p.code LIMIT 10
            RETURN {role: r.role, code: p.code, title: p.title, start_date: p.start_date,
                    status: p.status, budget_kzt: p.budget_kzt} } AS projects,
  COLLECT { MATCH (o)-[r:PARTNERS_WITH]-(x:Organization)
            WHERE r.until IS NULL AND NOT coalesce(x.archived, false)
            WITH r, x ORDER BY x.name, x.bin LIMIT 10
            RETURN {since: r.since, basis: r.basis, bin: x.bin, name: x.name, kind: x.kind} }
    AS partners,
  COLLECT { MATCH (o)-[:PARTICIPATES_IN {role: 'accountable'}]->(p:Project)<-[f:FUNDS]-(x)
            WITH f, p, x ORDER BY f.year DESC, p.code LIMIT 10
            RETURN {amount: f.amount_kzt, mechanism: f.mechanism, year: f.year,
                    project: p.code, funder: coalesce(x.bin, x.code), funder_name: x.name,
                    funder_labels: labels(x)} } AS fundings
"""


def raw_organization(db: Database, bin: str) -> dict[str, Any]:
    row = db.read(_ORGANIZATION, bin=bin)[0].data()
    total = sum(m["amount"] for m in row["funding"])
    state = sum(m["amount"] for m in row["funding"] if m["mechanism"] in _STATE)
    funders = {f for m in row["funding"] for f in m["funders"]}
    row["funding_profile"] = {
        "total": total,
        "state": state,
        "funders": len(funders),
        "state_share": state / total if total else None,
    }
    return row


# -- 3. full-text search ---------------------------------------------------------------------------

SEARCH = """
query Search($query: String!) {
  search(query: $query) { score matchedName organization { bin name kind } }
}"""
_SEARCH: LiteralString = """
CALL db.index.fulltext.queryNodes('organization_names', $query, {limit: 10})
YIELD node AS o, score WHERE NOT coalesce(o.archived, false)
RETURN o.bin AS bin, o.name AS name, o.kind AS kind, o.name_kk AS name_kk,
       o.aliases AS aliases, score
ORDER BY score DESC, name
"""


def raw_search(db: Database, text: str) -> list[dict[str, Any]]:
    hits = [r.data() for r in db.read(_SEARCH, query=lucene_query(text))]
    for hit in hits:
        names = tuple(n for n in (hit["name"], hit["name_kk"], *(hit["aliases"] or ())) if n)
        hit["matched_name"] = matched_name(text, names)
    return hits


# -- 4. partner suggestions ------------------------------------------------------------------------

SUGGESTIONS = """
query Suggestions($bin: String!) {
  partnerSuggestions(organization: $bin, first: 10) {
    score alreadyPartners
    organization { bin name kind }
    reasons { kind contribution text }
  }
}"""


def raw_suggestions(db: Database, fixture: Fixture, i: int) -> Any:
    # Scoring is Python over the region's attributes (graph.discovery.scoring); no Cypher alone
    # gives the same ranking, so the raw side is the domain function on the driver, with a
    # ProjectionCache as bench/suggestions.py uses it.
    bin_ = fixture.sample[i % len(fixture.sample)]
    return suggest_partners(db, bin_, first=10, cache=fixture.cache)


# -- 5. a district report --------------------------------------------------------------------------

REPORT = """
query Report($kato: String!) {
  territory(kato: $kato) {
    kato name
    report {
      organizations organizationsPer10k
      byKind { key count } bySettlement { key count }
      fundingKzt stateKzt stateShare fundingByMechanism { key amountKzt }
      selfFundedOrganizations meanActivity
      topYouthGroups { bin name activity rankInDistrict supportedByDistrictAkimat }
      flagCounts { key count }
    }
  }
}"""
_REPORT: LiteralString = """
MATCH (t:Territory {kato: $kato})
CALL (t) {
  OPTIONAL MATCH (o:Organization)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..6]->(t)
  WHERE NOT coalesce(o.archived, false)
  RETURN collect(DISTINCT o) AS orgs
}
RETURN t.kato AS kato, t.name AS name, t.population AS population,
  size(orgs) AS organizations,
  COLLECT { UNWIND orgs AS o WITH o.kind AS key, count(*) AS n RETURN {key: key, count: n} }
    AS by_kind,
  COLLECT { UNWIND orgs AS o
            WITH COLLECT { MATCH path = (o)-[:LOCATED_IN]->(:Territory)-[:PART_OF*0..6]->(x)
                           WHERE x.settlement IS NOT NULL
                           RETURN x.settlement ORDER BY length(path) LIMIT 1 }[0] AS key
            WITH key WHERE key IS NOT NULL
            WITH key, count(*) AS n RETURN {key: key, count: n} } AS by_settlement,
  COLLECT { UNWIND orgs AS o
            MATCH (o)-[:PARTICIPATES_IN {role: 'accountable'}]->(:Project)<-[f:FUNDS]-()
            WITH f.mechanism AS key, sum(f.amount_kzt) AS amount
            RETURN {key: key, amount: amount} } AS by_mechanism,
  size([o IN orgs WHERE
        EXISTS { MATCH (o)-[:PARTICIPATES_IN {role: 'accountable'}]->(:Project)<-[f:FUNDS]-()
                 WHERE f.amount_kzt > 0 }
        AND NOT EXISTS { MATCH (o)-[:PARTICIPATES_IN {role: 'accountable'}]->(:Project)
                               <-[f:FUNDS]-() WHERE f.mechanism IN $state AND f.amount_kzt > 0 }
       ]) AS self_funded,
  [o IN orgs WHERE o.kind = 'youth_group' | o {.bin, .name}] AS youth_groups
"""


def raw_report(db: Database, kato: str) -> dict[str, Any]:
    row = db.read(_REPORT, kato=kato, state=_STATE)[0].data()
    funding = sum(m["amount"] for m in row["by_mechanism"])
    state = sum(m["amount"] for m in row["by_mechanism"] if m["key"] in _STATE)
    population = row["population"]
    row |= {
        "funding_kzt": funding,
        "state_kzt": state,
        "state_share": state / funding if funding else None,
        "per_10k": 10_000 * row["organizations"] / population if population else None,
    }
    return row


# -- 6. partner suggestions for a Kazakh reader ----------------------------------------------------


def raw_suggestions_kk(db: Database, fixture: Fixture, i: int) -> list[str]:
    # the same domain call, with the reasons' texts rendered in Kazakh as the API renders them
    found = raw_suggestions(db, fixture, i)
    with use_language(Language.KK):
        return [str(r.text) for s in found for r in s.reasons]


# -- 7. matches for a need of the House of NGOs ----------------------------------------------------

MATCHES_FOR_NEED = """
query Matches($need: String!) {
  matchesForNeed(need: $need, first: 10) {
    kind score reasons { kind contribution text } offer { code category }
  }
}"""


def raw_matches(db: Database, fixture: Fixture, i: int) -> Any:
    # scoring is Python (graph.hub.match_score): the raw side is the domain function on the driver
    return matches_for_need(db, fixture.needs[i % len(fixture.needs)], first=10)


# -- 8. every organisation as XLSX -----------------------------------------------------------------

EXPORT_PATH = "/export/organizations.xlsx"


def raw_export(db: Database) -> int:
    """What the route does without HTTP: count, write the workbook to a file; its bytes."""
    sheet = organization_sheet(db)
    count_rows(db, sheet)
    with tempfile.TemporaryDirectory(prefix="seriktes-bench-") as folder:
        path = Path(folder) / "organizations.xlsx"
        write_sheet(db, sheet, path, Format.XLSX)
        return path.stat().st_size


REQUESTS: tuple[Canonical, ...] = (
    Canonical(
        "org_page",
        "1. organisations page (youth groups, first 20) + territory, projects(5), partners(5)",
        ORGANIZATION_PAGE,
        lambda f, i: {"first": 20, "nested": 5},
        lambda db, f, i: raw_organization_page(db, 20, 5),
        "one query: keyset page + COLLECT subqueries",
    ),
    Canonical(
        "org_full",
        "2. one organisation in full (profile, projects 10, partners 10, fundings 10)",
        ORGANIZATION,
        lambda f, i: {"bin": f.hub},
        lambda db, f, i: raw_organization(db, f.hub),
        "one query with COLLECT subqueries",
    ),
    Canonical(
        "search",
        f'3. search(query: "{SEARCH_TEXT}")',
        SEARCH,
        lambda f, i: {"query": SEARCH_TEXT},
        lambda db, f, i: raw_search(db, SEARCH_TEXT),
        "the full-text index call (+ matched name in Python)",
    ),
    Canonical(
        "suggestions",
        "4. partnerSuggestions(first: 10), rotating over sampled organisations",
        SUGGESTIONS,
        lambda f, i: {"bin": f.sample[i % len(f.sample)]},
        raw_suggestions,
        "graph.discovery.suggest_partners with a warm ProjectionCache",
        needs_token=True,
    ),
    Canonical(
        "report",
        f"5. territory({REPORT_KATO}).report (warm cache)",
        REPORT,
        lambda f, i: {"kato": REPORT_KATO},
        lambda db, f, i: raw_report(db, REPORT_KATO),
        "aggregates in one Cypher query (no activity, youth ranking or flags: Python measures)",
    ),
    Canonical(
        "suggestions_kk",
        "6. partnerSuggestions(first: 10) with `Accept-Language: kk`",
        SUGGESTIONS,
        lambda f, i: {"bin": f.sample[i % len(f.sample)]},
        raw_suggestions_kk,
        "request 4's domain call, reasons rendered in Kazakh",
        needs_token=True,
        headers=(("accept-language", "kk"),),
    ),
    Canonical(
        "matches",
        "7. matchesForNeed(first: 10), rotating over open needs of the House of NGOs",
        MATCHES_FOR_NEED,
        lambda f, i: {"need": f.needs[i % len(f.needs)]},
        raw_matches,
        "graph.hub.matching.matches_for_need on the driver",
    ),
    Canonical(
        "export_xlsx",
        f"8. GET {EXPORT_PATH} (every organisation)",
        "",
        lambda f, i: {},
        lambda db, f, i: raw_export(db),
        "graph.exports: count, then write the workbook to a file (what the route runs)",
        download=EXPORT_PATH,
    ),
)
