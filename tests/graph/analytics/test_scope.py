from __future__ import annotations

import pytest

from graph.analytics.scope import Scope
from graph.errors import InvalidInput
from graph.vocab import OrgKind


def test_loose_forms_are_normalised() -> None:
    scope = Scope.of(
        years=[2018, 2021],
        territories=["553610000", "551010000", "553610000"],
        kinds=["youth_group", OrgKind.NGO, "VETERANS_UNION"],
    )
    assert scope.years == (2018, 2021)
    assert scope.territories == ("551010000", "553610000")
    assert scope.kinds == (OrgKind.NGO, OrgKind.VETERANS_UNION, OrgKind.YOUTH_GROUP)
    assert Scope.of(years=2020).years == (2020, 2020)
    assert Scope.of() == Scope()


def test_equal_filters_give_equal_hashable_scopes() -> None:
    a = Scope.of(kinds=["ngo", "youth_group"], territories="551010000")
    b = Scope.of(kinds=["youth_group", "ngo"], territories=["551010000"])
    assert a == b and hash(a) == hash(b)


def test_params_for_cypher() -> None:
    assert Scope.of(years=(2019, 2020), kinds="ngo").params() == {
        "first_year": 2019,
        "last_year": 2020,
        "territories": None,
        "kinds": ["ngo"],
        "include_archived": False,
    }


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"years": (2021, 2018)}, "years"),
        ({"years": (2018,)}, "years"),
        ({"years": "2018"}, "years"),
        ({"territories": ["55101"]}, "territories"),
        ({"territories": []}, "territories"),
        ({"kinds": ["charity"]}, "kinds"),
        ({"kinds": []}, "kinds"),
    ],
)
def test_bad_filters_name_the_field(arguments: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        Scope.of(**arguments)  # type: ignore[arg-type]
    assert error.value.field == field
