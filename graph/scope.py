"""Who writes, and where they may: a coordinator's token can be limited to one territory.

A limited actor (an :class:`Actor` with a ``territory``) may change only organisations, projects,
supports and akimats *under* that territory — the territory itself or any territory below it
through ``PART_OF``:

- an organisation is under it when the territory it is ``LOCATED_IN`` is;
- a project is under it when every territory it ``SERVES`` is, or, for a project without one,
  when it has participants and every participating organisation is;
- an akimat is under it when the territory it ``GOVERNS`` is.

The rule lives in one place, :func:`graph.audit.audited_write`: every edit names what it
:class:`Touches`, and for a limited actor the write runs only when each of them is under the
territory both *before* and *after* the change (so nothing is moved into it from elsewhere, nor
out of it). Names of things that do not exist (yet) are passed over, so a creation is judged by
where it puts the new node. An edit that names nothing is refused to a limited actor: a new edit
that forgets the rule fails closed instead of writing anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, LiteralString

from graph.db import Transaction
from graph.errors import Forbidden
from graph.i18n import Text, t
from graph.i18n.values import Localized

__all__ = ["Actor", "Touches", "actor_of", "require_within"]


@dataclass(frozen=True, slots=True)
class Actor:
    """Who makes a change: the name the audit log keeps, and the territory (KATO) the change
    must stay under, ``None`` for region-wide work (admins, region-wide coordinators, the
    command line)."""

    name: str
    territory: str | None = None

    def __str__(self) -> str:
        return self.name


def actor_of(actor: Actor | str) -> Actor:
    """A plain name is someone at the console (the command line, a notebook): region-wide."""
    return actor if isinstance(actor, Actor) else Actor(actor)


@dataclass(frozen=True, slots=True)
class Touches:
    """What one edit reads and changes, by natural key."""

    organizations: tuple[str, ...] = ()
    """BINs."""
    projects: tuple[str, ...] = ()
    """Project codes."""
    territories: tuple[str, ...] = ()
    """KATO codes (where something is put)."""
    akimats: tuple[str, ...] = ()
    """Akimat codes."""

    def __bool__(self) -> bool:
        return bool(self.organizations or self.projects or self.territories or self.akimats)


_UNDER: LiteralString = "-[:PART_OF*0..]->(scope)"
_OUTSIDE: LiteralString = (
    """
MATCH (scope:Territory {kato: $scope})
RETURN scope {.kato, .name, .name_kk} AS scope,
  [bin IN $organizations WHERE EXISTS {
     MATCH (o:Organization {bin: bin})
     WHERE NOT EXISTS { (o)-[:LOCATED_IN]->(:Territory)"""
    + _UNDER
    + """ }
        OR EXISTS { MATCH (o)-[:LOCATED_IN]->(t:Territory) WHERE NOT EXISTS { (t)"""
    + _UNDER
    + """ } }
  }] AS organizations,
  [code IN $projects WHERE EXISTS {
     MATCH (p:Project {code: code})
     WHERE CASE WHEN EXISTS { (p)-[:SERVES]->(:Territory) }
                THEN EXISTS { MATCH (p)-[:SERVES]->(t:Territory) WHERE NOT EXISTS { (t)"""
    + _UNDER
    + """ } }
                ELSE NOT EXISTS { (:Organization)-[:PARTICIPATES_IN]->(p) }
                  OR EXISTS { MATCH (o:Organization)-[:PARTICIPATES_IN]->(p)
                              WHERE NOT EXISTS { (o)-[:LOCATED_IN]->(:Territory)"""
    + _UNDER
    + """ } } END
  }] AS projects,
  [kato IN $territories WHERE EXISTS {
     MATCH (t:Territory {kato: kato}) WHERE NOT EXISTS { (t)"""
    + _UNDER
    + """ }
  }] AS territories,
  [code IN $akimats WHERE EXISTS {
     MATCH (a:Akimat {code: code})
     WHERE NOT EXISTS { (a)-[:GOVERNS]->(:Territory)"""
    + _UNDER
    + """ }
  }] AS akimats
"""
)
"""Which of the named things exist and are not under the scope (unknown names are passed over)."""


def require_within(tx: Transaction, territory: str, touches: Touches) -> None:
    """Raise :class:`Forbidden` unless everything ``touches`` names is under ``territory``."""
    found = tx.run(
        _OUTSIDE,
        scope=territory,
        organizations=list(touches.organizations),
        projects=list(touches.projects),
        territories=list(touches.territories),
        akimats=list(touches.akimats),
    ).single()
    if found is None:  # the territory is gone: a token limited to nothing changes nothing
        raise Forbidden(_refusal(Localized(territory, ru=territory, kk=territory), None))
    name = _name(found["scope"])
    if not touches:
        raise Forbidden(_refusal(name, None))
    outside = [
        *(t("organisation {bin}", bin=k) for k in found["organizations"]),
        *(t("project {code}", code=k) for k in found["projects"]),
        *(t("territory {kato}", kato=k) for k in found["territories"]),
        *(t("akimat {code}", code=k) for k in found["akimats"]),
    ]
    if outside:
        raise Forbidden(_refusal(name, outside[0]))


def _name(scope: dict[str, Any]) -> Localized:
    """The territory as its people name it, with its KATO code."""
    ru = f"{scope['name']} ({scope['kato']})"
    kk = f"{scope['name_kk'] or scope['name']} ({scope['kato']})"
    return Localized(ru, ru=ru, kk=kk)


def _refusal(territory: Text, what: Text | None) -> Text:
    if what is None:
        return t(
            "this token may change only what is in {territory}, and this change does not say "
            "where it is",
            territory=territory,
        )
    return t(
        "this token may change only what is in {territory}; {what} is outside it",
        territory=territory,
        what=what,
    )
