from __future__ import annotations

import copy
import filecmp
from pathlib import Path

import pytest
from neo4j.exceptions import ConstraintError
from openpyxl import Workbook

from graph.collation import collation_key
from graph.db import Database
from graph.i18n import Language
from graph.importer import import_directory
from graph.importer.export import export_directory
from graph.names import fold
from graph.schema import clear_data, versions
from tests.graph.sample import SAMPLE, snapshot, write_sample


def _import(db: Database, directory: Path) -> dict[str, tuple[int, int]]:
    result = import_directory(db, directory)
    assert result.ok, result.errors
    return {name: (r.created, r.updated) for name, r in result.tables.items()}


def test_import_creates_the_graph(db: Database, tmp_path: Path) -> None:
    counts = _import(db, write_sample(tmp_path))
    assert counts["organizations"] == (3, 0)
    assert counts["territories"] == (4, 0)
    assert counts["fundings"] == (3, 0)
    org = db.read(
        """MATCH (o:Organization {bin: '940140000385'})-[:LOCATED_IN]->(t:Territory)
           RETURN o, labels(o) AS labels, t.kato AS kato,
                  COLLECT { MATCH (o)-[:WORKS_ON]->(f) RETURN f.code ORDER BY f.code } AS focus"""
    )[0]
    assert org["o"]["name"] == "Клуб добряков Павлодара"
    assert set(org["labels"]) == {"Organization", "VolunteerClub"}
    assert org["kato"] == "551010000"
    assert org["focus"] == ["housing_help", "social_support"]
    assert org["o"]["website"] == "https://example.kz"  # extra columns are kept
    assert org["o"]["staff"] == 4 and isinstance(org["o"]["staff"], int)
    parents = db.read(
        "MATCH (t:Territory {kato: '553630000'})-[:PART_OF*]->(p) RETURN collect(p.kato) AS ps"
    )[0]["ps"]
    assert parents == ["553610000", "550000000"]
    funders = db.read(
        "MATCH (f)-[r:FUNDS]->(:Project {code: 'P-1'}) RETURN labels(f)[0] AS l, r.amount_kzt AS a"
    )
    assert sorted((r["l"], r["a"]) for r in funders) == [
        ("Donor", 100_000_000),
        ("Organization", 43_000_000),
    ]


def test_second_import_changes_nothing(db: Database, tmp_path: Path) -> None:
    directory = write_sample(tmp_path)
    _import(db, directory)
    before, version = snapshot(db), versions(db)[1]
    counts = _import(db, directory)
    assert all(c == (0, 0) for c in counts.values()), counts
    assert snapshot(db) == before
    assert versions(db)[1] == version  # nothing written, no version bump


def test_changed_rows_are_reported_as_updated(db: Database, tmp_path: Path) -> None:
    _import(db, write_sample(tmp_path / "a"))
    tables = copy.deepcopy(SAMPLE)
    tables["organizations"][3][4] = "551010000"  # the youth group moves to Pavlodar
    tables["organizations"][2][1] = "Союз ветеранов Афганистана и локальных войн"
    counts = _import(db, write_sample(tmp_path / "b", tables))
    assert counts["organizations"] == (0, 2)
    assert counts["territories"] == (0, 0)
    moved = db.read(
        "MATCH (:Organization {bin: '180240012342'})-[:LOCATED_IN]->(t) RETURN collect(t.kato) AS k"
    )[0]["k"]
    assert moved == ["551010000"]


def test_semicolons_and_bom_as_excel_writes_them(db: Database, tmp_path: Path) -> None:
    directory = write_sample(tmp_path, delimiter=";")
    for path in directory.iterdir():
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert _import(db, directory)["organizations"] == (3, 0)


def test_xlsx_files(db: Database, tmp_path: Path) -> None:
    directory = write_sample(tmp_path)
    (directory / "projects.csv").unlink()
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in SAMPLE["projects"]:
        # numbers and dates as Excel holds them, not as text
        sheet.append([int(c) if c.isdigit() else c for c in row])
    book.save(directory / "projects.xlsx")
    assert _import(db, directory)["projects"] == (2, 0)
    budget = db.read("MATCH (p:Project {code: 'P-1'}) RETURN p.budget_kzt AS b")[0]["b"]
    assert budget == 143_000_000


def test_export_then_import_gives_the_same_graph(db: Database, tmp_path: Path) -> None:
    _import(db, write_sample(tmp_path / "in"))
    before = snapshot(db)
    export_directory(db, tmp_path / "out1")
    clear_data(db)
    _import(db, tmp_path / "out1")
    assert snapshot(db) == before
    export_directory(db, tmp_path / "out2")
    for name in (p.name for p in (tmp_path / "out1").iterdir()):
        assert filecmp.cmp(tmp_path / "out1" / name, tmp_path / "out2" / name, shallow=False)


def test_uniqueness_constraints_reject_duplicates(db: Database) -> None:
    db.write("CREATE (:Organization {bin: '940140000385'})")
    with pytest.raises(ConstraintError):
        db.write("CREATE (:Organization {bin: '940140000385'})")
    db.write("CREATE (:Territory {kato: '551010000'})")
    with pytest.raises(ConstraintError):
        db.write("CREATE (:Territory {kato: '551010000'})")


def _edit(table: str, row: int, column: str, value: str) -> dict[str, list[list[str]]]:
    tables = copy.deepcopy(SAMPLE)
    index = tables[table][0].index(column)
    tables[table][row][index] = value
    return tables


BAD_INPUTS = [
    (_edit("organizations", 1, "bin", "940140000386"), "organizations.csv:2: bin: ", "check digit"),
    (_edit("organizations", 2, "kind", "club"), "organizations.csv:3: kind: ", "expected one of"),
    (_edit("organizations", 1, "staff", "-3"), "organizations.csv:2: staff: ", "non-negative"),
    (_edit("organizations", 1, "staff", "2.5"), "organizations.csv:2: staff: ", "whole number"),
    (_edit("organizations", 1, "kato", "559999999"), "organizations.csv:2: kato: ", "not in"),
    (_edit("organizations", 1, "focus_areas", "knitting"), "organizations.csv:2: focus_areas", ""),
    (_edit("organizations", 3, "name", ""), "organizations.csv:4: name: ", "required"),
    (_edit("projects", 1, "start_date", "02/01/2018"), "projects.csv:2: start_date: ", "01.03"),
    (_edit("projects", 2, "end_date", "2020-01-01"), "projects.csv:3: end_date: ", "before"),
    (_edit("participations", 1, "role", "boss"), "participations.csv:2: role: ", "expected"),
    (_edit("participations", 2, "project_code", "P-9"), "participations.csv:3: project_code", ""),
    (_edit("fundings", 3, "funder", "940140000385"), "fundings.csv:4: funder: ", "akimat"),
    (_edit("fundings", 2, "funder", "990140004654"), "fundings.csv:3: funder: ", "own_income"),
    (_edit("fundings", 3, "year", "2019"), "fundings.csv:4: year: ", "outside"),
    (_edit("fundings", 1, "mechanism", "lottery"), "fundings.csv:2: mechanism: ", "expected"),
    (_edit("partnerships", 1, "org_bin_b", "990140004654"), "partnerships.csv:2: org_bin_b", ""),
    (_edit("territories", 3, "parent_kato", "553630000"), "parent_kato", "cycle"),
    (_edit("territories", 4, "kato", "551010000"), "territories.csv:5: kato: ", "duplicate"),
    (_edit("akimats", 1, "level", "kingdom"), "akimats.csv:2: level: ", "expected"),
    (_edit("people", 1, "relation", "fan"), "people.csv:2: relation: ", "expected"),
]


@pytest.mark.parametrize(("tables", "location", "message"), BAD_INPUTS)
def test_bad_input_is_named_and_nothing_is_written(
    db: Database, tmp_path: Path, tables: dict[str, list[list[str]]], location: str, message: str
) -> None:
    before = snapshot(db)
    result = import_directory(db, write_sample(tmp_path, tables))
    assert not result.ok
    matching = [e for e in result.errors if location in e and message in e]
    assert matching, result.errors
    assert snapshot(db) == before


def test_every_bad_line_is_reported_at_once(db: Database, tmp_path: Path) -> None:
    tables = _edit("organizations", 1, "bin", "123")
    tables["organizations"][2][3] = "llc"
    tables["projects"][1][6] = "a lot"
    result = import_directory(db, write_sample(tmp_path, tables))
    assert any(e.startswith("organizations.csv:2: bin:") for e in result.errors)
    assert any(e.startswith("organizations.csv:3: legal_form:") for e in result.errors)
    assert any(e.startswith("projects.csv:2: budget_kzt:") for e in result.errors)


def test_file_level_problems(db: Database, tmp_path: Path) -> None:
    directory = write_sample(tmp_path / "a")
    (directory / "organisations.csv").write_text("bin\n")
    result = import_directory(db, directory)
    assert any("organisations.csv: unknown table" in e for e in result.errors)

    directory = write_sample(tmp_path / "b")
    (directory / "organizations.csv").write_bytes(b"bin,name\n" + "Клуб".encode("cp1251"))
    result = import_directory(db, directory)
    assert any("organizations.csv:2: not UTF-8" in e for e in result.errors), result.errors

    tables = copy.deepcopy(SAMPLE)
    tables["akimats"] = [[c for c in row if c != row[2]] for row in tables["akimats"]]
    result = import_directory(db, write_sample(tmp_path / "c", tables))
    assert any("akimats.csv:1: missing required column(s): level" in e for e in result.errors)
    assert db.read("MATCH (o:Organization) RETURN count(o) AS n")[0]["n"] == 0


def test_references_may_point_into_the_database(db: Database, tmp_path: Path) -> None:
    _import(db, write_sample(tmp_path / "a"))
    later = {
        "partnerships": [
            ["org_bin_a", "org_bin_b", "since", "basis"],
            ["940140000385", "180240012342", "2024-02-01", "memorandum"],
        ],
        "fundings": [
            ["funder", "project_code", "amount_kzt", "mechanism", "year"],
            ["akimat-550000000", "P-2", "100000", "ngo_award", "2021"],
        ],
    }
    counts = _import(db, write_sample(tmp_path / "b", later))
    assert counts == {"fundings": (1, 0), "partnerships": (1, 0)}


def test_a_missing_column_leaves_what_the_graph_holds(db: Database, tmp_path: Path) -> None:
    tables = copy.deepcopy(SAMPLE)
    tables["organizations"][1][tables["organizations"][0].index("website")] = ""
    tables["organizations"][0] += ["name_kk"]
    for row in tables["organizations"][1:]:
        row.append("Жақсылар клубы" if row[0] == "940140000385" else "")
    _import(db, write_sample(tmp_path / "a", tables))
    # later a file with only bin, name, kind, legal_form, kato
    slim = {"organizations": [row[:5] for row in SAMPLE["organizations"]]}
    _import(db, write_sample(tmp_path / "b", slim))
    org = db.read(
        """MATCH (o:Organization {bin: '940140000385'})
           RETURN o.name_kk AS kk, o.search_text AS text,
                  COLLECT { MATCH (o)-[:WORKS_ON]->(f) RETURN f.code } AS focus"""
    )[0]
    assert org["kk"] == "Жақсылар клубы"
    assert fold("Zhaksylar kluby") in org["text"]  # still found from Latin
    assert sorted(org["focus"]) == ["housing_help", "social_support"]


def test_an_explicit_status_is_not_recomputed(db: Database, tmp_path: Path) -> None:
    _import(db, write_sample(tmp_path / "a"))
    db.write("MATCH (p:Project {code: 'P-1'}) SET p.status = 'cancelled'")
    _import(db, write_sample(tmp_path / "b"))
    assert db.read("MATCH (p:Project {code: 'P-1'}) RETURN p.status AS s")[0]["s"] == "cancelled"


def test_unknown_parent_territory_is_an_error(db: Database, tmp_path: Path) -> None:
    tables = _edit("territories", 4, "parent_kato", "553699999")
    result = import_directory(db, write_sample(tmp_path, tables))
    assert any(e.startswith("territories.csv:5: parent_kato:") for e in result.errors)


def test_own_income_participant_may_be_in_the_database(db: Database, tmp_path: Path) -> None:
    _import(db, write_sample(tmp_path / "a"))
    again = {name: SAMPLE[name] for name in ("projects", "fundings")}
    counts = _import(db, write_sample(tmp_path / "b", again))
    assert counts["fundings"] == (0, 0)


def test_clearing_data_never_reuses_a_graph_version(db: Database, tmp_path: Path) -> None:
    _import(db, write_sample(tmp_path))
    before = versions(db)[1]
    assert before is not None
    clear_data(db)
    after = versions(db)[1]
    assert after is not None and after > before


def test_names_in_both_languages_under_russian_and_kazakh_headers(
    db: Database, tmp_path: Path
) -> None:
    tables = copy.deepcopy(SAMPLE)
    header = tables["organizations"][0]
    header[header.index("name")] = "Наименование"
    header += ["Наименование на русском", "Атауы (қазақша)"]
    for row in tables["organizations"][1:]:
        row += ["Клуб добряков", "Мейірімділер клубы"] if row[0] == "940140000385" else ["", ""]
    projects = tables["projects"]
    projects[0] += ["Название проекта на русском", "Жоба атауы (қазақша)"]
    for row in projects[1:]:
        row += ["", "Отбасыға үй"] if row[0] == "P-1" else ["", ""]
    _import(db, write_sample(tmp_path / "a", tables))
    read = """MATCH (o:Organization {bin: '940140000385'}) MATCH (p:Project {code: 'P-1'})
              RETURN o {.name, .name_ru, .name_kk, .sort_kk, .sort_ru, .sort_en} AS o,
                     p {.title, .title_ru, .title_kk, .sort_kk} AS p"""
    org, project = db.read(read)[0].values()
    assert (org["name"], org["name_ru"], org["name_kk"]) == (
        "Клуб добряков Павлодара", "Клуб добряков", "Мейірімділер клубы",
    )  # fmt: skip
    assert org["sort_kk"] == collation_key("Мейірімділер клубы", Language.KK)
    assert org["sort_ru"] == collation_key("Клуб добряков", Language.RU)
    assert org["sort_en"] == collation_key("Клуб добряков Павлодара", Language.EN)
    assert project["title_ru"] is None and project["title_kk"] == "Отбасыға үй"
    assert project["sort_kk"] == collation_key("Отбасыға үй", Language.KK)
    # later a file renames the organisation and has no name_ru/name_kk columns: they stay, and
    # the keys follow the new registered name only where it is what a reader sees
    slim = {"organizations": [row[:5] for row in SAMPLE["organizations"]],
            "projects": SAMPLE["projects"]}  # fmt: skip
    slim["organizations"][1][1] = "Павлодарский клуб добряков"
    _import(db, write_sample(tmp_path / "b", slim))
    org, project = db.read(read)[0].values()
    assert project["title_kk"] == "Отбасыға үй"
    assert project["sort_kk"] == collation_key("Отбасыға үй", Language.KK)
    assert (org["name_ru"], org["name_kk"]) == ("Клуб добряков", "Мейірімділер клубы")
    assert org["sort_kk"] == collation_key("Мейірімділер клубы", Language.KK)
    assert org["sort_en"] == collation_key("Павлодарский клуб добряков", Language.EN)
    export_directory(db, tmp_path / "out")
    exported = (tmp_path / "out" / "organizations.csv").read_text(encoding="utf-8-sig")
    assert exported.splitlines()[0].startswith(
        "bin,name,kind,legal_form,kato,founded_year,focus_areas,staff,volunteers,name_ru,name_kk,"
    )
    assert "sort_" not in exported and ",Клуб добряков,Мейірімділер клубы," in exported
