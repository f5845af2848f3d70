"""Schema v3 refolds the ``search_text`` an older version wrote, so old databases find names
typed in any alphabet after an upgrade."""

from __future__ import annotations

from graph.db import Database
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
    assert versions(db)[0] == SCHEMA_VERSION == 3
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
