"""The writer's two paths: plain ``CREATE`` for rows nothing can match yet, ``MERGE`` with change
detection for the others. Both must leave the same graph and report the same counts."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from graph.db import Database
from graph.demo_load import demo_sources
from graph.identifiers import bin_check_digit
from graph.importer import import_directory, import_sources, writer
from graph.importer.tables import HUB_TABLES
from graph.schema import clear_data
from tests.graph.sample import SAMPLE, snapshot, write_sample

Counts = dict[str, tuple[int, int, int]]


def _merge_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every row through the ``MERGE`` statements, as before the ``CREATE`` path existed."""

    def everything_old(*args: Any) -> tuple[list[Any], list[dict[str, Any]]]:
        return [], args[2]

    monkeypatch.setattr(writer, "_split_new", everything_old)


def _demo(db: Database, orgs: int, *, hub: bool = True) -> Counts:
    """The demo region; without ``hub`` (whose handovers of a larger region would give more
    than the smaller one's offers hold) its other tables only."""
    hub_tables = {t.name for t in HUB_TABLES}
    sources = [s for s in demo_sources(orgs=orgs) if hub or s.table.name not in hub_tables]
    result = import_sources(db, sources)
    assert result.ok, result.errors[:5]
    return {name: (r.rows, r.created, r.updated) for name, r in result.tables.items()}


def test_both_paths_write_the_same_demo_region(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = [_demo(db, 30), _demo(db, 50, hub=False), _demo(db, 50, hub=False)]
    graph = snapshot(db)
    assert all(rows == created for rows, created, _ in fast[0].values())  # all new
    rows, created, _ = fast[1]["organizations"]
    assert 0 < created < rows  # the first import's organisations exist
    assert 0 < fast[1]["partnerships"][1] < fast[1]["partnerships"][0]
    assert all(r[1:] == (0, 0) for r in fast[2].values()), fast[2]  # idempotent
    clear_data(db)
    _merge_only(monkeypatch)
    merged = [_demo(db, 30), _demo(db, 50, hub=False), _demo(db, 50, hub=False)]
    assert fast == merged
    assert snapshot(db) == graph


def _bin(first11: str) -> str:
    digit = bin_check_digit(first11)
    assert digit is not None
    return first11 + str(digit)


def _mixed_tables() -> tuple[dict[str, list[list[str]]], str, str]:
    """The sample again with one organisation changed (name, staff emptied), two new ones, a
    project of a new one, and partnerships old-to-new, new-to-new and old-to-old."""
    tables = copy.deepcopy(SAMPLE)
    new_a = next(_bin(f"2401400{n:04d}") for n in range(100) if bin_check_digit(f"2401400{n:04d}"))
    new_b = next(_bin(f"2402400{n:04d}") for n in range(100) if bin_check_digit(f"2402400{n:04d}"))
    orgs = tables["organizations"]
    orgs[2][1] = "Союз ветеранов Афганистана и локальных войн"
    orgs[2][7] = ""  # staff: the property goes
    orgs.append([new_a, "Новый фонд", "foundation", "public_association", "551010000", "2024",
                 "youth", "3", "", "https://new.kz"])  # fmt: skip
    orgs.append([new_b, "Новая группа", "youth_group", "public_association", "553630000",
                 "2024", "", "", "5", ""])  # fmt: skip
    tables["projects"].append(["P-3", "Новый проект", "youth", "551010000", "2024-01-01",
                               "2024-12-31", "1000000", "10", "5"])  # fmt: skip
    tables["participations"].append(["P-3", new_a, "accountable"])
    tables["participations"].append(["P-3", "940140000385", "partner"])
    tables["partnerships"] += [
        [new_a, "940140000385", "2024-02-01", "memorandum"],
        [new_b, new_a, "", ""],
        ["940140000385", "990140004654", "2020-01-01", ""],
    ]
    return tables, new_a, new_b


def _import(db: Database, directory: Path) -> Counts:
    result = import_directory(db, directory)
    assert result.ok, result.errors
    return {name: (r.rows, r.created, r.updated) for name, r in result.tables.items()}


def _mixed(db: Database, tmp_path: Path) -> Counts:
    _import(db, write_sample(tmp_path / "a"))
    tables, _, _ = _mixed_tables()
    return _import(db, write_sample(tmp_path / "b", tables))


def test_a_file_of_existing_and_new_rows(db: Database, tmp_path: Path) -> None:
    counts = _mixed(db, tmp_path)
    assert counts["organizations"] == (5, 2, 1)
    assert counts["projects"] == (3, 1, 0)
    assert counts["participations"] == (5, 2, 0)
    assert counts["partnerships"] == (4, 3, 0)
    assert counts["fundings"] == (3, 0, 0)
    _, new_a, new_b = _mixed_tables()
    veterans = db.read(
        "MATCH (o:Organization {bin: '990140004654'}) RETURN o.name AS name, o.staff AS staff"
    )[0]
    assert veterans["name"] == "Союз ветеранов Афганистана и локальных войн"
    assert veterans["staff"] is None
    new = db.read(
        """MATCH (o:Organization {bin: $bin})-[:LOCATED_IN]->(t)
           RETURN o {.*} AS o, labels(o) AS labels, t.kato AS kato,
                  COLLECT { MATCH (o)-[:WORKS_ON]->(f) RETURN f.code } AS focus,
                  COLLECT { MATCH (o)-[:PARTNERS_WITH]-(x) RETURN x.bin ORDER BY x.bin } AS ties""",
        bin=new_a,
    )[0]
    assert set(new["labels"]) == {"Organization", "Foundation"}
    assert new["kato"] == "551010000" and new["focus"] == ["youth"]
    assert new["o"]["website"] == "https://new.kz" and new["o"]["staff"] == 3
    assert new["o"]["archived"] is False and new["o"]["search_text"]
    assert new["ties"] == sorted(["940140000385", new_b])
    assert new["o"]["sort_en"] is not None
    pairs = db.read("MATCH (:Organization)-[r:PARTNERS_WITH]->(:Organization) RETURN count(r) AS n")
    assert pairs[0]["n"] == 4
    again = _import(db, write_sample(tmp_path / "c", _mixed_tables()[0]))
    assert all(c[1:] == (0, 0) for c in again.values()), again


def test_the_mixed_file_leaves_what_merge_alone_leaves(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _mixed(db, tmp_path / "fast")
    graph = snapshot(db)
    clear_data(db)
    _merge_only(monkeypatch)
    assert _mixed(db, tmp_path / "merge") == fast
    assert snapshot(db) == graph
