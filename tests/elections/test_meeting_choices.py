"""Lists of meetings offered in forms hold only meetings that can still be chosen (issue 14, item 9): one rule,
``events.Meeting.objects.choosable``, for the candidates' debate of an election (a published meeting not over yet;
the one already chosen stays when the election is edited), the sitting an act was adopted at and the meeting a
recommendation came from (held or to be held: never a draft, a cancelled or a rejected one)."""

import datetime

import pytest
from django.utils import timezone

from razem.bodies.forms.staff import ActForm
from razem.elections.forms.staff import ElectionForm
from razem.events.models import Meeting
from razem.recommendations.forms import RecommendationForm
from tests.core.helpers import text_of

DAY = datetime.timedelta(days=1)


@pytest.fixture
def meetings(make_meeting, krdpp):
    """One of each: to come, over, cancelled, a draft, marked finished, an NGO event; all sittings of KRDPP."""
    now = timezone.now()

    def make(title: str, **fields):
        return make_meeting(title=title, kind="sitting", organizer_kind="body", body=krdpp, **fields)

    return {
        "coming": make("Debata kandydatów"),
        "over": make("Posiedzenie miniony", starts_at=now - 10 * DAY, ends_at=now - 10 * DAY + DAY / 12),
        "cancelled": make("Posiedzenie odwołane", status=Meeting.Status.CANCELLED),
        "draft": make("Szkic posiedzenia", status=Meeting.Status.DRAFT),
        "finished": make("Posiedzenie zakończone", status=Meeting.Status.FINISHED, starts_at=now - 3 * DAY,
                         ends_at=now - 3 * DAY + DAY / 12),
        "rejected": make("Posiedzenie odrzucone", status=Meeting.Status.REJECTED),
    }  # fmt: skip


def offered(form, name: str) -> set[str]:
    return {m.title for m in form.fields[name].queryset}


def test_the_debate_offers_only_published_meetings_still_to_come(meetings, make_meeting):
    from tests.factories import make_organization

    ngo = make_organization("Fundacja Wydarzeń", krs="0000999113")
    make_meeting(title="Wydarzenie organizacji", organizer_kind="organization", organization=ngo, kind="other")

    assert offered(ElectionForm(), "debate") == {"Debata kandydatów"}


def test_a_debate_already_chosen_stays_offered_when_the_election_is_edited(meetings, make_election):
    election = make_election("nominations", debate=meetings["over"])

    assert offered(ElectionForm(election=election), "debate") == {"Debata kandydatów", "Posiedzenie miniony"}
    assert offered(ElectionForm(election=make_election("nominations", slug="inne")), "debate") == {"Debata kandydatów"}


def test_the_sitting_of_an_act_is_one_held_or_to_be_held(meetings, krdpp):
    assert offered(ActForm(body=krdpp), "sitting") == {
        "Debata kandydatów", "Posiedzenie miniony", "Posiedzenie zakończone",
    }  # fmt: skip


def test_the_meeting_a_recommendation_came_from_is_one_held_or_to_be_held(meetings, krdpp):
    form = RecommendationForm(bodies=type(krdpp).objects.all())

    assert offered(form, "meeting") == {"Debata kandydatów", "Posiedzenie miniony", "Posiedzenie zakończone"}


def test_the_office_election_form_page_lists_no_cancelled_or_past_meeting(meetings, officer_client):
    page = text_of(officer_client.get("/panel/wybory/nowe/"))

    debate = page.split('name="debate"')[1].split("</select>")[0]
    assert "Debata kandydatów" in debate
    for title in ("Posiedzenie miniony", "Posiedzenie odwołane", "Szkic posiedzenia", "Posiedzenie zakończone"):
        assert title not in debate


def test_a_past_meeting_posted_as_the_debate_is_refused(meetings, make_election):
    election = make_election("nominations")
    form = ElectionForm({"debate": meetings["cancelled"].pk}, election=election)

    form.is_valid()
    assert "debate" in form.errors
