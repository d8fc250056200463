"""What the offer editor's tests share: an organization with its people, a call, and a budget that meets the call.

- ``lead(name)``: a verified organization with a representative (returned as (organization, person));
- ``budget_rows(offer, grant=..., own=...)``: the cost lines and funding of one line worth ``grant + own`` for the
  services (one year; for several years the value is split evenly);
- ``complete(offer, actor)``: fills every section through the services, so that only what a test takes away stops
  filing (attachments included);
- ``upload(name, content)``: an uploaded file.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from razem.grants.models import Activity, Offer
from razem.grants.services import attachments as attachment_services
from razem.grants.services.offers import drafts as offer_drafts
from razem.grants.services.offers import tables as offer_tables
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory


def lead(name: str = "Fundacja Wiosna", **fields: Any) -> tuple[Any, Any]:
    organization = OrganizationFactory(name=name, **fields)
    person = UserFactory(full_name=f"Reprezentant {name}", phone="+48 600 100 200")
    MembershipFactory(organization=organization, user=person, representative=True)
    return organization, person


def budget_rows(
    offer: Offer, *, grant: str = "8000.00", own: str = "1000.00", activity: Activity | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    years = offer.years
    total = Decimal(grant) + Decimal(own)
    line = {
        "category": "realization",
        "name": "Wynagrodzenie trenera",
        "unit": "godzina",
        "unit_cost": total / 10,
        "quantity": Decimal("10"),
        "year_amounts": {},
        "partner": None,
        "activity": activity,
    }
    if len(years) > 1:
        share = (total / len(years)).quantize(Decimal("0.01"))
        line["year_amounts"] = {year: share for year in years}
        line["year_amounts"][years[-1]] = total - share * (len(years) - 1)
    funding = []
    for number, year in enumerate(years):
        part = Decimal(grant) / len(years) if len(years) > 1 else Decimal(grant)
        own_part = Decimal(own) / len(years) if len(years) > 1 else Decimal(own)
        if len(years) > 1 and number == len(years) - 1:
            part = Decimal(grant) - (Decimal(grant) / len(years)).quantize(Decimal("0.01")) * (len(years) - 1)
            own_part = Decimal(own) - (Decimal(own) / len(years)).quantize(Decimal("0.01")) * (len(years) - 1)
        funding.append(
            {
                "year": year,
                "grant": part.quantize(Decimal("0.01")),
                "own_financial": Decimal("0"),
                "own_personal": own_part.quantize(Decimal("0.01")),
                "own_material": Decimal("0"),
                "recipient_fees": Decimal("0"),
            }
        )
    return [line], funding


def upload(name: str = "statut.pdf", content: bytes = b"%PDF-1.4 test document") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def complete(offer: Offer, actor: Any, *, attach: bool = True) -> Offer:
    """Every section of ``offer`` filled through the services, as a person would."""
    call = offer.call
    offer_drafts.offer_update_fields(
        actor=actor,
        offer=offer,
        fields={
            "task_form": call.task_forms()[0],
            "contact_name": "Jan Kontakt",
            "contact_phone": "+48 600 000 000",
            "contact_email": "kontakt@example.org",
            "title": "Seniorzy w sieci",
            "start_date": call.realization_start,
            "end_date": call.realization_end,
            "synthetic_description": "Warsztaty cyfrowe dla seniorów w Nowej Hucie.",
            "results_description": "60 seniorów nauczy się korzystać z e-usług.",
            "experience": "Od 2015 r. prowadzimy zajęcia dla seniorów.",
            "resources": "Dwóch trenerów, sala, 10 laptopów.",
            "payment": Offer.Payment.FREE,
        },
    )
    offer_tables.offer_replace_activities(
        actor=actor,
        offer=offer,
        rows=[
            {"year": year, "name": f"Warsztaty {year}", "target_group": "seniorzy", "planned_period": "marzec–maj"}
            for year in offer.years
        ],
    )
    offer_tables.offer_replace_results(
        actor=actor,
        offer=offer,
        rows=[{"name": "Przeszkoleni seniorzy", "target_value": "60 osób", "monitoring": "listy obecności"}],
    )
    activity = Activity.objects.filter(offer=offer).order_by("year", "position").first()
    lines, funding = budget_rows(offer, activity=activity)
    offer_tables.offer_replace_budget(actor=actor, offer=offer, lines=lines, funding=funding)
    if attach:
        for requirement in call.required_attachments.filter(mandatory=True):
            attachment_services.attachment_add(actor=actor, offer=offer, upload=upload(), requirement=requirement)
    offer.refresh_from_db()
    return offer


def next_year_date(month: int, day: int) -> datetime.date:
    from django.utils import timezone

    return datetime.date(timezone.localdate().year + 1, month, day)
