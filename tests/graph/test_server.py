"""The managed Neo4j: idempotent start, clear errors, and an offline backup that restores."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.db import Database, open_database
from graph.i18n import Language, use_language
from graph.importer import import_directory
from graph.schema import apply_schema, clear_data
from graph.server import LocalNeo4j, ServerError
from tests.graph.sample import snapshot, write_sample


def test_starting_twice_is_harmless(test_server: LocalNeo4j, session_db: Database) -> None:
    session_db.write("MERGE (:Meta {key: 'start-twice'})")
    again = test_server.start()
    assert again.already_running
    assert test_server.status().running
    assert session_db.read("MATCH (m:Meta {key: 'start-twice'}) RETURN count(m) AS n")[0]["n"] == 1
    session_db.write("MATCH (m:Meta {key: 'start-twice'}) DELETE m")


def test_a_taken_port_is_named(test_server: LocalNeo4j, tmp_path: Path) -> None:
    other = LocalNeo4j(
        home=test_server.home, name=f"port-clash-{test_server.port}", port=test_server.port
    )
    with pytest.raises(ServerError, match=f"port {test_server.port} is taken"):
        other.start()
    with use_language(Language.RU):  # the operator's language, when the message is shown
        with pytest.raises(ServerError) as error:
            other.start()
        assert str(error.value).startswith(f"порт {test_server.port} занят другим процессом")


@pytest.fixture
def spare(test_server: LocalNeo4j) -> Iterator[LocalNeo4j]:
    server = dataclasses.replace(
        test_server, name=f"backup-test-{test_server.port}", port=test_server.port + 10
    )
    server.start()
    yield server
    server.stop()


def _open(server: LocalNeo4j) -> Database:
    return open_database(server.uri, server.user, server.password())


def test_dump_and_load_restore_the_graph(spare: LocalNeo4j, tmp_path: Path) -> None:
    db = _open(spare)
    apply_schema(db)
    clear_data(db)
    assert import_directory(db, write_sample(tmp_path / "sample")).ok
    before = snapshot(db)
    db.close()

    with pytest.raises(ServerError, match="only while stopped"):
        spare.dump(tmp_path / "backup")
    spare.stop()
    dump = spare.dump(tmp_path / "backup")
    assert dump.stat().st_size > 0

    spare.start()
    db = _open(spare)
    clear_data(db)
    assert snapshot(db) != before
    db.close()
    spare.stop()
    spare.load(tmp_path / "backup")
    spare.start()
    db = _open(spare)
    assert snapshot(db) == before
    db.close()
