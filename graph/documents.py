"""Trusted documents: GraphQL queries a frontend team registered, stored by SHA-256 hash.

Production can be set to run only these; clients may send just the hash.
"""

from __future__ import annotations

import hashlib
from typing import LiteralString

from graph.db import Database

_REGISTER: LiteralString = """
MERGE (d:TrustedDocument {hash: $hash})
ON CREATE SET d.document = $document, d.client = $client, d.created_at = datetime()
RETURN d.hash AS hash
"""
_LOOKUP: LiteralString = "MATCH (d:TrustedDocument {hash: $hash}) RETURN d.document AS document"


def document_hash(document: str) -> str:
    return hashlib.sha256(document.encode()).hexdigest()


def register(db: Database, document: str, *, client: str) -> str:
    """Register a document (idempotent); returns its hash."""
    digest = document_hash(document)
    db.write(_REGISTER, hash=digest, document=document, client=client)
    return digest


def lookup(db: Database, digest: str) -> str | None:
    records = db.read(_LOOKUP, hash=digest)
    return records[0]["document"] if records else None
