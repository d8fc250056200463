"""The office's meeting form warns before saving a start in the past (issue 14, item 9): the first save comes back
with the warning and a confirmation box and saves nothing, keeping what was typed; the second, with the box ticked,
saves. A past meeting edited without moving its start is saved at once."""

import datetime

import pytest
from django.utils import timezone, translation

from razem.core.models import LogEntry
from razem.core.schedule import when
from razem.events.models import Meeting
from tests.core.helpers import in_polish as pl
from tests.core.helpers import text_of

BASE = "/panel/spotkania/"
CONFIRM = "Yes, the meeting has already taken place: save it with a start in the past"
WARNING = (
    "The start, %(when)s, is in the past. Check the date; if the meeting has already taken place, tick this box and "
    "save again."
)


def local(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def typed(venue, starts: datetime.datetime, **overrides) -> dict:
    data = {
        "title": "Spotkanie sieciujące, które już się odbyło",
        "kind": Meeting.Kind.NETWORKING,
        "organizer_kind": Meeting.Organizer.CITY,
        "place_kind": Meeting.Place.VENUE,
        "venue": venue.pk,
        "starts_at": local(starts),
        "ends_at": local(starts + datetime.timedelta(hours=2)),
        "visibility": Meeting.Visibility.PUBLIC,
        "summary": "Rozmowy organizacji z Nowej Huty.",
        "capacity": "30",
    }
    data.update(overrides)
    return data


@pytest.fixture
def last_week():
    return timezone.localtime(timezone.now() - datetime.timedelta(days=7)).replace(
        hour=17, minute=0, second=0, microsecond=0
    )


def test_a_start_in_the_past_is_asked_about_first_and_nothing_is_saved(officer_client, venue, last_week):
    response = officer_client.post(f"{BASE}nowe/", typed(venue, last_week))

    assert response.status_code == 200
    html = text_of(response)
    assert pl(CONFIRM) in html
    assert 'type="checkbox" name="confirm_past_start"' in html
    with translation.override("pl"):
        warning = translation.gettext(WARNING) % {"when": when(last_week)}
    assert warning in html
    assert not Meeting.objects.exists()
    assert not LogEntry.objects.filter(action="events.meeting.created").exists()
    # What was typed is kept.
    assert 'value="Spotkanie sieciujące, które już się odbyło"' in html
    assert f'value="{local(last_week)}"' in html
    assert 'value="30"' in html


def test_with_the_box_ticked_the_second_save_keeps_the_past_start(officer_client, venue, last_week):
    response = officer_client.post(f"{BASE}nowe/", typed(venue, last_week, confirm_past_start="on"))

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}{meeting.pk}/"
    assert timezone.localtime(meeting.starts_at) == last_week
    assert meeting.title == "Spotkanie sieciujące, które już się odbyło"


def test_a_start_in_the_future_is_saved_without_a_question_and_the_box_stays_hidden(officer_client, venue):
    get = officer_client.get(f"{BASE}nowe/").content.decode()
    assert 'type="hidden" name="confirm_past_start"' in get

    starts = timezone.now() + datetime.timedelta(days=14)
    response = officer_client.post(f"{BASE}nowe/", typed(venue, starts))

    assert response.status_code == 302
    assert Meeting.objects.count() == 1


def test_editing_a_past_meeting_without_moving_its_start_saves_at_once(officer_client, make_meeting):
    held = make_meeting(
        title="Forum, które się odbyło",
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=3) + datetime.timedelta(hours=2),
        registration_opens_at=timezone.now() - datetime.timedelta(days=10),
    )
    data = typed(held.venue, held.starts_at, title="Forum, które się odbyło (poprawiony tytuł)")

    response = officer_client.post(f"{BASE}{held.pk}/edycja/", data)

    assert response.status_code == 302
    held.refresh_from_db()
    assert held.title == "Forum, które się odbyło (poprawiony tytuł)"


def test_moving_a_meeting_into_the_past_is_asked_about(officer_client, make_meeting, last_week):
    meeting = make_meeting(title="Forum dialogu obywatelskiego")
    before = meeting.starts_at

    response = officer_client.post(f"{BASE}{meeting.pk}/edycja/", typed(meeting.venue, last_week))

    assert response.status_code == 200
    assert pl(CONFIRM) in text_of(response)
    meeting.refresh_from_db()
    assert meeting.starts_at == before
