"""Issuing API tokens (admins; Relay style): the same as ``seriktes token create``."""

from __future__ import annotations

import datetime as dt

import strawberry

from api.mutations.common import Info
from api.permissions import IsAdmin
from api.references import natural_key
from api.types.common import AccessLevel
from api.types.territory import Territory
from graph import tokens

__all__ = ["TokenMutation"]


@strawberry.input(description="A new API token.")
class CreateTokenInput:
    name: str = strawberry.field(description="Who or what uses it.")
    role: AccessLevel
    territory: strawberry.ID | None = strawberry.field(
        default=None,
        description="For a coordinator: the territory (ID or KATO code) its writes are limited "
        "to, with everything under it. Null: region-wide.",
    )


@strawberry.type(description="An API token as its administrators see it (never its secret).")
class ApiToken:
    id: strawberry.ID = strawberry.field(
        description="Its id (`tok_…`), what `seriktes token revoke` takes."
    )
    name: str
    access_level: AccessLevel
    created_at: dt.datetime
    _territory: strawberry.Private[str | None]

    @strawberry.field(description="The territory its writes are limited to; null: region-wide.")
    async def territory(self, info: Info) -> Territory | None:
        if self._territory is None:
            return None
        found = await info.context.loaders.territory.load(self._territory)
        return Territory.from_domain(found) if found else None

    @classmethod
    def from_domain(cls, info: tokens.TokenInfo) -> ApiToken:
        return cls(
            id=strawberry.ID(info.id),
            name=info.name,
            access_level=info.role,
            created_at=info.created_at,
            _territory=info.territory,
        )


@strawberry.type
class CreateTokenPayload:
    token: str = strawberry.field(
        description="The secret to send as `Authorization: Bearer …`: shown here once, stored "
        "only as a hash."
    )
    api_token: ApiToken


@strawberry.type
class TokenMutation:
    @strawberry.mutation(
        permission_classes=[IsAdmin],
        description="Issue an API token (admins). A coordinator's token may be limited to a "
        "territory: it then changes only organisations, projects and supports there and under "
        "there (FORBIDDEN elsewhere).",
    )
    async def create_token(self, info: Info, input: CreateTokenInput) -> CreateTokenPayload | None:
        territory = None
        if input.territory is not None:
            territory = natural_key(input.territory, "Territory", field="territory")
        found, secret = await info.context.run(
            tokens.create_token,
            info.context.db,
            role=input.role,
            name=input.name,
            territory=territory,
        )
        return CreateTokenPayload(token=secret, api_token=ApiToken.from_domain(found))
