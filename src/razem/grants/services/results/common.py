"""What the services of the decision share: the name of an award's form field, the audience of the oferents,
the errors' accumulation."""

from collections.abc import Iterable
from typing import Any

from razem.grants.models import Offer


def award_field(offer_pk: int, year: int) -> str:
    """The form field of an offer's grant in a year (the decision's refusals name it)."""
    return f"award_{offer_pk}_{year}"


def oferent_audience(offers: Iterable[Offer]) -> Any:
    """The people acting for the oferents of ``offers``: the leads and the partners who did not decline."""
    from razem.grants.selectors.offers import oferent_people

    return oferent_people(*offers)


def _add(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _numbers(offers: Iterable[Offer]) -> str:
    return ", ".join(offer.number or offer.title or str(offer.pk) for offer in offers)
