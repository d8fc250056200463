"""Awarded offers and contracts for the tests of contracts (tests/contracts/, tests/e2e/test_contracts.py).

- ``awarded(...)``: a filed offer (through the filing service) of a new verified organization, awarded by a decision
  with its ``AwardYear`` rows; ``grants`` gives the grant requested per year (one line per year, own contribution
  ``own`` per year); ``award`` the amounts awarded (the requested ones by default); ``update`` the state of the
  update; ``partner`` makes it a joint offer. The person acting for the lead is ``offer.filer``, the partner's
  ``offer.partner_person``.
- ``small_grant(...)``: an awarded offer of art. 19a (no call), its version frozen directly (the filing service is
  for calls).
- ``prepared(offer, officer, **terms)`` / ``signed(offer, officer)``: a contract through the services, complete
  (number, bank account, the city's signatory, the payment days) and, for ``signed``, signed.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from razem.contracts import services
from razem.contracts.models import Contract
from razem.grants import content as grants_content
from razem.grants.models import (
    Activity,
    Award,
    AwardYear,
    CostLine,
    Decision,
    ExpectedResult,
    Funding,
    Offer,
    OfferPartner,
    OfferVersion,
)
from razem.grants.services import filing
from razem.organizations.models import Membership
from tests.factories import CallFactory, MembershipFactory, OfferFactory, OrganizationFactory, RepresentativeFactory

D = Decimal
ACCOUNT = "61109010140000071219812874"
BAD_ACCOUNT = "61109010140000071219812875"
YEAR = timezone.localdate().year


def call(**fields: Any) -> Any:
    """A one-year call of this year (decided calls are of the current year), its deadline passed."""
    years = fields.pop("years", [YEAR])
    funds = fields.pop("funds", {y: D("200000.00") for y in years})
    return CallFactory(
        realization_start=datetime.date(years[0], 2, 1),
        realization_end=datetime.date(years[-1], 11, 30),
        funds=funds,
        max_grant=fields.pop("max_grant", D("200000.00")),
        attachments=False,
        **fields,
    )


def _rows(offer: Offer, grants: dict[int, Decimal], own: dict[int, Decimal]) -> None:
    for position, year in enumerate(sorted(grants), start=1):
        activity = Activity.objects.create(offer=offer, year=year, position=1, name=f"Warsztaty {year}")
        value = grants[year] + own[year]
        CostLine.objects.create(
            offer=offer, position=position, activity=activity, name=f"Wynagrodzenie trenera {year}",
            unit="godzina", unit_cost=value / 10, quantity=D("10"), year_amounts={str(year): str(value)},
        )  # fmt: skip
        Funding.objects.create(offer=offer, year=year, grant=grants[year], own_personal=own[year])
    ExpectedResult.objects.create(offer=offer, position=1, name="Uczestnicy", target_value="60", monitoring="Listy")


def decide(offer: Offer, award: dict[int, Decimal], *, update: str = Award.Update.NOT_NEEDED, **fields: Any) -> Award:
    """Award ``offer`` (the decision of its call, made yesterday unless said) with these amounts per year."""
    call_ = offer.call
    decision = (Decision.objects.filter(call=call_).first() if call_ else None) or Decision.objects.create(
        call=call_, number=fields.pop("decision_number", f"{offer.pk}/{YEAR}"), made_on=fields.pop(
            "made_on", timezone.localdate() - datetime.timedelta(days=1)
        ),
    )  # fmt: skip
    version = offer.current_version
    total = sum(award.values(), D("0"))
    record = Award.objects.create(
        decision=decision, offer=offer, amount=total, requested=version.grant_requested, version=version,
        grant_share=D("80.00"), update=update,
        update_due=timezone.localdate() + datetime.timedelta(days=7) if update == Award.Update.AWAITED else None,
    )  # fmt: skip
    for year, amount in award.items():
        AwardYear.objects.create(award=record, year=year, amount=amount)
    status = Offer.Status.RESIGNED if update == Award.Update.RESIGNED else Offer.Status.AWARDED
    Offer.objects.filter(pk=offer.pk).update(status=status)
    offer.status = status
    return record


def awarded(
    *,
    call_: Any = None,
    grants: dict[int, Decimal] | None = None,
    own: dict[int, Decimal] | None = None,
    award: dict[int, Decimal] | None = None,
    update: str = Award.Update.NOT_NEEDED,
    partner: bool = False,
    title: str = "Seniorzy w sieci",
    name: str = "",
    decided: bool = True,
) -> Offer:
    call_ = call_ or call()
    grants = grants or {call_.years[0]: D("8000.00")}
    own = own or {y: D("1000.00") for y in grants}
    organization = OrganizationFactory(
        **({"name": name} if name else {}), krs=f"{7000000000 + OrganizationFactory._meta.model.objects.count():010d}"
    )
    person = MembershipFactory(organization=organization, role=Membership.Role.REPRESENTATIVE).user
    signatory = RepresentativeFactory(organization=organization, full_name="Anna Prezes", function="Prezeska Zarządu")
    start, end = datetime.date(min(grants), 2, 1), datetime.date(max(grants), 11, 30)
    offer = OfferFactory(
        call=call_, organization=organization, budget=False, title=title,
        start_date=max(start, call_.realization_start), end_date=min(end, call_.realization_end),
    )  # fmt: skip
    _rows(offer, grants, own)
    signatories = [signatory]
    if partner:
        other = OrganizationFactory(name="Fundacja Partnerska")
        OfferPartner.objects.create(
            offer=offer, organization=other, status=OfferPartner.Status.CONFIRMED, confirmed_revision=0
        )
        offer.joint_roles = "Lider prowadzi warsztaty, partner zapewnia salę."
        offer.save()
        signatories.append(RepresentativeFactory(organization=other, full_name="Piotr Partner"))
        offer.partner_person = MembershipFactory(  # type: ignore[attr-defined]
            organization=other, role=Membership.Role.REPRESENTATIVE
        ).user
    filing.offer_file(
        actor=person, offer=offer, signatories=signatories, declarations=filing.default_declarations(offer)
    )
    offer.refresh_from_db()
    if decided:
        decide(offer, award or dict(grants), update=update)
    offer.filer = person  # type: ignore[attr-defined]
    return offer


def small_grant(*, grant: Decimal = Decimal("9000.00"), own: Decimal = Decimal("1000.00")) -> Offer:  # noqa: B008
    """An awarded small grant (art. 19a): no call; a 60-day task this year."""
    organization = OrganizationFactory(name="Koło Gospodyń z Bieżanowa")
    person = MembershipFactory(organization=organization, role=Membership.Role.REPRESENTATIVE).user
    RepresentativeFactory(organization=organization, full_name="Halina Przewodnicząca", function="Przewodnicząca")
    start = datetime.date(YEAR, 5, 1)
    offer = OfferFactory(
        call=None, kind=Offer.Kind.SMALL_GRANT, organization=organization, budget=False, title="Dożynki sąsiedzkie",
        start_date=start, end_date=start + datetime.timedelta(days=59), number=f"MG/{YEAR}/001",
    )  # fmt: skip
    _rows(offer, {YEAR: grant}, {YEAR: own})
    content = grants_content.offer_content(offer, declarations=filing.default_declarations(offer), signatories=[])
    version = OfferVersion.objects.create(
        offer=offer, number=1, content=content, checksum=grants_content.content_checksum(content),
        total_cost=grant + own, grant_requested=grant,
    )  # fmt: skip
    Offer.objects.filter(pk=offer.pk).update(current_version=version, status=Offer.Status.FILED)
    offer.refresh_from_db()
    decide(offer, {YEAR: grant})
    offer.filer = person  # type: ignore[attr-defined]
    return offer


COMPLETE = {"bank_account": ACCOUNT, "city_signatories": "Jan Urzędnik, Dyrektor Wydziału"}


def prepared(offer: Offer, officer: Any, **terms: Any) -> Contract:
    years = list(services.contracts.award_years(offer))
    values = {
        "number": services.contracts.next_number(),
        **COMPLETE,
        "due_dates": {y: datetime.date(y, 3, 1) if y != YEAR else timezone.localdate() for y in years},
        **terms,
    }
    return services.contract_prepare(actor=officer, offer=offer, terms=values)


def signed(offer: Offer, officer: Any, **terms: Any) -> Contract:
    contract = prepared(offer, officer, **terms)
    return services.contract_sign(actor=officer, contract=contract, signed_on=timezone.localdate())


def pdf_upload(name: str = "umowa.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 podpisana umowa", content_type="application/pdf")
