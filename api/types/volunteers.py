"""Volunteers (:mod:`graph.hub.volunteers`): who they are is personal data, how many is not.

Only stewards and admins reach a volunteer at all (``Organization.volunteers.people``, ``node``,
the mutations); ``displayName`` is guarded once more on the field, so a type reused elsewhere
cannot leak it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from api.context import Context
from api.permissions import IsSteward
from api.types.common import Counted, PageInfo
from api.types.hub_vocab import Skill
from graph.hub import volunteers
from graph.pagination import Page

if TYPE_CHECKING:
    from api.types.organization import Organization
    from api.types.territory import Territory

__all__ = ["Volunteer", "VolunteerConnection", "VolunteersSummary", "require_steward"]

Info = strawberry.Info[Context, None]
OrganizationRef = Annotated["Organization", strawberry.lazy("api.types.organization")]
TerritoryRef = Annotated["Territory", strawberry.lazy("api.types.territory")]


def require_steward(info: Info) -> None:
    """UNAUTHENTICATED without a token, FORBIDDEN below steward: the field guard's answer."""
    IsSteward().has_permission(None, info)


@strawberry.type(
    description="A person who gives organisations their time and skills. Personal data: only "
    "stewards and admins reach a volunteer; the name is erased on request (`eraseVolunteer`), "
    "the rest is kept for counts."
)
class Volunteer(relay.Node):
    key: relay.NodeID[str]
    skills: list[Skill]
    hours_per_month: int | None = strawberry.field(description="Hours a month they can give.")
    erased: bool = strawberry.field(description="Their personal data was erased on request.")
    _name: strawberry.Private[str | None]
    _kato: strawberry.Private[str | None]
    _organizations: strawberry.Private[tuple[str, ...]]

    @classmethod
    def from_domain(cls, v: volunteers.Volunteer) -> Volunteer:
        return cls(
            key=v.id,
            skills=[Skill(s) for s in v.skills],
            hours_per_month=v.hours_per_month,
            erased=v.erased_at is not None,
            _name=v.display_name,
            _kato=v.kato,
            _organizations=v.organizations,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls, *, info: Info, node_ids: Iterable[str], required: bool = False
    ) -> list[Volunteer | None]:
        require_steward(info)
        found = await info.context.loaders.volunteer.load_many(list(node_ids))
        return [cls.from_domain(v) if v else None for v in found]

    @strawberry.field(
        name="key", description="The pseudonymous id the House gave them, e.g. `v-0042`."
    )
    def natural_key(self) -> str:
        return self.key

    @strawberry.field(
        description="How to show them, e.g. «Айгерим С.» (personal data: stewards and admins; "
        "null otherwise, and after erasure).",
        permission_classes=[IsSteward],
    )
    def display_name(self) -> str | None:
        return self._name

    @strawberry.field(description="Where they live or can help (null when not recorded).")
    async def territory(self, info: Info) -> TerritoryRef | None:
        from api.types.territory import Territory

        if self._kato is None:
            return None
        found = await info.context.loaders.territory.load(self._kato)
        return Territory.from_domain(found) if found else None

    @strawberry.field(description="The organisations they volunteer for.")
    async def organizations(self, info: Info) -> list[OrganizationRef]:
        from api.types.organization import Organization

        found = await info.context.loaders.organization.load_many(list(self._organizations))
        return [Organization.from_domain(o) for o in found if o is not None]


@strawberry.type
class VolunteerEdge:
    cursor: str
    node: Volunteer


@strawberry.type(description="Volunteers by id.")
class VolunteerConnection(Counted):
    edges: list[VolunteerEdge]


def volunteer_connection(
    page: Page[volunteers.Volunteer], count: Callable[[], Awaitable[int]]
) -> VolunteerConnection:
    return VolunteerConnection(
        page_info=PageInfo.of(page),
        _count=count,
        edges=[VolunteerEdge(cursor=c, node=Volunteer.from_domain(v)) for c, v in page.items],
    )


@strawberry.type(
    description="An organisation's volunteers: how many, for everyone; who, for stewards and "
    "admins. Counted: the people recorded as volunteering for it (registered by the House or "
    "listed in the people table), erased ones included."
)
class VolunteersSummary:
    _bin: strawberry.Private[str]

    @strawberry.field
    async def count(self, info: Info) -> int:
        return await info.context.loaders.organization_volunteers.counts.load((self._bin, ()))

    @strawberry.field(
        description="Who they are (personal data: stewards and admins; null otherwise).",
        permission_classes=[IsSteward],
    )
    async def people(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> VolunteerConnection | None:
        from api.types.organization import page_request

        page, count = await info.context.loaders.organization_volunteers.page(
            self._bin, page_request(info, first, after, last, before)
        )
        return volunteer_connection(page, count)
