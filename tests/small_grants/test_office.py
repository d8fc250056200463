"""The office's side and the public's: publication in the three channels (the comment period), comments (in the
period, after it, moderation), the decision after the period (the caps checked again, the amount at most the
request; Decision, Award and AwardYear written; the oferent told), and the plans of grants per year."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from razem.core.deadlines import deadline
from razem.core.models import LogEntry, Notification
from razem.core.money import pln
from razem.core.schedule import when
from razem.grants.models import Award, AwardYear, Decision, Offer
from razem.small_grants.models import Comment, SmallGrant, SmallGrantPublication, YearPlan
from razem.small_grants.services import comments, office
from tests.core.helpers import in_polish
from tests.factories import OrganizationFactory, UserFactory
from tests.small_grants.factories import award_directly, comments_over, decide, filed, publications, published

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def staff():
    return UserFactory(officer=True)


@pytest.fixture
def filed_offer(offer):
    filed(offer)
    return offer


# Publication ---------------------------------------------------------------------------------------------------------


def test_publishing_records_the_three_channels_and_opens_the_comment_period(filed_offer, staff):
    today = timezone.localdate()
    SmallGrant.objects.filter(offer=filed_offer).update(received_on=today - 2 * DAY)
    offer = office.small_grant_publish(
        actor=staff, offer=Offer.objects.get(pk=filed_offer.pk), publications=publications(today - DAY)
    )
    small_grant = SmallGrant.objects.get(offer=offer)
    assert offer.status == Offer.Status.PUBLISHED
    assert small_grant.published_on == today
    assert small_grant.comments_until == deadline("small_grant_comment_days", today).date == today + 7 * DAY
    assert {(p.channel, p.published_on) for p in small_grant.publications.all()} == {
        ("razem", today),
        ("bip", today - DAY),
        ("notice_board", today - DAY),
    }
    notice = Notification.objects.get(recipient=filed_offer.filer, kind="small_grants/published")
    assert offer.number in notice.title


def test_the_bip_address_and_the_notice_board_are_required(filed_offer, staff):
    offer = Offer.objects.get(pk=filed_offer.pk)
    with pytest.raises(ValidationError) as caught:
        office.small_grant_publish(
            actor=staff, offer=offer, publications=[{"channel": "bip", "published_on": timezone.localdate()}]
        )
    errors = caught.value.message_dict
    assert errors["bip_url"] == [in_polish("Give the address of the offer in the BIP.")]
    assert errors["notice_board_published_on"] == [
        in_polish("The offer must also be published here (art. 19a ust. 3): %(channel)s. Give the date.")
        % {"channel": in_polish("Notice board at the office's seat")}
    ]
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.FILED
    assert not SmallGrantPublication.objects.exists()


def test_a_publication_before_the_receipt_is_refused(filed_offer, staff):
    yesterday = timezone.localdate() - DAY
    with pytest.raises(ValidationError) as caught:
        office.small_grant_publish(
            actor=staff, offer=Offer.objects.get(pk=filed_offer.pk), publications=publications(yesterday)
        )
    assert caught.value.message_dict["bip_published_on"] == [
        in_polish("%(date)s is before the offer was received (%(received)s).")
        % {"date": when(yesterday), "received": when(timezone.localdate())}
    ]


def test_a_publication_in_the_future_is_refused(filed_offer, staff):
    tomorrow = timezone.localdate() + DAY
    with pytest.raises(ValidationError) as caught:
        office.small_grant_publish(
            actor=staff, offer=Offer.objects.get(pk=filed_offer.pk), publications=publications(tomorrow)
        )
    assert caught.value.message_dict["bip_published_on"] == [
        in_polish("%(date)s is in the future: record a publication once it has appeared.") % {"date": when(tomorrow)}
    ]


def test_only_the_office_publishes_and_only_a_filed_offer(offer, staff):
    with pytest.raises(ValidationError) as caught:
        office.small_grant_publish(actor=staff, offer=offer, publications=publications())
    assert caught.value.messages == [
        in_polish("This offer is %(status)s; only a filed offer can be published.")
        % {"status": in_polish("Draft", "offer status").lower()}
    ]
    filed(offer)
    with pytest.raises(ValidationError) as caught:
        office.small_grant_publish(actor=offer.filer, offer=Offer.objects.get(pk=offer.pk), publications=publications())
    assert caught.value.messages == [in_polish("Only the city's officers can do this.")]


# Comments ------------------------------------------------------------------------------------------------------------


def test_anyone_may_comment_in_the_period_and_the_comment_is_public_at_once(offer, staff):
    published(offer, staff)
    anonymous = comments.comment_add(actor=AnonymousUser(), offer=offer, text="Świetny pomysł.", name="")
    assert anonymous.author is None and anonymous.name == "" and anonymous.hidden_at is None
    resident = UserFactory(full_name="Maria Mieszkanka")
    signed = comments.comment_add(actor=resident, offer=offer, text="Popieram.")
    assert signed.author == resident and signed.name == "Maria Mieszkanka" and signed.email == resident.email
    assert LogEntry.objects.filter(action="small_grants.comment.added").count() == 2


def test_a_comment_after_the_period_is_refused_with_its_last_day(offer, staff):
    published(offer, staff)
    small_grant = comments_over(offer)
    with pytest.raises(ValidationError) as caught:
        comments.comment_add(actor=AnonymousUser(), offer=offer, text="Za późno?")
    assert caught.value.messages == [
        in_polish("Comments could be made until %(date)s; the comment period has ended.")
        % {"date": when(small_grant.comments_until)}
    ]
    assert not Comment.objects.exists()


def test_the_last_day_of_the_period_still_accepts_comments(offer, staff):
    published(offer, staff)
    SmallGrant.objects.filter(offer=offer).update(comments_until=timezone.localdate())
    assert comments.comment_add(actor=AnonymousUser(), offer=offer, text="Ostatni dzień.").pk


def test_no_comment_before_publication_and_no_empty_comment(filed_offer, staff):
    with pytest.raises(ValidationError) as caught:
        comments.comment_add(actor=AnonymousUser(), offer=filed_offer, text="Wcześnie")
    assert caught.value.messages == [in_polish("This offer has not been published for comments.")]
    published(filed_offer, staff)
    with pytest.raises(ValidationError) as caught:
        comments.comment_add(actor=AnonymousUser(), offer=filed_offer, text="   ")
    assert caught.value.message_dict == {"text": [in_polish("Write your comment.")]}
    assert not Comment.objects.exists()


def test_the_office_hides_an_abusive_comment_with_a_reason(offer, staff):
    published(offer, staff)
    comment = comments.comment_add(actor=AnonymousUser(), offer=offer, text="Obraźliwy wpis")
    with pytest.raises(ValidationError) as caught:
        comments.comment_hide(actor=staff, comment=comment, reason="")
    assert caught.value.message_dict == {
        "reason": [in_polish("Say why the comment is hidden; the page shows it in its place.")]
    }
    with pytest.raises(ValidationError):
        comments.comment_hide(actor=UserFactory(), comment=comment, reason="Spam")
    hidden = comments.comment_hide(actor=staff, comment=comment, reason="Wpis narusza regulamin.")
    assert hidden.hidden_by == staff and hidden.hidden_reason == "Wpis narusza regulamin." and hidden.is_hidden


# The decision --------------------------------------------------------------------------------------------------------


def test_deciding_before_the_comment_period_ends_is_refused(offer, staff):
    published(offer, staff)
    small_grant = SmallGrant.objects.get(offer=offer)
    with pytest.raises(ValidationError) as caught:
        decide(offer, staff)
    assert caught.value.messages == [
        in_polish("The comment period ends on %(date)s; the office decides after it, once it has read the comments.")
        % {"date": when(small_grant.comments_until)}
    ]
    assert not Decision.objects.exists() and Offer.objects.get(pk=offer.pk).status == Offer.Status.PUBLISHED


def test_a_decision_dated_within_the_period_is_refused(offer, staff):
    published(offer, staff)
    small_grant = comments_over(offer)
    with pytest.raises(ValidationError) as caught:
        decide(offer, staff, made_on=small_grant.comments_until)
    assert caught.value.message_dict == {
        "made_on": [
            in_polish(
                "The decision can be made only after the comment period, which ends on %(date)s; %(made_on)s is "
                "not after it."
            )
            % {"date": when(small_grant.comments_until), "made_on": when(small_grant.comments_until)}
        ]
    }
    assert not Decision.objects.exists()


def test_the_award_writes_the_decision_the_grant_and_its_year_and_tells_the_oferent(offer, staff):
    published(offer, staff)
    comments_over(offer)
    decided = decide(offer, staff, amount=Decimal("4000.00"), number="ZP/77/2026")
    assert decided.status == Offer.Status.AWARDED
    award = Award.objects.select_related("decision", "version").get(offer=offer)
    assert award.decision.call is None and award.decision.number == "ZP/77/2026"
    assert award.amount == Decimal("4000.00") and award.requested == Decimal("5000.00") and award.points is None
    assert award.update == Award.Update.NOT_NEEDED and award.version_id == decided.current_version_id
    assert award.grant_share == Decimal("66.67")  # 4 000 of the 6 000 total cost
    assert [(y.year, y.amount) for y in AwardYear.objects.filter(award=award)] == [
        (offer.start_date.year, Decimal("4000.00"))
    ]
    small_grant = SmallGrant.objects.get(offer=offer)
    assert small_grant.decision_id == award.decision_id and small_grant.decided_by == staff
    notice = Notification.objects.get(recipient=offer.filer, kind="small_grants/decided")
    assert pln("4000.00") in notice.body


def test_the_amount_may_not_exceed_the_request(offer, staff):
    published(offer, staff)
    comments_over(offer)
    with pytest.raises(ValidationError) as caught:
        decide(offer, staff, amount=Decimal("5000.01"))
    assert caught.value.message_dict == {
        "amount": [
            in_polish(
                "The amount awarded, %(amount)s, is more than the grant requested, %(requested)s; the office may "
                "give less than requested, never more."
            )
            % {"amount": pln("5000.01"), "requested": pln("5000.00")}
        ]
    }
    assert not Award.objects.exists()


def test_the_caps_are_checked_again_at_the_decision(offer, staff):
    published(offer, staff)
    comments_over(offer)
    year = offer.start_date.year
    YearPlan.objects.filter(year=year).update(planned_grants=Decimal("100000.00"))  # pool: 20 000 zł
    award_directly(OrganizationFactory(), "16000.00", year)  # awarded since the filing
    with pytest.raises(ValidationError) as caught:
        decide(offer, staff)
    assert list(caught.value.message_dict) == ["amount"]
    assert "art. 19a ust. 7 u.d.p.p.w." in caught.value.messages[0]
    assert Decision.objects.count() == 1  # the earlier one only
    assert Offer.objects.get(pk=offer.pk).status == Offer.Status.PUBLISHED
    decided = decide(offer, staff, amount=Decimal("4000.00"))  # less fits the pool exactly
    assert decided.status == Offer.Status.AWARDED


def test_a_refusal_needs_a_reason_and_writes_a_decision_without_a_grant(offer, staff):
    published(offer, staff)
    comments_over(offer)
    with pytest.raises(ValidationError) as caught:
        decide(offer, staff, accept=False, reason="")
    assert caught.value.message_dict == {
        "reason": [in_polish("Say why the grant is refused; the organization reads it.")]
    }
    decided = decide(offer, staff, accept=False, reason="Zadanie nie ma charakteru lokalnego.")
    assert (
        decided.status == Offer.Status.NOT_AWARDED and decided.status_reason == "Zadanie nie ma charakteru lokalnego."
    )
    assert not Award.objects.exists()
    assert SmallGrant.objects.get(offer=offer).decision.note == "Zadanie nie ma charakteru lokalnego."
    assert Notification.objects.filter(recipient=offer.filer, kind="small_grants/decided").exists()


def test_a_decided_offer_cannot_be_decided_again_or_withdrawn(offer, staff):
    from razem.small_grants.services.filing import small_grant_withdraw

    published(offer, staff)
    comments_over(offer)
    decide(offer, staff)
    with pytest.raises(ValidationError):
        decide(offer, staff)
    with pytest.raises(ValidationError):
        small_grant_withdraw(actor=offer.filer, offer=Offer.objects.get(pk=offer.pk))
    assert Decision.objects.count() == 1


# Plans ---------------------------------------------------------------------------------------------------------------


def test_the_office_records_and_corrects_a_years_plan(staff):
    plan = office.year_plan_record(actor=staff, year=2031, planned_grants=Decimal("1500000.00"), note="Uchwała")
    again = office.year_plan_record(actor=staff, year=2031, planned_grants=Decimal("1600000.00"))
    assert again.pk == plan.pk and again.planned_grants == Decimal("1600000.00")
    entry = LogEntry.objects.filter(action="small_grants.year_plan.recorded").order_by("id").last()
    assert entry.data == {"year": 2031, "before": "1500000.00", "after": "1600000.00"}
    with pytest.raises(ValidationError):
        office.year_plan_record(actor=UserFactory(), year=2031, planned_grants=Decimal("1"))
    with pytest.raises(ValidationError):
        office.year_plan_record(actor=staff, year=2031, planned_grants=Decimal("-1"))
