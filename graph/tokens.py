"""API tokens: issued once, stored only as a SHA-256 hash, revocable.

A token is ``sk_`` + 32 random bytes (URL-safe); with that much entropy a plain hash is the right
storage (no password stretching needed), and it lets a request be authenticated with one lookup.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from enum import StrEnum
from typing import LiteralString

from graph.db import Database
from graph.errors import InvalidInput, NotFound
from graph.i18n import t


class ApiRole(StrEnum):
    VIEWER = "viewer"
    COORDINATOR = "coordinator"
    ADMIN = "admin"

    def at_least(self, other: ApiRole) -> bool:
        order = [ApiRole.VIEWER, ApiRole.COORDINATOR, ApiRole.ADMIN]
        return order.index(self) >= order.index(other)


@dataclass(frozen=True, slots=True)
class TokenInfo:
    id: str
    name: str
    role: ApiRole
    created_at: dt.datetime
    revoked_at: dt.datetime | None = None


_CREATE: LiteralString = """
CREATE (t:ApiToken {id: $id, name: $name, role: $role, hash: $hash, created_at: datetime()})
RETURN t.created_at AS created_at
"""
_LOOKUP: LiteralString = """
MATCH (t:ApiToken {hash: $hash}) WHERE t.revoked_at IS NULL
RETURN t.id AS id, t.name AS name, t.role AS role, t.created_at AS created_at
"""
_REVOKE: LiteralString = """
MATCH (t:ApiToken) WHERE t.id = $key OR t.name = $key
SET t.revoked_at = coalesce(t.revoked_at, datetime())
RETURN count(t) AS n
"""
_LIST: LiteralString = """
MATCH (t:ApiToken)
RETURN t.id AS id, t.name AS name, t.role AS role, t.created_at AS created_at,
       t.revoked_at AS revoked_at
ORDER BY t.created_at
"""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(db: Database, *, role: ApiRole, name: str) -> tuple[TokenInfo, str]:
    """A new token; the plain text is returned here and never again."""
    if not name.strip():
        raise InvalidInput(t("a token needs a name (who or what uses it)"), field="name")
    token = "sk_" + secrets.token_urlsafe(32)
    token_id = "tok_" + secrets.token_hex(6)
    record = db.write(_CREATE, id=token_id, name=name, role=role.value, hash=_hash(token))
    created = record.records[0]["created_at"].to_native()
    return TokenInfo(token_id, name, role, created), token


def authenticate(db: Database, token: str) -> TokenInfo | None:
    """The live token with this text, or ``None`` (unknown or revoked)."""
    records = db.read(_LOOKUP, hash=_hash(token))
    if not records:
        return None
    r = records[0]
    return TokenInfo(r["id"], r["name"], ApiRole(r["role"]), r["created_at"].to_native())


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
        )
        for r in db.read(_LIST)
    ]
