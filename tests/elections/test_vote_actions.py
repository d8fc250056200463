"""The election's main action as a representative meets it (issue 14, item 7): a verb while the organization has
not voted ("Oddaj głos w imieniu organizacji"), the status with the time of casting once it has (never the same
button again, per organization when the person acts for several); the confirmation page says where and when the
tracker is checked, and the tracker e-mail says how to keep it private. And the demo's known tracker (item 13)."""

import datetime
import zoneinfo

import pytest
from conftest import make_person
from django.conf import settings
from django.utils import timezone

from razem.elections import demo as elections_demo
from razem.elections import services
from razem.elections.models import Ballot, Election, Elector, tracker_hash
from razem.organizations.models import Membership, Organization
from tests.core.helpers import in_polish, text_of
from tests.factories import add_membership, calendar_for

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
CAST = "Cast a vote on behalf of the organization"
VOTED = "Your organization has already voted"


@pytest.fixture
def voting(make_election, ready, voters):
    [(organization, person)] = voters(1)
    election = make_election("voting")
    candidacies = ready(election, candidates=3)
    return election, candidacies, organization, person


def _cast(client, election, organization, choices):
    return client.post(
        f"/wybory/{election.slug}/glosuj/",
        {"organization": organization.pk, "choices": [c.pk for c in choices], "step": "cast"},
    )


def test_the_election_page_offers_the_verb_then_the_status_with_the_time_of_casting(client, voting):
    election, candidacies, organization, person = voting
    client.force_login(person)

    page = text_of(client.get(election.get_absolute_url()))
    assert in_polish(CAST) in page
    assert f'href="/wybory/{election.slug}/glosuj/?organizacja={organization.pk}"' in page
    assert in_polish(VOTED) not in page

    assert _cast(client, election, organization, candidacies[:1]).status_code == 200
    # The time of casting, in Warsaw: 13:05 UTC on 7 December is 14:05 in Kraków.
    cast_at = datetime.datetime(2026, 12, 7, 13, 5, tzinfo=datetime.UTC)
    Elector.objects.filter(election=election, organization=organization).update(voted_at=cast_at)

    page = text_of(client.get(election.get_absolute_url()))
    assert in_polish(CAST) not in page
    assert f"/glosuj/?organizacja={organization.pk}" not in page
    status = page.split('id="vote-actions"')[1].split("</ul>")[0]
    assert in_polish(VOTED) in status
    assert cast_at.astimezone(WARSAW).isoformat() in status
    assert "7 grudnia 2026, 14:05" in status  # Django's Polish month name in the genitive, Warsaw time


def test_a_person_acting_for_two_organizations_gets_the_button_and_the_status_per_organization(client, voting):
    election, candidacies, organization, person = voting
    other = (
        Organization.objects.exclude(pk=organization.pk)
        .filter(pk__in=Elector.objects.filter(election=election).values("organization_id"))
        .first()
    )
    add_membership(other, person, Membership.Role.REPRESENTATIVE)
    client.force_login(person)
    _cast(client, election, other, candidacies[:1])

    page = text_of(client.get(election.get_absolute_url()))
    actions = page.split('id="vote-actions"')[1].split("</ul>")[0]
    mine = actions.split(f'id="vote-{organization.pk}"')[1].split("</li>")[0]
    theirs = actions.split(f'id="vote-{other.pk}"')[1].split("</li>")[0]
    assert in_polish("Cast a vote on behalf of the organization: %(org)s") % {"org": organization.name} in mine
    assert f"?organizacja={organization.pk}" in mine
    assert in_polish("Your organization %(org)s has already voted") % {"org": other.name} in theirs
    assert "<a " not in theirs and "<time" in theirs


def test_an_organization_outside_the_electorate_gets_no_button(client, voting):
    election, *_ = voting
    from tests.factories import make_organization

    late = make_organization("Fundacja Spóźniona", krs="0000999112")
    representative = make_person("spozniona@example.org")
    add_membership(late, representative, Membership.Role.REPRESENTATIVE)
    client.force_login(representative)

    page = text_of(client.get(election.get_absolute_url()))
    assert in_polish(CAST) not in page and 'id="vote-actions"' not in page
    assert in_polish("not in the electorate") in page


def test_the_organization_step_shows_when_an_organization_voted(client, voting):
    election, candidacies, organization, person = voting
    second = (
        Organization.objects.exclude(pk=organization.pk)
        .filter(pk__in=Elector.objects.filter(election=election).values("organization_id"))
        .first()
    )
    add_membership(second, person, Membership.Role.REPRESENTATIVE)
    client.force_login(person)
    _cast(client, election, organization, candidacies[:1])
    cast_at = datetime.datetime(2026, 12, 7, 13, 5, tzinfo=datetime.UTC)
    Elector.objects.filter(election=election, organization=organization).update(voted_at=cast_at)

    page = text_of(client.get(f"/wybory/{election.slug}/glosuj/"))
    label = page.split(f'for="org-{organization.pk}"')[1].split("</label>")[0]
    assert "14:05" in label
    assert f'value="{organization.pk}" id="org-{organization.pk}" disabled' in page


def test_the_confirmation_page_links_to_the_check_page_and_says_when(client, voting):
    election, candidacies, organization, person = voting
    client.force_login(person)

    response = _cast(client, election, organization, candidacies[:1])

    page = text_of(response)
    check = f"http://testserver/wybory/{election.slug}/sprawdz-glos/"
    assert f'href="{check}"' in page
    section = page.split('id="when-to-check"')[1].split("</section>")[0]
    close = timezone.localtime(election.voting_close)
    assert close.strftime("%H:%M") in section and str(close.year) in section
    assert str(election.results_due.day) in section and str(election.results_due.year) in section
    assert in_polish("Keep it until the results are published.") in page

    # The link answers: before the count it says when ballots can be checked.
    assert client.get(check.removeprefix("http://testserver")).status_code == 200


def test_the_tracker_email_says_how_to_keep_it_private_and_where_to_check_it(
    client, voting, mailoutbox, django_capture_on_commit_callbacks
):
    election, candidacies, organization, person = voting
    client.force_login(person)

    with django_capture_on_commit_callbacks(execute=True):
        tracker = _cast(client, election, organization, candidacies[:1]).context["tracker"]

    [mail] = [m for m in mailoutbox if tracker in m.body]
    body = mail.body
    assert in_polish("How to keep it private:") in body
    assert in_polish(
        "Do not forward this e-mail and do not share the tracker. It does not say who voted, and nobody can link a "
        "published ballot to your organization without it; but whoever has it can see what your ballot marks."
    ) in body.replace("\n", " ")
    assert f"{settings.RAZEM_BASE_URL}/wybory/{election.slug}/sprawdz-glos/" in body
    assert str(election.results_due.year) in body
    assert "&quot;" not in body and "&#x27;" not in body


def test_after_the_count_the_check_page_finds_the_ballot_the_confirmation_named(client, voting, officer):
    election, candidacies, organization, person = voting
    client.force_login(person)
    response = _cast(client, election, organization, candidacies[:2])
    tracker = response.context["tracker"]
    check = response.context["check_url"].removeprefix("http://testserver")
    Election.objects.filter(pk=election.pk).update(**calendar_for("counting"))
    election.refresh_from_db()
    services.election_count(actor=officer, election=election)

    found = text_of(client.post(check, {"tracker": tracker}))
    assert in_polish("Your ballot is there; it marks:") in found


# The demo ---------------------------------------------------------------------------------------------------------


def test_the_demo_tracker_is_found_in_the_counted_election_and_is_the_representatives_organization(demo, client):
    election = Election.objects.get(slug=elections_demo.PAST_SLUG)
    assert election.closed_at and election.results_published_at
    assert (
        Ballot.objects.filter(election=election, tracker_sha256=tracker_hash(elections_demo.DEMO_TRACKER)).count() == 1
    )
    organization = Organization.objects.get(name="Stowarzyszenie Przyjaciół Nowej Huty")
    elector = Elector.objects.get(election=election, organization=organization)
    assert elector.voted_at and elector.channel == Elector.Channel.ONLINE

    # As the README tells it: the check page of the V kadencja election finds the ballot by the printed tracker.
    page = text_of(client.post(f"/wybory/{election.slug}/sprawdz-glos/", {"tracker": elections_demo.DEMO_TRACKER}))
    assert in_polish("Your ballot is there; it marks:") in page

    # The representative sees that the organization voted, with the time, and no button.
    client.force_login(demo["przedstawiciel@razem.demo"])
    page = text_of(client.get(election.get_absolute_url()))
    assert in_polish(VOTED) in page and in_polish(CAST) not in page
    by_election = Election.objects.get(slug=elections_demo.BY_ELECTION_SLUG)
    assert in_polish(CAST) in text_of(client.get(by_election.get_absolute_url()))


def test_a_cast_costs_a_fixed_number_of_queries(
    client, voting, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """The cast (issue 13), without the worker's sending: the person's organizations read once (for the permission
    and the choice of organization), no ballot page's candidates or lists read for the page that is not shown, the
    elector named in the audit entry without reading its organization and election again."""
    election, candidacies, organization, person = voting
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=False), django_assert_num_queries(15) as queries:
        response = _cast(client, election, organization, candidacies[:2])
    assert response.status_code == 200, [q["sql"][:80] for q in queries.captured_queries]
    assert Ballot.objects.filter(election=election).count() == 1
