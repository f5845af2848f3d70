"""A deterministic demo region: every import table as a coordinator's CSV would hold it.

The territories and akimats are the real Pavlodar region (approximate populations) and three
organisations come from the source article (Клуб добряков Павлодара, the Afghan-war veterans'
union, the House of NGOs); every other organisation, project, partnership and person is invented
and marked ``synthetic=true``. Hidden per-organisation traits (capacity and funding profile) drive
the numbers so that the article's questions have answers in the data, and partnerships come from a
believable process with noise, never from a score.

The reference data — territories with KATO codes and populations, the real organisations, name
parts, project titles and the generator's weights — is in ``graph/demo/data/`` (described in its
README), read by :mod:`graph.demo.reference`; the generator is split by what it generates:
:mod:`~graph.demo.territories`, :mod:`~graph.demo.organizations`, :mod:`~graph.demo.projects`
(with :mod:`~graph.demo.funding`), :mod:`~graph.demo.partnerships`, :mod:`~graph.demo.supports`,
:mod:`~graph.demo.people` and :mod:`~graph.demo.hub` (the House of NGOs' offers, needs, handovers,
volunteers and services).
"""

from __future__ import annotations

import random

from graph.demo.hub import hub_tables
from graph.demo.model import TODAY, Row
from graph.demo.organizations import organizations
from graph.demo.organizations import world as populated
from graph.demo.partnerships import WORLDS, partnerships
from graph.demo.people import people
from graph.demo.projects import all_projects
from graph.demo.reference import REFERENCE
from graph.demo.supports import supports
from graph.demo.territories import PLACES, akimat_rows, territory_rows
from graph.importer.tables import TABLES, Table

__all__ = ["TODAY", "WORLDS", "demo_tables"]


def _conform(table: Table, rows: list[Row]) -> list[Row]:
    """Exactly the table's columns in its order, so a column added to the contract stays empty."""
    columns = table.column_names
    if all(tuple(row) == columns for row in rows):
        return rows
    return [{name: row.get(name, "") for name in columns} for row in rows]


def demo_tables(
    *, orgs: int = 300, seed: int = 2018, world: str = "demo"
) -> dict[str, list[dict[str, str]]]:
    """Rows per import table for a demo region: ``orgs`` synthetic organisations plus the real ones.

    Keys are exactly the table names of ``graph.importer.tables.TABLES``; each row maps every
    column of its table to the cell text a coordinator's CSV would hold (``''`` when empty).
    The same ``(orgs, seed)`` always gives the same rows, so demos, notebooks and the evaluation
    of partner suggestions are reproducible; the territories are the same real region at any size.
    ``world`` (one of :data:`WORLDS`) is how partnerships form (:mod:`graph.demo.partnerships`):
    everything else is the same world for the same ``(orgs, seed)``, except tables drawn after the
    partnerships (supports, people), which follow the random numbers the process used.
    """
    rng = random.Random(seed)
    region = populated(rng, organizations(rng, orgs))
    all_projects(region)
    tables = {
        "territories": territory_rows(PLACES),
        "akimats": akimat_rows(REFERENCE.territories),
        "organizations": [org.row() for org in region.orgs],
        "projects": region.projects,
        "participations": region.participations,
        "fundings": region.fundings,
        "partnerships": partnerships(region, world),
        "supports": supports(region),
        "people": people(region),
        "indicators": region.indicators,
        **hub_tables(region, seed=seed),
    }
    return {table.name: _conform(table, tables[table.name]) for table in TABLES}
