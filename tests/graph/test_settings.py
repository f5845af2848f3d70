"""Settings from the environment over ``.env``, with the standard library only."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.i18n import Language, use_language
from graph.settings import Secret, load_settings


def test_the_environment_wins_over_the_file(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# a comment\n"
        "NEO4J_URI=bolt://file:7687\n"
        "NEO4J_USER = 'reader'\n"
        'NEO4J_PASSWORD="s3cret=yes"\n'
        "SERIKTES_PORT=9000\n"
        "not a setting\n",
        encoding="utf-8",
    )
    settings = load_settings(env_file, environ={"NEO4J_URI": "bolt://env:7687"})
    assert settings.neo4j_uri == "bolt://env:7687"
    assert settings.neo4j_user == "reader"
    assert str(settings.neo4j_password) == "s3cret=yes"
    assert "s3cret" not in repr(settings)
    assert (settings.port, settings.managed_port, settings.workers) == (9000, 17687, 1)


def test_defaults_without_a_file(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "missing.env", environ={"NEO4J_URI": ""})
    assert settings.neo4j_uri is None
    assert settings.neo4j_password is None
    assert (settings.neo4j_user, settings.neo4j_database) == ("neo4j", "neo4j")
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)


def test_a_wrong_number_names_its_variable(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="SERIKTES_PORT is 'eighty'"):
        load_settings(tmp_path / "none", environ={"SERIKTES_PORT": "eighty"})
    with use_language(Language.KK), pytest.raises(ValueError) as error:
        load_settings(tmp_path / "none", environ={"SERIKTES_PORT": "eighty"})
    assert str(error.value) == "SERIKTES_PORT = «eighty»: бүтін сан емес"


def test_a_secret_hides_its_value() -> None:
    assert repr(Secret("x")) == "Secret('**********')"
    assert not Secret("")
