"""The offers the commission evaluates, read from their filed versions, and the order of the roles."""

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db.models import F, QuerySet
from django.db.models.fields.json import KeyTextTransform, KeyTransform

from razem.commissions.models import Member
from razem.commissions.predicates import RANKED
from razem.core.money import money
from razem.grants.models import Call, Offer

ROLE_ORDER: dict[str, int] = {Member.Role.MAYOR: 0, Member.Role.NGO: 1, Member.Role.EXPERT: 2}
# An organization takes part in the competition with an offer that is not a draft and was not withdrawn.
NOT_TAKING_PART = (Offer.Status.DRAFT, Offer.Status.WITHDRAWN)


def _decoded(value: Any) -> Any:
    """A JSON value read through a key transform (some backends give its text)."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _content(*path: str) -> Any:
    expression: Any = F("current_version__content")
    for key in path:
        expression = KeyTransform(key, expression)
    return expression


def ranked_offers(call: Call) -> QuerySet[Offer]:
    """The offers of ``call`` the commission evaluates, with what the pages need annotated: the lead's name
    (``lead_name``), the grant requested in the current version (``requested``), and the filed title, oferents and
    grant per year read from that version's content (the content itself is not loaded, nor are the organization
    and the version: 300 offers are 300 objects, not 900)."""
    return (
        Offer.objects.filter(call=call, status__in=RANKED, current_version__isnull=False)
        .only("id", "number", "status", "call_id", "title", "points", "proposed_grant", "organization_id")
        .annotate(
            lead_name=F("organization__name"),
            requested=F("current_version__grant_requested"),
            filed_title=KeyTextTransform("title", _content("task")),
            filed_oferents=_content("oferents"),
            filed_grant_by_year=_content("budget", "sources_by_year"),
        )
        .order_by("number", "id")
    )


def oferent_names(offer: Offer) -> list[str]:
    """The oferents as filed (the lead first), from ``ranked_offers``' annotation or the organization."""
    rows = _decoded(getattr(offer, "filed_oferents", None))
    if isinstance(rows, list) and rows:
        return [str(row.get("name", "")) for row in rows if isinstance(row, Mapping)]
    lead = getattr(offer, "lead_name", None)
    return [str(lead) if lead is not None else offer.organization.name]


def title_of(offer: Offer) -> str:
    return str(getattr(offer, "filed_title", None) or offer.title)


def requested_of(offer: Offer) -> Decimal:
    """The grant requested in the offer's current version (annotated by ``ranked_offers``)."""
    requested = getattr(offer, "requested", None)
    if requested is None and offer.current_version_id is not None and "requested" not in offer.__dict__:
        requested = offer.current_version.grant_requested  # type: ignore[union-attr]
    return money(requested)


def grant_by_year(offer: Offer, year: int) -> dict[int, Decimal]:
    """The grant requested per budget year of the filed version (all in ``year`` when the content has no split)."""
    rows = _decoded(getattr(offer, "filed_grant_by_year", None))
    if not isinstance(rows, Mapping) or not rows:
        return {year: requested_of(offer)}
    return {int(y): money(_decoded(sources).get("grant")) for y, sources in rows.items()}
