"""The city staff pages of the NGO registry in Chromium, signed in through the login form with a TOTP code:
the list, the verification queue, a verification against KRS, the import and its report. axe finds nothing
on any of them (screenshots in test-results/screenshots/)."""

import io
import json
from pathlib import Path

import pytest
from conftest import make_person
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import Workbook
from playwright.sync_api import expect

from razem.core.models import District
from razem.core.reference import load_districts, load_public_benefit_areas
from razem.organizations import krs
from razem.organizations.models import ImportJob, Membership, Organization
from tests.e2e.support import check_accessibility, sign_in, visit

pytestmark = pytest.mark.browser

KRS_PAYLOAD = json.loads(
    (Path(__file__).parents[1] / "organizations" / "fixtures" / "krs_odpis_aktualny_S.json").read_text("utf-8")
)


def polish(message: str) -> str:
    with translation.override("pl"):
        return gettext(message)


def submit(page, selector: str = "main form button[type=submit]") -> None:
    with page.expect_navigation():
        page.locator(selector).first.click()


def organization(name: str, **fields) -> Organization:
    fields.setdefault("legal_form", Organization.LegalForm.ASSOCIATION)
    org = Organization(name=name, **fields)
    org.refresh_derived()
    org.save()
    return org


@pytest.fixture
def registry(db, settings, tmp_path):
    """Reference data, a few verified organizations and the foundation of the KRS fixture awaiting verification."""
    settings.MEDIA_ROOT = tmp_path / "media"
    load_districts()
    load_public_benefit_areas()
    for i, district in enumerate(District.objects.all()[:6]):
        organization(f"Stowarzyszenie Dzielnicy {district.name}", krs=f"{700000 + i:010d}", district=district,
                     status=Organization.Status.VERIFIED)  # fmt: skip
    organization("Klub Zawieszony", legal_form="klub_sportowy", status=Organization.Status.SUSPENDED)
    foundation = organization(
        "Fundacja Zażółć Gęślą Jaźń", legal_form=Organization.LegalForm.FOUNDATION, krs="0000598765",
        nip="6762468549", is_opp=True, street="ul. Floriańska 3/5", postal_code="31-019",
        status=Organization.Status.PENDING,
    )  # fmt: skip
    anna = make_person("anna.kowalska@example.org", full_name="Anna Kowalska-Nowak")
    marek = make_person("marek.obcy@example.org", full_name="Marek Obcy")
    Membership.objects.create(organization=foundation, user=anna, role=Membership.Role.ADMIN)
    Membership.objects.create(organization=foundation, user=marek, role=Membership.Role.REPRESENTATIVE)
    return foundation


def test_an_officer_lists_filters_and_verifies_an_organization_against_krs(page, officer, registry, monkeypatch):
    monkeypatch.setattr(krs, "_get", lambda url: KRS_PAYLOAD if "rejestr=S" in url else None)
    sign_in(page, officer.email, totp=True)

    visit(page, "/panel/", "panel-with-organizations")
    page.get_by_role("link", name=polish("Open the verification queue")).click()
    page.wait_for_url("**/panel/organizacje/do-weryfikacji/")
    check_accessibility(page, "organizations-staff-queue")
    assert page.locator("main tbody tr").count() == 1

    visit(page, "/panel/organizacje/", "organizations-staff-list")
    assert page.locator("main tbody tr").count() == 8
    page.locator("#id_status").select_option("verified")
    submit(page, "main form.card button[type=submit]")
    assert "status=verified" in page.url
    assert page.locator("main tbody tr").count() == 6
    check_accessibility(page, "organizations-staff-list-filtered")

    visit(page, "/panel/organizacje/do-weryfikacji/", "organizations-staff-queue-again")
    page.get_by_role("link", name="Fundacja Zażółć Gęślą Jaźń").click()
    page.wait_for_url(f"**/panel/organizacje/{registry.pk}/weryfikacja/")
    check_accessibility(page, "organizations-staff-verify-before-krs")

    submit(page, f"form[action$='/{registry.pk}/weryfikacja/krs/'] button")
    assert page.get_by_text(polish("The current KRS extract has been fetched.")).is_visible()
    assert page.get_by_text("Anna Maria Kowalska-Nowak").is_visible()
    assert page.locator("main .mismatch").count() == 0
    check_accessibility(page, "organizations-staff-verify-with-krs")

    # Rejecting without a reason is refused, the choice stays and the error summary takes focus.
    page.locator("input[name=status][value=rejected]").check()
    submit(page, "main section[aria-labelledby=decision-title] button[type=submit]")
    assert page.locator("[data-error-summary]").is_visible()
    assert page.locator("input[name=status][value=rejected]").is_checked()
    check_accessibility(page, "organizations-staff-verify-errors")

    page.locator("input[name=status][value=verified]").check()
    submit(page, "main section[aria-labelledby=decision-title] button[type=submit]")
    registry.refresh_from_db()
    assert registry.status == Organization.Status.VERIFIED
    check_accessibility(page, "organizations-staff-verified")


def test_when_krs_is_down_the_verification_page_says_so_and_passes_axe(page, officer, registry, monkeypatch):
    def unreachable(url):
        raise krs.KrsUnavailable("timed out")

    monkeypatch.setattr(krs, "_get", unreachable)
    sign_in(page, officer.email, totp=True)
    page.goto(f"/panel/organizacje/{registry.pk}/weryfikacja/")

    submit(page, f"form[action$='/{registry.pk}/weryfikacja/krs/'] button")

    assert page.locator("main .messages").get_by_text("KRS").is_visible()
    assert page.get_by_role("heading", name=polish("Decision")).is_visible()
    check_accessibility(page, "organizations-staff-verify-krs-down")


def test_an_officer_uploads_files_and_reads_the_reports(page, officer, registry):
    sign_in(page, officer.email, totp=True)
    visit(page, "/panel/organizacje/import/", "organizations-staff-import")

    good = (
        "nazwa;forma_prawna;krs;opp;dzielnica;obszary\n"
        "Stowarzyszenie Z Pliku;stowarzyszenie;0000810001;tak;VIII;1,16\n"
        "Fundacja Ślężańska;fundacja;0000810002;nie;Dębniki;32a\n"
    )
    page.locator("#id_file").set_input_files(
        files=[{"name": "organizacje.csv", "mimeType": "text/csv", "buffer": good.encode("cp1250")}]
    )
    submit(page)
    assert "/panel/organizacje/import/" in page.url
    assert page.get_by_role("heading", name=polish("Report")).is_visible()
    assert Organization.objects.get(krs="0000810002").name == "Fundacja Ślężańska"
    check_accessibility(page, "organizations-staff-import-report")

    workbook = Workbook()
    workbook.active.append(["nazwa", "forma_prawna", "krs", "nip"])
    workbook.active.append(["Fundacja Dobra", "fundacja", "0000810003", ""])
    workbook.active.append(["Fundacja Zły NIP", "fundacja", "0000810004", "1234567890"])
    workbook.active.append(["", "coś", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    page.goto("/panel/organizacje/import/")
    page.locator("#id_file").set_input_files(
        files=[{"name": "bledy.xlsx", "mimeType": "application/octet-stream", "buffer": buffer.getvalue()}]
    )
    submit(page)
    rejected = page.locator("main table tbody tr")
    assert rejected.count() == 2
    assert rejected.first.locator("td").first.inner_text() == "3"
    assert "NIP" in rejected.first.inner_text()
    check_accessibility(page, "organizations-staff-import-rejected-rows")

    page.goto("/panel/organizacje/import/")
    page.locator("#id_file").set_input_files(
        files=[{"name": "zle.csv", "mimeType": "text/csv", "buffer": b"kolumna;inna\n1;2\n"}]
    )
    submit(page)
    assert page.get_by_role("heading", name=polish("Nothing was imported")).is_visible()
    check_accessibility(page, "organizations-staff-import-failed")

    visit(page, "/panel/organizacje/import/", "organizations-staff-import-with-history")
    assert page.locator("main table").last.locator("tbody tr").count() == 3


def test_a_running_import_shows_progress_and_the_report_appears_without_reloading(page, officer, registry):
    job = ImportJob.objects.create(
        original_name="rejestr.csv", created_by=officer, status=ImportJob.Status.RUNNING, total_rows=5000,
        processed_rows=1200,
    )  # fmt: skip
    sign_in(page, officer.email, totp=True)

    visit(page, f"/panel/organizacje/import/{job.pk}/", "organizations-staff-import-running")
    progress = page.locator("progress#import-progress")
    assert progress.get_attribute("value") == "1200"
    assert "1\xa0200 z 5\xa0000" in page.locator("#import-rows").inner_text()

    ImportJob.objects.filter(pk=job.pk).update(processed_rows=4000)
    expect(page.locator("#import-progress")).to_have_attribute("value", "4000")
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.DONE, processed_rows=5000, created_count=4990, error_count=10,
        errors=[{"line": n, "errors": ["NIP: zła cyfra kontrolna"]} for n in range(2, 12)],
    )  # fmt: skip
    page.get_by_role("heading", name=polish("Report")).wait_for()

    assert "4\xa0990" in page.locator("#import-status").inner_text()
    assert page.locator("[hx-trigger]").count() == 0, "polling stops once the import is finished"
    assert page.locator("main table tbody tr").count() == 10
    check_accessibility(page, "organizations-staff-import-finished-live")
