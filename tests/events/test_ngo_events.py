"""NGO events: a representative submits the event, the office approves or rejects it, the organization withdraws it."""

import datetime

import pytest
from conftest import make_person
from django.core.exceptions import ValidationError
from django.utils import timezone

from razem.accounts.models import User
from razem.core.models import Notification
from razem.events.models import Meeting
from razem.events.services import ngo_events
from tests.factories import make_organization

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def call(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return call


@pytest.fixture
def event_data(venue):
    starts_at = timezone.now() + datetime.timedelta(days=10)
    return {
        "title": "Piknik na Plantach",
        "kind": Meeting.Kind.OTHER,
        "place_kind": Meeting.Place.VENUE,
        "address": "Planty, przy Barbakanie",
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(hours=4),
        "summary": "Sprzątamy Planty i rozmawiamy o zieleni.",
        "contact_email": "kontakt@planty.example.org",
    }


@pytest.fixture
def submitted(verified_org, org_representative, event_data, officer, administrator):
    return ngo_events.event_submit(actor=org_representative, organization=verified_org, data=event_data)


def fresh(user):
    """The person as a new request would see them (the predicates cache on the user object)."""
    return User.objects.get(pk=user.pk)


def test_a_representative_of_a_verified_organization_submits_an_event_and_the_office_is_told(
    verified_org, org_representative, event_data, officer, administrator, resident, run, mailoutbox
):
    event = run(ngo_events.event_submit, actor=org_representative, organization=verified_org, data=event_data)

    assert event.status == Meeting.Status.SUBMITTED
    assert event.organizer_kind == Meeting.Organizer.ORGANIZATION
    assert event.organization == verified_org
    assert event.visibility == Meeting.Visibility.PUBLIC
    told = set(Notification.objects.filter(kind="events/ngo_event_submitted").values_list("recipient", flat=True))
    assert told == {officer.pk, administrator.pk}
    assert "Stowarzyszenie Przyjaciół Plant" in Notification.objects.filter(recipient=officer).get().title
    assert mailoutbox == []  # in the app only
    assert not Meeting.objects.on_calendar().exists()


def test_the_administrator_of_the_organization_may_submit_too(verified_org, org_admin, event_data):
    event = ngo_events.event_submit(actor=org_admin, organization=verified_org, data=event_data)
    assert event.status == Meeting.Status.SUBMITTED


@pytest.mark.parametrize("who", ["org_member", "resident", "officer"])
def test_only_a_representative_may_submit(request, verified_org, event_data, who):
    person = request.getfixturevalue(who)

    with pytest.raises(ValidationError) as caught:
        ngo_events.event_submit(actor=person, organization=verified_org, data=event_data)

    assert "verified organization you act for" in caught.value.message_dict["organization"][0]
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("org", ["pending_org", "suspended_org"])
def test_an_organization_that_is_not_verified_cannot_submit(request, org_representative, event_data, org):
    organization = request.getfixturevalue(org)
    with pytest.raises(ValidationError):
        ngo_events.event_submit(actor=org_representative, organization=organization, data=event_data)
    assert not Meeting.objects.exists()


def test_a_representative_cannot_submit_for_another_organization(verified_org, org_representative, event_data):
    other = make_organization("Fundacja Inna", krs="0000100009")
    with pytest.raises(ValidationError):
        ngo_events.event_submit(actor=org_representative, organization=other, data=event_data)
    assert not Meeting.objects.exists()


def test_an_event_in_the_past_is_refused(verified_org, org_representative, event_data):
    event_data["starts_at"] = timezone.now() - datetime.timedelta(hours=3)
    event_data["ends_at"] = timezone.now() + datetime.timedelta(hours=1)

    with pytest.raises(ValidationError) as caught:
        ngo_events.event_submit(actor=org_representative, organization=verified_org, data=event_data)

    assert "start in the future" in caught.value.message_dict["starts_at"][0]
    assert not Meeting.objects.exists()


def test_approving_publishes_the_event_and_tells_the_representatives_by_email(
    submitted, officer, org_admin, org_representative, org_member, run, mailoutbox
):
    run(ngo_events.event_review, actor=officer, event=submitted, approve=True)

    submitted.refresh_from_db()
    assert submitted.status == Meeting.Status.PUBLISHED
    assert submitted.reviewed_by == officer
    assert submitted.published_at is not None
    assert list(Meeting.objects.on_calendar()) == [submitted]
    assert sorted(m.to[0] for m in mailoutbox) == sorted([org_admin.email, org_representative.email])
    assert all("Twoje wydarzenie jest w kalendarzu" in m.subject for m in mailoutbox)  # the recipients read Polish


def test_rejecting_needs_a_reason(submitted, officer):
    with pytest.raises(ValidationError) as caught:
        ngo_events.event_review(actor=officer, event=submitted, approve=False, reason=" ")
    assert "Say why" in caught.value.message_dict["reason"][0]
    submitted.refresh_from_db()
    assert submitted.status == Meeting.Status.SUBMITTED


def test_rejecting_tells_the_representatives_the_reason(submitted, officer, org_representative, run, mailoutbox):
    run(
        ngo_events.event_review,
        actor=officer,
        event=submitted,
        approve=False,
        reason="Wydarzenie komercyjne, bez udziału mieszkańców.",
    )

    submitted.refresh_from_db()
    assert submitted.status == Meeting.Status.REJECTED
    assert submitted.status_reason == "Wydarzenie komercyjne, bez udziału mieszkańców."
    email = next(m for m in mailoutbox if m.to == [org_representative.email])
    assert "nie zostało zatwierdzone" in email.subject  # the recipients read Polish
    assert "Wydarzenie komercyjne, bez udziału mieszkańców." in email.body
    assert not Meeting.objects.on_calendar().exists()


def test_an_event_already_reviewed_cannot_be_reviewed_again(submitted, officer):
    ngo_events.event_review(actor=officer, event=submitted, approve=True)
    with pytest.raises(ValidationError) as caught:
        ngo_events.event_review(actor=officer, event=submitted, approve=False, reason="Jednak nie")
    assert "not awaiting approval" in caught.value.messages[0]


def test_a_city_meeting_is_not_reviewed(meeting, officer):
    with pytest.raises(ValidationError):
        ngo_events.event_review(actor=officer, event=meeting, approve=True)


def test_correcting_a_rejected_event_sends_it_for_review_again(submitted, officer, org_representative):
    ngo_events.event_review(actor=officer, event=submitted, approve=False, reason="Brak adresu")
    Notification.objects.all().delete()

    ngo_events.event_update(
        actor=fresh(org_representative), event=submitted, data={"address": "Planty, przy Barbakanie 1"}
    )

    submitted.refresh_from_db()
    assert submitted.status == Meeting.Status.SUBMITTED
    assert submitted.status_reason == ""
    assert submitted.address == "Planty, przy Barbakanie 1"
    assert Notification.objects.filter(recipient=officer, kind="events/ngo_event_submitted").count() == 1


def test_an_approved_event_can_no_longer_be_changed_by_the_organization(submitted, officer, org_representative):
    ngo_events.event_review(actor=officer, event=submitted, approve=True)

    with pytest.raises(ValidationError) as caught:
        ngo_events.event_update(actor=fresh(org_representative), event=submitted, data={"title": "Nowy tytuł"})

    assert caught.value.code == "locked"
    submitted.refresh_from_db()
    assert submitted.title == "Piknik na Plantach"


def test_a_plain_member_cannot_change_the_event(submitted, org_member):
    with pytest.raises(ValidationError):
        ngo_events.event_update(actor=org_member, event=submitted, data={"title": "Nowy tytuł"})


def test_withdrawing_an_event_awaiting_approval_takes_it_back_to_a_draft(submitted, org_representative):
    ngo_events.event_withdraw(actor=org_representative, event=submitted)

    submitted.refresh_from_db()
    assert submitted.status == Meeting.Status.DRAFT


def test_withdrawing_a_published_event_cancels_it_with_a_reason(submitted, officer, org_representative):
    ngo_events.event_review(actor=officer, event=submitted, approve=True)

    with pytest.raises(ValidationError) as caught:
        ngo_events.event_withdraw(actor=org_representative, event=submitted, reason="")
    assert "Say why" in caught.value.message_dict["reason"][0]

    ngo_events.event_withdraw(actor=org_representative, event=submitted, reason="Prognoza: ulewa")

    submitted.refresh_from_db()
    assert submitted.status == Meeting.Status.CANCELLED
    assert submitted.status_reason == "Prognoza: ulewa"
    assert submitted.sequence == 1
    assert list(Meeting.objects.on_calendar()) == [submitted]  # shown, marked as cancelled


def test_an_event_that_has_started_can_no_longer_be_withdrawn(submitted, officer, org_representative):
    ngo_events.event_review(actor=officer, event=submitted, approve=True)
    Meeting.objects.filter(pk=submitted.pk).update(starts_at=timezone.now() - datetime.timedelta(minutes=5))

    with pytest.raises(ValidationError) as caught:
        ngo_events.event_withdraw(actor=org_representative, event=submitted, reason="Za późno")

    assert "can no longer be withdrawn" in caught.value.messages[0]


def test_someone_outside_the_organization_cannot_withdraw_its_event(submitted, org_member, resident):
    for person in (org_member, resident):
        with pytest.raises(ValidationError):
            ngo_events.event_withdraw(actor=person, event=submitted)
    submitted.refresh_from_db()
    assert submitted.status == Meeting.Status.SUBMITTED


def test_a_representative_of_a_suspended_organization_may_still_withdraw_its_published_event(
    submitted, officer, org_representative, verified_org
):
    ngo_events.event_review(actor=officer, event=submitted, approve=True)
    verified_org.status = verified_org.Status.SUSPENDED
    verified_org.save(update_fields=["status"])
    event = Meeting.objects.get(pk=submitted.pk)
    representative = fresh(org_representative)
    assert representative.has_perm("events.withdraw_event_meeting", event)

    ngo_events.event_withdraw(actor=representative, event=event, reason="Zawieszenie działalności")

    event.refresh_from_db()
    assert event.status == Meeting.Status.CANCELLED


def test_a_new_person_with_no_role_in_the_city_is_never_told_about_submissions(
    verified_org, org_representative, event_data
):
    bystander = make_person("przechodzien@example.org")
    ngo_events.event_submit(actor=org_representative, organization=verified_org, data=event_data)
    assert not Notification.objects.filter(recipient=bystander).exists()
