from __future__ import annotations

import strawberry

from graph.focus_areas import FOCUS_AREAS
from graph.focus_areas import FocusArea as Domain

_BY_CODE = {f.code: f for f in FOCUS_AREAS}


@strawberry.type(description="A social problem from the fixed taxonomy.")
class FocusArea:
    code: str
    name: str = strawberry.field(description="Russian name.")
    name_kk: str = strawberry.field(description="Kazakh name.")
    name_en: str

    @classmethod
    def from_domain(cls, area: Domain) -> FocusArea:
        return cls(code=area.code, name=area.name_ru, name_kk=area.name_kk, name_en=area.name_en)

    @classmethod
    def of(cls, code: str) -> FocusArea:
        return cls.from_domain(_BY_CODE[code])


def all_focus_areas() -> list[FocusArea]:
    return [FocusArea.from_domain(f) for f in FOCUS_AREAS]
