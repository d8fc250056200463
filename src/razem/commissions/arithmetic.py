"""The commission's arithmetic, in ``Decimal`` with the rounding of ``core.money`` (half up to 0.01).

- ``mean(values)``: the average of a member's totals (or of their points on one criterion): the exact quotient,
  rounded once, half up, to two decimals; None when nobody gave points. The commission's points for an offer are
  the mean of the voting members' TOTALS (each total is exact: points have one decimal), not the sum of the
  rounded per-criterion means, so the two may differ by a hundredth or so.
- ``quotient(total, count)``: the same from a sum already made (by the database);
- ``parse_points(text)``: points as people type them ("4,5", "4.5", "4"), or None when not a number.
- ``points_text(value)``: "4,5", "5", "12,25" (no trailing zeros, decimal comma).
- ``split(amount, requested_by_year)``: a proposed amount divided between the budget years in proportion to the
  grant requested in each year, each part half up to the grosz and the last year taking the rest, so that the
  parts add up to the amount exactly.
"""

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from razem.core.money import ZERO, money

ONE_DECIMAL = Decimal("0.1")


def mean(values: Iterable[Decimal]) -> Decimal | None:
    items = list(values)
    if not items:
        return None
    return money(sum(items, Decimal(0)) / Decimal(len(items)))


def quotient(total: Decimal, count: int) -> Decimal | None:
    """``total / count`` rounded as ``mean`` rounds (the mean of ``count`` values whose sum is ``total``)."""
    if not count:
        return None
    return money(Decimal(total) / Decimal(count))


def parse_points(text: object) -> Decimal | None:
    if isinstance(text, Decimal):
        return text
    cleaned = str(text or "").strip().replace("\xa0", "").replace(" ", "").replace(",", ".")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def has_one_decimal_at_most(value: Decimal) -> bool:
    return value == value.quantize(ONE_DECIMAL)


def points_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def split(amount: Decimal, requested_by_year: Mapping[int, Decimal]) -> dict[int, Decimal]:
    years = sorted(requested_by_year)
    if not years:
        return {}
    total = sum((money(v) for v in requested_by_year.values()), ZERO)
    amount = money(amount)
    if not total:
        return {year: (amount if n == 0 else ZERO) for n, year in enumerate(years)}
    parts: dict[int, Decimal] = {}
    given = ZERO
    for year in years[:-1]:
        parts[year] = money(amount * money(requested_by_year[year]) / total)
        given += parts[year]
    parts[years[-1]] = money(amount - given)
    return parts
