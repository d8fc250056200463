"""Polish identifiers as a person types them: KRS, NIP, REGON and postal codes (DOMAIN.md §4)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from razem.core.identifiers import clean_krs, clean_nip, clean_postal_code, clean_regon

pytestmark = pytest.mark.usefixtures("english")

NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)


def messages(func, value: str) -> str:
    with pytest.raises(ValidationError) as excinfo:
        func(value)
    return " ".join(excinfo.value.messages)


# KRS


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("123456", "0000123456"), ("0000123456", "0000123456"), (" 0000 123-456 ", "0000123456"), ("1", "0000000001")],
)
def test_a_krs_number_is_padded_to_ten_digits(typed, stored):
    assert clean_krs(typed) == stored


def test_an_empty_krs_number_stays_empty_for_organizations_outside_krs():
    assert clean_krs("") == ""
    assert clean_krs("   ") == ""


@pytest.mark.parametrize("typed", ["KRS 0000123456", "00001234S6", "0000123456a"])
def test_a_krs_number_with_letters_is_refused(typed):
    assert "only digits" in messages(clean_krs, typed)


@pytest.mark.parametrize("typed", ["12345678901", "00000123456"])
def test_a_krs_number_longer_than_ten_digits_is_refused(typed):
    assert "up to 10 digits" in messages(clean_krs, typed)


@pytest.mark.parametrize("typed", ["0", "0000000000", "00-000"])
def test_a_krs_number_of_zeros_is_refused(typed):
    assert "up to 10 digits" in messages(clean_krs, typed)


# NIP


@pytest.mark.parametrize("typed", ["123-456-32-18", "1234563218", "PL1234563218", "pl 123 456 32 18"])
def test_a_valid_nip_is_accepted_with_dashes_spaces_or_the_pl_prefix(typed):
    assert clean_nip(typed) == "1234563218"


def test_a_nip_with_a_wrong_check_digit_is_refused_with_the_checksum_message():
    message = messages(clean_nip, "123-456-32-19")

    assert "check digit does not match" in message


def nip_prefix_whose_check_would_be_ten() -> str:
    prefix = "123456789"
    assert sum(int(d) * w for d, w in zip(prefix, NIP_WEIGHTS, strict=True)) % 11 == 10
    return prefix


@pytest.mark.parametrize("last", list("0123456789"))
def test_a_nip_whose_checksum_gives_ten_is_never_valid(last):
    """Such numbers are never issued; code that reads 10 as 0 would wrongly accept ...890."""
    assert "check digit does not match" in messages(clean_nip, nip_prefix_whose_check_would_be_ten() + last)


@pytest.mark.parametrize("typed", ["123-456-32", "12345632189", "12345A3218"])
def test_a_nip_of_the_wrong_length_or_with_letters_is_refused_with_the_format_message(typed):
    assert "10 digits" in messages(clean_nip, typed)


def test_an_empty_nip_is_allowed_because_many_associations_have_none():
    assert clean_nip("") == ""


# REGON


@pytest.mark.parametrize("typed", ["123456785", "192598184", "123-456-785"])
def test_a_nine_digit_regon_with_a_matching_check_digit_is_accepted(typed):
    assert clean_regon(typed) == typed.replace("-", "")


def test_a_nine_digit_regon_whose_checksum_gives_ten_has_the_check_digit_zero():
    # 8*7 + 9*1 = 65, 65 mod 11 = 10, 10 mod 10 = 0: unlike NIP, this REGON exists.
    assert clean_regon("710000000") == "710000000"


def test_a_nine_digit_regon_with_a_wrong_check_digit_is_refused():
    assert "check digit does not match" in messages(clean_regon, "192598183")


def test_a_fourteen_digit_regon_of_a_local_unit_is_accepted():
    assert clean_regon("12345678512347") == "12345678512347"


@pytest.mark.parametrize(
    "typed",
    [
        "12345678612342",  # the first nine digits are not a valid REGON
        "12345678512348",  # the fourteenth digit does not match
    ],
)
def test_a_fourteen_digit_regon_with_either_check_digit_wrong_is_refused(typed):
    assert "check digit does not match" in messages(clean_regon, typed)


@pytest.mark.parametrize("typed", ["12345678", "1234567851", "12345678S", "123456785123"])
def test_a_regon_that_has_neither_nine_nor_fourteen_digits_is_refused(typed):
    assert "9 or 14 digits" in messages(clean_regon, typed)


# Postal code


@pytest.mark.parametrize(("typed", "stored"), [("31-004", "31-004"), ("31004", "31-004"), (" 30-960 ", "30-960")])
def test_a_postal_code_is_stored_as_two_digits_dash_three_digits(typed, stored):
    assert clean_postal_code(typed) == stored


@pytest.mark.parametrize("typed", ["3-1004", "31-00", "310044", "31 004", "ab-cde", "31-0O4"])
def test_a_malformed_postal_code_is_refused_with_an_example(typed):
    assert "31-004" in messages(clean_postal_code, typed)


@pytest.mark.parametrize(
    ("func", "typed"),
    [
        (clean_krs, "KRS1"),
        (clean_krs, "12345678901"),
        (clean_nip, "123-456-32-19"),
        (clean_nip, "123"),
        (clean_regon, "192598183"),
        (clean_regon, "1234"),
        (clean_postal_code, "3-1004"),
    ],
)
def test_a_polish_visitor_reads_every_identifier_message_in_polish(func, typed):
    with translation.override("pl"):
        polish = messages(func, typed)

    assert polish != messages(func, typed)  # the English source, active in these tests
