"""Reading a folder of CSV/XLSX files into streams of raw rows, with the line a person would see.

Files are streamed, never held whole: a ``Source`` can be iterated once per pass (validation, then
writing), each time reopening the file.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from graph.importer.problems import Problem
from graph.importer.tables import TABLES_BY_NAME, Table

_SUFFIXES = (".csv", ".xlsx")
ERROR_SHEET = "import-errors.xlsx"
"""The full error list ``seriktes import`` writes beside the files; never read as a table."""


class ImportFileError(Exception):
    """A problem with a whole file (unknown name, bad encoding, missing columns): one
    :class:`Problem` or more, each with its code."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__(*problems)
        self.problems = list(problems)

    def __str__(self) -> str:
        return "\n".join(p.render() for p in self.problems)

    @classmethod
    def of(cls, where: str, code: str, **params: object) -> ImportFileError:
        return cls(Problem.of(where, "", code, **params))


@dataclass(frozen=True, slots=True)
class RawRow:
    where: str
    """``file:line`` as an editor or Excel shows it (the header is line 1)."""
    cells: dict[str, str]


class Source(Protocol):
    @property
    def table(self) -> Table: ...

    @property
    def label(self) -> str: ...

    def header(self) -> list[str]: ...

    def rows(self) -> Iterator[RawRow]: ...


@dataclass(frozen=True, slots=True)
class CsvSource:
    table: Table
    path: Path

    @property
    def label(self) -> str:
        return self.path.name

    def _open(self) -> Iterator[tuple[int, list[str]]]:
        """(line where the record starts, cells); a quoted cell may span lines."""
        with self.path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, delimiter=self._delimiter())
            start = 1
            try:
                for row in reader:
                    yield start, row
                    start = reader.line_num + 1
            except UnicodeDecodeError:
                raise self._not_utf8() from None
            except csv.Error as exc:
                where = f"{self.label}:{start}"
                raise ImportFileError.of(where, "bad_csv", error=str(exc)) from None

    def _delimiter(self) -> str:
        """Excel writes ';' where the decimal separator is a comma (ru-RU, kk-KZ), ',' elsewhere."""
        with self.path.open(encoding="utf-8-sig", newline="") as handle:
            try:
                first = handle.readline()
            except UnicodeDecodeError:
                raise self._not_utf8() from None
        return ";" if first.count(";") > first.count(",") else ","

    def _not_utf8(self) -> ImportFileError:
        """Name the first line that is not UTF-8 (the decoder fails a whole buffer at once)."""
        line = 1
        with self.path.open("rb") as handle:
            for line, raw in enumerate(handle, start=1):  # noqa: B007
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError:
                    break
        return ImportFileError.of(f"{self.label}:{line}", "not_utf8")

    def header(self) -> list[str]:
        for _, row in self._open():
            return [self.table.header_name(cell) for cell in row]
        raise ImportFileError.of(self.label, "empty_file")

    def rows(self) -> Iterator[RawRow]:
        names: list[str] | None = None
        for line, row in self._open():
            if names is None:
                names = [self.table.header_name(cell) for cell in row]
                continue
            if not any(cell.strip() for cell in row):
                continue
            where = f"{self.label}:{line}"
            yield RawRow(where, _cells(names, row, where))


@dataclass(frozen=True, slots=True)
class XlsxSource:
    table: Table
    path: Path

    @property
    def label(self) -> str:
        return self.path.name

    def _open(self) -> Iterator[tuple[object, ...]]:
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(self.path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise ImportFileError.of(self.label, "not_xlsx", error=str(exc)) from None
        try:
            yield from workbook.worksheets[0].iter_rows(values_only=True)
        finally:
            workbook.close()

    def header(self) -> list[str]:
        for row in self._open():
            return [self.table.header_name(_xlsx_text(cell)) for cell in row]
        raise ImportFileError.of(self.label, "empty_sheet")

    def rows(self) -> Iterator[RawRow]:
        names = self.header()
        for number, row in enumerate(self._open(), start=1):
            if number == 1:
                continue
            texts = [_xlsx_text(cell) for cell in row]
            if not any(texts):
                continue
            yield RawRow(f"{self.label}:{number}", _cells(names, texts, f"{self.label}:{number}"))


@dataclass(frozen=True, slots=True)
class MemorySource:
    """Rows already in memory (the demo generator, tests) fed through the same import path."""

    table: Table
    data: list[dict[str, str]]

    @property
    def label(self) -> str:
        return self.table.name

    def header(self) -> list[str]:
        return list(self.data[0]) if self.data else list(self.table.column_names)

    def rows(self) -> Iterator[RawRow]:
        for line, cells in enumerate(self.data, start=2):
            yield RawRow(f"{self.label}:{line}", {k: v.strip() for k, v in cells.items()})


def _cells(names: list[str], values: list[str], where: str) -> dict[str, str]:
    extra = [v for v in values[len(names) :] if v.strip()]
    if extra:
        raise ImportFileError.of(where, "extra_cells", cells=len(values), columns=len(names))
    cells = {name: value.strip() for name, value in zip(names, values, strict=False) if name}
    for name in names[len(values) :]:
        cells.setdefault(name, "")
    return cells


def _xlsx_text(cell: object) -> str:
    """The text a CSV would hold for this cell: whole floats as integers, dates as ISO."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell).strip()


def discover(directory: Path) -> list[Source]:
    """The folder's tables in dependency order; unknown or doubled file names are errors."""
    if not directory.is_dir():
        raise ImportFileError.of(str(directory), "not_a_folder")
    found: dict[str, Source] = {}
    problems: list[Problem] = []
    for path in sorted(directory.iterdir()):
        skipped = path.name.startswith(("~$", ".")) or path.name.lower() == ERROR_SHEET
        if path.suffix.lower() not in _SUFFIXES or skipped:
            continue
        table = TABLES_BY_NAME.get(path.stem.lower())
        if table is None:
            tables = ", ".join(TABLES_BY_NAME)
            problems.append(Problem.of(path.name, "", "unknown_table", tables=tables))
            continue
        if table.name in found:
            other = found[table.name].label
            problems.append(Problem.of(path.name, "", "table_twice", table=table.name, other=other))
            continue
        source_type = CsvSource if path.suffix.lower() == ".csv" else XlsxSource
        found[table.name] = source_type(table, path)
    if problems:
        raise ImportFileError(*problems)
    if not found:
        raise ImportFileError.of(str(directory), "no_tables")
    return [found[name] for name in TABLES_BY_NAME if name in found]
