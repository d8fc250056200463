"""Phones: at 390 × 844 no public page scrolls sideways, the month becomes a day list, a meeting's register button
comes right after "Kiedy / Gdzie".

The width test opens every public page of the demo: the anonymous visitor crawls the site with Django's test client
from every pattern that needs no parameter (tests/probe.py, one page per pattern), and each page that answers 200
with HTML is opened in Chromium. The browser asks for pages through a route that answers them with the same test
client, in the test's thread: the pages come from the demo database, which the live server's thread does not see;
static files are read from the static finders.
"""

import datetime
import mimetypes
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connections
from django.test import Client
from django.utils import timezone

from razem.events.models import Meeting
from tests import probe
from tests.core import url_matrix
from tests.e2e.support import check_accessibility, screenshot, sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
ORIGIN = "http://testserver"

# The elements that stick out to the right of the viewport, outermost first; those inside a container that clips or
# scrolls its content (a .table-responsive) are not counted: they do not make the document scroll.
OVERFLOW = """(width) => {
  const limit = width + 0.5;
  const clips = (e) => { const o = getComputedStyle(e).overflowX; return o !== 'visible'; };
  const name = (e) => {
    let s = e.tagName.toLowerCase();
    if (e.id) s += '#' + e.id;
    const classes = [...e.classList].slice(0, 3);
    if (classes.length) s += '.' + classes.join('.');
    return s;
  };
  const path = (e) => {
    const parts = [];
    for (let x = e; x && x !== document.body; x = x.parentElement) parts.unshift(name(x));
    return parts.slice(-6).join(' > ');
  };
  const found = [];
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.right <= limit) continue;
    // An absolutely positioned box (a .visually-hidden text) is clipped only by a positioned ancestor: it escapes
    // the overflow of the others, and a table region that is not positioned lets it widen the page.
    let clipped = false, reported = false, mode = getComputedStyle(e).position;
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      const position = getComputedStyle(a).position;
      const containing = mode === 'absolute' ? position !== 'static' : mode !== 'fixed';
      if (containing && clips(a)) { clipped = true; break; }
      if (found.some(f => f.element === a)) { reported = true; break; }
      if (mode === 'absolute' && position !== 'static') mode = position;
    }
    if (!clipped && !reported) found.push({element: e, text: path(e) + ' (right ' + Math.round(r.right) + 'px)'});
  }
  // A box that scrolls sideways must be reachable by keyboard and named: tabindex, a role and a label.
  const regions = [];
  for (const e of document.body.querySelectorAll('*')) {
    const o = getComputedStyle(e).overflowX;
    if ((o === 'auto' || o === 'scroll') && e.scrollWidth > e.clientWidth + 1 && e.offsetParent !== null) {
      const named = e.getAttribute('aria-label') || e.getAttribute('aria-labelledby');
      if (e.tabIndex < 0 || e.getAttribute('role') !== 'region' || !named)
        regions.push(path(e) + ' (' + e.scrollWidth + ' in ' + e.clientWidth + 'px)');
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, width: width,
          elements: found.slice(0, 8).map(f => f.text), regions: regions};
}"""


def _serve_through(client: Client):
    """A Playwright route handler: static files from the finders, every other request from the Django test client."""

    database = connections["default"]

    def handle(route: Any) -> None:
        request = route.request
        parts = urlsplit(request.url)
        if parts.netloc != "testserver":
            route.abort()
            return
        if parts.path.startswith(settings.STATIC_URL):
            found = finders.find(parts.path.removeprefix(settings.STATIC_URL))
            if not found:
                route.fulfill(status=404, body="")
                return
            with open(found, "rb") as file:
                body = file.read()
            route.fulfill(
                status=200, body=body, content_type=mimetypes.guess_type(found)[0] or "application/octet-stream"
            )
            return
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        # Playwright calls this handler in its own greenlet, with its own context variables: Django's connection
        # handler would give it the empty test database, not the demo's copy the test reads.
        real = connections["default"]
        connections["default"] = database
        try:
            response = client.get(path) if request.method == "GET" else client.generic(request.method, path)
        finally:
            connections["default"] = real
        body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
        headers = {name: value for name, value in response.items()}
        route.fulfill(status=response.status_code, headers=headers, body=body)

    return handle


def _public_pages(client: Client) -> dict[str, str]:
    """``{pattern key: url}``: one page per pattern that the anonymous visitor gets as an HTML page (200).

    Every pattern the URL matrix lets the anonymous visitor open must be among them, unless it is not a page (a
    feed, an export, a PDF): a pattern the crawl saw but did not request (one URL per pattern is requested, the
    first found) is tried with its other URLs until one answers."""
    crawl = probe.crawl(client, ["/", *probe.parameterless_urls()], per_pattern=1)
    pages: dict[str, str] = {}
    not_pages: set[str] = set()

    def keep(key: str, url: str, response: Any) -> None:
        if response.status_code != 200:
            return
        if "text/html" in response.get("Content-Type", ""):
            pages.setdefault(key, url)
        else:
            not_pages.add(key)

    for url, response in crawl.items():
        keep(crawl.discovered[url] or url, url, response)
    known = {pattern.key for pattern in probe.url_patterns()}
    public = {key for key, row in url_matrix.MATRIX.items() if row[0] == url_matrix.OK and key in known}
    # A pattern the crawl saw but did not request, or that no link reached (the results of a call, the vote check):
    # its other URLs, then URLs built from the parameters of every URL seen (probe.derive), until one answers.
    by_key = {pattern.key: pattern for pattern in probe.url_patterns()}
    for key in sorted(public - pages.keys() - not_pages):
        derived = (probe.derive(by_key[key], [url]) for url in crawl.discovered)
        candidates = dict.fromkeys([*crawl.by_pattern().get(key, []), *filter(None, derived)])
        for url in candidates:
            keep(key, url, client.get(url))
            if key in pages or key in not_pages:
                break
    missing = public - pages.keys() - not_pages
    assert not missing, f"public pages the anonymous crawl did not reach: {sorted(missing)}"
    return pages


def _phone(browser: Any, client: Client) -> Any:
    context = browser.new_context(base_url=ORIGIN, locale="pl-PL", viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(10_000)
    context.route("**/*", _serve_through(client))
    return context


def test_no_public_page_scrolls_sideways_on_a_phone(browser, demo):
    client = Client(raise_request_exception=False)
    pages = _public_pages(client)
    assert len(pages) >= 30, f"the crawl found too few public pages: {sorted(pages)}"
    context = _phone(browser, client)
    page = context.new_page()
    failures = []
    try:
        for key, url in sorted(pages.items()):
            page.goto(url, wait_until="load")
            measured = page.evaluate(OVERFLOW, PHONE["width"])
            if max(measured["scrollWidth"], measured["innerWidth"]) > PHONE["width"] or measured["elements"]:
                screenshot(page, f"phone-width-{key}")
                failures.append(
                    f"{key} {url}: document {measured['scrollWidth']}px wide on a {PHONE['width']}px screen"
                    + "".join(f"\n    {element}" for element in measured["elements"])
                )
            if measured["regions"]:
                failures.append(
                    f"{key} {url}: scrolls sideways in a box without tabindex, role=region and a label"
                    + "".join(f"\n    {region}" for region in measured["regions"])
                )
    finally:
        context.close()
    assert not failures, f"{len(failures)} of {len(pages)} public pages scroll sideways at 390 px:\n" + "\n".join(
        failures
    )


# The month: a day list on a phone, the grid on a laptop ---------------------------------------------------------------


def _phone_page(browser: Any, live_server: Any) -> tuple[Any, Any]:
    context = browser.new_context(
        base_url=live_server.url, locale="pl-PL", viewport=PHONE, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    return context, page


# How much wider than the phone the page is. A phone (is_mobile) zooms out to show a page wider than its screen:
# window.innerWidth grows with the page, so the page is measured against the screen's width, not innerWidth.
WIDE = f"() => Math.max(document.documentElement.scrollWidth, window.innerWidth) - {PHONE['width']}"


@pytest.fixture
def month_of_meetings(make_meeting):
    starts = timezone.localtime() + datetime.timedelta(days=3)
    starts = starts.replace(hour=17, minute=30, second=0, microsecond=0)
    forum = make_meeting(title="Forum dialogu obywatelskiego", starts_at=starts)
    make_meeting(
        title="Konsultacje społeczne programu współpracy z organizacjami pozarządowymi na przyszły rok",
        starts_at=starts + datetime.timedelta(days=1),
    )
    make_meeting(
        title="Odwołane spotkanie", status=Meeting.Status.CANCELLED, starts_at=starts + datetime.timedelta(days=1)
    )
    return forum


def test_the_month_is_a_list_of_days_on_a_phone_and_a_grid_on_a_laptop(browser, live_server, page, month_of_meetings):
    local = timezone.localtime(month_of_meetings.starts_at)
    url = f"/kalendarz/miesiac/?rok={local.year}&miesiac={local.month}"
    grid_display = "() => getComputedStyle(document.querySelector('#month-grid')).display"

    page.goto(url)
    check_accessibility(page, "phone-month-1280")
    assert page.evaluate(grid_display) != "none"
    assert page.locator("#month-grid table").get_by_text("Forum dialogu obywatelskiego").is_visible()
    assert page.locator("#month-days").is_hidden()

    context, phone = _phone_page(browser, live_server)
    try:
        phone.goto(url)
        check_accessibility(phone, "phone-month-390")
        assert phone.evaluate(grid_display) == "none"
        assert phone.evaluate(WIDE) <= 0
        days = phone.locator("#month-days > ol > li")
        # Only the days with meetings, in order, each under its date; the same meetings as the grid (server side).
        assert days.count() == 2
        assert days.nth(0).locator("a").all_inner_texts() == ["17:30 Forum dialogu obywatelskiego"]
        second = days.nth(1)
        assert second.locator("li").count() == 2
        assert second.get_by_text("Odwołane spotkanie").is_visible()
        assert second.locator(".badge").is_visible()
        assert days.nth(0).locator("h3 time").get_attribute("datetime") == local.date().isoformat()
    finally:
        context.close()


# A meeting: registration follows "Kiedy / Gdzie" ----------------------------------------------------------------------


@pytest.fixture
def long_meeting(make_meeting):
    """A meeting whose words are longer than a phone is wide: an address, an e-mail, a description."""
    return make_meeting(
        title="Konstytuowanie się Międzydzielnicowego Porozumienia Organizacji Pozarządowych",
        summary="Rozmawiamy o współpracy miasta z organizacjami.",
        description="Materiały: https://www.krakow.example/bip/konsultacje/program-wspolpracy-2027/zalaczniki/"
        "projekt-uchwaly-w-sprawie-programu-wspolpracy-z-organizacjami-pozarzadowymi.pdf\n\n" + "Dziękujemy. " * 40,
        agenda="Otwarcie\nDyskusja\nWnioski",
        external_url="https://www.krakow.example/ngo/aktualnosci/spotkanie-konstytuujace-porozumienie-organizacji",
        contact_email="sekretariat.porozumienia.organizacji.pozarzadowych@krakow.example",
        capacity=40,
    )


def _top(page: Any, selector: str) -> float:
    return page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top + window.scrollY")


def test_on_a_phone_the_register_button_comes_right_after_when_and_where(
    browser, live_server, page, long_meeting, resident
):
    sign_in(page, resident.email)
    page.goto(long_meeting.get_absolute_url())
    check_accessibility(page, "phone-meeting-1280")
    # At 1280 registration stands beside the description, at the top of the right column.
    button = page.locator("#registration button[type=submit]")
    assert button.is_visible()
    registration, about = page.locator("#registration").bounding_box(), page.locator("#about-title").bounding_box()
    assert registration["x"] > about["x"] + about["width"]
    assert abs(registration["y"] - page.locator("#when-title").locator("xpath=..").bounding_box()["y"]) < 5

    context, phone = _phone_page(browser, live_server)
    try:
        sign_in(phone, resident.email)
        phone.goto(long_meeting.get_absolute_url())
        check_accessibility(phone, "phone-meeting-390")
        assert phone.evaluate(WIDE) <= 0, "the long address, e-mail or title makes the page scroll sideways"
        when = _top(phone, "#when-title + dl")
        register = _top(phone, "#registration button[type=submit]")
        assert when < register < _top(phone, "#about-title") < _top(phone, "#agenda-title")
        # Within reach: the button is on the first two screens of the phone, not under the description.
        assert register < 2 * PHONE["height"]
    finally:
        context.close()
