"""What partner discovery knows about the region, as plain Python: profiles and ties.

A :class:`Snapshot` holds organisation profiles, explicit partnerships, participations in
projects, akimats and declined pairs. The scorer (:mod:`graph.discovery.scoring`) reads only a
snapshot, never Neo4j, so the same code ranks partners for a coordinator (a *partial* snapshot
around one organisation, :mod:`graph.discovery.suggestions`) and for the offline evaluation (the
*whole* region with some partnerships hidden, :mod:`graph.discovery.evaluation`).

The **tie graph** joins two organisations that have a partnership in force (no ``until``) or took
part in the same project that was not cancelled — the definition of
:func:`graph.analytics.projections.partnership_graph`. Archived organisations are not in it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, cast

__all__ = ["AkimatInfo", "Partnership", "Profile", "Snapshot", "TerritoryTree", "Timeline"]


@dataclass(frozen=True, slots=True)
class Profile:
    """The attributes of an organisation the scorer reads."""

    bin: str
    name: str
    kind: str
    kato: str | None = None
    district: str | None = None
    """The first-level territory (one of the 3 cities or 10 districts) it is located under."""
    district_name: str | None = None
    settlement: str | None = None
    founded_year: int | None = None
    staff: int | None = None
    volunteers: int | None = None
    focus_areas: frozenset[str] = frozenset()
    supported_by: frozenset[str] = frozenset()
    """Codes of the akimats that ``SUPPORTS`` it."""
    funded_by: frozenset[str] = frozenset()
    """Codes of the akimats that fund projects it is accountable for."""


@dataclass(frozen=True, slots=True)
class Partnership:
    since: dt.date | None = None
    basis: str | None = None
    until: dt.date | None = None

    @property
    def active(self) -> bool:
        return self.until is None


@dataclass(frozen=True, slots=True)
class AkimatInfo:
    code: str
    name: str
    level: str | None = None
    organizations: int = 0
    """Organisations (not archived) it supports or funds: the fewer, the more telling a tie."""


@dataclass(frozen=True, slots=True)
class TerritoryTree:
    """Territories by KATO code: parent, name and ``settlement`` (urban/rural)."""

    parents: Mapping[str, str | None]
    names: Mapping[str, str] = field(default_factory=dict)
    settlements: Mapping[str, str | None] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, Any]]) -> TerritoryTree:
        """From ``{kato, parent, name, settlement}`` maps."""
        parents: dict[str, str | None] = {}
        names: dict[str, str] = {}
        settlements: dict[str, str | None] = {}
        for row in rows:
            parents[row["kato"]] = row.get("parent")
            names[row["kato"]] = row.get("name") or row["kato"]
            settlements[row["kato"]] = row.get("settlement")
        return cls(parents, names, settlements)

    def __contains__(self, kato: object) -> bool:
        return kato in self.parents

    def chain(self, kato: str | None) -> tuple[str, ...]:
        """``kato`` and every territory above it, up to the region."""
        out: list[str] = []
        while kato is not None and kato in self.parents and kato not in out:
            out.append(kato)
            kato = self.parents[kato]
        return tuple(out)

    def district(self, kato: str | None) -> str | None:
        """The first-level territory above (or at) ``kato``; ``None`` for the region itself."""
        chain = self.chain(kato)
        return chain[-2] if len(chain) >= 2 else None

    def settlement(self, kato: str | None) -> str | None:
        """The nearest ``settlement`` up the chain (as :mod:`graph.analytics.scope` reads it)."""
        return next((s for k in self.chain(kato) if (s := self.settlements.get(k))), None)

    def under(self, kato: str) -> frozenset[str]:
        """Every territory at or under ``kato``."""
        return frozenset(k for k in self.parents if kato in self.chain(k))


@dataclass(frozen=True, slots=True)
class Timeline:
    """When the dated facts behind the features began, for :meth:`Snapshot.as_of`: a project's
    ``start_date``, the earliest ``since`` of an akimat's support for an organisation and the
    earliest ``year`` of an akimat's funding of a project an organisation is accountable for
    (partnerships carry their own ``since``). A fact missing here counts as undated."""

    project_starts: Mapping[str, dt.date | None] = field(default_factory=dict)
    supports_since: Mapping[tuple[str, str], dt.date | None] = field(default_factory=dict)
    """``(akimat code, BIN)`` → earliest ``since`` (``None``: a support with no date)."""
    funding_years: Mapping[tuple[str, str], int] = field(default_factory=dict)
    """``(akimat code, BIN)`` → earliest funding year."""


class Snapshot:
    """Profiles and ties of (part of) the region, with the queries the scorer needs.

    A *partial* snapshot (around one organisation ``a``) must hold every partnership and
    participation of ``a`` and ``neighbours`` for each organisation tied to ``a``; the scorer
    then gives exactly what it would give on the whole region.

    Examples
    --------
    >>> s = Snapshot(
    ...     profiles=[Profile("A", "A", "ngo"), Profile("B", "B", "ngo"), Profile("C", "C", "ngo")],
    ...     partnerships=[("A", "B", Partnership())],
    ...     participations=[("B", "P-1"), ("C", "P-1")],
    ... )
    >>> sorted(s.neighbours("B")), s.shared_projects("B", "C")
    (['A', 'C'], ('P-1',))
    >>> sorted(s.without_partnerships([("B", "A")]).neighbours("B"))
    ['C']
    """

    def __init__(
        self,
        *,
        profiles: Iterable[Profile] | Mapping[str, Profile],
        partnerships: Iterable[tuple[str, str, Partnership]] = (),
        participations: Iterable[tuple[str, str]] = (),
        project_titles: Mapping[str, str] | None = None,
        akimats: Iterable[AkimatInfo] = (),
        declined: Iterable[tuple[str, str]] = (),
        territories: TerritoryTree | None = None,
        organizations: int | None = None,
        neighbours: Mapping[str, Iterable[str]] | None = None,
        timeline: Timeline | None = None,
    ) -> None:
        self.timeline = timeline
        """Dates of the facts, when the snapshot was read with them (the region snapshot)."""
        self.profiles: Mapping[str, Profile]
        if isinstance(profiles, Mapping):
            self.profiles = cast("Mapping[str, Profile]", profiles)
        else:
            self.profiles = {p.bin: p for p in profiles}
        """By BIN; a mapping passed in is shared, not copied (the region's attributes)."""
        self.project_titles: dict[str, str] = dict(project_titles or {})
        self.akimats: dict[str, AkimatInfo] = {a.code: a for a in akimats}
        self.territories = territories or TerritoryTree({})
        self.organizations = len(self.profiles) if organizations is None else organizations
        """Organisations in the region (not archived), for how telling a shared akimat is."""
        self._partnerships: defaultdict[str, dict[str, Partnership]] = defaultdict(dict)
        for a, b, partnership in partnerships:
            if a != b:
                self._partnerships[a][b] = partnership
                self._partnerships[b][a] = partnership
        self._projects: defaultdict[str, set[str]] = defaultdict(set)
        self._members: defaultdict[str, set[str]] = defaultdict(set)
        for bin_, code in participations:
            self._projects[bin_].add(code)
            self._members[code].add(bin_)
        self._declined = {frozenset(pair) for pair in declined if pair[0] != pair[1]}
        self._neighbours: dict[str, frozenset[str]] = {
            k: frozenset(v) - {k} for k, v in (neighbours or {}).items()
        }

    # -- ties ------------------------------------------------------------------------------------

    def partnership(self, a: str, b: str) -> Partnership | None:
        """The explicit partnership of ``a`` and ``b`` (in force or ended), if any."""
        return self._partnerships.get(a, {}).get(b)

    def partnerships(self, a: str) -> Mapping[str, Partnership]:
        return self._partnerships.get(a, {})

    def active_partners(self, a: str) -> frozenset[str]:
        return frozenset(b for b, p in self.partnerships(a).items() if p.active)

    def projects(self, a: str) -> frozenset[str]:
        return frozenset(self._projects.get(a, ()))

    def shared_projects(self, a: str, b: str) -> tuple[str, ...]:
        return tuple(sorted(self._projects.get(a, set()) & self._projects.get(b, set())))

    def neighbours(self, a: str) -> frozenset[str]:
        """Organisations tied to ``a``: a partnership in force or a shared project."""
        found = self._neighbours.get(a)
        if found is None:
            found = self.active_partners(a)
            for code in self._projects.get(a, ()):
                found |= self._members[code]
            found = found - {a}
            self._neighbours[a] = found
        return found

    def is_declined(self, a: str, b: str) -> bool:
        """Whether a coordinator declined the pair (either direction)."""
        return frozenset((a, b)) in self._declined

    def declined_with(self, a: str) -> frozenset[str]:
        """Organisations a coordinator declined as partners of ``a`` (or ``a`` of them)."""
        return frozenset(b for pair in self._declined if a in pair for b in pair if b != a)

    # -- derived snapshots -----------------------------------------------------------------------

    def without_partnerships(self, pairs: Iterable[tuple[str, str]]) -> Snapshot:
        """The same region with these partnerships gone from every feature (evaluation)."""
        hidden = {frozenset(pair) for pair in pairs}
        seen: set[frozenset[str]] = set()
        kept: list[tuple[str, str, Partnership]] = []
        for a, others in self._partnerships.items():
            for b, partnership in others.items():
                pair = frozenset((a, b))
                if pair not in seen and pair not in hidden:
                    seen.add(pair)
                    kept.append((a, b, partnership))
        return Snapshot(
            profiles=self.profiles.values(),
            partnerships=kept,
            participations=[(b, c) for b, codes in self._projects.items() for c in codes],
            project_titles=self.project_titles,
            akimats=self.akimats.values(),
            declined=[tuple(pair) for pair in self._declined],  # type: ignore[misc]
            territories=self.territories,
            organizations=self.organizations,
            timeline=self.timeline,
        )

    def as_of(self, day: dt.date) -> Snapshot:
        """The region as it stood the day before ``day``: nothing dated on or after ``day``
        feeds a feature (evaluation by time).

        Partnerships that began on or after ``day`` are gone, one that ended on or after it is
        in force; projects that started on or after it are gone (and with them "shared projects",
        common partners and degrees); an akimat supports an organisation only through a support
        dated before ``day`` and funds it only through a funding of an earlier year; akimats'
        counts of organisations are recounted. Undated partnerships and supports count as old
        (they can be neither hidden nor shown late). Declined pairs are dropped: they are
        coordinators' decisions on suggestions, whose dates the snapshot does not hold.
        Profiles (kind, place, size, focus areas) are today's: the data keeps no history of them.

        Raises :class:`ValueError` when the snapshot was made without its :class:`Timeline`.

        >>> s = Snapshot(
        ...     profiles=[Profile("A", "A", "ngo"), Profile("B", "B", "ngo")],
        ...     partnerships=[("A", "B", Partnership(dt.date(2020, 5, 1)))],
        ...     participations=[("A", "P-1"), ("B", "P-1")],
        ...     timeline=Timeline(project_starts={"P-1": dt.date(2021, 1, 1)}),
        ... )
        >>> old = s.as_of(dt.date(2020, 5, 1))
        >>> old.partnership("A", "B"), old.shared_projects("A", "B")
        (None, ())
        >>> s.as_of(dt.date(2020, 5, 2)).active_partners("A")
        frozenset({'B'})
        """
        timeline = self.timeline
        if timeline is None:
            raise ValueError("a snapshot without its timeline cannot be cut at a date")
        kept: list[tuple[str, str, Partnership]] = []
        seen: set[frozenset[str]] = set()
        for a, others in self._partnerships.items():
            for b, p in others.items():
                pair = frozenset((a, b))
                if pair in seen or (p.since is not None and p.since >= day):
                    continue
                seen.add(pair)
                ended = p.until is not None and p.until < day
                kept.append((a, b, p if ended else Partnership(p.since, p.basis, None)))
        started = {
            code
            for code in self._members
            if (start := timeline.project_starts.get(code)) is not None and start < day
        }
        profiles = [
            replace(
                p,
                supported_by=frozenset(
                    c
                    for c in p.supported_by
                    if (since := timeline.supports_since.get((c, p.bin), None)) is None
                    or since < day
                ),
                funded_by=frozenset(
                    c for c in p.funded_by if timeline.funding_years.get((c, p.bin), 0) < day.year
                ),
            )
            for p in self.profiles.values()
        ]
        backed: defaultdict[str, int] = defaultdict(int)
        for profile in profiles:
            for code in profile.supported_by | profile.funded_by:
                backed[code] += 1
        return Snapshot(
            profiles=profiles,
            partnerships=kept,
            participations=[
                (b, c) for b, codes in self._projects.items() for c in codes if c in started
            ],
            project_titles={c: t for c, t in self.project_titles.items() if c in started},
            akimats=[replace(a, organizations=backed[a.code]) for a in self.akimats.values()],
            territories=self.territories,
            organizations=self.organizations,
            timeline=timeline,
        )

    def active_pairs(self) -> list[tuple[str, str]]:
        """Every partnership in force between organisations of the snapshot, ``(a, b)``
        with ``a < b``, sorted."""
        return sorted(
            (a, b)
            for a, others in self._partnerships.items()
            for b, p in others.items()
            if a < b and p.active and a in self.profiles and b in self.profiles
        )
