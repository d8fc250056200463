"""The top navigation in Chromium (issue 14, item 6): at 1280 px, signed in as the office's administrator with every
module, the unread notifications' badge, the account menu and the language switch, the bar holds on one line; the
"More" and account menus open and close with the keyboard; at 390 px the toggler opens the menu and Tab reaches
every entry. axe finds nothing."""

import pytest
from playwright.sync_api import expect

from razem.core import navigation, registry
from razem.core.models import Notification
from tests.e2e.support import check_accessibility, sign_in, tab_to

pytestmark = pytest.mark.browser

ENTRIES = "#main-nav > ul > li"
# What names an entry of the menu: its address and its text.
KEY = (
    "e => (e.getAttribute('href') || e.getAttribute('value') || '') + '|' + e.textContent.replace(/\\s+/g, ' ').trim()"
)


def _boxes(page) -> list[dict]:
    return [box for box in (li.bounding_box() for li in page.locator(ENTRIES).all()) if box and box["width"]]


def _one_line(page) -> None:
    boxes = _boxes(page)
    public_modules = sum(1 for e in registry.navigation if not e.staff)
    assert len(boxes) >= min(public_modules, navigation.PRIMARY_MODULES) + 3, boxes
    tops = [b["y"] for b in boxes]
    bottoms = [b["y"] + b["height"] for b in boxes]
    # On one line: every entry overlaps every other vertically, and they start within a few pixels of each other.
    assert max(tops) < min(bottoms), boxes
    assert max(tops) - min(tops) <= 12, tops
    brand = page.locator(".navbar-brand").bounding_box()
    assert brand is not None and abs(brand["y"] - min(tops)) <= 16
    assert page.locator("header nav").bounding_box()["height"] < 80
    # Room to spare between the last module and the account links (the bar's free space).
    last = page.locator(".site-nav-modules > li").last.bounding_box()
    first = page.locator(".site-nav-account > li").first.bounding_box()
    assert last is not None and first is not None
    assert first["x"] - (last["x"] + last["width"]) >= 16, (last, first)


@pytest.fixture
def administrator_with_news(administrator):
    for i in range(12):
        Notification.objects.create(recipient=administrator, kind="test", title=f"Wiadomość {i}")
    return administrator


def test_the_bar_holds_on_one_line_at_1280_for_the_administrator(page, administrator_with_news):
    sign_in(page, administrator_with_news.email, totp=True)
    page.goto("/rekomendacje/")

    expect(page.locator(".navbar-toggler")).to_be_hidden()
    expect(page.locator("#main-nav .badge")).to_contain_text("12")
    _one_line(page)
    check_accessibility(page, "nav-1280-administrator")

    # The account menu: Enter opens it, Tab reaches its entries, Escape closes it and gives the focus back.
    toggle = page.locator("#account-menu-toggle")
    tab_to(page, "#account-menu-toggle")
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    tab_to(page, 'form[action="/konto/wylogowanie/"] button', limit=5)
    expect(page.locator('.dropdown-menu a[href="/panel/"]')).to_be_visible()
    check_accessibility(page, "nav-1280-account-menu")
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    assert page.evaluate("document.activeElement.id") == "account-menu-toggle"


def test_modules_beyond_the_bar_go_under_more_in_polish_and_in_english(page, administrator_with_news, monkeypatch):
    """One module more than today goes under "More": the bar still holds, with room to spare, in both languages."""
    primary = navigation.PRIMARY_MODULES - 1
    monkeypatch.setattr(navigation, "PRIMARY_MODULES", primary)
    sign_in(page, administrator_with_news.email, totp=True)
    page.goto("/")

    _one_line(page)
    more = page.locator("#nav-more-toggle")
    hidden = [e for e in registry.navigation if not e.staff][primary:]
    tab_to(page, "#nav-more-toggle")
    page.keyboard.press("Enter")
    expect(more).to_have_attribute("aria-expanded", "true")
    for entry in hidden:
        expect(page.locator(".site-nav-more .dropdown-menu").get_by_role("link", name=str(entry.label))).to_be_visible()
    check_accessibility(page, "nav-1280-more-open")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('dropdown-item')")
    page.keyboard.press("Escape")
    expect(more).to_have_attribute("aria-expanded", "false")

    with page.expect_navigation():
        page.locator(".language-switch button").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    _one_line(page)
    check_accessibility(page, "nav-1280-more-english")


def _tab_through_menu(page) -> set[str]:
    """Press Tab from the toggler until the focus leaves the menu; what it reached, by a key of each element."""
    reached = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        inside, key = page.evaluate(
            f"() => {{ const e = document.activeElement;"
            f" return [document.getElementById('main-nav').contains(e), ({KEY})(e)]; }}"
        )
        if not inside:
            break
        reached.add(key)
    return reached


@pytest.mark.parametrize("primary", [navigation.PRIMARY_MODULES, 2])
def test_at_390_the_toggler_opens_the_menu_and_tab_reaches_every_entry(
    page, administrator_with_news, monkeypatch, primary
):
    monkeypatch.setattr(navigation, "PRIMARY_MODULES", primary)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, administrator_with_news.email, totp=True)
    page.goto("/kalendarz/")

    toggler = page.locator(".navbar-toggler")
    expect(page.locator("#main-nav")).to_be_hidden()
    tab_to(page, ".navbar-toggler")
    page.keyboard.press("Enter")
    expect(toggler).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#main-nav")).to_be_visible()
    page.wait_for_timeout(400)  # the collapse animation

    entries = page.locator("#main-nav a, #main-nav button")
    expected = set()
    for element in entries.all():
        if element.is_visible():
            expected.add(element.evaluate(KEY))
    public = [e for e in registry.navigation if not e.staff]
    assert len(expected) >= len(public) + 5  # home, the modules, notifications, account, panel, sign out, language
    assert not page.locator("#main-nav .dropdown-toggle").first.is_visible()  # menus open in place
    reached = _tab_through_menu(page)
    assert expected <= reached, expected - reached
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    check_accessibility(page, f"nav-390-open-{primary}")
