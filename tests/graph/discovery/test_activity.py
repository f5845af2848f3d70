"""The most active organisations of a territory, and whether its akimat supports them."""

from __future__ import annotations

import pytest

from graph.analytics.indicators import activity_scores
from graph.db import Database
from graph.discovery import active_organizations
from graph.errors import InvalidInput

PAVLODAR = "551010000"
AKTOGAY = "552410000"
"""Актогайский район: two youth groups in the demo, one supported by the district akimat."""


def _supported(db: Database, territory: str) -> set[str]:
    rows = db.read(
        "MATCH (:Territory {kato: $kato})<-[:GOVERNS]-(:Akimat)-[:SUPPORTS]->(o:Organization) "
        "RETURN o.bin AS bin",
        kato=territory,
    )
    return {r["bin"] for r in rows}


@pytest.mark.parametrize("territory", [PAVLODAR, AKTOGAY])
def test_youth_groups_of_a_territory_by_score(demo: Database, territory: str) -> None:
    found = active_organizations(demo, territory=territory, kinds=["youth_group"], first=20)
    assert found
    assert all(a.organization.kind == "youth_group" for a in found)
    scores = [a.score for a in found]
    assert scores == sorted(scores, reverse=True)
    table = activity_scores(demo, territories=territory, kinds=["youth_group"])
    supported = _supported(demo, territory)
    for active in found:
        names = [c.name for c in active.components]
        assert names == ["projects", "partners", "volunteers", "results"]
        assert sum(c.weight for c in active.components) == pytest.approx(1)
        assert sum(c.contribution for c in active.components) == pytest.approx(active.score)
        assert all(0 <= c.score <= 1 for c in active.components)
        assert active.score == pytest.approx(table.loc[active.organization.bin, "activity"])
        assert active.supported_by_territory_akimat == (active.organization.bin in supported)
    assert any(a.supported_by_territory_akimat for a in found)


def test_youth_groups_first_when_asked_for_with_other_kinds(demo: Database) -> None:
    found = active_organizations(demo, territory=PAVLODAR, kinds=["ngo", "youth_group"], first=50)
    kinds = [a.organization.kind for a in found]
    assert "youth_group" in kinds and "ngo" in kinds
    first_ngo = kinds.index("ngo")
    assert all(k == "ngo" for k in kinds[first_ngo:])


def test_every_kind_by_score(demo: Database) -> None:
    found = active_organizations(demo, territory=PAVLODAR, first=10)
    assert len(found) == 10
    assert [a.score for a in found] == sorted((a.score for a in found), reverse=True)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"territory": "55"}, "territory"),
        ({"territory": "559999999"}, "territory"),
        ({"territory": PAVLODAR, "kinds": ["choir"]}, "kinds"),
        ({"territory": PAVLODAR, "first": 0}, "first"),
    ],
)
def test_wrong_arguments(demo: Database, kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        active_organizations(demo, **kwargs)  # type: ignore[arg-type]
    assert error.value.field == field
