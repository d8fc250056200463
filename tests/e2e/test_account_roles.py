"""The account page names the person's roles, and the profile asks how to address them, in Chromium at 1280 × 900
and 390 × 844: axe (WCAG 2.1 A and AA), the Content-Security-Policy, no sideways scrolling, and the choice made with
the keyboard alone changes how the person's position is named."""

import pytest

from tests.e2e.support import check_accessibility, polish, sign_in, submit, visit

pytestmark = pytest.mark.browser

SIZES = [(1280, 900), (390, 844)]


@pytest.fixture
def representative(verified_org, krdpp, seat):
    person = verified_org.memberships.get(role="representative").user
    seat(krdpp, person, organization=verified_org, position="chair")
    return person


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} is {width}px wide"


@pytest.mark.parametrize("size", SIZES, ids=["laptop", "phone"])
def test_the_account_page_lists_the_persons_roles(page, representative, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    sign_in(page, representative.email)

    visit(page, "/konto/", f"account-roles-{size[0]}")

    roles = page.locator("#account-roles li")
    assert roles.count() == 2
    texts = roles.all_inner_texts()
    assert any("Stowarzyszenie Przyjaciół Plant" in text for text in texts)
    assert any("KRDPP" in text for text in texts)
    _no_sideways_scroll(page)


@pytest.mark.parametrize("size", SIZES, ids=["laptop", "phone"])
def test_the_profile_asks_how_to_address_the_person_and_the_choice_names_the_position(page, representative, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    sign_in(page, representative.email)
    visit(page, "/konto/profil/", f"profile-gender-{size[0]}")
    group = page.get_by_role("group", name=polish("How should we address you?"))
    assert group.get_by_role("radio").count() == 3
    _no_sideways_scroll(page)

    # With the keyboard: focus the checked choice, move to the feminine one, send.
    group.get_by_role("radio", checked=True).focus()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert group.get_by_role("radio", checked=True).get_attribute("value") == "feminine"
    submit(page)

    representative.refresh_from_db()
    assert representative.grammatical_gender == "feminine"
    page.goto("/konto/")
    check_accessibility(page, f"account-roles-feminine-{size[0]}")
    with_polish = page.locator("#account-roles").inner_text()
    assert polish("Ms (feminine forms)") in page.locator("main dl").inner_text()
    assert "Stowarzyszenie Przyjaciół Plant" in with_polish


def test_on_a_phone_the_account_page_comes_before_its_menu_which_opens_by_keyboard(page, representative):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, representative.email)
    page.goto("/konto/")

    menu = page.locator("#account-menu")
    assert not menu.is_visible()
    heading = page.locator("main h1").first.bounding_box()
    assert heading is not None and heading["y"] < 250, "the page's heading is on the first screen"

    toggle = page.get_by_role("button", name=polish("Account menu"))
    toggle.focus()
    page.keyboard.press("Enter")
    menu.get_by_role("link", name=polish("Profile")).wait_for(state="visible")
    assert toggle.get_attribute("aria-expanded") == "true"
    check_accessibility(page, "account-menu-phone-open")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    assert page.locator("#account-menu").is_visible()
    assert not page.get_by_role("button", name=polish("Account menu")).is_visible()
