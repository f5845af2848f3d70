"""Loading the demo region: the generator's rows through the importer's validation and writes."""

from __future__ import annotations

from typing import LiteralString

from graph.db import Database
from graph.demo import demo_tables
from graph.importer import ImportResult, import_sources
from graph.importer.progress import Meter, silent
from graph.importer.reader import MemorySource, Source
from graph.importer.tables import TABLES
from graph.schema import apply_schema, clear_data

_COUNT_ORGANIZATIONS: LiteralString = "MATCH (o:Organization) RETURN count(o) AS n"


def organization_count(db: Database) -> int:
    return int(db.read(_COUNT_ORGANIZATIONS)[0]["n"])


def demo_sources(*, orgs: int = 300, seed: int = 2018, world: str = "demo") -> list[Source]:
    tables = demo_tables(orgs=orgs, seed=seed, world=world)
    return [MemorySource(t, tables[t.name]) for t in TABLES]


def load_demo(
    db: Database,
    *,
    orgs: int = 300,
    seed: int = 2018,
    world: str = "demo",
    replace: bool = False,
    meter: Meter = silent,
) -> ImportResult:
    """Write the deterministic demo region (``world``: how its partnerships form, see
    :func:`graph.demo.demo_tables`); with ``replace`` the graph is emptied first. ``meter``
    shows the import's progress."""
    if replace:
        clear_data(db)
    else:
        apply_schema(db)
    return import_sources(db, demo_sources(orgs=orgs, seed=seed, world=world), meter=meter)
