"""The update after a partial award filed end to end: the budget edited through the editor's services, filed through
the filing service (which goes through ``grants.reopening``); a grant other than the award or a share of the grant
that rises is refused with its Polish message and nothing filed; a sound update is filed as the next version, the
award records it and the office is told."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from razem.core.models import Notification
from razem.core.money import pln
from razem.grants.models import Award, Offer
from razem.grants.services import filing
from razem.grants.services.offers import tables
from tests.core.helpers import in_polish
from tests.grants.test_results_factories import decided

pytestmark = pytest.mark.django_db

D = Decimal


def edit_budget(offer: Offer, *, cost: str, grant: str, own: str) -> None:
    activity = offer.activities.first()
    tables.offer_replace_budget(
        actor=offer.person,
        offer=offer,
        lines=[
            {"category": "realization", "name": "Wynagrodzenie trenera", "unit": "godzina",
             "unit_cost": D(cost) / 10, "quantity": D("10"), "year_amounts": {}, "partner": None,
             "activity": activity},
        ],
        funding=[
            {"year": offer.years[0], "grant": D(grant), "own_financial": D("0"), "own_personal": D(own),
             "own_material": D("0"), "recipient_fees": D("0")},
        ],
    )  # fmt: skip


def file(offer: Offer):
    signatories = [r for o in filing.oferents(offer) for r in o.representatives.all()]
    fresh = Offer.objects.get(pk=offer.pk)
    return filing.offer_file(
        actor=offer.person, offer=fresh, signatories=signatories, declarations=filing.default_declarations(fresh)
    )


@pytest.fixture
def partial(officer):
    offer = decided(officer, publish_results=True)["partial"]  # 5 000 of 8 000 awarded; the grant's share 90 %
    person = offer.person  # type: ignore[attr-defined]
    offer.refresh_from_db()
    offer.person = person  # type: ignore[attr-defined]
    return offer


def assert_not_filed(offer: Offer) -> None:
    fresh = Offer.objects.get(pk=offer.pk)
    assert fresh.current_version.number == 1 and fresh.status == Offer.Status.AWARDED
    award = Award.objects.get(offer=offer)
    assert award.update == Award.Update.AWAITED and award.updated_version is None


def test_an_update_whose_grant_differs_from_the_award_is_not_filed(partial):
    edit_budget(partial, cost="6000.00", grant="5400.00", own="600.00")

    with pytest.raises(ValidationError) as caught:
        file(partial)

    expected = in_polish(
        "The grant in the update is %(grant)s; it must equal the grant awarded, %(award)s (V.B, the planned grant)."
    ) % {"grant": pln(D("5400.00")), "award": pln(D("5000.00"))}
    assert expected in caught.value.messages
    assert_not_filed(partial)


def test_an_update_that_raises_the_grants_share_is_not_filed(partial):
    from razem.grants.models import Call

    Call.objects.filter(pk=partial.call_id).update(own_share_min=D("0"))
    edit_budget(partial, cost="5200.00", grant="5000.00", own="200.00")  # 96.15 % > 90.00 %

    with pytest.raises(ValidationError) as caught:
        file(partial)

    expected = in_polish(
        "The grant is %(share)s of the total cost; it may not rise above %(max)s, its share in the offer as awarded. "
        "With a grant of %(grant)s the total cost must be at least %(least)s: keep the own contribution, do not cut "
        "it with the grant."
    ) % {"share": "96,15\u00a0%", "max": "90,00\u00a0%", "grant": pln(D("5000.00")), "least": pln(D("5555.25"))}
    assert expected in caught.value.messages
    assert_not_filed(partial)


def test_a_sound_update_is_filed_as_the_next_version_and_the_office_is_told(officer, partial):
    edit_budget(partial, cost="5600.00", grant="5000.00", own="600.00")  # 89.29 %, own 10.71 %

    version = file(partial)

    assert version.number == 2 and version.grant_requested == D("5000.00")
    fresh = Offer.objects.get(pk=partial.pk)
    assert fresh.status == Offer.Status.AWARDED and fresh.current_version == version
    award = Award.objects.get(offer=partial)
    assert award.update == Award.Update.FILED and award.updated_version == version and award.version.number == 1
    assert Notification.objects.filter(kind="grants/update_filed", recipient=officer).exists()
