"""The importer coordinators use: a folder of CSV/XLSX files in, the region's graph out.

``import_directory`` validates every row first and writes only when all are clean, in one
transaction. The column contract is in :mod:`graph.importer.tables` and ``docs/import-format.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from graph.db import Database
from graph.importer.problems import Problem
from graph.importer.reader import ImportFileError, Source, discover
from graph.importer.validate import ValidationReport, validate
from graph.importer.writer import TableResult, write

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
        if self.errors:
            return f"{len(self.errors)} error(s); nothing was written"
        lines = [
            f"{name:<15} {r.rows:>8} rows  {r.created:>8} created  {r.updated:>8} updated"
            for name, r in self.tables.items()
        ]
        return "\n".join(lines)


def import_sources(db: Database, sources: list[Source], *, batch_size: int = 2000) -> ImportResult:
    report: ValidationReport = validate(sources, db)
    if not report.ok:
        return ImportResult(errors=report.errors)
    return ImportResult(tables=write(db, sources, batch_size=batch_size))


def import_directory(db: Database, directory: Path, *, batch_size: int = 2000) -> ImportResult:
    """Validate then write the folder's tables; with any error, nothing is written."""
    try:
        sources = discover(directory)
    except ImportFileError as exc:
        return ImportResult(errors=[Problem.from_text(t) for t in str(exc).splitlines()])
    return import_sources(db, sources, batch_size=batch_size)
