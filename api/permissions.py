"""Who may do what: permission classes on fields, not checks scattered in resolvers.

Anonymous callers read public data; viewers too (tokens let portals be identified); coordinators
write; admins read the audit log and personal data.
"""

from __future__ import annotations

from typing import Any, ClassVar

from starlette.authentication import has_required_scope
from strawberry.permission import BasePermission

from graph.tokens import ApiRole


class Unauthenticated(Exception):
    """No valid token where one is needed."""


class Forbidden(Exception):
    """A valid token whose role may not do this."""


class _RoleAtLeast(BasePermission):
    role: ClassVar[ApiRole]

    def has_permission(self, source: Any, info: Any, **kwargs: Any) -> bool:
        """Reads what the authentication middleware set: ``request.user``, ``request.auth``."""
        request = info.context.request
        if not request.user.is_authenticated:
            raise Unauthenticated(f"this needs a {self.role.value} token (Authorization: Bearer)")
        if not has_required_scope(request, [self.role.value]):
            raise Forbidden(
                f"a {request.user.role.value} token may not do this; it needs {self.role.value}"
            )
        return True


class IsCoordinator(_RoleAtLeast):
    role = ApiRole.COORDINATOR


class IsAdmin(_RoleAtLeast):
    role = ApiRole.ADMIN
