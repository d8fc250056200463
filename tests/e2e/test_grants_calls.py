"""Calls for offers in Chromium: the public list (with a filter), a call's page (the announcement, a correction, the
calendar, the start button for a representative), the nomination form with an error, and the office's pages: the
list, a new call created with the keyboard alone (the funds' years following the dates typed, an error first, then
the draft saved), and the publication page refusing a short deadline, then publishing. Every page passes axe
(WCAG 2.1 A and AA) and the Content-Security-Policy."""

import datetime

import pytest
from playwright.sync_api import expect

from razem.core.models import PublicBenefitArea
from razem.grants.models import Call, Correction, Publication
from tests.e2e.support import check_accessibility, polish, screenshot, sign_in, submit, tab_to, visit
from tests.factories import CallFactory

pytestmark = pytest.mark.browser

DAY = datetime.timedelta(days=1)


@pytest.fixture
def announced(reference_data):
    from django.utils import timezone

    year = timezone.localdate().year + 1
    call = CallFactory(
        title="Aktywizacja seniorów w Nowej Hucie",
        realization_start=datetime.date(year, 1, 1),
        realization_end=datetime.date(year + 1, 6, 30),
        place="Centrum Obywatelskie, ul. Reymonta 20",
    )
    call.areas.set(PublicBenefitArea.objects.filter(code="1"))
    Publication.objects.create(call=call, subject="call", channel="razem", published_on=timezone.localdate(),
                               url="http://localhost/konkursy/x/")  # fmt: skip
    Publication.objects.create(call=call, subject="call", channel="bip", published_on=timezone.localdate(),
                               url="https://www.bip.krakow.pl/?dok_id=1")  # fmt: skip
    Correction.objects.create(
        call=call, number=1, notice="Zmieniono kwotę maksymalnej dotacji.",
        changes=[{"field": "max_grant", "label": "Największa dotacja", "old": "40 000,00 zł", "new": "50 000,00 zł"}],
    )  # fmt: skip
    CallFactory(title="Konkurs po terminie", submission_deadline=timezone.now() - DAY)
    return call


def test_the_public_list_and_a_call_page_pass_axe(page, announced, verified_org, org_representative):
    visit(page, "/konkursy/", "grants-call-list")
    expect(page.locator("#calls > li")).to_have_count(2)
    page.locator("#id_etap").select_option("open")
    submit(page)
    expect(page.locator("#calls > li")).to_have_count(1)
    check_accessibility(page, "grants-call-list-filtered")

    visit(page, announced.get_absolute_url(), "grants-call-detail")
    assert page.locator("main h1").inner_text() == announced.title
    expect(page.locator("#funds tbody tr")).to_have_count(2)
    expect(page.locator("#korekta-1")).to_contain_text("Zmieniono kwotę maksymalnej dotacji.")
    assert page.locator("#calendar tr[aria-current=step]").count() >= 1
    expect(page.locator("#why-not-start")).to_be_visible()

    sign_in(page, org_representative.email)
    visit(page, announced.get_absolute_url(), "grants-call-detail-representative")
    expect(page.locator("#start-offer")).to_be_visible()
    page.get_by_role("link", name=polish("Nominate a member of the commission")).click()
    page.wait_for_url(f"**/konkursy/{announced.slug}/zglos-do-komisji/")
    check_accessibility(page, "grants-nomination-form")
    page.locator("#id_full_name").fill("Ewa Ekspertka")
    page.locator("#id_email").fill("nie-adres")
    submit(page)
    expect(page.locator("[data-error-summary]")).to_be_visible()
    expect(page.locator("#id_full_name")).to_have_value("Ewa Ekspertka")
    check_accessibility(page, "grants-nomination-form-error")


def _enter_again(page, selector: str) -> None:
    """Leave the field backwards and come back to its first part, with the keyboard."""
    for _ in range(6):
        if not page.evaluate("s => document.activeElement.matches(s)", selector):
            break
        page.keyboard.press("Shift+Tab")
    tab_to(page, selector)


def type_date(page, selector: str, value: datetime.date | datetime.datetime) -> None:
    """Type a date (and time) into a native field as a keyboard user does: its parts in the order the browser's
    language shows them (day first in Polish, month first in English), checked by what the field then holds."""
    tab_to(page, selector)
    with_time = isinstance(value, datetime.datetime)
    expected = value.strftime("%Y-%m-%dT%H:%M") if with_time else value.isoformat()
    orders = [(value.strftime("%d%m%Y"), value.strftime("%H%M") if with_time else "")]
    orders.append((value.strftime("%m%d%Y"), value.strftime("%I%M") + value.strftime("%p")[0] if with_time else ""))
    for day, time in orders:
        page.keyboard.type(day)
        if time:
            page.keyboard.press("Tab")  # from the year to the hour, inside the field
            page.keyboard.type(time)
        if page.locator(selector).input_value() == expected:
            return
        _enter_again(page, selector)
    raise AssertionError(f"{selector} holds {page.locator(selector).input_value()!r}, not {expected}")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def test_an_officer_creates_a_call_with_the_keyboard_alone(page, officer, reference_data):
    from django.utils import timezone

    sign_in(page, officer.email, totp=True)
    visit(page, "/panel/konkursy/", "grants-staff-call-list")
    visit(page, "/panel/konkursy/nowy/", "grants-staff-call-create")
    expect(page.locator("#criteria-rows > li")).to_have_count(8)

    # Saving an empty form: the error summary, and nothing saved.
    tab_to(page, "#save-call", limit=400)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("[data-error-summary]")).to_be_visible()
    check_accessibility(page, "grants-staff-call-create-error")
    assert not Call.objects.exists()

    # A fresh page: axe leaves empty style attributes behind, which an HTMX swap would then copy (a CSP report).
    page.goto("/panel/konkursy/nowy/")
    year = timezone.localdate().year + 1
    deadline = timezone.localdate() + 30 * DAY
    page.locator("main h1").focus()
    type_into(page, "#id_number", "SZ-OKO/2027/05")
    type_into(page, "#id_title", "Kluby seniora w dzielnicach")
    type_into(page, "#id_task_kind", "Działalność na rzecz osób w wieku emerytalnym")
    tab_to(page, "#id_form_0")  # the radio group; the arrow moves to and chooses support (wspieranie)
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_form_1")).to_be_checked()
    tab_to(page, "#id_areas_0")
    page.keyboard.press("Space")
    type_into(page, "#id_department", "Wydział Polityki Społecznej i Zdrowia")
    type_into(page, "#id_max_grant", "40 000")
    type_into(page, "#id_own_share_min", "10")
    type_date(page, "#id_realization_start", datetime.date(year, 2, 1))
    type_date(page, "#id_realization_end", datetime.date(year + 1, 6, 30))
    tab_to(page, "#id_place")  # leaving the date: the funds' rows follow the window (HTMX)
    expect(page.locator("#funds-rows input[name$='-amount']")).to_have_count(2)
    type_date(page, "#id_submission_deadline", datetime.datetime.combine(deadline, datetime.time(15, 30)))
    type_date(page, "#id_choice_date", deadline + 30 * DAY)
    type_into(page, "#id_funds-0-amount", "150 000")
    type_into(page, "#id_funds-1-amount", "50 000")
    tab_to(page, "#id_criteria-0-max_points")
    screenshot(page, "keyboard-grants-call-create")
    check_accessibility(page, "grants-staff-call-create-filled")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    call = Call.objects.get()
    assert call.title == "Kluby seniora w dzielnicach" and call.status == Call.Status.DRAFT
    assert list(call.funds.values_list("year", flat=True)) == [year, year + 1]
    assert call.criteria.count() == 6
    check_accessibility(page, "grants-staff-call-draft")


def test_the_publish_page_refuses_a_short_deadline_then_publishes(page, officer, reference_data):
    from django.utils import timezone

    call = CallFactory(status=Call.Status.DRAFT, published_at=None, submission_deadline=timezone.now() + 10 * DAY)
    call.areas.set(PublicBenefitArea.objects.filter(code="1"))
    sign_in(page, officer.email, totp=True)
    visit(page, f"/panel/konkursy/{call.slug}/publikacja/", "grants-staff-call-publish")
    expect(page.locator("#deadline-rule")).to_be_visible()
    today = timezone.localdate().isoformat()
    page.locator("#id_bip_published_on").fill(today)
    page.locator("#id_bip_url").fill("https://www.bip.krakow.pl/?dok_id=77")
    page.locator("#id_notice_board_published_on").fill(today)
    submit(page)
    expect(page.locator("[data-error-summary]")).to_contain_text("art. 13 ust. 1")
    expect(page.locator("#id_bip_url")).to_have_value("https://www.bip.krakow.pl/?dok_id=77")
    check_accessibility(page, "grants-staff-call-publish-error")

    Call.objects.filter(pk=call.pk).update(submission_deadline=timezone.now() + 25 * DAY)
    submit(page)
    expect(page.locator(".messages")).to_be_visible()
    check_accessibility(page, "grants-staff-call-overview")
    call.refresh_from_db()
    assert call.status == Call.Status.ANNOUNCED
