"""One search over organisations, territories and projects, from any alphabet.

Each label has its own full-text index (``organization_names``, ``territory_names``,
``project_titles``, on the names and their folded keys, see :mod:`graph.names`). Lucene scores of
different indexes are not comparable, so the hits are ranked here: an exact name (in any
alphabet) first, then by how close the best name is to what was typed (for a territory, its name
without the type word counts too: "Şarbaqty" is «Шарбақты ауданы»), then — on a tie — the larger
territory first (a district before the village of the same name), then by Lucene's score.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, LiteralString, TypeAlias

from graph import organizations, projects, territories
from graph.db import Database
from graph.names import is_exact, lucene_query, matched_name, place_similarity, similarity
from graph.organizations import Organization
from graph.projects import Project
from graph.territories import Territory

Node: TypeAlias = Organization | Territory | Project


@dataclass(frozen=True, slots=True)
class Found:
    node: Node
    score: float
    """Lucene's score within the node's own index."""
    matched_name: str
    exact: bool
    closeness: float
    """How close :attr:`matched_name` is to the query, in [0, 100]."""


_ORGANIZATIONS: LiteralString = (
    "CALL db.index.fulltext.queryNodes('organization_names', $query, {limit: $limit}) "
    "YIELD node AS o, score WHERE NOT coalesce(o.archived, false) "
    "RETURN " + organizations.PROJECTION + " AS node, score"
)
_TERRITORIES: LiteralString = (
    "CALL db.index.fulltext.queryNodes('territory_names', $query, {limit: $limit}) "
    "YIELD node AS t, score RETURN " + territories.PROJECTION + " AS node, score"
)
_PROJECTS: LiteralString = (
    "CALL db.index.fulltext.queryNodes('project_titles', $query, {limit: $limit}) "
    "YIELD node AS p, score RETURN " + projects.PROJECTION + " AS node, score"
)


_LEVELS = ("region", "city", "district", "rural_okrug", "settlement")


def _names(node: Node) -> tuple[str, ...]:
    return node.titles if isinstance(node, Project) else node.names


def _level(node: Node) -> int:
    """Territories from the region down, then organisations and projects: what an equally close
    match shows first."""
    if isinstance(node, Territory) and node.type in _LEVELS:
        return _LEVELS.index(node.type)
    return len(_LEVELS)


def _found(text: str, node: Node, score: float) -> Found:
    names = _names(node)
    place = isinstance(node, Territory)
    best = matched_name(text, names, place=place)
    exact = any(is_exact(text, n) for n in names)
    closeness = (place_similarity if place else similarity)(text, best)
    return Found(node, score, best, exact, closeness)


def search_all(db: Database, text: str, *, first: int = 10) -> list[Found]:
    """Organisations, territories and projects whose names, former names or titles match
    ``text`` in any alphabet, with typos and word endings; the best ``first``."""
    query = lucene_query(text)
    if query is None:
        return []
    found: list[Found] = []
    sources: tuple[tuple[LiteralString, Callable[[dict[str, Any]], Node]], ...] = (
        (_ORGANIZATIONS, Organization.from_record),
        (_TERRITORIES, Territory.from_record),
        (_PROJECTS, Project.from_record),
    )
    for statement, make in sources:
        for r in db.read(statement, query=query, limit=first):
            found.append(_found(text, make(r["node"]), float(r["score"])))
    found.sort(key=lambda f: (not f.exact, -round(f.closeness, 6), _level(f.node), -f.score))
    return found[:first]
