"""Where an organisation's money comes from: FUNDS into the projects it leads (accountable)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import LiteralString

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


_PROFILES: LiteralString = """
UNWIND $bins AS bin
MATCH (o:Organization {bin: bin})-[:PARTICIPATES_IN {role: 'accountable'}]->(:Project)
      <-[f:FUNDS]-(x)
RETURN bin, f.mechanism AS mechanism, sum(f.amount_kzt) AS amount,
       collect(DISTINCT coalesce(x.bin, x.code)) AS funders
"""


def profiles(db: Database, bins: list[str]) -> dict[str, FundingProfile]:
    by_mechanism: dict[str, dict[str, int]] = {b: {} for b in bins}
    funders: dict[str, set[str]] = {b: set() for b in bins}
    for r in db.read(_PROFILES, bins=list(dict.fromkeys(bins))):
        by_mechanism[r["bin"]][r["mechanism"]] = int(r["amount"])
        funders[r["bin"]].update(r["funders"])
    return {b: FundingProfile(by_mechanism[b], len(funders[b])) for b in bins}
