"""Suggestions in words: the typed reasons a coordinator reads, built from the evidence.

Each :class:`Reason` carries its ``contribution`` to the score (weight × feature value, see
:mod:`graph.discovery.scoring`), a sentence, and the details behind it (which focus areas,
which organisations, projects or akimats).
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.discovery.scoring import Centre, Complement, Evidence, ReasonKind
from graph.discovery.snapshot import Profile, Snapshot
from graph.focus_areas import FOCUS_AREAS
from graph.vocab import Settlement

__all__ = ["AkimatRef", "OrgRef", "ProjectRef", "Reason", "reasons"]

_FOCUS_NAMES = {f.code: f.name_en for f in FOCUS_AREAS}


@dataclass(frozen=True, slots=True)
class OrgRef:
    bin: str
    name: str


@dataclass(frozen=True, slots=True)
class ProjectRef:
    code: str
    title: str


@dataclass(frozen=True, slots=True)
class AkimatRef:
    code: str
    name: str
    relation: str
    """``supports`` (it SUPPORTS both) or ``funds`` (it funds projects each is accountable
    for)."""


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a candidate is suggested, in words and in typed details."""

    kind: ReasonKind
    contribution: float
    """Weight × feature value: what this reason adds to the score."""
    text: str
    focus_areas: tuple[str, ...] = ()
    organizations: tuple[OrgRef, ...] = ()
    projects: tuple[ProjectRef, ...] = ()
    akimats: tuple[AkimatRef, ...] = ()
    territory_kato: str | None = None
    complement: Complement | None = None


def _name(snapshot: Snapshot, bin: str) -> str:
    profile = snapshot.profiles.get(bin)
    return profile.name if profile else bin


def _listing(names: list[str], limit: int = 3) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _complement_text(kind: Complement, a: Profile, b: Profile) -> str:
    if kind is Complement.MENTORING:
        return "A veterans' union and a youth group: mentoring and patriotic education"
    if kind is Complement.RESOURCE_CENTRE:
        return "A resource centre can offer training, advice and premises to the other"
    urban, rural = (a, b) if a.settlement == Settlement.URBAN.value else (b, a)
    return (
        f"An experienced urban organisation (founded {urban.founded_year}, {urban.staff} staff) "
        f"and a rural one with {rural.staff or 0} staff, working on the same problem"
    )


def reasons(snapshot: Snapshot, centre: Centre, evidence: Evidence) -> tuple[Reason, ...]:
    """The evidence in words, largest contribution first."""
    a, b = centre.profile, evidence.profile
    out: list[Reason] = []
    for kind, contribution in evidence.components.items():
        if kind is ReasonKind.SHARED_PROJECTS:
            projects = tuple(
                ProjectRef(c, snapshot.project_titles.get(c, c)) for c in evidence.shared_projects
            )
            text = f"Took part in {len(projects)} project(s) together: " + _listing(
                [f"«{p.title}» ({p.code})" for p in projects]
            )
            out.append(Reason(kind, contribution, text, projects=projects))
        elif kind is ReasonKind.COMMON_PARTNERS:
            orgs = tuple(
                OrgRef(z, _name(snapshot, z))
                for z, _ in sorted(evidence.common, key=lambda x: -x[1])
            )
            names = _listing([o.name for o in orgs])
            text = (
                f"Already works with {len(orgs)} of the project's participants: {names}"
                if centre.is_project
                else f"{len(orgs)} partner(s) in common: {names}"
            )
            out.append(Reason(kind, contribution, text, organizations=orgs))
        elif kind is ReasonKind.COMPLEMENTARY_KINDS and evidence.complement is not None:
            text = _complement_text(evidence.complement, a, b)
            out.append(Reason(kind, contribution, text, complement=evidence.complement))
        elif kind is ReasonKind.SAME_TERRITORY and evidence.place is not None:
            where = snapshot.territories.names.get(evidence.place, evidence.place)
            text = (
                f"Both in {where}" if not centre.is_project else f"Located where it serves: {where}"
            )
            out.append(Reason(kind, contribution, text, territory_kato=evidence.place))
        elif kind is ReasonKind.SHARED_FOCUS:
            names = ", ".join(_FOCUS_NAMES.get(c, c) for c in evidence.focus)
            text = f"Both work on {names}"
            out.append(Reason(kind, contribution, text, focus_areas=evidence.focus))
        elif kind is ReasonKind.SAME_AKIMAT:
            refs = tuple(
                AkimatRef(
                    code, snapshot.akimats[code].name if code in snapshot.akimats else code, rel
                )
                for code, rel in evidence.akimats
            )
            parts = [
                f"{'supported' if r.relation == 'supports' else 'funded'} by {r.name}" for r in refs
            ]
            out.append(Reason(kind, contribution, "Both " + "; both ".join(parts), akimats=refs))
        elif kind is ReasonKind.FORMER_PARTNERS and evidence.former is not None:
            former = evidence.former
            since = former.since.year if former.since else "?"
            until = former.until.year if former.until else "?"
            out.append(Reason(kind, contribution, f"Were partners {since}–{until}"))
        elif kind is ReasonKind.COMPLEMENTARY_RESOURCES and evidence.resources is not None:
            staffed, volunteered = (
                snapshot.profiles.get(x) or (a if x == a.bin else b) for x in evidence.resources
            )
            text = (
                f"{staffed.name} has paid staff ({staffed.staff}), "
                f"{volunteered.name} has volunteers ({volunteered.volunteers})"
            )
            out.append(Reason(kind, contribution, text))
    out.sort(key=lambda r: -r.contribution)
    return tuple(out)
