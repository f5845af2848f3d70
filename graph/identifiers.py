"""Kazakhstan's identifiers: BIN (business identification number) and KATO territory codes."""

from __future__ import annotations

import re

__all__ = ["bin_check_digit", "is_valid_bin", "is_valid_kato", "normalize_bin"]

_WEIGHTS_FIRST = tuple(range(1, 12))
_WEIGHTS_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_DIGITS12 = re.compile(r"\d{12}")
_KATO = re.compile(r"\d{9}")


def bin_check_digit(first11: str) -> int | None:
    """The 12th digit of a BIN/IIN, or ``None`` when no digit is valid.

    The official algorithm: weights 1..11, sum mod 11; when that gives 10, weights
    3,4,5,6,7,8,9,10,11,1,2; 10 again means no BIN can end these eleven digits.

    >>> bin_check_digit("94014000038")
    5
    """
    digits = [int(c) for c in first11]
    check = sum(w * d for w, d in zip(_WEIGHTS_FIRST, digits, strict=True)) % 11
    if check == 10:
        check = sum(w * d for w, d in zip(_WEIGHTS_SECOND, digits, strict=True)) % 11
    return None if check == 10 else check


def normalize_bin(value: str) -> str:
    """Strip spaces a spreadsheet or a person adds; the result may still be invalid."""
    return re.sub(r"[\s\-]", "", value)


def is_valid_bin(value: str) -> bool:
    """Twelve digits whose last one is the check digit of the first eleven.

    >>> is_valid_bin("940140000385"), is_valid_bin("940140000386")
    (True, False)
    """
    if not _DIGITS12.fullmatch(value):
        return False
    return bin_check_digit(value[:11]) == int(value[11])


def is_valid_kato(value: str) -> bool:
    """KATO codes are nine digits (two for the oblast, then district, okrug, settlement).

    >>> is_valid_kato("551010000"), is_valid_kato("55101")
    (True, False)
    """
    return bool(_KATO.fullmatch(value))
