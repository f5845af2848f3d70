"""What the edits of organisations and projects share: claiming a new key, a known territory."""

from __future__ import annotations

import secrets
from typing import Any, LiteralString

from graph.db import Transaction
from graph.errors import InvalidInput
from graph.i18n import t


def claim(tx: Transaction, query: LiteralString, **key: str) -> bool:
    """Run a claim query (below): whether this transaction created the node with ``key``."""
    params: dict[str, Any] = {"claim": secrets.token_hex(8), **key}
    return bool(tx.run(query, params).single(strict=True)["mine"])


CLAIM_ORGANIZATION: LiteralString = """
MERGE (o:Organization {bin: $bin}) ON CREATE SET o._claim = $claim
WITH o, o._claim = $claim AS mine
REMOVE o._claim
RETURN mine
"""
CLAIM_PROJECT: LiteralString = """
MERGE (p:Project {code: $code}) ON CREATE SET p._claim = $claim
WITH p, p._claim = $claim AS mine
REMOVE p._claim
RETURN mine
"""
"""MERGE on a unique key waits for a concurrent creator, so exactly one transaction sees ``mine``
true: the others get a clean CONFLICT instead of a constraint failure at commit."""

_TERRITORY: LiteralString = "MATCH (t:Territory {kato: $kato}) RETURN t"


def require_territory(tx: Transaction, kato: str, field: str) -> None:
    if tx.run(_TERRITORY, kato=kato).single() is None:
        raise InvalidInput(t("no territory with KATO code {kato}", kato=kato), field=field)
