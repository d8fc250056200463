"""The bank account the grant is paid to: a Polish account number (NRB, 26 digits) or the same as an IBAN ("PL" and
the 26 digits), with its check digits verified (ISO 13616, mod 97, by ``python-stdnum``)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import iban

DIGITS = 26


def clean_account(value: str) -> str:
    """The account as 26 digits, or a ``ValidationError`` that says what is wrong; empty stays empty."""
    raw = (value or "").strip()
    if not raw:
        return ""
    compact = re.sub(r"[\s\-\u00a0]", "", raw).upper()
    if compact.startswith("PL"):
        compact = compact[2:]
    elif compact[:2].isalpha():
        raise ValidationError(
            _("Give a Polish bank account: 26 digits (NRB), or the same with PL in front (IBAN)."), code="iban_country"
        )
    if not compact.isdigit():
        raise ValidationError(_("A bank account number has digits only (spaces are allowed)."), code="iban_format")
    if len(compact) != DIGITS:
        raise ValidationError(
            _("A Polish bank account number (NRB) has 26 digits; this one has %(count)s.") % {"count": len(compact)},
            code="iban_length",
        )
    if not iban.is_valid(f"PL{compact}"):
        raise ValidationError(
            _("This bank account number is not valid: its check digits do not match. Check for a typo."),
            code="iban_checksum",
        )
    return compact


def formatted(account: str) -> str:
    """ "61 1090 1014 0000 0712 1981 2874": the check digits, then groups of four."""
    if len(account or "") != DIGITS:
        return account or ""
    return " ".join([account[:2], *(account[i : i + 4] for i in range(2, DIGITS, 4))])
