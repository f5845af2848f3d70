"""Akimat support: district and city akimats back active organisations at home."""

from __future__ import annotations

from graph.demo.model import Row, Weighted, World, year_text
from graph.demo.organizations import HOUSE
from graph.demo.reference import REFERENCE
from graph.demo.territories import OKRUGS, REGION_KATO, akimat_code
from graph.vocab import OrgKind, SupportKind

_FORMS = REFERENCE.weights.support_forms
_SUPPORT_FORMS = Weighted(_FORMS)
_NON_MONEY_SUPPORT = Weighted({form: w for form, w in _FORMS.items() if form != "grant_support"})
"""Self-funded organisations take no grant support."""


def supports(world: World) -> list[Row]:
    """The House of NGOs' premises, then youth groups above all, rural ones more often."""
    rng = world.rng
    rows = [_support(REGION_KATO, HOUSE.bin, 2018, "premises")]
    for org in world.orgs:
        if org.led == 0 or org.profile == "dormant" or not org.synthetic:
            continue
        chance = 0.35 if org.kind is OrgKind.YOUTH_GROUP else 0.08
        if rng.random() >= chance * (1.0 if org.urban else 1.5):
            continue
        on_site = org.place.kato in OKRUGS and rng.random() < 0.3
        akimat = org.place.kato if on_site else org.area.kato
        first = max(org.founded, 2019 if org.kind is OrgKind.YOUTH_GROUP else 2012)
        forms = _NON_MONEY_SUPPORT if org.profile == "self" else _SUPPORT_FORMS
        rows.append(_support(akimat, org.bin, rng.randint(min(first, 2025), 2025), forms.pick(rng)))
    return rows


def _support(kato: str, bin_: str, since_year: int, form: str) -> Row:
    """A supports row as files are written now: the reference's form as a kind, from 1 January."""
    kind = SupportKind.of_form(form) or SupportKind.OTHER
    return {
        "akimat_code": akimat_code(kato),
        "org_bin": bin_,
        "kind": kind.value,
        "since": f"{year_text(since_year)}-01-01",
    }
