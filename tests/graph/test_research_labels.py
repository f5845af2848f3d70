"""The notebooks' figure and table texts in the language of their ``LANG`` parameter."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from graph.errors import SeriktesError
from graph.i18n import Language, current_language, t
from graph.research_labels import HEADERS, TEXTS, Labels, notebook_language

EN, RU, KK = Labels(Language.EN), Labels(Language.RU), Labels(Language.KK)


def test_a_title_in_each_language() -> None:
    assert EN("Ties per organisation") == "Ties per organisation"
    assert RU("Ties per organisation") == "Число связей у организаций"
    assert KK("Ties per organisation") == "Ұйымдардың байланыс саны"


def test_values_and_their_formats_fill_the_placeholders() -> None:
    assert EN("state share ≥ {share:.0%}", share=0.8) == "state share ≥ 80%"
    assert KK("state share ≥ {share:.0%}", share=0.8) == "бюджет қаражатының үлесі ≥ 80%"
    title = "Partnership network: largest component, {shown} of {total} organisations, {ties} ties"
    assert RU(title, shown=300, total=320, ties=900) == (
        "Сеть партнёрств: крупнейшая компонента — 300 из 320 организаций, связей: 900"
    )


def test_a_text_not_listed_is_an_error_naming_it() -> None:
    with pytest.raises(SeriktesError, match="'Ties per person' is not a notebook text"):
        EN("Ties per person")


def test_headers_of_codes() -> None:
    assert KK.header("district_name") == "аудан (қала)"
    assert RU.header("precision@10") == "точность@10"
    assert KK.header("recall@5") == "толықтық@5"
    assert EN.header("mrr") == "mean reciprocal rank"
    assert KK.header("youth_group") == "youth_group"  # a vocabulary value stays its code
    assert KK.header(None) is None
    assert KK.header(2018) == 2018


def test_a_table_shows_translated_headers_and_keeps_its_codes() -> None:
    frame = pd.DataFrame(
        {"name": ["Жастар"], "state_share": [0.5], "precision@10": [0.2]},
        index=pd.Index(["180240012342"], name="bin"),
    )
    frame.columns.name = "method"
    shown = KK.table(frame)
    assert list(shown.columns) == ["атауы", "бюджет қаражатының үлесі", "дәлдік@10"]
    assert (shown.columns.name, shown.index.name) == ("әдіс", "БСН")
    assert shown.index.tolist() == ["180240012342"]
    assert shown.iloc[0].tolist() == ["Жастар", 0.5, 0.2]
    assert list(frame.columns) == ["name", "state_share", "precision@10"]  # the frame is untouched


def test_a_series_is_shown_as_one_column() -> None:
    mrr = pd.Series({"suggester": 0.5, "random": 0.1, "ngo": 0.0}, name="mrr").rename_axis("method")
    shown = RU.table(mrr)
    assert list(shown.columns) == ["средний обратный ранг"]
    assert shown.index.name == "метод"
    assert shown.index.tolist() == ["suggester", "random", "ngo"]  # values, unless asked
    labelled = RU.table(mrr, rows=True).index.tolist()
    assert labelled == ["подбор партнёров", "случайный выбор", "ngo"]  # ngo: no header, as it is


def test_the_notebook_language_is_the_process_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SERIKTES_LANG", "en")  # restored after the test
    assert notebook_language(" KK ") == KK
    assert os.environ["SERIKTES_LANG"] == "kk"
    assert current_language() is Language.KK
    assert str(t("Ties per organisation")) == "Ұйымдардың байланыс саны"  # graph's texts too


def test_an_unknown_language_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SERIKTES_LANG", "en")
    with pytest.raises(SeriktesError, match=r"LANG must be one of en, ru, kk; got 'de'"):
        notebook_language("de")
    assert os.environ["SERIKTES_LANG"] == "en"


def test_every_header_can_be_asked_for_by_its_english_text() -> None:
    assert all(text.msgid in TEXTS for text in HEADERS.values())
