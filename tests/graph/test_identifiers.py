from __future__ import annotations

import pytest

from graph.identifiers import bin_check_digit, is_valid_bin, is_valid_kato, normalize_bin


@pytest.mark.parametrize("value", ["940140000385", "990140004654"])
def test_known_valid_bins(value: str) -> None:
    assert is_valid_bin(value)


@pytest.mark.parametrize(
    "value",
    [
        "940140000386",  # wrong check digit
        "99014000465",  # 11 digits
        "9901400046541",  # 13 digits
        "99014000465a",
        "",
    ],
)
def test_invalid_bins(value: str) -> None:
    assert not is_valid_bin(value)


def test_second_weights_used_when_first_sum_gives_ten() -> None:
    # find eleven digits whose first weighted sum is 10 mod 11, and check the second round decides
    for n in range(10_000_000_000, 10_000_100_000):
        digits = str(n)
        first = sum(w * int(d) for w, d in zip(range(1, 12), digits, strict=True)) % 11
        if first == 10:
            weights = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
            second = sum(w * int(d) for w, d in zip(weights, digits, strict=True)) % 11
            assert bin_check_digit(digits) == (None if second == 10 else second)
            return
    raise AssertionError("no sample found")


def test_an_eleven_digit_prefix_with_no_valid_check_digit_exists() -> None:
    assert any(bin_check_digit(f"{n:011d}") is None for n in range(10_000))


def test_normalize_bin_strips_spaces_and_dashes() -> None:
    assert normalize_bin(" 940140 000385 ") == "940140000385"
    assert normalize_bin("940-140-000-385") == "940140000385"


def test_kato() -> None:
    assert is_valid_kato("551010000")
    assert not is_valid_kato("5510100000")
    assert not is_valid_kato("55101000a")
