"""A person who uses only the keyboard can create an account, confirm it and sign in.

Everything after the first page load happens through page.keyboard: Tab, Shift+Tab, typing, Space and Enter.
The one exception is opening the confirmation link from the e-mail, which a person does in their mail client.
"""

import re
from urllib.parse import urlparse

import pytest

from tests.e2e.support import polish, screenshot, wait_for_mail

pytestmark = pytest.mark.browser

NAME = "Zofia Wiśniewska"
EMAIL = "zofia.wisniewska@example.org"
PASSWORD = "Zielony-Rower-2026"

FOCUSED = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  return {
    tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute("name") || "", type: e.getAttribute("type") || "",
    href: e.getAttribute("href") || "", text: (e.innerText || e.value || "").trim().slice(0, 80),
    classes: e.className || "", outline: style.outlineStyle, outlineWidth: style.outlineWidth,
  };
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def assert_focus_is_visible(page) -> dict:
    element = focused(page)
    assert element["outline"] != "none" and element["outlineWidth"] != "0px", f"no visible focus outline on {element}"
    return element


def tab_to(page, selector: str, *, backwards: bool = False, limit: int = 40) -> dict:
    """Press Tab (or Shift+Tab) until the element matching ``selector`` has focus, and check that focus is visible."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return assert_focus_is_visible(page)
    raise AssertionError(f"{limit} x {key} never reached {selector}; focus ended on {focused(page)}")


def press_tab_expecting(page, selector: str, *, backwards: bool = False) -> dict:
    """One Tab must move focus exactly to ``selector``: the tab order follows the visual order."""
    page.keyboard.press("Shift+Tab" if backwards else "Tab")
    assert page.evaluate("s => document.activeElement.matches(s)", selector), (
        f"expected {selector} after one {'Shift+Tab' if backwards else 'Tab'}, focus is on {focused(page)}"
    )
    return assert_focus_is_visible(page)


def press_enter_and_wait(page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def path_of(page) -> str:
    return urlparse(page.url).path


def test_a_person_signs_up_confirms_and_signs_in_with_the_keyboard_alone(page, db):
    keyboard = page.keyboard
    page.goto("/")

    # The first Tab lands on the skip link, which is visible when focused and jumps to the main content.
    keyboard.press("Tab")
    skip = assert_focus_is_visible(page)
    assert skip["href"] == "#main" and "skip-link" in skip["classes"], skip
    assert skip["text"] == "Przejdź do głównej treści"
    assert page.locator(".skip-link").is_visible()
    screenshot(page, "keyboard-skip-link")
    keyboard.press("Enter")
    assert focused(page)["id"] == "main"

    # From the main content, the first stop is the "Create an account" button.
    tab_to(page, 'main a[href="/konto/rejestracja/"]')
    press_enter_and_wait(page)
    assert path_of(page) == "/konto/rejestracja/"

    # The sign-up form, field by field in visual order.
    tab_to(page, "#id_full_name")
    keyboard.type(NAME)
    press_tab_expecting(page, "#id_email")
    keyboard.type(EMAIL)
    press_tab_expecting(page, "#id_password1")
    keyboard.type(PASSWORD)
    press_tab_expecting(page, "#id_password2")
    keyboard.type(PASSWORD)
    press_tab_expecting(page, "#id_accept_privacy")
    keyboard.press("Space")
    assert page.locator("#id_accept_privacy").is_checked()
    # Going back with Shift+Tab retraces the same order.
    press_tab_expecting(page, "#id_password2", backwards=True)
    press_tab_expecting(page, "#id_accept_privacy")
    screenshot(page, "keyboard-sign-up-filled")
    submit = tab_to(page, "main form button[type=submit]")
    assert submit["text"] == "Załóż konto"
    press_enter_and_wait(page)
    assert path_of(page) == "/konto/potwierdz-email/", page.url
    screenshot(page, "keyboard-verification-sent")

    # The confirmation e-mail: open its link, as one does from a mail client.
    messages = wait_for_mail(1)
    links = [
        m for message in messages for m in re.findall(r"https?://\S+/konto/potwierdz-email/[^\s/]+/", message.body)
    ]
    assert [message.to for message in messages] == [[EMAIL]]
    assert len(links) == 1, [message.body for message in messages]
    page.goto(urlparse(links[0]).path)
    screenshot(page, "keyboard-confirm-email")
    tab_to(page, "main form button[type=submit]")
    press_enter_and_wait(page)

    # Confirming signs the person in and shows their account.
    assert path_of(page) == "/konto/", page.url
    assert "Zofia" in page.locator("main h1").inner_text()
    assert page.locator("main dd").get_by_text(EMAIL, exact=True).is_visible()
    screenshot(page, "keyboard-account-after-confirmation")

    # Sign out from the account menu of the header: Enter opens it, then Tab reaches its button.
    tab_to(page, "#account-menu-toggle")
    keyboard.press("Enter")
    tab_to(page, 'form[action="/konto/wylogowanie/"] button')
    press_enter_and_wait(page)
    assert path_of(page) == "/"
    assert page.locator("main").get_by_role("link", name="Zaloguj się").is_visible()

    # Sign in again: the header link, then the login form, submitted with Enter from the password field.
    tab_to(page, 'a[href="/konto/logowanie/"]')
    press_enter_and_wait(page)
    assert path_of(page) == "/konto/logowanie/"
    tab_to(page, "#id_login")
    keyboard.type(EMAIL)
    press_tab_expecting(page, "#id_password")
    keyboard.type(PASSWORD)
    screenshot(page, "keyboard-login-filled")
    press_enter_and_wait(page)

    assert path_of(page) == "/konto/", page.url
    assert page.locator("main h1").inner_text() == polish("Hello, %(name)s") % {"name": "Zofia"}
    assert page.locator("main dd").get_by_text(EMAIL, exact=True).is_visible()
    assert page.evaluate("document.documentElement.lang") == "pl"
    screenshot(page, "keyboard-account-after-login")
