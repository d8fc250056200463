"""Elections on the kernel's mechanisms: the one calendar declaration (phase, order, public calendar), the refusals
said the same by the page and the service, the notices sent after the commit to the people acting for the
electorate, seating the elected all or nothing, and the protocol issued as a document with its checksum."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from razem.bodies.models import BodyMembership, Term
from razem.core.models import DocumentSnapshot, LogEntry, Notification
from razem.core.permissions import why_not
from razem.elections import services
from razem.elections.models import Ballot, Candidacy, Election, Elector
from razem.elections.rules import VOTE
from razem.elections.schedule import SCHEDULE
from razem.organizations.models import Membership
from tests.core.helpers import text_of
from tests.factories import UserFactory, add_membership, calendar_for


def refusal(call) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value


# The calendar -------------------------------------------------------------------------------------------------------


def test_the_public_calendar_is_the_schedule_of_the_election(client, make_election):
    election = make_election("verification")

    response = client.get(f"/wybory/{election.slug}/")

    rows = response.context["calendar"]
    assert rows == SCHEDULE.calendar(election)
    assert [row["phase"] for row in rows] == ["nominations", "support", "verification", "waiting", "voting", "counting"]
    assert [row["phase"] for row in rows if row["now"]] == ["verification"]


def test_the_calendar_shows_support_from_the_opening_of_nominations_and_counting_until_results_are_due(
    make_election,
):
    election = make_election("support")

    rows = {row["phase"]: row for row in SCHEDULE.calendar(election)}

    assert rows["support"]["start"] == election.nominations_open
    assert rows["support"]["end"] == election.support_close
    assert rows["counting"]["start"] == election.voting_close
    assert rows["counting"]["end"] == election.results_due and rows["counting"]["end_is_date"]
    assert not rows["voting"]["end_is_date"]


def test_the_wait_before_the_vote_is_left_off_when_it_lasts_no_time(make_election):
    election = make_election("nominations")
    election.voting_open = election.verification_close

    assert "waiting" not in [row["phase"] for row in SCHEDULE.calendar(election)]


def test_counting_stays_the_current_step_once_the_results_are_published(make_election):
    election = make_election("counting", results_published_at=timezone.now())

    assert election.phase() == Election.Phase.RESULTS
    assert [row["phase"] for row in SCHEDULE.calendar(election) if row["now"]] == ["counting"]


@pytest.mark.parametrize(
    ("status", "phase"), [(Election.Status.DRAFT, "draft"), (Election.Status.CANCELLED, "cancelled")]
)
def test_a_draft_or_cancelled_election_is_in_that_state_whatever_the_date(make_election, status, phase):
    election = make_election("voting", status=status)

    assert election.phase() == phase
    assert not [row for row in SCHEDULE.calendar(election) if row["now"]]


# One refusal for the page and the service -------------------------------------------------------------------------


@pytest.mark.parametrize("phase", ["waiting", "counting"])
def test_the_vote_page_refuses_outside_the_window_with_the_services_words(client, make_election, ready, phase):
    election = make_election("voting")
    candidacies = ready(election)
    Election.objects.filter(pk=election.pk).update(**calendar_for(phase))
    election.refresh_from_db()
    person, organization = candidacies[0].person, candidacies[0].organization
    client.force_login(person)

    page = client.get(f"/wybory/{election.slug}/glosuj/")
    with translation.override("pl"):
        said = refusal(
            lambda: services.ballot_cast(
                actor=person, election=election, organization=organization, choices=[candidacies[0].pk]
            )
        )
        window = SCHEDULE.closed_message(election, "voting")

    assert page.status_code == 403
    assert said.code == "window"
    assert said.messages == [window]
    assert window in text_of(page)
    assert not Ballot.objects.exists()


def test_before_the_office_opens_the_vote_the_page_and_the_service_say_the_same(client, make_election, ready):
    election = make_election("voting")
    candidacies = ready(election)
    Election.objects.filter(pk=election.pk).update(electorate_frozen_at=None)
    election.refresh_from_db()
    person, organization = candidacies[0].person, candidacies[0].organization
    client.force_login(person)

    page = client.get(f"/wybory/{election.slug}/glosuj/")
    with translation.override("pl"):
        said = refusal(
            lambda: services.ballot_cast(
                actor=person, election=election, organization=organization, choices=[candidacies[0].pk]
            )
        )
        reason = why_not(person, VOTE, election)

    assert page.status_code == 403
    assert said.code == "not_frozen"
    assert said.messages == [reason]
    assert reason in text_of(page)


# Notices after the commit -------------------------------------------------------------------------------------------


def test_the_announcement_reaches_the_people_acting_for_eligible_organizations_only(make_election, officer, voters):
    election = make_election(
        "nominations", status=Election.Status.DRAFT, nominations_open=timezone.now() - datetime.timedelta(hours=1)
    )
    [(organization, representative)] = voters(1)
    member = UserFactory()
    add_membership(organization, member, Membership.Role.MEMBER)

    services.election_announce(actor=officer, election=election)

    told = set(Notification.objects.filter(kind="elections/announced").values_list("recipient", flat=True))
    assert representative.pk in told
    assert member.pk not in told


def test_a_refused_verification_tells_nobody(make_election, voters, officer):
    election = make_election("verification", support_needed=5)
    [(organization, person)] = voters(1)
    candidacy = Candidacy.objects.create(
        election=election, organization=organization, person=person, nominated_by=person, statement="Chcę działać.",
        consent_at=timezone.now(), status=Candidacy.Status.SUBMITTED,
    )  # fmt: skip

    refusal(lambda: services.candidacy_verify(actor=officer, candidacy=candidacy, accept=True))

    assert not Notification.objects.filter(kind="elections/candidacy_verified").exists()


# Seating the elected ------------------------------------------------------------------------------------------------


@pytest.fixture
def published(make_election, ready, officer):
    """A published election of KRDPP with two elected candidates, and a new term to seat them in."""
    election = make_election("counting", seats=2)
    a, b, _c = ready(election)
    Ballot.objects.create(election=election, choices=sorted([a.pk, b.pk]), is_valid=True)
    Ballot.objects.create(election=election, choices=[a.pk], is_valid=True)
    services.election_count(actor=officer, election=election)
    services.results_publish(actor=officer, election=election)
    starts = timezone.localdate() + datetime.timedelta(days=400)
    term = Term.objects.create(
        body=election.body,
        number=7,
        name="VII kadencja",
        starts_on=starts,
        ends_on=starts + datetime.timedelta(days=1000),
    )
    return election, a, b, term


def test_the_elected_are_seated_in_one_service(published, officer):
    election, a, b, term = published

    seating = services.elected_seat(actor=officer, election=election, term=term)

    assert {m.person_id for m in seating.added} == {a.person_id, b.person_id}
    assert seating.already_seated == 0
    assert LogEntry.objects.filter(action="elections.election.seated").count() == 1
    again = services.elected_seat(actor=officer, election=election, term=term)
    assert again.added == [] and again.already_seated == 2
    assert BodyMembership.objects.filter(term=term).count() == 2


def test_seating_the_elected_is_all_or_nothing(published, officer):
    election, a, b, term = published
    # b already sits in the body for a period that overlaps the new term: that seat must be refused.
    earlier = term.starts_on - datetime.timedelta(days=30)
    BodyMembership.objects.create(
        body=election.body, person=b.person, organization=b.organization, start_date=earlier, end_date=None
    )

    with translation.override("en"):
        error = refusal(lambda: services.elected_seat(actor=officer, election=election, term=term))

    assert any(b.person.full_name in message and "was not added" in message for message in error.messages)
    assert not BodyMembership.objects.filter(term=term).exists()  # a, who could sit, was not seated either
    assert not LogEntry.objects.filter(action__in=["bodies.membership.added", "elections.election.seated"]).exists()


def test_the_elected_are_not_seated_before_publication(make_election, ready, officer, krdpp):
    election = make_election("counting", seats=2)
    ready(election)
    term = krdpp.terms.order_by("-number").first()

    with translation.override("en"):
        error = refusal(lambda: services.elected_seat(actor=officer, election=election, term=term))

    assert error.messages == ["Publish the results first."]
    assert not BodyMembership.objects.filter(appointment=BodyMembership.Appointment.ELECTED).exists()


def test_the_office_page_seats_nobody_when_one_seat_is_refused(officer_client, published):
    election, _a, b, term = published
    BodyMembership.objects.create(
        body=election.body, person=b.person, organization=b.organization, start_date=term.starts_on, end_date=None
    )

    response = officer_client.post(
        f"/panel/wybory/{election.slug}/wybrani/", {"action": "seat", "term": term.pk}, follow=True
    )

    assert response.status_code == 200
    assert not BodyMembership.objects.filter(term=term).exists()
    assert any(b.person.full_name in str(m) for m in response.context["messages"])


# The protocol -------------------------------------------------------------------------------------------------------


def test_the_protocol_is_issued_once_while_the_results_are_unchanged(client, published):
    election, *_rest = published

    first = client.get(f"/wybory/{election.slug}/protokol.pdf")
    second = client.get(f"/wybory/{election.slug}/protokol.pdf")

    assert first.status_code == second.status_code == 200
    assert b"".join(first.streaming_content).startswith(b"%PDF")
    snapshots = DocumentSnapshot.objects.filter(kind=services.PROTOCOL, object_id=str(election.pk))
    assert snapshots.count() == 1
    assert 'filename="protokol-' in first["Content-Disposition"]


def test_the_electorate_of_a_frozen_election_is_the_audience_of_the_results(make_election, ready, officer, voters):
    election = make_election("voting")
    candidacies = ready(election)
    [(late, late_person)] = voters(1)  # eligible now, but not in the frozen electorate
    Election.objects.filter(pk=election.pk).update(
        voting_open=timezone.now() - datetime.timedelta(days=2),
        voting_close=timezone.now() - datetime.timedelta(hours=1),
    )
    election.refresh_from_db()
    services.election_count(actor=officer, election=election)

    services.results_publish(actor=officer, election=election)

    told = set(Notification.objects.filter(kind="elections/results").values_list("recipient", flat=True))
    assert candidacies[0].person.pk in told
    assert late_person.pk not in told
    assert not Elector.objects.filter(organization=late).exists()
