"""What the browser tests share: the axe check, screenshots, signing in through the real login form, and moving
through a page with the keyboard."""

import re
import time
from pathlib import Path
from typing import Any

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from axe_playwright_python.sync_playwright import Axe
from conftest import PASSWORD, TOTP_SECRET
from django.core import mail
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"

# WCAG 2.1 level A and AA: what the Polish accessibility act requires.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

_axe = Axe()


def polish(message: str) -> str:
    """What the Polish catalogue says for ``message``: the text a Polish visitor sees."""
    with translation.override("pl"):
        return gettext(message)


def submit(page: Any) -> None:
    """Send the page's main form with its submit button and wait for the answer."""
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


def screenshot(page: Any, name: str) -> Path:
    """Save a full-page screenshot as test-results/screenshots/<name>.png for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^a-z0-9_-]+', '-', name.lower()).strip('-')}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}")
        lines.append(f"  {violation.get('helpUrl', '')}")
        for node in violation["nodes"]:
            lines.append(f"    target: {', '.join(str(t) for t in node['target'])}")
            lines.append(f"    html:   {node['html']}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n            ")
            if summary:
                lines.append(f"    why:    {summary}")
    return "\n".join(lines)


def settle_transitions(page: Any) -> None:
    """Wait for the finite CSS transitions and animations running now (a button fading to its hover colour after a
    click): axe measures colours as they are on screen, and a half-faded button fails a contrast check the settled
    one passes."""
    page.evaluate(
        """() => Promise.all(document.getAnimations()
            .filter(a => a.effect && a.effect.getComputedTiming().iterations !== Infinity)
            .map(a => a.finished.catch(() => null)))"""
    )


def check_accessibility(page: Any, name: str) -> None:
    """Screenshot the page, then assert that axe finds no WCAG 2.1 A/AA violation and the CSP blocked nothing.

    axe is injected with page.evaluate, which the page's Content-Security-Policy does not govern, so the
    policy itself stays on: a script or style the policy blocked is reported from the console and fails too.
    """
    page.wait_for_load_state("load")
    settle_transitions(page)
    screenshot(page, name)
    results = _axe.run(page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    assert not violations, (
        f"axe found {len(violations)} WCAG 2.1 A/AA violation(s) on {name} ({page.url}):\n{_describe(violations)}"
    )
    blocked = [text for text in getattr(page, "console_errors", []) if "Content Security Policy" in text]
    assert not blocked, f"The Content-Security-Policy blocked something on {name} ({page.url}):\n" + "\n".join(blocked)


def visit(page: Any, path: str, name: str, *, status: int = 200) -> Any:
    """Open a page, check the HTTP status and the page's accessibility."""
    response = page.goto(path)
    assert response is not None
    assert response.status == status, f"{path} answered {response.status}, expected {status}"
    check_accessibility(page, name)
    return response


def current_totp_code(secret: str = TOTP_SECRET) -> str:
    """The code an authenticator app with this secret shows now (never one about to expire)."""
    if 30 - time.time() % 30 < 3:
        time.sleep(30 - time.time() % 30 + 0.2)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in(page: Any, email: str, *, password: str = PASSWORD, totp: bool = False, code_page: str = "") -> None:
    """Sign in by filling the login form, and for staff the two-step code form, as a person would.

    ``code_page`` names the screenshot of the code page and runs axe on it.
    """
    page.goto("/konto/logowanie/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    if totp:
        page.wait_for_url("**/konto/dwa-etapy/weryfikacja/")
        if code_page:
            check_accessibility(page, code_page)
        # allauth refuses a code it has seen in the last 30 s; a new test may sign the same person in again.
        cache.clear()
        page.locator("#id_code").fill(current_totp_code())
        page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/logowanie/" not in url and "/weryfikacja/" not in url)


def wait_for_mail(count: int = 1, timeout: float = 5.0) -> list:
    """E-mails leave on transaction commit in the live server's thread; give them a moment."""
    deadline = time.monotonic() + timeout
    while len(mail.outbox) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(mail.outbox) >= count, f"expected {count} e-mail(s), got {len(mail.outbox)}"
    return mail.outbox


# Where the keyboard focus is, and whether it shows (an outline a sighted keyboard user can see).
FOCUSED = "() => { const e = document.activeElement; const s = getComputedStyle(e); " \
    "return {id: e.id, outline: s.outlineStyle, width: s.outlineWidth}; }"  # fmt: skip


def tab_to(page: Any, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has the focus, and assert that the focus is visible."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            focus = page.evaluate(FOCUSED)
            assert focus["outline"] != "none" and focus["width"] != "0px", f"no visible focus on {focus}"
            return
    raise AssertionError(f"Tab never reached {selector}")
