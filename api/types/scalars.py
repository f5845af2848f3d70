"""Custom scalars, registered in the schema's ``scalar_map``."""

from __future__ import annotations

from typing import NewType

import strawberry
from strawberry.types.scalar import ScalarDefinition

Tenge = NewType("Tenge", int)
"""Whole Kazakhstani tenge."""


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("Tenge is a whole number of tenge")
    if not -(2**63) <= value < 2**63:  # what Neo4j stores
        raise ValueError("Tenge is at most 9223372036854775807")
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
    )
}
