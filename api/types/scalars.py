"""Custom scalars, registered in the schema's ``scalar_map``."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import NewType

import strawberry
from strawberry.schema.types.base_scalars import DateDefinition, DateTimeDefinition
from strawberry.types.scalar import ScalarDefinition

from graph.i18n import t

Tenge = NewType("Tenge", int)
"""Whole Kazakhstani tenge."""


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(str(t("Tenge is a whole number of tenge")))
    if not -(2**63) <= value < 2**63:  # what Neo4j stores
        raise ValueError(str(t("Tenge is at most {maximum}", maximum=2**63 - 1)))
    return value


SCALARS: dict[object, ScalarDefinition] = {
    Tenge: strawberry.scalar(
        name="Tenge",
        description=(
            "An amount of money in whole Kazakhstani tenge (KZT), as a JSON integer. Unlike Int "
            "it is not limited to 32 bits: regional totals exceed 2.1 billion."
        ),
        serialize=int,
        parse_value=_whole,
    ),
    # Strawberry's own, with the specification a client's codegen can map them by.
    dt.date: dataclasses.replace(
        DateDefinition,
        description="A calendar date without time zone, e.g. 2024-03-01 (RFC 3339 full-date).",
        specified_by_url="https://scalars.graphql.org/andimarek/local-date.html",
    ),
    dt.datetime: dataclasses.replace(
        DateTimeDefinition,
        description="An instant with its UTC offset, e.g. 2024-03-01T09:30:00+05:00 (RFC 3339).",
        specified_by_url="https://scalars.graphql.org/andimarek/date-time.html",
    ),
}
