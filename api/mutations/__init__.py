"""The write side: coordinators' edits, each one audited transaction in ``graph.edits``.

Every mutation takes one ``input`` and returns a nullable payload with the changed objects (with
their ``id``), so a client's cache updates itself. Objects are named by global ID or natural key
(:mod:`api.references`). Errors have one channel, the GraphQL ``errors`` with ``extensions.code``
(and ``extensions.field``, the path in ``input``); payloads carry no ``userErrors``.
The mutations of 0.1.0 (:mod:`api.mutations.legacy`) stay, deprecated.
"""

from __future__ import annotations

import strawberry

from api.mutations.groups import GroupMutation
from api.mutations.hub import HubMutation
from api.mutations.hub_people import HubPeopleMutation
from api.mutations.legacy import LegacyMutation
from api.mutations.links import LinkMutation
from api.mutations.merge import MergeMutation
from api.mutations.organizations import OrganizationMutation
from api.mutations.projects import ProjectMutation
from api.mutations.results import ResultMutation
from api.mutations.supports import SupportMutation
from api.mutations.tokens import TokenMutation

__all__ = ["Mutation"]


@strawberry.type
class Mutation(
    OrganizationMutation,
    ProjectMutation,
    ResultMutation,
    LinkMutation,
    SupportMutation,
    MergeMutation,
    TokenMutation,
    GroupMutation,
    HubPeopleMutation,
    HubMutation,
    LegacyMutation,
):
    pass
