"""The one audited write, against the real Neo4j: audit, version, locks, counting, rollback."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from graph.audit import Change, audit_log, audited_write
from graph.db import Database, QueryStats, Transaction
from graph.errors import Conflict
from graph.schema import versions
from graph.scope import Touches

_CREATE = "CREATE (:Donor {code: $code}) RETURN $code AS code"
_COUNT = "MATCH (d:Donor {code: $code}) RETURN count(d) AS n"
ANYWHERE = Touches()
"""A donor is in no territory; the actor here is region-wide (graph.scope)."""


def _create(code: str) -> Callable[[Transaction], Change[str]]:
    def work(tx: Transaction) -> Change[str]:
        made = tx.run(_CREATE, code=code).single(strict=True)["code"]
        return Change(made, "create_donor", code, None, {"code": code})

    return work


def test_a_change_is_audited_and_bumps_the_version(db: Database) -> None:
    version = versions(db)[1] or 0
    assert audited_write(db, "tester", _create("d-1"), touches=ANYWHERE) == "d-1"
    record = audit_log(db, target="d-1")[0]
    assert (record.actor, record.action, record.before, record.after) == (
        "tester", "create_donor", None, {"code": "d-1"},
    )  # fmt: skip
    assert (versions(db)[1] or 0) == version + 1


def test_no_change_leaves_no_record(db: Database) -> None:
    def work(tx: Transaction) -> Change[int]:
        n = tx.run(_COUNT, code="none").single(strict=True)["n"]
        return Change(n, "look", "none", {"n": n}, {"n": n})

    version = versions(db)[1]
    assert audited_write(db, "tester", work, touches=ANYWHERE) == 0
    assert audit_log(db, target="none") == []
    assert versions(db)[1] == version


def test_every_query_is_counted(db: Database) -> None:
    db.write("CREATE (:Organization {bin: '940140000385'})")
    stats = QueryStats()
    audited_write(
        db.counting(stats), "tester", _create("d-2"), touches=ANYWHERE, lock=["940140000385"]
    )
    assert stats.queries == 4  # the lock, the work, the audit record, the version
    assert stats.texts[0].startswith("UNWIND $bins AS bin MATCH (o:Organization")
    assert stats.texts[2].startswith("CREATE (:AuditRecord")
    assert stats.seconds > 0


def test_a_failing_work_writes_nothing(db: Database) -> None:
    def work(tx: Transaction) -> Change[None]:
        tx.run(_CREATE, code="d-3").consume()
        raise ValueError("changed my mind")

    with pytest.raises(ValueError, match="changed my mind"):
        audited_write(db, "tester", work, touches=ANYWHERE)
    assert db.read(_COUNT, code="d-3")[0]["n"] == 0
    assert audit_log(db, target="d-3") == []


def test_a_broken_uniqueness_rule_is_a_conflict(db: Database) -> None:
    db.write("CREATE (:Organization {bin: '940140000385'})")

    def work(tx: Transaction) -> Change[None]:
        tx.run("CREATE (:Organization {bin: '940140000385'})").consume()
        return Change(None, "create_organization", "940140000385", None, {})

    with pytest.raises(Conflict, match="BIN already exists"):
        audited_write(db, "tester", work, touches=ANYWHERE)
