"""The importer with the fix this benchmark proposes, to measure what the fix would give.

Nothing in ``graph/`` is changed: a child process swaps three statements of
:mod:`graph.importer.writer` for versions whose relationship look-up expands from the two
matched nodes, then runs :func:`graph.importer.import_directory` as usual.

Why: the importer writes everything in one transaction, so the planner's statistics are those of
the committed (empty) store for the whole import. With them it plans
``OPTIONAL MATCH (o)-[old:PARTICIPATES_IN {role: row.role}]->(p)`` and the ``MERGE`` of the
same pattern as a seek of the relationship index ``participates_role`` (and ``funds_mechanism``
/ ``funds_year`` for ``FUNDS``) followed by a filter on the two nodes: every row reads every
relationship of that role or mechanism written so far, so the import is quadratic. Here the
existing relationship is found by a pattern comprehension whose predicate no index can serve (a
map comparison), which is planned as ``Expand(Into)``, and a plain ``CREATE`` runs when nothing
was found. Measured on 5,000 uncommitted ``FUNDS`` of one funder, 200 look-ups: 1,001,200 db
hits for the ``OPTIONAL MATCH``, 1,000,800 for the ``MERGE``, 405,334 for a comprehension with
``WHERE x.mechanism = ...`` (still an index seek), 1,400 with the map comparison.
``people`` has the same problem in another form: re-reading the relationship that
``MERGE (p)-[r:$(row.type)]->(o)`` made (for ``r {.*}``) is planned as a scan of *all*
relationships; one ``MERGE`` per (static) type in a ``UNION`` avoids it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, LiteralString

from bench.instance import Connection

PARTICIPATIONS: LiteralString = """
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
FUNDINGS: LiteralString = """
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

PEOPLE: LiteralString = """
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


def fixed_importer_write(conn: Connection, directory: str) -> dict[str, Any]:
    """:func:`bench.importing.importer_write` with the two statements above swapped in."""
    from bench.importing import importer_write
    from graph.importer import writer

    writer._WRITERS["participations"] = ((PARTICIPATIONS,), writer._participation)
    writer._WRITERS["fundings"] = ((FUNDINGS,), writer._funding)
    writer._WRITERS["people"] = ((PEOPLE,), writer._person)
    return importer_write(conn, directory)


def check(directory: Path, conn: Connection) -> dict[str, Any]:
    """Import twice with the fix: the second run must create and change nothing."""
    first = fixed_importer_write(conn, str(directory))
    second = fixed_importer_write(conn, str(directory))
    return {"first": first, "second": second}
