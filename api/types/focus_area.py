from __future__ import annotations

from collections.abc import Iterable

import strawberry
from strawberry import relay

from api.context import Context
from graph.focus_areas import FOCUS_AREAS
from graph.focus_areas import FocusArea as Domain

Info = strawberry.Info[Context, None]
_BY_CODE = {f.code: f for f in FOCUS_AREAS}


@strawberry.type(description="A social problem from the fixed taxonomy.")
class FocusArea(relay.Node):
    key: relay.NodeID[str]
    code: str
    name: str = strawberry.field(description="Russian name.")
    name_kk: str = strawberry.field(description="Kazakh name.")
    name_en: str

    @classmethod
    def from_domain(cls, area: Domain) -> FocusArea:
        return cls(
            key=area.code,
            code=area.code,
            name=area.name_ru,
            name_kk=area.name_kk,
            name_en=area.name_en,
        )

    @classmethod
    def of(cls, code: str) -> FocusArea:
        return cls.from_domain(_BY_CODE[code])

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[FocusArea | None]:
        """The taxonomy is fixed and in memory: no database round trip."""
        return [cls.of(code) if code in _BY_CODE else None for code in node_ids]


def all_focus_areas() -> list[FocusArea]:
    return [FocusArea.from_domain(f) for f in FOCUS_AREAS]
