"""The demo holds a case for every visibility rule, so that each can be tried by signing in as the demo accounts:
a private body with its workspace, an election in preparation, a draft meeting of each visibility and an import
with rejected rows."""

import pytest
from django.test import Client
from django.urls import reverse

from razem.accounts.models import User
from razem.bodies.models import Body
from razem.elections.models import Election
from razem.events.models import Meeting
from razem.organizations.models import ImportJob
from tests.core.helpers import text_of

pytestmark = pytest.mark.django_db


def as_user(email: str | None) -> Client:
    browser = Client()
    if email:
        browser.force_login(User.objects.get(email=email))
    return browser


def test_the_private_team_and_its_workspace_open_to_its_member_and_the_office_only(demo):
    team = Body.objects.get(visibility=Body.Visibility.PRIVATE)
    workspace = reverse("bodies:workspace", kwargs={"slug": team.slug})

    member = as_user("przedstawiciel@razem.demo").get(workspace)
    assert member.status_code == 200
    assert "Robocza wersja opinii o Programie współpracy" in text_of(member)
    assert as_user("urzednik@razem.demo").get(workspace).status_code == 200
    for outsider in (None, "mieszkanka@razem.demo", "prezeska@razem.demo"):
        assert as_user(outsider).get(workspace).status_code in {302, 403, 404}, outsider
        assert team.name not in text_of(as_user(outsider).get(reverse("bodies:list"))), outsider


def test_the_election_in_preparation_is_seen_by_the_office_only(demo):
    draft = Election.objects.get(status=Election.Status.DRAFT)

    assert as_user(None).get(draft.get_absolute_url()).status_code == 404
    assert as_user("prezeska@razem.demo").get(draft.get_absolute_url()).status_code == 404
    assert draft.title not in text_of(as_user(None).get(reverse("elections:list")))
    assert draft.title in text_of(as_user("urzednik@razem.demo").get(reverse("elections_staff:list")))


def test_a_draft_meeting_of_each_visibility_is_hidden_from_everyone_but_the_office(demo):
    drafts = Meeting.objects.filter(status=Meeting.Status.DRAFT)
    assert {m.visibility for m in drafts} == set(Meeting.Visibility.values)

    calendar = text_of(as_user("przedstawiciel@razem.demo").get(reverse("events:calendar")))
    for meeting in drafts:
        assert meeting.title not in calendar
        for visitor in (None, "przedstawiciel@razem.demo"):
            assert as_user(visitor).get(meeting.get_absolute_url()).status_code == 404, (meeting, visitor)


def test_an_import_with_rejected_rows_shows_each_row_and_its_reason_to_the_office(demo):
    job = ImportJob.objects.get(error_count__gt=0)
    page = text_of(as_user("urzednik@razem.demo").get(reverse("organizations_staff:import_job", args=[job.pk])))

    assert [row["line"] for row in job.errors] == [7, 8, 9]
    for row in job.errors:
        assert row["errors"][0] in page
    assert as_user("prezeska@razem.demo").get(reverse("organizations_staff:import_job", args=[job.pk])).status_code in {
        302,
        403,
    }


def test_a_krdpp_member_who_missed_three_sittings_without_excuse_is_on_the_office_list_for_dismissal(demo):
    from razem.bodies import selectors

    krdpp = Body.objects.get(slug="krdpp")
    listed = selectors.dismissal_candidates(body=krdpp)
    assert len(listed) == 1 and len(listed[0].sittings) == 3

    page = text_of(as_user("urzednik@razem.demo").get(reverse("bodies_staff:dismissals", args=[krdpp.slug])))
    assert listed[0].membership.person.full_name in page
