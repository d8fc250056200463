"""The NGO registry in Chromium: the directory with its filters, a profile, registration with the KRS lookup,
editing, the members page and invitations. Every page passes axe (WCAG 2.1 A and AA); one pass through the
directory filter uses the keyboard alone."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import make_person
from django.utils import timezone

from razem.core.models import District, PublicBenefitArea
from razem.core.reference import load_districts, load_public_benefit_areas
from razem.organizations import krs, services
from razem.organizations.models import Membership, Organization
from tests.e2e.support import check_accessibility, polish, screenshot, sign_in, submit, visit
from tests.factories import add_membership, make_organization

pytestmark = pytest.mark.browser

FOCUSED = "() => { const e = document.activeElement; const s = getComputedStyle(e); " \
    "return {id: e.id, tag: e.tagName.toLowerCase(), outline: s.outlineStyle, width: s.outlineWidth}; }"  # fmt: skip


@pytest.fixture
def registry(db):
    """A small registry: 30 verified organizations over districts and areas, one pending, one with diacritics."""
    load_districts()
    load_public_benefit_areas()
    districts = list(District.objects.order_by("number"))
    areas = list(PublicBenefitArea.objects.valid_on(timezone.localdate()))
    forms = [Organization.LegalForm.ASSOCIATION, Organization.LegalForm.FOUNDATION, Organization.LegalForm.SPORTS_CLUB]
    for n in range(30):
        make_organization(
            f"Stowarzyszenie Krakowskie nr {n + 1:02d}",
            krs=f"{n + 500:010d}",
            legal_form=forms[n % 3],
            district=districts[n % 4],
            areas=areas[n % 5 : n % 5 + 2],
            is_opp=n % 4 == 0,
        )
    zazolc = make_organization(
        "Fundacja Zażółć Gęślą Jaźń",
        short_name="Zażółć",
        krs="0000654321",
        legal_form=Organization.LegalForm.FOUNDATION,
        district=districts[6],
        areas=areas[:3],
        is_opp=True,
        nip="1234563218",
        regon="123456785",
        street="ul. Floriańska 3",
        postal_code="31-019",
        website="https://zazolc.example.org",
        email="biuro@zazolc.example.org",
        phone="+48 12 000 00 00",
        description="Uczymy dzieci pisać bez błędów.\n<script>alert(1)</script>",
    )
    make_organization("Fundacja Czeka Na Weryfikację", status=Organization.Status.PENDING, krs="0000999001")
    return {"zazolc": zazolc, "districts": districts, "areas": areas}


def path_and_query(page) -> tuple[str, dict]:
    url = urlparse(page.url)
    return url.path, parse_qs(url.query)


def test_the_directory_its_filters_pages_and_a_profile_pass_axe(page, registry):
    visit(page, "/organizacje/", "organizations-directory")
    assert page.locator("main h1").inner_text() == polish("Organizations")
    assert page.locator("nav .nav-link[aria-current=page]").inner_text() == polish("Organizations")
    assert page.locator("main article").count() == 25

    # Filtering swaps only the results (HTMX) and puts the filters into the address.
    page.locator("#id_q").fill("krakowskie")
    page.locator("#id_dzielnica").select_option(str(registry["districts"][0].pk))
    with page.expect_response(lambda r: "/organizacje/?" in r.url):
        page.locator("#directory-filter button[type=submit]").click()
    page.wait_for_function("() => location.search.includes('dzielnica=')")
    path, query = path_and_query(page)
    assert path == "/organizacje/" and query["q"] == ["krakowskie"]
    assert page.locator("main article").count() == 8
    assert page.locator("#results-announcer").inner_text().strip() == page.locator("#result-count").inner_text()
    check_accessibility(page, "organizations-directory-filtered")

    # The second page of an unfiltered list keeps working without HTMX (a plain link).
    visit(page, "/organizacje/?sortuj=-nazwa", "organizations-directory-sorted")
    page.locator("main .pagination a").last.click()
    page.wait_for_url("**strona=2")
    assert page.locator("main article").count() == 6  # 31 verified organizations
    check_accessibility(page, "organizations-directory-page-2")

    # A profile, with HTML from the description shown as text.
    visit(page, registry["zazolc"].get_absolute_url(), "organization-profile")
    assert page.locator("main h1").inner_text() == "Fundacja Zażółć Gęślą Jaźń"
    assert "<script>alert(1)</script>" in page.locator(".organization-description").inner_text()
    assert page.locator("main").get_by_text("123-456-32-18").is_visible()


def test_a_search_without_diacritics_finds_the_organization_in_the_browser(page, registry):
    page.goto("/organizacje/?q=zazolc+gesla")

    assert page.locator("main article h3 a").all_inner_texts() == ["Fundacja Zażółć Gęślą Jaźń"]
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(polish("Download CSV"))).click()
    assert download.value.suggested_filename == f"organizacje-{timezone.localdate():%Y-%m-%d}.csv"


def test_the_directory_filter_works_with_the_keyboard_alone(page, registry):
    keyboard = page.keyboard
    page.goto("/organizacje/")

    def tab_to(selector: str, limit: int = 40) -> None:
        for _ in range(limit):
            keyboard.press("Tab")
            if page.evaluate("s => document.activeElement.matches(s)", selector):
                focus = page.evaluate(FOCUSED)
                assert focus["outline"] != "none" and focus["width"] != "0px", f"no visible focus on {focus}"
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("#id_q")
    keyboard.type("zazolc")
    keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_obszar"
    keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_dzielnica"
    keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_forma"
    keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_opp"
    keyboard.press("ArrowDown")  # "OPP only"
    assert page.locator("#id_opp").input_value() == "tak"
    tab_to("#directory-filter button[type=submit]")
    screenshot(page, "keyboard-organizations-filter")
    keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('q=zazolc')")
    page.wait_for_function("() => document.querySelectorAll('main article').length === 1")
    assert page.locator("#results-announcer").inner_text().strip() != ""

    # On to the result, and into the profile, still by keyboard.
    tab_to('main article h3 a[href^="/organizacje/"]')
    with page.expect_navigation():
        keyboard.press("Enter")
    assert page.locator("main h1").inner_text() == "Fundacja Zażółć Gęślą Jaźń"


def extract() -> krs.KrsExtract:
    return krs.KrsExtract(
        krs="0000777777",
        register="S",
        name="STOWARZYSZENIE PRZYJACIÓŁ KAZIMIERZA",
        legal_form="STOWARZYSZENIE",
        nip="1234563218",
        regon="123456785",
        street="ul. Szeroka 1",
        postal_code="31-053",
        city="KRAKÓW",
        municipality="KRAKÓW",
        board_name="ZARZĄD",
        representation_rule="Prezes samodzielnie.",
        board=[krs.BoardMember("Anna Nowak", "Prezes")],
    )


def test_registering_an_organization_step_by_step_passes_axe(page, registry, monkeypatch):
    def fetch(number: str) -> krs.KrsExtract:
        if number == "0000777777":
            return extract()
        raise krs.KrsUnavailable("no network in tests")

    monkeypatch.setattr(krs, "fetch_extract", fetch)
    person = make_person("rejestrujaca@example.org", full_name="Renata Rejestrująca")
    sign_in(page, person.email)

    visit(page, "/organizacje/zarejestruj/", "organization-register-step-1")
    page.locator("#id_krs").fill("12ab")
    submit(page)
    assert page.locator("#id_krs").get_attribute("aria-invalid") == "true"
    check_accessibility(page, "organization-register-step-1-error")

    # KRS cannot be reached: the form opens with the number and says why.
    page.locator("#id_krs").fill("555")
    submit(page)
    assert page.locator("#id_krs").input_value() == "0000000555"
    assert page.locator("main .alert-warning").is_visible()
    check_accessibility(page, "organization-register-krs-unavailable")

    # The lookup works: the form is filled in from the extract.
    page.goto("/organizacje/zarejestruj/")
    page.locator("#id_krs").fill("777777")
    submit(page)
    assert page.locator("#id_name").input_value() == "STOWARZYSZENIE PRZYJACIÓŁ KAZIMIERZA"
    assert page.locator("#id_city").input_value() == "Kraków"
    check_accessibility(page, "organization-register-step-2")

    # A mistyped NIP: an error summary, the field marked, everything else kept.
    page.locator("#id_name").fill("Stowarzyszenie Przyjaciół Kazimierza")
    page.locator("#id_nip").fill("123-456-32-19")
    page.locator("#id_description").fill("Opiekujemy się zabytkami Kazimierza.")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state("load")
    assert page.locator("[data-error-summary]").is_visible()
    assert page.locator("#id_nip").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_name").input_value() == "Stowarzyszenie Przyjaciół Kazimierza"
    assert page.locator("#id_description").input_value() == "Opiekujemy się zabytkami Kazimierza."
    check_accessibility(page, "organization-register-errors")

    page.locator("#id_nip").fill("123-456-32-18")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/organizacje/\d+-"))
    organization = Organization.objects.get(krs="0000777777")
    assert organization.status == "pending" and organization.krs_extract["board_name"] == "ZARZĄD"
    assert page.locator("main .alert-success").is_visible()
    check_accessibility(page, "organization-registered-profile")


def test_edit_members_invitations_and_my_organizations_pass_axe(page, registry):
    organization = registry["zazolc"]
    admin = make_person("admin.fundacji@example.org", full_name="Alicja Administratorka")
    member = make_person("czlonek.fundacji@example.org", full_name="Czesław Członek")
    asking = make_person("prosi@example.org", full_name="Paweł Prosi")
    add_membership(organization, admin, Membership.Role.ADMIN)
    add_membership(organization, member)
    add_membership(organization, asking, status=Membership.Status.REQUESTED)
    services.invitation_create(actor=admin, organization=organization, email="zaproszona@example.org")
    sign_in(page, admin.email)

    visit(page, f"/organizacje/{organization.pk}/edytuj/", "organization-edit")
    page.locator("#id_email").fill("to nie jest adres")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("load")
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    check_accessibility(page, "organization-edit-errors")

    visit(page, f"/organizacje/{organization.pk}/czlonkowie/", "organization-members")
    assert page.locator("main li p.fw-semibold", has_text="Paweł Prosi").is_visible()
    page.locator("#invite #id_email").fill("nowy.czlonek@example.org")
    page.locator("#invite #id_role").select_option("representative")
    with page.expect_navigation():
        page.locator("#invite button[type=submit]").click()
    assert page.locator("main .alert-success").is_visible()
    assert page.get_by_role("cell", name="nowy.czlonek@example.org").is_visible()
    check_accessibility(page, "organization-members-after-invite")

    # The last administrator tries to step down: the refusal is at the top, nothing changes.
    own = Membership.objects.get(organization=organization, user=admin)
    page.locator(f"#role-{own.pk}").select_option("member")
    with page.expect_navigation():
        page.locator(f"form[action$='/{own.pk}/rola/'] button").click()
    assert page.locator("main .alert-danger").is_visible()
    check_accessibility(page, "organization-members-refusal")

    visit(page, "/organizacje/moje/", "my-organizations")
    assert page.get_by_role("link", name="Fundacja Zażółć Gęślą Jaźń").first.is_visible()


def test_an_invitation_page_for_a_visitor_and_a_broken_link_pass_axe(page, registry):
    organization = registry["zazolc"]
    admin = make_person("admin.zaproszenia@example.org", full_name="Adam Zapraszający")
    add_membership(organization, admin, Membership.Role.ADMIN)
    _invitation, token = services.invitation_create(
        actor=admin, organization=organization, email="gosc@example.org", role="representative"
    )

    visit(page, f"/organizacje/zaproszenie/{token}/", "organization-invitation")
    login = page.locator("main a.btn-primary")
    assert login.get_attribute("href").startswith("/konto/logowanie/?next=")
    visit(page, "/organizacje/zaproszenie/nie-ma-takiego/", "organization-invitation-invalid", status=404)

    # The visitor signs in and accepts.
    guest = make_person("gosc@example.org", full_name="Gość Zaproszony")
    sign_in(page, guest.email)
    page.goto(f"/organizacje/zaproszenie/{token}/")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert urlparse(page.url).path == organization.get_absolute_url()
    assert Membership.objects.get(organization=organization, user=guest).role == "representative"
    check_accessibility(page, "organization-invitation-accepted")
