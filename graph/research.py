"""The opening every research notebook shares: connect as the CLI does, and have data to study.

A notebook's first code cell after its ``parameters`` cell is one line::

    db, FIGURES_DIR = open_research(NEO4J_URI, load_demo_if_empty=..., figures=FIGURES)

with its parameters as arguments, so the five notebooks (and a researcher's own) cannot drift
apart in how they find the server.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import NamedTuple

from graph.db import Database, connect
from graph.demo_load import load_demo, organization_count
from graph.errors import SeriktesError
from graph.i18n import t
from graph.settings import load_settings


class Research(NamedTuple):
    """What a notebook works with; a tuple so the opening line can unpack it."""

    db: Database
    figures: Path
    """Existing folder for the PNG copies of the figures."""


def open_research(
    neo4j_uri: str | None = None,
    *,
    load_demo_if_empty: bool = True,
    figures: str | Path = "figures",
) -> Research:
    """Connect like ``seriktes`` does, load the demo region into an empty graph, ready ``figures``.

    Settings come from the environment and the project's ``.env`` (``load_settings``); without
    ``NEO4J_URI`` the managed local Neo4j is started on demand. ``neo4j_uri`` (a notebook's
    parameter) overrides the configured server, keeping the configured credentials. The demo region
    is deterministic, so a notebook run on a fresh machine shows the figures its text describes.
    ``figures`` is relative to the working folder (the kernel's: ``notebooks/``) and is created.
    Prints one line saying how many organisations the notebook sees and where.
    """
    settings = load_settings()
    if neo4j_uri:
        settings = dataclasses.replace(settings, neo4j_uri=neo4j_uri)
    db = connect(settings)
    if load_demo_if_empty and organization_count(db) == 0:
        result = load_demo(db)
        if not result.ok:
            db.close()
            raise SeriktesError(
                t("the demo region did not load:\n{errors}", errors="\n".join(result.errors[:10]))
            )
    folder = Path(figures)
    folder.mkdir(parents=True, exist_ok=True)
    where = settings.neo4j_uri or f"the managed Neo4j ({settings.home})"
    print(f"{organization_count(db)} organisations in {where}")
    return Research(db, folder)
