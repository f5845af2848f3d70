"""The ``indicators`` table and the payment columns of ``fundings``: checked, written, exported
and read back."""

from __future__ import annotations

import copy
import filecmp
from pathlib import Path

import pytest

from graph.db import Database
from graph.i18n import Language
from graph.importer import import_directory
from graph.importer.export import export_directory
from graph.rules import RuleError, number
from graph.schema import clear_data
from tests.graph.sample import SAMPLE, snapshot, write_sample

Tables = dict[str, list[list[str]]]

INDICATOR_HEADER = [
    "project_code", "code", "title", "unit", "baseline", "target", "actual",
    "period_start", "period_end",
]  # fmt: skip


def _tables() -> Tables:
    """The sample with two indicators of P-2 and its state social order paid in part."""
    tables = copy.deepcopy(SAMPLE)
    tables["indicators"] = [
        INDICATOR_HEADER,
        ["P-2", "reach", "Молодёжь в программе", "человек", "", "100", "40",
         "2021-03-01", "2021-11-30"],
        ["P-2", "literacy", "Знание истории", "%", "60", "80", "70,5",
         "01.03.2021", "30.11.2021"],
    ]  # fmt: skip
    fundings = tables["fundings"]
    fundings[0] += ["disbursed_kzt", "committed_on", "disbursed_on"]
    fundings[1] += ["", "", ""]
    fundings[2] += ["", "", ""]
    fundings[3] += ["1 000 000", "2021-02-15", "10.06.2021"]
    return tables


def _import(db: Database, directory: Path) -> dict[str, tuple[int, int]]:
    result = import_directory(db, directory)
    assert result.ok, result.errors
    return {name: (r.created, r.updated) for name, r in result.tables.items()}


def test_indicators_and_payments_are_written(db: Database, tmp_path: Path) -> None:
    counts = _import(db, write_sample(tmp_path, _tables()))
    assert counts["indicators"] == (2, 0)
    found = db.read(
        """MATCH (:Project {code: 'P-2'})-[:HAS_INDICATOR]->(i:Indicator)
           RETURN i {.*} AS i ORDER BY i.code"""
    )
    literacy, reach = (r["i"] for r in found)
    assert (reach["target"], reach["actual"], reach["unit"]) == (100, 40, "человек")
    assert isinstance(reach["target"], int) and "baseline" not in reach
    assert (literacy["baseline"], literacy["actual"]) == (60, 70.5)
    assert literacy["period_start"].iso_format() == "2021-03-01"
    assert literacy["key"] == "P-2|literacy|2021-03-01|2021-11-30"
    query = "MATCH (:Akimat)-[r:FUNDS]->(:Project {code: 'P-2'}) RETURN r {.*} AS r"
    funding = db.read(query)[0]["r"]
    assert (funding["amount_kzt"], funding["disbursed_kzt"]) == (2_500_000, 1_000_000)
    assert funding["disbursed_on"].iso_format() == "2021-06-10"
    again = _import(db, write_sample(tmp_path, _tables()))
    assert all(c == (0, 0) for c in again.values()), again


def test_export_then_import_gives_the_same_graph(db: Database, tmp_path: Path) -> None:
    _import(db, write_sample(tmp_path / "in", _tables()))
    before = snapshot(db)
    export_directory(db, tmp_path / "out1")
    exported = (tmp_path / "out1" / "indicators.csv").read_text(encoding="utf-8-sig")
    assert exported.splitlines()[0] == ",".join(INDICATOR_HEADER)
    assert "P-2,literacy,Знание истории,%,60,80,70.5,2021-03-01,2021-11-30" in exported
    fundings = (tmp_path / "out1" / "fundings.csv").read_text(encoding="utf-8-sig")
    assert "2500000,state_social_order,2021,1000000,2021-02-15,2021-06-10" in fundings
    clear_data(db)
    _import(db, tmp_path / "out1")
    assert snapshot(db) == before
    export_directory(db, tmp_path / "out2")
    for name in (p.name for p in (tmp_path / "out1").iterdir()):
        assert filecmp.cmp(tmp_path / "out1" / name, tmp_path / "out2" / name, shallow=False)


def test_russian_and_kazakh_headers(db: Database, tmp_path: Path) -> None:
    tables = _tables()
    tables["indicators"][0] = [
        "Код проекта", "Көрсеткіш коды", "Показатель", "Единица измерения", "Базовое значение",
        "План", "Факт", "Начало периода", "Кезеңнің соңы",
    ]  # fmt: skip
    tables["fundings"][0] = [
        "funder", "project_code", "committed_kzt", "mechanism", "year", "Перечислено",
        "Дата договора", "Аударылған күні",
    ]  # fmt: skip
    counts = _import(db, write_sample(tmp_path, tables))
    assert counts["indicators"] == (2, 0)
    paid = db.read("MATCH ()-[r:FUNDS]->() WHERE r.disbursed_kzt > 0 RETURN r.amount_kzt AS a")
    assert [r["a"] for r in paid] == [2_500_000]


def _bad(table: str, row: int, column: str, value: str) -> Tables:
    tables = _tables()
    tables[table][row][tables[table][0].index(column)] = value
    return tables


BAD_ROWS = [
    (_bad("indicators", 1, "period_end", "2021-01-01"), "indicators.csv:2: period_end: ",
     "before period_start"),
    (_bad("indicators", 2, "target", "60"), "indicators.csv:3: target: ", "baseline"),
    (_bad("indicators", 1, "actual", "сорок"), "indicators.csv:2: actual: ", "number"),
    (_bad("indicators", 1, "actual", "-4"), "indicators.csv:2: actual: ", "non-negative"),
    (_bad("indicators", 2, "project_code", "P-9"), "indicators.csv:3: project_code: ",
     "not in the files"),
    (_bad("indicators", 1, "title", ""), "indicators.csv:2: title: ", "required"),
    (_bad("indicators", 2, "code", "reach"), "indicators.csv:3: project_code, code, ",
     "duplicate"),
    (_bad("fundings", 3, "disbursed_kzt", "3000000"), "fundings.csv:4: disbursed_kzt: ",
     "more than the 2500000 tenge committed"),
    (_bad("fundings", 3, "disbursed_on", "2021-01-01"), "fundings.csv:4: disbursed_on: ",
     "before committed_on"),
    (_bad("fundings", 3, "disbursed_kzt", "1 000 000,50"), "fundings.csv:4: disbursed_kzt: ",
     "tiyn"),
]  # fmt: skip


@pytest.mark.parametrize(("tables", "location", "message"), BAD_ROWS)
def test_a_bad_line_is_named_and_nothing_is_written(
    db: Database, tmp_path: Path, tables: Tables, location: str, message: str
) -> None:
    before = snapshot(db)
    result = import_directory(db, write_sample(tmp_path, tables))
    assert not result.ok
    assert [e for e in result.errors if location in e and message in e], result.errors
    assert snapshot(db) == before


def test_the_committed_amount_under_two_names_is_refused(db: Database, tmp_path: Path) -> None:
    tables = _tables()
    tables["fundings"][0].append("committed_kzt")
    for row in tables["fundings"][1:]:
        row.append(row[2])
    result = import_directory(db, write_sample(tmp_path, tables))
    twice = "fundings.csv:1: amount_kzt: column given twice"
    assert any(e.startswith(twice) for e in result.errors), result.errors


@pytest.mark.parametrize(
    ("cell", "value"),
    [("40", 40), ("12,5", 12.5), ("12.50", 12.5), ("1 200,75", 1200.75), ("40,0", 40), (7, 7)],
)
def test_numbers_as_spreadsheets_write_them(cell: str | int, value: float) -> None:
    parsed = number(cell)
    assert parsed == value and type(parsed) is type(value)


@pytest.mark.parametrize("cell", ["-4", "сорок", "1.2.3", "", "1e3", "nan", True])
def test_what_is_not_a_number(cell: str | bool) -> None:
    with pytest.raises(RuleError) as refused:
        number(cell)
    assert refused.value.code == "not_a_number"


def test_the_new_messages_read_in_kazakh_and_russian(db: Database, tmp_path: Path) -> None:
    tables = _bad("fundings", 3, "disbursed_kzt", "3000000")
    tables["indicators"][2][tables["indicators"][0].index("target")] = "60"
    result = import_directory(db, write_sample(tmp_path, tables))
    over = next(e for e in result.errors if e.code == "disbursed_over_committed")
    same = next(e for e in result.errors if e.code == "target_equals_baseline")
    assert over.render(Language.KK).endswith("көзделген 2500000 теңгеден көп")
    assert "больше предусмотренных 2500000 тенге" in over.render(Language.RU)
    assert same.render(Language.RU) == (
        "indicators.csv:3: target: целевое значение должно отличаться от базового"
    )
