"""The public pages of the NGO registry as people use them: the directory and its export, profiles,
registration (with the KRS lookup) and editing, with the permission matrix for each action."""

import csv
import io
import re

import pytest
from conftest import make_person
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from PIL import Image

from razem.core.models import District, LogEntry, Notification, PublicBenefitArea
from razem.core.reference import forget_choices
from razem.organizations import krs
from razem.organizations.models import Membership, Organization
from tests.core.helpers import in_polish, text_of
from tests.factories import add_membership, make_organization

STATUSES = ["pending", "verified", "suspended"]
PERSONAS = ["anonymous", "resident", "org_member", "org_representative", "org_admin", "officer", "administrator"]


@pytest.fixture
def organizations(verified_org, pending_org, suspended_org) -> dict[str, Organization]:
    return {"verified": verified_org, "pending": pending_org, "suspended": suspended_org}


@pytest.fixture
def as_persona(client, request):
    """Sign the test client in as a persona by name ("anonymous" stays signed out)."""

    def sign_in(name: str):
        if name != "anonymous":
            client.force_login(request.getfixturevalue(name))
        return client

    return sign_in


def png_bytes(size: tuple[int, int] = (8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (22, 50, 92)).save(buffer, format="PNG")
    return buffer.getvalue()


def area(code: str) -> PublicBenefitArea:
    return PublicBenefitArea.objects.valid_on(timezone.localdate()).get(code=code)


# The directory


def test_the_directory_lists_only_verified_organizations_with_their_public_details(client, organizations):
    plants = organizations["verified"]
    plants.short_name = "Planty"
    plants.is_opp = True
    plants.save()

    response = client.get("/organizacje/")

    assert response.status_code == 200
    page = text_of(response)
    assert "Stowarzyszenie Przyjaciół Plant" in page
    assert "Planty" in page
    assert plants.get_absolute_url() in page
    assert plants.get_legal_form_display() in page
    assert str(District.objects.get(number=1)) in page
    assert area("1").name[:40] in page
    assert ">OPP</abbr>" in page
    assert "Fundacja Nowa Huta Czyta" not in page  # pending
    assert "Klub Sportowy Wisełka" not in page  # suspended


def test_the_directory_has_a_labelled_filter_form_with_a_submit_button_that_works_without_javascript(
    client, reference_data
):
    response = client.get("/organizacje/")
    page = response.content.decode()

    form = re.search(r'<form method="get" action="/organizacje/" role="search".*?</form>', page, re.S).group(0)
    for name in ["q", "obszar", "dzielnica", "forma", "opp", "sortuj"]:
        assert f'<label class="form-label" for="id_{name}">' in form
        assert f'name="{name}"' in form
    assert '<button type="submit"' in form
    assert 'hx-get="/organizacje/"' in form and 'hx-push-url="true"' in form


def test_the_filter_form_shows_the_values_chosen_and_a_renamed_area_at_once(client, reference_data):
    chosen, district = area("3"), District.objects.get(number=2)
    params = {"obszar": chosen.pk, "dzielnica": district.pk, "opp": "tak", "sortuj": "-nazwa"}

    def filter_form(params: dict) -> str:
        page = client.get("/organizacje/", params).content.decode()
        return re.search(r'<form method="get" action="/organizacje/" role="search".*?</form>', page, re.S).group(0)

    form = filter_form(params)
    for value in [chosen.pk, district.pk, "tak", "-nazwa"]:
        assert f'<option value="{value}" selected>' in form
    unfiltered = filter_form({})
    assert not any(f'<option value="{value}" selected>' in unfiltered for value in [chosen.pk, district.pk, "tak"])

    PublicBenefitArea.objects.filter(pk=chosen.pk).update(name="Nowe brzmienie obszaru")
    forget_choices()  # what loading the reference data does
    assert f'<option value="{chosen.pk}" selected>{chosen.code}. Nowe brzmienie obszaru</option>' in filter_form(params)


def test_the_filter_form_speaks_the_language_of_each_request(client, reference_data):
    client.cookies["django_language"] = "en"
    english = client.get("/organizacje/", {"opp": "tak"}).content.decode()
    client.cookies["django_language"] = "pl"
    polish = client.get("/organizacje/", {"opp": "tak"}).content.decode()

    assert "Public benefit organizations only</option>" in english
    assert f"{in_polish('Public benefit organizations only')}</option>" in polish


@pytest.mark.parametrize("typed", ["zazolc", "ZAZOLC", "Zażółć", "gesla jazn", "jaźń zażółć"])
def test_the_search_ignores_polish_diacritics_and_case(client, reference_data, typed):
    make_organization("Fundacja Zażółć Gęślą Jaźń", krs="0000654321")
    make_organization("Stowarzyszenie Inne", krs="0000654322")

    page = text_of(client.get("/organizacje/", {"q": typed}))

    assert "Fundacja Zażółć Gęślą Jaźń" in page
    assert "Stowarzyszenie Inne" not in page


def test_the_search_finds_a_krs_number_and_a_word_of_the_description(client, reference_data):
    make_organization("Fundacja Alfa", krs="0000777001", description="Prowadzimy świetlicę dla dzieci.")
    make_organization("Fundacja Beta", krs="0000777002")

    assert "Fundacja Alfa" in text_of(client.get("/organizacje/", {"q": "0000777001"}))
    assert "Fundacja Beta" not in text_of(client.get("/organizacje/", {"q": "0000777001"}))
    assert "Fundacja Alfa" in text_of(client.get("/organizacje/", {"q": "swietlice"}))


def test_the_filters_narrow_the_list_by_area_district_legal_form_and_opp(client, reference_data):
    first, second = District.objects.get(number=1), District.objects.get(number=2)
    make_organization("A Fundacja w I", legal_form="fundacja", district=first, areas=[area("1")], is_opp=True)
    make_organization("B Stowarzyszenie w II", legal_form="stowarzyszenie", district=second, areas=[area("3")])

    def names(**params):
        page = text_of(client.get("/organizacje/", params))
        return [n for n in ["A Fundacja w I", "B Stowarzyszenie w II"] if n in page]

    assert names() == ["A Fundacja w I", "B Stowarzyszenie w II"]
    assert names(obszar=area("3").pk) == ["B Stowarzyszenie w II"]
    assert names(dzielnica=first.pk) == ["A Fundacja w I"]
    assert names(forma="stowarzyszenie") == ["B Stowarzyszenie w II"]
    assert names(opp="tak") == ["A Fundacja w I"]
    assert names(opp="nie") == ["B Stowarzyszenie w II"]
    assert names(forma="fundacja", opp="nie") == []


def test_the_directory_sorts_by_name_in_both_directions(client, reference_data):
    for name in ["Beta", "Alfa", "Gamma"]:
        make_organization(f"Fundacja {name}")

    def order(sort: str) -> list[str]:
        page = text_of(client.get("/organizacje/", {"sortuj": sort}))
        return sorted(["Alfa", "Beta", "Gamma"], key=lambda n: page.index(f"Fundacja {n}"))

    assert order("nazwa") == ["Alfa", "Beta", "Gamma"]
    assert order("-nazwa") == ["Gamma", "Beta", "Alfa"]


def test_the_directory_shows_the_number_found_and_pages_of_25_keeping_the_filters(client, reference_data):
    for n in range(30):
        make_organization(f"Fundacja Numer {n:02d}", areas=[area("1")])
    make_organization("Stowarzyszenie Poza Filtrem")

    response = client.get("/organizacje/", {"q": "numer", "obszar": area("1").pk})
    page = text_of(response)

    assert response.context["page"].paginator.count == 30
    assert len(response.context["page"].object_list) == 25
    assert "Fundacja Numer 24" in page and "Fundacja Numer 25" not in page
    assert "Stowarzyszenie Poza Filtrem" not in page
    assert f"?q=numer&obszar={area('1').pk}&strona=2" in page  # the next-page link keeps the filters

    second = text_of(client.get("/organizacje/", {"q": "numer", "obszar": area("1").pk, "strona": 2}))
    assert "Fundacja Numer 25" in second and "Fundacja Numer 29" in second and "Fundacja Numer 00" not in second


def test_an_unknown_filter_value_is_explained_instead_of_showing_everything(client, verified_org):
    response = client.get("/organizacje/", {"obszar": "999999"})

    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
    assert in_polish(
        "One of the filters has a value we do not know. Correct it or clear the filters to see organizations."
    ) in text_of(response)


def test_an_htmx_request_gets_only_the_results_and_an_announcement_of_their_number(client, verified_org):
    response = client.get("/organizacje/", {"q": "plant"}, headers={"HX-Request": "true"})
    page = response.content.decode()

    assert response.status_code == 200
    assert "<html" not in page and "<form" not in page
    assert "Stowarzyszenie Przyjaciół Plant" in text_of(response)
    assert 'id="results-announcer" hx-swap-oob="innerHTML"' in page
    assert "HX-Request" in response["Vary"]


def test_the_htmx_history_restore_gets_the_whole_page(client, verified_org):
    response = client.get("/organizacje/", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})

    assert "<html" in response.content.decode()


def _organizations_with_three_areas(count: int, start: int = 0) -> None:
    districts = list(District.objects.all())
    areas = list(PublicBenefitArea.objects.valid_on(timezone.localdate())[:6])
    for n in range(start, start + count):
        make_organization(
            f"Organizacja {n:03d}",
            krs=f"{n + 1:010d}",
            district=districts[n % len(districts)],
            areas=areas[n % 3 : n % 3 + 3],
            is_opp=n % 2 == 0,
        )


DIRECTORY_QUERIES = 4  # page and total, areas of the page, and the two lists of the filter form (kept per process
# outside the tests: RAZEM_REFERENCE_CACHE_SECONDS)


def test_the_first_page_of_the_directory_costs_the_same_queries_for_5_and_60_organizations(
    client, reference_data, django_assert_num_queries, django_assert_max_num_queries
):
    _organizations_with_three_areas(5)
    client.get("/organizacje/")  # warm the content-type and translation caches
    with django_assert_max_num_queries(DIRECTORY_QUERIES) as small:
        response = client.get("/organizacje/")
    assert response.context["page"].paginator.count == 5

    _organizations_with_three_areas(55, start=5)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get("/organizacje/")
    assert response.context["page"].paginator.count == 60
    assert len(response.context["page"].object_list) == 25
    assert all(len(o.card_areas) == 3 for o in response.context["page"].object_list)


def test_a_filtered_search_page_also_costs_a_fixed_number_of_queries(
    client, reference_data, django_assert_max_num_queries
):
    _organizations_with_three_areas(60)
    with django_assert_max_num_queries(DIRECTORY_QUERIES):
        client.get("/organizacje/", {"q": "organizacja", "opp": "tak", "sortuj": "dzielnica", "strona": "2"})


# Export


def _csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def test_the_directory_exports_the_filtered_list_to_csv_for_polish_excel(client, reference_data, organizations):
    plants = organizations["verified"]
    plants.nip, plants.regon, plants.is_opp, plants.phone = "1234563218", "123456785", True, "+48 12 345 67 89"
    plants.street, plants.postal_code, plants.website = "ul. Plantowa 1", "31-001", "https://planty.example.org"
    plants.save()
    plants.areas.add(area("3"))
    make_organization("Fundacja Inna", krs="0000100009")

    response = client.get("/organizacje/eksport.csv", {"q": "plant"})

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="organizacje-{timezone.localdate():%Y-%m-%d}.csv"'
    header, *rows = _csv_rows(response)
    assert header == [
        in_polish(label)
        for label in [
            "Name", "Short name", "Legal form", "KRS number", "NIP", "REGON", "OPP status", "Address", "District",
            "Public-benefit areas", "Website", "E-mail", "Phone",
        ]
    ]  # fmt: skip
    assert rows == [
        [
            "Stowarzyszenie Przyjaciół Plant", "", plants.get_legal_form_display(), "0000100001", "1234563218",
            "123456785", in_polish("yes"), "ul. Plantowa 1, 31-001 Kraków", str(plants.district), "1, 3",
            "https://planty.example.org", "kontakt@planty.example.org", "+48 12 345 67 89",
        ]
    ]  # fmt: skip


def test_the_export_never_contains_organizations_outside_the_directory_nor_private_fields(
    client, organizations, django_assert_max_num_queries
):
    organizations["verified"].status_reason = "notatka urzędu"
    organizations["verified"].save()

    with django_assert_max_num_queries(3):
        body = b"".join(client.get("/organizacje/eksport.csv").streaming_content).decode()

    assert "Stowarzyszenie Przyjaciół Plant" in body
    assert "Fundacja Nowa Huta Czyta" not in body and "Klub Sportowy Wisełka" not in body
    assert "notatka urzędu" not in body
    assert "olga.adamska@example.org" not in body  # members are not public


def test_a_name_that_looks_like_a_formula_is_exported_as_plain_text(client, reference_data):
    make_organization('=HYPERLINK("http://evil.example","Kliknij")', phone="+48 600 100 200")

    rows = _csv_rows(client.get("/organizacje/eksport.csv"))
    workbook = load_workbook(io.BytesIO(client.get("/organizacje/eksport.xlsx").content))

    assert rows[1][0] == '\'=HYPERLINK("http://evil.example","Kliknij")'
    assert rows[1][12] == "+48 600 100 200"
    cell = workbook.active["A2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_the_directory_exports_the_same_list_to_xlsx(client, reference_data, organizations):
    response = client.get("/organizacje/eksport.xlsx", {"forma": "stowarzyszenie"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == f'attachment; filename="organizacje-{timezone.localdate():%Y-%m-%d}.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == in_polish("Name")
    assert rows[1][:4] == [
        "Stowarzyszenie Przyjaciół Plant",
        "",
        organizations["verified"].get_legal_form_display(),
        "0000100001",
    ]
    assert len(rows) == 2


def test_the_directory_links_to_both_downloads_with_its_filters(client, verified_org):
    page = text_of(client.get("/organizacje/", {"q": "plant"}))

    assert 'href="/organizacje/eksport.csv?q=plant"' in page
    assert 'href="/organizacje/eksport.xlsx?q=plant"' in page
    assert in_polish("Download CSV") in page and in_polish("Download XLSX") in page


def test_an_unknown_export_format_is_not_found(client, verified_org):
    assert client.get("/organizacje/eksport.pdf").status_code == 404


# The profile


def test_the_profile_shows_the_public_details_of_the_organization(client, verified_org, media_root):
    verified_org.short_name = "Planty"
    verified_org.nip = "1234563218"
    verified_org.regon = "123456785"
    verified_org.is_opp = True
    verified_org.street, verified_org.postal_code = "ul. Plantowa 1", "31-001"
    verified_org.website = "https://planty.example.org"
    verified_org.phone = "+48 12 345 67 89"
    verified_org.facebook = "https://facebook.com/planty"
    verified_org.description = "Dbamy o Planty.\nSprzątamy co sobotę."
    verified_org.logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    verified_org.save()
    verified_org.target_groups.set(verified_org.target_groups.model.objects.filter(code="seniorzy"))

    response = client.get(verified_org.get_absolute_url())
    page = text_of(response)

    assert response.status_code == 200
    for text in [
        "Stowarzyszenie Przyjaciół Plant", "Planty", "0000100001", "123-456-32-18", "123456785",
        "ul. Plantowa 1, 31-001 Kraków", str(verified_org.district), area("1").name, "Seniorzy",
        "https://planty.example.org", "kontakt@planty.example.org", "+48 12 345 67 89", "https://facebook.com/planty",
        verified_org.get_legal_form_display(),
    ]:  # fmt: skip
        assert text in page, text
    assert "<p>Dbamy o Planty.<br>Sprzątamy co sobotę.</p>" in page
    assert re.search(r'<img src="/media/organizations/logos/\d{4}/logo[^"]*\.png" alt="[^"]*Przyjaciół Plant"', page)


def test_html_typed_into_a_profile_is_shown_as_text_and_never_runs(client, reference_data):
    organization = make_organization(
        "<script>alert(1)</script> Fundacja", short_name="<b>krótka</b>", description="<script>alert(1)</script>"
    )

    page = client.get(organization.get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>krótka</b>" not in page and "&lt;b&gt;krótka&lt;/b&gt;" in page
    listing = client.get("/organizacje/").content.decode()
    assert "<script>alert(1)</script>" not in listing


def test_a_wrong_slug_redirects_permanently_to_the_right_address(client, verified_org):
    right = verified_org.get_absolute_url()

    wrong = client.get(f"/organizacje/{verified_org.pk}-stara-nazwa/")
    bare = client.get(f"/organizacje/{verified_org.pk}/")

    assert wrong.status_code == 301 and wrong["Location"] == right
    assert bare.status_code == 301 and bare["Location"] == right
    assert right == f"/organizacje/{verified_org.pk}-stowarzyszenie-przyjaciol-plant/"


def test_a_wrong_slug_of_a_hidden_organization_is_not_found_rather_than_redirected(client, pending_org):
    assert client.get(f"/organizacje/{pending_org.pk}-cokolwiek/").status_code == 404
    assert client.get(f"/organizacje/{pending_org.pk}/").status_code == 404


def test_members_see_a_status_banner_on_an_organization_awaiting_verification(client, pending_org, org_member):
    client.force_login(org_member)

    page = text_of(client.get(pending_org.get_absolute_url()))

    assert in_polish("Awaiting verification") in page
    assert (
        in_polish(
            "The city office has not verified this organization yet. Until it does, the organization is not shown in "
            "the public directory; only its people and the office see this page."
        )
        in page
    )


def test_the_banner_of_a_suspended_organization_gives_the_reason(client, suspended_org, officer):
    client.force_login(officer)

    page = text_of(client.get(suspended_org.get_absolute_url()))

    assert in_polish("Suspended") in page
    assert "Brak sprawozdania za 2025 r." in page


def test_the_profile_has_no_placeholder_for_events_or_bodies(client, verified_org):
    page = text_of(client.get(verified_org.get_absolute_url())).lower()

    for word in ["events", "bodies", in_polish("Events").lower(), "wydarzenia"]:
        assert word not in page


def test_administrators_see_links_to_edit_and_members_and_others_do_not(client, verified_org, org_admin, resident):
    edit, members = (
        reverse("organizations:edit", args=[verified_org.pk]),
        reverse("organizations:members", args=[verified_org.pk]),
    )
    client.force_login(org_admin)
    page = client.get(verified_org.get_absolute_url()).content.decode()
    assert f'href="{edit}"' in page and f'href="{members}"' in page

    client.force_login(resident)
    page = client.get(verified_org.get_absolute_url()).content.decode()
    assert f'href="{edit}"' not in page and f'href="{members}"' not in page
    assert reverse("organizations:join", args=[verified_org.pk]) in page


# Who may do what: personas × organization status, asked through the pages themselves.

LOGIN = "login"  # redirected to the sign-in page
VIEW_MATRIX = {
    "anonymous": {"pending": 404, "verified": 200, "suspended": 404},
    "resident": {"pending": 404, "verified": 200, "suspended": 404},
    "org_member": {"pending": 200, "verified": 200, "suspended": 200},
    "org_representative": {"pending": 200, "verified": 200, "suspended": 200},
    "org_admin": {"pending": 200, "verified": 200, "suspended": 200},
    "officer": {"pending": 200, "verified": 200, "suspended": 200},
    "administrator": {"pending": 200, "verified": 200, "suspended": 200},
}
EDIT_MATRIX = {
    "anonymous": {"pending": LOGIN, "verified": LOGIN, "suspended": LOGIN},
    "resident": {"pending": 404, "verified": 403, "suspended": 404},
    "org_member": {"pending": 403, "verified": 403, "suspended": 403},
    "org_representative": {"pending": 403, "verified": 403, "suspended": 403},
    "org_admin": {"pending": 200, "verified": 200, "suspended": 200},
    "officer": {"pending": 200, "verified": 200, "suspended": 200},
    "administrator": {"pending": 200, "verified": 200, "suspended": 200},
}


def _status(response) -> int | str:
    if response.status_code == 302 and response["Location"].startswith(reverse("account_login")):
        return LOGIN
    return response.status_code


def _matrix(table):
    return [
        pytest.param(persona, status, expected, id=f"{persona}-{status}")
        for persona, row in table.items()
        for status, expected in row.items()
    ]


@pytest.mark.parametrize(("persona", "status", "expected"), _matrix(VIEW_MATRIX))
def test_who_may_see_a_profile(as_persona, organizations, persona, status, expected):
    organization = organizations[status]

    assert _status(as_persona(persona).get(organization.get_absolute_url())) == expected


@pytest.mark.parametrize(("persona", "status", "expected"), _matrix(EDIT_MATRIX))
def test_who_may_open_the_edit_page(as_persona, organizations, persona, status, expected):
    organization = organizations[status]

    assert _status(as_persona(persona).get(reverse("organizations:edit", args=[organization.pk]))) == expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_anyone_may_export_the_directory(as_persona, verified_org, persona):
    client = as_persona(persona)

    assert client.get("/organizacje/eksport.csv").status_code == 200
    assert client.get("/organizacje/eksport.xlsx").status_code == 200


def test_a_rejected_or_dissolved_organization_can_no_longer_be_edited_by_its_administrator(
    client, verified_org, org_admin
):
    client.force_login(org_admin)
    for status in ["rejected", "dissolved"]:
        Organization.objects.filter(pk=verified_org.pk).update(status=status)
        assert client.get(reverse("organizations:edit", args=[verified_org.pk])).status_code == 403


# Registration


def extract_for(number: str = "0000654321", **changes) -> krs.KrsExtract:
    data = {
        "krs": number,
        "register": "S",
        "name": "FUNDACJA ZAŻÓŁĆ GĘŚLĄ JAŹŃ",
        "legal_form": "FUNDACJA",
        "nip": "1234563218",
        "regon": "12345678500000",
        "street": "ul. Floriańska 3",
        "postal_code": "31-019",
        "city": "KRAKÓW",
        "municipality": "KRAKÓW",
        "email": "BIURO@ZAZOLC.EXAMPLE.ORG",
        "website": "www.zazolc.example.org",
        "board_name": "ZARZĄD",
        "representation_rule": "Dwóch członków zarządu łącznie.",
        "board": [krs.BoardMember("Anna Nowak", "Prezes Zarządu"), krs.BoardMember("Jan Kowal", "Członek Zarządu")],
        "is_opp": True,
    }
    data.update(changes)
    return krs.KrsExtract(**data)


@pytest.fixture
def krs_answers(monkeypatch):
    """What the KRS API answers, by number: an extract, or an exception to raise. Nothing goes to the network."""
    answers: dict[str, object] = {}

    def fetch(number: str) -> krs.KrsExtract:
        answer = answers.get(number, krs.KrsNotFound(number))
        if isinstance(answer, Exception):
            raise answer
        return answer

    def no_network(url):
        raise AssertionError(f"a test tried to reach the KRS API: {url}")

    monkeypatch.setattr(krs, "_get", no_network)
    monkeypatch.setattr(krs, "fetch_extract", fetch)
    return answers


def form_data(**changes) -> dict:
    data = {
        "name": "Fundacja Zażółć Gęślą Jaźń",
        "short_name": "Zażółć",
        "legal_form": "fundacja",
        "register_type": "krs",
        "krs": "0000654321",
        "register_number": "",
        "nip": "123-456-32-18",
        "regon": "123456785",
        "street": "ul. Floriańska 3",
        "postal_code": "31-019",
        "city": "Kraków",
        "district": "",
        "description": "Uczymy dzieci pisać bez błędów.",
        "website": "https://zazolc.example.org",
        "email": "biuro@zazolc.example.org",
        "phone": "+48 12 000 00 00",
        "facebook": "",
        "instagram": "",
        "linkedin": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_registering_needs_an_account(client, reference_data):
    response = client.get("/organizacje/zarejestruj/")

    assert _status(response) == LOGIN
    assert "next=/organizacje/zarejestruj/" in response["Location"]


def test_step_one_asks_for_the_krs_number_or_offers_the_form_without_it(client, resident, reference_data):
    client.force_login(resident)

    page = text_of(client.get("/organizacje/zarejestruj/"))

    assert '<label class="form-label" for="id_krs">' in page
    assert 'href="/organizacje/zarejestruj/?bez-krs=1"' in page
    assert in_polish("My organization is not in KRS") in page


def test_a_krs_lookup_fills_in_step_two_from_the_extract(client, resident, reference_data, krs_answers):
    krs_answers["0000654321"] = extract_for()
    client.force_login(resident)

    response = client.get("/organizacje/zarejestruj/", {"krs": "654321"})
    page = text_of(response)

    assert response.templates[0].name == "organizations/register_form.html"
    form = response.context["form"]
    assert form.initial["name"] == "FUNDACJA ZAŻÓŁĆ GĘŚLĄ JAŹŃ"
    assert form.initial["legal_form"] == "fundacja"
    assert form.initial["regon"] == "123456785"
    assert form.initial["city"] == "Kraków"
    assert form.initial["website"] == "https://www.zazolc.example.org"
    assert form.initial["is_opp"] is True
    assert 'value="FUNDACJA ZAŻÓŁĆ GĘŚLĄ JAŹŃ"' in page and 'value="0000654321"' in page
    assert (
        in_polish(
            "We filled in the form from the KRS extract. Check the data, then add the areas, "
            "the description and the contacts."
        )
        in page
    )


def test_when_krs_cannot_be_reached_step_two_opens_empty_with_the_number_and_says_why(
    client, resident, reference_data, krs_answers
):
    krs_answers["0000654321"] = krs.KrsUnavailable("timeout")
    client.force_login(resident)

    response = client.get("/organizacje/zarejestruj/", {"krs": "0000654321"})
    page = text_of(response)

    assert response.context["form"].initial == {"krs": "0000654321", "register_type": "krs"}
    assert 'value="0000654321"' in page
    message = in_polish(
        "We could not connect to the National Court Register (KRS) just now, so the form is empty. "
        "Fill it in yourself: the city office will check the data against KRS when verifying."
    )
    assert message in page


def test_a_number_not_in_krs_opens_step_two_and_says_it_was_not_found(client, resident, reference_data, krs_answers):
    client.force_login(resident)

    page = text_of(client.get("/organizacje/zarejestruj/", {"krs": "0000999999"}))

    assert (
        in_polish(
            "No organization with KRS number %(krs)s was found in the National Court Register. "
            "Check the number, or fill in the form yourself."
        )
        % {"krs": "0000999999"}
        in page
    )
    assert 'value="0000999999"' in page


def test_a_mistyped_krs_number_at_step_one_gets_a_polish_message(client, resident, reference_data, krs_answers):
    client.force_login(resident)

    response = client.get("/organizacje/zarejestruj/", {"krs": "12ab"})

    assert response.templates[0].name == "organizations/register_lookup.html"
    assert in_polish("A KRS number contains only digits, e.g. 0000123456.") in text_of(response)
    assert 'value="12ab"' in text_of(response)


def test_a_krs_number_already_in_razem_is_named_at_step_one_without_asking_krs(
    client, resident, verified_org, krs_answers
):
    client.force_login(resident)

    page = text_of(client.get("/organizacje/zarejestruj/", {"krs": "100001"}))

    expected = in_polish("This KRS number is already registered in Razem by: %(name)s.") % {
        "name": "Stowarzyszenie Przyjaciół Plant"
    }
    assert expected in page
    assert f'href="{verified_org.get_absolute_url()}"' in page


def test_registering_from_a_krs_lookup_saves_a_pending_organization_with_its_extract(
    client, resident, officer, reference_data, krs_answers, media_root
):
    krs_answers["0000654321"] = extract_for()
    client.force_login(resident)
    client.get("/organizacje/zarejestruj/", {"krs": "0000654321"})

    data = form_data(areas=[area("1").pk, area("4").pk], district=District.objects.get(number=1).pk)
    data["logo"] = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    response = client.post("/organizacje/zarejestruj/", data, follow=True)

    assert response.redirect_chain, response.context["form"].errors
    organization = Organization.objects.get(krs="0000654321")
    assert response.redirect_chain == [(organization.get_absolute_url(), 302)]
    assert organization.status == Organization.Status.PENDING
    assert organization.nip == "1234563218"
    assert sorted(organization.areas.values_list("code", flat=True)) == ["1", "4"]
    assert organization.logo.name.endswith(".png")
    assert Membership.objects.get(organization=organization, user=resident).role == Membership.Role.ADMIN
    assert organization.krs_extract["board"][0] == {"name": "Anna Nowak", "function": "Prezes Zarządu"}
    assert organization.krs_extract["representation_rule"] == "Dwóch członków zarządu łącznie."
    assert organization.krs_checked_at is not None
    assert LogEntry.objects.filter(action="organizations.organization.krs_extract_stored", actor=resident).exists()
    page = text_of(response)
    assert in_polish("Awaiting verification") in page
    assert "city office" in page or "urząd" in page.lower()
    notice = Notification.objects.get(recipient=officer, kind="organizations/registered")
    assert "Fundacja Zażółć Gęślą Jaźń" in notice.title


def test_registering_without_a_lookup_keeps_no_extract(client, resident, reference_data, krs_answers):
    client.force_login(resident)

    client.post("/organizacje/zarejestruj/", form_data())

    organization = Organization.objects.get(krs="0000654321")
    assert organization.krs_extract is None and organization.krs_checked_at is None


def test_an_extract_looked_up_for_another_number_is_not_stored(client, resident, reference_data, krs_answers):
    krs_answers["0000111111"] = extract_for("0000111111")
    client.force_login(resident)
    client.get("/organizacje/zarejestruj/", {"krs": "0000111111"})

    client.post("/organizacje/zarejestruj/", form_data())

    assert Organization.objects.get(krs="0000654321").krs_extract is None


def test_an_organization_outside_krs_registers_from_the_form_without_a_number(client, resident, reference_data):
    client.force_login(resident)
    page = text_of(client.get("/organizacje/zarejestruj/", {"bez-krs": "1"}))
    assert 'name="register_type"' in page

    response = client.post(
        "/organizacje/zarejestruj/",
        form_data(name="Stowarzyszenie Zwykłe Sąsiedzi", legal_form="stowarzyszenie_zwykle", register_type="ewidencja",
                  krs="", register_number="SZ/12/2024", nip="", regon=""),
    )  # fmt: skip

    organization = Organization.objects.get(name="Stowarzyszenie Zwykłe Sąsiedzi")
    assert response.status_code == 302
    assert organization.register_number == "SZ/12/2024" and organization.krs == ""


def test_a_duplicate_krs_names_the_organization_that_has_it_and_keeps_everything_typed(client, resident, verified_org):
    client.force_login(resident)

    response = client.post("/organizacje/zarejestruj/", form_data(krs="0000100001", description="Nasz opis."))
    page = text_of(response)

    assert response.status_code == 200
    expected = in_polish("This KRS number is already registered in Razem by: %(name)s.") % {
        "name": "Stowarzyszenie Przyjaciół Plant"
    }
    assert response.context["form"].errors["krs"] == [expected]
    assert expected in page
    assert 'value="Fundacja Zażółć Gęślą Jaźń"' in page and "Nasz opis." in page and 'value="+48 12 000 00 00"' in page
    assert Organization.objects.count() == 1


def test_a_duplicate_found_only_by_the_service_is_shown_next_to_the_krs_field(
    client, resident, verified_org, monkeypatch
):
    """Two people registering the same KRS at once: the form saw no duplicate, the service does."""
    from razem.organizations.forms import OrganizationForm

    monkeypatch.setattr(OrganizationForm, "clean_krs", lambda self: self.cleaned_data["krs"])
    monkeypatch.setattr(OrganizationForm, "validate_constraints", lambda self: None)
    client.force_login(resident)

    response = client.post("/organizacje/zarejestruj/", form_data(krs="0000100001"))

    assert "Stowarzyszenie Przyjaciół Plant" in " ".join(response.context["form"].errors["krs"])
    assert not Membership.objects.filter(user=resident).exists()


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("nip", "123-456-32-19", "This NIP number is not valid: its check digit does not match. Check for a typo."),
        ("nip", "12345", "A NIP number has 10 digits, e.g. 123-456-32-18."),
        ("regon", "123456786", "This REGON number is not valid: its check digit does not match. Check for a typo."),
        ("regon", "1234", "A REGON number has 9 or 14 digits."),
        ("krs", "12x", "A KRS number contains only digits, e.g. 0000123456."),
        ("postal_code", "31019x", "Enter a postal code like 31-004."),
    ],
)
def test_an_invalid_identifier_gets_a_polish_message_and_the_rest_is_kept(
    client, resident, reference_data, field, typed, message
):
    client.force_login(resident)

    response = client.post("/organizacje/zarejestruj/", form_data(**{field: typed}))
    page = text_of(response)

    assert response.context["form"].errors[field] == [in_polish(message)]
    assert in_polish(message) in page
    assert f'value="{typed}"' in page
    assert 'value="Fundacja Zażółć Gęślą Jaźń"' in page
    assert not Organization.objects.exists()


def test_a_file_that_is_not_an_image_is_refused_as_a_logo_and_the_rest_is_kept(
    client, resident, reference_data, media_root
):
    client.force_login(resident)
    data = form_data(areas=[area("3").pk])
    data["logo"] = SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image", content_type="image/png")

    response = client.post("/organizacje/zarejestruj/", data)
    page = text_of(response)

    assert response.context["form"].errors["logo"] == [
        in_polish("The logo must be an image file (PNG, JPEG, WebP or GIF).")
    ]
    assert 'value="Fundacja Zażółć Gęślą Jaźń"' in page and "Uczymy dzieci pisać bez błędów." in page
    assert re.search(rf'value="{area("3").pk}"[^>]*checked', page)  # the ticked area stays ticked
    assert (
        in_polish(
            "If you chose a logo, choose the file again: a browser cannot keep a chosen file after the form is sent "
            "back with corrections."
        )
        in page
    )
    assert not Organization.objects.exists()


def test_an_oversized_logo_is_refused_with_its_size(client, resident, reference_data, media_root):
    client.force_login(resident)
    data = form_data()
    data["logo"] = SimpleUploadedFile(
        "logo.png", png_bytes() + b"\0" * (2 * 1024 * 1024 + 10), content_type="image/png"
    )

    response = client.post("/organizacje/zarejestruj/", data)

    assert response.context["form"].errors["logo"] == [
        in_polish("The logo may be at most 2 MB; this file has %(size)s MB.") % {"size": "2.0"}
    ]
    assert not Organization.objects.exists()


def test_a_registered_description_with_html_is_shown_as_text(client, resident, reference_data):
    client.force_login(resident)
    client.post("/organizacje/zarejestruj/", form_data(description="<script>alert(1)</script>"))

    page = client.get(Organization.objects.get().get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# Editing


def test_an_administrator_edits_the_profile_with_areas_target_groups_and_a_new_logo(
    client, verified_org, org_admin, media_root
):
    client.force_login(org_admin)
    page = client.get(reverse("organizations:edit", args=[verified_org.pk])).content.decode()
    assert re.search(rf'value="{area("1").pk}"[^>]*checked', page)  # the current areas are ticked

    seniors = verified_org.target_groups.model.objects.get(code="seniorzy")
    data = form_data(
        name="Stowarzyszenie Przyjaciół Plant Krakowskich", short_name="", krs="0000100001", nip="", regon="",
        areas=[area("3").pk], target_groups=[seniors.pk],
    )  # fmt: skip
    data["logo"] = SimpleUploadedFile("nowe.png", png_bytes(), content_type="image/png")
    response = client.post(reverse("organizations:edit", args=[verified_org.pk]), data)

    verified_org.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == verified_org.get_absolute_url()
    assert verified_org.slug == "stowarzyszenie-przyjaciol-plant-krakowskich"
    assert list(verified_org.areas.values_list("code", flat=True)) == ["3"]
    assert list(verified_org.target_groups.all()) == [seniors]
    assert verified_org.logo.name.endswith(".png")
    entry = LogEntry.objects.get(action="organizations.organization.updated")
    assert entry.actor == org_admin and "name" in entry.data


def test_an_administrator_removes_the_logo(client, verified_org, org_admin, media_root):
    verified_org.logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    verified_org.save()
    client.force_login(org_admin)
    page = text_of(client.get(reverse("organizations:edit", args=[verified_org.pk])))
    assert in_polish("Remove the current logo") in page

    client.post(reverse("organizations:edit", args=[verified_org.pk]), form_data(krs="0000100001", remove_logo="on"))

    verified_org.refresh_from_db()
    assert not verified_org.logo


def test_an_edit_with_a_duplicate_krs_is_refused_and_keeps_what_was_typed(client, verified_org, pending_org, org_admin):
    client.force_login(org_admin)

    response = client.post(
        reverse("organizations:edit", args=[verified_org.pk]), form_data(name="Nowa nazwa", krs="0000100002")
    )

    page = text_of(response)
    assert "Fundacja Nowa Huta Czyta" in " ".join(response.context["form"].errors["krs"])
    assert 'value="Nowa nazwa"' in page
    assert "Stowarzyszenie Przyjaciół Plant" in page  # the title keeps the saved name
    verified_org.refresh_from_db()
    assert verified_org.name == "Stowarzyszenie Przyjaciół Plant"


def test_an_organization_keeps_its_own_krs_number_when_edited(client, verified_org, org_admin):
    client.force_login(org_admin)

    response = client.post(reverse("organizations:edit", args=[verified_org.pk]), form_data(krs="0000100001"))

    assert response.status_code == 302


def test_a_city_officer_may_correct_a_profile(client, pending_org, officer):
    client.force_login(officer)

    response = client.post(
        reverse("organizations:edit", args=[pending_org.pk]),
        form_data(name="Fundacja Nowa Huta Czyta!", krs="0000100002"),
    )

    assert response.status_code == 302
    pending_org.refresh_from_db()
    assert pending_org.name == "Fundacja Nowa Huta Czyta!"
    assert pending_org.status == Organization.Status.PENDING


# Personal data export and notifications


def test_the_personal_data_export_lists_memberships_and_invitations(client, verified_org, org_member, org_admin):
    from razem.organizations import services

    other = make_organization("Fundacja Druga")
    add_membership(other, org_member, status=Membership.Status.REQUESTED)
    services.invitation_create(actor=org_admin, organization=other, email="celina.czlonkowska@example.org")
    client.force_login(org_member)

    data = client.get("/konto/moje-dane/", {"download": "1"}).json()["organizations"]

    assert {(m["organization"], m["role"], m["status"]) for m in data["memberships"]} == {
        ("Stowarzyszenie Przyjaciół Plant", "member", "active"),
        ("Fundacja Druga", "member", "requested"),
    }
    assert all(m["since"] for m in data["memberships"])
    assert [(i["organization"], i["role"]) for i in data["invitations"]] == [("Fundacja Druga", "member")]
    assert "token" not in str(data)


def test_status_notifications_read_naturally_and_carry_the_reason(pending_org, officer, org_admin):
    from razem.organizations import services

    Organization.objects.filter(pk=pending_org.pk).update(name="Fundacja A & B")
    pending_org.refresh_from_db()
    services.organization_set_status(actor=officer, organization=pending_org, status="rejected", reason="Brak statutu")

    notice = Notification.objects.get(recipient=org_admin, kind="organizations/status_changed")
    assert notice.title.startswith("Fundacja A & B")  # no HTML escaping in plain text
    assert in_polish("Rejected") in notice.title
    assert "Brak statutu" in notice.body


def test_membership_notifications_name_the_person_and_the_message(verified_org, org_admin, resident):
    from razem.organizations import services

    membership = services.membership_request(actor=resident, organization=verified_org, message="Jestem <skarbnikiem>.")
    asked = Notification.objects.get(recipient=org_admin, kind="organizations/membership_requested")
    services.membership_decide(actor=org_admin, membership=membership, accept=True, role="representative")
    decided = Notification.objects.get(recipient=resident, kind="organizations/membership_decided")

    assert "Maria Kowalska" in asked.title and "Stowarzyszenie Przyjaciół Plant" in asked.title
    assert "Jestem <skarbnikiem>." in asked.body
    assert "Stowarzyszenie Przyjaciół Plant" in decided.title
    membership.refresh_from_db()
    with translation.override("pl"):
        role = membership.role_label  # the neutral form: the resident chose none
    assert role in decided.body


def test_a_second_person_may_register_a_different_organization(client, verified_org, reference_data):
    person = make_person("nowa.osoba@example.org")
    client.force_login(person)

    response = client.post("/organizacje/zarejestruj/", form_data(krs="0000200002"))

    assert response.status_code == 302
    assert Organization.objects.filter(krs="0000200002", status="pending").exists()
