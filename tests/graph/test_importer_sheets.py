"""Spreadsheets as coordinators save them: Russian and Kazakh headers, dd.mm.yyyy dates, Excel
date cells, amounts with spaces and ``,00``; and a usable report when a file has many errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook, load_workbook

from graph.db import Database
from graph.importer import import_directory
from graph.importer.problems import Problem
from graph.importer.report import summarize, write_error_sheet
from graph.importer.tables import (
    COMMON_ALIASES,
    HEADER_ALIASES,
    ORGANIZATIONS,
    PARTNERSHIPS,
    TABLES,
    header_key,
)
from tests.graph.sample import SAMPLE, snapshot, write_sample

NBSP = "\u00a0"


def _sheet(path: Path, rows: list[list[object]]) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)


def _workbook(directory: Path, *, p1_start: str = "01.01.2018") -> Path:
    """The sample region, with organisations, projects and fundings as a coordinator's .xlsx."""
    others = {k: v for k, v in SAMPLE.items() if k not in ("organizations", "projects", "fundings")}
    write_sample(directory, others)
    header = ["БИН", "Наименование", "Вид организации", "Организационно-правовая форма", "КАТО"]
    header += ["Год основания", "Направления деятельности", "Штат", "Волонтёры", "website"]
    _sheet(directory / "organizations.xlsx", [header, *SAMPLE["organizations"][1:]])
    _sheet(
        directory / "projects.xlsx",
        [
            ["Код проекта", "Название проекта", "Направление", "КАТО", "Дата начала *"],
            ["P-1", "Дом для семьи", "housing_help", "551010000", p1_start],
            ["P-2", "Наследники победы", "patriotic_education", "553610000", dt.date(2021, 3, 1)],
        ],
    )
    # the columns the sheet above lacks, in a second look: end dates, budgets (a date cell, text)
    book = load_workbook(directory / "projects.xlsx")
    sheet = book.active
    assert sheet is not None
    for column, values in (
        ("Дата окончания", [dt.datetime(2018, 12, 31), "01.09.2022"]),
        ("Бюджет, тенге", [f"143{NBSP}000{NBSP}000", "2 500 000,00"]),
        ("Статус", ["completed", "completed"]),
    ):
        index = sheet.max_column + 1
        sheet.cell(1, index, column)
        for row, value in enumerate(values, start=2):
            sheet.cell(row, index, value)
    book.save(directory / "projects.xlsx")
    _sheet(
        directory / "fundings.xlsx",
        [
            ["Қаржыландырушы", "Жоба коды", "Сомасы, теңге", "Тетігі", "Жылы"],
            ["citizens", "P-1", "100 000 000", "in_kind", 2018],
            ["940140000385", "P-1", f"43{NBSP}000{NBSP}000,00", "own_income", "2018"],
            ["akimat-553610000", "P-2", 2_500_000, "state_social_order", 2021],
        ],
    )
    return directory


def test_a_coordinators_workbook_imports(db: Database, tmp_path: Path) -> None:
    result = import_directory(db, _workbook(tmp_path))
    assert result.ok, result.errors
    assert result.tables["projects"].created == 2
    projects = db.read(
        """MATCH (p:Project) RETURN p.code AS code, p.start_date AS start, p.end_date AS end,
           p.budget_kzt AS budget ORDER BY code"""
    )
    facts = [
        (r["code"], r["start"].to_native(), r["end"].to_native(), r["budget"]) for r in projects
    ]
    assert facts == [
        ("P-1", dt.date(2018, 1, 1), dt.date(2018, 12, 31), 143_000_000),
        ("P-2", dt.date(2021, 3, 1), dt.date(2022, 9, 1), 2_500_000),
    ]
    amounts = db.read("MATCH ()-[r:FUNDS]->() RETURN r.amount_kzt AS a ORDER BY a")
    assert [r["a"] for r in amounts] == [2_500_000, 43_000_000, 100_000_000]
    org = db.read("MATCH (o:Organization {bin: '940140000385'}) RETURN o")[0]["o"]
    assert (org["kind"], org["volunteers"], org["website"]) == (
        "volunteer_club",
        250,
        "https://example.kz",
    )


def test_one_bad_date_names_file_line_and_column(db: Database, tmp_path: Path) -> None:
    result = import_directory(db, _workbook(tmp_path, p1_start="31.02.2018"))
    before = snapshot(db)
    assert result.errors[0] == (
        "projects.xlsx:2: start_date: expected a date like 2021-03-01 or 01.03.2021 "
        "(day.month.year), got '31.02.2018'"
    )
    assert all("'P-1' is not in the files" in e for e in result.errors[1:])  # rows that need it
    problem = result.errors[0]
    assert (problem.file, problem.line, problem.column) == ("projects.xlsx", 2, "start_date")
    assert (problem.code, dict(problem.params)) == ("not_a_date", {"value": "31.02.2018"})
    assert snapshot(db) == before  # nothing written


def test_an_unknown_header_is_named(db: Database, tmp_path: Path) -> None:
    directory = write_sample(tmp_path, {"akimats": [["Код", "Наименование", "Уровень", "КАТО"]]})
    directory.joinpath("akimats.csv").write_text(
        "Код,Наименование,Уровень,Территория\nakimat-1,А,region,550000000\n", encoding="utf-8"
    )
    result = import_directory(db, directory)
    assert "akimats.csv:1: missing required column(s): kato" in result.errors
    unknown = [e for e in result.errors if e.startswith("akimats.csv:1: территория: not a column")]
    assert unknown and unknown[0].code == "unknown_column", result.errors


def test_every_alias_names_one_column() -> None:
    for table in TABLES:
        for column in table.column_names:
            assert table.header_name(column.upper()) == column
    assert ORGANIZATIONS.header_name(" вид  ОРГАНИЗАЦИИ ") == "kind"
    assert ORGANIZATIONS.header_name("Волонтёры") == "volunteers"
    assert ORGANIZATIONS.header_name("КАТО*") == "kato"
    assert ORGANIZATIONS.header_name("БСН") == "bin"
    assert PARTNERSHIPS.header_name("БИН 2") == "org_bin_b"
    assert ORGANIZATIONS.header_name("Телефон") == "телефон"  # unknown: kept, to be named
    assert header_key("Дата начала:") == "дата начала"


def _problems(count: int) -> list[Problem]:
    half = count // 2
    bins = [Problem.of(f"organizations.csv:{n}", "bin", "required_empty") for n in range(2, half)]
    staff = [
        Problem.of(f"organizations.csv:{n}", "staff", "duplicate_key", first="line 1")
        for n in range(half, count)
    ]
    return bins + staff


def test_a_long_list_is_summarised() -> None:
    problems = _problems(1000)
    lines = summarize(problems)
    assert len(lines) <= 40
    assert lines[0] == "998 errors; by file and column (count, first case):"
    assert lines[1] == "      500  organizations.csv: staff: duplicate of line 1  (line 500)"
    assert lines[2] == "      498  organizations.csv: bin: required, but empty  (line 2)"
    assert lines[-20:] == problems[:20]
    assert summarize(problems[:3]) == problems[:3]  # a short list is shown whole


def test_the_error_sheet_holds_every_error(tmp_path: Path) -> None:
    problems = _problems(100)
    write_error_sheet(tmp_path / "import-errors.xlsx", problems)
    rows = list(load_workbook(tmp_path / "import-errors.xlsx").active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0] == ("file", "line", "column", "code", "message")
    assert rows[1] == ("organizations.csv", 2, "bin", "required_empty", "required, but empty")
    assert len(rows) == len(problems) + 1


def test_the_documented_aliases_are_the_ones_read() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "import-format.md").read_text()
    for table in TABLES:
        for column in table.column_names:
            for alias in COMMON_ALIASES.get(column, ()) + HEADER_ALIASES[table.name].get(
                column, ()
            ):
                assert f"«{alias}»" in docs, (table.name, column, alias)
