"""Offers ready to file, for the tests of filing, versions, content and the PDF (tests/grants/test_filing.py …).

``complete_offer()`` is ``OfferFactory`` made complete: an activity in every year (the cost line belongs to it), a
result, the call's mandatory attachments, a board member who may sign alone, and a person acting for the lead
(``offer.filer``). ``joint_offer()`` adds a confirmed partner with its own representative and person."""

import hashlib
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from razem.grants.models import Activity, CostLine, ExpectedResult, Funding, Offer, OfferAttachment, OfferPartner
from razem.organizations.models import Membership, Organization
from tests.factories import CallFactory, MembershipFactory, OfferFactory, OrganizationFactory, RepresentativeFactory

DECLARATIONS = {"taxes": "nie zalega", "social_insurance": "nie zalega", "register": "KRS", "confirmed": "yes"}


def attach(offer: Offer, name: str = "statut.pdf", requirement: Any = None, data: bytes = b"%PDF-1.4 statut") -> Any:
    attachment = OfferAttachment(
        offer=offer, requirement=requirement, name=name, size=len(data), sha256=hashlib.sha256(data).hexdigest()
    )
    attachment.file.save(name, ContentFile(data), save=False)
    attachment.save()
    return attachment


def complete_offer(*, filer: Any = None, signs_alone: bool = True, **fields: Any) -> Offer:
    offer = OfferFactory(**fields)
    first = None
    for year in offer.years:
        activity = Activity.objects.create(
            offer=offer, year=year, position=1, name=f"Warsztaty cyfrowe {year}", description="Zajęcia w grupach.",
            target_group="Seniorzy z Nowej Huty", planned_period="luty–listopad",
        )  # fmt: skip
        first = first or activity
    offer.cost_lines.update(activity=first)
    ExpectedResult.objects.create(
        offer=offer, position=1, name="Uczestnicy warsztatów", target_value="60 osób", monitoring="Listy obecności"
    )
    for requirement in offer.call.required_attachments.filter(mandatory=True):
        attach(offer, requirement=requirement)
    offer.signatory = RepresentativeFactory(  # type: ignore[attr-defined]
        organization=offer.organization, full_name="Anna Prezes", signs_alone=signs_alone
    )
    membership = MembershipFactory(
        organization=offer.organization, representative=True, **({"user": filer} if filer else {})
    )
    offer.filer = membership.user  # type: ignore[attr-defined]
    return offer


def add_partner(offer: Offer, *, status: str = OfferPartner.Status.CONFIRMED, name: str = "Fundacja Partnerska") -> Any:
    organization = OrganizationFactory(name=name, legal_form=Organization.LegalForm.FOUNDATION)
    partner = OfferPartner.objects.create(
        offer=offer, organization=organization, status=status,
        decided_at=timezone.now() if status != OfferPartner.Status.INVITED else None,
        confirmed_revision=offer.revision if status == OfferPartner.Status.CONFIRMED else None,
    )  # fmt: skip
    partner.signatory = RepresentativeFactory(organization=organization, full_name="Piotr Partner")
    partner.person = MembershipFactory(organization=organization, role=Membership.Role.REPRESENTATIVE).user
    offer.joint_roles = "Lider prowadzi warsztaty, partner zapewnia salę."
    offer.save(update_fields=["joint_roles"])
    return partner


def multi_year_offer(*, years: int = 5, lines: int = 100) -> Offer:
    """A complete offer in a call of ``years`` budget years with ``lines`` cost lines split over the years."""
    import datetime

    start = datetime.date(timezone.localdate().year + 1, 1, 1)
    end = datetime.date(start.year + years - 1, 12, 31)
    funds = {start.year + n: Decimal("9000000.00") for n in range(years)}
    call = CallFactory(realization_start=start, realization_end=end, max_grant=None, funds=funds)
    offer = complete_offer(call=call, budget=False)
    activity = offer.activities.first()
    per_year = {str(y): Decimal("0") for y in offer.years}
    for n in range(1, lines + 1):
        unit_cost, quantity = Decimal(100 + n), Decimal(years * 2)
        amounts = {str(y): str(unit_cost * 2) for y in offer.years}
        for y in offer.years:
            per_year[str(y)] += unit_cost * 2
        category = CostLine.Category.ADMINISTRATION if n % 10 == 0 else CostLine.Category.REALIZATION
        CostLine.objects.create(
            offer=offer, position=n, category=category, activity=None if category == "administration" else activity,
            name=f"Koszt nr {n}: wynagrodzenie, materiały, wynajem sali", unit="godzina",
            unit_cost=unit_cost, quantity=quantity, year_amounts=amounts,
        )  # fmt: skip
    for y, cost in per_year.items():
        own = (cost * Decimal("0.2")).quantize(Decimal("0.01"))
        Funding.objects.create(offer=offer, year=int(y), grant=cost - own, own_financial=own)
    return offer
