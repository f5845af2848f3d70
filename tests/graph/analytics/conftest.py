"""Fixtures: the importer's sample region loaded into the per-test Neo4j, and its BINs."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest

from graph.db import Database
from graph.importer import import_directory
from tests.graph.sample import SAMPLE, write_sample

CLUB = "940140000385"
"""Клуб добряков Павлодара: Pavlodar (urban), P-1 (2018) funded by citizens and itself."""
VETERANS = "990140004654"
"""Союз ветеранов Афганистана: Pavlodar (urban), accountable for P-2 (2021, state funded)."""
YOUTH = "180240012342"
"""Жастар Теренколь: a rural okrug of Теренкольский район, implements P-2, mentored by
the veterans (partnership since 2019-05-09), supported by the district akimat."""

Tables = dict[str, list[list[str]]]


def sample_tables() -> Tables:
    return copy.deepcopy(SAMPLE)


def load(db: Database, directory: Path, tables: Tables | None = None) -> Database:
    result = import_directory(db, write_sample(directory, tables))
    assert result.ok, result.errors
    return db


@pytest.fixture
def sample_db(db: Database, tmp_path: Path) -> Database:
    """The sample region of ``tests/graph/sample.py`` in an otherwise empty graph."""
    return load(db, tmp_path / "sample")


@pytest.fixture
def load_tables(db: Database, tmp_path: Path) -> Callable[[Tables], Database]:
    """Load a changed copy of the sample (each call writes to a new folder)."""
    calls = iter(range(1000))

    def _load(tables: Tables) -> Database:
        return load(db, tmp_path / f"tables-{next(calls)}", tables)

    return _load
