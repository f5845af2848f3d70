"""An import larger than Neo4j lets one transaction be is refused whole, at once, with a reason.

A Neo4j of its own (port ``SERIKTES_TEST_OUTAGE_PORT`` + 1, 17696 by default) whose transactions
may hold 8 MB: the per-transaction limit is not settable at run time on Community Edition.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.db import Database, open_database
from graph.demo_load import demo_sources
from graph.importer import import_sources
from graph.importer.writer import ImportTooLarge
from graph.schema import apply_schema
from graph.server import LocalNeo4j

ROOT = Path(__file__).resolve().parents[3]
PORT = int(os.environ.get("SERIKTES_TEST_OUTAGE_PORT", "17695")) + 1


class _Small(LocalNeo4j):
    def _write_config(self) -> None:
        super()._write_config()
        with (self.instance_dir / "conf" / "neo4j.conf").open("a") as conf:
            conf.write("db.memory.transaction.max=8m\n")


@pytest.fixture(scope="module")
def small() -> Iterator[Database]:
    server = _Small(
        home=Path(os.environ.get("SERIKTES_HOME", ROOT / ".seriktes")).resolve(),
        name=f"small-transactions-{PORT}",
        port=PORT,
        heap="512m",
        pagecache="64m",
    )
    shutil.rmtree(server.instance_dir, ignore_errors=True)  # a fresh store each run
    server.start()
    db = open_database(server.uri, server.user, server.password())
    try:
        apply_schema(db)
        yield db
    finally:
        db.close()
        server.stop()


def test_refused_whole_with_what_to_do(small: Database) -> None:
    with pytest.raises(ImportTooLarge, match="SERIKTES_NEO4J_HEAP") as refused:
        import_sources(small, demo_sources(orgs=300))  # 7,600 rows: well over 8 MB
    assert "nothing was written" in str(refused.value)
    assert small.read("MATCH (o:Organization) RETURN count(o) AS n")[0]["n"] == 0
