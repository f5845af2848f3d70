"""Checks of the arguments coordinators pass, with the field each error names."""

from __future__ import annotations

from collections.abc import Iterable

from graph.errors import InvalidInput
from graph.focus_areas import FOCUS_AREA_CODES
from graph.identifiers import is_valid_kato
from graph.vocab import OrgKind, parse_enum

__all__ = ["MAX_FIRST", "check_first", "check_territory", "parse_focus", "parse_kinds"]

MAX_FIRST = 100


def check_first(first: int) -> int:
    if not 1 <= first <= MAX_FIRST:
        raise InvalidInput(f"first must be between 1 and {MAX_FIRST}", field="first")
    return first


def parse_kinds(kinds: str | Iterable[str] | None) -> frozenset[str] | None:
    if kinds is None:
        return None
    values = [kinds] if isinstance(kinds, str) else list(kinds)
    if not values:
        raise InvalidInput("kinds is empty; pass None for every kind", field="kinds")
    return frozenset(parse_enum(OrgKind, str(v), field="kinds").value for v in values)


def parse_focus(codes: str | Iterable[str] | None) -> frozenset[str] | None:
    if codes is None:
        return None
    values = [codes] if isinstance(codes, str) else list(codes)
    if not values:
        raise InvalidInput("focusAreas is empty; pass None for every area", field="focusAreas")
    unknown = sorted(set(values) - FOCUS_AREA_CODES)
    if unknown:
        raise InvalidInput(f"unknown focus area(s): {', '.join(unknown)}", field="focusAreas")
    return frozenset(values)


def check_territory(territory: str | None) -> str | None:
    if territory is not None and not is_valid_kato(territory):
        raise InvalidInput(f"not a KATO code: {territory!r}", field="territory")
    return territory
