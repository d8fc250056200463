"""Attendance at a body's sittings and dismissal for unexcused absences (art. 41g ust. 2 pkt 5 u.d.p.p.w.).

The office records, after a sitting, who of the members was present, absent with an excuse or without one
(/panel/spotkania/<n>/obecnosc/czlonkowie/); three consecutive unexcused absences over the body's sittings during the
member's seat put them on the body's list "Do odwołania" (/panel/ciala-dialogu/<slug>/do-odwolania/), from which the
office records the dismissal through the end of the membership. Every change is audited.
"""

import datetime

import pytest
from conftest import make_person
from django.core.exceptions import ValidationError
from django.utils import timezone

from razem.bodies import selectors, services
from razem.bodies.models import BodyMembership, SittingAttendance
from razem.bodies.services import Entry
from razem.core.models import LogEntry
from razem.events.models import Meeting
from tests.core.helpers import in_polish as pl
from tests.core.helpers import text_of
from tests.support import fresh, parse

DAY = datetime.timedelta(days=1)
PRESENT, EXCUSED, UNEXCUSED = "present", "excused", "unexcused"


@pytest.fixture
def sitting(make_meeting, krdpp):
    """A held sitting of KRDPP (members only, no registration in Razem) ``days`` ago."""

    def make(days: int, **fields):
        starts = timezone.now() - days * DAY
        fields = {
            "title": f"Posiedzenie KRDPP sprzed {days} dni",
            "kind": Meeting.Kind.SITTING,
            "organizer_kind": Meeting.Organizer.BODY,
            "body": krdpp,
            "visibility": Meeting.Visibility.MEMBERS,
            "registration_enabled": False,
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=2),
            "status": Meeting.Status.FINISHED,
            **fields,
        }
        return make_meeting(**fields)

    return make


@pytest.fixture
def seats(krdpp, seat):
    anna = seat(krdpp, make_person("anna.nieobecna@example.org", full_name="Anna Nieobecna"))
    jan = seat(krdpp, make_person("jan.obecny@example.org", full_name="Jan Obecny"))
    return anna, jan


def record(officer, meeting, *entries):
    return services.sitting_attendance_record(
        actor=officer, sitting=meeting, entries=[Entry(m.pk, status, note) for m, status, note in entries]
    )


def listed(krdpp):
    return {c.membership.person.full_name: c for c in selectors.dismissal_candidates(body=krdpp)}


# The rule: three consecutive unexcused absences


def test_three_consecutive_unexcused_absences_put_the_member_on_the_list_with_the_three_sittings(
    krdpp, seats, sitting, officer
):
    anna, jan = seats
    held = [sitting(90), sitting(60), sitting(30)]
    for meeting in held:
        record(officer, meeting, (anna, UNEXCUSED, ""), (jan, PRESENT, ""))

    found = listed(krdpp)

    assert set(found) == {"Anna Nieobecna"}
    assert found["Anna Nieobecna"].sittings == held
    assert found["Anna Nieobecna"].ongoing


@pytest.mark.parametrize("breaker", [PRESENT, EXCUSED, ""], ids=["present", "excused", "not-recorded"])
def test_an_attendance_an_excused_absence_or_a_sitting_with_nothing_recorded_breaks_the_run(
    krdpp, seats, sitting, officer, breaker
):
    anna, _ = seats
    for days, status in [(120, UNEXCUSED), (90, UNEXCUSED), (60, breaker), (30, UNEXCUSED), (10, UNEXCUSED)]:
        meeting = sitting(days)
        if status:
            record(officer, meeting, (anna, status, "Choroba" if status == EXCUSED else ""))

    assert listed(krdpp) == {}


def test_a_check_in_at_the_door_counts_as_present(krdpp, seats, sitting, officer, register):
    anna, _ = seats
    first, second, third = sitting(90), sitting(60), sitting(30, registration_enabled=True)
    record(officer, first, (anna, UNEXCUSED, ""))
    record(officer, second, (anna, UNEXCUSED, ""))
    third.registrations.create(person=anna.person, status="confirmed", checked_in_at=third.starts_at)

    assert listed(krdpp) == {}
    with pytest.raises(ValidationError) as refused:
        record(officer, third, (anna, UNEXCUSED, ""))
    assert pl("%(name)s was checked in at the sitting; undo the check-in before recording an absence.") % {
        "name": "Anna Nieobecna"
    } in str(refused.value)


def test_cancelled_sittings_and_sittings_before_the_seat_began_do_not_count(krdpp, seat, sitting, officer):
    newcomer = seat(
        krdpp, make_person("nowa@example.org", full_name="Nowa Członkini"), start_date=timezone.localdate() - 70 * DAY
    )
    before = sitting(100)
    record(officer, before, (seat(krdpp, make_person("x@example.org")), UNEXCUSED, ""))  # another member's record
    cancelled = sitting(50, status=Meeting.Status.CANCELLED)
    held = [sitting(60), sitting(40), sitting(20)]
    for meeting in held:
        record(officer, meeting, (newcomer, UNEXCUSED, ""))

    assert listed(krdpp)["Nowa Członkini"].sittings == held
    assert cancelled not in listed(krdpp)["Nowa Członkini"].sittings


def test_a_later_attendance_keeps_the_member_listed_but_says_so(krdpp, seats, sitting, officer):
    anna, _ = seats
    for days in (90, 60, 30):
        record(officer, sitting(days), (anna, UNEXCUSED, ""))
    record(officer, sitting(10), (anna, PRESENT, ""))

    assert not listed(krdpp)["Anna Nieobecna"].ongoing


# Recording: refusals, changes and the audit


def test_attendance_is_recorded_after_the_sitting_only(krdpp, seats, make_meeting, officer):
    anna, _ = seats
    upcoming = make_meeting(kind="sitting", organizer_kind="body", body=krdpp, visibility="members")

    with pytest.raises(ValidationError) as refused:
        record(officer, upcoming, (anna, UNEXCUSED, ""))

    assert pl("The sitting has not started yet: record the attendance after it.") in str(refused.value)
    assert not SittingAttendance.objects.exists()


def test_only_the_office_records_attendance(krdpp, seats, sitting, chair):
    anna, _ = seats

    with pytest.raises(ValidationError) as refused:
        record(fresh(chair), sitting(10), (anna, UNEXCUSED, ""))

    assert pl("Only the city office records the members' attendance at sittings.") in str(refused.value)
    assert not SittingAttendance.objects.exists()


def test_every_change_is_audited_with_the_status_before_and_after_but_not_the_note(krdpp, seats, sitting, officer):
    anna, _ = seats
    meeting = sitting(10)

    assert record(officer, meeting, (anna, UNEXCUSED, "")) == 1
    assert record(officer, meeting, (anna, UNEXCUSED, "")) == 0  # nothing changed, nothing written
    assert record(officer, meeting, (anna, EXCUSED, "Zwolnienie lekarskie")) == 1
    assert record(officer, meeting, (anna, "", "")) == 1  # a record made by mistake is removed

    entries = list(LogEntry.objects.filter(action="bodies.attendance.recorded").order_by("pk"))
    assert [(e.data["from"], e.data["to"]) for e in entries] == [
        ("", UNEXCUSED),
        (UNEXCUSED, EXCUSED),
        (EXCUSED, ""),
    ]
    assert [e.data["note_changed"] for e in entries] == [False, True, True]
    assert all("Zwolnienie" not in str(e.data) for e in entries)
    assert {e.object_id for e in entries} == {str(anna.pk)}
    assert not SittingAttendance.objects.exists()


# Dismissal through the end of the membership


def test_the_dismissal_ends_the_membership_with_the_ground_and_the_sittings_as_reason(krdpp, seats, sitting, officer):
    anna, _ = seats
    for days in (90, 60, 30):
        record(officer, sitting(days), (anna, UNEXCUSED, ""))
    today = timezone.localdate()

    services.membership_dismiss_for_absences(actor=officer, membership=anna, end_date=today, note="Zarządzenie 1/2026")

    anna.refresh_from_db()
    assert anna.end_date == today
    assert "art. 41g ust. 2 pkt 5" in anna.end_reason
    assert "Zarządzenie 1/2026" in anna.end_reason
    assert listed(krdpp) == {}
    assert LogEntry.objects.filter(action="bodies.membership.ended", object_id=str(anna.pk)).exists()
    dismissed = LogEntry.objects.get(action="bodies.membership.dismissed_for_absences")
    assert len(dismissed.data["sittings"]) == 3


def test_a_member_not_on_the_list_cannot_be_dismissed_for_absences(krdpp, seats, sitting, officer):
    anna, _ = seats
    record(officer, sitting(30), (anna, UNEXCUSED, ""))

    with pytest.raises(ValidationError) as refused:
        services.membership_dismiss_for_absences(actor=officer, membership=anna, end_date=timezone.localdate())

    assert pl("%(name)s has no run of consecutive unexcused absences that would be a ground for dismissal.") % {
        "name": "Anna Nieobecna"
    } in str(refused.value)
    anna.refresh_from_db()
    assert anna.end_date != timezone.localdate()


# Permissions


PERSONAS = ["anonymous", "resident", "member", "chair", "secretary", "officer", "admin"]
MATRIX = parse(
    """
permission                  anonymous resident member chair secretary officer admin
record_attendance_body      -         -        -      -     -         Y       Y
dismiss_member_body         -         -        -      -     -         Y       Y
""",
    PERSONAS,
)


@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_attendance_permissions(krdpp, seat, anonymous, resident, officer, administrator, permission):
    people = {
        "anonymous": anonymous,
        "resident": resident,
        "member": seat(krdpp, make_person("m@example.org")).person,
        "chair": seat(krdpp, make_person("c@example.org"), position="chair").person,
        "secretary": seat(krdpp, make_person("s@example.org"), position="secretary").person,
        "officer": officer,
        "admin": administrator,
    }

    allowed = {p for p in PERSONAS if fresh(people[p]).has_perm(f"bodies.{permission}", krdpp)}

    assert allowed == {p for p, cell in MATRIX[permission].items() if cell == "Y"}


@pytest.mark.parametrize("persona", ["anonymous", "resident", "member", "chair"])
def test_the_staff_pages_are_closed_to_everyone_but_the_office(client, krdpp, seats, sitting, chair, resident, persona):
    meeting = sitting(10)
    anna, _ = seats
    who = {"resident": resident, "member": anna.person, "chair": chair}.get(persona)
    if who is not None:
        client.force_login(who)
    pages = [
        f"/panel/ciala-dialogu/{krdpp.slug}/do-odwolania/",
        f"/panel/ciala-dialogu/{krdpp.slug}/do-odwolania/{anna.pk}/",
        f"/panel/spotkania/{meeting.pk}/obecnosc/czlonkowie/",
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code in {302, 403}, page
        if persona == "anonymous":
            assert "/konto/" in response["Location"] or "login" in response["Location"]


# The pages


def test_the_office_records_attendance_on_the_sittings_attendance_page(officer_client, krdpp, seats, sitting):
    anna, jan = seats
    meeting = sitting(10)
    url = f"/panel/spotkania/{meeting.pk}/obecnosc/czlonkowie/"

    page = text_of(officer_client.get(url))
    assert "Anna Nieobecna" in page and "Jan Obecny" in page
    assert pl("Members' attendance") in page

    response = officer_client.post(
        url,
        {
            f"status_{anna.pk}": EXCUSED,
            f"note_{anna.pk}": "Delegacja służbowa",
            f"status_{jan.pk}": PRESENT,
            f"note_{jan.pk}": "",
        },
    )

    assert response.status_code == 302
    assert dict(SittingAttendance.objects.values_list("membership_id", "status")) == {anna.pk: EXCUSED, jan.pk: PRESENT}
    assert SittingAttendance.objects.get(membership=anna).note == "Delegacja służbowa"
    page = text_of(officer_client.get(url))
    assert "Delegacja służbowa" in page


def test_a_meeting_that_is_not_a_sitting_of_a_body_has_no_members_attendance_page(officer_client, make_meeting):
    assert officer_client.get(f"/panel/spotkania/{make_meeting().pk}/obecnosc/czlonkowie/").status_code == 404


def test_the_list_for_dismissal_shows_the_member_the_sittings_and_their_dates(
    officer_client, krdpp, seats, sitting, officer
):
    anna, _ = seats
    held = [sitting(days) for days in (90, 60, 30)]
    for meeting in held:
        record(officer, meeting, (anna, UNEXCUSED, ""))

    page = text_of(officer_client.get(f"/panel/ciala-dialogu/{krdpp.slug}/do-odwolania/"))

    assert "Anna Nieobecna" in page and "Jan Obecny" not in page
    for meeting in held:
        assert meeting.title in page
        assert timezone.localtime(meeting.starts_at).date().isoformat() in page
    assert f"/panel/ciala-dialogu/{krdpp.slug}/do-odwolania/{anna.pk}/" in page


def test_the_office_records_the_dismissal_from_the_list(officer_client, krdpp, seats, sitting, officer):
    anna, _ = seats
    for days in (90, 60, 30):
        record(officer, sitting(days), (anna, UNEXCUSED, ""))
    url = f"/panel/ciala-dialogu/{krdpp.slug}/do-odwolania/{anna.pk}/"
    assert "art. 41g ust. 2 pkt 5" in text_of(officer_client.get(url))

    response = officer_client.post(url, {"end_date": timezone.localdate().isoformat(), "note": ""})

    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.end_date == timezone.localdate()
    page = text_of(officer_client.get(f"/panel/ciala-dialogu/{krdpp.slug}/do-odwolania/"))
    assert url not in page
    assert pl("Nobody: no member has missed that many sittings in a row without an excuse.") in page


# The session, the person, their second factor, the body, the statutory number (twice: the list and the sentence
# above it), the members, the sittings, the records, the check-ins, the person's seats (the tabs), the notifications.
LIST_QUERIES = 12


def test_the_list_for_dismissal_costs_the_same_queries_for_two_or_twelve_members_and_sittings(
    officer_client, krdpp, seat, sitting, officer, django_assert_num_queries
):
    everyone: list[BodyMembership] = []

    def grow(members: int, days: range) -> None:
        first = len(everyone)
        everyone.extend(seat(krdpp, make_person(f"osoba{first + n}@example.org")) for n in range(members))
        for ago in days:  # everyone seated so far misses each of these sittings
            record(officer, sitting(ago), *[(p, UNEXCUSED, "") for p in everyone])

    url = f"/panel/ciala-dialogu/{krdpp.slug}/do-odwolania/"
    grow(2, range(150, 120, -10))
    with django_assert_num_queries(LIST_QUERIES):
        officer_client.get(url)
    grow(10, range(110, 20, -10))

    with django_assert_num_queries(LIST_QUERIES):
        response = officer_client.get(url)

    assert text_of(response).count(pl("Record the dismissal")) == 12


def test_the_members_personal_data_export_holds_their_attendance(krdpp, seats, sitting, officer):
    from razem.bodies.personal_data import export

    anna, _ = seats
    record(officer, sitting(10), (anna, EXCUSED, "Zwolnienie lekarskie"))

    (row,) = export(anna.person)["attendance_at_sittings"]

    assert row["attendance"] == EXCUSED and row["note"] == "Zwolnienie lekarskie"
