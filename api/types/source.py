"""Sources: where a funding, partnership, participation or support came from (graph.sources)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import strawberry

from graph import sources

__all__ = [
    "SOURCED",
    "SOURCES",
    "SOURCES_INPUT",
    "Source",
    "SourceInput",
    "source_fields",
    "to_domain",
]

SOURCES = (
    f"Where this fact came from: a web address, the document's title and date; at most "
    f"{sources.MAX_SOURCES}, in the order given. An empty list means no source is recorded: "
    "nobody has said where the fact came from (`sourced` is then false)."
)
SOURCES_INPUT = (
    f"Where the fact came from, at most {sources.MAX_SOURCES}: replaces the recorded sources; "
    "null keeps them, an empty list removes them."
)
SOURCED = "Whether at least one source is recorded; false means the fact is unsourced."


@strawberry.type(description="A document or page a relationship's fact came from.")
class Source:
    url: str = strawberry.field(description="An http or https address.")
    title: str | None = strawberry.field(description="The document's title, when recorded.")
    date: dt.date | None = strawberry.field(description="The document's date, when recorded.")

    @classmethod
    def from_domain(cls, source: sources.Source) -> Source:
        return cls(url=source.url, title=source.title, date=source.date)


@strawberry.input(description="Where a fact came from; the URL must be http or https.")
class SourceInput:
    url: str = strawberry.field(
        description=f"An http or https address, at most {sources.MAX_URL} characters."
    )
    title: str | None = None
    date: dt.date | None = None


def to_domain(given: Sequence[SourceInput] | None) -> list[sources.Source] | None:
    """Sources of a mutation's input: ``None`` keeps the stored ones, ``[]`` removes them."""
    if given is None:
        return None
    return [sources.Source(s.url, s.title, s.date) for s in given]


def source_fields(found: Sequence[sources.Source]) -> dict[str, Any]:
    """``sources`` and ``sourced`` of an edge or type, from the domain's sources."""
    return {"sources": [Source.from_domain(s) for s in found], "sourced": bool(found)}
