"""The partner score on a small hand-made region: features, reasons, filters, exclusions."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from graph.discovery.reasons import reasons
from graph.discovery.scoring import (
    HUB_TIES,
    WEIGHTS,
    Complement,
    Evidence,
    Filters,
    ReasonKind,
    assess,
    complement,
    complementary_kinds,
    organization_centre,
    project_centre,
    rank,
    urban_rural_partner,
)
from graph.discovery.snapshot import AkimatInfo, Partnership, Profile, Snapshot, TerritoryTree

REGION, CITY, DISTRICT, VILLAGE = "550000000", "551010000", "553610000", "553633100"
TREE = TerritoryTree(
    parents={REGION: None, CITY: REGION, DISTRICT: REGION, VILLAGE: DISTRICT},
    names={
        REGION: "Region",
        CITY: "г. Павлодар",
        DISTRICT: "Теренкольский район",
        VILLAGE: "Village",
    },
    settlements={REGION: None, CITY: "urban", DISTRICT: "rural", VILLAGE: None},
)


def org(bin: str, kind: str, kato: str, focus: set[str], **extra: object) -> Profile:
    return Profile(
        bin=bin,
        name=f"Org {bin}",
        kind=kind,
        kato=kato,
        district=TREE.district(kato),
        settlement=TREE.settlement(kato),
        focus_areas=frozenset(focus),
        **extra,  # type: ignore[arg-type]
    )


# fmt: off
PROFILES = [
    org("VET", "veterans_union", CITY, {"veterans", "patriotic_education", "youth"},
        staff=4, volunteers=120, founded_year=1992, supported_by=frozenset({"ak-city"})),
    org("Y1", "youth_group", CITY, {"youth", "sport"}, staff=9, volunteers=3, founded_year=2019,
        supported_by=frozenset({"ak-city"})),
    org("Y2", "youth_group", VILLAGE, {"youth"}, staff=0, volunteers=5, founded_year=2020),
    org("N1", "ngo", CITY, {"health"}, staff=2, volunteers=10, founded_year=2010),
    org("N2", "ngo", CITY, {"veterans"}),
    org("N3", "ngo", DISTRICT, {"veterans"}),
    org("Z", "ngo", CITY, {"culture"}),
    org("DEC", "youth_group", CITY, {"youth"}),
    org("RC", "resource_center", CITY, {"ngo_capacity"}),
    org("FAR", "ngo", DISTRICT, {"ecology"}),
    org("URB", "ngo", CITY, {"ecology", "health"}, staff=12, founded_year=2005),
    org("RUR", "ngo", VILLAGE, {"ecology"}, staff=1, founded_year=2016),
]
# fmt: on


def region() -> Snapshot:
    return Snapshot(
        profiles=PROFILES,
        partnerships=[
            ("VET", "N2", Partnership(dt.date(2019, 5, 9), "mentoring")),
            ("VET", "Z", Partnership(dt.date(2020, 1, 1), "memorandum")),
            ("Y1", "Z", Partnership(dt.date(2021, 1, 1), "informal")),
            ("VET", "N3", Partnership(dt.date(2015, 3, 1), "memorandum", dt.date(2019, 6, 1))),
        ],
        participations=[("VET", "PRJ-1"), ("N1", "PRJ-1"), ("VET", "PRJ-3"), ("N1", "PRJ-3")],
        project_titles={"PRJ-1": "Уроки мужества", "PRJ-3": "Вахта памяти"},
        akimats=[AkimatInfo("ak-city", "Акимат города Павлодара", "city", 2)],
        declined=[("DEC", "VET")],
        territories=TREE,
    )


def ranked(
    snapshot: Snapshot, bin: str = "VET", filters: Filters | None = None
) -> dict[str, Evidence]:
    centre = organization_centre(snapshot, bin)
    return {e.profile.bin: e for e in rank(snapshot, centre, filters)}


def test_working_together_comes_first_and_reasons_add_up_to_the_score() -> None:
    snapshot = region()
    centre = organization_centre(snapshot, "VET")
    found = rank(snapshot, centre)
    assert found[0].profile.bin == "N1"  # a shared project outweighs likeness
    for evidence in found:
        assert 0 < evidence.score <= 1
        explained = reasons(snapshot, centre, evidence)
        assert math.isclose(sum(r.contribution for r in explained), evidence.score)
    project = reasons(snapshot, centre, found[0])[0]
    assert project.kind is ReasonKind.SHARED_PROJECTS
    assert [(p.code, p.title) for p in project.projects] == [
        ("PRJ-1", "Уроки мужества"),
        ("PRJ-3", "Вахта памяти"),
    ]
    assert str(project.text).startswith("Took part in 2 projects together: «Уроки мужества»")
    assert math.isclose(project.contribution, WEIGHTS[ReasonKind.SHARED_PROJECTS] * 0.75)


def test_never_itself_a_partner_in_force_or_a_declined_pair() -> None:
    found = ranked(region())
    assert {"VET", "N2", "Z", "DEC"}.isdisjoint(found)
    assert "DEC" not in ranked(region(), "DEC")  # DEC declined VET: not the other way either
    assert "VET" not in ranked(region(), "DEC")


def test_partners_in_force_only_when_asked_for_and_marked() -> None:
    found = ranked(region(), filters=Filters(include_partners=True))
    assert found["N2"].already_partners and found["Z"].already_partners
    assert not found["N1"].already_partners


def test_a_youth_group_for_the_veterans_with_each_reason_in_words() -> None:
    snapshot = region()
    centre = organization_centre(snapshot, "VET")
    y1 = assess(snapshot, centre, snapshot.profiles["Y1"])
    assert y1 is not None
    by_kind = {r.kind: r for r in reasons(snapshot, centre, y1)}
    assert set(by_kind) == {
        ReasonKind.COMPLEMENTARY_KINDS,
        ReasonKind.COMMON_PARTNERS,
        ReasonKind.SAME_TERRITORY,
        ReasonKind.SHARED_FOCUS,
        ReasonKind.SAME_AKIMAT,
        ReasonKind.COMPLEMENTARY_RESOURCES,
    }
    assert by_kind[ReasonKind.COMPLEMENTARY_KINDS].complement is Complement.MENTORING
    assert [o.bin for o in by_kind[ReasonKind.COMMON_PARTNERS].organizations] == ["Z"]
    assert by_kind[ReasonKind.SHARED_FOCUS].focus_areas == ("youth",)
    assert by_kind[ReasonKind.SAME_TERRITORY].territory_kato == CITY
    assert "г. Павлодар" in str(by_kind[ReasonKind.SAME_TERRITORY].text)
    assert [a.code for a in by_kind[ReasonKind.SAME_AKIMAT].akimats] == ["ak-city"]
    # Adamic–Adar: Z is tied to VET and Y1 only, so 1 / ln 2
    common = y1.values[ReasonKind.COMMON_PARTNERS]
    assert math.isclose(common, 1 - math.exp(-1 / math.log(2)))
    # overlap coefficient: {youth} of min(3, 2) areas
    assert math.isclose(y1.values[ReasonKind.SHARED_FOCUS], 1 / 2)


def test_an_ended_partnership_is_a_reason_not_an_exclusion() -> None:
    snapshot = region()
    centre = organization_centre(snapshot, "VET")
    n3 = assess(snapshot, centre, snapshot.profiles["N3"])
    assert n3 is not None
    former = [r for r in reasons(snapshot, centre, n3) if r.kind is ReasonKind.FORMER_PARTNERS]
    assert former and str(former[0].text) == "Were partners 2015–2019"


def test_geography_alone_is_no_reason() -> None:
    found = ranked(region())
    assert "FAR" not in found  # same region, nothing in common
    assert "RC" in found  # a resource centre in the same city


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(kinds=frozenset({"youth_group"})), {"Y1", "Y2"}),
        (Filters(rural_only=True), {"Y2", "N3"}),
        (Filters(territories=TREE.under(DISTRICT)), {"Y2", "N3"}),
        (Filters(focus_areas=frozenset({"health"})), {"N1"}),
    ],
)
def test_filters_narrow_the_candidates(filters: Filters, expected: set[str]) -> None:
    assert set(ranked(region(), filters=filters)) == expected


def test_complementary_kinds() -> None:
    by_bin = {p.bin: p for p in PROFILES}
    assert complement(by_bin["VET"], by_bin["Y2"], shared_focus=False) is Complement.MENTORING
    assert complement(by_bin["RC"], by_bin["N1"], shared_focus=False) is Complement.RESOURCE_CENTRE
    assert complement(by_bin["URB"], by_bin["RUR"], shared_focus=True) is Complement.URBAN_RURAL
    assert complement(by_bin["URB"], by_bin["RUR"], shared_focus=False) is None
    assert complement(by_bin["N1"], by_bin["N2"], shared_focus=True) is None
    assert complementary_kinds("veterans_union") == {"youth_group", "resource_center"}
    assert urban_rural_partner(by_bin["URB"]) == "rural"
    assert urban_rural_partner(by_bin["RUR"]) == "urban"


def test_an_experienced_urban_ngo_is_suggested_to_a_rural_one() -> None:
    snapshot = region()
    centre = organization_centre(snapshot, "RUR")
    urb = assess(snapshot, centre, snapshot.profiles["URB"])
    assert urb is not None and urb.complement is Complement.URBAN_RURAL
    text = next(
        str(r.text)
        for r in reasons(snapshot, centre, urb)
        if r.kind is ReasonKind.COMPLEMENTARY_KINDS
    )
    assert "founded 2005, 12 staff" in text and "1 staff" in text


def test_a_hub_counts_in_common_partners_but_makes_no_candidate_by_itself() -> None:
    many = [org(f"X{i:03d}", "ngo", DISTRICT, {"ecology"}) for i in range(HUB_TIES)]
    snapshot = Snapshot(
        profiles=[*PROFILES, org("HUB", "resource_center", REGION, set()), *many],
        partnerships=[("VET", "HUB", Partnership()), ("HUB", "Y1", Partnership())]
        + [("HUB", p.bin, Partnership()) for p in many],
        territories=TREE,
    )
    centre = organization_centre(snapshot, "VET")
    assert centre.hubs == {"HUB"}
    found = {e.profile.bin: e for e in rank(snapshot, centre)}
    assert not any(b.startswith("X") for b in found)
    assert [z for z, _ in found["Y1"].common] == ["HUB"]  # admitted for other reasons


def test_a_project_is_scored_as_one_organisation() -> None:
    snapshot = region()
    project = org("project:PRJ-9", "veterans_union", CITY, {"youth", "patriotic_education"})
    centre = project_centre(
        snapshot,
        project.bin,
        project,
        participants=frozenset({"VET", "N2"}),
        ties=frozenset({"VET", "N2"}),
        lead="VET",
    )
    found = {e.profile.bin: e for e in rank(snapshot, centre)}
    assert {"VET", "N2", "DEC"}.isdisjoint(found)  # participants; DEC declined the lead
    z = [r for r in reasons(snapshot, centre, found["Z"]) if r.kind is ReasonKind.COMMON_PARTNERS]
    assert str(z[0].text) == "Already works with 1 of the project's participants: Org VET"


def test_hiding_a_partnership_keeps_the_project_the_two_shared() -> None:
    snapshot = Snapshot(
        profiles=PROFILES,
        partnerships=[("VET", "N1", Partnership()), ("VET", "Z", Partnership())],
        participations=[("VET", "PRJ-1"), ("N1", "PRJ-1")],
    )
    seen = snapshot.without_partnerships([("N1", "VET"), ("Z", "VET")])
    assert seen.active_partners("VET") == frozenset()
    assert seen.neighbours("VET") == {"N1"}  # the project is still there
    assert "Z" not in seen.neighbours("VET")
    assert snapshot.active_pairs() == [("N1", "VET"), ("VET", "Z")]


def test_territory_tree() -> None:
    assert TREE.chain(VILLAGE) == (VILLAGE, DISTRICT, REGION)
    assert TREE.district(VILLAGE) == DISTRICT and TREE.district(REGION) is None
    assert TREE.settlement(VILLAGE) == "rural" and TREE.settlement(CITY) == "urban"
    assert TREE.under(DISTRICT) == {DISTRICT, VILLAGE}


def test_details_do_not_change_the_ranking() -> None:
    snapshot = region()
    centre = organization_centre(snapshot, "VET")
    full = rank(snapshot, centre)
    light = rank(snapshot, centre, detailed=2)
    assert [(e.profile.bin, e.score) for e in light] == [(e.profile.bin, e.score) for e in full]
    assert light[0].components and light[1].components and not light[2].components
