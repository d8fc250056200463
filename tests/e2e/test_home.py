"""The home page in Chromium, at 1280 × 900 and 390 × 844, anonymous and signed in as a representative whose
organization has not voted yet: axe (WCAG 2.1 A and AA) and the Content-Security-Policy pass, nothing scrolls
sideways, every section is a landmark named by its heading, and the first action is reached by keyboard."""

import datetime

import pytest
from django.utils import timezone

from razem.bodies.models import Act
from razem.elections.models import Elector
from tests.e2e.support import check_accessibility, screenshot, sign_in, tab_to, visit
from tests.factories import BodyFactory, CallFactory, ElectionFactory, MeetingFactory

pytestmark = pytest.mark.browser

DAY = datetime.timedelta(days=1)
SIZES = [(1280, 900), (390, 844)]
WIDTH = "() => document.documentElement.scrollWidth"


@pytest.fixture
def happening(reference_data, verified_org):
    """A meeting next week, an open call, an election in its voting with the organization in the electorate and
    not voted, and a resolution adopted yesterday."""
    MeetingFactory(title="Forum dialogu obywatelskiego w Nowej Hucie")
    CallFactory(title="Aktywizacja seniorów w dzielnicach Krakowa")
    election = ElectionFactory(phase="voting", electorate_frozen_at=timezone.now() - DAY, title="Wybory do KRDPP")
    Elector.objects.create(election=election, organization=verified_org)
    body = BodyFactory(name="Krakowska Rada Działalności Pożytku Publicznego")
    Act.objects.create(
        body=body,
        term=body.terms.first(),
        number=7,
        title="Opinia o projekcie programu współpracy na przyszły rok",
        adopted_on=timezone.localdate() - DAY,
    )
    return election


def _landmarks_are_named(page) -> None:
    sections = page.locator("main section[aria-labelledby]")
    assert sections.count() >= 4
    for i in range(sections.count()):
        heading_id = sections.nth(i).get_attribute("aria-labelledby")
        assert page.locator(f"main section h2#{heading_id}").count() == 1, heading_id


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_home_page_for_the_anonymous(page, happening, width, height):
    page.set_viewport_size({"width": width, "height": height})
    visit(page, "/", f"home-anonymous-{width}")
    assert page.evaluate(WIDTH) <= width, "the page scrolls sideways"
    assert page.locator("main h1").count() == 1
    _landmarks_are_named(page)
    assert page.locator("#home-for-you").count() == 0
    assert page.get_by_role("link", name="Forum dialogu obywatelskiego w Nowej Hucie").is_visible()
    assert page.get_by_role("link", name="Aktywizacja seniorów w dzielnicach Krakowa").is_visible()
    # The first action, by keyboard: signing in.
    tab_to(page, "main a.btn-primary")


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_representative_sees_first_the_ballot_to_cast(page, happening, org_representative, width, height):
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, org_representative.email)
    visit(page, "/", f"home-representative-{width}")
    assert page.evaluate(WIDTH) <= width, "the page scrolls sideways"
    _landmarks_are_named(page)
    first = page.locator("main section[aria-labelledby]").first
    assert first.get_attribute("aria-labelledby") == "home-elections_ballots"
    vote = first.locator("a.btn-primary")
    assert f"/wybory/{happening.slug}/glosuj/" in (vote.get_attribute("href") or "")
    # Reached by keyboard after the account button of the welcome box, and it opens the ballot.
    tab_to(page, "#home-elections_ballots-section a.btn-primary")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/glosuj/" in page.url
    check_accessibility(page, f"home-representative-ballot-{width}")
    screenshot(page, f"home-representative-after-{width}")
