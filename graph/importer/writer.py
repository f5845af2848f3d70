"""Pass two of an import: batched ``UNWIND ... MERGE`` in one transaction (all or nothing).

Each statement returns how many rows it created and which existing keys it changed, so a second run
of the same files reports "0 created, 0 updated". The file is authoritative for its columns:
an empty optional cell removes the property; extra columns are kept as properties.

Relationship look-ups expand from the two matched nodes on purpose. The whole import is one
transaction, so the planner plans with the statistics of the committed store (empty on a first
import): a plain ``OPTIONAL MATCH (o)-[x:PARTICIPATES_IN {role: ...}]->(p)`` or ``MERGE`` of it
may be planned as a scan over every relationship of that type written so far, and re-reading a
``MERGE`` with a dynamic type as a scan of all relationships, which makes a 10,000-organisation
import quadratic (it did not finish in 5 minutes; the raw writer takes 25 s). A pattern
comprehension with a map predicate can only be planned as ``Expand(Into)``, and a plain
``CREATE`` follows when nothing was found. ``bench`` measures the importer against a raw writer.

A row nothing in the graph can match yet (its key is not there, or it links a node this import
created) skips all of that: a plain ``CREATE`` writes what the ``MERGE`` would (:data:`_CREATES`),
so a first import runs as the raw writer does and only rows that exist pay for change detection.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any, LiteralString

import neo4j

from graph.collation import sort_keys
from graph.db import Database
from graph.errors import SeriktesError
from graph.i18n import t
from graph.importer.progress import Tick, no_progress
from graph.importer.reader import Source
from graph.importer.tables import Table, support_values
from graph.importer.validate import Row, parse_rows
from graph.names import search_text
from graph.results import indicator_key
from graph.rules import need_status, offer_status
from graph.schema import BUMP_GRAPH_VERSION
from graph.sources import import_props
from graph.vocab import GiverKind, OrgKind, PersonRelation, ProjectStatus


@dataclass(slots=True)
class TableResult:
    rows: int = 0
    created: int = 0
    updated: int = 0


_TERRITORY_NODES: LiteralString = """
UNWIND $rows AS row
OPTIONAL MATCH (old:Territory {kato: row.kato})
WITH row, old {.*} AS before
MERGE (t:Territory {kato: row.kato})
SET t += row.props
RETURN collect(CASE WHEN before IS NULL THEN row.key END) AS created,
       collect(CASE WHEN before IS NOT NULL AND before <> t {.*} THEN row.key END) AS changed
"""
_TERRITORY_LINKS: LiteralString = """
UNWIND $rows AS row
MATCH (t:Territory {kato: row.kato})
WITH t, row, COLLECT { MATCH (t)-[:PART_OF]->(p) RETURN p.kato } AS before
CALL (t, row) {
  OPTIONAL MATCH (t)-[r:PART_OF]->(p) WHERE p.kato <> coalesce(row.parent_kato, '') DELETE r
}
CALL (t, row) {
  MATCH (p:Territory {kato: row.parent_kato}) MERGE (t)-[:PART_OF]->(p)
}
WITH t, row, before
RETURN [] AS created,
       collect(CASE WHEN before <> COLLECT { MATCH (t)-[:PART_OF]->(p) RETURN p.kato }
               THEN row.key END) AS changed
"""
_AKIMATS: LiteralString = """
UNWIND $rows AS row
OPTIONAL MATCH (old:Akimat {code: row.code})
WITH row, CASE WHEN old IS NULL THEN null
          ELSE [old {.*}, COLLECT { MATCH (old)-[:GOVERNS]->(t) RETURN t.kato }] END AS before
MERGE (a:Akimat {code: row.code})
SET a += row.props
WITH a, row, before
CALL (a, row) { OPTIONAL MATCH (a)-[r:GOVERNS]->(t) WHERE t.kato <> row.kato DELETE r }
CALL (a, row) { MATCH (t:Territory {kato: row.kato}) MERGE (a)-[:GOVERNS]->(t) }
WITH a, row, before
RETURN collect(CASE WHEN before IS NULL THEN row.key END) AS created,
       collect(CASE WHEN before IS NOT NULL AND before <> [a {.*},
               COLLECT { MATCH (a)-[:GOVERNS]->(t) RETURN t.kato }] THEN row.key END) AS changed
"""
_ORGANIZATIONS: LiteralString = """
UNWIND $rows AS row
OPTIONAL MATCH (old:Organization {bin: row.bin})
WITH row, CASE WHEN old IS NULL THEN null ELSE [old {.*}, labels(old),
          COLLECT { MATCH (old)-[:LOCATED_IN]->(t) RETURN t.kato },
          COLLECT { MATCH (old)-[:WORKS_ON]->(f) RETURN f.code ORDER BY f.code }] END AS before
MERGE (o:Organization {bin: row.bin})
ON CREATE SET o.archived = false, o.synthetic = false
SET o += row.props
REMOVE o:NGO:VeteransUnion:YouthGroup:ResourceCenter:Foundation:VolunteerClub:InitiativeGroup
SET o:$(row.label)
WITH o, row, before
CALL (o, row) { OPTIONAL MATCH (o)-[r:LOCATED_IN]->(t) WHERE t.kato <> row.kato DELETE r }
CALL (o, row) { MATCH (t:Territory {kato: row.kato}) MERGE (o)-[:LOCATED_IN]->(t) }
CALL (o, row) {
  OPTIONAL MATCH (o)-[r:WORKS_ON]->(f) WHERE row.focus_areas IS NOT NULL
    AND NOT f.code IN row.focus_areas
  DELETE r
}
CALL (o, row) {
  UNWIND coalesce(row.focus_areas, []) AS code
  MATCH (f:FocusArea {code: code}) MERGE (o)-[:WORKS_ON]->(f)
}
WITH o, row, before
RETURN collect(CASE WHEN before IS NULL THEN row.key END) AS created,
       collect(CASE WHEN before IS NOT NULL AND before <> [o {.*}, labels(o),
               COLLECT { MATCH (o)-[:LOCATED_IN]->(t) RETURN t.kato },
               COLLECT { MATCH (o)-[:WORKS_ON]->(f) RETURN f.code ORDER BY f.code }]
               THEN row.key END) AS changed
"""
_PROJECTS: LiteralString = """
UNWIND $rows AS row
OPTIONAL MATCH (old:Project {code: row.code})
WITH row, CASE WHEN old IS NULL THEN null ELSE [old {.*},
          COLLECT { MATCH (old)-[:SERVES]->(t) RETURN t.kato },
          COLLECT { MATCH (old)-[:ADDRESSES]->(f) RETURN f.code ORDER BY f.code }] END AS before
MERGE (p:Project {code: row.code})
SET p += row.props, p.status = coalesce(p.status, row.derived_status)
WITH p, row, before
CALL (p, row) { OPTIONAL MATCH (p)-[r:SERVES]->(t) WHERE t.kato <> row.kato DELETE r }
CALL (p, row) { MATCH (t:Territory {kato: row.kato}) MERGE (p)-[:SERVES]->(t) }
CALL (p, row) {
  OPTIONAL MATCH (p)-[r:ADDRESSES]->(f) WHERE NOT f.code IN row.focus_areas DELETE r
}
CALL (p, row) {
  UNWIND row.focus_areas AS code MATCH (f:FocusArea {code: code}) MERGE (p)-[:ADDRESSES]->(f)
}
WITH p, row, before
RETURN collect(CASE WHEN before IS NULL THEN row.key END) AS created,
       collect(CASE WHEN before IS NOT NULL AND before <> [p {.*},
               COLLECT { MATCH (p)-[:SERVES]->(t) RETURN t.kato },
               COLLECT { MATCH (p)-[:ADDRESSES]->(f) RETURN f.code ORDER BY f.code }]
               THEN row.key END) AS changed
"""
_PARTICIPATIONS: LiteralString = """
UNWIND $rows AS row
MATCH (o:Organization {bin: row.org_bin}), (p:Project {code: row.project_code})
WITH o, p, row, [(o)-[x:PARTICIPATES_IN]->(p) WHERE x {.role} = {role: row.role} | x][0] AS old
WITH o, p, row, old, old {.*} AS before
CALL (o, p, row, old) {
  WITH * WHERE old IS NULL
  CREATE (o)-[r:PARTICIPATES_IN {role: row.role}]->(p)
  SET r += row.props
  RETURN r
  UNION
  WITH * WHERE old IS NOT NULL
  SET old += row.props
  RETURN old AS r
}
RETURN collect(CASE WHEN before IS NULL THEN row.key END) AS created,
       collect(CASE WHEN before IS NOT NULL AND before <> r {.*}
               THEN row.key END) AS changed
"""
_FUNDINGS: LiteralString = """
UNWIND $rows AS row
MATCH (p:Project {code: row.project_code})
OPTIONAL MATCH (a:Akimat {code: row.funder})
OPTIONAL MATCH (o:Organization {bin: row.funder})
OPTIONAL MATCH (d:Donor {code: row.funder})
WITH p, row, coalesce(a, o, d) AS funder
WITH p, row, funder, [(funder)-[x:FUNDS]->(p)
                      WHERE x {.mechanism, .year} = {mechanism: row.mechanism, year: row.year}
                      | x][0] AS old
WITH p, row, funder, old, old {.*} AS before
CALL (p, row, funder, old) {
  WITH * WHERE old IS NULL
  CREATE (funder)-[f:FUNDS {mechanism: row.mechanism, year: row.year}]->(p)
  SET f += row.props
  RETURN f
  UNION
  WITH * WHERE old IS NOT NULL
  SET old += row.props
  RETURN old AS f
}
RETURN collect(CASE WHEN before IS NULL THEN row.key END) AS created,
       collect(CASE WHEN before IS NOT NULL AND before <> f {.*}
               THEN row.key END) AS changed
"""
_PARTNERSHIPS: LiteralString = """
UNWIND $rows AS row
MATCH (a:Organization {bin: row.a}), (b:Organization {bin: row.b})
OPTIONAL MATCH (a)-[old:PARTNERS_WITH]-(b)
WITH a, b, row, old {.*} AS before
MERGE (a)-[r:PARTNERS_WITH]-(b)
SET r += row.props
RETURN collect(CASE WHEN before IS NULL THEN row.key END) AS created,
       collect(CASE WHEN before IS NOT NULL AND before <> r {.*} THEN row.key END)
       AS changed
"""
_SUPPORTS: LiteralString = """
UNWIND $rows AS row
MATCH (a:Akimat {code: row.akimat_code}), (o:Organization {bin: row.org_bin})
WITH a, o, row, [(a)-[x:SUPPORTS]->(o) WHERE x.kind = row.kind
                 AND (x.since = row.since OR (x.since IS NULL AND row.since IS NULL)) | x][0] AS old
WITH a, o, row, old, old {.*} AS before
CALL (a, o, row, old) {
  WITH * WHERE old IS NULL
  CREATE (a)-[r:SUPPORTS {kind: row.kind}]->(o)
  SET r += row.props
  RETURN r
  UNION
  WITH * WHERE old IS NOT NULL
  SET old += row.props
  RETURN old AS r
}
RETURN collect(CASE WHEN before IS NULL THEN row.key END) AS created,
       collect(CASE WHEN before IS NOT NULL AND before <> r {.*}
               THEN row.key END) AS changed
"""
_PEOPLE: LiteralString = """
UNWIND $rows AS row
MATCH (o:Organization {bin: row.org_bin})
OPTIONAL MATCH (old:Person {id: row.person_id})
WITH o, row, old,
     [(old)-[x:VOLUNTEERS_FOR|MEMBER_OF]->(o) WHERE type(x) = row.type | x {.*}][0] AS old_rel
WITH o, row, CASE WHEN old_rel IS NULL THEN null ELSE [old {.*}, old_rel] END AS before
MERGE (p:Person {id: row.person_id})
SET p.display_name = row.display_name
WITH o, row, before, p
CALL (p, o, row) {
  WITH * WHERE row.type = 'VOLUNTEERS_FOR'
  MERGE (p)-[r:VOLUNTEERS_FOR]->(o)
  SET r += row.props
  RETURN r
  UNION
  WITH * WHERE row.type = 'MEMBER_OF'
  MERGE (p)-[r:MEMBER_OF]->(o)
  SET r += row.props
  RETURN r
}
RETURN collect(CASE WHEN before IS NULL THEN row.key END) AS created,
       collect(CASE WHEN before IS NOT NULL AND before <> [p {.*}, r {.*}]
               THEN row.key END) AS changed
"""
_INDICATORS: LiteralString = """
UNWIND $rows AS row
MATCH (p:Project {code: row.project_code})
OPTIONAL MATCH (old:Indicator {key: row.indicator})
WITH p, row, old {.*} AS before
MERGE (i:Indicator {key: row.indicator})
SET i += row.props
FOREACH (_ IN CASE WHEN before IS NULL THEN [1] ELSE [] END | CREATE (p)-[:HAS_INDICATOR]->(i))
RETURN collect(CASE WHEN before IS NULL THEN row.key END) AS created,
       collect(CASE WHEN before IS NOT NULL AND before <> i {.*} THEN row.key END) AS changed
"""
"""An indicator's key holds its project's code, so a new node is linked once, here, and an
existing one already is (no relationship look-up: see the module's notes)."""


def _props(row: Row, *names: str) -> dict[str, Any]:
    return {name: row.values[name] for name in names if name in row.present} | row.extra


def _sources(row: Row) -> dict[str, Any]:
    return import_props(row.values, row.present)


def _derived(
    name: str, name_ru: str | None, name_kk: str | None, aliases: list[str] | None, *, keys: bool
) -> dict[str, Any]:
    """What the names derive: ``search_text``, and the collation keys when ``keys``."""
    derived: dict[str, Any] = {
        "search_text": search_text([name, name_ru, name_kk, *(aliases or [])])
    }
    return derived | (sort_keys(name, name_ru, name_kk) if keys else {})


def _territory(row: Row) -> dict[str, Any]:
    v = row.values
    props = _props(row, "name", "name_ru", "name_kk", "aliases", "type", "settlement",
                   "population")  # fmt: skip
    props |= _derived(v["name"], v["name_ru"], v["name_kk"], v["aliases"], keys=False)
    return {"kato": v["kato"], "parent_kato": v["parent_kato"], "props": props}


def _akimat(row: Row) -> dict[str, Any]:
    return {"code": row.values["code"], "kato": row.values["kato"],
            "props": _props(row, "name", "name_ru", "name_kk", "level")}  # fmt: skip


def _organization(row: Row) -> dict[str, Any]:
    v = row.values
    props = _props(row, "name", "name_ru", "name_kk", "aliases", "kind", "legal_form",
                   "founded_year", "staff", "volunteers")  # fmt: skip
    props |= {flag: bool(v[flag]) for flag in ("synthetic", "archived") if flag in row.present}
    props |= _derived(v["name"], v["name_ru"], v["name_kk"], v["aliases"], keys=True)
    return {
        "bin": v["bin"],
        "kato": v["kato"],
        "label": OrgKind(v["kind"]).label,
        # a file without the column leaves the focus areas as they are
        "focus_areas": (v["focus_areas"] or []) if "focus_areas" in row.present else None,
        "props": props,
    }


def project_status(start: dt.date, end: dt.date | None, today: dt.date) -> ProjectStatus:
    """The status a project without an explicit one has, judged by its dates."""
    if start > today:
        return ProjectStatus.PLANNED
    if end is not None and end < today:
        return ProjectStatus.COMPLETED
    return ProjectStatus.ACTIVE


def _project(row: Row) -> dict[str, Any]:
    v = row.values
    props = _props(row, "title", "title_ru", "title_kk", "start_date", "end_date", "budget_kzt",
                   "beneficiaries_target", "beneficiaries_reached", "status")  # fmt: skip
    props |= _derived(v["title"], v["title_ru"], v["title_kk"], None, keys=True)
    derived = project_status(v["start_date"], v["end_date"], dt.date.today()).value
    if props.get("status") is None:
        props.pop("status", None)  # never overwrite a status set earlier (e.g. cancelled)
    return {"code": v["code"], "kato": v["kato"], "focus_areas": v["focus_area"],
            "derived_status": derived, "props": props}  # fmt: skip


def _participation(row: Row) -> dict[str, Any]:
    return {k: row.values[k] for k in ("project_code", "org_bin", "role")} | {
        "props": row.extra | _sources(row)
    }


def _funding(row: Row) -> dict[str, Any]:
    v = row.values
    return {"funder": v["funder"], "project_code": v["project_code"],
            "mechanism": v["mechanism"], "year": v["year"],
            "props": {"amount_kzt": v["amount_kzt"]} | _sources(row)
            | _props(row, "disbursed_kzt", "committed_on", "disbursed_on")}  # fmt: skip


def _indicator(row: Row) -> dict[str, Any]:
    v = row.values
    props = _props(row, "code", "title", "unit", "baseline", "target", "actual",
                   "period_start", "period_end")  # fmt: skip
    key = indicator_key(v["project_code"], v["code"], v["period_start"], v["period_end"])
    return {"project_code": v["project_code"], "indicator": key, "props": props}


def _partnership(row: Row) -> dict[str, Any]:
    a, b = sorted((row.values["org_bin_a"], row.values["org_bin_b"]))
    return {"a": a, "b": b, "props": _props(row, "since", "basis", "until") | _sources(row)}


def _support(row: Row) -> dict[str, Any]:
    """One support per akimat, organisation, kind and since; an older file's ``form`` and
    ``since_year`` give ``kind``, ``since`` and ``note`` (:func:`support_values`)."""
    v = row.values
    derived = support_values(v)
    props = _props(row, "until", "amount_kzt", "note") | _sources(row)
    if derived["note"] is not None:
        props["note"] = derived["note"]
    props["since"] = derived["since"]
    return {"akimat_code": v["akimat_code"], "org_bin": v["org_bin"], "kind": derived["kind"],
            "since": derived["since"], "props": props}  # fmt: skip


def _person(row: Row) -> dict[str, Any]:
    v = row.values
    relation = PersonRelation(v["relation"])
    return {
        "person_id": v["person_id"],
        "display_name": v["display_name"],
        "org_bin": v["org_bin"],
        "type": "VOLUNTEERS_FOR" if relation is PersonRelation.VOLUNTEER else "MEMBER_OF",
        "props": _props(row, "since"),
    }


# -- the House of NGOs hub -----------------------------------------------------------------------

_OFFERS: LiteralString = """
UNWIND $rows AS row
OPTIONAL MATCH (old:Offer {code: row.code})
WITH row, CASE WHEN old IS NULL THEN null ELSE [old {.*},
          COLLECT { MATCH (old)-[:LOCATED_IN]->(t) RETURN t.kato },
          COLLECT { MATCH (g)-[:OFFERS]->(old) RETURN [labels(g), g {.*}] }] END AS before
MERGE (o:Offer {code: row.code})
SET o += row.props, o.status = coalesce(o.status, 'offered')
WITH o, row, before
CALL (o, row) { OPTIONAL MATCH (o)-[r:LOCATED_IN]->(t) WHERE t.kato <> row.kato DELETE r }
CALL (o, row) { MATCH (t:Territory {kato: row.kato}) MERGE (o)-[:LOCATED_IN]->(t) }
CALL (o, row) {
  OPTIONAL MATCH (g)-[r:OFFERS]->(o)
  WHERE NOT (g:Organization AND row.giver_kind = 'organization' AND g.bin = row.giver_bin)
    AND NOT (g:Business AND row.giver_kind = 'business' AND g.bin = row.giver_bin)
    AND NOT (g:Akimat AND row.giver_kind = 'akimat' AND g.code = row.giver_code)
    AND NOT g:Citizen
  DELETE r
}
CALL (o, row) {
  OPTIONAL MATCH (c:Citizen {key: row.code})
  WHERE row.citizen = 'delete' OR (row.citizen = 'keep' AND row.giver_kind <> 'citizen')
  DETACH DELETE c
}
CALL (o, row) {
  WITH * WHERE row.giver_kind = 'organization'
  MATCH (g:Organization {bin: row.giver_bin}) MERGE (g)-[:OFFERS]->(o)
}
CALL (o, row) {
  WITH * WHERE row.giver_kind = 'akimat'
  MATCH (g:Akimat {code: row.giver_code}) MERGE (g)-[:OFFERS]->(o)
}
CALL (o, row) {
  WITH * WHERE row.giver_kind = 'business'
  MERGE (g:Business {bin: row.giver_bin}) SET g.name = row.giver_name MERGE (g)-[:OFFERS]->(o)
}
CALL (o, row) {
  WITH * WHERE row.citizen = 'set'
  MERGE (c:Citizen {key: row.code}) SET c += row.person, c.consent = true
  MERGE (c)-[:OFFERS]->(o)
}
WITH o, row, before
RETURN collect(CASE WHEN before IS NULL THEN row.key END) AS created,
       collect(CASE WHEN before IS NOT NULL AND before <> [o {.*},
               COLLECT { MATCH (o)-[:LOCATED_IN]->(t) RETURN t.kato },
               COLLECT { MATCH (g)-[:OFFERS]->(o) RETURN [labels(g), g {.*}] }]
               THEN row.key END) AS changed
"""
"""A citizen's ``Citizen`` node (key: the offer's code) is written when the row names the giver
with consent, deleted when the row's giver columns are empty or another kind of giver gives, and
left as it is when the file has neither ``giver_name`` nor ``giver_contact``."""
_NEEDS: LiteralString = """
UNWIND $rows AS row
MATCH (org:Organization {bin: row.org_bin})
OPTIONAL MATCH (old:Need {code: row.code})
WITH org, row, CASE WHEN old IS NULL THEN null ELSE [old {.*},
          COLLECT { MATCH (old)-[:LOCATED_IN]->(t) RETURN t.kato },
          COLLECT { MATCH (x)-[:HAS_NEED]->(old) RETURN x.bin },
          COLLECT { MATCH (old)-[:FOR_PROJECT]->(p) RETURN p.code }] END AS before
MERGE (n:Need {code: row.code})
SET n += row.props, n.status = coalesce(n.status, 'open')
WITH n, org, row, before
CALL (n, row) { OPTIONAL MATCH (n)-[r:LOCATED_IN]->(t) WHERE t.kato <> row.kato DELETE r }
CALL (n, row) { MATCH (t:Territory {kato: row.kato}) MERGE (n)-[:LOCATED_IN]->(t) }
CALL (n, row) { OPTIONAL MATCH (x)-[r:HAS_NEED]->(n) WHERE x.bin <> row.org_bin DELETE r }
CALL (n, org) { MERGE (org)-[:HAS_NEED]->(n) }
CALL (n, row) {
  OPTIONAL MATCH (n)-[r:FOR_PROJECT]->(p)
  WHERE row.project_given AND p.code <> coalesce(row.project_code, '')
  DELETE r
}
CALL (n, row) { MATCH (p:Project {code: row.project_code}) MERGE (n)-[:FOR_PROJECT]->(p) }
WITH n, row, before
RETURN collect(CASE WHEN before IS NULL THEN row.key END) AS created,
       collect(CASE WHEN before IS NOT NULL AND before <> [n {.*},
               COLLECT { MATCH (n)-[:LOCATED_IN]->(t) RETURN t.kato },
               COLLECT { MATCH (x)-[:HAS_NEED]->(n) RETURN x.bin },
               COLLECT { MATCH (n)-[:FOR_PROJECT]->(p) RETURN p.code }]
               THEN row.key END) AS changed
"""
_HANDOVERS: LiteralString = """
UNWIND $rows AS row
MATCH (o:Offer {code: row.offer_code}), (n:Need {code: row.need_code})
WITH o, n, row, [(o)-[x:GIVEN_TO]->(n) WHERE x {.date} = {date: row.date} | x][0] AS old
WITH o, n, row, old, old {.*} AS before,
     CASE WHEN o.value_kzt IS NULL THEN null
          ELSE toInteger(round(toFloat(o.value_kzt) * row.quantity / o.quantity)) END AS share
WITH o, n, row, old, before,
     CASE WHEN row.value_given THEN coalesce(row.value_kzt, share)
          ELSE coalesce(old.value_kzt, share) END AS value
CALL (o, n, row, old, value) {
  WITH * WHERE old IS NULL
  CREATE (o)-[g:GIVEN_TO {date: row.date}]->(n)
  SET g += row.props, g.value_kzt = value
  RETURN g
  UNION
  WITH * WHERE old IS NOT NULL
  SET old += row.props, old.value_kzt = value
  RETURN old AS g
}
RETURN collect(CASE WHEN before IS NULL THEN row.key END) AS created,
       collect(CASE WHEN before IS NOT NULL AND before <> g {.*}
               THEN row.key END) AS changed
"""
"""An empty ``value_kzt`` is the offer's value per unit times the quantity (none without one)."""
_VOLUNTEERS: LiteralString = """
UNWIND $rows AS row
OPTIONAL MATCH (old:Person {id: row.id}) WHERE old:Volunteer  // through the index on Person(id)
WITH row, CASE WHEN old IS NULL THEN null ELSE [old {.*},
          COLLECT { MATCH (old)-[:LOCATED_IN]->(t) RETURN t.kato },
          COLLECT { MATCH (old)-[:VOLUNTEERS_FOR]->(o) RETURN o.bin ORDER BY o.bin }] END
     AS before
MERGE (p:Person {id: row.id})
SET p:Volunteer, p += row.props, p.consent = true
WITH p, row, before
CALL (p, row) { OPTIONAL MATCH (p)-[r:LOCATED_IN]->(t) WHERE t.kato <> row.kato DELETE r }
CALL (p, row) { MATCH (t:Territory {kato: row.kato}) MERGE (p)-[:LOCATED_IN]->(t) }
CALL (p, row) {
  OPTIONAL MATCH (p)-[r:VOLUNTEERS_FOR]->(o)
  WHERE row.org_bins IS NOT NULL AND NOT o.bin IN row.org_bins
  DELETE r
}
CALL (p, row) {
  UNWIND coalesce(row.org_bins, []) AS b
  MATCH (o:Organization {bin: b}) MERGE (p)-[:VOLUNTEERS_FOR]->(o)
}
WITH p, row, before
RETURN collect(CASE WHEN before IS NULL THEN row.key END) AS created,
       collect(CASE WHEN before IS NOT NULL AND before <> [p {.*},
               COLLECT { MATCH (p)-[:LOCATED_IN]->(t) RETURN t.kato },
               COLLECT { MATCH (p)-[:VOLUNTEERS_FOR]->(o) RETURN o.bin ORDER BY o.bin }]
               THEN row.key END) AS changed
"""
_SERVICES: LiteralString = """
UNWIND $rows AS row
MATCH (pr:Organization {bin: row.provider_bin}), (rc:Organization {bin: row.recipient_bin})
OPTIONAL MATCH (old:Service {code: row.code})
WITH pr, rc, row, CASE WHEN old IS NULL THEN null ELSE [old {.*},
          COLLECT { MATCH (x)-[:PROVIDED]->(old) RETURN x.bin },
          COLLECT { MATCH (x)-[:RECEIVED]->(old) RETURN x.bin }] END AS before
MERGE (s:Service {code: row.code})
SET s += row.props
WITH s, pr, rc, row, before
CALL (s, row) { OPTIONAL MATCH (x)-[r:PROVIDED]->(s) WHERE x.bin <> row.provider_bin DELETE r }
CALL (s, pr) { MERGE (pr)-[:PROVIDED]->(s) }
CALL (s, row) { OPTIONAL MATCH (x)-[r:RECEIVED]->(s) WHERE x.bin <> row.recipient_bin DELETE r }
CALL (s, rc) { MERGE (rc)-[:RECEIVED]->(s) }
WITH s, row, before
RETURN collect(CASE WHEN before IS NULL THEN row.key END) AS created,
       collect(CASE WHEN before IS NOT NULL AND before <> [s {.*},
               COLLECT { MATCH (x)-[:PROVIDED]->(s) RETURN x.bin },
               COLLECT { MATCH (x)-[:RECEIVED]->(s) RETURN x.bin }]
               THEN row.key END) AS changed
"""


def _without_empty_status(props: dict[str, Any]) -> dict[str, Any]:
    """An empty status keeps the stored one (a new record's: offered, open); the handovers then
    decide (:func:`_refresh_statuses`)."""
    if props.get("status") is None:
        props.pop("status", None)
    return props


def _offer(row: Row) -> dict[str, Any]:
    v = row.values
    props = _props(row, "category", "skill", "title", "quantity", "unit", "value_kzt",
                   "available_from", "available_until", "status", "giver_kind",
                   "giver_erased_at")  # fmt: skip
    columns = {"name": "giver_name", "contact": "giver_contact"}
    person = {key: v[column] for key, column in columns.items() if column in row.present}
    named = bool(person)
    citizen = "keep"
    if v["giver_kind"] != GiverKind.CITIZEN or (named and not any(person.values())):
        citizen = "delete"
    elif named:
        citizen = "set"
    return {
        "code": v["code"],
        "kato": v["kato"],
        "giver_kind": v["giver_kind"],
        "giver_bin": v["giver_bin"],
        "giver_code": v["giver_code"],
        "giver_name": v["giver_name"],
        "citizen": citizen,
        "person": person,
        "props": _without_empty_status(props),
    }


def _need(row: Row) -> dict[str, Any]:
    v = row.values
    props = _props(row, "category", "skill", "title", "quantity", "unit", "urgency",
                   "opened_on", "needed_by", "status")  # fmt: skip
    return {"code": v["code"], "org_bin": v["org_bin"], "kato": v["kato"],
            "project_code": v["project_code"], "project_given": "project_code" in row.present,
            "props": _without_empty_status(props)}  # fmt: skip


def _handover(row: Row) -> dict[str, Any]:
    v = row.values
    return {"offer_code": v["offer_code"], "need_code": v["need_code"], "date": v["date"],
            "quantity": v["quantity"], "value_kzt": v["value_kzt"],
            "value_given": "value_kzt" in row.present,
            "props": {"quantity": v["quantity"]} | row.extra}  # fmt: skip


def _volunteer(row: Row) -> dict[str, Any]:
    v = row.values
    props = _props(row, "display_name", "skills", "hours_per_month", "erased_at")
    org_bins = (v["org_bins"] or []) if "org_bins" in row.present else None
    return {"id": v["id"], "kato": v["kato"], "org_bins": org_bins, "props": props}


def _service(row: Row) -> dict[str, Any]:
    v = row.values
    props = _props(row, "kind", "topic", "date", "hours", "participants")
    return {"code": v["code"], "provider_bin": v["provider_bin"],
            "recipient_bin": v["recipient_bin"], "props": props}  # fmt: skip


_STATUS_FACTS: dict[str, LiteralString] = {
    "offer": """
        UNWIND $codes AS c MATCH (x:Offer {code: c})
        RETURN x.code AS code, x.status AS status, x.quantity AS quantity,
               reduce(s = 0, q IN [(x)-[g:GIVEN_TO]->() | g.quantity] | s + q) AS given""",
    "need": """
        UNWIND $codes AS c MATCH (x:Need {code: c})
        RETURN x.code AS code, x.status AS status, x.quantity AS quantity,
               reduce(s = 0, q IN [()-[g:GIVEN_TO]->(x) | g.quantity] | s + q) AS given""",
}
_SET_STATUS: dict[str, LiteralString] = {
    "offer": "UNWIND $rows AS row MATCH (x:Offer {code: row.code}) SET x.status = row.status",
    "need": "UNWIND $rows AS row MATCH (x:Need {code: row.code}) SET x.status = row.status",
}
_STATUS_RULES = {"offer": offer_status, "need": need_status}


def _refresh_statuses(tx: neo4j.Transaction, kind: str, codes: set[str]) -> set[str]:
    """Set each offer's or need's status from its handovers (``graph.rules.offer_status`` and
    ``need_status``); returns the codes whose status changed."""
    rule = _STATUS_RULES[kind]
    rows = []
    for rec in tx.run(_STATUS_FACTS[kind], codes=sorted(codes)):
        status = rule(rec["status"], rec["quantity"], rec["given"]).value
        if status != rec["status"]:
            rows.append({"code": rec["code"], "status": status})
    tx.run(_SET_STATUS[kind], rows=rows).consume()
    return {r["code"] for r in rows}


# -- rows nothing can match yet: plain CREATE -----------------------------------------------------
# Each statement writes what the table's MERGE statement writes for a row it does not find, so a
# first import runs as CREATE only (as the raw writer does). Which rows qualify: see _Create.

_NEW_ORGANIZATIONS: LiteralString = """
UNWIND $rows AS row
CREATE (o:Organization {bin: row.bin})
SET o.archived = false, o.synthetic = false, o += row.props, o:$(row.label)
WITH o, row
CALL (o, row) { MATCH (t:Territory {kato: row.kato}) CREATE (o)-[:LOCATED_IN]->(t) }
CALL (o, row) {
  MATCH (f:FocusArea) WHERE f.code IN coalesce(row.focus_areas, []) CREATE (o)-[:WORKS_ON]->(f)
}
"""
_NEW_PROJECTS: LiteralString = """
UNWIND $rows AS row
CREATE (p:Project {code: row.code})
SET p += row.props, p.status = coalesce(p.status, row.derived_status)
WITH p, row
CALL (p, row) { MATCH (t:Territory {kato: row.kato}) CREATE (p)-[:SERVES]->(t) }
CALL (p, row) {
  MATCH (f:FocusArea) WHERE f.code IN row.focus_areas CREATE (p)-[:ADDRESSES]->(f)
}
"""
_NEW_PARTICIPATIONS: LiteralString = """
UNWIND $rows AS row
MATCH (o:Organization {bin: row.org_bin}), (p:Project {code: row.project_code})
CREATE (o)-[r:PARTICIPATES_IN {role: row.role}]->(p)
SET r += row.props
"""
_NEW_FUNDINGS: LiteralString = """
UNWIND $rows AS row
MATCH (p:Project {code: row.project_code})
OPTIONAL MATCH (a:Akimat {code: row.funder})
OPTIONAL MATCH (o:Organization {bin: row.funder})
OPTIONAL MATCH (d:Donor {code: row.funder})
WITH p, row, coalesce(a, o, d) AS funder
CREATE (funder)-[f:FUNDS {mechanism: row.mechanism, year: row.year}]->(p)
SET f += row.props
"""
_NEW_PARTNERSHIPS: LiteralString = """
UNWIND $rows AS row
MATCH (a:Organization {bin: row.a}), (b:Organization {bin: row.b})
CREATE (a)-[r:PARTNERS_WITH]->(b)
SET r += row.props
"""
_NEW_SUPPORTS: LiteralString = """
UNWIND $rows AS row
MATCH (a:Akimat {code: row.akimat_code}), (o:Organization {bin: row.org_bin})
CREATE (a)-[r:SUPPORTS {kind: row.kind}]->(o)
SET r += row.props
"""
_NEW_PEOPLE: LiteralString = """
UNWIND $rows AS row
MATCH (o:Organization {bin: row.org_bin})
MERGE (p:Person {id: row.person_id})
SET p.display_name = row.display_name
CREATE (p)-[r:$(row.type)]->(o)
SET r += row.props
"""
_NEW_INDICATORS: LiteralString = """
UNWIND $rows AS row
MATCH (p:Project {code: row.project_code})
CREATE (p)-[:HAS_INDICATOR]->(i:Indicator {key: row.indicator})
SET i += row.props
"""
_NEW_OFFERS: LiteralString = """
UNWIND $rows AS row
CREATE (o:Offer {code: row.code})
SET o += row.props, o.status = coalesce(o.status, 'offered')
WITH o, row
CALL (o, row) { MATCH (t:Territory {kato: row.kato}) CREATE (o)-[:LOCATED_IN]->(t) }
CALL (o, row) {
  OPTIONAL MATCH (c:Citizen {key: row.code})
  WHERE row.citizen = 'delete' OR (row.citizen = 'keep' AND row.giver_kind <> 'citizen')
  DETACH DELETE c
}
CALL (o, row) {
  WITH * WHERE row.giver_kind = 'organization'
  MATCH (g:Organization {bin: row.giver_bin}) CREATE (g)-[:OFFERS]->(o)
}
CALL (o, row) {
  WITH * WHERE row.giver_kind = 'akimat'
  MATCH (g:Akimat {code: row.giver_code}) CREATE (g)-[:OFFERS]->(o)
}
CALL (o, row) {
  WITH * WHERE row.giver_kind = 'business'
  MERGE (g:Business {bin: row.giver_bin}) SET g.name = row.giver_name CREATE (g)-[:OFFERS]->(o)
}
CALL (o, row) {
  WITH * WHERE row.citizen = 'set'
  MERGE (c:Citizen {key: row.code}) SET c += row.person, c.consent = true
  CREATE (c)-[:OFFERS]->(o)
}
"""
_NEW_NEEDS: LiteralString = """
UNWIND $rows AS row
MATCH (org:Organization {bin: row.org_bin})
CREATE (org)-[:HAS_NEED]->(n:Need {code: row.code})
SET n += row.props, n.status = coalesce(n.status, 'open')
WITH n, row
CALL (n, row) { MATCH (t:Territory {kato: row.kato}) CREATE (n)-[:LOCATED_IN]->(t) }
CALL (n, row) { MATCH (p:Project {code: row.project_code}) CREATE (n)-[:FOR_PROJECT]->(p) }
"""
_NEW_HANDOVERS: LiteralString = """
UNWIND $rows AS row
MATCH (o:Offer {code: row.offer_code}), (n:Need {code: row.need_code})
WITH o, n, row,
     CASE WHEN o.value_kzt IS NULL THEN null
          ELSE toInteger(round(toFloat(o.value_kzt) * row.quantity / o.quantity)) END AS share
CREATE (o)-[g:GIVEN_TO {date: row.date}]->(n)
SET g += row.props, g.value_kzt = CASE WHEN row.value_given THEN coalesce(row.value_kzt, share)
                                       ELSE share END
"""
_NEW_VOLUNTEERS: LiteralString = """
UNWIND $rows AS row
CREATE (p:Person:Volunteer {id: row.id})
SET p += row.props, p.consent = true
WITH p, row
CALL (p, row) { MATCH (t:Territory {kato: row.kato}) CREATE (p)-[:LOCATED_IN]->(t) }
CALL (p, row) {
  MATCH (o:Organization) WHERE o.bin IN coalesce(row.org_bins, []) CREATE (p)-[:VOLUNTEERS_FOR]->(o)
}
"""
_NEW_SERVICES: LiteralString = """
UNWIND $rows AS row
MATCH (pr:Organization {bin: row.provider_bin}), (rc:Organization {bin: row.recipient_bin})
CREATE (pr)-[:PROVIDED]->(s:Service {code: row.code})<-[:RECEIVED]-(rc)
SET s += row.props
"""

_EXISTING_ORGANIZATIONS: LiteralString = (
    "UNWIND $keys AS k MATCH (n:Organization {bin: k}) RETURN collect(k) AS existing"
)
_EXISTING_PROJECTS: LiteralString = (
    "UNWIND $keys AS k MATCH (n:Project {code: k}) RETURN collect(k) AS existing"
)
_EXISTING_INDICATORS: LiteralString = (
    "UNWIND $keys AS k MATCH (n:Indicator {key: k}) RETURN collect(k) AS existing"
)
_EXISTING_OFFERS: LiteralString = (
    "UNWIND $keys AS k MATCH (n:Offer {code: k}) RETURN collect(k) AS existing"
)
_EXISTING_NEEDS: LiteralString = (
    "UNWIND $keys AS k MATCH (n:Need {code: k}) RETURN collect(k) AS existing"
)
_EXISTING_PEOPLE: LiteralString = (
    "UNWIND $keys AS k MATCH (n:Person {id: k}) RETURN collect(k) AS existing"
)
"""Any person, not only a volunteer: a person of the people table may become one (MERGE)."""
_EXISTING_SERVICES: LiteralString = (
    "UNWIND $keys AS k MATCH (n:Service {code: k}) RETURN collect(k) AS existing"
)


_WRITERS: dict[str, tuple[tuple[LiteralString, ...], Callable[[Row], dict[str, Any]]]] = {
    "territories": ((_TERRITORY_NODES, _TERRITORY_LINKS), _territory),
    "akimats": ((_AKIMATS,), _akimat),
    "organizations": ((_ORGANIZATIONS,), _organization),
    "projects": ((_PROJECTS,), _project),
    "participations": ((_PARTICIPATIONS,), _participation),
    "fundings": ((_FUNDINGS,), _funding),
    "partnerships": ((_PARTNERSHIPS,), _partnership),
    "supports": ((_SUPPORTS,), _support),
    "people": ((_PEOPLE,), _person),
    "indicators": ((_INDICATORS,), _indicator),
    "offers": ((_OFFERS,), _offer),
    "needs": ((_NEEDS,), _need),
    "handovers": ((_HANDOVERS,), _handover),
    "volunteers": ((_VOLUNTEERS,), _volunteer),
    "services": ((_SERVICES,), _service),
}
"""Each table's ``MERGE`` statements (they detect changes and may meet any graph) and its rows'
parameters."""


@dataclass(frozen=True, slots=True)
class _Create:
    """A table's plain ``CREATE`` for rows nothing in the graph can match yet: it writes what the
    ``MERGE`` statement writes for a row it does not find, with no look-up of what was there.
    A row is new when ``probe`` (parameter, query) finds no node under its key, or when it names
    a node this import created (``new_with``: parameter, table): no table written before it
    writes that relationship (tables are written in dependency order)."""

    statement: LiteralString
    probe: tuple[str, LiteralString] | None = None
    new_with: tuple[tuple[str, str], ...] = ()


_CREATES: dict[str, _Create] = {
    "organizations": _Create(_NEW_ORGANIZATIONS, ("bin", _EXISTING_ORGANIZATIONS)),
    "projects": _Create(_NEW_PROJECTS, ("code", _EXISTING_PROJECTS)),
    "participations": _Create(
        _NEW_PARTICIPATIONS, new_with=(("org_bin", "organizations"), ("project_code", "projects"))
    ),
    "fundings": _Create(
        _NEW_FUNDINGS, new_with=(("project_code", "projects"), ("funder", "organizations"))
    ),
    "partnerships": _Create(
        _NEW_PARTNERSHIPS, new_with=(("a", "organizations"), ("b", "organizations"))
    ),
    "supports": _Create(_NEW_SUPPORTS, new_with=(("org_bin", "organizations"),)),
    "people": _Create(_NEW_PEOPLE, new_with=(("org_bin", "organizations"),)),
    "indicators": _Create(_NEW_INDICATORS, ("indicator", _EXISTING_INDICATORS)),
    "offers": _Create(_NEW_OFFERS, ("code", _EXISTING_OFFERS)),
    "needs": _Create(_NEW_NEEDS, ("code", _EXISTING_NEEDS)),
    "handovers": _Create(
        _NEW_HANDOVERS, new_with=(("offer_code", "offers"), ("need_code", "needs"))
    ),
    "volunteers": _Create(_NEW_VOLUNTEERS, ("id", _EXISTING_PEOPLE)),
    "services": _Create(_NEW_SERVICES, ("code", _EXISTING_SERVICES)),
}
"""Territories and akimats have none: a few dozen rows, and a territory's parent may come later
in its file."""
_NAMED_BY_NEW = frozenset(table for c in _CREATES.values() for _, table in c.new_with)
"""Tables whose created keys are kept to the end of the import (see ``_Create.new_with``)."""


_STATUS_OF: dict[str, tuple[tuple[str, str], ...]] = {
    "offers": (("offer", "code"),),
    "needs": (("need", "code"),),
    "handovers": (("offer", "offer_code"), ("need", "need_code")),
}
"""Tables whose rows decide statuses: which kind of record, by which column."""


def _key(table: Table, row: Row) -> str:
    """The row's key as text: what the statements report as created or changed."""
    values = row.values
    if table.name == "supports":
        values = {**values, **support_values(values)}
    parts = [str(values[c]) for c in table.key]
    return "|".join(sorted(parts) if table.name == "partnerships" else parts)


def _batches(source: Source, size: int) -> Iterator[list[Row]]:
    rows = parse_rows(source)
    while batch := list(islice(rows, size)):
        yield batch


_NAMES_REFRESH: dict[str, tuple[frozenset[str], LiteralString, LiteralString]] = {
    "organizations": (
        frozenset({"name_ru", "name_kk", "aliases"}),
        "UNWIND $keys AS k MATCH (n:Organization {bin: k}) RETURN k, n.name AS name, "
        "n.name_ru AS name_ru, n.name_kk AS name_kk, n.aliases AS aliases",
        "UNWIND $rows AS row MATCH (n:Organization {bin: row.k}) SET n += row.derived",
    ),
    "territories": (
        frozenset({"name_ru", "name_kk", "aliases"}),
        "UNWIND $keys AS k MATCH (n:Territory {kato: k}) RETURN k, n.name AS name, "
        "n.name_ru AS name_ru, n.name_kk AS name_kk, n.aliases AS aliases",
        "UNWIND $rows AS row MATCH (n:Territory {kato: row.k}) SET n += row.derived",
    ),
    "projects": (
        frozenset({"title_ru", "title_kk"}),
        "UNWIND $keys AS k MATCH (n:Project {code: k}) RETURN k, n.title AS name, "
        "n.title_ru AS name_ru, n.title_kk AS name_kk, [] AS aliases",
        "UNWIND $rows AS row MATCH (n:Project {code: row.k}) SET n += row.derived",
    ),
}
"""For each table with optional name columns: those columns, how to read the stored names,
and how to write what they derive."""


def _names_of(n: dict[str, Any]) -> tuple[str, str | None, str | None, list[str] | None]:
    return n["name"], n["name_ru"], n["name_kk"], n["aliases"]


def _refresh_derived(tx: neo4j.Transaction, source: Source, keys: list[str]) -> None:
    """A file without some optional name column keeps the stored names; derive the search text
    and collation keys again from all of them."""
    optional, read, write = _NAMES_REFRESH[source.table.name]
    if optional <= set(source.header()):
        return  # the row held every name: what they derive was computed from it
    keyed = source.table.name != "territories"
    rows = [
        {"k": n["k"], "derived": _derived(*_names_of(n), keys=keyed)}
        for n in tx.run(read, keys=keys).data()
    ]
    tx.run(write, rows=rows).consume()
    rows.clear()  # see _write_all


def _split_new(
    tx: neo4j.Transaction,
    create: _Create | None,
    rows: list[dict[str, Any]],
    created: dict[str, set[str]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The rows nothing in the graph can match yet (for ``create``), and the others."""
    if create is None:
        return [], rows
    if create.probe is not None:
        column, query = create.probe
        keys = [r[column] for r in rows]
        existing = set(tx.run(query, keys=keys).single(strict=True)["existing"])
        keys.clear()  # see _write_all
        return [r for r in rows if r[column] not in existing], [
            r for r in rows if r[column] in existing
        ]
    made = [(column, created.get(table, set())) for column, table in create.new_with]
    new = [r for r in rows if any(r[column] in keys for column, keys in made)]
    return new, [r for r in rows if not any(r[column] in keys for column, keys in made)]


def _write_all(
    tx: neo4j.Transaction, sources: list[Source], batch_size: int, progress: Tick
) -> dict[str, TableResult]:
    results: dict[str, TableResult] = {}
    made: dict[str, set[str]] = {}
    """Each table's keys this import created (a relationship to one of them is new too)."""
    for source in sources:
        name = source.table.name
        statements, to_params = _WRITERS[name]
        create = _CREATES.get(name)
        result = results[source.table.name] = TableResult()
        created = made[name] = set()
        changed: set[str] = set()
        statuses: dict[str, set[str]] = {kind: set() for kind, _ in _STATUS_OF.get(name, ())}
        for statement in statements:
            for batch in _batches(source, batch_size):
                if statement is statements[0]:
                    result.rows += len(batch)
                    progress(len(batch))
                rows = [to_params(r) | {"key": _key(source.table, r)} for r in batch]
                for kind, column in _STATUS_OF.get(name, ()):
                    statuses[kind].update(r.values[column] for r in batch)
                new, old = _split_new(tx, create, rows, made)
                if create is not None and new:
                    tx.run(create.statement, rows=new).consume()
                    created.update(r["key"] for r in new)
                if old:
                    record = tx.run(statement, rows=old).single(strict=True)
                    created.update(record["created"])
                    changed.update(record["changed"])
                if old and statement is statements[0] and name in _NAMES_REFRESH:
                    # a created node holds only the row's names: derived from them already
                    _refresh_derived(tx, source, [r["key"] for r in old])
                # The driver keeps every result of a transaction, parameters included, until it
                # ends: emptying the lists we passed lets the batch go (else the whole import
                # stays in memory: +1.3 GB at 100,000 organisations).
                for passed in (rows, new, old):
                    passed.clear()
        for kind, codes in statuses.items():
            refreshed = _refresh_statuses(tx, kind, codes)
            if name != "handovers":  # a handover's consequence, not a change of its own row
                changed.update(refreshed)
        result.created = len(created)
        result.updated = len(changed - created)
        if name not in _NAMED_BY_NEW:
            del made[name]  # a relationship table's keys: 100,000s of strings no row names
    if any(r.created or r.updated for r in results.values()):
        tx.run(BUMP_GRAPH_VERSION).consume()
    return results


BATCH_SIZE = 2000
"""Rows per statement. 10,000 (the raw writer's batches) was tried once at 10k: that import ran
longer (on a heavily loaded machine) and its transaction's estimated heap reached about 1 GB."""


def write(
    db: Database,
    sources: list[Source],
    *,
    batch_size: int = BATCH_SIZE,
    progress: Tick = no_progress,
) -> dict[str, TableResult]:
    """Write validated sources in one transaction; any failure leaves the graph as it was.

    The cyclic garbage collector is paused meanwhile (as in validation: each batch is millions
    of short-lived objects without cycles, and a collection would walk them again and again).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        # An explicit transaction, not execute_write: the driver would retry a transient error
        # by writing the whole import again (minutes at 100k), and Neo4j's refusal of a
        # transaction too large for its memory is one.
        with db.session() as session, session.begin_transaction() as tx:
            results = _write_all(tx, sources, batch_size, progress)
            tx.commit()
            return results
    except neo4j.exceptions.TransientError as exc:
        if exc.code == _OUT_OF_MEMORY:
            raise ImportTooLarge(TOO_LARGE) from exc
        raise
    finally:
        if paused:
            gc.enable()


_OUT_OF_MEMORY = "Neo.TransientError.General.MemoryPoolOutOfMemoryError"


class ImportTooLarge(SeriktesError):
    """Neo4j refused the import's one transaction for lack of memory; nothing was written."""


TOO_LARGE = t(
    "Neo4j has not enough memory for this import in one transaction, so nothing was written. "
    "Give Neo4j a larger heap (SERIKTES_NEO4J_HEAP for the server Seriktes manages; one "
    "transaction may use 70% of it, dbms.memory.transaction.total.max), or import the tables "
    "in parts."
)
