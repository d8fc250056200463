"""The office's pages for meetings under /panel/spotkania/: who may open them, the meeting form and its refusals,
publishing, cancelling, copying and moving, check-in at the door, the export of registrations, the review of NGO
events and the rhythm of informal networking meetings."""

import csv
import datetime
import io
import re

import pytest
from conftest import make_person
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from razem.core.models import LogEntry
from razem.events.models import Meeting, MeetingDocument, MeetingInvitation, MeetingQuestion, Registration
from tests.core.helpers import in_polish as pl
from tests.core.helpers import text_of

BASE = "/panel/spotkania/"


def url(meeting: Meeting, tail: str = "") -> str:
    return f"{BASE}{meeting.pk}/{tail}"


def local(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def form_data(venue, **overrides) -> dict:
    """What an officer types on the meeting form for a public forum next month, two hours long."""
    starts = timezone.localtime(timezone.now() + datetime.timedelta(days=30)).replace(
        hour=17, minute=0, second=0, microsecond=0
    )
    data = {
        "title": "Forum dialogu o budżecie",
        "kind": Meeting.Kind.FORUM,
        "organizer_kind": Meeting.Organizer.CITY,
        "place_kind": Meeting.Place.VENUE,
        "venue": venue.pk,
        "room": venue.rooms.first().pk,
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "visibility": Meeting.Visibility.PUBLIC,
        "registration_enabled": "on",
        "capacity": "50",
        "reserved_seats": "5",
        "waiting_list_enabled": "on",
        "summary": "Rozmowa o budżecie obywatelskim.",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def ngo_event(make_meeting, verified_org, org_representative):
    return make_meeting(
        title="Piknik sąsiedzki na Plantach",
        organizer_kind=Meeting.Organizer.ORGANIZATION,
        organization=verified_org,
        status=Meeting.Status.SUBMITTED,
        registration_enabled=False,
        created_by=org_representative,
        published_at=None,
    )


# Who may open the pages


@pytest.fixture
def staff_urls(meeting, ngo_event) -> dict[str, str]:
    question = MeetingQuestion.objects.create(meeting=meeting, label="Dieta?", kind=MeetingQuestion.Kind.TEXT)
    return {
        "list": BASE,
        "create": BASE + "nowe/",
        "rhythm": BASE + "rytm-spotkan/",
        "review_queue": BASE + "wydarzenia-organizacji/",
        "review": f"{BASE}wydarzenia-organizacji/{ngo_event.pk}/",
        "detail": url(meeting),
        "edit": url(meeting, "edycja/"),
        "cancel": url(meeting, "odwolaj/"),
        "copy": url(meeting, "kopiuj/"),
        "questions": url(meeting, "pytania/"),
        "question_edit": url(meeting, f"pytania/{question.pk}/"),
        "invitations": url(meeting, "zaproszenia/"),
        "registrations": url(meeting, "zapisy/"),
        "export_csv": f"{BASE}{meeting.pk}/zapisy.csv",
        "export_xlsx": f"{BASE}{meeting.pk}/zapisy.xlsx",
        "checkin": url(meeting, "obecnosc/"),
        "documents": url(meeting, "dokumenty/"),
    }


PAGES = [
    "list", "create", "rhythm", "review_queue", "review", "detail", "edit", "cancel", "copy", "questions",
    "question_edit", "invitations", "registrations", "export_csv", "export_xlsx", "checkin", "documents",
]  # fmt: skip


@pytest.mark.parametrize("page", PAGES)
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, staff_urls, page):
    response = client.get(staff_urls[page])

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logowanie/?next=")


@pytest.mark.parametrize("page", PAGES)
def test_a_resident_is_refused(resident_client, staff_urls, page):
    assert resident_client.get(staff_urls[page]).status_code == 403


@pytest.mark.parametrize("role", ["officer", "administrator"])
@pytest.mark.parametrize("page", PAGES)
def test_city_staff_open_every_page(client, personas, staff_urls, page, role):
    client.force_login(personas[role])

    assert client.get(staff_urls[page]).status_code == 200


@pytest.mark.parametrize(
    "tail", ["publikuj/", "zakoncz/", "pytania/1/usun/", "zaproszenia/1/usun/", "obecnosc/1/", "obecnosc/1/cofnij/"]
)
def test_a_resident_cannot_post_to_the_actions(resident_client, meeting, tail):
    assert resident_client.post(url(meeting, tail)).status_code == 403


def test_the_panel_has_a_meetings_tab_and_a_networking_card(officer_client, ngo_event):
    response = officer_client.get("/panel/")

    text = text_of(response)
    assert f'href="{BASE}"' in response.content.decode()
    assert pl("Informal networking meetings") in text
    assert re.search(r">1</span>\s*" + re.escape(pl("NGO events awaiting approval")), text)


# The list


def test_the_list_shows_the_figures_of_each_meeting(officer_client, meeting, register, resident, other_resident):
    register(meeting, resident)
    register(meeting, other_resident)
    Registration.objects.filter(person=resident).update(checked_in_at=timezone.now())

    text = text_of(officer_client.get(BASE))

    assert "Forum dialogu obywatelskiego" in text
    assert "2 / 100" in text


def test_the_list_filters_by_kind_and_time(officer_client, make_meeting):
    make_meeting(title="Spotkanie sieciujące", kind=Meeting.Kind.NETWORKING)
    make_meeting(title="Dawne forum", starts_at=timezone.now() - datetime.timedelta(days=30))

    upcoming = text_of(officer_client.get(BASE, {"kind": "networking"}))
    past = text_of(officer_client.get(BASE, {"when": "past"}))

    assert "Spotkanie sieciujące" in upcoming and "Dawne forum" not in upcoming
    assert "Dawne forum" in past and "Spotkanie sieciujące" not in past


def test_the_list_costs_the_same_number_of_queries_for_thirty_meetings(
    officer_client, make_meeting, django_assert_max_num_queries
):
    for i in range(30):
        make_meeting(title=f"Spotkanie {i}", capacity=20)
    officer_client.get(BASE)  # warm the session

    with django_assert_max_num_queries(8):
        response = officer_client.get(BASE, {"when": "all"})

    assert response.content.decode().count(f'href="{BASE}') >= 30


# The meeting form


def test_an_officer_creates_a_draft_meeting(officer_client, venue, reference_data):
    response = officer_client.post(BASE + "nowe/", form_data(venue))

    meeting = Meeting.objects.get(title="Forum dialogu o budżecie")
    assert response.status_code == 302
    assert response["Location"] == url(meeting)
    assert meeting.status == Meeting.Status.DRAFT
    assert meeting.capacity == 50 and meeting.reserved_seats == 5
    assert meeting.district == venue.district
    assert timezone.localtime(meeting.starts_at).hour == 17
    assert LogEntry.objects.filter(action="events.meeting.created").exists()


def test_a_meeting_that_ends_before_it_starts_is_refused_with_what_was_typed(officer_client, venue):
    data = form_data(venue, title="Źle wpisane forum")
    data["ends_at"] = data["starts_at"].replace("T17:", "T15:")

    response = officer_client.post(BASE + "nowe/", data)

    assert response.status_code == 200
    text = text_of(response)
    assert pl("The meeting must end after it starts.") in text
    assert pl("The form could not be saved. Please correct the following:") in text
    assert 'value="Źle wpisane forum"' in response.content.decode()
    assert not Meeting.objects.exists()


def test_more_reserved_seats_than_seats_is_refused(officer_client, venue):
    response = officer_client.post(BASE + "nowe/", form_data(venue, capacity="10", reserved_seats="12"))

    assert response.status_code == 200
    assert pl("There cannot be more reserved seats than seats.") in text_of(response)
    assert not Meeting.objects.exists()


def test_the_seats_cannot_drop_below_the_confirmed_registrations(officer_client, make_meeting, venue, register):
    meeting = make_meeting(capacity=10)
    for i in range(3):
        register(meeting, make_person(f"osoba{i}@example.org"))
    data = form_data(venue, title=meeting.title, starts_at=local(meeting.starts_at), ends_at=local(meeting.ends_at))
    data["capacity"] = "2"
    data["reserved_seats"] = "0"

    response = officer_client.post(url(meeting, "edycja/"), data)

    assert response.status_code == 200
    assert pl(
        "%(count)s people already have a confirmed seat; the number of seats cannot be lower. "
        "Cancel registrations first if the room is smaller."
    ) % {"count": 3} in text_of(response)
    assert 'name="capacity" value="2"' in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.capacity == 10


def test_the_networking_link_preselects_the_kind(officer_client):
    response = officer_client.get(BASE + "nowe/", {"rodzaj": "networking"})

    assert '<option value="networking" selected>' in response.content.decode()


def test_moving_a_published_meeting_tells_everyone_registered(
    officer_client, meeting, venue, register, resident, mailoutbox, django_capture_on_commit_callbacks
):
    register(meeting, resident)
    mailoutbox.clear()
    later = meeting.starts_at + datetime.timedelta(days=1)
    data = form_data(
        venue, title=meeting.title, kind=meeting.kind, capacity="100", reserved_seats="0",
        starts_at=local(later), ends_at=local(later + datetime.timedelta(hours=2)),
    )  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(url(meeting, "edycja/"), data)

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    assert [m.to for m in mailoutbox] == [[resident.email]]
    follow = officer_client.get(response["Location"])
    assert pl("The time or place changed: everyone registered is being told by e-mail.") in text_of(follow)


# Publishing, cancelling, copying, finishing


def test_a_draft_is_published(officer_client, make_meeting):
    draft = make_meeting(status=Meeting.Status.DRAFT, published_at=None)

    response = officer_client.post(url(draft, "publikuj/"), follow=True)

    draft.refresh_from_db()
    assert draft.status == Meeting.Status.PUBLISHED
    assert pl("Published: the meeting is now in the calendar.") in text_of(response)


def test_publishing_twice_says_why_not(officer_client, meeting):
    response = officer_client.post(url(meeting, "publikuj/"), follow=True)

    assert pl("Only a draft can be published; this meeting is: %(status)s.").split("%")[0] in text_of(response)


def test_cancelling_needs_a_reason(officer_client, meeting):
    response = officer_client.post(url(meeting, "odwolaj/"), {"reason": "  "})

    assert response.status_code == 200
    assert pl("Say why the meeting is cancelled; everyone registered will read it.") in text_of(response)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED


def test_cancelling_tells_everyone_registered_why(
    officer_client, meeting, register, resident, mailoutbox, django_capture_on_commit_callbacks
):
    register(meeting, resident)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(url(meeting, "odwolaj/"), {"reason": "Awaria ogrzewania w sali."})

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert meeting.status_reason == "Awaria ogrzewania w sali."
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [resident.email]
    assert "Awaria ogrzewania w sali." in mailoutbox[0].body


def test_a_copy_is_a_draft_with_the_questions_opened_for_editing(officer_client, meeting):
    MeetingQuestion.objects.create(meeting=meeting, label="Potrzeby dostępności", position=1)
    new_start = timezone.localtime(meeting.starts_at + datetime.timedelta(days=28))

    response = officer_client.post(url(meeting, "kopiuj/"), {"starts_at": new_start.strftime("%Y-%m-%dT%H:%M")})

    copy = Meeting.objects.exclude(pk=meeting.pk).get()
    assert response["Location"] == url(copy, "edycja/")
    assert copy.status == Meeting.Status.DRAFT
    assert copy.copied_from == meeting
    assert list(copy.questions.values_list("label", flat=True)) == ["Potrzeby dostępności"]
    assert copy.ends_at - copy.starts_at == meeting.ends_at - meeting.starts_at


def test_a_started_meeting_is_marked_as_finished(officer_client, make_meeting):
    started = make_meeting(starts_at=timezone.now() - datetime.timedelta(hours=1))

    officer_client.post(url(started, "zakoncz/"))

    started.refresh_from_db()
    assert started.status == Meeting.Status.FINISHED


def test_the_overview_shows_the_figures_and_the_actions_of_a_draft(officer_client, make_meeting):
    draft = make_meeting(status=Meeting.Status.DRAFT, published_at=None)

    response = officer_client.get(url(draft))

    html = response.content.decode()
    assert f'action="{url(draft, "publikuj/")}"' in html
    assert f'action="{url(draft, "zakoncz/")}"' not in html
    assert pl("Confirmed seats") in text_of(response)


# Questions, invitations, documents


def test_questions_are_added_edited_and_deleted(officer_client, meeting):
    officer_client.post(url(meeting, "pytania/"), {"label": "Dieta", "kind": "choice", "options": "wege\nmięso"})
    question = meeting.questions.get()
    assert question.option_list == ["wege", "mięso"]

    refused = officer_client.post(url(meeting, "pytania/"), {"label": "Jedna opcja", "kind": "choice", "options": "a"})
    assert pl("Give at least two options, one per line.") in text_of(refused)

    officer_client.post(url(meeting, f"pytania/{question.pk}/"), {"label": "Dieta?", "kind": "text", "position": 3})
    question.refresh_from_db()
    assert (question.label, question.position) == ("Dieta?", 3)

    officer_client.post(url(meeting, f"pytania/{question.pk}/usun/"))
    assert not meeting.questions.exists()


def test_invitations_name_the_addresses_without_an_account(officer_client, meeting, resident):
    response = officer_client.post(
        url(meeting, "zaproszenia/"), {"emails": f"{resident.email}, nikt@example.org"}, follow=True
    )

    text = text_of(response)
    assert pl("%(count)d person has been invited.") % {"count": 1} in text
    assert "nikt@example.org" in text
    invitation = MeetingInvitation.objects.get(meeting=meeting)
    assert invitation.person == resident

    officer_client.post(url(meeting, f"zaproszenia/{invitation.pk}/usun/"))
    assert not MeetingInvitation.objects.exists()


def test_a_document_is_uploaded_and_deleted(officer_client, meeting, media_root, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("protokol.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    response = officer_client.post(
        url(meeting, "dokumenty/"),
        {"title": "Protokół", "kind": "minutes", "audience": "participants", "file": upload},
    )
    assert response.status_code == 302
    document = MeetingDocument.objects.get()
    assert document.title == "Protokół"

    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(url(meeting, f"dokumenty/{document.pk}/usun/"))
    assert not MeetingDocument.objects.exists()


def test_a_file_of_the_wrong_kind_is_refused(officer_client, meeting, media_root):
    upload = SimpleUploadedFile("program.exe", b"MZ\x90\x00", content_type="application/octet-stream")

    response = officer_client.post(
        url(meeting, "dokumenty/"), {"title": "Program", "kind": "attachment", "audience": "public", "file": upload}
    )

    assert response.status_code == 200
    assert pl(
        "This kind of file is not accepted. Send a PDF, DOCX, ODT, XLSX, ODS, PPTX, ODP, PNG, JPG or TXT file."
    ) in text_of(response)


# Registrations and their export


@pytest.fixture
def diet(meeting) -> MeetingQuestion:
    return MeetingQuestion.objects.create(meeting=meeting, label="Dieta", kind=MeetingQuestion.Kind.TEXT)


def test_the_registrations_show_the_answers_and_can_be_searched(officer_client, meeting, diet, register, resident):
    register(meeting, resident, answers={str(diet.pk): "wegańska"})
    register(meeting, make_person("inny@example.org", full_name="Ignacy Inny"))

    response = officer_client.get(url(meeting, "zapisy/"), {"q": "Kowalska"})

    text = text_of(response)
    assert "Maria Kowalska" in text and "wegańska" in text
    assert "Ignacy Inny" not in text


def test_the_registrations_page_costs_the_same_number_of_queries_for_many(
    officer_client, meeting, diet, register, django_assert_max_num_queries
):
    for i in range(40):
        register(meeting, make_person(f"uczestnik{i}@example.org"), answers={str(diet.pk): f"odpowiedź {i}"})
    officer_client.get(url(meeting, "zapisy/"))

    with django_assert_max_num_queries(8):
        response = officer_client.get(url(meeting, "zapisy/"))

    assert "odpowiedź 39" in text_of(response)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_holds_the_answers_and_is_recorded(officer_client, officer, meeting, diet, register, resident, fmt):
    register(meeting, resident, answers={str(diet.pk): "wegańska"})

    response = officer_client.get(f"{BASE}{meeting.pk}/zapisy.{fmt}")

    assert response.status_code == 200
    if fmt == "csv":
        content = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [[str(c) if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]
    assert "Dieta" in rows[0]
    assert "wegańska" in rows[1]
    entry = LogEntry.objects.get(action="events.registrations.exported")
    assert entry.actor == officer
    assert entry.data == {"format": fmt, "rows": 1}


def test_an_officer_cancels_a_registration_after_confirming(
    officer_client, meeting, register, resident, mailoutbox, django_capture_on_commit_callbacks
):
    registration = register(meeting, resident)
    mailoutbox.clear()
    confirm = officer_client.get(url(meeting, f"zapisy/{registration.pk}/anuluj/"))
    assert "Maria Kowalska" in text_of(confirm)

    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(url(meeting, f"zapisy/{registration.pk}/anuluj/"))

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert [m.to for m in mailoutbox] == [[resident.email]]


# Check-in


def checkin(client, meeting, code):
    return client.post(url(meeting, "obecnosc/"), {"code": code}, follow=True)


def at_the_door(meeting):
    """The meeting starts in half an hour: check-in needs no confirmation (test_checkin_window.py for the rest)."""
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() + datetime.timedelta(minutes=30))


def test_a_code_checks_the_person_in_and_a_second_scan_changes_nothing(officer_client, meeting, register, resident):
    registration = register(meeting, resident)
    at_the_door(meeting)

    first = checkin(officer_client, meeting, registration.display_code.lower())
    registration.refresh_from_db()
    arrived = registration.checked_in_at
    second = checkin(officer_client, meeting, registration.code)

    assert pl("Checked in: %(name)s") % {"name": "Maria Kowalska"} in text_of(first)
    assert arrived is not None
    assert pl("Already checked in at %(time)s: %(name)s. Nothing changed.") % {
        "time": timezone.localtime(arrived).strftime("%H:%M"),
        "name": "Maria Kowalska",
    } in text_of(second)
    registration.refresh_from_db()
    assert registration.checked_in_at == arrived
    assert LogEntry.objects.filter(action="events.registration.checked_in").count() == 1


def test_a_code_of_another_meeting_names_that_meeting(officer_client, meeting, make_meeting, register, resident):
    other = make_meeting(title="Spotkanie sieciujące w Nowej Hucie")
    registration = register(other, resident)

    response = checkin(officer_client, meeting, registration.code)

    assert response.status_code == 200
    assert "Spotkanie sieciujące w Nowej Hucie" in text_of(response)
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_an_unknown_code_is_said_and_kept_in_the_field(officer_client, meeting):
    response = checkin(officer_client, meeting, "ZZZZ-9999")

    assert pl("No registration has the code %(code)s. Check it and try again.") % {"code": "ZZZZ-9999"} in text_of(
        response
    )
    assert 'value="ZZZZ-9999"' in response.content.decode()


def test_a_person_on_the_waiting_list_is_not_checked_in(officer_client, make_meeting, register, resident):
    full = make_meeting(capacity=1)
    register(full, make_person("pierwsza@example.org"))
    waiting = register(full, resident)
    assert waiting.status == Registration.Status.WAITING

    response = checkin(officer_client, full, waiting.code)

    assert pl("%(name)s is on the waiting list and has no confirmed seat.") % {"name": "Maria Kowalska"} in text_of(
        response
    )
    waiting.refresh_from_db()
    assert waiting.checked_in_at is None


def test_the_search_checks_in_and_undoes(officer_client, meeting, register, resident):
    registration = register(meeting, resident)
    at_the_door(meeting)

    found = officer_client.get(url(meeting, "obecnosc/"), {"q": "kowalska"})
    assert f'action="{url(meeting, f"obecnosc/{registration.pk}/")}"' in found.content.decode()

    response = officer_client.post(url(meeting, f"obecnosc/{registration.pk}/"), {"q": "kowalska"})
    assert response["Location"] == url(meeting, "obecnosc/") + "?q=kowalska"
    registration.refresh_from_db()
    assert registration.checked_in_at is not None

    officer_client.post(url(meeting, f"obecnosc/{registration.pk}/cofnij/"))
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_the_check_in_page_loads_its_script_with_the_nonce_and_no_inline_script(officer_client, meeting):
    html = officer_client.get(url(meeting, "obecnosc/")).content.decode()

    assert 'src="/static/js/checkin.js"' in html
    assert "<script>" not in html
    assert "autofocus" in html


# The review of NGO events


def test_approving_an_event_tells_its_representatives(
    officer_client, ngo_event, org_representative, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(f"{BASE}wydarzenia-organizacji/{ngo_event.pk}/", {"decision": "approve"})

    assert response.status_code == 302
    ngo_event.refresh_from_db()
    assert ngo_event.status == Meeting.Status.PUBLISHED
    assert org_representative.email in {address for m in mailoutbox for address in m.to}


def test_rejecting_needs_a_reason_and_tells_the_representatives(
    officer_client, ngo_event, org_representative, mailoutbox, django_capture_on_commit_callbacks
):
    refused = officer_client.post(f"{BASE}wydarzenia-organizacji/{ngo_event.pk}/", {"decision": "reject"})
    assert refused.status_code == 200
    assert pl("Say why the event is rejected; the organization will read it.") in text_of(refused)

    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(
            f"{BASE}wydarzenia-organizacji/{ngo_event.pk}/", {"decision": "reject", "reason": "Brak adresu."}
        )

    ngo_event.refresh_from_db()
    assert ngo_event.status == Meeting.Status.REJECTED
    assert ngo_event.status_reason == "Brak adresu."
    assert org_representative.email in {address for m in mailoutbox for address in m.to}


def test_the_queue_lists_the_events_awaiting_approval(officer_client, ngo_event):
    text = text_of(officer_client.get(BASE + "wydarzenia-organizacji/"))

    assert "Piknik sąsiedzki na Plantach" in text
    assert "Stowarzyszenie Przyjaciół Plant" in text


def test_a_city_meeting_has_no_review_page(officer_client, meeting):
    assert officer_client.get(f"{BASE}wydarzenia-organizacji/{meeting.pk}/").status_code == 404


# The rhythm of networking meetings


def test_the_rhythm_warns_when_the_current_quarter_has_no_networking_meeting(officer_client, db):
    today = timezone.localdate()

    response = officer_client.get(BASE + "rytm-spotkan/", {"rok": today.year})

    quarter = (today.month - 1) // 3 + 1
    warning = pl("no informal networking meeting is published for the current quarter (Q%(n)s %(y)s).")
    assert warning % {"n": quarter, "y": today.year} in text_of(response)
    assert "?rodzaj=networking" in response.content.decode()


def test_the_rhythm_lists_the_quarters_meetings_without_a_warning(officer_client, make_meeting):
    now = timezone.now()
    make_meeting(
        title="Sieciowanie kwartalne", kind=Meeting.Kind.NETWORKING, starts_at=now + datetime.timedelta(hours=1)
    )
    today = timezone.localdate()

    response = officer_client.get(BASE + "rytm-spotkan/", {"rok": today.year})

    text = text_of(response)
    assert "Sieciowanie kwartalne" in text
    assert (
        pl("no informal networking meeting is published for the current quarter (Q%(n)s %(y)s).").split("(")[0]
        not in text
    )
