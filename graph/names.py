"""Names in Russian and Kazakh, found from any alphabet.

Coordinators type «Клуб добряков», "klub dobryakov" or "Aqsu"/"Aksu"; we index every name with its
Latin transliteration (anyascii: Cyrillic incl. Kazakh letters → ASCII) and transliterate the query
the same way, so both sides meet in Latin.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from anyascii import anyascii

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def latin(text: str) -> str:
    """Lower-case ASCII words of ``text``; punctuation dropped.

    Kazakh-style ``q``/``gh`` are folded to the Russian-style ``k``/``g`` so "Aqsu" and "Aksu"
    (or Аққулы and Аккулы) meet.

    >>> latin("Клуб добряков «Павлодара»")
    'klub dobryakov pavlodara'
    >>> latin("Ақсу"), latin("Aqsu")
    ('aksu', 'aksu')
    """
    ascii_text = anyascii(text).replace("'", "").lower().replace("q", "k").replace("gh", "g")
    return " ".join(_NON_WORD.sub(" ", ascii_text).split())


def words(text: str) -> str:
    """Lower-case words of ``text`` in its own alphabet, punctuation dropped."""
    return " ".join(_NON_WORD.sub(" ", text).lower().split())


def search_text(names: Iterable[str | None]) -> str:
    """What the full-text index holds besides the names: every name in words and in Latin."""
    parts: list[str] = []
    for name in names:
        if name:
            for form in (words(name), latin(name)):
                if form not in parts:
                    parts.append(form)
    return " | ".join(parts)
