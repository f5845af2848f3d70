"""The real test of partner suggestions: what coordinators did with them.

Demo figures (:mod:`graph.discovery.evaluation`) check the suggester against partnerships a
generator planted; the outcomes coordinators record (``reportSuggestionOutcome``,
:func:`graph.discovery.outcomes.record_outcome`) check it against people. For each pair with an
outcome, the suggestion is re-ranked on the graph as it stood before the pair's *first* outcome
(:meth:`Snapshot.as_of <graph.discovery.snapshot.Snapshot.as_of>` that day: a partnership the
outcome started is not evidence for itself), which gives the partner's rank among the
organisation's suggestions and its leading reason (the feature contributing most); the pair's
*last* outcome says what came of it. Acceptance = the share of pairs whose last outcome is
``partnered``. Outcomes do not store the rank shown to the coordinator, so the rank is the one the
current scorer gives on that day's graph; a pair it no longer ranks is ``unranked``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import LiteralString

import pandas as pd

from graph.db import Database
from graph.discovery.attributes import Attributes
from graph.discovery.outcomes import OutcomeKind
from graph.discovery.region import region_snapshot
from graph.discovery.scoring import WEIGHTS, organization_centre, rank
from graph.discovery.snapshot import Snapshot

__all__ = ["RANK_BANDS", "OutcomeReport", "RankedOutcome", "outcome_evaluation"]

RANK_BANDS = ((1, 1, "1"), (2, 3, "2–3"), (4, 10, "4–10"), (11, 10**9, "11+"))
UNRANKED = "unranked"

_OUTCOMES: LiteralString = """
MATCH (s:SuggestionOutcome)
RETURN s.bin AS bin, s.partner_bin AS partner, s.outcome AS outcome, s.at AS at
ORDER BY at, s.id
"""


@dataclass(frozen=True, slots=True)
class RankedOutcome:
    bin: str
    partner: str
    first_at: dt.datetime
    outcome: OutcomeKind
    """The last outcome recorded for the pair."""
    rank: int | None
    """The partner's rank among the suggestions to ``bin`` on the graph before ``first_at``."""
    reason: str | None
    """The reason kind contributing most to its score."""

    @property
    def band(self) -> str:
        if self.rank is None:
            return UNRANKED
        return next(label for low, high, label in RANK_BANDS if low <= self.rank <= high)


@dataclass(frozen=True, slots=True)
class OutcomeReport:
    pairs: tuple[RankedOutcome, ...]

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [
                {"bin": p.bin, "partner": p.partner, "outcome": p.outcome.value,
                 "rank": p.rank, "band": p.band, "reason": p.reason or UNRANKED}
                for p in self.pairs
            ],
            columns=["bin", "partner", "outcome", "rank", "band", "reason"],
        )  # fmt: skip

    def _rate(self, by: str) -> pd.DataFrame:
        frame = self.frame()
        frame["accepted"] = frame["outcome"] == OutcomeKind.PARTNERED.value
        frame["declined"] = frame["outcome"] == OutcomeKind.DECLINED.value
        grouped = frame.groupby(by)
        return pd.DataFrame(
            {
                "pairs": grouped.size(),
                "acceptance": grouped["accepted"].mean(),
                "declined": grouped["declined"].mean(),
            }
        )

    def by_rank(self) -> pd.DataFrame:
        """Pairs, acceptance rate and decline rate per rank band (1, 2–3, 4–10, 11+, unranked)."""
        order = [label for *_, label in RANK_BANDS] + [UNRANKED]
        found = self._rate("band")
        return found.reindex([b for b in order if b in found.index])

    def by_reason(self) -> pd.DataFrame:
        """Pairs, acceptance rate and decline rate per leading reason."""
        return self._rate("reason")


def _ranked(snapshot: Snapshot, bin: str, partner: str) -> tuple[int | None, str | None]:
    if bin not in snapshot.profiles:
        return None, None
    attributes = Attributes.of(
        snapshot.territories, snapshot.profiles.values(), snapshot.akimats.values()
    )
    centre = organization_centre(snapshot, bin)
    among = attributes.candidates(centre.profile, centre.reachable(snapshot))
    for position, e in enumerate(rank(snapshot, centre, detailed=0, among=among), 1):
        if e.profile.bin == partner:
            best = max(e.values, key=lambda kind: WEIGHTS[kind] * e.values[kind])
            return position, best.value
    return None, None


def outcome_evaluation(db: Database) -> OutcomeReport | None:
    """Acceptance of recorded suggestions by rank and by reason; ``None`` when no outcome has
    been recorded yet (read only: one read of the outcomes, one snapshot of the region)."""
    rows = db.read(_OUTCOMES)
    if not rows:
        return None
    first: dict[tuple[str, str], dt.datetime] = {}
    last: dict[tuple[str, str], OutcomeKind] = {}
    for row in rows:
        key = (row["bin"], row["partner"])
        first.setdefault(key, row["at"].to_native())
        last[key] = OutcomeKind(row["outcome"])
    region = region_snapshot(db)
    by_day: defaultdict[dt.date, list[tuple[str, str]]] = defaultdict(list)
    for key, at in first.items():
        by_day[at.date()].append(key)
    pairs = []
    for day, keys in sorted(by_day.items()):
        snapshot = region.as_of(day)
        for bin, partner in keys:
            position, reason = _ranked(snapshot, bin, partner)
            pairs.append(
                RankedOutcome(bin, partner, first[(bin, partner)], last[(bin, partner)],
                              position, reason)
            )  # fmt: skip
    return OutcomeReport(tuple(pairs))
