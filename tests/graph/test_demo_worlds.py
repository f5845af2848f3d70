"""The demo generator's second world: partnerships through a shared problem, the rest unchanged."""

from __future__ import annotations

import pytest

from graph.demo import WORLDS, demo_tables


def test_the_default_world_is_the_demo() -> None:
    assert WORLDS == ("demo", "focus")
    assert demo_tables(orgs=60, seed=3) == demo_tables(orgs=60, seed=3, world="demo")


def test_the_focus_world_differs_only_in_how_partnerships_form() -> None:
    demo, focus = demo_tables(orgs=120, seed=5), demo_tables(orgs=120, seed=5, world="focus")
    for table in ("territories", "akimats", "organizations", "projects", "participations"):
        assert demo[table] == focus[table], table
    assert demo["partnerships"] != focus["partnerships"]
    areas = {o["bin"]: set(o["focus_areas"].split(";")) for o in focus["organizations"]}
    # every partner is found through a focus area both work on, wherever they are
    assert focus["partnerships"]
    assert all(areas[p["org_bin_a"]] & areas[p["org_bin_b"]] for p in focus["partnerships"])
    assert focus == demo_tables(orgs=120, seed=5, world="focus")  # deterministic too


def test_an_unknown_world_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown demo world 'mars'"):
        demo_tables(orgs=30, seed=1, world="mars")
