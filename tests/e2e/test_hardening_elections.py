"""The confirmation before the count publishes the ballots when few organizations voted on paper (Hardening 4), in
Chromium: axe finds nothing on it, and an officer reaches and presses the confirmation with the keyboard alone."""

import pytest
from playwright.sync_api import expect

from razem.elections import services
from razem.elections.models import Election, Elector
from tests.e2e.support import check_accessibility, sign_in, tab_to, visit

pytestmark = pytest.mark.browser


def test_an_officer_confirms_the_count_with_few_paper_voters_by_keyboard(page, officer, make_election, ready, voters):
    election = make_election("counting", seats=2, max_marks=2, support_needed=0)
    voters(4)
    candidates = ready(election, candidates=3)
    for elector in Elector.objects.filter(election=election).select_related("organization")[:2]:
        services.paper_ballot_record(
            actor=officer, election=election, organization=elector.organization, choices=[candidates[0].pk]
        )
    sign_in(page, officer.email, totp=True)

    # The overview's button leads to the confirmation: nothing is counted yet.
    visit(page, f"/panel/wybory/{election.slug}/", "elections-staff-edit-counting")
    with page.expect_navigation():
        page.locator("main form[action$='/liczenie/'] button").click()
    expect(page.locator("#paper-warning")).to_be_visible()
    expect(page.locator("#paper-count")).to_have_text("2")
    check_accessibility(page, "elections-staff-count-warning")
    assert Election.objects.get(pk=election.pk).closed_at is None

    page.locator("body").focus()
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_be_visible()
    assert Election.objects.get(pk=election.pk).closed_at is not None
