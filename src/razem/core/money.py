"""Money and shares in ``Decimal`` with one rounding rule: half up to the grosz, shares half up to 0.01 %.

Every sum shown or checked anywhere (an offer's budget, a call's funds, a report) goes through these functions,
so that the figure on the screen, in the PDF and in the check is the same figure."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

GROSZ = Decimal("0.01")
HUNDRED = Decimal("100")
ZERO = Decimal("0.00")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]*)?|-?\.[0-9]+")


def money(value: Any) -> Decimal:
    """``value`` rounded half up to the grosz (``None`` and empty text are zero)."""
    if value in (None, ""):
        return ZERO
    return Decimal(value).quantize(GROSZ, rounding=ROUND_HALF_UP)


def parse_money(text: Any) -> Decimal | None:
    """A figure as people type it ("1 234,5", "1234.50", "1 234 zł") or None when it is not a number."""
    if isinstance(text, Decimal):
        return text
    cleaned = str(text or "").replace("\xa0", "").replace(" ", "").replace("zł", "").replace("PLN", "")
    cleaned = cleaned.replace(",", ".")
    if not NUMBER.fullmatch(cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain numbers
        return None


def share(part: Decimal, whole: Decimal) -> Decimal:
    """``part`` as a percentage of ``whole``, half up to 0.01; zero when the whole is zero."""
    if not whole:
        return ZERO
    return (part * HUNDRED / whole).quantize(GROSZ, rounding=ROUND_HALF_UP)


def pln(value: Any) -> str:
    """ "12 345,67 zł": a non-breaking space between thousands and before the currency."""
    amount = money(value)
    sign = "-" if amount < 0 else ""
    whole, _, fraction = f"{abs(amount):.2f}".partition(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{'\u00a0'.join(groups)},{fraction}\u00a0zł"


def percent(value: Any) -> str:
    """ "12,50 %"."""
    return f"{money(value):.2f}".replace(".", ",") + "\u00a0%"
