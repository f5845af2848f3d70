"""Suggestions in words: the typed reasons a coordinator reads, built from the evidence.

Each :class:`Reason` carries its ``contribution`` to the score (weight × feature value, see
:mod:`graph.discovery.scoring`), a sentence, and the details behind it (which focus areas,
which organisations, projects or akimats). The sentence is a :class:`~graph.i18n.Text`, shown
in the reader's language only when it is read.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.discovery.scoring import Centre, Complement, Evidence, ReasonKind
from graph.discovery.snapshot import Profile, Snapshot
from graph.focus_areas import FOCUS_AREAS
from graph.i18n import Text, t, tn
from graph.i18n.values import Joined, Localized, listing
from graph.vocab import Settlement

__all__ = ["AkimatRef", "OrgRef", "ProjectRef", "Reason", "focus_area_name", "reasons"]

_FOCUS_NAMES = {f.code: Localized(f.name_en, ru=f.name_ru, kk=f.name_kk) for f in FOCUS_AREAS}


def focus_area_name(code: str) -> Text | str:
    """The focus area's name in the reader's language (the code itself when unknown)."""
    return _FOCUS_NAMES.get(code, code)


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
    text: Text
    focus_areas: tuple[str, ...] = ()
    organizations: tuple[OrgRef, ...] = ()
    projects: tuple[ProjectRef, ...] = ()
    akimats: tuple[AkimatRef, ...] = ()
    territory_kato: str | None = None
    complement: Complement | None = None


def _name(snapshot: Snapshot, bin: str) -> str:
    profile = snapshot.profiles.get(bin)
    return profile.name if profile else bin


def _complement_text(kind: Complement, a: Profile, b: Profile) -> Text:
    if kind is Complement.MENTORING:
        return t("A veterans' union and a youth group: mentoring and patriotic education")
    if kind is Complement.RESOURCE_CENTRE:
        return t("A resource centre can offer training, advice and premises to the other")
    urban, rural = (a, b) if a.settlement == Settlement.URBAN.value else (b, a)
    return t(
        "An experienced urban organisation (founded {founded}, {staff} staff) and a rural one "
        "with {rural_staff} staff, working on the same problem",
        founded=urban.founded_year,
        staff=urban.staff,
        rural_staff=rural.staff or 0,
    )


def _akimat_text(refs: tuple[AkimatRef, ...]) -> Text:
    supporters = [r.name for r in refs if r.relation == "supports"]
    funders = [r.name for r in refs if r.relation != "supports"]
    if supporters and funders:
        return t(
            "Both supported by {supporters}; both funded by {funders}",
            supporters=Joined(supporters),
            funders=Joined(funders),
        )
    if supporters:
        return t("Both supported by {akimats}", akimats=Joined(supporters))
    return t("Both funded by {akimats}", akimats=Joined(funders))


def reasons(snapshot: Snapshot, centre: Centre, evidence: Evidence) -> tuple[Reason, ...]:
    """The evidence in words, largest contribution first."""
    a, b = centre.profile, evidence.profile
    out: list[Reason] = []
    for kind, contribution in evidence.components.items():
        text: Text
        if kind is ReasonKind.SHARED_PROJECTS:
            projects = tuple(
                ProjectRef(c, snapshot.project_titles.get(c, c)) for c in evidence.shared_projects
            )
            titles = [t("«{title}» ({code})", title=p.title, code=p.code) for p in projects]
            text = tn(
                "Took part in {n} project together: {projects}",
                "Took part in {n} projects together: {projects}",
                len(projects),
                projects=listing(titles),
            )
            out.append(Reason(kind, contribution, text, projects=projects))
        elif kind is ReasonKind.COMMON_PARTNERS:
            orgs = tuple(
                OrgRef(z, _name(snapshot, z))
                for z, _ in sorted(evidence.common, key=lambda x: -x[1])
            )
            names = listing([o.name for o in orgs])
            text = (
                tn(
                    "Already works with {n} of the project's participants: {names}",
                    "Already works with {n} of the project's participants: {names}",
                    len(orgs),
                    names=names,
                )
                if centre.is_project
                else tn(
                    "{n} partner in common: {names}",
                    "{n} partners in common: {names}",
                    len(orgs),
                    names=names,
                )
            )
            out.append(Reason(kind, contribution, text, organizations=orgs))
        elif kind is ReasonKind.COMPLEMENTARY_KINDS and evidence.complement is not None:
            text = _complement_text(evidence.complement, a, b)
            out.append(Reason(kind, contribution, text, complement=evidence.complement))
        elif kind is ReasonKind.SAME_TERRITORY and evidence.place is not None:
            where = snapshot.territories.names.get(evidence.place, evidence.place)
            text = (
                t("Located where it serves: {place}", place=where)
                if centre.is_project
                else t("Both in {place}", place=where)
            )
            out.append(Reason(kind, contribution, text, territory_kato=evidence.place))
        elif kind is ReasonKind.SHARED_FOCUS:
            text = tn(
                "Both work on {areas}",
                "Both work on {areas}",
                len(evidence.focus),
                areas=Joined([focus_area_name(c) for c in evidence.focus]),
            )
            out.append(Reason(kind, contribution, text, focus_areas=evidence.focus))
        elif kind is ReasonKind.SAME_AKIMAT:
            refs = tuple(
                AkimatRef(
                    code, snapshot.akimats[code].name if code in snapshot.akimats else code, rel
                )
                for code, rel in evidence.akimats
            )
            out.append(Reason(kind, contribution, _akimat_text(refs), akimats=refs))
        elif kind is ReasonKind.FORMER_PARTNERS and evidence.former is not None:
            former = evidence.former
            since = former.since.year if former.since else "?"
            until = former.until.year if former.until else "?"
            text = t("Were partners {since}–{until}", since=since, until=until)
            out.append(Reason(kind, contribution, text))
        elif kind is ReasonKind.COMPLEMENTARY_RESOURCES and evidence.resources is not None:
            staffed, volunteered = (
                snapshot.profiles.get(x) or (a if x == a.bin else b) for x in evidence.resources
            )
            text = t(
                "{staffed} has paid staff ({staff}), {volunteered} has volunteers ({volunteers})",
                staffed=staffed.name,
                staff=staffed.staff,
                volunteered=volunteered.name,
                volunteers=volunteered.volunteers,
            )
            out.append(Reason(kind, contribution, text))
    out.sort(key=lambda r: -r.contribution)
    return tuple(out)
