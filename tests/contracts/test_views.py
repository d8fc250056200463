"""The office's and the oferent's pages of contracts: who sees what, the list (filters, export, a pinned number of
queries), preparing, editing with a refusal on its field, signing with a scan, annexes, the PDFs and scans, and
what contracts add to the call's pages and the organization's profile."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from razem.contracts import services
from razem.contracts.models import Contract
from tests.contracts.factories import ACCOUNT, BAD_ACCOUNT, YEAR, awarded, call, pdf_upload, prepared, signed
from tests.core.helpers import in_polish, text_of

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def staff(client, officer):
    client.force_login(officer)
    return client


def test_the_office_list_filters_exports_and_costs_the_same_queries_for_more_contracts(
    staff, officer, django_assert_num_queries
):
    first_call = call(department="Wydział Sportu")
    signed(awarded(call_=first_call, name="Klub Sportowy Orzeł"), officer)
    prepared(awarded(name="Fundacja Wiosna"), officer)
    url = reverse("contracts_staff:list")
    with django_assert_num_queries(8) as few:
        page = staff.get(url)
    assert page.status_code == 200
    for n in range(3):
        prepared(awarded(name=f"Stowarzyszenie {n}"), officer)
    waiting = awarded(name="Czeka na umowę")
    with django_assert_num_queries(len(few.captured_queries)):
        assert staff.get(url).status_code == 200
    assert reverse("contracts_staff:prepare", args=[waiting.pk]) in text_of(staff.get(url))
    filtered = text_of(staff.get(url, {"status": "signed"}))
    assert "Klub Sportowy Orzeł" in filtered and "Fundacja Wiosna" not in filtered
    by_department = text_of(staff.get(url, {"department": "Wydział Sportu"}))
    assert "Klub Sportowy Orzeł" in by_department and "Stowarzyszenie 1" not in by_department
    by_call = text_of(staff.get(url, {"call": first_call.slug}))
    assert "Klub Sportowy Orzeł" in by_call and "Fundacja Wiosna" not in by_call
    assert "Klub Sportowy Orzeł" not in text_of(staff.get(url, {"year": YEAR + 3}))
    export = staff.get(url, {"eksport": "csv", "status": "signed"})
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 2 and "Klub Sportowy Orzeł" in ";".join(rows[1])


def test_only_the_office_opens_the_office_pages(client, resident):
    client.force_login(resident)
    assert client.get(reverse("contracts_staff:list")).status_code == 403


def test_preparing_before_the_decision_shows_why_and_makes_nothing(staff):
    offer = awarded(decided=False)
    page = staff.get(reverse("contracts_staff:prepare", args=[offer.pk]))
    assert page.status_code == 403
    assert in_polish("The grant has not been decided yet; the contract is prepared after the decision.") in text_of(
        page
    )
    assert not Contract.objects.exists()


def test_preparing_from_the_page_with_the_suggested_number(staff, officer):
    offer = awarded()
    url = reverse("contracts_staff:prepare", args=[offer.pk])
    page = staff.get(url)
    assert page.status_code == 200 and f"DOT/{YEAR}/001" in text_of(page)
    bad = staff.post(
        url,
        {"number": f"DOT/{YEAR}/001", "principal": "Gmina Miejska Kraków", "organ": "Prezydent Miasta Krakowa",
         "place_of_signing": "Kraków", "bank_account": BAD_ACCOUNT, "signatories_1": "Anna Prezes, Prezeska"},
    )  # fmt: skip
    assert bad.status_code == 400
    assert in_polish(
        "This bank account number is not valid: its check digits do not match. Check for a typo."
    ) in text_of(bad)
    assert BAD_ACCOUNT in text_of(bad) and not Contract.objects.exists()
    done = staff.post(
        url,
        {"number": f"DOT/{YEAR}/001", "principal": "Gmina Miejska Kraków", "organ": "Prezydent Miasta Krakowa",
         "place_of_signing": "Kraków", "bank_account": ACCOUNT, "signatories_1": "Anna Prezes, Prezeska",
         "city_signatories": "Jan Urzędnik", f"due_{YEAR}": timezone.localdate().isoformat()},
    )  # fmt: skip
    contract = Contract.objects.get()
    assert done.status_code == 302 and done["Location"] == contract.get_staff_url()
    assert contract.oferent_signatories[0]["function"] == "Prezeska"
    detail = text_of(staff.get(contract.get_staff_url()))
    assert in_polish("Record the signing") in detail and f"DOT/{YEAR}/001" in detail


def test_a_duplicate_number_is_shown_on_its_field_and_what_was_typed_stays(staff, officer):
    prepared(awarded(), officer, number="DOT/2026/010")
    contract = prepared(awarded(), officer, number="DOT/2026/011")
    page = staff.post(
        reverse("contracts_staff:edit", args=[contract.pk]),
        {"number": "DOT/2026/010", "principal": "Gmina Miejska Kraków", "organ": "Prezydent",
         "place_of_signing": "Kraków", "bank_account": ACCOUNT, "signatories_1": "Anna Prezes",
         "city_signatories": "Ktoś Nowy"},
    )  # fmt: skip
    text = text_of(page)
    assert page.status_code == 400 and "DOT/2026/010" in text and "Ktoś Nowy" in text
    assert 'id="id_number_error"' in page.content.decode()
    contract.refresh_from_db()
    assert contract.number == "DOT/2026/011"


def test_signing_with_a_scan_from_the_page_and_the_oferent_downloads_it(staff, client, officer, media_root):
    offer = awarded()
    contract = prepared(offer, officer)
    wrong = staff.post(
        reverse("contracts_staff:sign", args=[contract.pk]),
        {"signed_on": timezone.localdate().isoformat(), "scan": pdf_upload("umowa.exe")},
    )
    assert wrong.status_code == 400
    assert in_polish("The scan must be a PDF, JPEG or PNG file; this one is %(ext)s.") % {"ext": ".exe"} in text_of(
        wrong
    )
    done = staff.post(
        reverse("contracts_staff:sign", args=[contract.pk]),
        {"signed_on": timezone.localdate().isoformat(), "scan": pdf_upload()},
    )
    assert done.status_code == 302
    contract.refresh_from_db()
    assert contract.status == "signed" and contract.signed_scan_name == "umowa.pdf"
    client.force_login(offer.filer)
    page = client.get(contract.get_absolute_url())
    assert page.status_code == 200 and contract.number in text_of(page)
    scan = client.get(reverse("contracts:scan", args=[contract.pk]))
    assert scan.status_code == 200 and scan["Cache-Control"] == "private, no-store"
    assert b"".join(scan.streaming_content).startswith(b"%PDF")
    pdf = client.get(reverse("contracts:pdf", args=[contract.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_a_stranger_finds_no_contract_nor_its_scan(client, resident, officer, media_root):
    contract = signed(awarded(), officer)
    services.contract_attach_scan(actor=officer, contract=contract, upload=pdf_upload())
    client.force_login(resident)
    for url in (
        contract.get_absolute_url(),
        reverse("contracts:scan", args=[contract.pk]),
        reverse("contracts:pdf", args=[contract.pk]),
    ):
        assert client.get(url).status_code == 404


def test_the_partner_reads_the_contract_and_its_annexes(client, officer, media_root):
    import datetime

    offer = awarded(partner=True)
    contract = signed(offer, officer)
    annex = services.annex_prepare(
        actor=officer, contract=contract, reason="Krótszy termin.", start_date=contract.start_date,
        end_date=contract.end_date - datetime.timedelta(days=3),
    )  # fmt: skip
    client.force_login(offer.partner_person)
    page = text_of(client.get(contract.get_absolute_url()))
    assert "Krótszy termin." in page and "Fundacja Partnerska" in page
    assert client.get(reverse("contracts:annex_pdf", args=[contract.pk, annex.number])).status_code == 200


def test_an_annex_from_the_page_refused_above_the_award_then_prepared(staff, officer):
    contract = signed(awarded(), officer)
    url = reverse("contracts_staff:annex_create", args=[contract.pk])
    page = staff.get(url)
    assert page.status_code == 200
    form = {
        "reason": "Zmiana kosztorysu.", "start_date": contract.start_date.isoformat(),
        "end_date": contract.end_date.isoformat(), "changes_budget": "on",
        "line_1_category": "realization", "line_1_name": "Wynagrodzenie trenera", "line_1_unit": "godzina",
        "line_1_unit_cost": "950,00", "line_1_quantity": "10", f"line_1_{YEAR}": "9 500,00",
        f"funding_{YEAR}_grant": "8 500,00", f"funding_{YEAR}_own_personal": "1 000,00",
    }  # fmt: skip
    refused = staff.post(url, form)
    assert refused.status_code == 400
    assert in_polish("The grant of %(year)s would be %(grant)s, above the %(award)s awarded for that year.") % {
        "year": YEAR,
        "grant": "8\u00a0500,00\u00a0zł",
        "award": "8\u00a0000,00\u00a0zł",
    } in text_of(refused)
    assert not contract.annexes.exists()
    form[f"funding_{YEAR}_grant"], form[f"funding_{YEAR}_own_financial"] = "8 000,00", "500,00"
    done = staff.post(url, form)
    annex = contract.annexes.get()
    assert done.status_code == 302 and done["Location"] == annex.get_staff_url()
    detail = text_of(staff.get(annex.get_staff_url()))
    assert "Zmiana kosztorysu." in detail and in_polish("Record the signing") in detail


def test_the_call_pages_show_the_contracts_and_the_offers_still_without_one(client, staff, officer):
    the_call = call()
    with_contract = awarded(call_=the_call, name="Fundacja Wiosna")
    waiting = awarded(call_=the_call, name="Klub Seniora")
    contract = signed(with_contract, officer)
    the_call.status = "decided"
    the_call.save(update_fields=["status"])
    overview = text_of(staff.get(reverse("grants_staff:edit", args=[the_call.slug])))
    assert in_polish("Prepare the contract") in overview and waiting.number in overview
    assert reverse("contracts_staff:prepare", args=[waiting.pk]) in overview
    assert f"{reverse('contracts_staff:list')}?call={the_call.slug}" in overview  # the tab
    client.logout()
    public = text_of(client.get(the_call.get_absolute_url()))
    assert in_polish("Contracts signed") in public and contract.number in public and "Fundacja Wiosna" in public
    assert "8\u00a0000,00\u00a0zł" in public


def test_the_organization_profile_lists_its_contracts(client, officer):
    offer = awarded(name="Fundacja Wiosna")
    contract = signed(offer, officer)
    draft_offer = awarded(name="Fundacja Wiosna 2")
    prepared(draft_offer, officer)
    profile = offer.organization.get_absolute_url()
    public = text_of(client.get(profile))
    assert contract.number in public and contract.get_absolute_url() not in public
    client.force_login(offer.filer)
    assert contract.get_absolute_url() in client.get(profile).content.decode()
