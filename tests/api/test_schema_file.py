"""The committed SDL is the contract with frontend teams: it matches, and never breaks silently."""

from __future__ import annotations

from pathlib import Path

from graphql import build_schema, find_breaking_changes

from api.schema import create_schema

COMMITTED = Path(__file__).resolve().parents[2] / "schema.graphql"


def test_committed_schema_is_the_live_schema() -> None:
    live = create_schema().as_str() + "\n"
    assert COMMITTED.read_text() == live, "run: seriktes schema -o schema.graphql"


def test_no_breaking_change_against_the_committed_schema() -> None:
    # deliberate breaking changes are made by updating schema.graphql in the same commit
    old = build_schema(COMMITTED.read_text())
    new = create_schema()._schema
    assert find_breaking_changes(old, new) == []


def test_the_breaking_change_check_can_fail() -> None:
    old = build_schema(COMMITTED.read_text())
    trimmed = build_schema(COMMITTED.read_text().replace("  foundedYear: Int\n", "", 1))
    changes = find_breaking_changes(old, trimmed)
    assert any("foundedYear" in c.description for c in changes)
