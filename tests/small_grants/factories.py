"""Small-grant offers for the tests of tests/small_grants/ (and the browser tests).

- ``plan(year, amount)``: the grants planned for NGO tasks in ``year`` (``YearPlan``);
- ``draft(**kw)``: a complete draft simplified offer of a verified organization, saved directly: a 30-day task
  starting ``start`` (30 days from now by default), one activity, one cost line of ``value`` with ``grant`` from the
  grant, an area, a place; with a board member who signs alone (``offer.signatory``) and a person acting for it
  (``offer.filer``);
- ``filed(offer)`` / ``published(offer, officer)`` / ``comments_over(offer)`` / ``awarded(offer, officer)``: through
  the services (the comment period is moved into the past directly, as the demo does);
- ``award_directly(organization, amount, year)``: a small grant awarded earlier, written directly (for the caps).
"""

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from razem.core.models import PublicBenefitArea
from razem.grants.models import Activity, Award, AwardYear, CostLine, Decision, Funding, Offer, OfferVersion
from razem.small_grants import estimate
from razem.small_grants.models import CostShare, SmallGrant, YearPlan
from razem.small_grants.services import filing, office
from tests.factories import MembershipFactory, OrganizationFactory, RepresentativeFactory

DAY = datetime.timedelta(days=1)
DECLARATIONS = {"taxes": "nie zalega", "social_insurance": "nie zalega", "register": "KRS", "confirmed": "yes"}
PUBLICATIONS = [
    {"channel": "bip", "published_on": None, "url": "https://www.bip.krakow.pl/?dok_id=1"},
    {"channel": "notice_board", "published_on": None},
]


def plan(year: int, amount: str | Decimal = "1000000.00") -> YearPlan:
    found, _created = YearPlan.objects.update_or_create(year=year, defaults={"planned_grants": Decimal(amount)})
    return found


def area() -> PublicBenefitArea | None:
    return PublicBenefitArea.objects.valid_on(timezone.localdate()).order_by("position").first()


def set_estimate(offer: Offer, lines: list[tuple[str, str, str]]) -> None:
    """Replace the cost lines: (unit cost, number of units, grant part) each."""
    CostLine.objects.filter(offer=offer).delete()
    Funding.objects.filter(offer=offer).delete()
    year = offer.start_date.year
    rows = []
    for position, (unit_cost, quantity, grant) in enumerate(lines):
        value = Decimal(unit_cost) * Decimal(quantity)
        line = CostLine.objects.create(
            offer=offer, position=position, name=f"Koszt {position + 1}", unit="szt.", unit_cost=Decimal(unit_cost),
            quantity=Decimal(quantity), year_amounts={str(year): str(value)},
        )  # fmt: skip
        CostShare.objects.create(line=line, grant=Decimal(grant))
        rows.append(line)
    offer.__dict__.pop("_prefetched_objects_cache", None)
    figures = estimate.from_offer(offer)
    if figures.lines:
        Funding.objects.create(offer=offer, year=year, **figures.funding())


def draft(
    *,
    organization: Any = None,
    start: datetime.date | None = None,
    days: int = 30,
    lines: list[tuple[str, str, str]] | None = None,
    filer: Any = None,
    **fields: Any,
) -> Offer:
    organization = organization or OrganizationFactory()
    start = start or timezone.localdate() + 30 * DAY
    offer = Offer.objects.create(
        kind=Offer.Kind.SMALL_GRANT, call=None, organization=organization, task_form="wspieranie",
        contact_name="Jan Kontakt", contact_email="kontakt@example.org", contact_phone="+48 600 000 000",
        title=fields.pop("title", "Sąsiedzki festyn na Kazimierzu"), start_date=start,
        end_date=start + (days - 1) * DAY, synthetic_description="Festyn dla mieszkańców ulicy.",
        results_description="200 uczestników festynu.", **fields,
    )  # fmt: skip
    SmallGrant.objects.create(offer=offer, area=area(), place="ul. Józefa, Kraków")
    Activity.objects.create(offer=offer, year=start.year, position=0, name="Festyn", target_group="Mieszkańcy")
    set_estimate(offer, lines or [("100.00", "60", "5000.00")])
    offer.signatory = RepresentativeFactory(organization=organization, full_name="Anna Prezes")  # type: ignore[attr-defined]
    membership = MembershipFactory(organization=organization, representative=True, **({"user": filer} if filer else {}))
    offer.filer = membership.user  # type: ignore[attr-defined]
    return offer


def filed(offer: Offer, **kwargs: Any) -> OfferVersion:
    return filing.small_grant_file(
        actor=kwargs.pop("actor", offer.filer), offer=offer, signatories=[offer.signatory], declarations=DECLARATIONS
    )


def publications(day: datetime.date | None = None) -> list[dict[str, Any]]:
    day = day or timezone.localdate()
    return [{**row, "published_on": day} for row in PUBLICATIONS]


def published(offer: Offer, officer: Any) -> Offer:
    if offer.status == Offer.Status.DRAFT:
        filed(offer)
    return office.small_grant_publish(actor=officer, offer=Offer.objects.get(pk=offer.pk), publications=publications())


def comments_over(offer: Offer, days_ago: int = 1) -> SmallGrant:
    """Move the comment period into the past, so that it ended ``days_ago`` days ago."""
    small_grant = SmallGrant.objects.get(offer=offer)
    length = (small_grant.comments_until - small_grant.published_on).days
    small_grant.comments_until = timezone.localdate() - days_ago * DAY
    small_grant.published_on = small_grant.comments_until - length * DAY
    small_grant.save(update_fields=["comments_until", "published_on"])
    return small_grant


def decide(offer: Offer, officer: Any, *, accept: bool = True, amount: Any = None, **kwargs: Any) -> Offer:
    fresh = Offer.objects.select_related("current_version").get(pk=offer.pk)
    return office.small_grant_decide(
        actor=officer,
        offer=fresh,
        accept=accept,
        number=kwargs.pop("number", "1234/2026"),
        made_on=kwargs.pop("made_on", timezone.localdate()),
        amount=fresh.current_version.grant_requested if amount is None and accept else amount,
        reason=kwargs.pop("reason", "" if accept else "Zadanie nie ma charakteru lokalnego."),
    )


def awarded(offer: Offer, officer: Any, **kwargs: Any) -> Offer:
    published(offer, officer)
    comments_over(offer)
    return decide(offer, officer, **kwargs)


def award_directly(organization: Any, amount: str | Decimal, year: int) -> Award:
    """A small grant awarded earlier to ``organization`` for ``year`` (written directly, for the caps)."""
    offer = Offer.objects.create(
        kind=Offer.Kind.SMALL_GRANT, organization=organization, status=Offer.Status.AWARDED, title="Wcześniejszy",
        start_date=datetime.date(year, 3, 1), end_date=datetime.date(year, 3, 31),
    )  # fmt: skip
    SmallGrant.objects.create(offer=offer, year=year)
    version = OfferVersion.objects.create(
        offer=offer,
        number=1,
        content={},
        checksum="0" * 64,
        total_cost=Decimal(amount),
        grant_requested=Decimal(amount),
    )
    decision = Decision.objects.create(number="1/2026", made_on=datetime.date(year, 2, 1))
    award = Award.objects.create(
        decision=decision, offer=offer, amount=Decimal(amount), requested=Decimal(amount), version=version,
        grant_share=Decimal("100"), update=Award.Update.NOT_NEEDED,
    )  # fmt: skip
    AwardYear.objects.create(award=award, year=year, amount=Decimal(amount))
    return award
