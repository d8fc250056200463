"""Links from a body's pages to its meetings (hardening point 3).

The rule: a sitting of a public or transparent body is public information (the access-to-public-information act):
its page, with the date, place, agenda, the minutes published for everyone and the acts adopted, opens for everyone,
even when only the members take part ("closed sitting"). A body's other members-only meetings (a working meeting)
and the sittings of a private body are never listed, nor linked, for outsiders. Every link to a meeting goes
through ``events.view_meeting``, the permission the meeting's page checks, so no link answers 404.
"""

import datetime
import re

import pytest
from conftest import make_person
from django.core.files.base import ContentFile
from django.utils import timezone

from razem.bodies.models import Act, Post
from razem.events.models import Meeting, MeetingDocument
from tests.core.helpers import in_polish as pl
from tests.core.helpers import text_of
from tests.factories import make_body

DAY = datetime.timedelta(days=1)
MEETING_LINK = re.compile(r'href="(/kalendarz/\d+[^"]*)"')


@pytest.fixture
def world(krdpp, seat, make_meeting, current_term, officer, resident, media_root):
    def sitting(title: str, days: int, **fields):
        starts = timezone.now() + days * DAY
        return make_meeting(
            **{
                "title": title,
                "kind": Meeting.Kind.SITTING,
                "organizer_kind": Meeting.Organizer.BODY,
                "body": krdpp,
                "visibility": Meeting.Visibility.MEMBERS,
                "registration_enabled": False,
                "starts_at": starts,
                "ends_at": starts + datetime.timedelta(hours=2),
                "status": Meeting.Status.FINISHED if days < 0 else Meeting.Status.PUBLISHED,
                **fields,
            }
        )

    held = sitting("Posiedzenie Rady nr 3", -30, agenda="Opinia o programie współpracy\nWolne wnioski")
    upcoming = sitting("Posiedzenie Rady nr 4", 10)
    working = sitting("Spotkanie robocze członków Rady", -20, kind=Meeting.Kind.OTHER)
    draft = sitting("Posiedzenie Rady w przygotowaniu", -10, status=Meeting.Status.DRAFT)
    minutes = MeetingDocument(meeting=held, kind="minutes", title="Protokół posiedzenia nr 3", size=10)
    minutes.file.save("protokol.txt", ContentFile(b"Protokol"), save=True)
    for number, meeting in enumerate([held, working, draft], start=1):
        Act.objects.create(
            body=krdpp,
            term=current_term,
            number=number,
            title=f"Uchwała w sprawie {meeting.title}",
            adopted_on=timezone.localdate(meeting.starts_at),
            sitting=meeting,
        )
    Post.objects.create(body=krdpp, title="Porządek obrad")
    team = make_body("Zespół roboczy", "zespol-roboczy", kind="team", visibility="private", parent=krdpp)
    sitting("Posiedzenie zespołu", -5, body=team)
    people = {
        "anonymous": None,
        "non-member": resident,
        "member": seat(krdpp, make_person("czlonek.rady@example.org")).person,
        "body officer": seat(krdpp, make_person("sekretarz.rady@example.org"), position="secretary").person,
        "city officer": officer,
    }
    return {"held": held, "upcoming": upcoming, "working": working, "draft": draft, "people": people}


def body_pages(client, slug: str) -> str:
    pages = [
        f"/ciala-dialogu/{slug}/",
        f"/ciala-dialogu/{slug}/dokumenty/",
        f"/ciala-dialogu/{slug}/czlonkowie/historia/",
    ]
    workspace = client.get(f"/ciala-dialogu/{slug}/przestrzen-robocza/")
    texts = [text_of(client.get(page)) for page in pages]
    if workspace.status_code == 200:
        texts.append(text_of(workspace))
    return "\n".join(texts)


@pytest.mark.parametrize("persona", ["anonymous", "non-member", "member", "body officer", "city officer"])
def test_every_meeting_link_on_a_public_bodys_pages_opens(client, krdpp, world, persona):
    person = world["people"][persona]
    if person is not None:
        client.force_login(person)

    html = body_pages(client, krdpp.slug)
    links = set(MEETING_LINK.findall(html))

    assert links, "the body's pages link to its sittings"
    for link in links:
        assert client.get(link, follow=True).status_code == 200, (persona, link)
    held = world["held"]
    assert held.get_absolute_url() in links  # a closed sitting of a public body is public information
    assert world["upcoming"].get_absolute_url() in links


@pytest.mark.parametrize("persona", ["anonymous", "non-member"])
def test_outsiders_never_see_a_members_only_working_meeting_nor_a_draft_sitting(client, krdpp, world, persona):
    person = world["people"][persona]
    if person is not None:
        client.force_login(person)

    html = body_pages(client, krdpp.slug)

    assert world["working"].get_absolute_url() not in html
    assert world["working"].title not in html.replace(f"Uchwała w sprawie {world['working'].title}", "")
    assert world["draft"].get_absolute_url() not in html
    assert client.get(world["working"].get_absolute_url()).status_code == 404


def test_members_see_their_working_meeting_linked(client, krdpp, world):
    client.force_login(world["people"]["member"])

    html = body_pages(client, krdpp.slug)

    assert world["working"].get_absolute_url() in html


def test_the_page_of_a_closed_sitting_shows_its_record_to_everyone(client, krdpp, world):
    held = world["held"]

    page = text_of(client.get(held.get_absolute_url()))

    assert pl("A closed sitting: only the members of %(body)s take part.") % {"body": krdpp.name} in page
    assert "Opinia o programie współpracy" in page  # the agenda
    assert "Protokół posiedzenia nr 3" in page  # the minutes published for everyone
    assert f"Uchwała w sprawie {held.title}" in page  # the acts adopted
    minutes = held.documents.get()
    assert client.get(f"/kalendarz/{held.pk}/dokumenty/{minutes.pk}/").status_code == 200
    assert pl("Only the members of the body and the people invited take part; there is no registration.") in page
    assert pl("You do not need to register in Razem for this meeting.") not in page


def test_a_private_bodys_sitting_stays_closed_to_outsiders(client, world, resident):
    team_sitting = Meeting.objects.get(title="Posiedzenie zespołu")

    assert client.get(team_sitting.get_absolute_url()).status_code == 404
    client.force_login(resident)
    assert client.get(team_sitting.get_absolute_url()).status_code == 404


def test_outsiders_cannot_register_for_a_closed_sitting(client, world, resident):
    upcoming = world["upcoming"]
    upcoming.registration_enabled = True
    upcoming.registration_opens_at = timezone.now() - DAY
    upcoming.save()
    client.force_login(resident)

    page = text_of(client.get(upcoming.get_absolute_url()))

    assert pl("This meeting is open only to the members of %(body)s.") % {"body": upcoming.body} in page
