"""The notebooks' shared opening: connected as configured, demo data when empty, figures saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.db import Database
from graph.demo_load import organization_count
from graph.research import open_research

SETTINGS = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE")


@pytest.fixture
def configured(neo4j_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> str:
    """The environment names the test Neo4j, as ``.env`` would; returns its URI."""
    for name in SETTINGS:
        monkeypatch.setenv(name, neo4j_env[name])
    return neo4j_env["NEO4J_URI"]


def test_an_empty_graph_gets_the_demo_region(
    db: Database, configured: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    research = open_research(figures=tmp_path / "figures" / "nested")
    try:
        count = organization_count(research.db)
        assert count > 300  # the ~300 synthetic organisations and the real ones
        assert research.figures.is_dir()
        assert capsys.readouterr().out == f"{count} organisations in {configured}\n"
        again = open_research(figures=research.figures)  # a graph with data is left as it is
        assert organization_count(again.db) == count
        again.db.close()
    finally:
        research.db.close()


def test_the_parameters_override_the_settings(
    db: Database,
    configured: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")  # nothing listens there
    monkeypatch.chdir(tmp_path)
    db_, figures = open_research(configured, load_demo_if_empty=False)
    try:
        assert organization_count(db_) == 0
        assert figures == Path("figures") and (tmp_path / "figures").is_dir()
        assert capsys.readouterr().out == f"0 organisations in {configured}\n"
    finally:
        db_.close()
