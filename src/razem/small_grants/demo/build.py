"""The small-grants demo, built on the first run (see ``razem.small_grants.demo``)."""

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from razem.accounts.models import User
from razem.core import demo as toolkit
from razem.core.deadlines import deadline
from razem.core.models import PublicBenefitArea
from razem.grants.demo import offers as grants_demo_offers
from razem.grants.demo.build import POD_WAWELEM_BOARD, People
from razem.grants.models import Offer, OfferVersion
from razem.organizations import demo as organizations_demo
from razem.organizations.models import Organization, Representative
from razem.small_grants.models import SmallGrant, SmallGrantPublication
from razem.small_grants.services import comments, drafts, filing, office
from razem.small_grants.services.filing import PUBLICATION_DAYS

PACKAGE = "razem.small_grants.demo"
DAY = datetime.timedelta(days=1)
OFFICER = "urzednik@razem.demo"
PRESIDENT = "prezeska@razem.demo"
PLANNED = {0: Decimal("61500000.00"), 1: Decimal("64000000.00")}  # this year, next year
DECLARATIONS = {"taxes": "nie zalega", "social_insurance": "nie zalega", "register": "KRS", "confirmed": "yes"}
CITY_SIGNATORY = (
    "Anna Kowalczyk, Dyrektor Wydziału Polityki Społecznej i Zdrowia, z upoważnienia Prezydenta Miasta Krakowa"
)


def prepare(person: User, organization: Organization, spec: Mapping[str, Any]) -> Offer:
    """A complete draft, written through the editor's services."""
    today = timezone.localdate()
    start = today + spec["start_in"] * DAY
    offer = drafts.small_grant_start(actor=person, organization=organization)
    area = PublicBenefitArea.objects.valid_on(today).filter(code=spec["area"]).first()
    return drafts.small_grant_save(
        actor=person,
        offer=offer,
        fields={
            "area": area,
            "task_form": spec["task_form"],
            "title": spec["title"],
            "place": spec["place"],
            "start_date": start,
            "end_date": start + (spec["days"] - 1) * DAY,
            "synthetic_description": spec["description"],
            "results_description": spec["results_description"],
            "experience": spec["experience"],
        },
        activities=[
            {"name": n, "description": d, "target_group": g, "planned_period": p} for n, d, g, p in spec["activities"]
        ],
        results=[{"name": n, "target_value": v, "monitoring": m} for n, v, m in spec["results"]],
        lines=[
            {"name": n, "unit": u, "quantity": Decimal(q), "unit_cost": Decimal(c), "grant": Decimal(g), "own_kind": k}
            for n, u, q, c, g, k in spec["lines"]
        ],
    )


def file(offer: Offer, person: User) -> Offer:
    signatories = list(Representative.objects.filter(organization=offer.organization, signs_alone=True)[:1])
    filing.small_grant_file(actor=person, offer=offer, signatories=signatories, declarations=DECLARATIONS)
    return Offer.objects.get(pk=offer.pk)


def received_ago(offer: Offer, days: int) -> None:
    """Move the filing back by ``days`` (the services file today); the publication deadline follows it."""
    span = days * DAY
    filed_at = offer.filed_at or timezone.now()
    Offer.objects.filter(pk=offer.pk).update(
        filed_at=filed_at - span, created_at=offer.created_at - span, updated_at=offer.updated_at - span
    )
    OfferVersion.objects.filter(offer=offer).update(filed_at=filed_at - span)
    small_grant = SmallGrant.objects.get(offer=offer)
    received = timezone.localtime(filed_at - span).date()
    small_grant.received_on = received
    small_grant.publication_due = deadline(PUBLICATION_DAYS, received).date
    small_grant.save(update_fields=["received_on", "publication_due"])


def publish(officer: User, offer: Offer) -> Offer:
    today = timezone.localdate()
    number = offer.number.replace("/", "-")
    return office.small_grant_publish(
        actor=officer,
        offer=offer,
        publications=[
            {"channel": "bip", "published_on": today, "url": f"https://bip.krakow.example.org/male-granty/{number}"},
            {"channel": "notice_board", "published_on": today, "note": "Tablica ogłoszeń, ul. Dekerta 24"},
        ],
    )


def published_ago(offer: Offer, days: int) -> SmallGrant:
    span = days * DAY
    small_grant = SmallGrant.objects.get(offer=offer)
    today = timezone.localdate()
    small_grant.published_on = (small_grant.published_on or today) - span
    small_grant.comments_until = (small_grant.comments_until or today) - span
    small_grant.published_at = (small_grant.published_at or timezone.now()) - span
    small_grant.save(update_fields=["published_on", "comments_until", "published_at"])
    for publication in SmallGrantPublication.objects.filter(small_grant=small_grant):
        publication.published_on -= span
        publication.recorded_at -= span
        publication.save(update_fields=["published_on", "recorded_at"])
    return small_grant


def contract(officer: User, offer: Offer, signed_on: datetime.date) -> Any:
    """The contract of the awarded offer, prepared and signed through the contracts app's services."""
    from razem.contracts import services
    from razem.contracts.demo import account

    prepared = services.contract_prepare(
        actor=officer,
        offer=offer,
        terms={
            "number": services.contracts.next_number(signed_on.year),
            "bank_account": account(offer.pk),
            "city_signatories": CITY_SIGNATORY,
        },
    )
    due = {t.year: min(signed_on + 14 * DAY, datetime.date(t.year, 12, 31)) for t in prepared.tranches.all()}
    services.contract_update(actor=officer, contract=prepared, terms={"due_dates": due})
    return services.contract_sign(actor=officer, contract=prepared, signed_on=signed_on)


def build(users: Mapping[str, User]) -> bool:
    officer = users.get(OFFICER) or User.objects.filter(email=OFFICER).first()
    if officer is None:
        return False
    texts = toolkit.read_json(PACKAGE, "offers.json")
    today = timezone.localdate()
    with toolkit.quietly():
        for offset, amount in PLANNED.items():
            office.year_plan_record(
                actor=officer,
                year=today.year + offset,
                planned_grants=amount,
                note=f"Uchwała budżetowa Miasta Krakowa na rok {today.year + offset}: dotacje na zadania publiczne "
                "realizowane przez organizacje pozarządowe.",
            )
        people = People()
        people.pairs = list(reversed(people.pairs))  # others than the first ones the grants demo hands out
        # Awarded, with its contract signed.
        person, organization = people.take(["16", "13"])
        grants_demo_offers.record_president(person, organization)
        awarded = file(prepare(person, organization, texts["awarded"]), person)
        received_ago(awarded, 30)
        awarded = publish(officer, awarded)
        published_ago(awarded, 24)
        made_on = today - 14 * DAY
        version = awarded.current_version
        requested = version.grant_requested if version is not None else Decimal("0")
        awarded = office.small_grant_decide(
            actor=officer,
            offer=awarded,
            accept=True,
            number=f"{3100 + awarded.pk}/{made_on.year}",
            made_on=made_on,
            amount=requested - Decimal("300.00"),
        )
        contract(officer, awarded, today - 7 * DAY)
        # In its comment period, with one comment.
        person, organization = people.take(["18", "13"])
        grants_demo_offers.record_president(person, organization)
        in_period = file(prepare(person, organization, texts["published"]), person)
        received_ago(in_period, 4)
        in_period = publish(officer, in_period)
        name, text = texts["published"]["comment"]
        comments.comment_add(actor=AnonymousUser(), offer=in_period, text=text, name=name)
        # The demo NGO account's complete draft.
        president = users.get(PRESIDENT)
        if president is not None:
            pod_wawelem = organizations_demo.organization_for(organizations_demo.FEATURED[0])
            rows, rule, required = POD_WAWELEM_BOARD
            grants_demo_offers.record_board(president, pod_wawelem, rows, rule, required)
            prepare(president, pod_wawelem, texts["draft"])
    return True
