"""A meeting shows the free seats the person in front of it can take (issue 14, item 8): seats reserved for invited
guests are not offered to the public, an invited guest sees every free seat, and the page says how many seats are
reserved. The figures are those the registration service gives out (``_seat_free``): a guest beyond the reserved
seats takes a general one."""

import re

import pytest
from conftest import make_person
from django.utils import translation

from razem.events import selectors
from razem.events.models import Meeting, MeetingInvitation, Registration
from tests.core.helpers import text_of

pytestmark = pytest.mark.usefixtures("english")


def people(count: int, prefix: str) -> list:
    return [make_person(f"{prefix}{n}@example.org", full_name=f"Osoba {prefix} {n}") for n in range(count)]


def invite(meeting: Meeting, *persons) -> None:
    for person in persons:
        MeetingInvitation.objects.create(meeting=meeting, person=person)


def seats_shown(response) -> str:
    """The seats lines of the registration box, as text."""
    html = text_of(response)
    lines = re.findall(r'<li id="seats-(?:reserved|free)">(.*?)</li>', html, flags=re.S)
    return " | ".join(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", line)).strip() for line in lines)


def polish_plural(singular: str, plural: str, n: int, **values) -> str:
    with translation.override("pl"):
        return translation.ngettext(singular, plural, n) % {"counter": n, **values}


# The figures -------------------------------------------------------------------------------------------------------


def test_the_public_is_offered_only_the_seats_outside_the_reserved_ones(make_meeting, register):
    meeting = make_meeting(capacity=10, reserved_seats=3)
    for person in people(4, "publiczna"):
        register(meeting, person)

    seats = selectors.seats(meeting=meeting)

    assert (seats.confirmed, seats.confirmed_guests, seats.waiting) == (4, 0, 0)
    assert seats.free_to_everyone == 3  # 7 general seats, 4 taken
    assert seats.free == 6  # an invited guest may take the 3 reserved ones too
    assert seats.free_for(guest=False) == 3
    assert seats.free_for(guest=True) == 6


def test_guests_beyond_the_reserved_seats_take_general_ones(make_meeting, register):
    meeting = make_meeting(capacity=6, reserved_seats=2)
    guests = people(3, "gosc")
    invite(meeting, *guests)
    for guest in guests:
        register(meeting, guest)
    register(meeting, make_person("publiczna@example.org"))

    seats = selectors.seats(meeting=meeting)

    assert (seats.confirmed, seats.confirmed_guests) == (4, 3)
    assert seats.free == 2
    # 4 general seats: one taken by the third guest, one by the public: 2 left, as the service gives them.
    assert seats.free_to_everyone == 2


def test_the_waiting_list_starts_when_the_public_seats_are_taken_though_reserved_ones_are_free(make_meeting, register):
    meeting = make_meeting(capacity=3, reserved_seats=2)
    first, second = people(2, "publiczna")
    assert register(meeting, first).status == Registration.Status.CONFIRMED
    assert register(meeting, second).status == Registration.Status.WAITING

    seats = selectors.seats(meeting=meeting)

    assert (seats.free_to_everyone, seats.free, seats.waiting) == (0, 2, 1)


def test_a_meeting_without_a_limit_has_no_count_of_free_seats(meeting, register, resident):
    meeting.capacity = None
    meeting.save()
    register(meeting, resident)

    assert selectors.seats(meeting=meeting).free_for(guest=False) is None


# The registration box ----------------------------------------------------------------------------------------------


def test_a_visitor_sees_the_public_seats_and_how_many_are_reserved(client, make_meeting, register):
    meeting = make_meeting(capacity=50, reserved_seats=10)
    for person in people(5, "publiczna"):
        register(meeting, person)

    shown = seats_shown(client.get(meeting.get_absolute_url()))

    assert polish_plural("%(counter)s seat in total", "%(counter)s seats in total", 50) in shown
    assert (
        polish_plural(
            "including %(counter)s reserved for invited guests", "including %(counter)s reserved for invited guests", 10
        )
        in shown
    )
    assert (
        polish_plural("%(counter)s seat left open to everyone", "%(counter)s seats left open to everyone", 35) in shown
    )


def test_an_invited_guest_sees_every_free_seat_the_reserved_ones_included(client, make_meeting, register, resident):
    meeting = make_meeting(capacity=50, reserved_seats=10)
    for person in people(5, "publiczna"):
        register(meeting, person)
    invite(meeting, resident)
    client.force_login(resident)

    shown = seats_shown(client.get(meeting.get_absolute_url()))

    assert (
        polish_plural(
            "You are invited: %(counter)s seat left for you, the reserved ones included.",
            "You are invited: %(counter)s seats left for you, the reserved ones included.",
            45,
        )
        in shown
    )


def test_when_the_public_seats_are_taken_the_public_is_offered_the_waiting_list(
    client, make_meeting, register, resident
):
    meeting = make_meeting(capacity=3, reserved_seats=2)
    register(meeting, make_person("publiczna@example.org"))
    client.force_login(resident)

    response = client.get(meeting.get_absolute_url())

    with translation.override("pl"):
        full = translation.gettext("All seats open to everyone are taken.")
        join = translation.gettext("Join the waiting list")
    assert full in seats_shown(response)
    assert join in text_of(response)


def test_without_reserved_seats_the_box_says_the_seats_left_as_before(client, make_meeting, register, resident):
    meeting = make_meeting(capacity=20)
    register(meeting, resident)

    shown = seats_shown(client.get(meeting.get_absolute_url()))

    assert shown == polish_plural("%(counter)s seat left", "%(counter)s seats left", 19)


def test_the_calendar_says_full_when_the_public_seats_are_taken_though_reserved_ones_are_free(
    client, make_meeting, register
):
    meeting = make_meeting(capacity=3, reserved_seats=2, waiting_list_enabled=False)
    open_one = make_meeting(capacity=3, reserved_seats=1, waiting_list_enabled=False)
    register(meeting, make_person("publiczna@example.org"))
    register(open_one, make_person("inna@example.org"))

    listed = {m.pk: m for m in selectors.with_seat_counts(Meeting.objects.filter(pk__in=[meeting.pk, open_one.pk]))}
    assert selectors.Seats.of_listed(listed[meeting.pk]) == selectors.seats(meeting=meeting)

    html = text_of(client.get("/kalendarz/"))
    with translation.override("pl"):
        full = translation.gettext("full")
    item = html.split(f'id="meeting-{meeting.pk}"', 1)[1].split("</li>", 1)[0]
    other = html.split(f'id="meeting-{open_one.pk}"', 1)[1].split("</li>", 1)[0]
    assert re.search(rf"<dd[^>]*>\s*{full}\s*</dd>", item)
    assert not re.search(rf"<dd[^>]*>\s*{full}\s*</dd>", other)
