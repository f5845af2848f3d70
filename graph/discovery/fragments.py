"""The Cypher fragment and row conversion both tie readers share (suggestions and paths of a
centre, the region snapshot).

Fragments are literal strings joined with ``+`` so queries stay ``LiteralString``; inner
variables carry the ``z_`` prefix so they never capture a variable of the enclosing query.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, LiteralString

from graph.analytics.scope import native
from graph.discovery.snapshot import Partnership

TIES_OF_Z: LiteralString = """COLLECT {
  MATCH (z)-[z_r:PARTNERS_WITH]-(z_y:Organization)
  WHERE z_r.until IS NULL AND z_y <> z AND NOT coalesce(z_y.archived, false)
  RETURN z_y.bin AS y
  UNION
  MATCH (z)-[:PARTICIPATES_IN]->(z_p:Project)<-[:PARTICIPATES_IN]-(z_y:Organization)
  WHERE coalesce(z_p.status, '') <> 'cancelled' AND z_y <> z AND NOT coalesce(z_y.archived, false)
  RETURN z_y.bin AS y }"""
"""BINs tied to organisation ``z`` (the tie graph of :mod:`graph.discovery.snapshot`)."""


def partnership(row: Mapping[str, Any]) -> Partnership:
    """A ``{since, basis, until}`` map as a :class:`Partnership`."""
    return Partnership(native(row.get("since")), row.get("basis"), native(row.get("until")))
