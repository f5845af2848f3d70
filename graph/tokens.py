"""API tokens: issued once, stored only as a SHA-256 hash, revocable.

A token is ``sk_`` + 32 random bytes (URL-safe); with that much entropy a plain hash is the right
storage (no password stretching needed), and it lets a request be authenticated with one lookup.
A coordinator's token may be limited to a territory (its KATO code in ``territory``): its writes
stay under that territory (:mod:`graph.scope`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from enum import StrEnum
from typing import LiteralString

from graph import rules
from graph.db import Database
from graph.errors import InvalidInput, NotFound
from graph.i18n import t
from graph.scope import Actor


class ApiRole(StrEnum):
    VIEWER = "viewer"
    COORDINATOR = "coordinator"
    STEWARD = "steward"
    """The House of NGOs' staff: offers, handovers, services, and the personal data of citizen
    givers and volunteers. Region-wide, and may do what a coordinator may."""
    ADMIN = "admin"

    def at_least(self, other: ApiRole) -> bool:
        order = [ApiRole.VIEWER, ApiRole.COORDINATOR, ApiRole.STEWARD, ApiRole.ADMIN]
        return order.index(self) >= order.index(other)


@dataclass(frozen=True, slots=True)
class TokenInfo:
    id: str
    name: str
    role: ApiRole
    created_at: dt.datetime
    revoked_at: dt.datetime | None = None
    territory: str | None = None
    """KATO code of the territory its writes are limited to; ``None``: region-wide."""

    @property
    def actor(self) -> Actor:
        """Who its holder is in the audit log, and where they may write."""
        return Actor(f"{self.name} ({self.id})", self.territory)


_CREATE: LiteralString = """
CREATE (t:ApiToken {id: $id, name: $name, role: $role, hash: $hash, created_at: datetime(),
                    territory: $territory})
RETURN t.created_at AS created_at
"""
_LOOKUP: LiteralString = """
MATCH (t:ApiToken {hash: $hash}) WHERE t.revoked_at IS NULL
RETURN t.id AS id, t.name AS name, t.role AS role, t.created_at AS created_at,
       t.territory AS territory
"""
_TERRITORY: LiteralString = "MATCH (t:Territory {kato: $kato}) RETURN t.kato AS kato"
_REVOKE: LiteralString = """
MATCH (t:ApiToken) WHERE t.id = $key OR t.name = $key
SET t.revoked_at = coalesce(t.revoked_at, datetime())
RETURN count(t) AS n
"""
_LIST: LiteralString = """
MATCH (t:ApiToken)
RETURN t.id AS id, t.name AS name, t.role AS role, t.created_at AS created_at,
       t.revoked_at AS revoked_at, t.territory AS territory
ORDER BY t.created_at
"""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(
    db: Database, *, role: ApiRole, name: str, territory: str | None = None
) -> tuple[TokenInfo, str]:
    """A new token; the plain text is returned here and never again. ``territory`` (a KATO
    code) limits a coordinator's writes to it and the territories under it."""
    if not name.strip():
        raise InvalidInput(t("a token needs a name (who or what uses it)"), field="name")
    if territory is not None:
        territory = _scope(db, role, territory)
    token = "sk_" + secrets.token_urlsafe(32)
    token_id = "tok_" + secrets.token_hex(6)
    record = db.write(_CREATE, id=token_id, name=name, role=role.value, hash=_hash(token),
                      territory=territory)  # fmt: skip
    created = record.records[0]["created_at"].to_native()
    return TokenInfo(token_id, name, role, created, territory=territory), token


def _scope(db: Database, role: ApiRole, territory: str) -> str:
    if role is not ApiRole.COORDINATOR:
        raise InvalidInput(
            t(
                "only a coordinator's token is limited to a territory: viewers change nothing "
                "and administrators work region-wide"
            ),
            field="territory",
        )
    kato = rules.checked(rules.kato, territory, field="territory")
    if not db.read(_TERRITORY, kato=kato):
        raise InvalidInput(t("no territory with KATO code {kato}", kato=kato), field="territory")
    return kato


def authenticate(db: Database, token: str) -> TokenInfo | None:
    """The live token with this text, or ``None`` (unknown or revoked)."""
    records = db.read(_LOOKUP, hash=_hash(token))
    if not records:
        return None
    r = records[0]
    created = r["created_at"].to_native()
    return TokenInfo(r["id"], r["name"], ApiRole(r["role"]), created, territory=r["territory"])


def revoke_token(db: Database, key: str) -> int:
    """Revoke by id or name; returns how many tokens matched."""
    count = int(db.write(_REVOKE, key=key).records[0]["n"])
    if count == 0:
        raise NotFound(t("no token with id or name {key!r}", key=key))
    return count


def list_tokens(db: Database) -> list[TokenInfo]:
    return [
        TokenInfo(
            r["id"],
            r["name"],
            ApiRole(r["role"]),
            r["created_at"].to_native(),
            r["revoked_at"].to_native() if r["revoked_at"] else None,
            r["territory"],
        )
        for r in db.read(_LIST)
    ]
