"""The offer editor in Chromium: every page of it passes axe (WCAG 2.1 A and AA) and the Content-Security-Policy,
with data and with an error; a representative fills a complete offer, section by section, with the keyboard alone
until the offer's page says it is ready to file (and files it, when the filing page exists); the autosave says when
it saved, keeps what was typed through a lost connection and saves it when the connection returns; the budget's sums
follow the typing."""

import datetime
import re

import pytest
from django.urls import NoReverseMatch, reverse

from razem.grants.models import Activity, CostLine, Offer
from razem.grants.services import attachments as attachment_services
from razem.grants.services.offers import drafts as offer_drafts
from razem.grants.services.offers import partners as offer_partners
from razem.grants.services.offers import tables as offer_tables
from tests.e2e.support import check_accessibility, polish, screenshot, sign_in, visit
from tests.factories import CallFactory, RepresentativeFactory
from tests.grants.offer_support import budget_rows, complete, lead, upload

pytestmark = pytest.mark.browser

FOCUSED = "() => { const e = document.activeElement; const s = getComputedStyle(e); " \
    "return {id: e.id, name: e.getAttribute('name') || '', text: (e.innerText || e.value || '').trim().slice(0, 60), " \
    "outline: s.outlineStyle, width: s.outlineWidth}; }"  # fmt: skip


def tab_to(page, selector: str, limit: int = 120) -> None:
    """Tab until ``selector`` has the focus, which must be visible."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            focus = page.evaluate(FOCUSED)
            assert focus["outline"] != "none" and focus["width"] != "0px", f"no visible focus on {focus}"
            return
    raise AssertionError(f"Tab never reached {selector}; focus is on {page.evaluate(FOCUSED)}")


def settle(page) -> None:
    """Let the autosave finish: the test server shares one SQLite connection between its threads, so a button
    pressed while an autosave is on its way would meet it in the database (a real server queues them)."""
    idle = (
        "() => { const f = document.querySelector('form[data-autosave]'); return !f || f.dataset.pending !== '1' "
        "&& !(Number(f.dataset.pending) > 0); }"
    )
    page.wait_for_timeout(1700)
    for _ in range(2):
        page.wait_for_function(idle)
        page.wait_for_timeout(300)
    page.wait_for_function(idle)


def enter_and_wait(page) -> None:
    settle(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def type_date(page, selector: str, day: datetime.date) -> None:
    """Type a date into a native date field, segment by segment, in the order of the browser's own date format
    (headless Chromium shows month/day/year whatever the page's language)."""
    tab_to(page, selector)
    page.keyboard.type(day.strftime("%m%d%Y"))
    assert page.locator(selector).input_value() == day.isoformat()


@pytest.fixture
def setting(db, media_root):
    call = CallFactory(attachments=False)
    organization, person = lead("Fundacja Wiosna", krs="0000123456", email="biuro@wiosna.example.org")
    RepresentativeFactory(organization=organization, full_name="Anna Prezes", signs_alone=True)
    return call, organization, person


def test_every_page_of_the_editor_passes_axe(page, setting):
    call, organization, person = setting
    from razem.grants.models import RequiredAttachment

    RequiredAttachment.objects.create(call=call, position=1, name="Statut", mandatory=True)
    partner_org, _partner_person = lead("Stowarzyszenie Partner", krs="0000654321")
    offer = offer_drafts.offer_start(actor=person, call=call, organization=organization)
    complete(offer, person, attach=False)
    offer_partners.partner_invite(actor=person, offer=offer, organization=partner_org)
    attachment_services.attachment_add(actor=person, offer=offer, upload=upload())
    sign_in(page, person.email)

    visit(page, reverse("grants:offer_start", args=[call.slug]), "grants-offer-start")
    visit(page, offer.get_absolute_url(), "grants-offer-detail")
    assert page.locator("#filing-problems").is_visible()
    for slug in ("podstawowe", "zadanie", "dzialania", "rezultaty", "charakterystyka", "koszty", "inne"):
        visit(page, reverse("grants:offer_section", args=[offer.pk, slug]), f"grants-offer-section-{slug}")
    visit(page, reverse("grants:partners", args=[offer.pk]) + "?szukaj=partner", "grants-offer-partners")
    visit(page, reverse("grants:attachments", args=[offer.pk]), "grants-offer-attachments")
    attachment = offer.attachments.get()
    visit(page, reverse("grants:attachment_delete", args=[offer.pk, attachment.pk]), "grants-offer-attachment-delete")

    # A refused amount: the error summary and the message next to the field, what was typed kept.
    page.goto(reverse("grants:offer_section", args=[offer.pk, "koszty"]))
    page.locator("#id_lines-0-unit_cost").fill("-12")
    page.locator("#id_lines-0-unit_cost").press("Tab")  # leaving the field autosaves it; let that finish first
    settle(page)
    with page.expect_navigation():
        page.locator("#section-form button[name=next]").click()
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_lines-0-unit_cost_error").inner_text() == polish("The amount cannot be negative.")
    assert page.locator("#id_lines-0-unit_cost").input_value() == "-12"
    assert page.locator("#draft-input").is_visible()
    check_accessibility(page, "grants-offer-section-koszty-error")
    assert CostLine.objects.get(offer=offer).unit_cost > 0


def test_the_partner_answers_the_invitation(page, setting):
    call, organization, person = setting
    partner_org, partner_person = lead("Stowarzyszenie Partner", krs="0000654321")
    offer = offer_drafts.offer_start(actor=person, call=call, organization=organization)
    partner = offer_partners.partner_invite(actor=person, offer=offer, organization=partner_org)
    sign_in(page, partner_person.email)
    visit(page, offer.get_absolute_url(), "grants-offer-detail-partner")
    assert page.locator(f"#invitation-{partner.pk}").is_visible()
    visit(page, reverse("grants:partner_decide", args=[offer.pk, partner.pk]), "grants-offer-partner-decide")
    settle(page)
    with page.expect_navigation():
        page.locator("button[value=accept]").click()
    partner.refresh_from_db()
    assert partner.status == partner.Status.CONFIRMED


def test_a_complete_offer_is_filled_with_the_keyboard_alone(page, setting):
    call, organization, person = setting
    keyboard = page.keyboard
    sign_in(page, person.email)
    page.goto(reverse("grants:offer_start", args=[call.slug]))

    # Start: the only organization is chosen; Tab to the button.
    tab_to(page, "#start-form button[type=submit]")
    enter_and_wait(page)
    offer = Offer.objects.get()
    assert page.url.endswith(reverse("grants:offer_section", args=[offer.pk, "podstawowe"]))

    # I–II: the contact person is the one who started it; keep it and go on.
    assert page.locator("#id_contact_name").input_value() == person.full_name
    tab_to(page, "#section-form button[name=next]")
    enter_and_wait(page)

    # III.1–3.
    type_into(page, "#id_title", "Seniorzy w sieci")
    type_date(page, "#id_start_date", call.realization_start)
    type_date(page, "#id_end_date", call.realization_end)
    type_into(page, "#id_synthetic_description", "Warsztaty cyfrowe dla seniorów w Nowej Hucie.")
    tab_to(page, "#section-form button[name=next]")
    enter_and_wait(page)
    offer.refresh_from_db()
    assert (offer.start_date, offer.end_date) == (call.realization_start, call.realization_end)

    # III.4: one activity; then a second one added with the "add" button and filled.
    year = call.realization_start.year
    type_into(page, f"#id_activities-{year}-0-name", "Warsztaty komputerowe")
    type_into(page, f"#id_activities-{year}-0-target_group", "seniorzy 60+")
    type_into(page, f"#id_activities-{year}-0-planned_period", "marzec–czerwiec")
    tab_to(page, f"button[name=add][value=activities-{year}]")
    enter_and_wait(page)
    assert page.locator(f"#id_activities-{year}-1-name").is_visible()
    type_into(page, f"#id_activities-{year}-1-name", "Podsumowanie")
    tab_to(page, "#section-form button[name=next]")
    enter_and_wait(page)
    assert list(Activity.objects.filter(offer=offer).values_list("name", flat=True)) == [
        "Warsztaty komputerowe",
        "Podsumowanie",
    ]

    # III.5–6.
    type_into(page, "#id_results_description", "60 seniorów nauczy się korzystać z e-usług.")
    type_into(page, "#id_results-0-name", "Przeszkoleni seniorzy")
    type_into(page, "#id_results-0-target_value", "60 osób")
    type_into(page, "#id_results-0-monitoring", "listy obecności")
    tab_to(page, "#section-form button[name=next]")
    enter_and_wait(page)

    # IV.
    type_into(page, "#id_experience", "Od 2015 r. prowadzimy zajęcia dla seniorów.")
    type_into(page, "#id_resources", "Dwóch trenerów, sala, 10 laptopów.")
    tab_to(page, "#section-form button[name=next]")
    enter_and_wait(page)

    # V: one cost line of the first activity, and its funding; the sums follow.
    tab_to(page, "#id_lines-0-activity")
    keyboard.press("ArrowDown")
    type_into(page, "#id_lines-0-name", "Wynagrodzenie trenera")
    type_into(page, "#id_lines-0-unit", "godzina")
    type_into(page, "#id_lines-0-unit_cost", "150")
    type_into(page, "#id_lines-0-quantity", "60")
    type_into(page, f"#id_funding-{year}-grant", "8 000")
    type_into(page, f"#id_funding-{year}-own_personal", "1000,00")
    page.locator("#budget-problems").get_by_text(polish("The budget meets the rules of the call.")).wait_for()
    assert "9\u00a0000,00\u00a0zł" in page.locator("#summary-costs").inner_text()
    tab_to(page, "#section-form button[name=next]")
    enter_and_wait(page)
    line = CostLine.objects.get(offer=offer)
    assert (line.unit_cost, line.quantity, line.activity.name) == (150, 60, "Warsztaty komputerowe")

    # VI: free of charge, then to the offer's page.
    tab_to(page, "#id_payment_0")
    keyboard.press("Space")
    tab_to(page, "#section-form button[name=next]")
    enter_and_wait(page)
    assert page.url.endswith(offer.get_absolute_url())
    assert page.locator("#ready").inner_text() == polish("The offer is complete and ready to file.")
    check_accessibility(page, "grants-offer-ready")
    screenshot(page, "keyboard-grants-offer-ready")

    # Filing, on the filing page (helper C's), when it exists.
    try:
        reverse("grants:offer_file", args=[offer.pk])
    except NoReverseMatch:  # pragma: no cover - the route is in the URL map
        return
    tab_to(page, "a[href$='/zloz/']")
    enter_and_wait(page)
    assert page.url.endswith("/zloz/")
    if page.locator("main form").count():  # the filing page is there (a stub answers "not found")
        check_accessibility(page, "grants-offer-file-page")
        _file_with_the_keyboard(page, offer)


def _file_with_the_keyboard(page, offer: Offer) -> None:
    """Tick the statements and choose the signatory with the keyboard, then file."""
    form = page.locator("main form").first
    for element in form.locator("input[type=checkbox], input[type=radio]").all():
        identifier = element.get_attribute("id")
        if not identifier or element.is_checked():
            continue
        name = element.get_attribute("name")
        kind = element.get_attribute("type")
        if kind == "radio" and form.locator(f"input[name='{name}']:checked").count():
            continue
        tab_to(page, f"#{identifier}")
        page.keyboard.press("Space")
    tab_to(page, "main form button[type=submit]")
    enter_and_wait(page)
    offer.refresh_from_db()
    assert offer.status == Offer.Status.FILED, page.locator("main").inner_text()[:2000]
    assert offer.current_version is not None and len(offer.current_version.checksum) == 64
    check_accessibility(page, "grants-offer-filed-by-keyboard")
    screenshot(page, "keyboard-grants-offer-filed")


def test_the_autosave_says_when_it_saved_and_survives_a_lost_connection(page, context, setting):
    call, organization, person = setting
    offer = offer_drafts.offer_start(actor=person, call=call, organization=organization)
    sign_in(page, person.email)
    page.goto(reverse("grants:offer_section", args=[offer.pk, "zadanie"]))

    page.locator("#id_title").press_sequentially("Seniorzy")
    saved = re.compile(re.escape(polish("Saved at %(time)s")).replace(re.escape("%(time)s"), r"\d\d:\d\d:\d\d"))
    page.locator("#autosave-status [data-state=saved]").wait_for()
    assert saved.search(page.locator("#autosave-status").inner_text())
    offer.refresh_from_db()
    assert offer.title == "Seniorzy"

    context.set_offline(True)
    page.locator("#id_title").press_sequentially(" w sieci")
    page.locator("#autosave-status [data-state=offline]").wait_for()
    assert page.locator("#autosave-announcer").inner_text().strip()
    offer.refresh_from_db()
    assert offer.title == "Seniorzy"
    assert page.locator("#id_title").input_value() == "Seniorzy w sieci"

    context.set_offline(False)
    page.locator("#autosave-status [data-state=saved]").wait_for()
    offer.refresh_from_db()
    assert offer.title == "Seniorzy w sieci"

    # An invalid date order is not saved but kept, with the message in the status.
    page.locator("#id_start_date").fill(call.realization_end.isoformat())
    page.locator("#id_end_date").fill((call.realization_end - datetime.timedelta(days=1)).isoformat())
    page.locator("#autosave-status [data-state=invalid]").wait_for()
    assert polish("The end date is before the start date.") in page.locator("#autosave-status").inner_text()
    offer.refresh_from_db()
    assert offer.end_date is None
    assert offer.draft_inputs.filter(section="zadanie").exists()


def test_the_budget_summary_follows_the_typing(page, setting):
    call, organization, person = setting
    offer = offer_drafts.offer_start(actor=person, call=call, organization=organization)
    lines, funding = budget_rows(offer)
    offer_tables.offer_replace_budget(actor=person, offer=offer, lines=lines, funding=funding)
    sign_in(page, person.email)
    page.goto(reverse("grants:offer_section", args=[offer.pk, "koszty"]))
    year = call.realization_start.year
    page.locator(f"#id_funding-{year}-grant").fill("60 000")
    problem = page.locator("#budget-problems")
    problem.get_by_text(re.compile("50\u00a0000,00")).first.wait_for()
    assert "60\u00a0000,00\u00a0zł" in page.locator("#budget-headline").inner_text()
    settle(page)
    check_accessibility(page, "grants-offer-budget-live")
