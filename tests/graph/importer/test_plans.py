"""Every import statement finds its rows through an index: none scans a label.

The whole import is one transaction, so a statement that looks a key up without an index scans
every node of the label written so far, once per row: quadratic. At 100k organisations the
volunteers table (looked up as ``:Volunteer {id}``, which has no index) ran for over 13 minutes
on 2,000 rows at a time before it was found.
"""

from __future__ import annotations

from typing import LiteralString

import pytest

from graph.db import Database
from graph.importer import writer
from tests.graph.plans import operators

STATEMENTS: list[tuple[str, LiteralString]] = [
    *(
        (f"{table}[{i}]", statement)
        for table, (statements, _) in writer._WRITERS.items()
        for i, statement in enumerate(statements)
    ),
    *((f"{table} new", c.statement) for table, c in writer._CREATES.items()),
    *((f"{table} probe", c.probe[1]) for table, c in writer._CREATES.items() if c.probe),
]


@pytest.mark.parametrize(("name", "statement"), STATEMENTS, ids=[n for n, _ in STATEMENTS])
def test_no_statement_scans_a_label(db: Database, name: str, statement: LiteralString) -> None:
    scans = [(op, d) for op, d in operators(db, statement) if "LabelScan" in op or "AllNodes" in op]
    assert not scans, f"{name} scans: {scans}"
