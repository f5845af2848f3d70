"""The demo's data files: what they hold, and a clear error naming the place for each mistake."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import graph.demo
from graph.demo.reference import REFERENCE, DemoDataError, load
from graph.focus_areas import FOCUS_AREAS
from graph.vocab import OrgKind

DATA = Path(graph.demo.__file__).parent / "data"


def test_the_package_data_is_the_real_region_and_the_article() -> None:
    region, *rest = REFERENCE.territories
    assert (region.kato, region.type, region.population) == ("550000000", "region", 755_000)
    first_level = [t for t in rest if t.parent_kato == region.kato]
    assert len(first_level) == 13 and all(t.name_genitive for t in first_level)
    assert [o.role for o in REFERENCE.real_organizations] == ["club", "veterans", "house"]
    club = REFERENCE.real_organizations[0]
    assert sum(g.amount for p in club.fixed_projects for g in p.sources) == 143_000_000
    codes = {f.code for f in FOCUS_AREAS}
    assert set(REFERENCE.names.project_titles) == set(REFERENCE.names.ngo_names) == codes
    assert set(REFERENCE.names.kind_names) == set(OrgKind) - {OrgKind.NGO, OrgKind.INITIATIVE_GROUP}


def test_a_copy_of_the_files_loads_the_same() -> None:
    assert load(DATA) == REFERENCE


def test_a_csv_saved_by_excel_loads_the_same(tmp_path: Path) -> None:
    """Excel's "CSV UTF-8" starts with a byte-order mark and ends lines with CRLF."""
    directory = _copy(tmp_path)
    for path in directory.glob("*.csv"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(text.replace("\n", "\r\n").encode("utf-8-sig"))
    assert load(directory) == REFERENCE


def _copy(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    shutil.copytree(DATA, directory)
    return directory


def _edited(tmp_path: Path, name: str, old: str, new: str) -> Path:
    directory = _copy(tmp_path)
    path = directory / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return directory


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        ("territories.csv", ",360000,", ",360 000,", "territories.csv:3: population: '360 000'"),
        ("territories.csv", ",city,", ",town,", "territories.csv:3: type: unknown value 'town'"),
        (
            "territories.csv",
            "551010000,550000000",
            "5510100,550000000",
            "territories.csv:3: kato '5510100' is not nine digits",
        ),
        (
            "territories.csv",
            "551610000,550000000",
            "551010000,550000000",
            "territories.csv:4: kato 551010000 is listed twice",
        ),
        (
            "territories.csv",
            "kato,parent_kato",
            "code,parent_kato",
            "territories.csv:1: the header",
        ),
        (
            "territories.csv",
            "551631100,551610000",
            "551631100,551810000",
            "territories.csv:5: parent_kato '551810000' must be a city or district listed above",
        ),
        (
            "project_titles.csv",
            "sport,Спорт для всех",
            "sports,Спорт",
            "project_titles.csv:39: focus_area: unknown focus area 'sports'",
        ),
        (
            "organization_names.csv",
            "Экологический клуб {w}",
            "Экологический клуб {brand}",
            "organization_names.csv:12: name: unknown parts ['brand']",
        ),
        (
            "organization_names.csv",
            "ngo,ecology,",
            "ngo,sport,",
            "organization_names.csv:14: a second NGO name for 'sport'",
        ),
        ("names.toml", "initials = ", "initials = = ", "names.toml: Invalid value (at line"),
        (
            "generator.toml",
            "[organizations.kinds]",
            "[organizations.kindz]",
            "generator.toml: organizations: missing keys ['kinds'], unknown keys ['kindz']",
        ),
        (
            "generator.toml",
            "state_grant = 20",
            "state_grant = -20",
            "projects.state_mechanisms.state_grant: a weight must be a positive number, got -20",
        ),
        (
            "generator.toml",
            "551810000 = 1.8",
            "551810001 = 1.8",
            "organizations.urban_density: missing keys ['551810000']",
        ),
        (
            "real_organizations.toml",
            'bin = "160540012311"',
            'bin = "160540012312"',
            "real_organizations.toml: organization[0].bin: '160540012312' is not a valid BIN",
        ),
        (
            "real_organizations.toml",
            'role = "house"',
            'role = "club"',
            "each role (club, veterans, house) once",
        ),
        (
            "real_organizations.toml",
            'funder = "citizens", mechanism = "in_kind", amount_kzt = 78_500_000',
            'funder = "citizens", mechanism = "gift", amount_kzt = 78_500_000',
            "organization[0].project[0].sources[0].mechanism: unknown value 'gift'",
        ),
    ],
)
def test_a_mistake_names_its_file_and_place(
    tmp_path: Path, name: str, old: str, new: str, message: str
) -> None:
    with pytest.raises(DemoDataError) as error:
        load(_edited(tmp_path, name, old, new))
    assert message in str(error.value)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    (directory / "project_titles.csv").unlink()
    with pytest.raises(DemoDataError, match=r"^project_titles\.csv: missing"):
        load(directory)


def test_the_region_must_come_first(tmp_path: Path) -> None:
    lines = (DATA / "territories.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    directory = _copy(tmp_path)
    (directory / "territories.csv").write_text(
        "".join([lines[0], *lines[2:], lines[1]]), encoding="utf-8"
    )
    with pytest.raises(DemoDataError, match="parent_kato '550000000' must be a region"):
        load(directory)
