"""The public calendar as people use it: the list with its filters, the month, the iCalendar feed, a meeting's
page for each kind of visitor, registration with the organizer's questions, and documents."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from conftest import make_person
from django.core.files.base import ContentFile
from django.utils import timezone

from razem.core.models import District, PublicBenefitArea
from razem.events.models import Meeting, MeetingDocument, MeetingInvitation, MeetingQuestion, Registration
from razem.events.services import registrations
from tests.core.helpers import in_polish, text_of

WARSAW = ZoneInfo("Europe/Warsaw")


def local(year: int, month: int, day: int, hour: int = 18, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=WARSAW)


def next_year() -> int:
    return timezone.localdate().year + 1


def area(code: str) -> PublicBenefitArea:
    return PublicBenefitArea.objects.valid_on(timezone.localdate()).get(code=code)


# The list


def test_the_calendar_lists_upcoming_public_meetings_with_date_place_organizer_and_registration(client, meeting):
    starts = local(next_year(), 12, 14, 18)  # a Monday in some year: the weekday is checked in words below
    meeting.starts_at, meeting.ends_at = starts, starts + datetime.timedelta(hours=2)
    meeting.save()

    response = client.get("/kalendarz/")

    assert response.status_code == 200
    page = text_of(response)
    assert "Forum dialogu obywatelskiego" in page
    assert meeting.get_absolute_url() in page
    assert "18:00" in page and "20:00" in page
    assert str(starts.year) in page
    assert "Centrum Obywatelskie" in page
    assert str(District.objects.get(number=5)) in page
    assert str(meeting.get_kind_display()) in page
    assert in_polish("open, closes on %(when)s").split("%")[0].strip() in page


def test_the_calendar_shows_the_weekday_and_month_in_polish(client, meeting):
    starts = datetime.datetime(2030, 12, 16, 18, 0, tzinfo=WARSAW)  # a Monday
    meeting.starts_at, meeting.ends_at = starts, starts + datetime.timedelta(hours=2)
    meeting.save()

    page = text_of(client.get("/kalendarz/", HTTP_ACCEPT_LANGUAGE="pl"))

    assert "poniedziałek, 16 grudnia 2030, 18:00" in page.lower()


def test_drafts_invited_only_and_past_meetings_are_not_in_the_calendar_but_cancelled_ones_are_marked(
    client, make_meeting
):
    make_meeting(title="Szkic spotkania", status=Meeting.Status.DRAFT)
    make_meeting(title="Tylko dla zaproszonych", visibility=Meeting.Visibility.INVITED)
    make_meeting(
        title="Dawne spotkanie",
        starts_at=timezone.now() - datetime.timedelta(days=3),
        status=Meeting.Status.FINISHED,
        registration_opens_at=timezone.now() - datetime.timedelta(days=10),
    )
    make_meeting(title="Odwołane forum", status=Meeting.Status.CANCELLED, status_reason="Choroba prowadzącego")

    page = text_of(client.get("/kalendarz/"))

    assert "Szkic spotkania" not in page
    assert "Tylko dla zaproszonych" not in page
    assert "Dawne spotkanie" not in page
    assert "Odwołane forum" in page
    assert in_polish("Cancelled") in page


def test_an_approved_ngo_event_is_marked_as_the_organizations_and_an_unapproved_one_is_not_listed(
    client, make_meeting, verified_org
):
    make_meeting(title="Sprzątanie Plant", organizer_kind="organization", organization=verified_org)
    make_meeting(
        title="Czeka na akceptację", organizer_kind="organization", organization=verified_org, status="submitted"
    )

    page = text_of(client.get("/kalendarz/"))

    assert "Sprzątanie Plant" in page
    assert in_polish("Event of %(name)s") % {"name": "Stowarzyszenie Przyjaciół Plant"} in page
    assert "Czeka na akceptację" not in page


def test_a_full_meeting_says_that_the_next_person_goes_on_the_waiting_list(client, make_meeting, resident, register):
    full = make_meeting(title="Małe warsztaty", capacity=1)
    register(full, resident)

    page = text_of(client.get("/kalendarz/"))

    assert in_polish("full – you can join the waiting list") in page


def test_the_filters_narrow_the_calendar_by_kind_district_area_organizer_and_words(
    client, make_meeting, verified_org, venue
):
    first = District.objects.get(number=1)
    make_meeting(title="Szkolenie z grantów", kind=Meeting.Kind.TRAINING, district=first, areas=[area("1")])
    make_meeting(title="Forum w Krowodrzy", areas=[area("3")])
    make_meeting(title="Piknik organizacji", organizer_kind="organization", organization=verified_org)

    def titles(**params):
        page = text_of(client.get("/kalendarz/", params))
        return [t for t in ["Szkolenie z grantów", "Forum w Krowodrzy", "Piknik organizacji"] if t in page]

    assert titles() == ["Szkolenie z grantów", "Forum w Krowodrzy", "Piknik organizacji"]
    assert titles(rodzaj="training") == ["Szkolenie z grantów"]
    assert titles(dzielnica=first.pk) == ["Szkolenie z grantów"]
    assert titles(obszar=area("3").pk) == ["Forum w Krowodrzy"]
    assert titles(organizator="organization") == ["Piknik organizacji"]
    assert titles(organizacja=verified_org.pk) == ["Piknik organizacji"]
    assert titles(q="grantów") == ["Szkolenie z grantów"]


def test_an_unknown_filter_value_shows_a_message_not_an_error(client, meeting):
    response = client.get("/kalendarz/", {"rodzaj": "nieznany"})

    assert response.status_code == 200
    assert "Forum dialogu obywatelskiego" not in text_of(response)


def test_the_calendar_links_to_the_month_and_the_feed_with_the_filters(client, meeting, settings):
    page = text_of(client.get("/kalendarz/", {"rodzaj": "forum"}))

    assert "/kalendarz/miesiac/?rok=" in page
    assert "/kalendarz/kalendarz.ics?rodzaj=forum" in page
    assert "webcal://" in page
    assert settings.RAZEM_BASE_URL.split("://")[1] + "/kalendarz/kalendarz.ics?rodzaj=forum" in page


def test_the_calendar_list_costs_the_same_few_queries_for_30_meetings_as_for_one(
    client, make_meeting, verified_org, django_assert_max_num_queries
):
    make_meeting(title="Pierwsze")
    client.get("/kalendarz/")  # reference lists cached, as on a running server
    with django_assert_max_num_queries(6) as one:
        client.get("/kalendarz/")
    for n in range(29):
        organizer = {"organizer_kind": "organization", "organization": verified_org} if n % 3 == 0 else {}
        make_meeting(title=f"Spotkanie {n}", capacity=10, areas=[area("1")], **organizer)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get("/kalendarz/")
    assert text_of(response).count("/kalendarz/") > 20


def test_the_calendar_is_paginated(client, make_meeting):
    for n in range(25):
        make_meeting(title=f"Spotkanie nr {n:02d}", starts_at=timezone.now() + datetime.timedelta(days=n + 1))

    first = text_of(client.get("/kalendarz/"))
    second = text_of(client.get("/kalendarz/", {"strona": 2}))

    assert "Spotkanie nr 00" in first and "Spotkanie nr 24" not in first
    assert "Spotkanie nr 24" in second and "Spotkanie nr 00" not in second


# The month


def test_the_month_view_is_a_table_with_weekday_headers_and_the_meetings_on_their_days(client, make_meeting):
    year = next_year()
    make_meeting(title="Grudniowe forum", starts_at=local(year, 12, 3, 17, 30))
    make_meeting(title="Styczniowe forum", starts_at=local(year + 1, 1, 10, 10))

    response = client.get("/kalendarz/miesiac/", {"rok": year, "miesiac": 12})

    assert response.status_code == 200
    page = text_of(response)
    assert "<table" in page and "<caption" in page
    assert page.count('<th scope="col">') == 7
    assert "17:30" in page and "Grudniowe forum" in page
    assert "Styczniowe forum" not in page
    assert f"rok={year + 1}&miesiac=1" in page.replace("&amp;", "&")
    assert f"rok={year}&miesiac=11" in page.replace("&amp;", "&")
    assert 'role="region"' in page and 'tabindex="0"' in page


@pytest.mark.parametrize("params", [{"rok": "abc", "miesiac": "13"}, {"rok": "99999", "miesiac": "1"}, {}])
def test_an_invalid_month_shows_the_current_month(client, db, params):
    response = client.get("/kalendarz/miesiac/", params)

    assert response.status_code == 200
    today = timezone.localdate()
    assert f"rok={today.year}" in text_of(response) or str(today.year) in text_of(response)


def test_the_month_view_keeps_a_constant_number_of_queries(client, make_meeting, django_assert_max_num_queries):
    year = next_year()
    make_meeting(starts_at=local(year, 6, 1))
    client.get("/kalendarz/miesiac/", {"rok": year, "miesiac": 6})
    with django_assert_max_num_queries(6) as one:
        client.get("/kalendarz/miesiac/", {"rok": year, "miesiac": 6})
    for day in range(2, 30):
        make_meeting(title=f"Czerwiec {day}", starts_at=local(year, 6, day), areas=[area("1")])
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = text_of(client.get("/kalendarz/miesiac/", {"rok": year, "miesiac": 6}))
    assert "Czerwiec 29" in page


# The feed


def test_the_feed_is_icalendar_with_warsaw_times_and_cancelled_events_marked(client, make_meeting):
    year = next_year()
    make_meeting(title="Forum lipcowe", starts_at=local(year, 7, 2, 18))
    make_meeting(title="Forum odwołane", starts_at=local(year, 7, 3, 9), status=Meeting.Status.CANCELLED)
    make_meeting(title="Szkic", status=Meeting.Status.DRAFT)

    response = client.get("/kalendarz/kalendarz.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="kalendarz.ics"'
    assert "public" in response["Cache-Control"] and "max-age=900" in response["Cache-Control"]
    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == 2
    july = events["Forum lipcowe"]
    start = july.decoded("dtstart")
    assert str(start.tzinfo) == "Europe/Warsaw" and start.hour == 18 and start.day == 2
    cancelled = next(e for title, e in events.items() if "Forum odwołane" in title)
    assert str(cancelled["status"]) == "CANCELLED"


def test_a_filtered_feed_contains_only_the_matching_events(client, make_meeting, verified_org):
    make_meeting(title="Szkolenie", kind=Meeting.Kind.TRAINING)
    make_meeting(title="Forum")
    make_meeting(title="Wydarzenie NGO", organizer_kind="organization", organization=verified_org)

    def summaries(**params):
        calendar = icalendar.Calendar.from_ical(client.get("/kalendarz/kalendarz.ics", params).content)
        return sorted(str(e["summary"]) for e in calendar.walk("VEVENT"))

    assert summaries() == ["Forum", "Szkolenie", "Wydarzenie NGO"]
    assert summaries(rodzaj="training") == ["Szkolenie"]
    assert summaries(organizacja=verified_org.pk) == ["Wydarzenie NGO"]
    assert summaries(organizator="city") == ["Forum", "Szkolenie"]


# A meeting's page


def test_the_meeting_page_shows_the_details_agenda_map_and_ics_link(client, make_meeting, venue):
    venue.accessibility_notes = "Winda od strony dziedzińca."
    venue.save()
    meeting = make_meeting(
        summary="Rozmawiamy o budżecie.",
        description="Pierwszy akapit.\n\nDrugi akapit.",
        agenda="Otwarcie\nDyskusja\nWnioski",
        areas=[area("1")],
        external_url="https://example.org/forum",
        starts_at=timezone.now() + datetime.timedelta(days=10),
    )

    response = client.get(meeting.get_absolute_url())

    assert response.status_code == 200
    page = text_of(response)
    assert "<h1" in page and page.count("<h1") == 1
    assert "<ol><li>Otwarcie</li><li>Dyskusja</li><li>Wnioski</li></ol>" in page
    assert "<p>Drugi akapit.</p>" in page
    assert venue.map_url in page
    assert "Winda od strony dziedzińca." in page
    assert f"/kalendarz/{meeting.pk}/wydarzenie.ics" in page
    assert area("1").name in page
    assert "https://example.org/forum" in page


def test_a_short_or_wrong_address_redirects_to_the_meeting_page(client, meeting):
    assert client.get(f"/kalendarz/{meeting.pk}/").url == meeting.get_absolute_url()
    assert client.get(f"/kalendarz/{meeting.pk}-zly-adres/").url == meeting.get_absolute_url()


def test_the_online_link_is_shown_only_to_confirmed_participants(client, make_meeting, resident, register):
    online = make_meeting(place_kind="online", venue=None, room=None, online_url="https://meet.example.org/abc")

    anonymous = text_of(client.get(online.get_absolute_url()))
    register(online, resident)
    client.force_login(resident)
    registered = text_of(client.get(online.get_absolute_url()))

    assert "https://meet.example.org/abc" not in anonymous
    assert in_polish("The link is sent to registered participants.") in anonymous
    assert "https://meet.example.org/abc" in registered


def test_an_anonymous_visitor_is_asked_to_sign_in_to_register(client, meeting):
    page = text_of(client.get(meeting.get_absolute_url()))

    assert f"/konto/logowanie/?next={meeting.get_absolute_url()}" in page
    assert "Zaloguj się, aby się zapisać" in page
    assert f'action="/kalendarz/{meeting.pk}/zapis/"' not in page


def test_the_registration_box_shows_seats_left_and_the_persons_code(client, make_meeting, resident, register):
    meeting = make_meeting(capacity=10)
    registration = register(meeting, resident)
    client.force_login(resident)

    page = text_of(client.get(meeting.get_absolute_url()))

    assert registration.display_code in page
    assert "9" in page
    assert f"/konto/zapisy/{registration.code}/anuluj/" in page


def test_invited_only_and_members_only_meetings_are_hidden_from_others(
    client, make_meeting, body, body_member, resident
):
    invited = make_meeting(visibility=Meeting.Visibility.INVITED)
    members = make_meeting(visibility=Meeting.Visibility.MEMBERS, organizer_kind="body", body=body)
    MeetingInvitation.objects.create(meeting=invited, person=resident)

    assert client.get(invited.get_absolute_url()).status_code == 404
    assert client.get(members.get_absolute_url()).status_code == 404
    client.force_login(resident)
    assert client.get(invited.get_absolute_url()).status_code == 200
    assert client.get(members.get_absolute_url()).status_code == 404
    client.force_login(body_member)
    assert client.get(members.get_absolute_url()).status_code == 200


def test_an_ngo_event_awaiting_approval_is_seen_only_by_the_organizations_people_and_staff(
    client, make_meeting, verified_org, org_representative, resident, officer
):
    event = make_meeting(organizer_kind="organization", organization=verified_org, status="submitted")

    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(resident)
    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(org_representative)
    page = text_of(client.get(event.get_absolute_url()))
    assert (
        in_polish(
            "Awaiting approval: the city office has not reviewed this event yet, so it is not in the public calendar. "
            "Only your organization's representatives see this page."
        )
        in page
    )
    assert verified_org.get_absolute_url() in page
    client.force_login(officer)
    assert client.get(event.get_absolute_url()).status_code == 200


def test_a_cancelled_meeting_shows_the_reason_and_no_registration(client, make_meeting, resident):
    cancelled = make_meeting(status=Meeting.Status.CANCELLED, status_reason="Awaria ogrzewania")
    client.force_login(resident)

    page = text_of(client.get(cancelled.get_absolute_url()))

    assert "Awaria ogrzewania" in page
    assert in_polish("This meeting has been cancelled, so registration is closed.") in page
    assert f'action="/kalendarz/{cancelled.pk}/zapis/"' not in page


# Registration


@pytest.fixture
def questions(meeting):
    return {
        "diet": MeetingQuestion.objects.create(meeting=meeting, position=1, label="Dieta", kind="text"),
        "needs": MeetingQuestion.objects.create(
            meeting=meeting, position=2, label="Potrzeby", kind="long_text", required=True
        ),
        "lunch": MeetingQuestion.objects.create(
            meeting=meeting, position=3, label="Obiad", kind="choice", options="Mięsny\nWege", required=True
        ),
        "topics": MeetingQuestion.objects.create(
            meeting=meeting, position=4, label="Tematy", kind="multiple", options="Granty\nLokale\nKonsultacje"
        ),
        "photo": MeetingQuestion.objects.create(
            meeting=meeting, position=5, label="Zgoda na zdjęcia", kind="yes_no", required=True
        ),
    }


def test_registration_requires_signing_in(client, meeting):
    response = client.get(f"/kalendarz/{meeting.pk}/zapis/")

    assert response.status_code == 302
    assert "/konto/logowanie/" in response.url and "next=" in response.url


def test_a_resident_registers_with_answers_and_gets_a_confirmed_seat(resident_client, resident, meeting, questions):
    form_page = text_of(resident_client.get(f"/kalendarz/{meeting.pk}/zapis/"))
    for question in questions.values():
        assert f'name="q_{question.pk}"' in form_page

    response = resident_client.post(
        f"/kalendarz/{meeting.pk}/zapis/",
        {
            f"q_{questions['diet'].pk}": "bez glutenu",
            f"q_{questions['needs'].pk}": "pętla indukcyjna",
            f"q_{questions['lunch'].pk}": "Wege",
            f"q_{questions['topics'].pk}": ["Granty", "Lokale"],
            f"q_{questions['photo'].pk}": "no",
        },
    )

    registration = Registration.objects.get(meeting=meeting, person=resident)
    assert registration.status == Registration.Status.CONFIRMED
    assert response.status_code == 302 and response.url == f"/konto/zapisy/{registration.code}/"
    assert registration.answers == {
        str(questions["diet"].pk): "bez glutenu",
        str(questions["needs"].pk): "pętla indukcyjna",
        str(questions["lunch"].pk): "Wege",
        str(questions["topics"].pk): ["Granty", "Lokale"],
        str(questions["photo"].pk): False,
    }
    page = text_of(resident_client.get(response.url))
    assert registration.display_code in page


def test_a_missing_required_answer_is_shown_next_to_the_question_and_what_was_typed_is_kept(
    resident_client, resident, meeting, questions
):
    response = resident_client.post(
        f"/kalendarz/{meeting.pk}/zapis/",
        {f"q_{questions['diet'].pk}": "bez laktozy", f"q_{questions['lunch'].pk}": "Wege"},
    )

    assert response.status_code == 200
    page = text_of(response)
    assert "error-summary" in page
    assert f'id="id_q_{questions["needs"].pk}_error"' in page
    assert f'id="id_q_{questions["photo"].pk}_error"' in page
    assert 'value="bez laktozy"' in page
    assert not Registration.objects.filter(person=resident).exists()


def test_a_service_error_about_a_question_goes_next_to_it(resident_client, resident, meeting, questions, monkeypatch):
    from django.core.exceptions import ValidationError

    def refuse(**kwargs):
        raise ValidationError({str(questions["diet"].pk): "Za długa odpowiedź."})

    monkeypatch.setattr(registrations, "register", refuse)
    response = resident_client.post(
        f"/kalendarz/{meeting.pk}/zapis/",
        {
            f"q_{questions['diet'].pk}": "x",
            f"q_{questions['needs'].pk}": "y",
            f"q_{questions['lunch'].pk}": "Wege",
            f"q_{questions['photo'].pk}": "yes",
        },
    )

    page = text_of(response)
    assert f'id="id_q_{questions["diet"].pk}_error"' in page and "Za długa odpowiedź." in page


def test_a_full_meeting_puts_the_next_person_on_the_waiting_list(
    client, make_meeting, resident, other_resident, register
):
    small = make_meeting(capacity=1)
    register(small, other_resident)
    client.force_login(resident)

    response = client.post(f"/kalendarz/{small.pk}/zapis/", follow=True)

    registration = Registration.objects.get(meeting=small, person=resident)
    assert registration.status == Registration.Status.WAITING
    assert "1" in text_of(response)
    assert in_polish("On the waiting list") in text_of(response)


def test_registering_on_behalf_of_an_organization_lists_only_active_memberships(
    client, meeting, verified_org, pending_org, org_member
):
    client.force_login(org_member)

    page = text_of(client.get(f"/kalendarz/{meeting.pk}/zapis/"))
    client.post(f"/kalendarz/{meeting.pk}/zapis/", {"organization": verified_org.pk})

    assert "Stowarzyszenie Przyjaciół Plant" in page
    assert in_polish("Myself") in page
    assert Registration.objects.get(person=org_member).organization == verified_org


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("twice", "You are already registered for this meeting; your code is %(code)s."),
        ("closed", "Registration closed on %(when)s."),
        ("cancelled", "This meeting has been cancelled, so registration is closed."),
        ("members", "This meeting is open only to the members of %(body)s."),
        ("not_yet", "Registration opens on %(when)s."),
    ],
)
def test_a_refused_registration_shows_the_reason_in_polish_and_saves_nothing(
    client, make_meeting, resident, register, body, case, reason
):
    fields = {
        "twice": {},
        "closed": {"registration_closes_at": timezone.now() - datetime.timedelta(hours=1)},
        "cancelled": {"status": Meeting.Status.CANCELLED},
        "members": {"visibility": Meeting.Visibility.MEMBERS, "organizer_kind": "body", "body": body},
        "not_yet": {"registration_opens_at": timezone.now() + datetime.timedelta(days=1)},
    }[case]
    meeting = make_meeting(**fields)
    if case == "members":
        # Not a member (any more), but registered earlier by the office: sees the meeting, may not register again.
        Registration.objects.create(meeting=meeting, person=resident, status="confirmed")
    if case == "twice":
        register(meeting, resident)
    before = list(Registration.objects.values_list("pk", "status"))
    client.force_login(resident)

    response = client.post(f"/kalendarz/{meeting.pk}/zapis/")

    assert response.status_code == 200
    expected = registrations.refusal(meeting, resident)
    assert expected is not None and expected.split("%")[0] in text_of(response)
    assert in_polish(reason).split("%")[0] in text_of(response)
    assert list(Registration.objects.values_list("pk", "status")) == before


def test_a_members_only_meeting_is_not_found_by_an_outsider_and_nothing_is_saved(client, make_meeting, body, resident):
    meeting = make_meeting(visibility=Meeting.Visibility.MEMBERS, organizer_kind="body", body=body)
    client.force_login(resident)

    assert client.post(f"/kalendarz/{meeting.pk}/zapis/").status_code == 404
    assert not Registration.objects.exists()


def test_an_invited_guest_of_a_members_meeting_registers_as_a_guest(client, make_meeting, body, other_resident):
    meeting = make_meeting(visibility=Meeting.Visibility.MEMBERS, organizer_kind="body", body=body)
    MeetingInvitation.objects.create(meeting=meeting, person=other_resident)
    client.force_login(other_resident)

    response = client.post(f"/kalendarz/{meeting.pk}/zapis/")

    assert response.status_code == 302
    assert Registration.objects.get(person=other_resident, status="confirmed").is_guest


# Documents


@pytest.fixture
def documents(meeting, settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path / "private"
    public = MeetingDocument(meeting=meeting, title="Program", audience="public", content_type="application/pdf")
    public.file.save("program.pdf", ContentFile(b"%PDF-1.4 program"), save=False)
    public.size = 16
    public.save()
    private = MeetingDocument(meeting=meeting, title="Lista", audience="participants", content_type="text/plain")
    private.file.save("lista.txt", ContentFile(b"tylko dla uczestnikow"), save=False)
    private.save()
    return {"public": public, "private": private}


def test_public_documents_download_for_everyone_and_participants_only_ones_for_participants(
    client, meeting, documents, resident, register
):
    public_url = f"/kalendarz/{meeting.pk}/dokumenty/{documents['public'].pk}/"
    private_url = f"/kalendarz/{meeting.pk}/dokumenty/{documents['private'].pk}/"

    page = text_of(client.get(meeting.get_absolute_url()))
    response = client.get(public_url)

    assert "Program" in page and "Lista" not in page
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 program"
    assert client.get(private_url).status_code == 404

    register(meeting, resident)
    client.force_login(resident)
    assert "Lista" in text_of(client.get(meeting.get_absolute_url()))
    assert client.get(private_url).status_code == 200


def test_a_document_of_another_meeting_is_not_found(client, make_meeting, documents):
    other = make_meeting(title="Inne")

    assert client.get(f"/kalendarz/{other.pk}/dokumenty/{documents['public'].pk}/").status_code == 404


def test_the_ics_of_one_meeting_downloads(client, meeting):
    response = client.get(f"/kalendarz/{meeting.pk}/wydarzenie.ics")

    assert response.status_code == 200
    assert len(icalendar.Calendar.from_ical(response.content).walk("VEVENT")) == 1


def test_a_stranger_is_not_told_about_a_meeting_by_its_number(client, make_meeting):
    draft = make_meeting(status=Meeting.Status.DRAFT)
    person = make_person("ktos@example.org")
    client.force_login(person)

    assert client.get(f"/kalendarz/{draft.pk}/").status_code == 404
    assert client.get(f"/kalendarz/{draft.pk}/wydarzenie.ics").status_code == 404
    assert client.get(f"/kalendarz/{draft.pk}/zapis/").status_code == 404


def test_registering_costs_a_fixed_number_of_queries(
    client, make_meeting, resident, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """The POST of a registration (issue 13), without the worker's e-mail: the session and the person, the meeting
    with its questions (read once for the form and the service), the invitation (no query for the person's
    organizations: the form posted showed no "on behalf of"), the meeting's lock, the seats and the person's own
    registration in one count, the registration and its audit entry (the transaction's savepoint and its release
    around them here, inside the test's transaction)."""
    meeting = make_meeting(capacity=10)
    client.force_login(resident)
    with django_capture_on_commit_callbacks(execute=False), django_assert_num_queries(11) as queries:
        response = client.post(f"/kalendarz/{meeting.pk}/zapis/")
    assert response.status_code == 302, [q["sql"][:80] for q in queries.captured_queries]
    assert Registration.objects.get(meeting=meeting, person=resident).status == Registration.Status.CONFIRMED
