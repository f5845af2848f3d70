"""The rule book: every check the importer, the edits, discovery and analytics share, once.

Two kinds of rule live here. *Parsers* (``bin_``, ``kato``, ``whole``, ``enum`` ...) take one value
and raise :class:`RuleError` (a ``ValueError``) with a message a person can act on, a stable
``code`` and its parameters (texts in :data:`MESSAGES`, translated by :mod:`graph.i18n`);
the importer shows it as ``file:line: column: message`` and :func:`checked` turns it into
:class:`InvalidInput` naming the argument. *Argument checks* (``check_first``, ``parse_kinds`` ...)
raise :class:`InvalidInput` directly. Field names are this package's snake_case names
(``focus_areas``, ``end_date``); the API turns them into its own names in one place
(``api/errors.py``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from graph.errors import InvalidInput
from graph.focus_areas import FOCUS_AREA_CODES
from graph.i18n import Text, t
from graph.i18n.values import Day
from graph.identifiers import bin_check_digit, is_valid_kato, normalize_bin
from graph.vocab import GiverKind, NeedStatus, OfferCategory, OfferStatus, OrgKind, Skill

__all__ = [
    "MAX_PAGE_SIZE",
    "MAX_TEXT",
    "MESSAGES",
    "SELF_PARTNERSHIP",
    "VOLUNTEER_CONSENT",
    "Refusal",
    "RuleError",
    "bin_",
    "boolean",
    "check_first",
    "check_page_size",
    "checked",
    "clean_text",
    "code",
    "consent",
    "date",
    "enum",
    "enum_value",
    "focus_codes",
    "giver_problem",
    "handover_exceeds",
    "handover_refusal",
    "kato",
    "need_status",
    "not_before",
    "number",
    "offer_status",
    "parse_enum",
    "parse_focus",
    "parse_kinds",
    "parse_territories",
    "personal_data_without_consent",
    "quantity",
    "skill",
    "skill_problem",
    "skills",
    "status_mismatch",
    "text",
    "timestamp",
    "whole",
    "year",
    "year_outside",
]

MAX_PAGE_SIZE = 100
"""Rows in one page of any list, in the API and in discovery."""
MAX_TEXT = 500
"""Characters in one text value (a name, a title, a note)."""
SELF_PARTNERSHIP = t("an organisation cannot partner with itself")
VOLUNTEER_CONSENT = t("a volunteer is recorded only with their consent: consent must be true (yes)")
"""Personal data of a volunteer is kept only with consent (the hub, docs/data-model.md)."""

E = TypeVar("E", bound=StrEnum)
V = TypeVar("V")
T = TypeVar("T")
Parser = Callable[[str], Any]


MESSAGES: dict[str, Text] = {
    "text_too_long": t("text is {length} characters long; at most {maximum} are allowed"),
    "not_a_code": t("{value!r} is not a code (letters, digits, '-', '_', '.'; max 64)"),
    "bin_not_12_digits": t("BIN must be 12 digits, got {value!r}"),
    "bin_check_digit": t("BIN {value} fails the check digit"),
    "kato_not_9_digits": t("KATO code must be 9 digits, got {value!r}"),
    "not_whole": t("expected a non-negative whole number, got {value!r}"),
    "not_a_number": t("expected a non-negative number like 40 or 12,5, got {value!r}"),
    "not_whole_tenge": t(
        "expected whole tenge (like 1 000 000 or 1 000 000,00), got {value!r} with {cents} tiyn"
    ),
    "year_out_of_range": t("year {value} is out of range"),
    "not_a_date": t(
        "expected a date like 2021-03-01 or 01.03.2021 (day.month.year), got {value!r}"
    ),
    "not_a_boolean": t("expected true/false, yes/no, да/нет or иә/жоқ, got {value!r}"),
    "unknown_value": t("unknown value {value!r}; expected one of: {allowed}"),
    "unknown_focus_area": t("unknown focus area {values}; expected codes from: {allowed}"),
    "not_a_timestamp": t(
        "expected a date and time with its offset, like 2024-05-01T10:30:00+05:00, got {value!r}"
    ),
    "not_a_quantity": t("expected a whole number of at least 1, got {value!r}"),
}
"""Every parser message by its stable code; ``{name}`` placeholders are the error's parameters."""


class RuleError(ValueError):
    """A parser's refusal: ``code`` and ``params`` stay the same whatever language shows them."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        self.text = Text(MESSAGES[code].msgid, params)
        super().__init__(self.text)

    def __str__(self) -> str:
        return str(self.text)


def checked(parse: Callable[[V], T], value: V, *, field: str) -> T:
    """``parse(value)`` with its ``ValueError`` turned into :class:`InvalidInput` on ``field``."""
    try:
        return parse(value)
    except RuleError as exc:
        raise InvalidInput(exc.text, field=field) from None
    except ValueError as exc:
        raise InvalidInput(str(exc), field=field) from None


# -- parsers: one value, ValueError on a wrong one -----------------------------------------------


def text(value: str) -> str:
    if len(value) > MAX_TEXT:
        raise RuleError("text_too_long", length=len(value), maximum=MAX_TEXT)
    return value


def code(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}", value):
        raise RuleError("not_a_code", value=value)
    return value


def bin_(value: str) -> str:
    """A BIN with the spaces a spreadsheet adds dropped, its check digit verified."""
    digits = normalize_bin(value)
    if not re.fullmatch(r"\d{12}", digits):
        raise RuleError("bin_not_12_digits", value=value)
    check = bin_check_digit(digits[:11])
    if check is None or check != int(digits[11]):
        raise RuleError("bin_check_digit", value=digits)
    return digits


GROUP_KEY = re.compile(r"IG-[0-9A-HJKMNP-TV-Z]{13}")
"""An initiative group's key (:mod:`graph.edits.groups`): what names a group that has no BIN."""


def organization_key(value: str) -> str:
    """What names an organisation: its BIN (checked as :func:`bin_`) or a group's key ``IG-…``."""
    if isinstance(value, str) and GROUP_KEY.fullmatch(value.strip()):
        return value.strip()
    return bin_(value)


def kato(value: str) -> str:
    if not isinstance(value, str) or not is_valid_kato(value):
        raise RuleError("kato_not_9_digits", value=value)
    return value


def whole(value: str | int) -> int:
    """A non-negative whole number (people, tenge). In text, spaces (also non-breaking) as
    thousands separators and ``,00`` after a whole amount, as Excel ru-RU writes money, are fine;
    other tiyn are an error, never rounded away."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 0:
            raise RuleError("not_whole", value=value)
        return value
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", str(value))
    match = re.fullmatch(r"(\d+)(?:,(\d\d))?", cleaned)
    if match is None:
        raise RuleError("not_whole", value=value)
    if match[2] not in (None, "00"):
        raise RuleError("not_whole_tenge", value=value, cents=match[2])
    return int(match[1])


def number(value: str | float) -> int | float:
    """A non-negative number (an indicator's baseline, target or actual): whole, or with a
    decimal part after ``,`` (Excel ru-RU) or ``.``; spaces as thousands separators. A whole
    number stays an ``int``, so ``40`` is written and read back as ``40``."""
    if isinstance(value, bool):
        raise RuleError("not_a_number", value=value)
    if isinstance(value, int | float):
        if not math.isfinite(value) or value < 0:
            raise RuleError("not_a_number", value=value)
        return int(value) if float(value).is_integer() else float(value)
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", str(value)).replace(",", ".")
    if re.fullmatch(r"\d+(?:\.\d+)?", cleaned) is None:
        raise RuleError("not_a_number", value=value)
    return number(float(cleaned)) if "." in cleaned else int(cleaned)


def quantity(value: str | int) -> int:
    """How many units an offer, need or handover is (1 flat, 40 hours): a whole number ≥ 1."""
    try:
        number = whole(value)
    except RuleError:
        raise RuleError("not_a_quantity", value=value) from None
    if number < 1:
        raise RuleError("not_a_quantity", value=value)
    return number


def year(value: str | int) -> int:
    number = whole(value)
    if not 1900 <= number <= dt.date.today().year + 10:
        raise RuleError("year_out_of_range", value=number)
    return number


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def date(value: str) -> dt.date:
    """``2021-03-01`` or, as Excel ru-RU and kk-KZ show dates, ``01.03.2021`` (day first).
    Anything else (``03/01/2021``, a two-digit year, a day that does not exist) is refused rather
    than guessed."""
    if match := _ISO_DATE.fullmatch(value):
        year_, month, day = match.groups()
    elif match := _DOTTED_DATE.fullmatch(value):
        day, month, year_ = match.groups()
    else:
        raise RuleError("not_a_date", value=value)
    try:
        return dt.date(int(year_), int(month), int(day))
    except ValueError:
        raise RuleError("not_a_date", value=value) from None


def timestamp(value: str | dt.datetime) -> dt.datetime:
    """An ISO 8601 moment with its UTC offset (when a giver's data was erased, say); a moment
    without an offset is refused, since it would mean different times on different servers."""
    if isinstance(value, dt.datetime):
        moment = value
    else:
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise RuleError("not_a_timestamp", value=value) from None
    if moment.tzinfo is None:
        raise RuleError("not_a_timestamp", value=value)
    return moment


def boolean(value: str) -> bool:
    lowered = value.lower()
    if lowered in {"true", "yes", "1", "да", "иә"}:
        return True
    if lowered in {"false", "no", "0", "нет", "жоқ"}:
        return False
    raise RuleError("not_a_boolean", value=value)


def enum_value(kind: type[E], value: str) -> E:
    """Case-insensitive lookup with an error that lists what is allowed."""
    try:
        return kind(value.strip().lower())
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        raise RuleError("unknown_value", value=value, allowed=allowed) from None


def enum(kind: type[StrEnum]) -> Parser:
    """A parser giving the member's text value (what the graph stores)."""

    def parse(value: str) -> str:
        return enum_value(kind, value).value

    return parse


def consent(value: str) -> bool:
    """Whether a person agreed to their personal data being kept: yes/no as :func:`boolean`."""
    return boolean(value)


def skill(value: str) -> str:
    """One of the documented :class:`Skill` values (a volunteer's, an offer's or a need's)."""
    return enum_value(Skill, value).value


def skills(values: Iterable[str]) -> list[str]:
    """Known skills, each once, sorted (a volunteer's list)."""
    return sorted({skill(v) for v in values})


def focus_codes(codes: Iterable[str]) -> list[str]:
    """Known focus-area codes, lower-cased, each once, sorted."""
    wanted = [c.strip().lower() for c in codes]
    unknown = [c for c in wanted if c not in FOCUS_AREA_CODES]
    if unknown:
        raise RuleError(
            "unknown_focus_area",
            values=", ".join(map(repr, unknown)),
            allowed=", ".join(sorted(FOCUS_AREA_CODES)),
        )
    return sorted(set(wanted))


# -- facts that need two values: a message, or None when the rule holds ----------------------------


def not_before(start: dt.date | None, end: dt.date | None, start_name: str) -> Text | None:
    """An end may not come before its start (a project's period, a partnership's); ``start_name``
    is the field or column that holds the start."""
    if start is not None and end is not None and end < start:
        return t(
            "{end} is before {start_name} {start}", end=end, start_name=start_name, start=start
        )
    return None


def year_outside(year: int, first: int, last: int) -> Text | None:
    """Money is given in a year the project runs (``last`` 9999: open-ended)."""
    if first <= year <= last:
        return None
    return t(
        "{year} is outside the project's period {first}–{last}",
        year=year,
        first=first,
        last="" if last == 9999 else last,
    )


def personal_data_without_consent(consent: bool | None, *values: object) -> Text | None:
    """A person's name or contact is kept only with their recorded consent."""
    if consent is not True and any(v is not None and v != "" for v in values):
        return t("a person's name or contact is kept only with their consent (consent = yes)")
    return None


def offer_status(declared: str | None, quantity: int, given: int) -> OfferStatus:
    """An offer's status once ``given`` of its ``quantity`` has been handed over: ``handed_over``
    exactly when all of it has; otherwise what was declared (``offered`` for none, or for a
    ``handed_over`` that no longer holds)."""
    if given >= quantity:
        return OfferStatus.HANDED_OVER
    status = OfferStatus(declared) if declared else OfferStatus.OFFERED
    return OfferStatus.OFFERED if status is OfferStatus.HANDED_OVER else status


def need_status(declared: str | None, quantity: int, given: int) -> NeedStatus:
    """A need's status once ``given`` of its ``quantity`` has been received: ``closed`` stays
    (the organisation closed it, met or not); else ``met``, ``partly_met`` or ``open`` by the
    sum."""
    if declared == NeedStatus.CLOSED:
        return NeedStatus.CLOSED
    if given >= quantity:
        return NeedStatus.MET
    return NeedStatus.PARTLY_MET if given > 0 else NeedStatus.OPEN


def status_mismatch(declared: str, expected: str, given: int, quantity: int) -> Text | None:
    """A status written down that the handovers contradict (``handed_over`` with some left)."""
    if declared == expected:
        return None
    return t(
        "{declared} does not match the handovers: {given} of {quantity} handed over makes it "
        "{expected}",
        declared=declared,
        given=given,
        quantity=quantity,
        expected=expected,
    )


def handover_exceeds(quantity: int, given: int, adding: int) -> Text | None:
    """More may not be handed over than an offer holds (``given``: what already has been)."""
    if given + adding <= quantity:
        return None
    return t(
        "handing over {adding} more would make {total} of the offer's {quantity}; "
        "{left} left to give",
        adding=adding,
        total=given + adding,
        quantity=quantity,
        left=max(quantity - given, 0),
    )


# -- the House of NGOs: offers, needs and handovers (graph.edits.offers, the importer) ---------


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a hub record is refused: the field (or column) at fault, the message, and whether it
    is a :class:`~graph.errors.Conflict` with the graph's state rather than a wrong value."""

    field: str
    message: Text
    conflict: bool = False


def skill_problem(category: str, skill: str | None) -> Refusal | None:
    """An offer or need of category ``skill`` names its skill; no other category has one."""
    if category == OfferCategory.SKILL and skill is None:
        return Refusal("skill", t("an offer or need of category skill names the skill"))
    if category != OfferCategory.SKILL and skill is not None:
        return Refusal("skill", t("only an offer or need of category skill names a skill"))
    return None


def giver_problem(
    kind: str,
    *,
    bin: str | None,
    akimat: str | None,
    name: str | None,
    contact: str | None,
    consent: bool,
) -> Refusal | None:
    """Who offers must be named the way ``kind`` says, and a citizen's name or contact (personal
    data) is kept only with their recorded consent. Field names: ``giver_bin``, ``giver_akimat``,
    ``giver_name``, ``giver_contact``, ``consent``."""
    if kind == GiverKind.CITIZEN:
        if bin is not None or akimat is not None:
            field = "giver_bin" if bin is not None else "giver_akimat"
            return Refusal(field, t("a citizen giver has no BIN and no akimat"))
        if (name is not None or contact is not None) and not consent:
            field = "giver_name" if name is not None else "giver_contact"
            return Refusal(
                field,
                t(
                    "a citizen's name and contact are personal data: they are kept only with "
                    "the giver's recorded consent"
                ),
            )
        return None
    if contact is not None or consent:
        field = "giver_contact" if contact is not None else "consent"
        return Refusal(field, t("only a citizen giver has a contact and a consent"))
    if kind == GiverKind.AKIMAT:
        if akimat is None:
            return Refusal("giver_akimat", t("an akimat giver is named by its akimat code"))
        if bin is not None or name is not None:
            field = "giver_bin" if bin is not None else "giver_name"
            return Refusal(field, t("an akimat giver is named by its code alone"))
        return None
    if akimat is not None:
        return Refusal("giver_akimat", t("only an akimat giver has an akimat code"))
    if bin is None:
        return Refusal("giver_bin", t("an organisation or business giver is named by its BIN"))
    if kind == GiverKind.ORGANIZATION and name is not None:
        return Refusal("giver_name", t("an organisation giver is named by its BIN alone"))
    if kind == GiverKind.BUSINESS and name is None:
        return Refusal("giver_name", t("a business giver needs its name"))
    return None


def handover_refusal(
    *,
    offer_status: str,
    offer_category: str,
    available_until: dt.date | None,
    left: int,
    need_status: str,
    need_category: str,
    quantity: int,
    on: dt.date,
) -> Refusal | None:
    """Whether ``quantity`` of an offer may go to a need on day ``on``: the offer is still
    offered (not withdrawn, handed over or expired), the need still open, the categories match,
    and no more is given than is left of the offer (``left``)."""
    if offer_status == OfferStatus.WITHDRAWN:
        return Refusal("offer", t("the offer was withdrawn"), conflict=True)
    if available_until is not None and on > available_until:
        return Refusal(
            "offer", t("the offer expired on {date}", date=Day(available_until)), conflict=True
        )
    if need_status == NeedStatus.CLOSED:
        return Refusal("need", t("the need is closed"), conflict=True)
    if need_status == NeedStatus.MET:
        return Refusal("need", t("the need is met already"), conflict=True)
    if offer_category != need_category:
        return Refusal(
            "need",
            t(
                "the offer is of category {offer} and the need of category {need}",
                offer=offer_category,
                need=need_category,
            ),
        )
    if quantity > left:
        return Refusal(
            "quantity",
            t("only {left} of the offer is left; {quantity} cannot be given", left=left,
              quantity=quantity),
            conflict=True,
        )  # fmt: skip
    return None


# -- argument checks: InvalidInput naming the argument ---------------------------------------------


def parse_enum(kind: type[E], value: str, *, field: str) -> E:
    return checked(lambda v: enum_value(kind, v), value, field=field)


def clean_text(value: str | None, *, field: str, required: bool = False) -> str | None:
    """Text a person typed: trimmed, at most :data:`MAX_TEXT` characters, ``None`` when empty
    (or an error when ``required``)."""
    if value is None:
        if required:
            raise InvalidInput(t("required"), field=field)
        return None
    value = value.strip()
    if required and not value:
        raise InvalidInput(t("must not be empty"), field=field)
    return checked(text, value, field=field) or None


def check_page_size(first: int | None, last: int | None, *, maximum: int = MAX_PAGE_SIZE) -> None:
    """``first``/``last`` of a connection: one of them, each 0..``maximum`` (0: an empty page)."""
    if first is not None and last is not None:
        raise InvalidInput(t("give either first or last, not both"), field="last")
    for name, size in (("first", first), ("last", last)):
        if size is not None and size < 0:
            raise InvalidInput(t("{name} must not be negative", name=name), field=name)
        if size is not None and size > maximum:
            raise InvalidInput(
                t(
                    "{name} is {size}; at most {maximum} per page",
                    name=name,
                    size=size,
                    maximum=maximum,
                ),
                field=name,
            )


def check_first(first: int, *, maximum: int = MAX_PAGE_SIZE) -> int:
    """How many results a ranked list (suggestions, duplicates, outcomes) returns: 1..maximum."""
    if not 1 <= first <= maximum:
        raise InvalidInput(
            t("first must be between 1 and {maximum}", maximum=maximum), field="first"
        )
    return first


def _values(values: str | Iterable[str] | None, field: str, every: Text) -> list[str] | None:
    if values is None:
        return None
    found = [values] if isinstance(values, str) else list(values)
    if not found:
        raise InvalidInput(
            t("{field} is empty; pass None for {every}", field=field, every=every), field=field
        )
    return found


def parse_kinds(
    kinds: str | Iterable[str] | None, *, field: str = "kinds"
) -> tuple[OrgKind, ...] | None:
    """Organisation kinds, each once, sorted; ``None`` means every kind."""
    values = _values(kinds, field, t("every kind"))
    if values is None:
        return None
    parsed = {parse_enum(OrgKind, str(v), field=field) for v in values}
    return tuple(sorted(parsed, key=lambda k: k.value))


def parse_focus(
    codes: str | Iterable[str] | None, *, field: str = "focus_areas"
) -> frozenset[str] | None:
    """Focus-area codes; ``None`` means every area."""
    values = _values(codes, field, t("every area"))
    return None if values is None else frozenset(checked(focus_codes, values, field=field))


def parse_territories(
    territories: str | Iterable[str] | None, *, field: str = "territories"
) -> tuple[str, ...] | None:
    """KATO codes, each once, sorted; ``None`` means the whole region."""
    values = _values(territories, field, t("the whole region"))
    if values is None:
        return None
    return tuple(sorted({checked(kato, v, field=field) for v in values}))
