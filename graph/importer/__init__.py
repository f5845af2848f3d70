"""The importer coordinators use: a folder of CSV/XLSX files in, the region's graph out.

``import_directory`` validates every row first and writes only when all are clean, in one
transaction. The column contract is in :mod:`graph.importer.tables` and ``docs/import-format.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from graph.db import Database
from graph.i18n import t, tn
from graph.importer.problems import Problem
from graph.importer.progress import Meter, estimate_rows, silent
from graph.importer.reader import ImportFileError, Source, discover
from graph.importer.validate import ValidationReport, validate
from graph.importer.writer import BATCH_SIZE, TableResult, write

__all__ = ["ImportFileError", "ImportResult", "Problem", "import_directory", "import_sources"]


@dataclass(slots=True)
class ImportResult:
    errors: list[Problem] = field(default_factory=list)
    """Each reads ``file:line: column: message`` and carries a stable code (:class:`Problem`)."""
    tables: dict[str, TableResult] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """What happened, in the language of the moment: a line per table, or the error count."""
        if self.errors:
            n = len(self.errors)
            return str(tn("{n} error; nothing was written", "{n} errors; nothing was written", n))
        return "\n".join(_table_line(name, r) for name, r in self.tables.items())


def _table_line(name: str, result: TableResult) -> str:
    """One table's counts, in columns that line up (the numbers padded before translation)."""
    table, rows = name.ljust(15), str(result.rows).rjust(8)
    created, updated = str(result.created).rjust(8), str(result.updated).rjust(8)
    line = t(
        "{table} {rows} rows  {created} created  {updated} updated",
        table=table,
        rows=rows,
        created=created,
        updated=updated,
    )
    return str(line)


def import_sources(
    db: Database,
    sources: list[Source],
    *,
    batch_size: int = BATCH_SIZE,
    meter: Meter = silent,
) -> ImportResult:
    """Validate, then write when every row is clean; ``meter`` shows each phase's progress."""
    with meter(t("checking"), estimate_rows(sources)) as tick:
        report: ValidationReport = validate(sources, db, tick)
    if not report.ok:
        return ImportResult(errors=report.errors)
    with meter(t("writing"), sum(report.rows.values())) as tick:
        tables = write(db, sources, batch_size=batch_size, progress=tick)
    return ImportResult(tables=tables)


def import_directory(
    db: Database, directory: Path, *, batch_size: int = BATCH_SIZE, meter: Meter = silent
) -> ImportResult:
    """Validate then write the folder's tables; with any error, nothing is written."""
    try:
        sources = discover(directory)
    except ImportFileError as exc:
        return ImportResult(errors=exc.problems)
    return import_sources(db, sources, batch_size=batch_size, meter=meter)
