"""Who may do what: permission classes on fields, not checks scattered in resolvers.

Anonymous callers read public data; viewers too (tokens let portals be identified); coordinators
write; admins read the audit log and personal data.
"""

from __future__ import annotations

from typing import Any, ClassVar

from starlette.authentication import has_required_scope
from strawberry.permission import BasePermission

from graph.errors import Forbidden, SeriktesError
from graph.i18n import Text, t, tp
from graph.tokens import ApiRole

ROLES: dict[ApiRole, Text] = {
    ApiRole.VIEWER: tp("API token role", "viewer"),
    ApiRole.COORDINATOR: tp("API token role", "coordinator"),
    ApiRole.STEWARD: tp("API token role", "steward"),
    ApiRole.ADMIN: tp("API token role", "admin"),
}
"""A role as a person reads it in an error (the role's value stays the code)."""


class Unauthenticated(SeriktesError):
    """No valid token where one is needed."""


class _RoleAtLeast(BasePermission):
    role: ClassVar[ApiRole]

    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        """Reads what the authentication middleware set: ``request.user``, ``request.auth``."""
        request = info.context.request
        if not request.user.is_authenticated:
            raise Unauthenticated(
                t("this needs a {role} token (Authorization: Bearer)", role=ROLES[self.role])
            )
        if not has_required_scope(request, [self.role.value]):
            raise Forbidden(
                t(
                    "a {role} token may not do this; it needs {required}",
                    role=ROLES[request.user.role],
                    required=ROLES[self.role],
                )
            )
        return True


class IsCoordinator(_RoleAtLeast):
    role = ApiRole.COORDINATOR


class IsSteward(_RoleAtLeast):
    """The House of NGOs' staff (and admins): offers, handovers, citizen givers' personal data."""

    role = ApiRole.STEWARD


class IsAdmin(_RoleAtLeast):
    role = ApiRole.ADMIN
