"""The graph model's schema: constraints, indexes, reference data and the schema version.

Applied idempotently at every start (``IF NOT EXISTS`` and ``MERGE``); a ``Meta`` node records the
version that ran. The model itself is documented in ``docs/data-model.md``.
"""

from __future__ import annotations

from typing import LiteralString

from neo4j.exceptions import ClientError

from graph.collation import sort_keys
from graph.db import Database
from graph.focus_areas import FOCUS_AREAS
from graph.names import search_text

SCHEMA_VERSION = 4

_DROPPED: tuple[LiteralString, ...] = (
    # v2: relationship-property indexes made the planner of an import (one transaction, so
    # empty-store statistics) seek every FUNDS/PARTICIPATES_IN of a mechanism or role for each
    # row, instead of expanding from the two matched nodes: a quadratic import. Every query
    # that filters on these properties starts from a node anyway.
    "DROP INDEX funds_mechanism IF EXISTS",
    "DROP INDEX funds_year IF EXISTS",
    "DROP INDEX participates_role IF EXISTS",
)

_CONSTRAINTS: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT organization_bin IF NOT EXISTS FOR (n:Organization) REQUIRE n.bin IS UNIQUE",
    "CREATE CONSTRAINT territory_kato IF NOT EXISTS FOR (n:Territory) REQUIRE n.kato IS UNIQUE",
    "CREATE CONSTRAINT project_code IF NOT EXISTS FOR (n:Project) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT akimat_code IF NOT EXISTS FOR (n:Akimat) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT focus_area_code IF NOT EXISTS FOR (n:FocusArea) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT donor_code IF NOT EXISTS FOR (n:Donor) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT meta_key IF NOT EXISTS FOR (n:Meta) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT api_token_hash IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.hash IS UNIQUE",
    "CREATE CONSTRAINT api_token_id IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT audit_id IF NOT EXISTS FOR (n:AuditRecord) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT trusted_document IF NOT EXISTS FOR (n:TrustedDocument) "
    "REQUIRE n.hash IS UNIQUE",
    "CREATE CONSTRAINT indicator_key IF NOT EXISTS FOR (n:Indicator) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT suggestion_outcome_id IF NOT EXISTS "
    "FOR (n:SuggestionOutcome) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT registered_group_key IF NOT EXISTS "
    "FOR (n:RegisteredGroup) REQUIRE n.key IS UNIQUE",
    "CREATE CONSTRAINT offer_code IF NOT EXISTS FOR (n:Offer) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT need_code IF NOT EXISTS FOR (n:Need) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT service_code IF NOT EXISTS FOR (n:Service) REQUIRE n.code IS UNIQUE",
    "CREATE CONSTRAINT business_bin IF NOT EXISTS FOR (n:Business) REQUIRE n.bin IS UNIQUE",
    "CREATE CONSTRAINT citizen_key IF NOT EXISTS FOR (n:Citizen) REQUIRE n.key IS UNIQUE",
)

_INDEXES: tuple[LiteralString, ...] = (
    "CREATE INDEX organization_kind IF NOT EXISTS FOR (n:Organization) ON (n.kind)",
    "CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name)",
    "CREATE INDEX organization_founded IF NOT EXISTS FOR (n:Organization) ON (n.founded_year)",
    "CREATE INDEX organization_legal_form IF NOT EXISTS FOR (n:Organization) ON (n.legal_form)",
    "CREATE INDEX organization_sort_kk IF NOT EXISTS FOR (n:Organization) ON (n.sort_kk)",
    "CREATE INDEX organization_sort_ru IF NOT EXISTS FOR (n:Organization) ON (n.sort_ru)",
    "CREATE INDEX organization_sort_en IF NOT EXISTS FOR (n:Organization) ON (n.sort_en)",
    "CREATE INDEX territory_settlement IF NOT EXISTS FOR (n:Territory) ON (n.settlement)",
    "CREATE INDEX territory_type IF NOT EXISTS FOR (n:Territory) ON (n.type)",
    "CREATE INDEX project_status IF NOT EXISTS FOR (n:Project) ON (n.status)",
    "CREATE INDEX project_start IF NOT EXISTS FOR (n:Project) ON (n.start_date)",
    "CREATE INDEX project_sort_kk IF NOT EXISTS FOR (n:Project) ON (n.sort_kk)",
    "CREATE INDEX project_sort_ru IF NOT EXISTS FOR (n:Project) ON (n.sort_ru)",
    "CREATE INDEX project_sort_en IF NOT EXISTS FOR (n:Project) ON (n.sort_en)",
    "CREATE INDEX akimat_level IF NOT EXISTS FOR (n:Akimat) ON (n.level)",
    "CREATE INDEX audit_at IF NOT EXISTS FOR (n:AuditRecord) ON (n.at)",
    "CREATE INDEX suggestion_outcome_at IF NOT EXISTS FOR (n:SuggestionOutcome) ON (n.at)",
    "CREATE INDEX offer_category_status IF NOT EXISTS FOR (n:Offer) ON (n.category, n.status)",
    "CREATE INDEX need_category_status IF NOT EXISTS FOR (n:Need) ON (n.category, n.status)",
    "CREATE INDEX service_date IF NOT EXISTS FOR (n:Service) ON (n.date)",
    "CREATE FULLTEXT INDEX organization_names IF NOT EXISTS FOR (n:Organization) "
    "ON EACH [n.name, n.name_kk, n.search_text] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}",
    "CREATE FULLTEXT INDEX territory_names IF NOT EXISTS FOR (n:Territory) "
    "ON EACH [n.name, n.name_kk, n.search_text] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}",
    "CREATE FULLTEXT INDEX project_titles IF NOT EXISTS FOR (n:Project) "
    "ON EACH [n.title, n.search_text] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}",
)

_NAMES: LiteralString = """
MATCH (n) WHERE n:Organization OR n:Territory OR n:Project
RETURN elementId(n) AS id, n:Territory AS territory, coalesce(n.name, n.title, '') AS name,
       coalesce(n.name_ru, n.title_ru) AS name_ru, coalesce(n.name_kk, n.title_kk) AS name_kk,
       coalesce(n.aliases, []) AS aliases
"""
_SET_DERIVED: LiteralString = (
    "UNWIND $rows AS row MATCH (n) WHERE elementId(n) = row.id "
    "SET n.search_text = row.text, n += row.sort"
)


def _derive(db: Database) -> None:
    """Recompute what the names of an organisation, territory or project derive, for what an
    older version wrote. v3: ``search_text`` holds the folded key of :func:`graph.names.fold`
    (it held anyascii Latin), and projects have one. v4: it holds the Russian name (title) too,
    and organisations and projects have a collation key per language
    (:func:`graph.collation.sort_keys`). The names themselves stay as written: which language a
    registered name is in cannot be told reliably, so no ``name_ru``/``name_kk`` is guessed."""
    rows = [
        {
            "id": r["id"],
            "text": search_text([r["name"], r["name_ru"], r["name_kk"], *r["aliases"]]),
            "sort": {} if r["territory"] else sort_keys(r["name"], r["name_ru"], r["name_kk"]),
        }
        for r in db.read(_NAMES)
    ]
    for start in range(0, len(rows), 5000):
        db.write(_SET_DERIVED, rows=rows[start : start + 5000])


_OLDER_SUPPORTS: LiteralString = """
MATCH ()-[r:SUPPORTS]->() WHERE r.kind IS NULL
RETURN elementId(r) AS id, r.form AS form, r.since_year AS since_year, r.note AS note
"""
_SET_SUPPORT_KIND: LiteralString = """
UNWIND $rows AS row
MATCH ()-[r:SUPPORTS]->() WHERE elementId(r) = row.id
SET r.kind = row.kind, r.since = coalesce(r.since, row.since), r.note = row.note
REMOVE r.form, r.since_year
"""


def _kind_supports(db: Database) -> None:
    """Supports written before support kinds (``form``, ``since_year``) get a ``kind`` and a
    ``since`` as an older import file does. Runs at every start: it finds nothing once done, so
    it needs no schema version of its own."""
    from graph.importer.tables import support_values  # the importer imports this module

    rows = [{"id": r["id"], **support_values(r)} for r in db.read(_OLDER_SUPPORTS)]
    if rows:
        db.write(_SET_SUPPORT_KIND, rows=rows)


_REFERENCE_DATA: LiteralString = """
UNWIND $areas AS area
MERGE (f:FocusArea {code: area.code})
SET f.name = area.name_ru, f.name_kk = area.name_kk, f.name_en = area.name_en
WITH count(*) AS _
MERGE (d:Donor {code: 'citizens'})
SET d.name = 'Жители (частные лица)', d.name_kk = 'Тұрғындар (жеке тұлғалар)'
MERGE (g:Meta {key: 'graph'}) ON CREATE SET g.version = 0
MERGE (s:Meta {key: 'schema'})
SET s.version = $version, s.applied_at = datetime()
"""

_READ_VERSIONS: LiteralString = """
OPTIONAL MATCH (s:Meta {key: 'schema'})
OPTIONAL MATCH (g:Meta {key: 'graph'})
RETURN s.version AS schema, g.version AS graph
"""


def apply_schema(db: Database) -> None:
    """Create constraints, indexes and reference data, and migrate the data an older schema
    version wrote; safe to run any number of times."""
    applied = versions(db)[0]
    for statement in (*_DROPPED, *_CONSTRAINTS, *_INDEXES):
        _create(db, statement)
    db.write(
        _REFERENCE_DATA,
        areas=[
            {"code": f.code, "name_ru": f.name_ru, "name_kk": f.name_kk, "name_en": f.name_en}
            for f in FOCUS_AREAS
        ],
        version=SCHEMA_VERSION,
    )
    if applied is not None and applied < 4:
        _derive(db)
    _kind_supports(db)
    db.write("CALL db.awaitIndexes(300)")


_CREATED_MEANWHILE = frozenset(
    {
        "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
        "Neo.ClientError.Schema.IndexAlreadyExists",
        "Neo.ClientError.Schema.ConstraintAlreadyExists",
    }
)


def _create(db: Database, statement: LiteralString) -> None:
    """One ``IF NOT EXISTS`` statement. Two processes starting together (the API's workers)
    may both find a rule missing; the one that loses the race is told it exists, which is what
    it wanted."""
    try:
        db.write(statement)
    except ClientError as exc:
        if exc.code not in _CREATED_MEANWHILE:
            raise


def versions(db: Database) -> tuple[int | None, int | None]:
    """(schema version, graph version); the graph version is bumped by every write."""
    record = db.read(_READ_VERSIONS)[0]
    return record["schema"], record["graph"]


BUMP_GRAPH_VERSION: LiteralString = (
    "MERGE (g:Meta {key: 'graph'}) SET g.version = coalesce(g.version, 0) + 1 RETURN g.version"
)
"""Run inside every write transaction so caches keyed by the version see the change."""


def clear_data(db: Database) -> None:
    """Delete all data (tests, ``load-demo --replace``); tokens, trusted documents and the
    version counters stay."""
    with db.session() as session:  # IN TRANSACTIONS needs an auto-commit transaction
        session.run(
            "MATCH (n) WHERE NOT (n:ApiToken OR n:TrustedDocument OR n:Meta) "
            "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()
    apply_schema(db)
    db.write(BUMP_GRAPH_VERSION)  # caches keyed by the version must not see an old number again
