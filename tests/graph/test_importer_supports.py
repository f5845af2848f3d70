"""The supports table with support kinds: older files, the new columns, export and back."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from graph.db import Database
from graph.importer import import_directory, import_sources
from graph.importer.export import export_directory
from graph.importer.reader import MemorySource
from graph.importer.tables import SUPPORTS, support_values
from graph.schema import apply_schema
from tests.graph.sample import AKKULY_AKIMAT, AKKULY_ORG, snapshot, with_akkuly

TERENKOL_AKIMAT = "akimat-553610000"
TERENKOL_ORG = "180240012342"
_READ = """
MATCH (a:Akimat)-[r:SUPPORTS]->(o:Organization)
RETURN a.code AS akimat, o.bin AS bin, r {.*} AS props ORDER BY akimat, bin, r.kind
"""


@pytest.fixture
def region(db: Database, tmp_path: Path) -> Database:
    return with_akkuly(db, tmp_path)


def _supports(db: Database) -> list[tuple[str, str, dict[str, Any]]]:
    rows = db.read(_READ)
    return [(r["akimat"], r["bin"], _native(r["props"])) for r in rows]


def _native(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v.to_native() if hasattr(v, "to_native") else v for k, v in props.items()}


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"form": "premises", "since_year": 2020}, ("premises", dt.date(2020, 1, 1), None)),
        ({"form": "consulting"}, ("training", None, None)),
        ({"form": "Grant support"}, ("grant", None, None)),
        ({"form": "зал в доме культуры"}, ("other", None, "зал в доме культуры")),
        ({"form": "зал", "note": "своё"}, ("other", None, "своё")),
        ({"form": "Other"}, ("other", None, None)),
        ({}, ("other", None, None)),
        ({"kind": "award", "form": "premises", "since": dt.date(2024, 5, 9), "since_year": 2020},
         ("award", dt.date(2024, 5, 9), None)),
    ],
)  # fmt: skip
def test_what_an_older_row_stands_for(values: dict[str, Any], expected: tuple) -> None:
    found = support_values(values)
    assert (found["kind"], found["since"], found["note"]) == expected


def test_an_older_file_imports_with_kinds(region: Database) -> None:
    # the sample's supports file is in the older form: since_year 2020, form premises
    assert _supports(region) == [
        (TERENKOL_AKIMAT, TERENKOL_ORG, {"kind": "premises", "since": dt.date(2020, 1, 1)})
    ]


def test_several_kinds_of_one_akimat_and_their_round_trip(region: Database, tmp_path: Path) -> None:
    rows = [
        {"akimat_code": AKKULY_AKIMAT, "org_bin": AKKULY_ORG, "kind": "premises",
         "since": "2023-09-01", "until": "", "amount_kzt": "", "note": "спортзал"},
        {"akimat_code": AKKULY_AKIMAT, "org_bin": AKKULY_ORG, "kind": "grant",
         "since": "01.03.2024", "until": "2024-12-31", "amount_kzt": "1 500 000", "note": ""},
        {"akimat_code": AKKULY_AKIMAT, "org_bin": AKKULY_ORG, "kind": "grant",
         "since": "2025-03-01", "until": "", "amount_kzt": "2000000", "note": ""},
    ]  # fmt: skip
    result = import_sources(region, [MemorySource(SUPPORTS, rows)])
    assert result.ok, result.errors
    assert result.tables["supports"].created == 3
    mine = [s for s in _supports(region) if s[0] == AKKULY_AKIMAT]
    assert [p for _, _, p in mine] == [
        {"kind": "grant", "since": dt.date(2024, 3, 1), "until": dt.date(2024, 12, 31),
         "amount_kzt": 1_500_000},
        {"kind": "grant", "since": dt.date(2025, 3, 1), "amount_kzt": 2_000_000},
        {"kind": "premises", "since": dt.date(2023, 9, 1), "note": "спортзал"},
    ]  # fmt: skip

    before = snapshot(region)
    export_directory(region, tmp_path / "out")
    with (tmp_path / "out" / "supports.csv").open(encoding="utf-8-sig") as handle:
        exported = list(csv.reader(handle))
    assert exported[0] == ["akimat_code", "org_bin", "kind", "since", "until", "amount_kzt", "note",
                           "source_url", "source_title", "source_date"]  # fmt: skip
    assert len(exported) == 1 + 4
    again = import_directory(region, tmp_path / "out")
    assert again.ok, again.errors
    assert (again.tables["supports"].created, again.tables["supports"].updated) == (0, 0)
    assert snapshot(region) == before


def test_the_key_is_akimat_organisation_kind_and_since(region: Database) -> None:
    row = {"akimat_code": AKKULY_AKIMAT, "org_bin": AKKULY_ORG, "kind": "", "since": "",
           "since_year": "2021", "form": "premises"}  # fmt: skip
    same = row | {"kind": "premises", "since": "2021-01-01", "since_year": "", "form": ""}
    result = import_sources(region, [MemorySource(SUPPORTS, [row, same])])
    [problem] = result.errors
    assert problem.code == "duplicate_key" and problem.line == 3
    assert problem.column == "akimat_code, org_bin, kind, since"


def test_an_end_before_the_start_is_named(region: Database) -> None:
    row = {"akimat_code": AKKULY_AKIMAT, "org_bin": AKKULY_ORG, "kind": "transport",
           "since": "2024-05-01", "until": "2024-04-01"}  # fmt: skip
    [problem] = import_sources(region, [MemorySource(SUPPORTS, [row])]).errors
    assert (problem.code, problem.column) == ("ends_before_start", "until")


def test_supports_written_before_kinds_are_given_one(region: Database) -> None:
    region.write(
        "MATCH (a:Akimat {code: $a}), (o:Organization {bin: $o}) "
        "CREATE (a)-[:SUPPORTS {since_year: 2019, form: 'помещение и транспорт'}]->(o)",
        a=AKKULY_AKIMAT,
        o=AKKULY_ORG,
    )
    apply_schema(region)
    apply_schema(region)  # finds nothing the second time
    mine = [p for a, _, p in _supports(region) if a == AKKULY_AKIMAT]
    assert mine == [
        {"kind": "other", "since": dt.date(2019, 1, 1), "note": "помещение и транспорт"}
    ]
