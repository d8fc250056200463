"""What the commission's tests share: a closed call with admitted offers (a filed version made directly from the
offer's content, as filing would freeze it), members with or without a signed declaration, and scores.

- ``closed_call(**fields)``: a call past its deadline with the six statutory criteria (5 points each);
- ``admitted_offer(call, grant=..., organization=..., status=...)``: an offer with a current version whose budget
  asks ``grant`` (one year), numbered ``<call>/<n>``;
- ``seat(call, role, user=None, excluded=False, signed=False, conflicts=())``: a member appointed directly;
  ``signed=True`` signs a declaration covering the call's admitted offers, ``conflicts`` (offers) declared;
- ``give(member, offer, points)``: the member's scores of ``offer``, one value for every criterion or a list.
"""

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.utils import timezone

from razem.commissions.models import Conflict, Declaration, Member, Score
from razem.commissions.predicates import changed
from razem.grants.content import content_checksum, offer_content
from razem.grants.models import Call, CommissionNomination, CostLine, Criterion, Funding, Offer, OfferVersion
from tests.factories import CallFactory, OfferFactory, OrganizationFactory, UserFactory

D = Decimal
DECLARATIONS = {"taxes": "nie zalega", "social_insurance": "nie zalega", "register": "KRS", "confirmed": "yes"}


def closed_call(**fields: Any) -> Call:
    fields.setdefault("submission_deadline", timezone.now() - datetime.timedelta(days=3))
    fields.setdefault("published_at", timezone.now() - datetime.timedelta(days=40))
    fields.setdefault("attachments", False)
    return CallFactory(**fields)


def admitted_offer(
    call: Call,
    *,
    grant: str | Decimal = "8000.00",
    organization: Any = None,
    status: str = Offer.Status.ADMITTED,
    title: str = "",
) -> Offer:
    organization = organization or OrganizationFactory()
    offer = OfferFactory(
        call=call, organization=organization, budget=False, title=title or f"Oferta {organization.name}"
    )
    year = offer.years[0]
    grant = D(grant)
    own = D("1000.00")
    CostLine.objects.create(
        offer=offer, position=1, name="Wynagrodzenie trenera", unit="godzina", unit_cost=(grant + own) / 10,
        quantity=D("10"), year_amounts={str(year): str(grant + own)},
    )  # fmt: skip
    Funding.objects.create(offer=offer, year=year, grant=grant, own_personal=own)
    content = offer_content(offer, declarations=DECLARATIONS, signatories=[])
    version = OfferVersion.objects.create(
        offer=offer, number=1, content=content, checksum=content_checksum(content),
        total_cost=D(content["budget"]["total_cost"]), grant_requested=D(content["budget"]["sources"]["grant"]),
    )  # fmt: skip
    number = f"{call.number}/{Offer.objects.filter(call=call).exclude(number='').count() + 1:03d}"
    Offer.objects.filter(pk=offer.pk).update(
        status=status,
        number=number,
        current_version=version,
        filed_at=call.submission_deadline - datetime.timedelta(days=1),
    )
    offer.refresh_from_db()
    return offer


def seat(
    call: Call,
    role: str = Member.Role.MAYOR,
    *,
    user: Any = None,
    excluded: bool = False,
    signed: bool = False,
    conflicts: Iterable[Offer] = (),
    nomination: Any = None,
) -> Member:
    if user is None:
        user = UserFactory(officer=True) if role == Member.Role.MAYOR else UserFactory()
    member = Member.objects.create(
        call=call, role=role, user=user, full_name=user.full_name, excluded=excluded, nomination=nomination,
        exclusion_reason="Organizacja bierze udział w konkursie." if excluded else "",
        exclusion_ground=Member.Ground.TAKES_PART if excluded else "",
    )  # fmt: skip
    if signed:
        sign(member)
    for offer in conflicts:
        Conflict.objects.create(member=member, offer=offer, reason="Zasiadam w zarządzie oferenta.")
    changed()
    return member


def sign(member: Member, offers: Iterable[Offer] | None = None) -> Declaration:
    declaration, _created = Declaration.objects.get_or_create(member=member, defaults={"text": "Oświadczam…"})
    if offers is None:
        offers = Offer.objects.filter(call=member.call, status=Offer.Status.ADMITTED)
    declaration.offers.add(*offers)
    changed()
    return declaration


def give(member: Member, offer: Offer, points: Decimal | str | Sequence[Decimal | str]) -> list[Score]:
    criteria = list(Criterion.objects.filter(call=member.call).order_by("position", "id"))
    values = list(points) if isinstance(points, list | tuple) else [points] * len(criteria)
    rows = [
        Score(member=member, offer=offer, criterion=c, points=D(str(v)), justification=f"Uzasadnienie {c.position}")
        for c, v in zip(criteria, values, strict=True)
    ]
    Score.objects.bulk_create(rows)
    changed()
    return rows


def consented_nomination(
    call: Call, organization: Any = None, *, user: Any = None, account: bool = True, **fields: Any
) -> CommissionNomination:
    """A consented nomination; ``account=False``: the nominee has no account in Razem."""
    organization = organization or OrganizationFactory()
    if user is None and account:
        user = UserFactory()
    fields = {"status": CommissionNomination.Status.CONSENTED, "consented_at": timezone.now(), **fields}
    return CommissionNomination.objects.create(
        call=call, organization=organization, full_name=user.full_name if user else "Jan Bez Konta",
        email=user.email if user else "bez.konta@example.org", nominee=user, qualifications="Doświadczenie.",
        **fields,
    )  # fmt: skip
