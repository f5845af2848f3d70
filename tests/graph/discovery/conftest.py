"""The demo region, loaded once for the discovery tests (read-mostly; writers clean up)."""

from __future__ import annotations

import pytest

from graph.db import Database
from graph.demo_load import load_demo

VETERANS = "920340008106"
"""The Afghan-war veterans' union of the article (Pavlodar)."""
CLUB = "160540012311"
"""Клуб добряков Павлодара."""
HOUSE = "181140002007"
"""The House of NGOs."""
TERENKOL = "553610000"
"""Теренкольский район (rural)."""


@pytest.fixture(scope="package")
def demo(session_db: Database) -> Database:
    """The seed-2018 demo region; tests that write undo what they wrote."""
    result = load_demo(session_db, replace=True)
    assert result.ok, result.errors[:10]
    return session_db
