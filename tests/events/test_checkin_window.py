"""Check-in has a time (issue 14, item 4): more than ``checkin_early_hours`` (the office's practice value, 2 hours)
before the start it asks the officer to confirm and saves nothing until confirmed; after the meeting's day it is
refused with the reason unless the officer marks it a late correction, which the audit log records. The service
enforces it; the check-in page asks and shows the service's words."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from razem.core.models import LogEntry, StatutoryValue
from razem.core.reference import statutory_value
from razem.events.models import Meeting, Registration
from razem.events.services import registrations
from tests.core.helpers import in_polish as pl
from tests.core.helpers import text_of

pytestmark = pytest.mark.usefixtures("english")

HOUR = datetime.timedelta(hours=1)


def starting(meeting: Meeting, in_: datetime.timedelta) -> Meeting:
    """Move the meeting (registered for while it was open) to start ``in_`` from now, two hours long."""
    starts = timezone.now() + in_
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=starts, ends_at=starts + 2 * HOUR)
    meeting.refresh_from_db()
    return meeting


def arrived(registration: Registration) -> datetime.datetime | None:
    registration.refresh_from_db()
    return registration.checked_in_at


def refusal_in_polish(meeting: Meeting, registration: Registration) -> str:
    """The service's words for this check-in, as the (Polish) page shows them."""
    with translation.override("pl"), pytest.raises(ValidationError) as caught:
        registrations.check_in(actor=meeting.created_by, meeting=meeting, registration=registration)
    return caught.value.messages[0]


def check_in_log() -> list[dict]:
    return list(LogEntry.objects.filter(action="events.registration.checked_in").values_list("data", flat=True))


# The practice value ------------------------------------------------------------------------------------------------


def test_the_early_hours_are_a_practice_value_of_two_hours_the_office_can_change(db, meeting):
    assert statutory_value("checkin_early_hours") == 2
    assert registrations.check_in_opens_at(meeting) == meeting.starts_at - 2 * HOUR

    StatutoryValue.objects.create(
        code="checkin_early_hours", value=4, unit="hours", valid_from=datetime.date(2025, 1, 1),
        legal_ref="practice of the office", description="",
    )  # fmt: skip

    assert registrations.check_in_opens_at(meeting) == meeting.starts_at - 4 * HOUR


# The service -------------------------------------------------------------------------------------------------------


def test_within_two_hours_of_the_start_check_in_needs_no_confirmation(meeting, resident, register, officer):
    registration = register(meeting, resident)
    starting(meeting, 90 * datetime.timedelta(minutes=1))

    _, already = registrations.check_in(actor=officer, meeting=meeting, registration=registration)

    assert already is False
    assert arrived(registration) is not None
    assert check_in_log() == [{"meeting": meeting.pk}]


def test_an_early_check_in_asks_for_confirmation_and_saves_nothing_until_confirmed(
    meeting, resident, register, officer
):
    registration = register(meeting, resident)
    starting(meeting, 3 * HOUR)

    with pytest.raises(ValidationError) as caught:
        registrations.check_in(actor=officer, meeting=meeting, registration=registration)

    assert caught.value.code == "early"
    assert "more than 2 hours from now" in caught.value.messages[0]
    assert "confirm the early check-in" in caught.value.messages[0]
    assert arrived(registration) is None
    assert check_in_log() == []

    registrations.check_in(actor=officer, meeting=meeting, registration=registration, early_confirmed=True)

    assert arrived(registration) is not None
    assert check_in_log() == [{"meeting": meeting.pk, "early": True}]


def test_on_the_meeting_day_after_its_end_check_in_is_still_open(meeting, resident, register, officer):
    registration = register(meeting, resident)
    # Ended a minute ago: still the day it ends on.
    now = timezone.localtime()
    if (now - datetime.timedelta(minutes=1)).date() != now.date():
        pytest.skip("a minute ago was yesterday")
    starts = now - 2 * HOUR - datetime.timedelta(minutes=1)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=starts, ends_at=starts + 2 * HOUR)
    meeting.refresh_from_db()

    registrations.check_in(actor=officer, meeting=meeting, registration=registration)

    assert arrived(registration) is not None


def test_after_the_meeting_day_check_in_is_refused_with_the_reason(meeting, resident, register, officer):
    registration = register(meeting, resident)
    starting(meeting, -2 * datetime.timedelta(days=1))

    with pytest.raises(ValidationError) as caught:
        registrations.check_in(actor=officer, meeting=meeting, registration=registration, early_confirmed=True)

    assert caught.value.code == "over"
    message = caught.value.messages[0]
    assert "check-in closed at the end of that day" in message
    assert "late correction" in message
    assert arrived(registration) is None
    assert check_in_log() == []


def test_a_late_correction_is_saved_and_marked_in_the_audit_log(meeting, resident, register, officer):
    registration = register(meeting, resident)
    starting(meeting, -2 * datetime.timedelta(days=1))

    registrations.check_in(actor=officer, meeting=meeting, registration=registration, late_correction=True)

    assert arrived(registration) is not None
    assert check_in_log() == [{"meeting": meeting.pk, "late_correction": True}]


def test_a_person_already_checked_in_is_told_so_whatever_the_time(meeting, resident, register, officer):
    registration = register(meeting, resident)
    starting(meeting, 3 * HOUR)
    registrations.check_in(actor=officer, meeting=meeting, registration=registration, early_confirmed=True)

    _, already = registrations.check_in(actor=officer, meeting=meeting, registration=registration)

    assert already is True


# The check-in page -------------------------------------------------------------------------------------------------


def page(meeting: Meeting, tail: str = "") -> str:
    return f"/panel/spotkania/{meeting.pk}/obecnosc/{tail}"


def test_the_page_asks_to_confirm_an_early_check_in_keeps_the_code_and_checks_in_when_confirmed(
    officer_client, meeting, resident, register
):
    registration = register(meeting, resident)
    starting(meeting, 5 * HOUR)

    asked = officer_client.post(page(meeting), {"code": registration.display_code})

    assert asked.status_code == 200
    html = asked.content.decode()
    assert pl("Not checked in yet: confirm the early check-in") in text_of(asked)
    assert refusal_in_polish(meeting, registration) in text_of(asked)
    assert f'value="{registration.display_code}"' in html  # the code stays in the field
    assert 'name="confirm_early"' in html
    assert arrived(registration) is None

    done = officer_client.post(
        page(meeting), {"code": registration.display_code, "confirm_early": registration.display_code}, follow=True
    )

    assert pl("Checked in: %(name)s") % {"name": "Maria Kowalska"} in text_of(done)
    assert arrived(registration) is not None
    assert check_in_log() == [{"meeting": meeting.pk, "early": True}]


def test_a_confirmation_given_for_one_code_does_not_check_in_another(
    officer_client, meeting, resident, other_resident, register
):
    first = register(meeting, resident)
    second = register(meeting, other_resident)
    starting(meeting, 5 * HOUR)

    response = officer_client.post(page(meeting), {"code": second.code, "confirm_early": first.code})

    assert pl("Not checked in yet: confirm the early check-in") in text_of(response)
    assert arrived(first) is None
    assert arrived(second) is None


def test_after_the_meeting_day_the_page_refuses_until_the_late_correction_box_is_ticked(
    officer_client, meeting, resident, register
):
    registration = register(meeting, resident)
    starting(meeting, -3 * datetime.timedelta(days=1))

    page_html = officer_client.get(page(meeting)).content.decode()
    assert 'name="late_correction"' in page_html
    refused = officer_client.post(page(meeting), {"code": registration.code})

    assert pl("Not checked in") in text_of(refused)
    assert refusal_in_polish(meeting, registration) in text_of(refused)
    assert arrived(registration) is None

    done = officer_client.post(page(meeting), {"code": registration.code, "late_correction": "on"}, follow=True)

    assert pl("Checked in: %(name)s") % {"name": "Maria Kowalska"} in text_of(done)
    assert check_in_log() == [{"meeting": meeting.pk, "late_correction": True}]


def test_the_search_button_asks_to_confirm_an_early_check_in_on_the_persons_row(
    officer_client, meeting, resident, register
):
    registration = register(meeting, resident)
    starting(meeting, 5 * HOUR)

    first = officer_client.post(page(meeting, f"{registration.pk}/"), {"q": "kowalska"})

    assert first["Location"] == page(meeting) + f"?q=kowalska&potwierdz={registration.pk}"
    assert arrived(registration) is None
    row = officer_client.get(first["Location"])
    assert refusal_in_polish(meeting, registration) in text_of(row)
    assert pl("Confirm the early check-in") in text_of(row)
    assert '<input type="hidden" name="confirm_early" value="1">' in row.content.decode()

    officer_client.post(page(meeting, f"{registration.pk}/"), {"q": "kowalska", "confirm_early": "1"})

    assert arrived(registration) is not None


def test_the_page_shows_arrived_registered_and_free_seats(officer_client, meeting, resident, register):
    registration = register(meeting, resident)
    starting(meeting, HOUR)
    registrations.check_in(actor=meeting.created_by, meeting=meeting, registration=registration)

    html = officer_client.get(page(meeting)).content.decode()

    assert 'id="figure-arrived">1</dd>' in html
    assert 'id="figure-confirmed">1</dd>' in html
    assert 'id="figure-free">99</dd>' in html
