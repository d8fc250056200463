"""The services of dialogue bodies: seats, terms, applications, acts, opinion requests and the workspace."""

import datetime
from decimal import Decimal

import pytest
from conftest import make_person
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from razem.bodies import services
from razem.bodies.models import Act, BodyMembership, MembershipApplication, OpinionRequest, Post
from razem.core.models import Notification, StatutoryValue
from tests.factories import add_membership, make_organization

pytestmark = pytest.mark.usefixtures("english")

DAY = datetime.timedelta(days=1)


def errors_of(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def message_of(call) -> str:
    with pytest.raises(ValidationError) as caught:
        call()
    return " ".join(caught.value.messages)


@pytest.fixture
def add(officer):
    def call(body, **data):
        start = data.get("start_date")
        term = data.get("term") or (services.current_term(body, start) if start else None)
        if term is not None and "end_date" not in data:
            data["end_date"] = term.ends_on  # a seat in a term with an end ends with it at the latest
        return services.membership_add(actor=officer, body=body, data=data, notify_person=False)

    return call


# Seats ----------------------------------------------------------------------------------------------------------


def test_a_person_cannot_sit_twice_in_the_same_body_in_overlapping_periods(krdpp, current_term, add, resident):
    add(krdpp, person=resident, institution="Rada Miasta Krakowa", start_date=current_term.starts_on)

    errors = errors_of(
        lambda: add(krdpp, person=resident, institution="Urząd Miasta Krakowa", start_date=current_term.starts_on + DAY)
    )

    assert "already sits in this body" in errors["person"][0]
    assert BodyMembership.objects.filter(person=resident).count() == 1


def test_the_same_person_may_sit_again_after_the_previous_membership_ended_and_the_history_stays(
    krdpp, current_term, add, resident, officer
):
    first = add(krdpp, person=resident, institution="Rada Miasta Krakowa", start_date=current_term.starts_on)
    services.membership_end(actor=officer, membership=first, end_date=current_term.starts_on + 30 * DAY,
                            reason="rezygnacja")  # fmt: skip

    again = add(krdpp, person=resident, institution="Rada Miasta Krakowa", start_date=current_term.starts_on + 60 * DAY)

    first.refresh_from_db()
    assert again.pk != first.pk
    assert (first.end_date, first.end_reason) == (current_term.starts_on + 30 * DAY, "rezygnacja")
    assert BodyMembership.objects.filter(person=resident, body=krdpp).count() == 2


def test_the_dates_of_a_seat_must_lie_within_its_term(krdpp, past_term, add, resident):
    errors = errors_of(
        lambda: add(krdpp, person=resident, institution="Rada Miasta Krakowa", term=past_term,
                    start_date=past_term.starts_on - DAY, end_date=past_term.ends_on)
    )  # fmt: skip

    assert "must lie within the term V kadencja" in errors["start_date"][0]
    assert not BodyMembership.objects.exists()


def test_a_seat_represents_an_organization_or_an_institution(krdpp, add, resident):
    errors = errors_of(lambda: add(krdpp, person=resident, start_date=timezone.localdate()))

    assert errors["organization"] == ["Choose the organization the person represents, or name the institution."]
    assert not BodyMembership.objects.exists()


def test_a_forum_has_one_representative_and_one_deputy_per_organization(
    forum, add, verified_org, org_representative, org_member, org_admin, resident
):
    today = timezone.localdate()
    principal = add(forum, person=org_representative, organization=verified_org, start_date=today)
    add(forum, person=org_member, organization=verified_org, position="deputy", deputy_of=principal, start_date=today)

    second = errors_of(lambda: add(forum, person=org_admin, organization=verified_org, start_date=today))
    second_deputy = errors_of(
        lambda: add(forum, person=resident, organization=verified_org, position="deputy", start_date=today)
    )

    assert "already has a representative in" in second["organization"][0]
    assert "already has a deputy in" in second_deputy["organization"][0]
    assert BodyMembership.objects.filter(body=forum).count() == 2


def test_a_deputy_stands_in_for_a_member_of_the_same_body(forum, commission, add, verified_org, org_representative,
                                                         org_member):  # fmt: skip
    today = timezone.localdate()
    elsewhere = add(commission, person=org_representative, organization=verified_org, start_date=today)

    errors = errors_of(
        lambda: add(forum, person=org_member, organization=verified_org, position="deputy", deputy_of=elsewhere,
                    start_date=today)
    )  # fmt: skip

    assert errors["deputy_of"] == ["A deputy stands in for a member of the same body."]
    assert not BodyMembership.objects.filter(body=forum).exists()


def test_ending_a_membership_needs_a_reason(krdpp, seat, resident, officer):
    membership = seat(krdpp, resident)

    errors = errors_of(
        lambda: services.membership_end(actor=officer, membership=membership, end_date=timezone.localdate(), reason=" ")
    )

    membership.refresh_from_db()
    assert "Say why the membership ends" in errors["reason"][0]
    assert membership.end_date is None


# Terms ----------------------------------------------------------------------------------------------------------


def test_a_term_cannot_overlap_another_or_repeat_its_number(krdpp, current_term, officer):
    overlap = errors_of(
        lambda: services.term_create(actor=officer, body=krdpp, data={
            "number": 7, "name": "VII kadencja", "starts_on": current_term.ends_on, "ends_on": None})
    )  # fmt: skip
    duplicate = errors_of(
        lambda: services.term_create(actor=officer, body=krdpp, data={
            "number": 6, "name": "VI bis", "starts_on": current_term.ends_on + DAY, "ends_on": None})
    )  # fmt: skip

    assert "The term overlaps VI kadencja" in overlap["starts_on"][0]
    assert duplicate["number"] == ["This body already has a term with this number."]
    assert krdpp.terms.count() == 2


# Applications ---------------------------------------------------------------------------------------------------


@pytest.fixture
def forum_chair(forum, seat):
    person = make_person("przewodniczaca.forum@example.org", full_name="Fryderyka Forumowa")
    seat(forum, person, position="chair")
    return person


def test_a_representative_of_a_verified_organization_applies_and_the_office_and_the_chairs_are_told(
    forum, forum_chair, verified_org, org_representative, org_member, officer
):
    application = services.application_submit(
        actor=org_representative, body=forum, organization=verified_org, representative=org_representative,
        deputy=org_member, motivation="Prowadzimy świetlicę w lokalu gminnym.",
    )  # fmt: skip

    assert application.status == MembershipApplication.Status.PENDING
    told = set(Notification.objects.filter(kind="bodies/application_submitted").values_list("recipient", flat=True))
    assert told == {officer.pk, forum_chair.pk}


@pytest.mark.parametrize("which", ["pending_org", "suspended_org"])
def test_only_verified_organizations_can_apply(forum, org_representative, which, request):
    organization = request.getfixturevalue(which)

    errors = errors_of(
        lambda: services.application_submit(
            actor=org_representative, body=forum, organization=organization, representative=org_representative
        )
    )

    assert errors["organization"][0].startswith("Only verified organizations can apply")
    assert not MembershipApplication.objects.exists()


def test_a_person_who_does_not_act_for_the_organization_cannot_apply(forum, verified_org, org_member):
    errors = errors_of(
        lambda: services.application_submit(
            actor=org_member, body=forum, organization=verified_org, representative=org_member
        )
    )

    assert errors["organization"] == ["You can apply only for an organization you act for."]
    assert not MembershipApplication.objects.exists()


def test_an_organization_cannot_apply_twice_while_waiting_nor_when_already_a_member(
    forum, commission, seat, verified_org, org_representative
):
    services.application_submit(actor=org_representative, body=forum, organization=verified_org,
                                representative=org_representative)  # fmt: skip
    seat(commission, org_representative, organization=verified_org)

    waiting = message_of(
        lambda: services.application_submit(
            actor=org_representative, body=forum, organization=verified_org, representative=org_representative
        )
    )
    member = message_of(
        lambda: services.application_submit(
            actor=org_representative, body=commission, organization=verified_org, representative=org_representative
        )
    )
    # fmt: skip

    assert "has already applied to" in waiting
    assert "is already a member of" in member
    assert MembershipApplication.objects.count() == 1


def test_an_appointed_body_takes_no_applications(krdpp, verified_org, org_representative):
    message = message_of(
        lambda: services.application_submit(
            actor=org_representative, body=krdpp, organization=verified_org, representative=org_representative
        )
    )
    # fmt: skip

    assert message == "KRDPP does not take applications."
    assert not MembershipApplication.objects.exists()


def test_the_deputy_is_another_member_of_the_organization(forum, verified_org, org_representative, resident):
    same = errors_of(
        lambda: services.application_submit(
            actor=org_representative,
            body=forum,
            organization=verified_org,
            representative=org_representative,
            deputy=org_representative,
        )
    )
    outsider = errors_of(
        lambda: services.application_submit(
            actor=org_representative, body=forum, organization=verified_org, representative=resident
        )
    )
    # fmt: skip

    assert same["deputy"] == ["The deputy must be another person than the representative."]
    assert outsider["representative"] == ["The representative must be a member of the organization in Razem."]
    assert not MembershipApplication.objects.exists()


@pytest.fixture
def application(forum, verified_org, org_representative, org_member):
    return services.application_submit(
        actor=org_representative, body=forum, organization=verified_org, representative=org_representative,
        deputy=org_member,
    )  # fmt: skip


def test_accepting_gives_the_representative_and_the_deputy_their_seats_and_tells_them_by_email(
    application, forum, officer, org_representative, org_member, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(actor=officer, application=application, accept=True)

    application.refresh_from_db()
    term = forum.terms.get()
    seat = BodyMembership.objects.get(body=forum, person=org_representative)
    deputy = BodyMembership.objects.get(body=forum, person=org_member)
    assert application.status == MembershipApplication.Status.ACCEPTED
    assert (seat.position, seat.appointment, seat.term, seat.start_date) == (
        "member",
        "application",
        term,
        timezone.localdate(),
    )
    assert (deputy.position, deputy.deputy_of, deputy.appointment, deputy.term) == (
        "deputy", seat, "application", term)  # fmt: skip
    assert org_representative.email in {m.to[0] for m in mailoutbox}


def test_declining_needs_a_reason_and_a_decision_is_made_once(application, officer):
    errors = errors_of(lambda: services.application_decide(actor=officer, application=application, accept=False))
    services.application_decide(actor=officer, application=application, accept=False, reason="Komplet miejsc.")
    twice = message_of(lambda: services.application_decide(actor=officer, application=application, accept=True))

    application.refresh_from_db()
    assert "Say why the application is declined" in errors["reason"][0]
    assert "already been decided" in twice
    assert (application.status, application.reason) == ("declined", "Komplet miejsc.")
    assert not BodyMembership.objects.exists()


def test_the_organization_withdraws_its_application(application, org_representative):
    services.application_withdraw(actor=org_representative, application=application)

    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.WITHDRAWN


# Acts -----------------------------------------------------------------------------------------------------------


@pytest.fixture
def record(chair, krdpp):
    def call(day, kind="resolution", **data):
        return services.act_record(
            actor=chair, body=krdpp, data={"kind": kind, "title": "w sprawie planu pracy", "adopted_on": day, **data},
            number=data.pop("number", None),
        )  # fmt: skip

    return call


def test_acts_are_numbered_per_term_and_kind(record, current_term, past_term):
    day = current_term.starts_on + DAY
    resolutions = [record(day).number for _ in range(3)]
    opinion = record(day, kind="opinion")
    earlier = record(past_term.starts_on + DAY)

    assert resolutions == [1, 2, 3]
    assert opinion.number == 1
    assert (earlier.number, earlier.term) == (1, past_term)
    assert opinion.label == f"Opinion no. 1/{day.year}"


def test_a_number_is_used_once_and_the_date_must_fall_in_a_term(record, current_term, past_term):
    record(current_term.starts_on, number=5)

    reused = errors_of(lambda: record(current_term.starts_on, number=5))
    outside = errors_of(lambda: record(past_term.starts_on - DAY))

    assert "Resolution no. 5 already exists in the term VI kadencja" in reused["number"][0]
    assert "No term of this body covers this date" in outside["adopted_on"][0]
    assert Act.objects.count() == 1


def test_an_opinion_answers_the_request(record, krdpp, current_term, officer):
    item = OpinionRequest.objects.create(body=krdpp, subject="Program współpracy", received_on=current_term.starts_on,
                                         due_on=current_term.starts_on + 14 * DAY)  # fmt: skip

    record(current_term.starts_on + DAY, kind="opinion", request=item)

    item.refresh_from_db()
    assert item.status == OpinionRequest.Status.ANSWERED


# Opinion requests -----------------------------------------------------------------------------------------------


def test_an_opinion_is_due_by_the_statutory_days_and_the_members_are_told(krdpp, member, chair, officer):
    received = timezone.localdate()
    item = services.opinion_request_create(actor=officer, body=krdpp, subject="Program współpracy",
                                           received_on=received)  # fmt: skip

    assert item.due_on == received + 14 * DAY
    told = set(Notification.objects.filter(kind="bodies/opinion_requested").values_list("recipient", flat=True))
    assert told == {member.pk, chair.pk}


def test_the_statutory_deadline_is_data(krdpp, officer):
    received = timezone.localdate()
    StatutoryValue.objects.create(code="council_opinion_days", value=Decimal(21), unit="days",
                                  valid_from=received - 10 * DAY)  # fmt: skip

    item = services.opinion_request_create(actor=officer, body=krdpp, subject="Strategia", received_on=received)

    assert item.due_on == received + 21 * DAY


def test_requests_past_their_deadline_lapse_into_a_waiver(krdpp):
    today = timezone.localdate()
    late = OpinionRequest.objects.create(body=krdpp, subject="A", received_on=today - 20 * DAY, due_on=today - DAY)
    due_today = OpinionRequest.objects.create(body=krdpp, subject="B", received_on=today - 14 * DAY, due_on=today)

    assert services.opinion_requests_lapse() == 1

    late.refresh_from_db()
    due_today.refresh_from_db()
    assert (late.status, due_today.status) == ("waived", "open")


# Workspace ------------------------------------------------------------------------------------------------------


def test_a_document_post_needs_a_file(krdpp, chair):
    errors = errors_of(lambda: services.post_create(actor=chair, body=krdpp, title="Projekt", kind="document"))

    assert errors["file"] == ["Attach the document."]
    assert not Post.objects.exists()


def test_a_post_tells_the_other_members_in_the_app(krdpp, chair, member, media_root):
    services.post_create(actor=chair, body=krdpp, title="Projekt programu", kind="document",
                         file=SimpleUploadedFile("projekt.txt", b"Projekt"))  # fmt: skip

    told = Notification.objects.filter(kind="bodies/post_created")
    assert list(told.values_list("recipient", flat=True)) == [member.pk]


def test_a_new_organization_person_is_not_a_member_of_the_organization_by_default(verified_org):
    # guards the fixtures above: the representative acts for the verified organization, the member does not
    other = make_organization("Fundacja Inna", krs="0000100009")
    person = make_person("inna@example.org")
    add_membership(other, person, "representative")
    assert person.has_perm("organizations.act_for_organization", other)
    assert not person.has_perm("organizations.act_for_organization", verified_org)
