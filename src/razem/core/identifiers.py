"""Polish identifiers (KRS, NIP, REGON): normalisation and validation with clear Polish messages."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.pl import nip as stdnum_nip
from stdnum.pl import regon as stdnum_regon


def digits(value: str) -> str:
    return re.sub(r"\D", "", value or "")


def clean_krs(value: str) -> str:
    """A KRS number has 10 digits, zero-padded; it has no checksum."""
    raw = (value or "").strip()
    if not raw:
        return ""
    if re.search(r"[^\d\s-]", raw):
        raise ValidationError(_("A KRS number contains only digits, e.g. 0000123456."), code="krs_format")
    number = digits(raw)
    if not number or len(number) > 10 or int(number) == 0:
        raise ValidationError(_("A KRS number has up to 10 digits, e.g. 0000123456."), code="krs_format")
    return number.zfill(10)


def clean_nip(value: str) -> str:
    raw = (value or "").strip()
    if not raw:
        return ""
    number = stdnum_nip.compact(raw.upper().removeprefix("PL"))
    if not number.isdigit() or len(number) != 10:
        raise ValidationError(_("A NIP number has 10 digits, e.g. 123-456-32-18."), code="nip_format")
    if not stdnum_nip.is_valid(number):
        raise ValidationError(
            _("This NIP number is not valid: its check digit does not match. Check for a typo."), code="nip_checksum"
        )
    return number


def clean_regon(value: str) -> str:
    raw = (value or "").strip()
    if not raw:
        return ""
    number = digits(raw)
    if len(number) not in (9, 14) or len(number) != len(re.sub(r"[\s-]", "", raw)):
        raise ValidationError(_("A REGON number has 9 or 14 digits."), code="regon_format")
    if not stdnum_regon.is_valid(number):
        raise ValidationError(
            _("This REGON number is not valid: its check digit does not match. Check for a typo."),
            code="regon_checksum",
        )
    return number


def clean_postal_code(value: str) -> str:
    raw = (value or "").strip()
    if not raw:
        return ""
    number = digits(raw)
    if len(number) != 5 or not re.fullmatch(r"\d{2}-?\d{3}", raw):
        raise ValidationError(_("Enter a postal code like 31-004."), code="postal_code")
    return f"{number[:2]}-{number[2:]}"
