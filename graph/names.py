"""Names in Russian and Kazakh, found from any alphabet.

Coordinators type «Щербакты», "Şarbaqty" (the 2021 Kazakh Latin alphabet), "Shcherbakty"
(Russian-style Latin) or "Sherbakty"; :func:`fold` maps every alphabet to one folded Latin key,
so all of them meet. The full-text indexes hold each name's words and their folded keys
(:func:`search_text`, written with the name); a query is folded the same way
(:func:`lucene_query`), with Russian (Snowball) and Kazakh word endings stripped so «ветеранов»
and «жастарға» still find «ветераны» and «Жастар».
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Protocol, cast

import snowballstemmer
from anyascii import anyascii
from rapidfuzz import fuzz

from graph.i18n import Language

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]")

# Cyrillic (Russian and Kazakh) to the folded Latin: one letter for the sounds the alphabets
# spell differently (Ж = J = zh, Ш = Щ = Ş = sh = shch, Х = Һ = H = kh, Й = Ы = І = И = Y = I).
_CYR_TO_LATIN = str.maketrans({
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "j", "з": "z", "и": "i", "й": "i", "і": "i", "к": "k", "қ": "k", "л": "l", "м": "m",
    "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ұ": "u", "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "sh", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    # Kazakh Latin (2021) letters whose diacritic is a different sound, not a variant
    "ş": "sh", "ç": "ch", "ı": "i",
})  # fmt: skip
# Russian-style Latin digraphs, longest first; then the letters the folded key merges.
_DIGRAPHS = (("shch", "sh"), ("sch", "sh"), ("zh", "j"), ("dj", "j"), ("kh", "h"),
             ("q", "k"), ("y", "i"), ("w", "v"), ("x", "ks"))  # fmt: skip
_DOUBLED = re.compile(r"(.)\1+")

# Kazakh case endings in folded form (vowel harmony and voicing merged by the folding): dative,
# genitive, accusative, locative, ablative, instrumental. Longest first; a stem keeps 4 letters.
_KAZAKH_ENDINGS = ("nda", "nde", "dan", "den", "tan", "ten", "nan", "nen", "nin", "din",
                   "tin", "men", "ben", "pen", "ga", "ge", "ka", "ke", "na", "ne", "da", "de",
                   "ta", "te", "ni", "di", "ti")  # fmt: skip
_MIN_STEM = 4


def fold(text: str) -> str:
    """One Latin key for a text in Cyrillic, Kazakh Latin or Russian-style Latin: lower-case
    words, punctuation dropped, doubled letters merged.

    >>> fold("Щербакты"), fold("Şarbaqty"), fold("Shcherbakty"), fold("Sherbakty")
    ('sherbakti', 'sharbakti', 'sherbakti', 'sherbakti')
    >>> fold("Екібастұз"), fold("Ekibastūz"), fold("Жастар"), fold("Zhastar")
    ('ekibastuz', 'ekibastuz', 'jastar', 'jastar')
    """
    text = text.lower().translate(_CYR_TO_LATIN)
    # the other Kazakh Latin diacritics (Ä Ğ İ Ñ Ö Ū Ü) are variants of the plain letter
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = anyascii(text).lower().replace("'", "")
    for digraph, letter in _DIGRAPHS:
        text = text.replace(digraph, letter)
    return " ".join(_DOUBLED.sub(r"\1", _NON_WORD.sub(" ", text).replace("_", " ")).split())


def display_name(language: Language, name: str, name_ru: str | None, name_kk: str | None) -> str:
    """The name a reader of ``language`` sees: Kazakh → the Kazakh name, Russian → the Russian
    name, else (and in English) the registered name as it is.

    The registered name is the fallback, not the other language: it is the legal name, and it is
    often already in the reader's language (a Kazakh-registered «"Жастар" ҚБ» has no Kazakh name
    apart from it, and showing its Russian translation to a Kazakh reader would be wrong). English
    shows the registered name, not a transliteration: it is what official records carry, and a
    made-up Latin spelling would match none of them.

    >>> display_name(Language.KK, 'ОО "Жастар"', None, '"Жастар" ҚБ')
    '"Жастар" ҚБ'
    >>> display_name(Language.RU, '"Жастар" ҚБ', 'ОО "Жастар"', None)
    'ОО "Жастар"'
    >>> display_name(Language.KK, 'ОО "Жастар"', 'ОО "Жастар"', None)
    'ОО "Жастар"'
    """
    own = {Language.KK: name_kk, Language.RU: name_ru}.get(language)
    return own or name


def latin(text: str) -> str:
    """Lower-case ASCII words of ``text``; punctuation dropped (what duplicate detection
    compares).

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
    """What the full-text index holds besides the names: every name in words and folded."""
    parts: list[str] = []
    for name in names:
        if name:
            for form in (words(name), fold(name)):
                if form and form not in parts:
                    parts.append(form)
    return " | ".join(parts)


class _Stemmer(Protocol):
    def stemWord(self, word: str) -> str: ...


@cache
def _russian() -> _Stemmer:
    return cast(_Stemmer, snowballstemmer.stemmer("russian"))


def stem(word: str) -> str:
    """The folded stem of one word: Kazakh case endings off, else Russian endings (Snowball)
    off a Cyrillic word; a stem keeps at least four letters. Over-stripping only widens a
    prefix match, and the unstemmed word is searched too.

    >>> stem("ветеранов"), stem("жастарға"), stem("Jastarga"), stem("Жастар")
    ('veteran', 'jastar', 'jastar', 'jastar')
    """
    folded = fold(word)
    for ending in _KAZAKH_ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= _MIN_STEM:
            return folded[: -len(ending)]
    lower = word.lower()
    if _CYRILLIC.search(lower):
        stemmed = fold(_russian().stemWord(lower))
        return stemmed if len(stemmed) >= _MIN_STEM else folded
    return folded


def lucene_query(text: str) -> str | None:
    """A Lucene query for what a person typed: each word as typed and folded, exact, as a
    prefix, its stem as a prefix, and the folded word with one or two typos. Only word
    characters reach Lucene, so its syntax (``~ * : " OR``...) typed by a user is inert.

    >>> lucene_query("Клуб доб")
    'клуб^3 OR клуб* OR klub^3 OR klub* OR klub~1 OR доб^3 OR доб* OR dob^3 OR dob*'
    """
    terms: list[str] = []
    for word in words(text).replace("_", " ").split():
        folded = fold(word).replace(" ", "")
        if word != folded:
            terms += [f"{word}^3", f"{word}*"]
        if not folded:
            continue
        terms += [f"{folded}^3", f"{folded}*"]
        stemmed = stem(word)
        if stemmed != folded:
            terms.append(f"{stemmed}*")
        if len(folded) >= 4:
            terms.append(f"{folded}~{1 if len(folded) < 7 else 2}")
    return " OR ".join(dict.fromkeys(terms)) if terms else None


def similarity(query: str, name: str) -> float:
    """How close a name is to what was typed, in [0, 100], compared folded: mostly whether the
    typed words are in the name (token set, or a part of it: "Sherbakty" in «Щербактинский»),
    partly how much of the name they cover (so «Шарбақты ауылы» ranks before «Школа донора
    (село Шарбакты)» for "Şarbaqty")."""
    typed, folded = fold(query), fold(name)
    contained = max(fuzz.token_set_ratio(typed, folded), fuzz.partial_ratio(typed, folded))
    return 0.6 * contained + 0.4 * fuzz.token_sort_ratio(typed, folded)


# Words that say what kind of place a territory is, folded: г., город, қаласы, район, ауданы,
# село, ауылы, посёлок, кенті, сельский/ауылдық округ(і), область, облысы.
_PLACE_WORDS = frozenset(fold(w) for w in (
    "г", "город", "қала", "қаласы", "район", "ауданы", "село", "ауыл", "ауылы", "поселок", "кенті",
    "сельский", "ауылдық", "округ", "округі", "область", "облысы",
))  # fmt: skip


def place_similarity(query: str, name: str) -> float:
    """:func:`similarity` for the name of a place, whose type word a person rarely types:
    "Şarbaqty" is «Шарбақты ауданы» as much as «село Шарбакты» (the search then puts the
    district first, see :mod:`graph.search`)."""
    folded = fold(name).split()
    bare = " ".join(w for w in folded if w not in _PLACE_WORDS)
    whole = similarity(query, name)
    return max(whole, similarity(query, bare)) if bare and bare != " ".join(folded) else whole


def matched_name(query: str, names: Iterable[str], *, place: bool = False) -> str:
    """The name (or alias) closest to what was typed; ``place``: by :func:`place_similarity`."""
    closeness = place_similarity if place else similarity
    return max(names, key=lambda n: closeness(query, n))


def is_exact(query: str, name: str) -> bool:
    """Whether ``name`` is what was typed, in any alphabet."""
    return fold(query) == fold(name)
