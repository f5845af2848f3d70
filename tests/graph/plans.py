"""What Neo4j plans for a query (``EXPLAIN``, nothing run)."""

from __future__ import annotations

from typing import Any, LiteralString

from graph.db import Database


def operators(db: Database, query: LiteralString) -> list[tuple[str, str]]:
    """The plan's operators, depth first, each as (operator type, its details)."""
    with db.session() as session:
        plan = session.run("EXPLAIN " + query).consume().plan
    assert plan is not None
    return _walk(dict(plan))


def _walk(plan: dict[str, Any]) -> list[tuple[str, str]]:
    found = [(plan["operatorType"], str(plan.get("args", {}).get("Details", "")))]
    for child in plan.get("children", []):
        found += _walk(child)
    return found
