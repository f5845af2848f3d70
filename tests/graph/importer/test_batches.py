"""An import that only adds is written in one transaction per batch; on any failure everything
it created is removed again, and the audit log says so."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from graph.audit import audit_log
from graph.db import Database
from graph.demo_load import demo_sources
from graph.i18n import Text
from graph.importer import import_sources
from graph.importer.progress import Meter, Tick
from tests.graph.sample import snapshot

ORGS = 60
BATCH = 100
"""Small batches: the demo region of 60 organisations is dozens of transactions."""


class Interrupted(Exception):
    pass


def _interrupt_after(rows: int) -> Meter:
    """A meter that fails the import once ``rows`` are being written (a crash mid-way)."""
    phases = 0

    @contextmanager
    def meter(label: Text, total: int | None) -> Iterator[Tick]:
        nonlocal phases
        phases += 1
        done = 0

        def tick(n: int) -> None:
            nonlocal done
            done += n
            if phases == 2 and done > rows:  # checking, then writing
                raise Interrupted

        yield tick

    return meter


def _actions(db: Database) -> list[tuple[str, str]]:
    return sorted((r.action, r.target) for r in audit_log(db, limit=1000))


def _undo_log(db: Database) -> int:
    return int(db.read("MATCH (u:ImportUndo) RETURN count(u) AS n")[0]["n"])


def test_written_in_batches_with_one_audit_entry(db: Database) -> None:
    result = import_sources(db, demo_sources(orgs=ORGS), batch_size=BATCH)
    assert result.ok
    assert result.tables["organizations"].created == ORGS + 3
    actions = _actions(db)
    assert [a for a, _ in actions] == ["import", "import.started"]
    assert actions[0][1] == actions[1][1]  # the same import
    assert _undo_log(db) == 0
    # again: nothing is new, so it is one transaction with change detection, and no audit entry
    again = import_sources(db, demo_sources(orgs=ORGS), batch_size=BATCH)
    assert {(r.created, r.updated) for r in again.tables.values()} == {(0, 0)}
    assert _actions(db) == actions


@pytest.mark.parametrize("rows", [120, 700, 1640])
def test_a_failure_mid_way_leaves_nothing(db: Database, rows: int) -> None:
    """Failures among the organisations, the fundings and the hub's needs: the batches
    committed before are removed again."""
    before = snapshot(db)
    sources = demo_sources(orgs=ORGS)
    with pytest.raises(Interrupted):
        import_sources(db, sources, batch_size=BATCH, meter=_interrupt_after(rows))
    assert snapshot(db) == before
    assert _undo_log(db) == 0
    actions = [a for a, _ in _actions(db)]
    assert actions.count("import.started") == actions.count("import.undone") == 1
    # and the same files import whole afterwards
    assert import_sources(db, sources, batch_size=BATCH).ok
    assert db.read("MATCH (o:Organization) RETURN count(o) AS n")[0]["n"] == ORGS + 3


def test_an_import_that_changes_a_record_is_one_transaction(db: Database) -> None:
    """A territory already there: its row may change it, so nothing is committed batch by batch;
    a failure then leaves the graph exactly as it was, without any audit entry."""
    assert import_sources(
        db, [s for s in demo_sources(orgs=ORGS) if s.table.name == "territories"]
    ).ok
    before, actions = snapshot(db), _actions(db)
    with pytest.raises(Interrupted):
        import_sources(db, demo_sources(orgs=ORGS), batch_size=BATCH, meter=_interrupt_after(1500))
    assert snapshot(db) == before
    assert _actions(db) == actions
