"""Organisations that are probably the same one registered twice.

Names are compared in Latin (:func:`graph.names.latin`, so «Молодёжный центр» meets
"Molodezhnyy tsentr"), without the legal-form abbreviation («ОО», «ҚБ»...), with
:func:`rapidfuzz.fuzz.token_sort_ratio` over every pair of names and aliases. Not every pair is
compared: a *sorted neighbourhood* blocks the candidates — each name is sorted by three keys (its
words in order, the same after its territory, its words reversed letter by letter) and compared
with its :data:`WINDOW` neighbours in each order — so the work grows as ``n log n``, not ``n²``.
A pair counts when its names are at least :data:`MIN_NAME_SIMILARITY` alike *and* every word of
one has a close counterpart in the other (so «движение Үміт» and «движение Нұр», alike but for
the word that matters, do not); such pairs then get their evidence from one more read: people
who belong to both, projects both took part in.

``score`` = 0.5 × name similarity + 0.2 same locality (0.1 same district or city) + 0.15 shared
people + 0.1 same kind and founding year + 0.05 shared projects, in [0, 1].
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import LiteralString

from rapidfuzz import fuzz

from graph.db import Database
from graph.discovery.attributes import TERRITORIES
from graph.discovery.reasons import OrgRef, ProjectRef
from graph.discovery.snapshot import TerritoryTree
from graph.i18n import Text, t, tn
from graph.i18n.values import listing, percent
from graph.names import latin
from graph.rules import check_first

__all__ = [
    "MIN_NAME_SIMILARITY",
    "WINDOW",
    "DuplicatePair",
    "DuplicateReason",
    "DuplicateReasonKind",
    "core_name",
    "possible_duplicates",
]

WINDOW = 10
MIN_NAME_SIMILARITY = 0.85
WORD_SIMILARITY = 0.8
"""Two words are counterparts when :func:`rapidfuzz.fuzz.ratio` gives at least this."""
LEGAL_FORMS = frozenset(
    latin(f)
    for f in ("ОО", "РОО", "ОФ", "ОБФ", "ЧУ", "ОЮЛ", "НАО", "ҚБ", "ЖМ", "ҚҚ", "ЗТБ", "КЕАҚ")
)
"""Legal-form abbreviations (Russian and Kazakh), dropped before names are compared."""
_WEIGHTS = {
    "name": 0.5,
    "locality": 0.2,
    "district": 0.1,
    "people": 0.15,
    "profile": 0.1,
    "projects": 0.05,
}


class DuplicateReasonKind(StrEnum):
    SIMILAR_NAME = "similar_name"
    SAME_TERRITORY = "same_territory"
    SHARED_PEOPLE = "shared_people"
    SAME_PROFILE = "same_profile"
    """Same kind of organisation, founded the same year."""
    SHARED_PROJECTS = "shared_projects"


@dataclass(frozen=True, slots=True)
class DuplicateReason:
    kind: DuplicateReasonKind
    contribution: float
    text: Text


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    first: OrgRef
    second: OrgRef
    score: float
    name_similarity: float
    """In [0, 1], the best over every pair of names and aliases."""
    matched_names: tuple[str, str]
    reasons: tuple[DuplicateReason, ...]
    territory_kato: str | None = None
    """The locality (or district) both are in, when they share one."""
    people: tuple[str, ...] = ()
    projects: tuple[ProjectRef, ...] = ()


def core_name(name: str) -> str:
    """The name in Latin without the legal form, words in order.

    >>> core_name('ОО "Молодёжный центр Надежда"'), core_name('"Надежда жастар орталығы" ҚБ')
    ('molodezhnyy tsentr nadezhda', 'nadezhda zhastar ortalygy')
    """
    return " ".join(w for w in latin(name).split() if w not in LEGAL_FORMS)


@dataclass(frozen=True, slots=True)
class _Name:
    bin: str
    text: str
    core: str
    kato: str | None
    words: str = ""
    """The core's words in alphabetical order (what ``token_sort_ratio`` compares)."""

    @classmethod
    def of(cls, bin: str, text: str, core: str, kato: str | None) -> _Name:
        return cls(bin, text, core, kato, " ".join(sorted(core.split())))


@dataclass(frozen=True, slots=True)
class _Organization:
    bin: str
    name: str
    kind: str | None
    founded_year: int | None
    kato: str | None
    names: tuple[_Name, ...]


_NAMES: LiteralString = (
    """
RETURN COLLECT { MATCH (o:Organization) WHERE NOT coalesce(o.archived, false)
                 RETURN [o.bin, o.name, o.kind, o.founded_year,
                         [n IN [o.name, o.name_ru, o.name_kk] + coalesce(o.aliases, [])
                          WHERE n IS NOT NULL]]
               } AS organizations,
       COLLECT { MATCH (t:Territory)<-[:LOCATED_IN]-(o:Organization)
                 WITH t, collect(o.bin) AS bins RETURN [t.kato, bins] } AS places,
       """
    + TERRITORIES
    + """ AS territories
"""
)

_EVIDENCE: LiteralString = """
RETURN COLLECT {
  UNWIND $bins AS bin
  MATCH (o:Organization {bin: bin})
  RETURN [bin,
          COLLECT { MATCH (o)<-[:VOLUNTEERS_FOR|MEMBER_OF]-(p:Person)
                    RETURN DISTINCT [p.id, coalesce(p.display_name, p.id)] },
          COLLECT { MATCH (o)-[:PARTICIPATES_IN]->(p:Project) RETURN DISTINCT [p.code, p.title] }]
} AS evidence
"""
"""People and projects of each organisation in a similar pair; pairs are intersected in Python,
so the read grows with the organisations, not with the pairs."""


def _blocked(names: list[_Name]) -> set[tuple[str, str]]:
    """Candidate pairs from the sorted neighbourhoods of three keys."""
    keys = (
        lambda n: n.words,
        lambda n: f"{n.kato or ''}|{n.words}",
        lambda n: n.core[::-1],
    )
    pairs: set[tuple[str, str]] = set()
    for key in keys:
        ordered = sorted(names, key=lambda n: (key(n), n.bin))
        for i, name in enumerate(ordered):
            for other in ordered[i + 1 : i + 1 + WINDOW]:
                if other.bin != name.bin:
                    pairs.add(
                        (name.bin, other.bin) if name.bin < other.bin else (other.bin, name.bin)
                    )
    return pairs


def _words_match(a: str, b: str) -> bool:
    """Every word of each name has a close counterpart in the other: «движение Үміт» and
    «движение Нұр» differ in the one word that tells them apart."""
    left, right = a.split(), b.split()
    cutoff = WORD_SIMILARITY * 100
    return all(
        any(fuzz.ratio(x, y, score_cutoff=cutoff) for y in other)
        for words, other in ((left, right), (right, left))
        for x in words
    )


def _similarity(a: tuple[_Name, ...], b: tuple[_Name, ...]) -> tuple[float, str, str]:
    """The most alike pair of names (0 when no pair is alike enough, word for word)."""
    best = (0.0, "", "")
    cutoff = MIN_NAME_SIMILARITY * 100
    for x in a:
        for y in b:
            if x.words == y.words:  # the same words: common in template-made names
                return (1.0, x.text, y.text)
            ratio = fuzz.ratio(x.words, y.words, score_cutoff=cutoff) / 100
            if ratio > best[0] and _words_match(x.core, y.core):
                best = (ratio, x.text, y.text)
    return best


def possible_duplicates(db: Database, *, first: int = 20) -> list[DuplicatePair]:
    """Pairs of organisations (not archived) that are probably the same, most likely first.
    Two reads: names and places, then the people and projects of organisations in a pair."""
    check_first(first)
    row = db.read(_NAMES)[0]
    tree = TerritoryTree.from_rows(row["territories"])
    kato_of = {bin: kato for kato, bins in row["places"] for bin in bins}
    orgs: dict[str, _Organization] = {}
    for bin, name, kind, founded_year, texts in row["organizations"]:
        kato = kato_of.get(bin)
        names = tuple(
            _Name.of(bin, text, core, kato)
            for text in dict.fromkeys(texts)
            if (core := core_name(text))
        )
        orgs[bin] = _Organization(bin, name, kind, founded_year, kato, names)
    similar: dict[tuple[str, str], tuple[float, str, str]] = {}
    for a, b in _blocked([n for org in orgs.values() for n in org.names]):
        found = _similarity(orgs[a].names, orgs[b].names)
        if found[0] >= MIN_NAME_SIMILARITY:
            similar[a, b] = found
    if not similar:
        return []
    involved = sorted({b for pair in similar for b in pair})
    evidence = {
        bin: _Evidence(dict(people), dict(projects))
        for bin, people, projects in db.read(_EVIDENCE, bins=involved)[0]["evidence"]
    }
    scored = []
    for (a, b), found in similar.items():
        if a in evidence and b in evidence:
            facts = _Facts(orgs[a], orgs[b], found, evidence[a], evidence[b])
            scored.append((-facts.score(tree), -found[0], a, b, facts))
    scored.sort(key=lambda x: x[:4])
    return [facts.pair(tree) for *_, facts in scored[:first]]


@dataclass(frozen=True, slots=True)
class _Evidence:
    people: dict[str, str]
    """Person id → name."""
    projects: dict[str, str]
    """Project code → title."""


@dataclass(frozen=True, slots=True)
class _Facts:
    """What is known about one pair; :meth:`score` is cheap, :meth:`pair` words it."""

    a: _Organization
    b: _Organization
    similar: tuple[float, str, str]
    evidence_a: _Evidence
    evidence_b: _Evidence

    def place(self, tree: TerritoryTree) -> tuple[str | None, float]:
        a, b = self.a.kato, self.b.kato
        if a is not None and a == b:
            return a, _WEIGHTS["locality"]
        district = tree.district(a)
        if district is not None and district == tree.district(b):
            return district, _WEIGHTS["district"]
        return None, 0.0

    def people(self) -> tuple[str, ...]:
        shared = self.evidence_a.people.keys() & self.evidence_b.people.keys()
        return tuple(sorted(self.evidence_a.people[person] for person in shared))

    def projects(self) -> tuple[ProjectRef, ...]:
        codes = sorted(self.evidence_a.projects.keys() & self.evidence_b.projects.keys())
        return tuple(ProjectRef(code, self.evidence_a.projects[code]) for code in codes)

    def same_profile(self) -> bool:
        a, b = self.a, self.b
        return a.kind is not None and a.kind == b.kind and a.founded_year == b.founded_year

    def contributions(self, tree: TerritoryTree) -> dict[DuplicateReasonKind, float]:
        found = {DuplicateReasonKind.SIMILAR_NAME: _WEIGHTS["name"] * self.similar[0]}
        place, weight = self.place(tree)
        if place is not None:
            found[DuplicateReasonKind.SAME_TERRITORY] = weight
        if self.evidence_a.people.keys() & self.evidence_b.people.keys():
            found[DuplicateReasonKind.SHARED_PEOPLE] = _WEIGHTS["people"]
        if self.same_profile():
            found[DuplicateReasonKind.SAME_PROFILE] = _WEIGHTS["profile"]
        if self.evidence_a.projects.keys() & self.evidence_b.projects.keys():
            found[DuplicateReasonKind.SHARED_PROJECTS] = _WEIGHTS["projects"]
        return found

    def score(self, tree: TerritoryTree) -> float:
        return min(1.0, sum(self.contributions(tree).values()))

    def pair(self, tree: TerritoryTree) -> DuplicatePair:
        a, b = self.a, self.b
        ratio, name_a, name_b = self.similar
        place, _ = self.place(tree)
        people, projects = self.people(), self.projects()
        texts = {
            DuplicateReasonKind.SIMILAR_NAME: t(
                "Names {similarity} alike in Latin: «{first}» and «{second}»",
                similarity=percent(ratio),
                first=name_a,
                second=name_b,
            ),
            DuplicateReasonKind.SAME_TERRITORY: t(
                "Both in {place}", place=tree.names.get(place or "", place)
            ),
            DuplicateReasonKind.SHARED_PEOPLE: tn(
                "{n} person in both: {people}",
                "{n} people in both: {people}",
                len(people),
                people=listing(people),
            ),
            DuplicateReasonKind.SAME_PROFILE: (
                t("Same kind of organisation, both founded in {year}", year=a.founded_year)
                if a.founded_year is not None
                else t("Same kind of organisation, founding year unknown for both")
            ),
            DuplicateReasonKind.SHARED_PROJECTS: tn(
                "Both in project {projects}",
                "Both in projects {projects}",
                len(projects),
                projects=listing([p.code for p in projects]),
            ),
        }
        reasons = tuple(
            DuplicateReason(kind, contribution, texts[kind])
            for kind, contribution in self.contributions(tree).items()
        )
        return DuplicatePair(
            first=OrgRef(a.bin, a.name),
            second=OrgRef(b.bin, b.name),
            score=self.score(tree),
            name_similarity=ratio,
            matched_names=(name_a, name_b),
            reasons=reasons,
            territory_kato=place,
            people=people,
            projects=projects,
        )
