from __future__ import annotations

import copy
import datetime as dt
import filecmp
import json
from pathlib import Path

import pytest

from graph import edits, relations, sources
from graph.db import Database
from graph.errors import InvalidInput
from graph.importer import import_directory
from graph.importer.export import export_directory
from graph.importer.tables import TABLES_BY_NAME
from graph.pagination import PageRequest
from graph.schema import clear_data
from graph.sources import Source
from tests.graph.sample import SAMPLE, snapshot, write_sample

DECREE = "https://pavlodar.gov.kz/docs/2018-12.pdf"
NEWS = "http://ngo-pavlodar.kz/news/42?lang=ru"


def _with_sources() -> dict[str, list[list[str]]]:
    """The sample with sources on a funding (two, one undated), a partnership (by Russian
    headers), a participation and a support; other rows of those tables have none."""
    tables = copy.deepcopy(SAMPLE)
    fundings = tables["fundings"]
    fundings[0] += ["source_url", "source_title", "source_date"]
    fundings[1] += [f"{DECREE} | {NEWS}", "Постановление акимата | ", "28.12.2018 |"]
    for row in fundings[2:]:
        row += ["", "", ""]
    partnerships = tables["partnerships"]
    partnerships[0] += ["Источник", "Название источника", "Дата источника"]
    partnerships[1] += [NEWS, "Меморандум", "2019-05-09"]
    participations = tables["participations"]
    participations[0] += ["source_url"]
    participations[1] += [DECREE]
    for row in participations[2:]:
        row += [""]
    supports = tables["supports"]
    supports[0] += ["Дереккөз", "Құжат күні"]
    supports[1] += [NEWS, "2020-02-01"]
    return tables


def _import(db: Database, directory: Path) -> None:
    result = import_directory(db, directory)
    assert result.ok, result.errors


def test_imported_sources_are_stored_as_parallel_lists(db: Database, tmp_path: Path) -> None:
    _import(db, write_sample(tmp_path, _with_sources()))
    funding = db.read("MATCH (:Donor {code: 'citizens'})-[r:FUNDS]->() RETURN r {.*} AS r")[0]["r"]
    assert funding["source_urls"] == [DECREE, NEWS]
    assert funding["source_titles"] == ["Постановление акимата", ""]
    assert funding["source_dates"] == ["2018-12-28", ""]
    unsourced = db.read(
        "MATCH (:Organization {bin: '940140000385'})-[r:FUNDS]->() RETURN r {.*} AS r"
    )[0]["r"]
    assert not any(name in unsourced for name in sources.PROPERTIES)

    page = relations.pages(db, relations.PROJECT_FUNDINGS, ["P-1"], PageRequest.parse(first=10))
    by_funder = {f.funder_key: f.sources for _, f in page["P-1"].items}
    assert by_funder["citizens"] == (
        Source(DECREE, "Постановление акимата", dt.date(2018, 12, 28)),
        Source(NEWS, None, None),
    )
    assert by_funder["940140000385"] == ()  # a relationship without a source says so: none
    partners = relations.pages(
        db,
        relations.ORGANIZATION_PARTNERS,
        ["990140004654"],
        PageRequest.parse(first=10),
        include_ended=False,
    )["990140004654"].items
    assert partners[0][1].sources == (Source(NEWS, "Меморандум", dt.date(2019, 5, 9)),)
    participants = relations.pages(
        db, relations.PROJECT_PARTICIPANTS, ["P-1"], PageRequest.parse(first=10)
    )["P-1"].items
    assert participants[0][1].sources == (Source(DECREE),)
    supported = relations.pages(
        db, relations.AKIMAT_SUPPORTED, ["akimat-553610000"], PageRequest.parse(first=10)
    )["akimat-553610000"].items
    assert supported[0][1].sources == (Source(NEWS, None, dt.date(2020, 2, 1)),)


def test_sources_round_trip_through_export(db: Database, tmp_path: Path) -> None:
    _import(db, write_sample(tmp_path / "in", _with_sources()))
    before = snapshot(db)
    export_directory(db, tmp_path / "out1")
    header = (tmp_path / "out1" / "fundings.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert "source_url,source_title,source_date" in header
    assert "source_urls" not in header
    clear_data(db)
    _import(db, tmp_path / "out1")
    assert snapshot(db) == before
    result = import_directory(db, tmp_path / "out1")
    assert all(r.created == r.updated == 0 for r in result.tables.values())
    export_directory(db, tmp_path / "out2")
    for name in (p.name for p in (tmp_path / "out1").iterdir()):
        assert filecmp.cmp(tmp_path / "out1" / name, tmp_path / "out2" / name, shallow=False)


def test_an_empty_source_cell_removes_the_sources(db: Database, tmp_path: Path) -> None:
    _import(db, write_sample(tmp_path / "a", _with_sources()))
    tables = _with_sources()
    tables["participations"][1][-1] = ""
    _import(db, write_sample(tmp_path / "b", tables))
    found = db.read("MATCH (:Organization {bin: '940140000385'})-[r:PARTICIPATES_IN]->() RETURN r")
    assert "source_urls" not in found[0]["r"]


def _bad(column: int, value: str) -> dict[str, list[list[str]]]:
    tables = _with_sources()
    tables["fundings"][1][column] = value
    return tables


@pytest.mark.parametrize(
    ("tables", "location", "message"),
    [
        (_bad(5, "ftp://files.kz/a.pdf"), "fundings.csv:2: source_url: ", "not a web address"),
        (_bad(5, "javascript:alert(1)"), "fundings.csv:2: source_url: ", "not a web address"),
        (_bad(5, "https://"), "fundings.csv:2: source_url: ", "not a web address"),
        (_bad(5, "https://a.kz/" + "x" * 2000), "fundings.csv:2: source_url: ", "at most 2000"),
        (_bad(5, " | ".join([DECREE] * 11)), "fundings.csv:2: source_url: ", "at most 10"),
        (_bad(7, "2018/12/28 |"), "fundings.csv:2: source_date: ", "expected a date"),
        (_bad(7, "28.12.2018"), "fundings.csv:2: source_date: ", "2 URL(s) in source_url"),
        (_bad(5, ""), "fundings.csv:2: source_title: ", "without its URL"),
    ],
)
def test_bad_sources_are_named(
    db: Database, tmp_path: Path, tables: dict[str, list[list[str]]], location: str, message: str
) -> None:
    result = import_directory(db, write_sample(tmp_path, tables))
    assert not result.ok
    assert [e for e in result.errors if e.startswith(location) and message in e], result.errors
    assert db.read("MATCH ()-[r:FUNDS]->() RETURN count(r) AS n")[0]["n"] == 0


def test_russian_and_kazakh_headers_name_the_source_columns() -> None:
    table = TABLES_BY_NAME["supports"]
    assert table.header_name("Ссылка на источник") == "source_url"
    assert table.header_name("Құжат атауы") == "source_title"
    assert table.header_name("Дата документа") == "source_date"


def test_urls_are_checked() -> None:
    assert sources.url(" https://akimat.kz/a?b=1 ") == "https://akimat.kz/a?b=1"
    for bad in ("akimat.kz", "file:///etc/passwd", "https://a kz.kz", "mailto:a@b.kz"):
        with pytest.raises(ValueError, match="web address"):
            sources.url(bad)


def _audit(db: Database, action: str) -> tuple[dict[str, object], dict[str, object]]:
    found = db.read(
        "MATCH (a:AuditRecord {action: $action}) RETURN a ORDER BY a.at DESC LIMIT 1",
        action=action,
    )[0]["a"]
    return json.loads(found.get("before") or "null"), json.loads(found["after"])


def test_edits_record_sources_and_audit_them(db: Database, tmp_path: Path) -> None:
    _import(db, write_sample(tmp_path))
    decree = Source(DECREE, "Постановление", dt.date(2021, 3, 1))
    edits.record_funding(db, funder="akimat-553610000", project_code="P-2", amount_kzt=2_600_000,
                         mechanism="state_social_order", year=2021, actor="t",
                         source_list=[decree])  # fmt: skip
    before, after = _audit(db, "record_funding")
    assert "sources" not in before
    assert after["sources"] == [{"url": DECREE, "title": "Постановление", "date": "2021-03-01"}]
    page = relations.pages(db, relations.PROJECT_FUNDINGS, ["P-2"], PageRequest.parse(first=5))
    assert page["P-2"].items[0][1].sources == (decree,)

    # None keeps the sources, [] removes them
    edits.record_funding(db, funder="akimat-553610000", project_code="P-2", amount_kzt=2_700_000,
                         mechanism="state_social_order", year=2021, actor="t")  # fmt: skip
    assert _audit(db, "record_funding")[1]["sources"] == after["sources"]
    edits.record_funding(db, funder="akimat-553610000", project_code="P-2", amount_kzt=2_700_000,
                         mechanism="state_social_order", year=2021, actor="t",
                         source_list=[])  # fmt: skip
    before, after = _audit(db, "record_funding")
    assert "sources" in before and "sources" not in after

    edits.set_participation(db, "P-1", "990140004654", "implementing", present=True, actor="t",
                            source_list=[Source(NEWS)])  # fmt: skip
    assert _audit(db, "add_participation")[1] == {
        "linked": True,
        "sources": [{"url": NEWS, "title": None, "date": None}],
    }
    state = edits.save_partnership(db, "940140000385", "180240012342", actor="t",
                                   source_list=[Source(NEWS, "Меморандум")])  # fmt: skip
    assert state.sources == (Source(NEWS, "Меморандум"),)
    assert _audit(db, "save_partnership")[1]["source_urls"] == [NEWS]


def test_edits_refuse_bad_sources_and_write_nothing(db: Database, tmp_path: Path) -> None:
    _import(db, write_sample(tmp_path))
    before = snapshot(db)
    with pytest.raises(InvalidInput) as caught:
        edits.save_partnership(db, "940140000385", "180240012342", actor="t",
                               source_list=[Source(DECREE), Source("ftp://x.kz")])  # fmt: skip
    assert caught.value.field == "sources.1.url"
    with pytest.raises(InvalidInput, match="at most 10"):
        edits.set_participation(db, "P-1", "990140004654", "implementing", present=True,
                                actor="t", source_list=[Source(NEWS)] * 11)  # fmt: skip
    assert snapshot(db) == before
