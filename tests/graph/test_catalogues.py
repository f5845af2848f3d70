"""Every text in code has its Kazakh and Russian translation, with the same placeholders."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.i18n import Language, negotiate, t, tn, tp
from graph.i18n.check import problems, source_messages

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("language", [Language.KK, Language.RU])
def test_every_message_is_translated(language: Language) -> None:
    assert problems(language, ROOT) == []


def test_the_extractor_sees_the_markers() -> None:
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in source_messages(ROOT)}
    assert len(ids) > 0


def test_a_missing_translation_is_reported(tmp_path: Path) -> None:
    (tmp_path / "graph").mkdir()
    (tmp_path / "api").mkdir()
    (tmp_path / "graph" / "m.py").write_text(
        'from graph.i18n import t\nt("a message no catalogue has {x}", x=1)\n'
    )
    [problem] = problems(Language.KK, tmp_path)[:1]
    assert "a message no catalogue has {x}" in problem
    assert "no kk translation" in problem


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, Language.RU),
        ("", Language.RU),
        ("kk", Language.KK),
        ("kk-KZ,ru;q=0.8", Language.KK),
        ("en;q=0.5, kk;q=0.9", Language.KK),
        ("de, en;q=0.1", Language.EN),
        ("fr", Language.RU),
        ("ru;q=0, en;q=0.1", Language.EN),
        ("*", Language.RU),
        ("EN-us", Language.EN),
    ],
)
def test_accept_language_honours_q_values(header: str | None, expected: Language) -> None:
    assert negotiate(header) is expected


def test_plural_and_context_render_in_english_without_a_catalogue() -> None:
    assert tn("{n} organisation", "{n} organisations", 5).render(Language.EN) == "5 organisations"
    assert tp("OrganizationKind", "NGO").render(Language.EN) == "NGO"
    assert t("{a} and {b}", a=t("x"), b=2).render(Language.EN) == "x and 2"


def test_a_message_in_two_files_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import graph.i18n.check as check

    for name in ("a.po", "b.po"):
        (tmp_path / "kk").mkdir(exist_ok=True)
        (tmp_path / "kk" / name).write_text('msgid "same"\nmsgstr "бірдей"\n', encoding="utf-8")
    monkeypatch.setattr(check, "LOCALES", tmp_path)
    assert check._duplicates(Language.KK) == ["b.po: 'same' is also in a.po"]
