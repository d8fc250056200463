"""The home page: what waits for the person, what is open now, what comes next, the latest acts and the year in
figures, each section registered by its app (``registry.home_sections``), only what the person may see, in a
pinned number of queries."""

import datetime
import re
from decimal import Decimal
from html import unescape as html_unescape

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from razem.bodies.models import Act, Body, OpinionRequest
from razem.core import registry
from razem.elections.models import Election, Elector
from razem.events.models import Meeting
from razem.grant_figures.home import year_line
from razem.grants.models import AwardYear, Call, Offer
from razem.organizations.models import Organization
from razem.recommendations.models import Recommendation
from tests.factories import (
    BodyFactory,
    BodyMembershipFactory,
    CallFactory,
    ElectionFactory,
    MeetingFactory,
    OfferFactory,
    OrganizationFactory,
    RecommendationFactory,
    RegistrationFactory,
)
from tests.grant_figures.factories import award, decide, filed

pytestmark = pytest.mark.django_db

HOME = "/"
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _english(english, client, settings, reference_data):
    """Assert on the English msgids (the Polish catalogue is compiled by the lead): the visitor chose English."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _home(client):
    response = client.get(HOME)
    assert response.status_code == 200
    return html_unescape(response.content.decode())


def _section(html: str, key: str) -> str:
    """The HTML of one registered section (the landmark the page wraps it in), or "" when it is left out."""
    match = re.search(rf'<section[^>]*id="home-{key}-section".*?</section>', html, re.S)
    return match.group(0) if match else ""


def _tomorrow_at(hour: int) -> datetime.datetime:
    day = timezone.localdate() + DAY
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=timezone.get_current_timezone())


def _act(body: Body, title: str, number: int = 1) -> Act:
    return Act.objects.create(
        body=body,
        term=body.terms.first(),
        kind=Act.Kind.RESOLUTION,
        number=number,
        title=title,
        adopted_on=timezone.localdate() - DAY,
    )


# The page as a whole -----------------------------------------------------------------------------------------------


def test_an_empty_site_says_once_that_nothing_is_open_and_lists_the_registered_modules(client):
    html = _home(client)
    assert html.count("Nothing is open for taking part right now") == 1
    public = [entry for entry in registry.navigation if not entry.staff]
    assert public, "the apps register public menu entries"
    for entry in public:
        assert entry.description, f"the menu entry {entry.key} describes its module for the home page"
        assert str(entry.description) in html
        assert f'href="{reverse(entry.url_name)}"' in html
    # No fixed brochure promising modules: the old text is gone.
    assert "comment on documents under consultation" not in html


def test_every_section_is_a_landmark_named_by_its_own_h2(client, verified_org, org_representative):
    MeetingFactory(title="Forum otwarte")
    CallFactory(title="Konkurs otwarty")
    html = _home(client)
    sections = re.findall(r'<section[^>]*aria-labelledby="([^"]+)"', html)
    assert len(sections) >= 3
    for heading_id in sections:
        assert re.search(rf'<h2[^>]*id="{heading_id}"', html), heading_id
    headings = re.findall(r"<h([1-6])", html.split('id="main"', 1)[1])
    assert headings[0] == "1" and headings.count("1") == 1
    # No heading skips a level below the one before it.
    for before, after in zip(headings, headings[1:], strict=False):
        assert int(after) <= int(before) + 1


def test_for_you_comes_first_for_a_signed_in_person_and_never_for_the_anonymous(
    client, verified_org, org_representative
):
    election = ElectionFactory(phase="voting", electorate_frozen_at=timezone.now() - DAY)
    Elector.objects.create(election=election, organization=verified_org)
    MeetingFactory(title="Forum na później")
    assert "home-for-you" not in _home(client)
    client.force_login(org_representative)
    html = _home(client)
    assert html.index('id="home-for-you"') < html.index('id="home-now"') < html.index('id="home-next"')


# What waits for the person -----------------------------------------------------------------------------------------


def test_a_representative_sees_the_ballot_their_organization_has_not_cast(client, verified_org, org_representative):
    election = ElectionFactory(phase="voting", electorate_frozen_at=timezone.now() - DAY, title="Wybory do KRDPP")
    elector = Elector.objects.create(election=election, organization=verified_org)
    client.force_login(org_representative)

    section = _section(_home(client), "elections_ballots")
    assert "Stowarzyszenie Przyjaciół Plant has not voted yet" in section
    vote_url = reverse("elections:vote", args=[election.slug]) + f"?organizacja={verified_org.pk}"
    assert f'href="{vote_url}"' in section
    assert "Cast the ballot on behalf of the organization" in section

    elector.voted_at = timezone.now()
    elector.channel = Elector.Channel.ONLINE
    elector.save()
    assert _section(_home(client), "elections_ballots") == ""


def test_no_ballot_waits_before_the_office_opens_the_vote_or_for_an_organization_outside_the_electorate(
    client, verified_org, org_representative
):
    not_frozen = ElectionFactory(phase="voting")
    Elector.objects.create(election=not_frozen, organization=verified_org)
    ElectionFactory(phase="voting", electorate_frozen_at=timezone.now() - DAY)  # the organization is not an elector
    client.force_login(org_representative)
    assert _section(_home(client), "elections_ballots") == ""


def test_a_meeting_tomorrow_the_person_registered_for_waits_for_them(client, resident):
    meeting = MeetingFactory(
        title="Forum jutro", starts_at=_tomorrow_at(10), ends_at=_tomorrow_at(12), registration_closes_at=None
    )
    registration = RegistrationFactory(meeting=meeting, person=resident)
    later = RegistrationFactory(meeting=MeetingFactory(title="Forum za tydzień"), person=resident)
    client.force_login(resident)
    html = _home(client)

    soon = _section(html, "events_soon")
    assert "Forum jutro" in soon and "tomorrow" in soon
    assert reverse("events:registration", args=[registration.code]) in soon
    assert "Forum za tydzień" not in soon
    mine = _section(html, "events_mine")
    assert "Forum jutro" in mine and "Forum za tydzień" in mine
    assert reverse("events:registration", args=[later.code]) in mine
    # Nobody else sees them.
    client.logout()
    html = _home(client)
    assert _section(html, "events_soon") == "" and _section(html, "events_mine") == ""


def test_meetings_of_tomorrow_behind_cancelled_ones_still_wait_for_the_person(client, resident):
    for hour in range(8, 12):  # the first four registrations: cancelled meetings, which "soon" leaves out
        cancelled = MeetingFactory(
            title=f"Odwołane {hour}", starts_at=_tomorrow_at(hour), ends_at=_tomorrow_at(hour) + DAY / 48,
            status=Meeting.Status.CANCELLED, registration_closes_at=None,
        )  # fmt: skip
        RegistrationFactory(meeting=cancelled, person=resident)
    kept = MeetingFactory(
        title="Forum po południu", starts_at=_tomorrow_at(15), ends_at=_tomorrow_at(16), registration_closes_at=None
    )
    RegistrationFactory(meeting=kept, person=resident)
    client.force_login(resident)
    html = _home(client)
    soon = _section(html, "events_soon")
    assert "Forum po południu" in soon and "Odwołane" not in soon
    mine = _section(html, "events_mine")
    assert mine.count("Meeting cancelled") == 3 and "Forum po południu" not in mine and "All my registrations" in mine


def test_a_body_member_sees_the_opinions_the_body_owes(client, resident):
    body = BodyFactory(name="Rada Testowa Opinii", visibility=Body.Visibility.PRIVATE)
    BodyMembershipFactory(body=body, person=resident)
    today = timezone.localdate()
    OpinionRequest.objects.create(
        body=body, subject="Projekt programu współpracy", received_on=today, due_on=today + 5 * DAY
    )
    OpinionRequest.objects.create(
        body=body, subject="Sprawa zamknięta", received_on=today, due_on=today, status=OpinionRequest.Status.ANSWERED
    )
    client.force_login(resident)
    section = _section(_home(client), "bodies_opinions")
    assert "Projekt programu współpracy" in section
    assert reverse("bodies:workspace", args=[body.slug]) in section
    assert "Sprawa zamknięta" not in section


def test_offers_called_to_correct_wait_for_the_organization(client, verified_org, org_representative, officer):
    from razem.grants.models import CorrectionRequest

    offer = OfferFactory(organization=verified_org, title="Seniorzy w sieci", status=Offer.Status.CORRECTING)
    CorrectionRequest.objects.create(offer=offer, message="Brak statutu", due_date=timezone.localdate() + 7 * DAY)
    client.force_login(org_representative)
    section = _section(_home(client), "grants_corrections")
    assert "Seniorzy w sieci" in section and reverse("grants:offer", args=[offer.pk]) in section
    client.force_login(officer)
    assert _section(_home(client), "grants_corrections") == ""


def test_reports_owed_within_the_reminder_window_or_returned_for_corrections_wait_for_the_organization(client):
    from razem.reports.models import Report
    from tests.reports.factories import signed_contract

    contract = signed_contract(small=True)
    today = timezone.localdate()

    def report(status: str, due: int, **fields) -> Report:
        start = contract.start_date
        return Report.objects.create(
            contract=contract, kind=Report.Kind.PARTIAL, status=status, period_start=start, period_end=start + DAY,
            due_date=today + due * DAY, **fields,
        )  # fmt: skip

    report(Report.Status.DEMANDED, 2)
    for far in range(3):  # owed, but not within the window: they come before the correction in the order of dates
        report(Report.Status.DEMANDED, 200 + far)
    report(Report.Status.CORRECTING, 1, correction_due=today + 300 * DAY)
    client.force_login(contract.filer)  # type: ignore[attr-defined]
    section = _section(_home(client), "reports_waiting")
    assert section.count("<li") == 2
    assert section.count("due on") == 1 and section.count("returned for corrections, correct by") == 1
    Report.objects.filter(status=Report.Status.DEMANDED, due_date__gt=today + 10 * DAY).delete()
    assert _section(_home(client), "reports_waiting").count("<li") == 2
    Report.objects.all().delete()
    assert _section(_home(client), "reports_waiting") == ""


# Open now ----------------------------------------------------------------------------------------------------------


def test_elections_in_nominations_or_voting_are_open_now_but_never_a_draft(client):
    ElectionFactory(phase="nominations", title="Wybory w zgłoszeniach")
    ElectionFactory(phase="voting", title="Wybory w głosowaniu")
    ElectionFactory(phase="counting", title="Wybory po głosowaniu")
    ElectionFactory(phase="voting", title="Wybory w szkicu", status=Election.Status.DRAFT)
    section = _section(_home(client), "elections_open")
    assert "Wybory w zgłoszeniach" in section and "candidates can be nominated until" in section
    assert "Wybory w głosowaniu" in section and "voting is open until" in section
    assert "Wybory po głosowaniu" not in section
    assert "Wybory w szkicu" not in section


def test_open_calls_for_offers_show_but_not_drafts_or_closed_ones(client):
    CallFactory(title="Konkurs otwarty")
    CallFactory(title="Konkurs w przygotowaniu", status=Call.Status.DRAFT)
    CallFactory(title="Konkurs zamknięty", submission_deadline=timezone.now() - DAY)
    section = _section(_home(client), "grants_open")
    assert "Konkurs otwarty" in section
    assert "Konkurs w przygotowaniu" not in section and "Konkurs zamknięty" not in section
    assert "Nothing is open for taking part right now" not in _home(client)


def test_recently_answered_recommendations_show_except_those_of_a_private_body(client, resident, officer):
    from razem.recommendations.models import Recommendation as R

    RecommendationFactory(title="Lokale dla organizacji", status=R.Status.ACCEPTED, actor=officer)
    private = BodyFactory(name="Zespół Zamknięty", visibility=Body.Visibility.PRIVATE)
    RecommendationFactory(title="Tajna rekomendacja", status=R.Status.ACCEPTED, body=private, actor=officer)
    RecommendationFactory(title="Bez odpowiedzi", actor=officer)
    section = _section(_home(client), "recommendations_answered")
    assert "Lokale dla organizacji" in section
    assert "Tajna rekomendacja" not in section and "Bez odpowiedzi" not in section
    BodyMembershipFactory(body=private, person=resident)
    client.force_login(resident)
    assert "Tajna rekomendacja" in _section(_home(client), "recommendations_answered")
    assert Recommendation.objects.count() == 3


# Next and latest ---------------------------------------------------------------------------------------------------


def test_the_next_meetings_are_the_public_calendar_only(client):
    MeetingFactory(title="Forum publiczne")
    MeetingFactory(title="Spotkanie na zaproszenie", visibility=Meeting.Visibility.INVITED)
    MeetingFactory(title="Szkic spotkania", status=Meeting.Status.DRAFT)
    MeetingFactory(title="Forum odwołane", status=Meeting.Status.CANCELLED)
    MeetingFactory(
        title="Forum wczorajsze", starts_at=timezone.now() - 2 * DAY, ends_at=timezone.now() - 2 * DAY + DAY / 12
    )
    section = _section(_home(client), "events_next")
    assert "Forum publiczne" in section
    for hidden in ("Spotkanie na zaproszenie", "Szkic spotkania", "Forum odwołane", "Forum wczorajsze"):
        assert hidden not in section
    assert 'href="/kalendarz/"' in section


def test_the_latest_acts_leave_out_a_private_body_except_for_its_members(client, resident):
    public = BodyFactory(name="Rada Publiczna")
    private = BodyFactory(name="Zespół Prywatny", visibility=Body.Visibility.PRIVATE)
    _act(public, "Opinia o programie współpracy")
    _act(private, "Uchwała wewnętrzna")
    section = _section(_home(client), "bodies_acts")
    assert "Opinia o programie współpracy" in section and "Uchwała wewnętrzna" not in section
    assert reverse("bodies:acts", args=[public.slug]) in section
    BodyMembershipFactory(body=private, person=resident)
    client.force_login(resident)
    assert "Uchwała wewnętrzna" in _section(_home(client), "bodies_acts")


# The year in figures -----------------------------------------------------------------------------------------------


def test_the_figures_line_counts_what_it_says(client):
    year = timezone.localdate().year
    start = datetime.datetime(year, 1, 1, tzinfo=timezone.get_current_timezone())
    OrganizationFactory.create_batch(3)
    OrganizationFactory(status=Organization.Status.PENDING)
    now = timezone.now()
    held = max(start + DAY / 24, now - 2 * DAY)
    MeetingFactory(title="Odbyte", starts_at=held, ends_at=held + DAY / 24)
    MeetingFactory(title="Odwołane", starts_at=held, ends_at=held + DAY / 24, status=Meeting.Status.CANCELLED)
    MeetingFactory(title="Przyszłe")
    published = CallFactory(published_at=max(start, now - DAY), submission_deadline=now - DAY / 2)
    unpublished = CallFactory(published_at=max(start, now - DAY), submission_deadline=now - DAY / 2)
    CallFactory(status=Call.Status.DRAFT, published_at=None)
    award(filed(published, {year: 12000}), decide(published, number="1/X"), {year: 12000})
    award(filed(unpublished, {year: 5000}), decide(unpublished, published=False, number="2/X"), {year: 5000})

    line = year_line()
    # Recomputed independently of the section's code.
    assert line.organizations == Organization.objects.filter(status="verified").count() == 3 + 2  # + the oferents
    assert line.meetings == 1
    assert line.calls == 2
    assert line.grants == 1 and line.awarded == Decimal("12000.00")
    assert AwardYear.objects.aggregate(s=Sum("amount"))["s"] == Decimal("17000.00")  # the unpublished one is left out

    section = _section(_home(client), "grant_figures_year")
    assert f"{year} in figures" in section
    assert f"{line.organizations} organizations in the registry" in section
    assert "1 public meeting held" in section
    assert "2 calls for offers published" in section
    assert "1 grant awarded" in section


def test_the_figures_are_computed_once_and_anew_the_moment_their_data_changes(client, django_assert_num_queries):
    OrganizationFactory.create_batch(2)
    verified = Organization.objects.filter(status="verified").count()
    assert f"{verified} organizations in the registry" in _section(_home(client), "grant_figures_year")
    with django_assert_num_queries(0):
        figures = registry.home_sections.get("grant_figures_year").context(None)
    assert figures is not None and figures["line"].organizations == verified
    OrganizationFactory()
    assert f"{verified + 1} organizations in the registry" in _section(_home(client), "grant_figures_year")
    MeetingFactory(title="Odbyte", starts_at=timezone.now() - DAY / 12, ends_at=timezone.now() - DAY / 24)
    assert "1 public meeting held" in _section(_home(client), "grant_figures_year")


def test_without_the_page_cache_the_figures_are_computed_each_time(client, settings, django_assert_num_queries):
    settings.RAZEM_PAGE_CACHE_SECONDS = 0  # no generations are kept: nothing would say that the data changed
    OrganizationFactory()
    section = registry.home_sections.get("grant_figures_year")
    for _ in range(2):
        with django_assert_num_queries(FIGURES_QUERIES):
            section.context(None)


def test_a_full_meeting_among_the_next_ones_says_so(client, resident):
    full = MeetingFactory(title="Forum pełne", capacity=1, waiting_list_enabled=True)
    RegistrationFactory(meeting=full, person=resident)
    MeetingFactory(title="Forum z miejscami", capacity=5, starts_at=full.starts_at + DAY, ends_at=full.ends_at + DAY)
    section = _section(_home(client), "events_next")
    assert section.count("full – you can join the waiting list") == 1
    assert section.index("Forum pełne") < section.index("full – you can join") < section.index("Forum z miejscami")


# Queries -----------------------------------------------------------------------------------------------------------


def _fill(n: int, organization: Organization, person) -> None:
    """``n`` of everything the home page lists."""
    body = BodyFactory()
    BodyMembershipFactory(body=body, person=person)
    today = timezone.localdate()
    for i in range(n):
        meeting = MeetingFactory(
            title=f"Forum {i}", starts_at=_tomorrow_at(9 + i), ends_at=_tomorrow_at(10 + i), capacity=10 + i
        )
        RegistrationFactory(meeting=meeting, person=person)
        election = ElectionFactory(phase="voting", electorate_frozen_at=timezone.now() - DAY)
        Elector.objects.create(election=election, organization=organization)
        CallFactory()
        _act(body, f"Uchwała {i}", number=i + 1)
        OpinionRequest.objects.create(body=body, subject=f"Prośba {i}", received_on=today, due_on=today + 3 * DAY)


@pytest.mark.parametrize("n", [1, 4])
def test_the_home_page_takes_a_pinned_number_of_queries(
    n, client, verified_org, org_representative, django_assert_num_queries
):
    _fill(n, verified_org, org_representative)
    with django_assert_num_queries(ANONYMOUS_QUERIES):
        client.get(HOME)
    # The year's figures are now in the cache until their tables change (test_the_figures_are_computed_once...).
    with django_assert_num_queries(ANONYMOUS_QUERIES - FIGURES_QUERIES):
        client.get(HOME)
    client.force_login(org_representative)
    with django_assert_num_queries(SIGNED_IN_QUERIES):
        response = client.get(HOME)
    assert _section(response.content.decode(), "elections_ballots")


# The first visit computes the year's figures (four queries); the signed-in visit finds them in the cache. The signed-in
# person acts for an organization (one query: the ballots, corrections and reports read it; none without one).
FIGURES_QUERIES = 4
ANONYMOUS_QUERIES = 11
SIGNED_IN_QUERIES = 19
