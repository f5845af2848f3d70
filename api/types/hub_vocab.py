"""The hub's closed sets shared by its types (volunteers, services, offers and needs): one
GraphQL enum per vocabulary of :mod:`graph.vocab`, registered once here and imported by every
module that uses it."""

from __future__ import annotations

from typing import TypeAlias

import strawberry

from graph import vocab

__all__ = ["ServiceKind", "Skill"]

strawberry.enum(
    vocab.Skill,
    name="Skill",
    description="What a volunteer can do, and what an offer or need of category SKILL is about.",
)
strawberry.enum(
    vocab.ServiceKind,
    name="ServiceKind",
    description="What a resource centre (the House of NGOs) does for an organisation or group.",
)
Skill: TypeAlias = vocab.Skill
ServiceKind: TypeAlias = vocab.ServiceKind
