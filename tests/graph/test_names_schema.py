"""Schema v3 refolds the ``search_text`` an older version wrote, so old databases find names
typed in any alphabet after an upgrade; v4 adds the collation keys of the languages' orders."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from graph import organizations, projects
from graph.collation import sort_keys
from graph.db import Database
from graph.i18n import Language
from graph.organizations import OrgSort
from graph.pagination import PageRequest
from graph.projects import ProjectSort
from graph.schema import SCHEMA_VERSION, apply_schema, versions
from graph.search import search_all


def test_an_older_schema_version_gets_folded_search_text(db: Database) -> None:
    db.write(
        "CREATE (:Territory {kato: '553610000', name: 'Теренкольский район', "
        "name_kk: 'Теренкөл ауданы', type: 'district', aliases: ['Качиры'], "
        "search_text: 'terenkolskii raion'}) "
        "CREATE (:Project {code: 'P-1', title: 'Молодёжный форум', status: 'active', "
        "start_date: date('2024-01-01')}) "
        "WITH 1 AS _ MATCH (s:Meta {key: 'schema'}) SET s.version = 2"
    )
    assert search_all(db, "Kachiry") == []  # the v2 text held no folded former name
    apply_schema(db)
    assert versions(db)[0] == SCHEMA_VERSION
    texts = {r["k"]: r["t"] for r in db.read(
        "MATCH (n) WHERE n:Territory OR n:Project RETURN coalesce(n.kato, n.code) AS k, "
        "n.search_text AS t"
    )}  # fmt: skip
    assert "kachiri" in texts["553610000"].split() and "forum" in texts["P-1"].split()
    assert [f.matched_name for f in search_all(db, "Kachiry")] == ["Качиры"]
    assert [f.matched_name for f in search_all(db, "forum")] == ["Молодёжный форум"]


def test_a_current_schema_leaves_search_text_alone(db: Database) -> None:
    db.write("CREATE (:Territory {kato: '1', name: 'А', type: 'district', search_text: 'kept'})")
    apply_schema(db)
    assert db.read("MATCH (t:Territory {kato: '1'}) RETURN t.search_text AS t")[0]["t"] == "kept"


def test_a_v3_database_gets_collation_keys_and_the_russian_name_in_search(db: Database) -> None:
    db.write(
        "CREATE (:Project {code: 'P-1', title: 'Әлем', title_ru: 'Мир', status: 'active', "
        "start_date: date('2024-01-01')}) "
        "CREATE (:Project {code: 'P-2', title: 'Бақыт', status: 'active', "
        "start_date: date('2024-01-01')}) "
        "WITH 1 AS _ MATCH (s:Meta {key: 'schema'}) SET s.version = 3"
    )
    db.write(
        "UNWIND $orgs AS o CREATE (:Organization {bin: o[0], name: o[1], name_kk: o[2], "
        "name_ru: o[3], kind: 'ngo', legal_form: 'public_association', archived: false})",
        orgs=[
            ["000000000001", "Бірлік", None, None],
            ["000000000002", "ОО Ясная поляна", "Әділет", "Ясная поляна"],
            ["000000000003", "Арман", None, None],
        ],
    )
    apply_schema(db)
    assert versions(db)[0] == SCHEMA_VERSION == 4
    stored = db.read(
        "MATCH (o:Organization {bin: '000000000002'}) RETURN o {.sort_kk, .sort_ru, .sort_en} AS k"
    )[0]["k"]
    assert stored == sort_keys("ОО Ясная поляна", "Ясная поляна", "Әділет")

    def names(language: Language) -> list[str]:
        page = organizations.page(
            db, PageRequest.parse(first=10), sort=OrgSort.NAME, language=language
        )
        return [org.display_name(language) for _, org in page.items]

    assert names(Language.KK) == ["Арман", "Әділет", "Бірлік"]
    assert names(Language.RU) == ["Арман", "Бірлік", "Ясная поляна"]
    titles = projects.page(
        db, PageRequest.parse(first=10), sort=ProjectSort.TITLE, descending=False,
        language=Language.RU,
    )  # fmt: skip
    assert [p.display_title(Language.RU) for _, p in titles.items] == ["Бақыт", "Мир"]
    assert [f.matched_name for f in search_all(db, "Yasnaya")] == ["Ясная поляна"]


def test_workers_starting_together_both_apply_the_schema(db: Database) -> None:
    """The API's workers apply the schema at the same moment; the one that loses the race to
    create a rule is told it exists, and must carry on (it used to start without its schema)."""
    db.write("DROP INDEX project_sort_ru IF EXISTS")
    db.write("DROP INDEX organization_sort_ru IF EXISTS")
    with ThreadPoolExecutor(max_workers=4) as pool:
        for done in [pool.submit(apply_schema, db) for _ in range(4)]:
            done.result()  # raises what a worker would have logged
    names = {r["name"] for r in db.read("SHOW INDEXES YIELD name RETURN name")}
    assert {"project_sort_ru", "organization_sort_ru"} <= names
