"""An error report a person can use when a file has thousands of bad rows, in their language.

The terminal gets a summary (how many errors of each kind in each column) and the first few
lines; the full list goes to a workbook beside the files (:data:`ERROR_SHEET`), one error a row,
which Excel opens in any locale, Cyrillic included (a CSV would need the right separator for
each regional setting).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from graph.i18n import Text, t, tn, tp
from graph.importer.problems import Problem
from graph.importer.reader import ERROR_SHEET

__all__ = ["ERROR_SHEET", "SHOWN", "summarize", "write_error_sheet"]

SHOWN = 20
"""Error lines printed as they are; the rest are counted in the summary and in the sheet."""
KINDS = 12
"""Kinds of error (file, column, code) listed in the summary, the most frequent first."""
SHEET_TITLE = tp("ErrorSheet", "errors")
SHEET_COLUMNS: tuple[Text, ...] = (
    tp("ErrorSheet", "file"),
    tp("ErrorSheet", "line"),
    tp("ErrorSheet", "column"),
    tp("ErrorSheet", "code"),
    tp("ErrorSheet", "message"),
)
"""The sheet's header row, in the operator's language (the codes under ``code`` never change)."""


def summarize(problems: Sequence[Problem], *, shown: int = SHOWN) -> list[str]:
    """A short report in the language of the moment: counts by file, column and kind with one
    example each, then the first ``shown`` errors. Short lists are printed whole, without a
    summary."""
    if len(problems) <= shown:
        return [p.render() for p in problems]
    groups = Counter((p.file, p.column, p.code) for p in problems)
    first: dict[tuple[str, str, str], Problem] = {}
    for p in problems:
        first.setdefault((p.file, p.column, p.code), p)
    lines = [
        str(
            tn(
                "{n} error; by file and column (count, first case):",
                "{n} errors; by file and column (count, first case):",
                len(problems),
            )
        )
    ]
    for key, count in groups.most_common(KINDS):
        example = first[key]
        at = t("line {number}", number=example.line) if example.line is not None else example.file
        column = f"{key[1]}: " if key[1] else ""
        lines.append(f"  {count:>7}  {key[0]}: {column}{example.message}  ({at})")
    if len(groups) > KINDS:
        rest = sum(count for _, count in groups.most_common()[KINDS:])
        others = tn("in {n} other kind", "in {n} other kinds", len(groups) - KINDS)
        lines.append(f"  {rest:>7}  {others}")
    lines.append(str(t("the first {shown}:", shown=shown)))
    lines.extend(p.render() for p in problems[:shown])
    return lines


def write_error_sheet(path: Path, problems: Sequence[Problem]) -> None:
    """Every error, one a row: file, line, column, code, message, headers and messages in the
    language of the moment (write-only, so 50,000 rows stay in a few megabytes of memory)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(SHEET_TITLE))
    sheet.append([str(name) for name in SHEET_COLUMNS])
    for p in problems:
        sheet.append([p.file, p.line, p.column, p.code, p.message])
    partial = path.with_name(f".{path.name}.partial")
    workbook.save(partial)
    partial.replace(path)  # never a half-written list beside the files
