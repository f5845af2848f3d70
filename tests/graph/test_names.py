"""The folded key and the query built from it: pure functions, no database."""

from __future__ import annotations

import pytest

from graph.names import fold, is_exact, lucene_query, matched_name, search_text, stem


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("Jastar", "Жастар"),  # 2021 Kazakh Latin J for Ж
        ("Zhastar", "Жастар"),  # Russian-style zh
        ("Şarbaqty", "Шарбақты"),  # Ş, Q
        ("Sherbakty", "Щербакты"),
        ("Shcherbakty", "Щербакты"),  # shch for Щ
        ("Kachiry", "Качиры"),
        ("Ekibastūz", "Екібастұз"),  # Ū for Ұ
        ("Ekibastuz", "Экибастуз"),
        ("Äkimdik", "Әкімдік"),  # Ä
        ("Ağaş", "Ағаш"),  # Ğ
        ("Köñil", "Көңіл"),  # Ö Ñ
        ("Tüye", "Түйе"),  # Ü, Y for Й
        ("Halyk", "Халық"),  # H for Х
        ("Khalyk", "Халық"),  # kh
        ("Aidahar", "Айдаһар"),  # H for Һ
        ("İnabat", "Инабат"),  # İ
        ("Yulduz", "Юлдуз"),  # yu
        ("Yasnaya", "Ясная"),  # ya
        ("Aqqu", "Аққу"),  # doubled letters merge
    ],
)
def test_every_alphabet_folds_to_one_key(typed: str, name: str) -> None:
    assert fold(typed) == fold(name)
    assert is_exact(typed, name)


def test_fold_drops_punctuation_and_case() -> None:
    assert fold("«Жастар» — орталығы!") == "jastar ortaligi"
    assert fold("") == ""


@pytest.mark.parametrize(
    ("word", "stemmed_like"),
    [
        ("жастарға", "Жастар"),  # Kazakh dative
        ("Jastarga", "Жастар"),
        ("жастардың", "Жастар"),  # genitive
        ("ветеранов", "ветераны"),  # Russian (Snowball)
        ("молодёжного", "молодёжный"),
    ],
)
def test_word_endings_leave_a_stem_that_prefixes_the_name(word: str, stemmed_like: str) -> None:
    assert fold(stemmed_like).startswith(stem(word))
    query = lucene_query(word)
    assert query is not None and f"{stem(word)}*" in query.split(" OR ")


def test_a_short_word_keeps_its_ending() -> None:
    assert stem("Ақсу") == "aksu"
    assert stem("дана") == "dana"


def test_search_text_holds_words_and_folded_keys_once() -> None:
    text = search_text(["Щербактинский район", "Шарбақты ауданы", None, "Щербактинский район"])
    assert text == "щербактинский район | sherbaktinski raion | шарбақты ауданы | sharbakti audani"


def test_lucene_syntax_typed_by_a_user_is_inert() -> None:
    query = lucene_query('a:b OR "x" ~* (c)')
    assert query is not None
    assert not set(query) & set(':"()')
    assert lucene_query("!!! ---") is None


def test_matched_name_is_the_closest_in_any_alphabet() -> None:
    names = ("Щербактинский район", "Шарбақты ауданы")
    assert matched_name("Şarbaqty audany", names) == "Шарбақты ауданы"
    assert matched_name("Shcherbaktinsky raion", names) == "Щербактинский район"
