"""Filing a simplified offer and withdrawing it.

Filing is the transition ``file`` of ``small_grants.workflows.SMALL_GRANT``: under the offer's row lock the guard
(:func:`check`) refuses, with every problem by field, an offer that is incomplete (``validation.filing_problems``),
whose statements are missing or whose signatories do not represent the organization (the statements and the
signatories of the full form, ``grants.services.filing``), or that breaks a limit of art. 19a by the statutory
values valid today (``limits``); then the effect (:func:`freeze`) stores the version with its SHA-256, numbers the
offer ``MG/<budget year>/<n>`` (sequential per year, under the row lock of the year's plan) and sets the day it was
received and the day it must be published by: ``deadline("small_grant_publication_working_days", received)``, Polish
working days. The oferent's people get the receipt after the commit.

A filed small-grant offer is not corrected by a new version: it is published as filed; the oferent may withdraw it
before the decision.
"""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core import audit
from razem.core.deadlines import deadline
from razem.grants.models import Offer, OfferVersion
from razem.grants.services import filing as grants_filing
from razem.organizations.models import Representative
from razem.small_grants import limits, validation
from razem.small_grants.content import content_checksum, small_grant_content
from razem.small_grants.models import YearPlan
from razem.small_grants.workflows import SMALL_GRANT

PUBLICATION_DAYS = "small_grant_publication_working_days"


def check(offer: Offer, *, signatories: Iterable[Any], declarations: Mapping[str, Any]) -> None:
    """Refuse (one ``ValidationError``, by field) an offer that cannot be filed as it is, today."""
    errors: dict[str, list[str]] = {}
    for issue in validation.filing_problems(offer):
        errors.setdefault(NON_FIELD_ERRORS, []).append(issue.message)
    for field, message in grants_filing.declaration_problems(declarations).items():
        errors.setdefault(field, []).append(message)
    for field, message in grants_filing.signatory_problems(offer, [offer.organization], signatories).items():
        errors.setdefault(field, []).append(message)
    for refusal in validation.limit_problems(offer, timezone.localdate()):
        errors.setdefault(NON_FIELD_ERRORS, []).append(refusal.message)
    if errors:
        raise ValidationError(
            {field: [ValidationError(m, code="filing") for m in dict.fromkeys(ms)] for field, ms in errors.items()}
        )


def _next_number(year: int) -> str:
    """``MG/<year>/<n>``: one more than the highest number of that year, under the row lock of the year's plan (the
    guard refused a year without a plan)."""
    YearPlan.objects.select_for_update().filter(year=year).values_list("pk", flat=True).first()
    prefix = f"MG/{year}/"
    taken = [0]
    for number in Offer.objects.filter(number__startswith=prefix).values_list("number", flat=True):
        tail = number[len(prefix) :]
        if tail.isdigit():
            taken.append(int(tail))
    return f"{prefix}{max(taken) + 1:03d}"


def freeze(offer: Offer, *, actor: Any, signatories: Iterable[Any], declarations: Mapping[str, Any]) -> OfferVersion:
    """Store the content of the locked ``offer`` as its version (the workflow's effect, under the lock)."""
    filed_at = offer.filed_at or timezone.now()
    people = list(Representative.objects.filter(pk__in={getattr(p, "pk", p) for p in signatories}))
    content = small_grant_content(offer, declarations=declarations, signatories=people)
    checksum = content_checksum(content)
    last = offer.versions.order_by("-number").values_list("number", flat=True).first() or 0
    figures = content["small_grant"]["estimate"]
    version = OfferVersion.objects.create(
        offer=offer,
        number=last + 1,
        filed_at=filed_at,
        filed_by=actor if getattr(actor, "is_authenticated", False) else None,
        content=content,
        checksum=checksum,
        total_cost=Decimal(figures["total"]),
        grant_requested=Decimal(figures["grant"]),
    )
    year = limits.budget_year(offer.start_date) or timezone.localdate().year
    if not offer.number:
        offer.number = _next_number(year)
    offer.current_version = version
    small_grant = offer.small_grant
    received = timezone.localtime(filed_at).date()
    small_grant.year = year
    small_grant.received_on = received
    small_grant.publication_due = deadline(PUBLICATION_DAYS, received).date
    small_grant.save(update_fields=["year", "received_on", "publication_due"])
    audit.record(
        actor=actor,
        action="small_grants.offer_version.filed",
        obj=version,
        data={"offer": offer.pk, "number": offer.number, "version": version.number, "checksum": checksum},
    )
    return version


def small_grant_file(
    *,
    actor: User,
    offer: Offer,
    signatories: list[Representative],
    declarations: dict[str, str],
    request: HttpRequest | None = None,
) -> OfferVersion:
    """File ``offer``: the frozen version with its checksum (see the module's doc for what refuses it)."""
    filed = SMALL_GRANT.take(
        offer,
        "file",
        actor=actor,
        request=request,
        signatories=list(signatories),
        declarations=dict(declarations),
    )
    version = filed.current_version
    if version is None:  # pragma: no cover - the effect always sets it
        raise ValidationError(_("The offer could not be filed; try again."))
    offer.status, offer.number, offer.filed_at, offer.filed_by = filed.status, filed.number, filed.filed_at, actor
    offer.current_version = version
    return version  # type: ignore[no-any-return]


def small_grant_withdraw(*, actor: User, offer: Offer, reason: str = "", request: HttpRequest | None = None) -> Offer:
    """Withdraw a filed or published offer before the decision (its version and comments stay, for the record)."""
    withdrawn: Offer = SMALL_GRANT.take(offer, "withdraw", actor=actor, reason=reason, request=request)
    return withdrawn
