"""Where an organisation's money comes from: FUNDS into the projects it leads (accountable)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, LiteralString

from graph.db import Database
from graph.vocab import STATE_MECHANISMS, Mechanism


@dataclass(frozen=True, slots=True)
class FundingProfile:
    by_mechanism: dict[str, int] = field(default_factory=dict)
    funders: int = 0

    @property
    def total_kzt(self) -> int:
        return sum(self.by_mechanism.values())

    @property
    def state_kzt(self) -> int:
        return sum(v for m, v in self.by_mechanism.items() if Mechanism(m) in STATE_MECHANISMS)

    @property
    def state_share(self) -> float | None:
        """State money ÷ all money; ``None`` for an organisation with no recorded funding."""
        return self.state_kzt / self.total_kzt if self.total_kzt else None


PROFILE_ROWS: LiteralString = """COLLECT {
  MATCH (o)-[:PARTICIPATES_IN {role: 'accountable'}]->(:Project)<-[f:FUNDS]-(x)
  WITH f.mechanism AS mechanism, sum(f.amount_kzt) AS amount,
       collect(DISTINCT coalesce(x.bin, x.code)) AS funders
  RETURN {mechanism: mechanism, amount: amount, funders: funders} }"""
"""The funding of the organisation bound as ``o``, one map per mechanism (:func:`profile_of`)."""
_PROFILES: LiteralString = (
    "UNWIND $bins AS bin MATCH (o:Organization {bin: bin}) RETURN bin, "
    + PROFILE_ROWS
    + " AS profile"
)


def profiles(db: Database, bins: list[str]) -> dict[str, FundingProfile]:
    found = {r["bin"]: r["profile"] for r in db.read(_PROFILES, bins=list(dict.fromkeys(bins)))}
    return {b: profile_of(found.get(b, [])) for b in bins}


def profile_of(rows: list[dict[str, Any]]) -> FundingProfile:
    """The profile from :data:`PROFILE_ROWS` (one row per mechanism) of the organisation ``o``."""
    funders: set[str] = set()
    by_mechanism: dict[str, int] = {}
    for row in rows:
        by_mechanism[row["mechanism"]] = int(row["amount"])
        funders.update(row["funders"])
    return FundingProfile(by_mechanism, len(funders))
