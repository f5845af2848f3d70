"""Offers, needs and handovers in the graph: reads, audited writes, erasure, the rules."""

from __future__ import annotations

import datetime as dt
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from graph.audit import audit_log
from graph.db import Database
from graph.edits.handovers import record_handover
from graph.edits.needs import NeedFields, close_need, create_need, update_need
from graph.edits.offers import (
    OfferFields,
    create_offer,
    erase_giver,
    update_offer,
    withdraw_offer,
)
from graph.errors import Conflict, Forbidden, InvalidInput, NotFound
from graph.filters import Cond, Op
from graph.hub import handovers, needs, offers
from graph.importer import import_directory
from graph.pagination import PageRequest
from graph.relations import pages
from graph.scope import Actor
from tests.graph.sample import write_sample

CLUB = "940140000385"  # Клуб добряков Павлодара, in Pavlodar city
YOUTH = "180240012342"  # Жастар Теренколь, in a rural okrug of Terenkol district
PAVLODAR, TERENKOL, OKRUG = "551010000", "553610000", "553630000"
STEWARD = "steward (tok_test)"


@pytest.fixture
def region(db: Database, tmp_path: Path) -> Database:
    result = import_directory(db, write_sample(tmp_path / "sample"))
    assert result.ok, result.errors
    return db


def flat_offer(db: Database, code: str = "OF-1", **kw: object) -> offers.Offer:
    values: dict[str, object] = {
        "category": "flat",
        "title": "2-комнатная квартира",
        "quantity": 1,
        "unit": "шт",
        "kato": PAVLODAR,
        "giver_kind": "citizen",
        "giver_name": "Айгуль Сапарова",
        "giver_contact": "+7 701 000 00 00",
        "consent": True,
        "value_kzt": 12_000_000,
    } | kw
    return create_offer(db, code, OfferFields(**values), actor=STEWARD)  # type: ignore[arg-type]


def flat_need(db: Database, code: str = "ND-1", **kw: object) -> needs.Need:
    values: dict[str, object] = {
        "organization": YOUTH,
        "category": "flat",
        "title": "Квартира для многодетной семьи",
        "quantity": 1,
        "unit": "шт",
        "kato": OKRUG,
        "urgency": "high",
        "opened_on": dt.date(2024, 3, 1),
    } | kw
    return create_need(db, code, NeedFields(**values), actor=STEWARD)  # type: ignore[arg-type]


def test_an_offer_is_read_back_without_personal_data(region: Database) -> None:
    made = flat_offer(region)
    assert (made.code, made.category, made.status, made.giver_kind) == (
        "OF-1", "flat", "offered", "citizen",
    )  # fmt: skip
    assert made.giver_named and made.kato == PAVLODAR and made.left == 1
    assert offers.by_codes(region, ["OF-1"])["OF-1"] == made
    assert offers.citizen_givers(region, ["OF-1"])["OF-1"].name == "Айгуль Сапарова"
    [record] = audit_log(region, target="OF-1")
    assert record.action == "create_offer"
    assert "Айгуль" not in json.dumps(record.after, ensure_ascii=False)
    assert "+7 701" not in json.dumps(record.after, ensure_ascii=False)


def test_a_citizens_name_or_contact_without_consent_is_refused(region: Database) -> None:
    with pytest.raises(InvalidInput) as refused:
        flat_offer(region, consent=False)
    assert refused.value.field == "giver_name"
    assert "consent" in str(refused.value)
    with pytest.raises(InvalidInput) as refused:
        flat_offer(region, giver_name=None, consent=False)
    assert refused.value.field == "giver_contact"
    assert offers.by_codes(region, ["OF-1"]) == {}  # nothing half-written
    anonymous = flat_offer(region, giver_name=None, giver_contact=None, consent=False)
    assert not anonymous.giver_named


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"giver_kind": "organization", "giver_name": None, "giver_contact": None,
          "consent": False}, "giver_bin"),
        ({"giver_kind": "business", "giver_bin": "180240012342", "giver_name": None,
          "giver_contact": None, "consent": False}, "giver_name"),
        ({"category": "skill"}, "skill"),
        ({"quantity": 0}, "quantity"),
        ({"available_from": dt.date(2025, 2, 1), "available_until": dt.date(2025, 1, 1)},
         "available_until"),
        ({"status": "handed_over"}, "status"),
        ({"kato": "559999999"}, "kato"),
    ],
)  # fmt: skip
def test_bad_offers_are_refused_naming_the_field(
    region: Database, kw: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        flat_offer(region, **kw)
    assert refused.value.field == field
    assert offers.by_codes(region, ["OF-1"]) == {}


def test_givers_of_every_kind(region: Database) -> None:
    org = flat_offer(region, "OF-O", giver_kind="organization", giver_bin=CLUB, giver_name=None,
                     giver_contact=None, consent=False)  # fmt: skip
    akimat = flat_offer(region, "OF-A", giver_kind="akimat", giver_akimat="akimat-553610000",
                        giver_name=None, giver_contact=None, consent=False)  # fmt: skip
    business = flat_offer(region, "OF-B", giver_kind="business", giver_bin="180240012342",
                          giver_name="ТОО Строй", giver_contact=None, consent=False)  # fmt: skip
    assert (org.giver_key, akimat.giver_key, business.giver_key) == (
        CLUB, "akimat-553610000", "180240012342",
    )  # fmt: skip
    assert business.giver_name == "ТОО Строй" and org.giver_name is None
    given = pages(region, offers.ORGANIZATION_OFFERS, [CLUB], PageRequest(limit=10))[CLUB]
    assert [o.code for _, o in given.items] == ["OF-O"]
    with pytest.raises(InvalidInput) as refused:
        flat_offer(region, "OF-X", giver_kind="akimat", giver_akimat="akimat-000",
                   giver_name=None, giver_contact=None, consent=False)  # fmt: skip
    assert refused.value.field == "giver_akimat"


def test_pages_filter_by_category_status_territory_and_urgency(region: Database) -> None:
    flat_offer(region, "OF-1")
    flat_offer(region, "OF-2", kato=OKRUG)
    flat_offer(region, "OF-3", category="goods", kato=OKRUG)
    flat_need(region, "ND-1")
    flat_need(region, "ND-2", urgency="low", organization=CLUB, kato=PAVLODAR)

    def offer_codes(*conds: Cond) -> list[str]:
        where = None if not conds else conds[0]
        return [o.code for _, o in offers.page(region, PageRequest(limit=10), where=where).items]

    assert offer_codes() == ["OF-3", "OF-2", "OF-1"]
    assert offer_codes(Cond("territory", Op.IN, [TERENKOL])) == ["OF-3", "OF-2"]
    assert offer_codes(Cond("category", Op.IN, ["flat"])) == ["OF-2", "OF-1"]
    assert offer_codes(Cond("giver_kind", Op.IN, ["akimat"])) == []
    assert offers.count(region, where=Cond("territory", Op.IN, ["550000000"])) == 3
    first = offers.page(region, PageRequest(limit=2))
    assert first.has_next
    after = PageRequest.parse(first=2, after=first.items[-1][0])
    assert [o.code for _, o in offers.page(region, after).items] == ["OF-1"]

    urgent = needs.page(region, PageRequest(limit=10), where=Cond("urgency", Op.IN, ["high"]))
    assert [n.code for _, n in urgent.items] == ["ND-1"]
    rural = needs.page(region, PageRequest(limit=10), where=Cond("territory", Op.IN, [TERENKOL]))
    assert [n.code for _, n in rural.items] == ["ND-1"]
    theirs = pages(region, needs.ORGANIZATION_NEEDS, [YOUTH, CLUB], PageRequest(limit=10))
    assert [n.code for _, n in theirs[YOUTH].items] == ["ND-1"]


def test_a_handover_updates_both_statuses_and_the_in_kind_totals(region: Database) -> None:
    flat_offer(region, "OF-1", category="goods", quantity=100, unit="кг", value_kzt=50_000)
    flat_need(region, "ND-1", category="goods", quantity=60, unit="кг")
    done = record_handover(region, "OF-1", "ND-1", 40, on=dt.date(2024, 4, 1), actor=STEWARD)
    assert done.handover.value_kzt == 20_000  # the offer's value per unit × quantity
    assert (done.offer.status, done.offer.left) == ("offered", 60)
    assert (done.need.status, done.need.received) == ("partly_met", 40)
    done = record_handover(region, "OF-1", "ND-1", 20, on=dt.date(2024, 4, 2), actor=STEWARD)
    assert done.need.status == "met"
    with pytest.raises(Conflict, match="the need is met"):
        record_handover(region, "OF-1", "ND-1", 1, actor=STEWARD)
    flat_need(region, "ND-2", category="goods", quantity=100, unit="кг")
    with pytest.raises(Conflict, match="only 40 of the offer is left"):
        record_handover(region, "OF-1", "ND-2", 41, actor=STEWARD)
    done = record_handover(region, "OF-1", "ND-2", 40, value_kzt=1, actor=STEWARD)
    assert done.offer.status == "handed_over"
    totals = handovers.in_kind_totals(region, [YOUTH, CLUB])
    assert totals[YOUTH] == handovers.InKind(30_001, (handovers.InKindItem("goods", 100),))
    assert totals[CLUB] == handovers.InKind(0, ())
    received = pages(region, handovers.ORGANIZATION_HANDOVERS, [YOUTH], PageRequest(limit=10))
    assert [h.quantity for _, h in received[YOUTH].items] == [40, 20, 40]
    [record] = audit_log(region, target=f"OF-1|ND-2|{dt.date.today().isoformat()}")
    assert record.action == "record_handover"
    assert record.after is not None and record.after["offer"]["status"] == "handed_over"


def test_handovers_refuse_withdrawn_expired_closed_and_other_categories(region: Database) -> None:
    flat_offer(region, "OF-1")
    flat_offer(region, "OF-2", available_until=dt.date(2020, 1, 1))
    flat_offer(region, "OF-3", category="house")
    flat_need(region, "ND-1")
    with pytest.raises(Conflict, match="expired"):
        record_handover(region, "OF-2", "ND-1", 1, actor=STEWARD)
    with pytest.raises(InvalidInput, match="category house") as refused:
        record_handover(region, "OF-3", "ND-1", 1, actor=STEWARD)
    assert refused.value.field == "need"
    assert withdraw_offer(region, "OF-1", actor=STEWARD).status == "withdrawn"
    with pytest.raises(Conflict, match="withdrawn"):
        record_handover(region, "OF-1", "ND-1", 1, actor=STEWARD)
    flat_offer(region, "OF-4")
    assert close_need(region, "ND-1", actor=STEWARD).status == "closed"
    with pytest.raises(Conflict, match="closed"):
        record_handover(region, "OF-4", "ND-1", 1, actor=STEWARD)
    with pytest.raises(NotFound):
        record_handover(region, "OF-4", "ND-404", 1, actor=STEWARD)
    assert needs.by_codes(region, ["ND-1"])["ND-1"].received == 0


def test_twenty_concurrent_handovers_of_one_flat_give_it_once(region: Database) -> None:
    flat_offer(region, "OF-1")
    for i in range(20):
        flat_need(region, f"ND-{i}")

    def give(i: int) -> str:
        try:
            record_handover(region, "OF-1", f"ND-{i}", 1, actor=STEWARD)
        except Conflict:
            return "conflict"
        return "ok"

    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = list(pool.map(give, range(20)))
    assert sorted(outcomes) == ["conflict"] * 19 + ["ok"]
    offer = offers.by_codes(region, ["OF-1"])["OF-1"]
    assert (offer.given, offer.status) == (1, "handed_over")
    met = [n for n in needs.by_codes(region, [f"ND-{i}" for i in range(20)]).values()
           if n.received]  # fmt: skip
    assert len(met) == 1 and met[0].status == "met"


def test_updates_keep_the_quantities_true(region: Database) -> None:
    flat_offer(region, "OF-1", category="goods", quantity=10, unit="кг", value_kzt=None)
    flat_need(region, "ND-1", category="goods", quantity=10, unit="кг")
    record_handover(region, "OF-1", "ND-1", 4, actor=STEWARD)
    with pytest.raises(Conflict, match="4 of this offer"):
        update_offer(region, "OF-1", OfferFields(quantity=3), actor=STEWARD)
    with pytest.raises(Conflict, match="its category stays"):
        update_offer(region, "OF-1", OfferFields(category="money"), actor=STEWARD)
    assert update_offer(region, "OF-1", OfferFields(quantity=4), actor=STEWARD).status == (
        "handed_over"
    )
    assert update_offer(region, "OF-1", OfferFields(quantity=5), actor=STEWARD).status == "offered"
    assert update_need(region, "ND-1", NeedFields(quantity=4), actor=STEWARD).status == "met"
    assert update_need(region, "ND-1", NeedFields(quantity=8), actor=STEWARD).status == (
        "partly_met"
    )
    with pytest.raises(InvalidInput) as refused:
        update_offer(region, "OF-1", OfferFields(giver_name="X"), actor=STEWARD)
    assert refused.value.field == "giver_name"
    with pytest.raises(NotFound):
        update_offer(region, "OF-404", OfferFields(title="x"), actor=STEWARD)


def test_erasing_a_giver_keeps_the_offer_and_audits_no_personal_data(region: Database) -> None:
    flat_offer(region, "OF-1")
    flat_need(region, "ND-1")
    record_handover(region, "OF-1", "ND-1", 1, actor=STEWARD)
    erased = erase_giver(region, "OF-1", actor=STEWARD)
    assert erased.giver_erased_at is not None and not erased.giver_named
    assert (erased.status, erased.given, erased.category) == ("handed_over", 1, "flat")
    assert offers.citizen_givers(region, ["OF-1"]) == {}
    assert region.read("MATCH (c:Citizen) RETURN count(c) AS n")[0]["n"] == 0
    log = audit_log(region, target="OF-1")
    assert log[0].action == "erase_giver"
    assert log[0].before == {"giver_named": True, "giver_erased_at": None}
    assert log[0].after is not None and log[0].after["giver_named"] is False
    every = json.dumps([(r.before, r.after) for r in audit_log(region)], ensure_ascii=False)
    assert "Айгуль" not in every and "701" not in every
    assert erase_giver(region, "OF-1", actor=STEWARD).giver_erased_at == erased.giver_erased_at
    assert len(audit_log(region, target="OF-1")) == len(log)  # again: nothing recorded
    flat_offer(region, "OF-2", giver_kind="organization", giver_bin=CLUB, giver_name=None,
               giver_contact=None, consent=False)  # fmt: skip
    with pytest.raises(InvalidInput):
        erase_giver(region, "OF-2", actor=STEWARD)


def test_a_coordinator_limited_to_a_district_records_only_its_needs(region: Database) -> None:
    terenkol = Actor("terenkol", TERENKOL)
    made = flat_need(region, "ND-1")
    assert close_need(region, made.code, actor=terenkol).status == "closed"
    with pytest.raises(Forbidden):
        fields = NeedFields(organization=CLUB, category="flat", title="x", quantity=1,
                            unit="шт", kato=PAVLODAR, urgency="low")  # fmt: skip
        create_need(region, "ND-2", fields, actor=terenkol)
    flat_need(region, "ND-3", organization=CLUB, kato=PAVLODAR)
    with pytest.raises(Forbidden):
        update_need(region, "ND-3", NeedFields(title="y"), actor=terenkol)
    with pytest.raises(Forbidden):
        update_need(region, "ND-1", NeedFields(kato=PAVLODAR), actor=terenkol)
