"""The city staff pages of the NGO registry: the list and the verification queue, verification against KRS,
and the import of organizations from CSV/XLSX with its progress and report."""

import csv
import datetime
import html
import io
import json
import re
from pathlib import Path

import pytest
from conftest import make_person
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from razem.core.models import District, LogEntry, Notification, PublicBenefitArea
from razem.organizations import krs
from razem.organizations.models import ImportJob, Membership, Organization
from tests.core.helpers import in_polish, text_of
from tests.factories import add_membership, make_organization

FIXTURES = Path(__file__).parent / "fixtures"
KRS_PAYLOAD = json.loads((FIXTURES / "krs_odpis_aktualny_S.json").read_text(encoding="utf-8"))

LIST = "/panel/organizacje/"
QUEUE = "/panel/organizacje/do-weryfikacji/"
IMPORT = "/panel/organizacje/import/"
TEMPLATE = "/panel/organizacje/import/wzor.csv"
NBSP = "\xa0"


def verify_url(organization: Organization) -> str:
    return f"/panel/organizacje/{organization.pk}/weryfikacja/"


def job_url(job: ImportJob) -> str:
    return f"/panel/organizacje/import/{job.pk}/"


@pytest.fixture
def staff_client(client, officer):
    client.force_login(officer)
    return client


def names_in_table(response) -> list[str]:
    """The organization names in the list, in the order shown (each links to its verification page)."""
    return re.findall(r'<a href="/panel/organizacje/\d+/weryfikacja/">([^<]+)</a>', response.content.decode())


# Who may open the staff pages

PAGES = ["list", "queue", "verify", "import", "template", "job", "rejected"]


@pytest.fixture
def page_urls(pending_org, officer) -> dict[str, str]:
    job = ImportJob.objects.create(original_name="a.csv", created_by=officer, status=ImportJob.Status.DONE)
    return {
        "list": LIST,
        "queue": QUEUE,
        "verify": verify_url(pending_org),
        "import": IMPORT,
        "template": TEMPLATE,
        "job": job_url(job),
        "rejected": job_url(job) + "odrzucone.csv",
    }


@pytest.mark.parametrize("page", PAGES)
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, page_urls, page):
    response = client.get(page_urls[page])

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logowanie/?next=")


@pytest.mark.parametrize("persona", ["resident", "org_admin", "org_member"])
@pytest.mark.parametrize("page", PAGES)
def test_residents_and_ngo_people_may_not_open_the_staff_pages(client, page_urls, page, persona, request):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(page_urls[page]).status_code == 403


@pytest.mark.parametrize("persona", ["officer", "administrator"])
@pytest.mark.parametrize("page", PAGES)
def test_officers_and_administrators_open_every_staff_page(client, page_urls, page, persona, request):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(page_urls[page]).status_code == 200


@pytest.mark.parametrize("persona", ["resident", "org_admin"])
def test_nobody_but_staff_may_decide_fetch_krs_or_import(client, pending_org, persona, request, media_root):
    client.force_login(request.getfixturevalue(persona))
    upload = SimpleUploadedFile("a.csv", b"nazwa;forma_prawna\nA;fundacja\n")

    assert client.post(verify_url(pending_org), {"status": "verified"}).status_code == 403
    assert client.post(verify_url(pending_org) + "krs/").status_code == 403
    assert client.post(IMPORT, {"file": upload}).status_code == 403
    pending_org.refresh_from_db()
    assert pending_org.status == Organization.Status.PENDING
    assert not ImportJob.objects.exists()


def test_the_office_panel_links_to_the_organizations_and_counts_the_queue(staff_client, pending_org):
    make_organization("Fundacja Druga", status=Organization.Status.PENDING)

    page = text_of(staff_client.get("/panel/"))

    assert 'href="/panel/organizacje/"' in page
    assert 'href="/panel/organizacje/do-weryfikacji/"' in page
    assert re.search(r">2</span>\s*" + re.escape(in_polish("waiting for verification")), page)


# The list and the queue


def test_the_list_shows_organizations_in_every_status_with_their_columns(
    staff_client, verified_org, pending_org, suspended_org
):
    rejected = make_organization(
        "Stowarzyszenie Odrzucone", status=Organization.Status.REJECTED, register_type="ewidencja",
        register_number="EW/12/2020",
    )  # fmt: skip

    response = staff_client.get(LIST)

    assert names_in_table(response) == [
        "Fundacja Nowa Huta Czyta",
        "Klub Sportowy Wisełka",
        "Stowarzyszenie Odrzucone",
        "Stowarzyszenie Przyjaciół Plant",
    ]
    page = text_of(response)
    for organization in (verified_org, pending_org, suspended_org, rejected):
        assert organization.get_status_display() in page
    assert "0000100001" in page
    assert "EW/12/2020" in page
    assert str(District.objects.get(number=1)) in page
    assert '<td class="text-end">3</td>' in page  # members of the verified organization
    assert timezone.localtime(verified_org.created_at).strftime("%d.%m.%Y") in page
    assert in_polish("Awaiting verification (%(count)s)") % {"count": 1} in page


def test_the_list_filters_by_status_search_district_form_and_opp(
    staff_client, verified_org, pending_org, suspended_org
):
    make_organization("Fundacja Żółty Kot", legal_form="fundacja", is_opp=True, status=Organization.Status.REJECTED)

    assert names_in_table(staff_client.get(LIST, {"status": "suspended"})) == ["Klub Sportowy Wisełka"]
    assert names_in_table(staff_client.get(LIST, {"q": "zolty"})) == ["Fundacja Żółty Kot"]
    district = District.objects.get(number=1)
    assert names_in_table(staff_client.get(LIST, {"dzielnica": district.pk})) == ["Stowarzyszenie Przyjaciół Plant"]
    assert names_in_table(staff_client.get(LIST, {"forma": "fundacja"})) == [
        "Fundacja Nowa Huta Czyta",
        "Fundacja Żółty Kot",
    ]
    assert names_in_table(staff_client.get(LIST, {"opp": "tak"})) == ["Fundacja Żółty Kot"]
    area = PublicBenefitArea.objects.filter(code="1").first()
    assert names_in_table(staff_client.get(LIST, {"obszar": area.pk})) == ["Stowarzyszenie Przyjaciół Plant"]
    assert (
        names_in_table(staff_client.get(LIST, {"sortuj": "-nazwa", "status": ""}))[0]
        == "Stowarzyszenie Przyjaciół Plant"
    )


def test_a_wrong_filter_value_says_so_and_keeps_the_search(staff_client, verified_org):
    response = staff_client.get(LIST, {"status": "nonsense", "q": "plant"})

    page = text_of(response)
    assert in_polish("Correct the filter to see the organizations.") in page
    assert 'value="plant"' in page
    assert names_in_table(response) == []


def test_the_queue_lists_only_pending_organizations_the_longest_waiting_first(staff_client, reference_data):
    now = timezone.now()
    for days, name in [(3, "Fundacja Środkowa"), (10, "Stowarzyszenie Najstarsze"), (1, "Fundacja Najnowsza")]:
        make_organization(name, status=Organization.Status.PENDING, created_at=now - datetime.timedelta(days=days))
    make_organization("Fundacja Zweryfikowana", created_at=now - datetime.timedelta(days=30))

    response = staff_client.get(QUEUE)

    assert names_in_table(response) == ["Stowarzyszenie Najstarsze", "Fundacja Środkowa", "Fundacja Najnowsza"]
    assert 'aria-current="page">' + in_polish("Awaiting verification (%(count)s)") % {"count": 3} in text_of(response)
    assert 'name="status"' not in response.content.decode()
    searched = staff_client.get(QUEUE, {"q": "fundacja"})
    assert names_in_table(searched) == ["Fundacja Środkowa", "Fundacja Najnowsza"]
    assert re.search(r'<option value="najstarsze" selected>', searched.content.decode())
    by_name = staff_client.get(QUEUE, {"sortuj": "nazwa"})
    assert names_in_table(by_name) == ["Fundacja Najnowsza", "Fundacja Środkowa", "Stowarzyszenie Najstarsze"]


def test_the_list_pages_by_fifty(staff_client, reference_data):
    Organization.objects.bulk_create(
        [Organization(name=f"Organizacja {i:03d}", legal_form="fundacja") for i in range(120)]
    )

    first = staff_client.get(LIST)
    third = staff_client.get(LIST, {"strona": 3})

    assert len(names_in_table(first)) == 50
    assert names_in_table(third)[0] == "Organizacja 100"
    assert len(names_in_table(third)) == 20
    assert in_polish("Page %(n)s of %(total)s") % {"n": 1, "total": 3} in text_of(first)


def _many_organizations(start: int, stop: int) -> None:
    """Organizations in every status, each with a district, three areas and an administrator."""
    districts = list(District.objects.all())
    areas = list(PublicBenefitArea.objects.all()[:3])
    statuses = [Organization.Status.PENDING, Organization.Status.VERIFIED, Organization.Status.SUSPENDED]
    for i in range(start, stop):
        organization = make_organization(
            f"Organizacja {i:03d}", status=statuses[i % 3], krs=f"{i + 1:010d}", district=districts[i % 18]
        )
        organization.areas.set(areas)
        add_membership(organization, make_person(f"osoba{i}@example.org"), Membership.Role.ADMIN)


def _queries_for(client, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


# Session, user, the staff second-factor check, unread notifications, the district and area choices of the
# filter, the status counts of the tabs, the count and one page of organizations with their member counts.
MAX_LIST_QUERIES = 9


@pytest.mark.parametrize("url", [LIST, QUEUE])
@pytest.mark.parametrize("params", [{}, {"q": "organizacja", "sortuj": "dzielnica"}])
def test_the_list_costs_the_same_number_of_queries_for_5_or_60_organizations(
    staff_client, reference_data, django_assert_max_num_queries, url, params
):
    _many_organizations(0, 5)
    few = _queries_for(staff_client, url, params)
    _many_organizations(5, 60)

    with django_assert_max_num_queries(few):
        response = staff_client.get(url, params)

    assert few <= MAX_LIST_QUERIES
    assert len(names_in_table(response)) == (50 if url == LIST else 20)


def test_the_filtered_list_exports_to_csv_with_the_status(staff_client, verified_org, pending_org, suspended_org):
    response = staff_client.get(LIST, {"forma": "stowarzyszenie", "eksport": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    assert in_polish("Status") in rows[0]
    assert [r[0] for r in rows[1:]] == ["Stowarzyszenie Przyjaciół Plant"]
    assert verified_org.get_status_display() in rows[1]


def test_the_queue_exports_to_xlsx(staff_client, verified_org, pending_org):
    response = staff_client.get(QUEUE, {"eksport": "xlsx"})

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert in_polish("Status") in rows[0]
    assert [r[0] for r in rows[1:]] == ["Fundacja Nowa Huta Czyta"]


# Verification against KRS


@pytest.fixture
def krs_org(reference_data):
    """The foundation of the KRS fixture, registered by Anna Kowalska-Nowak, its board's president in KRS."""
    anna = make_person("anna.kowalska@example.org", full_name="Anna Kowalska-Nowak")
    marek = make_person("marek.obcy@example.org", full_name="Marek Obcy")
    organization = make_organization(
        "Fundacja Zażółć Gęślą Jaźń",
        legal_form=Organization.LegalForm.FOUNDATION,
        status=Organization.Status.PENDING,
        krs="0000598765",
        nip="6762468549",
        regon="365123458",
        is_opp=True,
        street="ul. Floriańska 3/5",
        postal_code="31-019",
        city="Kraków",
    )
    add_membership(organization, anna, Membership.Role.ADMIN)
    add_membership(organization, marek, Membership.Role.REPRESENTATIVE)
    LogEntry.objects.create(
        actor=anna, actor_label="Anna Kowalska-Nowak <anna.kowalska@example.org>",
        action="organizations.organization.registered", object_type="organizations.organization",
        object_id=str(organization.pk), object_repr=organization.name,
    )  # fmt: skip
    return organization


@pytest.fixture
def krs_api(monkeypatch):
    """The KRS API answering from the recorded extract (register S); the URLs it was asked for are kept."""
    asked: list[str] = []

    def fake_get(url: str):
        asked.append(url)
        return KRS_PAYLOAD if "rejestr=S" in url and "0000598765" in url else None

    monkeypatch.setattr(krs, "_get", fake_get)
    return asked


@pytest.fixture
def krs_down(monkeypatch):
    def fake_get(url: str):
        raise krs.KrsUnavailable("timed out")

    monkeypatch.setattr(krs, "_get", fake_get)


def fetch_krs(client, organization):
    return client.post(verify_url(organization) + "krs/", follow=True)


def test_the_verification_page_shows_what_to_check_and_the_data_in_razem(staff_client, krs_org):
    response = staff_client.get(verify_url(krs_org))

    page = text_of(response)
    for item in [
        "The entity exists in KRS and is not in liquidation",
        "The name and address match",
        "The person who registered it is on the board or holds a power of attorney",
        "The seat is in Kraków",
    ]:
        assert in_polish(item) in page
    assert in_polish("No KRS extract has been fetched for this organization yet.") in page
    assert in_polish("Fetch the current KRS extract") in page
    assert "ul. Floriańska 3/5" in page
    assert "Anna Kowalska-Nowak" in page
    assert "Marek Obcy" in page


def test_fetching_the_krs_extract_stores_it_and_compares_it_side_by_side(staff_client, officer, krs_org, krs_api):
    response = fetch_krs(staff_client, krs_org)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0].endswith(verify_url(krs_org) + "#krs")
    krs_org.refresh_from_db()
    assert krs_org.krs_extract["name"] == "FUNDACJA ZAŻÓŁĆ GĘŚLĄ JAŹŃ"
    assert krs_org.krs_checked_at is not None
    assert LogEntry.objects.filter(action__startswith="organizations.organization.krs", actor=officer).exists()
    page = text_of(response)
    assert in_polish("The current KRS extract has been fetched.") in page
    assert "FUNDACJA ZAŻÓŁĆ GĘŚLĄ JAŹŃ" in page
    assert "UL. FLORIAŃSKA 3/5" in page
    assert 'class="mismatch"' not in page  # same name and address, whatever the case and diacritics
    assert in_polish("The name and address are the same as in KRS.") in page
    # The board and the representation rule next to the people in Razem.
    assert "Anna Maria Kowalska-Nowak" in page
    assert "Jan Wiśniewski" in page
    assert "DO SKŁADANIA OŚWIADCZEŃ WOLI W IMIENIU FUNDACJI UPRAWNIONYCH JEST DWÓCH CZŁONKÓW" in page
    assert in_polish("on the board in KRS: %(function)s") % {"function": "prezes zarządu"} in page
    assert in_polish("not on the board in KRS: needs a power of attorney to act for the organization") in page
    assert (
        in_polish("%(person)s is on the board: %(function)s.")
        % {
            "person": "Anna Kowalska-Nowak",
            "function": "prezes zarządu",
        }
        in page
    )
    assert in_polish("Seat in KRS: %(seat)s.") % {"seat": "M. KRAKÓW"} in page
    assert in_polish("KRS extract fetched") in page  # in the history


def test_a_value_that_differs_from_krs_is_marked_in_words_not_only_by_colour(staff_client, krs_org, krs_api):
    Organization.objects.filter(pk=krs_org.pk).update(street="ul. Długa 1", postal_code="31-147")
    fetch_krs(staff_client, krs_org)

    response = staff_client.get(verify_url(krs_org))

    source = response.content.decode()
    rows = re.findall(r'<tr class="table-warning">(.*?)</tr>', source, flags=re.S)
    assert len(rows) == 2
    assert "ul. Długa 1" in rows[0]
    assert "UL. FLORIAŃSKA 3/5" in rows[0]
    assert in_polish("differs") in rows[0]
    assert "31-147" in rows[1]
    page = text_of(response)
    assert (
        in_polish("Different: %(fields)s.")
        % {"fields": ", ".join([in_polish("Street and number"), in_polish("Postal code")])}
        in page
    )


def test_a_stored_extract_is_shown_without_asking_krs_again(staff_client, krs_org, krs_api):
    fetch_krs(staff_client, krs_org)
    asked = len(krs_api)

    response = staff_client.get(verify_url(krs_org))

    assert len(krs_api) == asked
    assert "Anna Maria Kowalska-Nowak" in text_of(response)


def test_when_krs_cannot_be_reached_the_page_says_so_and_still_works(staff_client, krs_org, krs_down):
    response = fetch_krs(staff_client, krs_org)

    assert response.status_code == 200
    page = text_of(response)
    assert (
        in_polish(
            "The KRS service cannot be reached right now, so the extract was not fetched. The rest of the page "
            "works: try again in a few minutes, or check the entry in the KRS search at %(url)s."
        )
        % {"url": "https://wyszukiwarka-krs.ms.gov.pl/"}
        in page
    )
    assert in_polish("Decision") in page
    krs_org.refresh_from_db()
    assert krs_org.krs_extract is None


def test_a_krs_number_unknown_to_krs_is_reported(staff_client, reference_data, monkeypatch):
    monkeypatch.setattr(krs, "_get", lambda url: None)
    organization = make_organization("Fundacja Widmo", krs="0000999999", status=Organization.Status.PENDING)

    page = text_of(fetch_krs(staff_client, organization))

    assert "0000999999" in page
    assert (
        in_polish(
            "KRS has no entity with number %(krs)s in the register of associations (S) nor of entrepreneurs "
            "(P). Check the number with the organization."
        )
        % {"krs": "0000999999"}
        in page
    )


def test_an_organization_outside_krs_is_checked_in_its_own_register(staff_client, reference_data):
    organization = make_organization(
        "Koło Gospodyń Wiejskich w Mogile", legal_form="kgw", register_type="kgw", register_number="KGW/1234",
        status=Organization.Status.PENDING,
    )  # fmt: skip

    page = text_of(staff_client.get(verify_url(organization)))

    assert in_polish("Fetch the current KRS extract") not in page
    assert "KGW/1234" in page


def test_verifying_an_organization_notifies_its_administrators_and_is_in_the_history(
    staff_client, officer, pending_org, org_admin, org_member
):
    response = staff_client.post(verify_url(pending_org), {"status": "verified", "reason": ""}, follow=True)

    assert response.redirect_chain[-1][0] == verify_url(pending_org)
    pending_org.refresh_from_db()
    assert pending_org.status == Organization.Status.VERIFIED
    notified = Notification.objects.filter(kind="organizations/status_changed")
    assert [n.recipient for n in notified] == [org_admin]
    assert LogEntry.objects.filter(action="organizations.organization.verified", actor=officer).exists()
    page = text_of(response)
    assert (
        in_polish("Saved: %(name)s is now “%(status)s”. Its administrators have been notified.")
        % {
            "name": pending_org.name,
            "status": pending_org.get_status_display(),
        }
        in page
    )
    history = page.split(in_polish("History"), 1)[1]
    assert officer.full_name in history
    assert in_polish("Verified") in history


def test_rejecting_without_a_reason_is_refused_and_the_form_keeps_the_choice(staff_client, pending_org):
    response = staff_client.post(verify_url(pending_org), {"status": "rejected", "reason": "   "})

    assert response.status_code == 200
    page = text_of(response)
    assert in_polish("Give the reason: the organization will see it.") in page
    assert re.search(r'<input type="radio" name="status" value="rejected"[^>]*checked', page)
    pending_org.refresh_from_db()
    assert pending_org.status == Organization.Status.PENDING
    assert not Notification.objects.filter(kind="organizations/status_changed").exists()


def test_a_refusal_of_the_service_is_shown_at_the_top_and_keeps_what_was_typed(staff_client, pending_org, monkeypatch):
    """E.g. another officer decided a moment earlier: the service refuses, nothing typed is lost."""
    from django.core.exceptions import ValidationError

    from razem.organizations import services

    def refuse(**kwargs):
        raise ValidationError("The organization already has this status.")

    monkeypatch.setattr(services, "organization_set_status", refuse)

    response = staff_client.post(verify_url(pending_org), {"status": "suspended", "reason": "Brak sprawozdania."})

    assert response.status_code == 200
    page = text_of(response)
    assert "The organization already has this status." in page.split("data-error-summary", 1)[1]
    assert re.search(r'<input type="radio" name="status" value="suspended"[^>]*checked', page)
    assert "Brak sprawozdania.</textarea>" in page


def test_suspending_with_a_reason_keeps_it_and_shows_it(staff_client, pending_org):
    reason = "Brak sprawozdania <b>za 2025</b>."
    staff_client.post(verify_url(pending_org), {"status": "suspended", "reason": reason})

    pending_org.refresh_from_db()
    assert pending_org.status == Organization.Status.SUSPENDED
    assert pending_org.status_reason == reason
    source = staff_client.get(verify_url(pending_org)).content.decode()
    assert "Brak sprawozdania &lt;b&gt;za 2025&lt;/b&gt;." in source
    assert "<b>za 2025</b>" not in source


def test_the_decision_form_does_not_offer_the_current_status(staff_client, verified_org):
    source = staff_client.get(verify_url(verified_org)).content.decode()

    assert 'value="verified"' not in source
    assert 'value="suspended"' in source
    assert 'value="pending"' in source


def test_the_verification_page_of_a_missing_organization_is_404(staff_client, db):
    assert staff_client.get("/panel/organizacje/999999/weryfikacja/").status_code == 404


# Import

HEADER = "nazwa;forma_prawna;krs;nip;opp;dzielnica;obszary;grupy_docelowe;status\n"
GOOD_ROWS = (
    "Stowarzyszenie Przyjaciół Zakrzówka;stowarzyszenie;0000123456;6762389123;tak;VIII;1;seniorzy;verified\n"
    "Fundacja Żółty Tramwaj;fundacja;123457;;nie;Stare Miasto;16,32;dzieci;\n"
    "Klub Sportowy Kraków Wschód;klub_sportowy;0000123458;;;18;;;pending\n"
)


def upload(client, name: str, content: bytes, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(IMPORT, {"file": SimpleUploadedFile(name, content)})
    return response


def last_job() -> ImportJob:
    return ImportJob.objects.latest("created_at", "pk")


@pytest.fixture
def importing(staff_client, reference_data, media_root, django_capture_on_commit_callbacks):
    """Upload a file through the page as an officer; the immediate task backend runs the import on commit."""

    def run(name: str, content: bytes):
        response = upload(staff_client, name, content, django_capture_on_commit_callbacks)
        job = last_job()
        assert response.status_code == 302
        assert response["Location"] == job_url(job)
        return job, staff_client.get(job_url(job))

    return run


def test_the_import_page_lists_the_documented_columns_and_links_the_template(staff_client, reference_data):
    page = text_of(staff_client.get(IMPORT))

    for column in ["nazwa", "forma_prawna", "krs", "dzielnica", "obszary", "grupy_docelowe", "status"]:
        assert f"<code>{column}</code>" in page
    assert 'href="/panel/organizacje/import/wzor.csv"' in page
    assert "<code>seniorzy</code>" in page
    assert "Nowa Huta" in page


def test_the_template_is_a_utf8_csv_with_bom_and_semicolons_holding_every_column(staff_client, db):
    response = staff_client.get(TEMPLATE)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    header = response.content.decode("utf-8-sig").strip().split(";")
    assert header[:4] == ["nazwa", "nazwa_skrocona", "forma_prawna", "rejestr"]
    assert "status" in header


def test_a_good_utf8_csv_imports_every_row_and_shows_the_report(importing, officer):
    job, report = importing("organizacje.csv", (HEADER + GOOD_ROWS).encode("utf-8"))

    assert job.status == ImportJob.Status.DONE
    assert (job.total_rows, job.created_count, job.updated_count, job.error_count) == (3, 3, 0, 0)
    zakrzowek = Organization.objects.get(krs="0000123456")
    assert zakrzowek.is_opp and zakrzowek.status == "verified"
    assert zakrzowek.district.number == 8
    assert [a.code for a in zakrzowek.areas.all()] == ["1"]
    assert [g.code for g in zakrzowek.target_groups.all()] == ["seniorzy"]
    tramwaj = Organization.objects.get(name="Fundacja Żółty Tramwaj")
    assert tramwaj.krs == "0000123457"
    assert tramwaj.district.number == 1
    assert sorted(a.code for a in tramwaj.areas.all()) == ["16", "32"]
    assert Organization.objects.get(krs="0000123458").status == "pending"
    page = text_of(report)
    assert (
        in_polish("Finished: %(added)s added, %(updated)s updated, %(rejected)s rejected.")
        % {
            "added": 3,
            "updated": 0,
            "rejected": 0,
        }
        in page
    )
    assert in_polish("Every row was saved.") in page
    assert 'hx-trigger="every 1s"' not in page
    assert LogEntry.objects.filter(action="organizations.import.started", actor=officer).exists()


def test_a_windows_1250_csv_with_commas_keeps_the_polish_letters(importing):
    content = "nazwa,forma_prawna,krs,dzielnica\nFundacja Źródło Ślężańskie,fundacja,0000222333,Dębniki\n"

    job, _report = importing("cp1250.csv", content.encode("cp1250"))

    assert (job.status, job.created_count, job.error_count) == ("done", 1, 0)
    organization = Organization.objects.get(krs="0000222333")
    assert organization.name == "Fundacja Źródło Ślężańskie"
    assert organization.district.name == "Dębniki"


def test_an_xlsx_sheet_imports_from_its_first_sheet(importing):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nazwa", "Forma prawna", "KRS", "OPP", "Dzielnica"])
    sheet.append(["Stowarzyszenie Arkuszowe", "stowarzyszenie", 123999, "tak", 5])
    sheet.append(["Fundacja Z Excela", "Fundacja", "0000124000", "nie", "XIV"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    job, report = importing("organizacje.xlsx", buffer.getvalue())

    assert (job.status, job.created_count, job.error_count) == ("done", 2, 0)
    assert Organization.objects.get(krs="0000123999").district.number == 5
    assert Organization.objects.get(name="Fundacja Z Excela").is_opp is False


def test_a_file_with_wrong_columns_fails_with_a_clear_message_and_imports_nothing(importing):
    job, report = importing("zle.csv", "organizacja;typ;numer\nCoś;fundacja;1\n".encode())

    assert job.status == ImportJob.Status.FAILED
    assert "nazwa" in job.message
    assert not Organization.objects.exists()
    page = text_of(report)
    assert in_polish("Nothing was imported") in page
    assert job.message in page
    assert in_polish("The import failed: the file could not be read.") in page


def test_broken_rows_are_reported_with_their_lines_and_the_good_rows_are_saved(importing, staff_client):
    content = (
        HEADER
        + "Fundacja Dobra;fundacja;0000300001;;;;;;\n"
        + "Fundacja Zły NIP;fundacja;0000300002;1234567890;;;;;\n"
        + "Coś Dziwnego;spółka akcyjna;0000300003;;;;;;\n"
        + ";fundacja;0000300004;;;XX;99;;\n"
        + "Stowarzyszenie Dobre;stowarzyszenie;0000300005;;tak;;;;\n"
    )

    job, report = importing("mieszany.csv", content.encode())

    assert (job.created_count, job.error_count) == (2, 3)
    assert set(Organization.objects.values_list("krs", flat=True)) == {"0000300001", "0000300005"}
    assert [e["line"] for e in job.errors] == [3, 4, 5]
    source = report.content.decode()
    table = source.split('id="rejected-title"', 1)[1]
    lines = re.findall(r"<tr><td>(\d+)</td>", table)
    assert lines == ["3", "4", "5"]
    assert "NIP" in table
    assert "spółka akcyjna" in text_of(report)
    csv_response = staff_client.get(job_url(job) + "odrzucone.csv")
    content = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[0] == ["wiersz", "powody", *HEADER.strip().split(";")]  # only the columns the file had
    assert [r[0] for r in rows[1:]] == ["3", "4", "5"]
    assert rows[1][2] == "Fundacja Zły NIP"
    assert "NIP" in rows[1][1]


def test_importing_the_same_file_twice_updates_instead_of_duplicating(importing):
    content = (HEADER + GOOD_ROWS).encode("utf-8")
    first, _ = importing("organizacje.csv", content)

    second, report = importing("organizacje.csv", content)

    assert (first.created_count, first.updated_count) == (3, 0)
    assert (second.created_count, second.updated_count, second.error_count) == (0, 3, 0)
    assert Organization.objects.count() == 3
    assert in_polish("Finished: %(added)s added, %(updated)s updated, %(rejected)s rejected.") % {
        "added": 0,
        "updated": 3,
        "rejected": 0,
    } in text_of(report)


def test_a_file_that_is_not_csv_nor_xlsx_is_refused_on_the_form(staff_client, reference_data, media_root):
    response = staff_client.post(IMPORT, {"file": SimpleUploadedFile("lista.pdf", b"%PDF-1.4")})

    assert response.status_code == 200
    assert in_polish("Choose a .csv or .xlsx file.") in text_of(response)
    assert not ImportJob.objects.exists()


def test_the_import_page_lists_recent_imports(importing, staff_client):
    job, _ = importing("organizacje.csv", (HEADER + GOOD_ROWS).encode("utf-8"))

    page = text_of(staff_client.get(IMPORT))

    assert f'href="{job_url(job)}"' in page
    assert "organizacje.csv" in page


def test_a_running_import_shows_its_progress_and_polls_for_more(staff_client, officer):
    job = ImportJob.objects.create(
        original_name="duzy.csv", created_by=officer, status=ImportJob.Status.RUNNING, total_rows=5000,
        processed_rows=1200,
    )  # fmt: skip

    page = text_of(staff_client.get(job_url(job)))

    assert 'hx-trigger="every 1s"' in page
    assert '<progress id="import-progress"' in page
    assert 'max="5000" value="1200"' in page
    assert in_polish("%(done)s of %(total)s rows") % {"done": f"1{NBSP}200", "total": f"5{NBSP}000"} in page
    assert 'aria-live="polite"' in page


def test_the_progress_partial_answers_htmx_and_stops_polling_when_done(staff_client, officer):
    job = ImportJob.objects.create(
        original_name="duzy.csv", created_by=officer, status=ImportJob.Status.RUNNING, total_rows=10, processed_rows=3
    )

    running = staff_client.get(job_url(job), headers={"HX-Request": "true"}).content.decode()
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.DONE, processed_rows=10, created_count=10)
    done = staff_client.get(job_url(job), headers={"HX-Request": "true"}).content.decode()

    assert "<html" not in running
    assert running.lstrip().startswith('<div id="import-job" hx-get=')
    assert 'hx-trigger="every 1s"' in running
    assert 'hx-swap-oob="innerHTML"' in running
    assert "hx-trigger" not in done
    assert "HX-Request" in staff_client.get(job_url(job))["Vary"]
    assert in_polish("Report") in html.unescape(done)


def test_a_long_list_of_rejected_rows_is_paginated(staff_client, officer):
    errors = [{"line": n, "errors": [f"NIP: zły numer w wierszu {n}"]} for n in range(2, 252)]
    job = ImportJob.objects.create(
        original_name="duzo-bledow.csv", created_by=officer, status=ImportJob.Status.DONE, total_rows=250,
        error_count=250, errors=errors,
    )  # fmt: skip

    first = staff_client.get(job_url(job)).content.decode()
    third = staff_client.get(job_url(job), {"strona": 3}).content.decode()

    assert len(re.findall(r"<tr><td>\d+</td>", first)) == 100
    assert re.findall(r"<tr><td>(\d+)</td>", third)[0] == "202"
    assert "strona=2" in first
