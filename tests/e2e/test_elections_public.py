"""Elections in Chromium: the election page, the nomination form (with an error), casting a ballot with the
keyboard alone (Tab and Space through the ballot, Enter to review and to cast, the tracker shown), the tracker
check and the results. Every page passes axe (WCAG 2.1 A and AA) and the Content-Security-Policy."""

import pytest

from razem.elections import services
from razem.elections.models import Ballot, Election
from tests.e2e.support import check_accessibility, polish, screenshot, sign_in, submit, tab_to, visit
from tests.factories import calendar_for

pytestmark = pytest.mark.browser


@pytest.fixture
def voting(make_election, ready, voters):  # noqa: F811
    [(organization, person)] = voters(1)
    election = make_election("voting", max_marks=2)
    candidacies = ready(election, candidates=3)
    return election, candidacies, organization, person


def test_the_election_page_and_the_nomination_form_pass_axe(page, make_election, ready, voters):  # noqa: F811
    [(_organization, person)] = voters(1)
    election = make_election("nominations")
    ready(election, candidates=2)

    visit(page, "/wybory/", "elections-list")
    assert page.locator("header nav .nav-link[aria-current=page]").inner_text() == polish("Elections")
    visit(page, election.get_absolute_url(), "elections-detail")
    assert page.locator("main h1").inner_text() == election.title
    assert page.locator("#calendar tr[aria-current=step]").count() == 1
    assert polish("now") in page.locator("#calendar tr[aria-current=step]").inner_text()

    sign_in(page, person.email)
    visit(page, f"{election.get_absolute_url()}zglos-kandydata/", "elections-nominate")
    page.locator("#id_email").fill("nikt@example.org")
    submit(page)
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_email_error").is_visible()
    check_accessibility(page, "elections-nominate-error")


def test_a_representative_casts_a_ballot_with_the_keyboard_alone(page, voting):
    election, candidacies, _organization, person = voting
    sign_in(page, person.email)
    visit(page, election.get_absolute_url(), "elections-detail-voter")
    visit(page, f"{election.get_absolute_url()}glosuj/", "elections-ballot")
    assert page.locator("main fieldset legend").first.is_visible()

    tab_to(page, f"#choice-{candidacies[0].pk}")
    page.keyboard.press("Space")
    tab_to(page, f"#choice-{candidacies[2].pk}")
    page.keyboard.press("Space")
    assert page.locator(f"#choice-{candidacies[0].pk}").is_checked()
    assert page.locator(f"#choice-{candidacies[2].pk}").is_checked()
    tab_to(page, "#review-button")
    screenshot(page, "keyboard-elections-ballot")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    check_accessibility(page, "elections-review")
    review = page.locator("#review-list").inner_text()
    assert candidacies[0].person.full_name in review and candidacies[1].person.full_name not in review
    assert not Ballot.objects.exists()
    tab_to(page, "#cast-button")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    check_accessibility(page, "elections-tracker")
    tracker = page.locator("#tracker").inner_text().strip()
    assert len(tracker) == 19 and tracker.count("-") == 3
    assert Ballot.objects.count() == 1


def test_too_many_marks_are_refused_with_an_accessible_message(page, voting):
    election, candidacies, _organization, person = voting
    sign_in(page, person.email)
    page.goto(f"{election.get_absolute_url()}glosuj/")
    for candidacy in candidacies:
        page.locator(f"#choice-{candidacy.pk}").check()
    submit(page)

    assert page.locator("#ballot-errors").is_visible()
    check_accessibility(page, "elections-ballot-error")
    assert not Ballot.objects.exists()


def test_the_tracker_check_and_the_results_pass_axe(page, voting, officer):
    election, candidacies, organization, person = voting
    tracker = services.ballot_cast(actor=person, election=election, organization=organization,
                                   choices=[candidacies[0].pk])  # fmt: skip
    Election.objects.filter(pk=election.pk).update(**calendar_for("counting"))
    election.refresh_from_db()
    services.election_count(actor=officer, election=election)
    services.results_publish(actor=officer, election=election)

    visit(page, f"{election.get_absolute_url()}sprawdz-glos/", "elections-check")
    page.locator("#id_tracker").fill(tracker)
    submit(page)
    assert polish("Your ballot is there; it marks:") in page.locator("#check-result").inner_text()
    assert candidacies[0].person.full_name in page.locator("#check-result").inner_text()
    check_accessibility(page, "elections-check-found")

    visit(page, f"{election.get_absolute_url()}wyniki/", "elections-results")
    assert page.locator("#results-table tbody tr").count() == 3
    visit(page, election.get_absolute_url(), "elections-detail-after")


# Issue 14, item 7: the main action is a verb; once cast, the status with the time of casting, never the button.


@pytest.mark.parametrize("size", [(1280, 900), (390, 844)], ids=["laptop", "phone"])
def test_the_vote_button_then_the_status_with_the_time_and_the_confirmation_page(page, voting, size):
    import datetime

    from razem.elections.models import Elector

    election, candidacies, organization, person = voting
    page.set_viewport_size({"width": size[0], "height": size[1]})
    sign_in(page, person.email)
    visit(page, election.get_absolute_url(), f"elections-detail-vote-button-{size[0]}")
    button = page.get_by_role("link", name=polish("Cast a vote on behalf of the organization"))
    assert button.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
    with page.expect_navigation():
        button.click()

    page.locator(f"#choice-{candidacies[0].pk}").check()
    submit(page)
    with page.expect_navigation():
        page.locator("#cast-button").click()
    check_accessibility(page, f"elections-tracker-when-{size[0]}")
    link = page.locator("#check-link")
    assert link.get_attribute("href").endswith(f"/wybory/{election.slug}/sprawdz-glos/")
    assert str(election.results_due.year) in page.locator("#when-to-check").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]

    cast_at = datetime.datetime(2026, 12, 7, 13, 5, tzinfo=datetime.UTC)  # 14:05 in Kraków
    Elector.objects.filter(election=election, organization=organization).update(voted_at=cast_at)
    visit(page, election.get_absolute_url(), f"elections-detail-voted-{size[0]}")
    status = page.locator(f"#vote-{organization.pk}").inner_text()
    assert polish("Your organization has already voted") in status
    assert "7 grudnia 2026, 14:05" in status
    assert page.get_by_role("link", name=polish("Cast a vote on behalf of the organization")).count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
