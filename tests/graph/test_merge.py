"""Merging an organisation registered twice: nothing lost, nothing doubled, one audit entry, and
a dry run that says exactly what the merge does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from graph import edits, organizations
from graph.audit import audit_log, audit_page
from graph.collation import sort_keys
from graph.db import Database
from graph.discovery import outcomes, possible_duplicates
from graph.discovery.outcomes import record_outcome
from graph.edits import (
    MergeAction,
    OrganizationFields,
    archive_organization,
    create_organization,
    merge_organizations,
    merged_into,
    plan_merge,
    record_funding,
    save_partnership,
    set_participation,
)
from graph.edits import merge as merge_module
from graph.errors import Conflict, InvalidInput, NotFound
from graph.i18n import Language
from graph.importer import import_directory, import_sources
from graph.importer.reader import MemorySource
from graph.importer.tables import PEOPLE, SUPPORTS
from graph.pagination import PageRequest
from graph.schema import versions
from tests.graph.sample import snapshot, write_sample

KEEP = "990140004654"
"""Союз ветеранов Афганистана (sample): leads P-2, partner of the youth group since 2019."""
CLUB = "940140000385"
PARTNER = "180240012342"
"""Жастар Теренколь, the veterans' partner."""
MERGE = "200140000004"
"""The same union registered a second time."""
OTHER = "200140000014"
ACTOR = "admin"


@pytest.fixture
def pair(db: Database, tmp_path: Path) -> Database:
    """The sample region and the veterans' union registered again: the same project (P-2, as
    accountable) and the same partner, with its own name, Kazakh name and alias."""
    assert import_directory(db, write_sample(tmp_path / "sample")).ok
    fields = OrganizationFields(
        name="ОО «Союз ветеранов Афганистана»",
        name_kk="Ауған соғысы ардагерлерінің одағы",
        aliases=["Афганцы"],
        kind="veterans_union",
        legal_form="public_association",
        kato="551010000",
        founded_year=1999,
        focus_areas=["veterans", "youth"],
    )
    create_organization(db, MERGE, fields, actor="coordinator")
    set_participation(db, "P-2", MERGE, "accountable", present=True, actor="coordinator")
    save_partnership(
        db, MERGE, PARTNER, since=dt.date(2018, 1, 1), basis="memorandum", actor="coordinator"
    )
    return db


def _rels(db: Database, bin: str) -> list[dict[str, Any]]:
    return [
        r.data()
        for r in db.read(
            "MATCH (o:Organization {bin: $bin})-[r]-(x) "
            "RETURN type(r) AS type, CASE WHEN x:SuggestionOutcome THEN x.id "
            "ELSE coalesce(x.bin, x.code, x.kato, x.id) END AS other, "
            "properties(r) AS props ORDER BY type, other",
            bin=bin,
        )
    ]


def test_a_duplicate_sharing_a_project_and_a_partner_merges_into_one(pair: Database) -> None:
    db = pair
    before, version = snapshot(db), versions(db)[1]
    plan = plan_merge(db, KEEP, MERGE)
    assert snapshot(db) == before and versions(db)[1] == version  # the dry run wrote nothing

    listed = {(s.type, s.action, s.other.key) for s in plan.steps}
    assert listed == {
        ("LOCATED_IN", MergeAction.COMBINE, "551010000"),
        ("PARTICIPATES_IN", MergeAction.COMBINE, "P-2"),
        ("PARTNERS_WITH", MergeAction.COMBINE, PARTNER),
        ("WORKS_ON", MergeAction.COMBINE, "veterans"),
        ("WORKS_ON", MergeAction.MOVE, "youth"),
    }
    assert len(plan.steps) == len(listed)
    [partnership] = [s for s in plan.steps if s.type == "PARTNERS_WITH"]
    assert partnership.conflicts == ("basis",)  # keep's «mentoring» stays
    assert plan.aliases_added == ("ОО «Союз ветеранов Афганистана»", "Афганцы", MERGE)
    assert plan.properties_filled == ("name_kk",)

    merged = merge_organizations(db, KEEP, MERGE, actor=ACTOR)
    assert merged.plan == plan  # the dry run listed exactly what was done

    assert db.read("MATCH (o:Organization {bin: $bin}) RETURN o", bin=MERGE) == []
    rels = _rels(db, KEEP)
    assert [r["props"]["role"] for r in rels if r["other"] == "P-2"] == ["accountable"]
    [partner] = [r for r in rels if r["type"] == "PARTNERS_WITH"]
    assert partner["other"] == PARTNER
    assert partner["props"]["since"].to_native() == dt.date(2018, 1, 1)  # the earliest
    assert partner["props"]["basis"] == "mentoring"
    assert sorted(r["other"] for r in rels if r["type"] == "WORKS_ON") == [
        "patriotic_education",
        "veterans",
        "youth",
    ]

    keep = merged.organization
    assert keep.name == "Союз ветеранов Афганистана"
    assert keep.name_kk == "Ауған соғысы ардагерлерінің одағы"
    assert keep.aliases == plan.aliases_added
    for query in (MERGE, "Афганцы", "Ауған соғысы ардагерлері"):
        hits = organizations.search(db, query)
        assert hits and hits[0].organization.bin == KEEP, query
    assert merged_into(db, MERGE) == keep

    [entry] = [r for r in audit_log(db, target=KEEP) if r.action == "merge_organizations"]
    assert entry.actor == ACTOR
    assert entry.before is not None and entry.after is not None
    assert entry.before["merge"]["organization"]["bin"] == MERGE
    assert entry.after["merged_bin"] == MERGE


def test_everything_of_the_duplicate_is_kept_and_nothing_counted_twice(pair: Database) -> None:
    db = pair
    who = "coordinator"
    set_participation(db, "P-1", MERGE, "partner", present=True, actor=who)
    record_funding(db, funder=KEEP, project_code="P-2", amount_kzt=300_000,
                   mechanism="private_donation", year=2021, actor=who)  # fmt: skip
    record_funding(db, funder=MERGE, project_code="P-2", amount_kzt=250_000,
                   mechanism="private_donation", year=2021, actor=who)  # fmt: skip
    record_funding(db, funder=MERGE, project_code="P-2", amount_kzt=50_000,
                   mechanism="own_income", year=2021, actor=who)  # fmt: skip
    people = [
        {"person_id": "p-2", "display_name": "Болат К.", "org_bin": KEEP, "relation": "member",
         "since": "2020-01-01"},
        {"person_id": "p-2", "display_name": "Болат К.", "org_bin": MERGE, "relation": "member",
         "since": "2016-05-01"},
        {"person_id": "p-3", "display_name": "Ерлан Т.", "org_bin": MERGE,
         "relation": "volunteer", "since": ""},
    ]  # fmt: skip
    supports = [  # one support per akimat, kind and since: the first two are one
        {"akimat_code": "akimat-550000000", "org_bin": KEEP, "kind": "premises",
         "since": "2018-01-01", "note": ""},
        {"akimat_code": "akimat-550000000", "org_bin": MERGE, "kind": "premises",
         "since": "2018-01-01", "note": "зал"},
        {"akimat_code": "akimat-553610000", "org_bin": MERGE, "kind": "training",
         "since": "2016-01-01", "note": ""},
    ]  # fmt: skip
    imported = import_sources(db, [MemorySource(PEOPLE, people), MemorySource(SUPPORTS, supports)])
    assert imported.ok, imported.errors
    record_outcome(db, MERGE, CLUB, "declined", "not now", actor=who)
    save_partnership(db, MERGE, KEEP, since=dt.date(2020, 1, 1), actor=who)
    # stored CLUB → KEEP but MERGE → CLUB (by BIN order); merge's ended, keep's in force
    save_partnership(db, KEEP, CLUB, since=dt.date(2021, 1, 1), actor=who)
    save_partnership(db, MERGE, CLUB, since=dt.date(2019, 1, 1), actor=who)
    save_partnership(db, MERGE, CLUB, end=True, until=dt.date(2020, 1, 1), actor=who)
    db.write(  # a relationship type merging does not know: it moves as it is
        "MATCH (p:Project {code: 'P-1'}), (o:Organization {bin: $bin}) "
        "CREATE (p)-[:MENTIONS {page: 3}]->(o)",
        bin=MERGE,
    )
    keep_before, merge_before = _rels(db, KEEP), _rels(db, MERGE)

    plan = plan_merge(db, KEEP, MERGE)
    actions = {(s.type, s.other.key): s.action for s in plan.steps}
    funds = {(s.other.key, s.properties["mechanism"]): s for s in plan.steps if s.type == "FUNDS"}
    assert funds["P-2", "private_donation"].action is MergeAction.COMBINE
    assert funds["P-2", "private_donation"].conflicts == ("amount_kzt",)
    assert funds["P-2", "own_income"].action is MergeAction.MOVE
    assert actions[("PARTNERS_WITH", KEEP)] is MergeAction.DROP
    assert actions[("PARTNERS_WITH", CLUB)] is MergeAction.COMBINE
    assert actions[("MEMBER_OF", "p-2")] is MergeAction.COMBINE
    assert actions[("VOLUNTEERS_FOR", "p-3")] is MergeAction.MOVE
    assert actions[("SUPPORTS", "akimat-550000000")] is MergeAction.COMBINE
    assert actions[("SUPPORTS", "akimat-553610000")] is MergeAction.MOVE
    assert actions[("MENTIONS", "P-1")] is MergeAction.MOVE
    assert sum(1 for s in plan.steps if s.type == "CONCERNS") == 1

    merge_organizations(db, KEEP, MERGE, actor=ACTOR)
    after = _rels(db, KEEP)
    moved = plan.count(MergeAction.MOVE)
    # keep's own, plus each one moved, plus the record of the merged BIN; the partnership of
    # the two with each other is gone from both sides
    assert len(after) == len(keep_before) - 1 + moved + 1
    assert len(merge_before) == len(plan.steps)

    fundings = {
        (r["other"], r["props"]["mechanism"]): r["props"]["amount_kzt"]
        for r in after
        if r["type"] == "FUNDS"
    }
    assert fundings == {("P-2", "private_donation"): 300_000, ("P-2", "own_income"): 50_000}
    [member] = [r for r in after if r["type"] == "MEMBER_OF"]
    assert member["props"]["since"].to_native() == dt.date(2016, 5, 1)
    assert [r["other"] for r in after if r["type"] == "VOLUNTEERS_FOR"] == ["p-3"]
    supported = {r["other"]: r["props"] for r in after if r["type"] == "SUPPORTS"}
    premises = supported["akimat-550000000"]
    assert (premises["kind"], premises["since"].to_native(), premises["note"]) == (
        "premises",
        dt.date(2018, 1, 1),
        "зал",
    )
    assert supported["akimat-553610000"]["kind"] == "training"
    assert [r["props"] for r in after if r["type"] == "MENTIONS"] == [{"page": 3}]
    assert {r["other"] for r in after if r["type"] == "PARTICIPATES_IN"} == {"P-1", "P-2"}
    assert not [r for r in after if r["other"] == KEEP]  # no partnership with itself
    [club] = [r["props"] for r in after if r["type"] == "PARTNERS_WITH" and r["other"] == CLUB]
    assert club["since"].to_native() == dt.date(2019, 1, 1)
    assert "until" not in club  # in force, as keep's was

    [outcome] = outcomes(db, KEEP)
    assert (outcome.organization.bin, outcome.partner.bin) == (KEEP, CLUB)
    assert outcome.note == "not now"
    stored = db.read("MATCH (a)-[:PARTNERS_WITH]->(b) RETURN a.bin < b.bin AS ordered")
    assert all(r["ordered"] for r in stored)  # each pair stored from the smaller BIN


def test_a_failure_half_way_leaves_both_as_they_were(
    pair: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = pair
    before, version = snapshot(db), versions(db)[1]

    def broken(*args: object) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(merge_module, "_bury", broken)  # after every relationship has moved
    with pytest.raises(RuntimeError):
        merge_organizations(db, KEEP, MERGE, actor=ACTOR)
    assert snapshot(db) == before
    assert versions(db)[1] == version


def test_an_archived_keep_is_refused_after_the_locks_and_nothing_is_written(
    pair: Database,
) -> None:
    db = pair
    archive_organization(db, KEEP, actor="coordinator")
    before = snapshot(db)
    with pytest.raises(InvalidInput) as refused:
        merge_organizations(db, KEEP, MERGE, actor=ACTOR)
    assert refused.value.field == "keep"
    assert "archived" in str(refused.value)
    assert snapshot(db) == before
    # an archived duplicate is what a coordinator may have hidden already: it merges
    archive_organization(db, KEEP, archived=False, actor="coordinator")
    archive_organization(db, MERGE, actor="coordinator")
    assert merge_organizations(db, KEEP, MERGE, actor=ACTOR).organization.archived is False


def test_wrong_pairs_are_refused_clearly(pair: Database) -> None:
    db = pair
    with pytest.raises(InvalidInput) as itself:
        plan_merge(db, KEEP, KEEP)
    assert itself.value.field == "merge"
    with pytest.raises(NotFound, match="no organisation to keep with BIN 200140000014"):
        merge_organizations(db, OTHER, MERGE, actor=ACTOR)
    with pytest.raises(NotFound, match="no organisation to merge with BIN 200140000014"):
        plan_merge(db, KEEP, OTHER)
    merge_organizations(db, KEEP, MERGE, actor=ACTOR)
    with pytest.raises(NotFound) as again:
        merge_organizations(db, KEEP, MERGE, actor=ACTOR)
    assert str(again.value) == (
        f"BIN {MERGE} was merged into {KEEP} (Союз ветеранов Афганистана); "
        "name that organisation instead"
    )
    assert again.value.text.render(Language.RU).startswith(f"БИН {MERGE} уже присоединён")
    assert again.value.text.render(Language.KK).startswith(f"БСН {MERGE} бұрын")
    db.write("MATCH (o:Organization {bin: $bin}) SET o.synthetic = true", bin=CLUB)
    with pytest.raises(InvalidInput, match="invented for the demo"):
        plan_merge(db, KEEP, CLUB)


def test_the_pair_is_no_longer_a_possible_duplicate(pair: Database) -> None:
    db = pair

    def pairs() -> set[tuple[str, str]]:
        return {(p.first.bin, p.second.bin) for p in possible_duplicates(db, first=100)}

    assert (MERGE, KEEP) in pairs() or (KEEP, MERGE) in pairs()
    merge_organizations(db, KEEP, MERGE, actor=ACTOR)
    assert not {b for p in pairs() for b in p} & {MERGE}


def test_the_history_of_merged_bins_is_read_from_the_one_kept(pair: Database) -> None:
    db = pair
    merge_organizations(db, KEEP, MERGE, actor=ACTOR)
    fields = OrganizationFields(
        name="Союз ветеранов Афганистана Павлодара",
        kind="veterans_union",
        legal_form="public_association",
        kato="551010000",
    )
    create_organization(db, OTHER, fields, actor="coordinator")
    merge_organizations(db, OTHER, KEEP, actor=ACTOR)  # a merged organisation merged again

    assert merged_into(db, MERGE) == merged_into(db, KEEP)
    into = merged_into(db, KEEP)
    assert into is not None and into.bin == OTHER
    assert merged_into(db, OTHER) is None
    page = audit_page(db, PageRequest.parse(first=50), target=OTHER)
    seen = {(r.action, r.target) for _, r in page.items}
    assert ("create_organization", MERGE) in seen  # the first duplicate's own history
    assert ("create_organization", OTHER) in seen
    assert ("merge_organizations", KEEP) in seen
    assert ("merge_organizations", OTHER) in seen
    assert audit_log(db, target=MERGE)[0].action == "create_organization"  # its own, unchanged
    assert MERGE in organizations.by_bins(db, [OTHER])[OTHER].aliases


def test_a_concurrent_change_is_a_conflict_not_a_loss(
    pair: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A relationship that reaches merge after the plan was read stops the delete."""
    db = pair
    real = merge_module._apply

    def late(tx: Any, *args: Any) -> None:
        tx.run(
            "MATCH (p:Project {code: 'P-1'}), (o:Organization {bin: $bin}) "
            "CREATE (p)-[:MENTIONS]->(o)",
            bin=MERGE,
        ).consume()
        real(tx, *args)

    monkeypatch.setattr(merge_module, "_apply", late)
    before = snapshot(db)
    with pytest.raises(Conflict, match="changed while it was being merged"):
        edits.merge_organizations(db, KEEP, MERGE, actor=ACTOR)
    assert snapshot(db) == before


def test_a_merged_name_in_each_language_stays_apart_and_keeps_its_order(pair: Database) -> None:
    db = pair
    update = OrganizationFields(name_ru="Союз ветеранов-афганцев")
    edits.update_organization(db, MERGE, update, actor="coordinator")
    plan = plan_merge(db, KEEP, MERGE)
    assert plan.properties_filled == ("name_kk", "name_ru")
    assert "Союз ветеранов-афганцев" not in plan.aliases_added  # a name_ru, not an alias
    keep = merge_organizations(db, KEEP, MERGE, actor=ACTOR).organization
    assert (keep.name_ru, keep.name_kk) == (
        "Союз ветеранов-афганцев", "Ауған соғысы ардагерлерінің одағы",
    )  # fmt: skip
    stored = db.read(
        "MATCH (o:Organization {bin: $bin}) RETURN o {.sort_kk, .sort_ru, .sort_en} AS k",
        bin=KEEP,
    )[0]["k"]
    assert stored == sort_keys(keep.name, keep.name_ru, keep.name_kk)
    hits = organizations.search(db, "Soyuz veteranov-afgantsev")
    assert hits and hits[0].organization.bin == KEEP
    kazakh = organizations.page(db, PageRequest.parse(first=10), language=Language.KK)
    names = [o.display_name(Language.KK) for _, o in kazakh.items]
    assert names.index("Ауған соғысы ардагерлерінің одағы") == 0  # А first, by its Kazakh name
