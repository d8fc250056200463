"""Every link to a meeting goes through ``events.view_meeting`` (``{% meeting_link %}``): a page never links to a
meeting its reader cannot open (hardening point 3)."""

import pytest
from conftest import make_person
from django.template import Context, Template
from django.test import RequestFactory

from razem.events.models import Meeting
from tests.core.helpers import text_of
from tests.factories import make_body
from tests.support import fresh, parse

LINK = Template("{% load meetings %}{% meeting_link meeting fallback=meeting.title %}")


def render(meeting, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return LINK.render(Context({"meeting": meeting, "request": request}))


@pytest.mark.parametrize(
    ("fields", "linked"),
    [
        ({}, True),
        ({"visibility": Meeting.Visibility.INVITED}, False),
        ({"status": Meeting.Status.DRAFT}, False),
    ],
    ids=["public", "invited-only", "draft"],
)
def test_the_tag_links_only_what_the_reader_may_open(make_meeting, resident, client, fields, linked):
    meeting = make_meeting(title="Spotkanie sieciujące", **fields)

    html = render(meeting, fresh(resident))

    assert ("href=" in html) is linked
    assert "Spotkanie sieciujące" in html
    client.force_login(resident)
    assert client.get(meeting.get_absolute_url()).status_code == (200 if linked else 404)


def test_a_cancelled_registration_for_an_invited_meeting_lists_it_without_a_dead_link(
    client, make_meeting, resident, register
):
    meeting = make_meeting(title="Spotkanie dla zaproszonych", visibility=Meeting.Visibility.INVITED)
    meeting.invitations.create(person=resident)
    registration = register(meeting, resident)
    registration.status = "cancelled"
    registration.save()
    meeting.invitations.all().delete()
    client.force_login(resident)

    page = text_of(client.get("/konto/zapisy/"))

    assert "Spotkanie dla zaproszonych" in page
    assert meeting.get_absolute_url() not in page


# Who sees a body's members-only meeting (events.view_meeting): the record of a public body's sitting is public.

PERSONAS = ["anonymous", "resident", "member", "officer"]
MATRIX = parse(
    """
meeting                          anonymous resident member officer
sitting:public                   Y         Y        Y      Y
sitting:transparent              Y         Y        Y      Y
sitting:private                  -         -        Y      Y
working:public                   -         -        Y      Y
draft-sitting:public             -         -        -      Y
""",
    PERSONAS,
)


@pytest.mark.parametrize("row", sorted(MATRIX))
def test_who_sees_a_bodys_members_only_meeting(make_meeting, seat, anonymous, resident, officer, row):
    what, visibility = row.split(":")
    body = make_body(f"Ciało {visibility}", f"cialo-{visibility}", kind="commission", visibility=visibility)
    member = seat(body, make_person("czlonek@example.org")).person
    meeting = make_meeting(
        kind=Meeting.Kind.OTHER if what == "working" else Meeting.Kind.SITTING,
        organizer_kind=Meeting.Organizer.BODY,
        body=body,
        visibility=Meeting.Visibility.MEMBERS,
        status=Meeting.Status.DRAFT if what == "draft-sitting" else Meeting.Status.PUBLISHED,
    )
    people = {"anonymous": anonymous, "resident": resident, "member": member, "officer": officer}

    allowed = {p for p in PERSONAS if fresh(people[p]).has_perm("events.view_meeting", meeting)}

    assert allowed == {p for p, cell in MATRIX[row].items() if cell == "Y"}
