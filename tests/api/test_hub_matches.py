"""matchesForNeed / matchesForOffer over GraphQL: nearer first, reasons adding up to the score,
withdrawn offers never, volunteers named only to stewards."""

from __future__ import annotations

import pytest

from graph.db import Database
from tests.api.conftest import Api
from tests.api.test_hub_offers import (
    OKRUG,
    PAVLODAR,
    TERENKOL,
    add_offer,
    need_input,
    steward,
)

__all__ = ["steward"]

MATCHES_FOR_NEED = """query($need: String!) {
  matchesForNeed(need: $need, first: 10) {
    kind score offer { code territory { kato } }
    reasons { kind contribution text details }
  }
}"""
MATCHES_FOR_OFFER = """query($offer: String!) {
  matchesForOffer(offer: $offer) { kind score need { code } reasons { kind contribution } }
}"""
CREATE_NEED = (
    """mutation($input: CreateNeedInput!) { createNeed(input: $input) { need { code } } }"""
)
WITHDRAW = (
    """mutation($offer: ID!) { withdrawOffer(input: {offer: $offer}) { offer { status } } }"""
)


@pytest.fixture
def flats(api: Api, sample: Database, steward: str) -> str:
    """A need for a flat in a rural okrug of Terenkol district; flats offered in the district,
    in Pavlodar city, and one in the okrug itself that is withdrawn."""
    need = need_input("ND-M-1", territory=OKRUG, neededBy="2099-01-01")
    api.data(CREATE_NEED, {"input": need}, token=steward)
    add_offer(api, steward, "OF-M-DISTRICT", territory=TERENKOL)
    add_offer(api, steward, "OF-M-CITY", territory=PAVLODAR)
    add_offer(api, steward, "OF-M-GONE", territory=OKRUG)
    api.data(WITHDRAW, {"offer": "OF-M-GONE"}, token=steward)
    return "ND-M-1"


def test_a_flat_in_the_district_ranks_above_one_in_the_city(api: Api, flats: str) -> None:
    found = api.data(MATCHES_FOR_NEED, {"need": flats})["matchesForNeed"]
    codes = [m["offer"]["code"] for m in found]
    assert codes == ["OF-M-DISTRICT", "OF-M-CITY"]  # the withdrawn one in the okrug: never
    for match in found:
        assert match["kind"] == "OFFER" and 0 <= match["score"] <= 1
        total = sum(r["contribution"] for r in match["reasons"])
        assert abs(total - match["score"]) < 1e-9
        assert all(r["text"] for r in match["reasons"])
    nearby = {m["offer"]["code"]: next(r for r in m["reasons"] if r["kind"] == "NEARBY")
              for m in found}  # fmt: skip
    assert nearby["OF-M-DISTRICT"]["contribution"] > nearby["OF-M-CITY"]["contribution"]


def test_needs_for_an_offer_and_unknown_codes(api: Api, flats: str) -> None:
    found = api.data(MATCHES_FOR_OFFER, {"offer": "OF-M-DISTRICT"})["matchesForOffer"]
    assert [m["need"]["code"] for m in found] == [flats] and found[0]["kind"] == "NEED"
    withdrawn = api.data(MATCHES_FOR_OFFER, {"offer": "OF-M-GONE"})["matchesForOffer"]
    assert withdrawn == []
    body = api(MATCHES_FOR_NEED, {"need": "ND-NOPE"})
    assert body["data"]["matchesForNeed"] is None
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
